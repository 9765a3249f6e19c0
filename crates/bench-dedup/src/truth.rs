//! Ground truth by brute force: for a seeded sample of articles, the exact
//! Jaccard similarity of their shingle sets with every other article of the
//! corpus, and the pairs at or above the threshold.
//!
//! Only a size filter is applied (J ≤ |smaller| / |larger|, so it loses no
//! pair); everything else is the plain [`jaccard`], independent of the
//! index's early-exit verification.

use crate::corpus::Rng;
use concord_dedup::minhash::{jaccard, shingle_set, ShingleSet};
use serde::{Deserialize, Serialize};

/// The pairs that a perfect near-duplicate detector reports for the sample.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Truth {
    pub threshold: f64,
    pub shingle_words: usize,
    pub n_docs: usize,
    /// Sampled article ids, sorted.
    pub sample: Vec<usize>,
    /// `(a, b, jaccard)` with `a < b`, at least one of them sampled, and
    /// `jaccard >= threshold`; sorted and distinct.
    pub pairs: Vec<(usize, usize, f64)>,
}

/// Brute-force truth for `sample_size` articles drawn with `seed`.
pub fn brute_force(
    texts: &[String],
    shingle_words: usize,
    threshold: f64,
    sample_size: usize,
    seed: u64,
) -> Truth {
    let sets: Vec<ShingleSet> = texts
        .iter()
        .map(|t| shingle_set(t, shingle_words))
        .collect();
    let sample = draw_sample(texts.len(), sample_size, seed);
    let n_threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = sample.len().div_ceil(n_threads).max(1);
    let mut pairs: Vec<(usize, usize, f64)> = std::thread::scope(|scope| {
        let workers: Vec<_> = sample
            .chunks(chunk)
            .map(|part| scope.spawn(|| pairs_of(part, &sets, threshold)))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    pairs.sort_by_key(|p| (p.0, p.1));
    pairs.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    Truth {
        threshold,
        shingle_words,
        n_docs: texts.len(),
        sample,
        pairs,
    }
}

/// Pairs at or above `threshold` between each of `part` and every article.
fn pairs_of(part: &[usize], sets: &[ShingleSet], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    for &a in part {
        for (b, other) in sets.iter().enumerate() {
            if a == b {
                continue;
            }
            let (small, large) = if sets[a].len() <= other.len() {
                (sets[a].len(), other.len())
            } else {
                (other.len(), sets[a].len())
            };
            if large > 0 && (small as f64) < threshold * large as f64 {
                continue;
            }
            let similarity = jaccard(&sets[a], other);
            if similarity >= threshold {
                out.push((a.min(b), a.max(b), similarity));
            }
        }
    }
    out
}

/// `k` distinct ids of `0..n`, sorted (a partial Fisher–Yates shuffle).
fn draw_sample(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng::new(seed ^ 0x5a3c_1e0f_d00d_cafe);
    let mut ids: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + rng.below(n - i);
        ids.swap(i, j);
    }
    ids.truncate(k);
    ids.sort_unstable();
    ids
}
