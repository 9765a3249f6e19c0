//! Retention and TLS costs of the ingest log (BENCHMARKS.md, "Ingest log"):
//! the time to prune half of a log of N documents, redb's compaction and
//! the file sizes around it, PostgreSQL's DELETE and VACUUM with the table
//! sizes; and reads over plain TCP against TLS (`sslmode=verify-full`).
//!
//! `cargo run --release -p concord-log --example bench_prune -- [--docs N]
//! [--pg URL] [--pg-tls URL]` (defaults: 100,000, `CONCORD_TEST_PG`,
//! `CONCORD_TEST_PG_TLS`). The PostgreSQL log goes in the schema
//! `concord_bench_prune`, dropped first.

use concord_log::{EmbeddedLog, IngestLog, PgLog, Share};
use concord_model::{RawDoc, RawFormat};
use std::time::Instant;

type Result<T> = std::result::Result<T, String>;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "would",
    "resume",
    "after",
    "flooding",
    "in",
    "the",
    "north",
    "left",
    "thousands",
    "without",
    "power",
    "officials",
    "reported",
    "percent",
    "growth",
    "central",
    "bank",
    "rates",
    "election",
    "council",
    "spokesperson",
    "confirmed",
    "earthquake",
    "magnitude",
    "agency",
    "merger",
    "shares",
    "rose",
    "fell",
    "billion",
    "court",
    "ruling",
    "appeal",
    "police",
    "protest",
    "capital",
    "region",
    "hospital",
    "schools",
    "closed",
    "weather",
    "service",
    "warned",
];

/// About 4 KB of pseudo-random words per document: compresses about as
/// much as news text, so PostgreSQL stores it out of line (TOAST) as it
/// would real articles.
fn doc(i: usize) -> RawDoc {
    let mut state = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut text = String::with_capacity(4200);
    while text.len() < 4096 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        text.push(if state.is_multiple_of(13) { '\n' } else { ' ' });
    }
    let mut d = RawDoc::new(format!("bench-{i}"), "bench", RawFormat::Text, text);
    d.title = Some(format!("Report {i}"));
    d
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_prune: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut n_docs = 100_000usize;
    let env = |var: &str| std::env::var(var).ok().filter(|u| !u.is_empty());
    let mut pg = env("CONCORD_TEST_PG");
    let mut pg_tls = env("CONCORD_TEST_PG_TLS");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--docs" => n_docs = value()?.parse().map_err(err)?,
            "--pg" => pg = Some(value()?),
            "--pg-tls" => pg_tls = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let docs: Vec<RawDoc> = (0..n_docs).map(doc).collect();
    let half = (n_docs / 2) as u64;
    println!("{n_docs} documents; prune below {half}\n");
    println!("| log | operation | seconds | size before | size after |");
    println!("|---|---|---:|---:|---:|");

    let dir = tempfile::tempdir().map_err(err)?;
    let file = dir.path().join("log.redb");
    let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let mut log = EmbeddedLog::open(dir.path()).map_err(err)?;
    for chunk in docs.chunks(1000) {
        log.append(chunk).map_err(err)?;
    }
    let full = size();
    let t = Instant::now();
    let pruned = log.prune(half).map_err(err)?;
    let secs = t.elapsed().as_secs_f64();
    row(
        "redb",
        &format!("prune {} records", pruned.removed),
        secs,
        full,
        size(),
    );
    let t = Instant::now();
    log.compact().map_err(err)?;
    row("redb", "compact", t.elapsed().as_secs_f64(), full, size());
    drop(log);

    let Some(url) = pg else {
        println!("\n(no --pg URL: PostgreSQL skipped)");
        return Ok(());
    };
    let plain_base = url
        .split_once('?')
        .map_or(url.as_str(), |(b, _)| b)
        .to_string();
    let mut admin = postgres::Client::connect(&plain_base, postgres::NoTls).map_err(err)?;
    admin
        .batch_execute(
            "DROP SCHEMA IF EXISTS concord_bench_prune CASCADE; CREATE SCHEMA concord_bench_prune",
        )
        .map_err(err)?;
    let schema = |url: &str| {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}options=-c%20search_path%3Dconcord_bench_prune")
    };
    let mut log = PgLog::open(&schema(&url)).map_err(err)?;
    for chunk in docs.chunks(1000) {
        log.append(chunk).map_err(err)?;
    }
    // Reads before the prune: plain against TLS, best of three each.
    read_all("PostgreSQL, plain", &schema(&url), n_docs)?;
    if let Some(tls) = &pg_tls {
        read_all("PostgreSQL, TLS verify-full", &schema(tls), n_docs)?;
    }

    let full = table_size(&mut admin)?;
    let t = Instant::now();
    let pruned = log.prune(half).map_err(err)?;
    let secs = t.elapsed().as_secs_f64();
    row(
        "PostgreSQL",
        &format!("prune {} records (DELETE)", pruned.removed),
        secs,
        full,
        table_size(&mut admin)?,
    );
    let t = Instant::now();
    admin
        .batch_execute("VACUUM concord_bench_prune.concord_log_entries")
        .map_err(err)?;
    row(
        "PostgreSQL",
        "VACUUM",
        t.elapsed().as_secs_f64(),
        full,
        table_size(&mut admin)?,
    );
    let t = Instant::now();
    admin
        .batch_execute("VACUUM FULL concord_bench_prune.concord_log_entries")
        .map_err(err)?;
    row(
        "PostgreSQL",
        "VACUUM FULL",
        t.elapsed().as_secs_f64(),
        full,
        table_size(&mut admin)?,
    );
    Ok(())
}

fn table_size(admin: &mut postgres::Client) -> Result<u64> {
    let bytes: i64 = admin
        .query_one(
            "SELECT pg_total_relation_size('concord_bench_prune.concord_log_entries')",
            &[],
        )
        .map_err(err)?
        .get(0);
    Ok(bytes as u64)
}

fn row(log: &str, what: &str, secs: f64, before: u64, after: u64) {
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    println!(
        "| {log} | {what} | {secs:.3} | {} | {} |",
        mb(before),
        mb(after)
    );
}

/// Read every document in epochs of 10,000 on a fresh connection; the best
/// of three runs.
fn read_all(label: &str, url: &str, n_docs: usize) -> Result<()> {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let log = PgLog::open_read_only(url).map_err(err)?;
        let mut n = 0;
        let mut start = 0u64;
        while start < n_docs as u64 {
            n += log
                .read(start..start + 10_000, Share::ALL)
                .map_err(err)?
                .len();
            start += 10_000;
        }
        if n != n_docs {
            return Err(format!("{label}: read {n} of {n_docs}"));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "| {label} | read all, epochs of 10,000 (best of 3) | {best:.3} | {:.0} documents/s | |",
        n_docs as f64 / best
    );
    Ok(())
}
