//! Append and read throughput of the embedded and the PostgreSQL log on
//! generated news-sized documents, for sizing a deployment
//! (`scripts/bench-log.sh` runs it; the numbers are in BENCHMARKS.md).
//!
//! `cargo run --release -p concord-log --example bench_log -- [--docs N]
//! [--batch N] [--pg URL]`. Without `--pg` (or `CONCORD_TEST_PG`) only the
//! embedded log is measured. The PostgreSQL log is written in a schema
//! `concord_bench`, dropped first.

use concord_log::{EmbeddedLog, IngestLog, PgLog, Share};
use concord_model::{RawDoc, RawFormat};
use std::time::Instant;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "with",
    "unions",
    "would",
    "resume",
    "after",
    "a",
    "strike",
    "closed",
    "ports",
    "in",
    "three",
    "cities",
    "and",
    "prices",
    "rose",
    "by",
    "percent",
    "according",
    "to",
    "figures",
    "published",
    "agency",
    "officials",
    "police",
    "reported",
    "economy",
    "government",
    "parliament",
    "vote",
    "of",
    "election",
    "München",
    "Zürich",
    "São",
    "Paulo",
    "inflation",
    "growth",
    "company",
    "shares",
    "fell",
    "analysts",
    "expected",
    "quarter",
    "résumé",
    "negotiations",
    "court",
];

/// A deterministic generator (xorshift), so every run writes the same log.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A news article of 2–6 KB (about 4 KB on average) with its metadata.
fn article(i: usize, rng: &mut Rng) -> RawDoc {
    let target = 2048 + rng.below(4096);
    let mut text = String::with_capacity(target + 200);
    while text.len() < target {
        let n_words = 15 + rng.below(25);
        for w in 0..n_words {
            let word = WORDS[rng.below(WORDS.len())];
            if w == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text.push_str(if rng.below(4) == 0 { ".\n\n" } else { ". " });
    }
    let mut doc = RawDoc::new(
        format!("bench-{i:07}"),
        format!("feeds/day-{}.jsonl#{}", i / 10_000, i % 10_000),
        RawFormat::Record,
        text,
    );
    doc.title = Some(format!("Talks resume after strike, article {i}"));
    doc.published = Some(format!("2026-11-{:02}T08:{:02}:00Z", 1 + i % 28, i % 60));
    doc.outlet = Some(["Reuters", "AP", "AFP", "dpa"][i % 4].to_string());
    doc.url = Some(format!("https://news.example/{}/story-{i}", i % 97));
    doc
}

type Opened = Result<Box<dyn IngestLog + Send>, String>;

struct Options {
    n_docs: usize,
    batch: usize,
    pg: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        n_docs: 50_000,
        batch: 1000,
        pg: std::env::var("CONCORD_TEST_PG")
            .ok()
            .filter(|u| !u.is_empty()),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--docs" => options.n_docs = value()?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--batch" => options.batch = value()?.parse().map_err(|e| format!("--batch: {e}"))?,
            "--pg" => options.pg = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn rate(label: &str, what: &str, n_docs: usize, bytes: usize, secs: f64) {
    println!(
        "| {label} | {what} | {n_docs} | {:.2} | {:.0} | {:.1} |",
        secs,
        n_docs as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

/// Appends in batches, reads back in epoch-sized ranges, reads by shares
/// from parallel readers, and times single-document appends.
fn bench(
    label: &str,
    docs: &[RawDoc],
    json_bytes: usize,
    batch: usize,
    open: &dyn Fn() -> Opened,
    open_reader: &(dyn Fn() -> Opened + Sync),
) -> Result<(), String> {
    let n = docs.len();
    {
        let mut log = open()?;
        let t = Instant::now();
        for chunk in docs.chunks(batch) {
            log.append(chunk).map_err(|e| e.to_string())?;
        }
        rate(
            label,
            &format!("append, batches of {batch}"),
            n,
            json_bytes,
            t.elapsed().as_secs_f64(),
        );

        let singles = &docs[..n.min(500)];
        let single_bytes = json_bytes * singles.len() / n;
        let t = Instant::now();
        for doc in singles {
            log.append(std::slice::from_ref(doc))
                .map_err(|e| e.to_string())?;
        }
        rate(
            label,
            "append, one document per commit",
            singles.len(),
            single_bytes,
            t.elapsed().as_secs_f64(),
        );
    }

    let t = Instant::now();
    let end = open_reader()?.end().map_err(|e| e.to_string())?;
    println!(
        "| {label} | open a reader and read `end()` | | {:.3} | | |",
        t.elapsed().as_secs_f64()
    );
    let epoch = 10_000u64;
    let log = open_reader()?;
    let t = Instant::now();
    let mut n_read = 0;
    let mut start = 0;
    while start < n as u64 {
        n_read += log
            .read(start..(start + epoch).min(n as u64), Share::ALL)
            .map_err(|e| e.to_string())?
            .len();
        start += epoch;
    }
    if n_read != n {
        return Err(format!(
            "{label}: read {n_read} of {n} documents (end {end})"
        ));
    }
    rate(
        label,
        "read, epochs of 10,000, one reader",
        n,
        json_bytes,
        t.elapsed().as_secs_f64(),
    );

    for peers in [2usize, 4] {
        let t = Instant::now();
        let share = log
            .read(0..n as u64, Share { index: 1, peers })
            .map_err(|e| e.to_string())?;
        rate(
            label,
            &format!("read, share 1 of {peers} alone"),
            share.len(),
            json_bytes / peers,
            t.elapsed().as_secs_f64(),
        );
    }
    for peers in [2usize, 4] {
        let t = Instant::now();
        let counts: Vec<Result<usize, String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..peers)
                .map(|index| {
                    scope.spawn(move || {
                        let log = open_reader()?;
                        log.read(0..n as u64, Share { index, peers })
                            .map(|entries| entries.len())
                            .map_err(|e| e.to_string())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err("reader panicked".into())))
                .collect()
        });
        let total: usize = counts
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?
            .iter()
            .sum();
        if total != n {
            return Err(format!("{label}: {peers} shares read {total} of {n}"));
        }
        rate(
            label,
            &format!("read, {peers} parallel shares"),
            n,
            json_bytes,
            t.elapsed().as_secs_f64(),
        );
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_log: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let docs: Vec<RawDoc> = (0..options.n_docs).map(|i| article(i, &mut rng)).collect();
    let json_bytes: usize = docs
        .iter()
        .map(|d| serde_json::to_vec(d).map(|v| v.len()).unwrap_or(0))
        .sum();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "{} documents, {:.0} bytes of text and {:.0} bytes of JSON each on average\n",
        docs.len(),
        text_bytes as f64 / docs.len() as f64,
        json_bytes as f64 / docs.len() as f64
    );
    println!("| log | operation | documents | seconds | documents/s | MB/s (JSON) |");
    println!("|---|---|---:|---:|---:|---:|");

    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().to_path_buf();
    bench(
        "embedded (redb)",
        &docs,
        json_bytes,
        options.batch,
        &|| {
            Ok(Box::new(
                EmbeddedLog::open(&path).map_err(|e| e.to_string())?,
            ))
        },
        &|| {
            Ok(Box::new(
                EmbeddedLog::open_read_only(&path).map_err(|e| e.to_string())?,
            ))
        },
    )?;

    if let Some(url) = &options.pg {
        let mut admin =
            postgres::Client::connect(url, postgres::NoTls).map_err(|e| e.to_string())?;
        admin
            .batch_execute(
                "DROP SCHEMA IF EXISTS concord_bench CASCADE; CREATE SCHEMA concord_bench",
            )
            .map_err(|e| e.to_string())?;
        let sep = if url.contains('?') { '&' } else { '?' };
        let bench_url = format!("{url}{sep}options=-c%20search_path%3Dconcord_bench");
        bench(
            "PostgreSQL",
            &docs,
            json_bytes,
            options.batch,
            &|| {
                Ok(Box::new(
                    PgLog::open(&bench_url).map_err(|e| e.to_string())?,
                ))
            },
            &|| {
                Ok(Box::new(
                    PgLog::open_read_only(&bench_url).map_err(|e| e.to_string())?,
                ))
            },
        )?;
        concurrent_appenders(&bench_url, &docs, json_bytes)?;
        let size: String = admin
            .query_one(
                "SELECT pg_size_pretty(pg_total_relation_size('concord_bench.concord_log_entries'))",
                &[],
            )
            .map_err(|e| e.to_string())?
            .get(0);
        println!("\nPostgreSQL table size after the run: {size}");
    }
    Ok(())
}

/// Several processes' worth of appenders (threads with a connection each)
/// writing batches of 100 at once: the counter row serialises them.
fn concurrent_appenders(url: &str, all: &[RawDoc], json_bytes: usize) -> Result<(), String> {
    let docs = &all[..all.len().min(20_000)];
    let bytes = json_bytes / all.len().max(1) * docs.len();
    for n_appenders in [1usize, 2, 4] {
        let t = Instant::now();
        let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..n_appenders)
                .map(|a| {
                    scope.spawn(move || {
                        let mut log = PgLog::open(url).map_err(|e| e.to_string())?;
                        for chunk in docs.chunks(100).skip(a).step_by(n_appenders) {
                            log.append(chunk).map_err(|e| e.to_string())?;
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err("appender panicked".into())))
                .collect()
        });
        results.into_iter().collect::<Result<Vec<_>, _>>()?;
        rate(
            "PostgreSQL",
            &format!("append, {n_appenders} concurrent appenders, batches of 100"),
            docs.len(),
            bytes,
            t.elapsed().as_secs_f64(),
        );
    }
    Ok(())
}
