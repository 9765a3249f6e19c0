//! Running Concord's near-duplicate stage over the corpus: end-to-end
//! throughput and peak memory, per-stage timings, and recall and precision
//! against the brute-force truth.
//!
//! Pairs are scored at article level. An exact duplicate is reported only
//! against its first copy and shares that copy's shingle set, so a pair
//! counts as reported when both articles have the same first copy or their
//! first copies were reported as near duplicates.

use crate::truth::Truth;
use concord_dedup::minhash::{LshIndex, MinHashConfig, NearDupIndex, Signature};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// What one run measured; written as JSON for `scripts/bench_dedup.py`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub n_docs: usize,
    pub num_perm: usize,
    pub bands: usize,
    pub rows: usize,
    pub threshold: f64,
    pub shingle_words: usize,
    pub max_bucket: usize,
    /// Resident memory once the corpus is loaded, before indexing.
    pub rss_loaded_mib: f64,
    /// Peak resident memory (VmHWM) after the end-to-end run.
    pub peak_rss_mib: f64,
    pub total_secs: f64,
    /// CPU time of the indexing thread for the same run: what the work
    /// costs when other processes share the cores.
    pub cpu_secs: f64,
    pub articles_per_sec: f64,
    pub articles_per_cpu_sec: f64,
    /// Per-stage CPU time per article (LSH: per article indexed, i.e.
    /// exact duplicates excluded).
    pub ns_per_shingling: f64,
    pub ns_per_signature: f64,
    pub ns_per_lsh_insert: f64,
    pub ns_per_lsh_query: f64,
    pub mean_shingles: f64,
    pub exact_duplicates: usize,
    pub near_pairs: usize,
    pub candidates_per_article: f64,
    pub full_buckets: usize,
    pub turned_away: usize,
    pub truth_pairs: usize,
    pub truth_pairs_near_threshold: usize,
    pub recall: f64,
    pub recall_near_threshold: f64,
    pub precision: f64,
}

/// Indexes `texts` one at a time, measures, and scores against `truth`.
pub fn run(texts: &[String], truth: &Truth, config: &MinHashConfig) -> anyhow::Result<Report> {
    let rss_loaded_mib = proc_status_mib("VmRSS:");
    let mut index = NearDupIndex::new(config);
    let mut first_copy: Vec<u32> = Vec::with_capacity(texts.len());
    let mut near: Vec<(u32, u32)> = Vec::new();
    let mut n_candidates = 0usize;
    let start = Instant::now();
    let cpu_start = thread_cpu_secs();
    for text in texts {
        let arrival = index.add(text)?;
        first_copy.push(arrival.exact_of.unwrap_or(arrival.id));
        near.extend(arrival.near.iter().map(|&(other, _)| (other, arrival.id)));
        n_candidates += arrival.candidates;
    }
    let total_secs = start.elapsed().as_secs_f64();
    let cpu_secs = thread_cpu_secs() - cpu_start;
    let peak_rss_mib = proc_status_mib("VmHWM:");
    let exact_duplicates = first_copy
        .iter()
        .enumerate()
        .filter(|&(id, &first)| id != first as usize)
        .count();
    let (full_buckets, turned_away) = (index.lsh().full_buckets(), index.lsh().turned_away());
    let hasher = index.hasher().clone();
    drop(index);

    // Per-stage timings, on a second pass with the pieces called one by
    // one; CPU time, so that other processes on the cores do not count.
    let n = texts.len().max(1) as f64;
    let (sets, cpu) = cpu_timed(|| texts.iter().map(|t| hasher.shingles(t)).collect::<Vec<_>>());
    let ns_per_shingling = cpu * 1e9 / n;
    let mean_shingles = sets.iter().map(|s| s.len()).sum::<usize>() as f64 / n;
    let (signatures, cpu) = cpu_timed(|| {
        sets.iter()
            .map(|s| hasher.signature_of(s))
            .collect::<Vec<Signature>>()
    });
    let ns_per_signature = cpu * 1e9 / n;
    drop(sets);
    let firsts: Vec<(u32, &Signature)> = first_copy
        .iter()
        .zip(&signatures)
        .enumerate()
        .filter(|&(id, (&first, _))| id == first as usize)
        .map(|(_, (&first, signature))| (first, signature))
        .collect();
    let n_firsts = firsts.len().max(1) as f64;
    let mut lsh = LshIndex::new(config.bands, config.rows, config.max_bucket);
    let ((), cpu) = cpu_timed(|| {
        for &(id, signature) in &firsts {
            std::hint::black_box(lsh.insert(id, signature));
        }
    });
    let ns_per_lsh_insert = cpu * 1e9 / n_firsts;
    let ((), cpu) = cpu_timed(|| {
        for &(_, signature) in &firsts {
            std::hint::black_box(lsh.query(signature));
        }
    });
    let ns_per_lsh_query = cpu * 1e9 / n_firsts;

    let score = score(&first_copy, &near, truth);
    Ok(Report {
        n_docs: texts.len(),
        num_perm: config.num_perm,
        bands: config.effective_bands(),
        rows: config.rows,
        threshold: config.threshold,
        shingle_words: config.shingle_words,
        max_bucket: config.max_bucket,
        rss_loaded_mib,
        peak_rss_mib,
        total_secs,
        cpu_secs,
        articles_per_sec: texts.len() as f64 / total_secs.max(1e-9),
        articles_per_cpu_sec: texts.len() as f64 / cpu_secs.max(1e-9),
        ns_per_shingling,
        ns_per_signature,
        ns_per_lsh_insert,
        ns_per_lsh_query,
        mean_shingles,
        exact_duplicates,
        near_pairs: near.len(),
        candidates_per_article: n_candidates as f64 / n,
        full_buckets,
        turned_away,
        truth_pairs: truth.pairs.len(),
        truth_pairs_near_threshold: score.near_threshold_total,
        recall: score.recall,
        recall_near_threshold: score.recall_near_threshold,
        precision: score.precision,
    })
}

struct Score {
    recall: f64,
    recall_near_threshold: f64,
    near_threshold_total: usize,
    precision: f64,
}

/// Width of the band above the threshold reported separately: the pairs
/// LSH is most likely to miss.
pub const NEAR_THRESHOLD_BAND: f64 = 0.05;

/// Recall and precision of the reported pairs that involve a sampled
/// article, against the brute-force truth.
fn score(first_copy: &[u32], near: &[(u32, u32)], truth: &Truth) -> Score {
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (id, &first) in first_copy.iter().enumerate() {
        members.entry(first).or_default().push(id);
    }
    let mut linked: HashMap<u32, Vec<u32>> = HashMap::new();
    for &(a, b) in near {
        linked.entry(a).or_default().push(b);
        linked.entry(b).or_default().push(a);
    }
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    for &a in &truth.sample {
        let Some(&first) = first_copy.get(a) else {
            continue;
        };
        let firsts =
            std::iter::once(first).chain(linked.get(&first).into_iter().flatten().copied());
        for other_first in firsts {
            for &b in members.get(&other_first).into_iter().flatten() {
                if b != a {
                    reported.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    let upper = truth.threshold + NEAR_THRESHOLD_BAND;
    let found = |pair: &(usize, usize, f64)| reported.contains(&(pair.0, pair.1));
    let hits = truth.pairs.iter().filter(|p| found(p)).count();
    let near_threshold: Vec<_> = truth.pairs.iter().filter(|p| p.2 < upper).collect();
    let near_hits = near_threshold.iter().filter(|p| found(p)).count();
    let ratio = |x: usize, y: usize| if y == 0 { 1.0 } else { x as f64 / y as f64 };
    Score {
        recall: ratio(hits, truth.pairs.len()),
        recall_near_threshold: ratio(near_hits, near_threshold.len()),
        near_threshold_total: near_threshold.len(),
        precision: ratio(hits, reported.len()),
    }
}

/// The result of `work` and the CPU seconds it took on this thread.
fn cpu_timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let start = thread_cpu_secs();
    let out = work();
    (out, thread_cpu_secs() - start)
}

/// CPU time of the calling thread so far, from the scheduler's own count
/// (`/proc/thread-self/schedstat`, in ns, advanced at scheduler ticks: a
/// few ms of resolution, fine for stages of a tenth of a second and more;
/// 0 where it is unavailable).
fn thread_cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// A `kB` field of `/proc/self/status` in MiB (0 where it is unavailable).
pub fn proc_status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(field))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}
