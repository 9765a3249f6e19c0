//! `concord-bench-dedup`: benchmarks Concord's exact and near-duplicate
//! stage (MinHash/LSH, `concord_dedup::minhash`) on a generated corpus.
//!
//! - `gen` builds the corpus (module `corpus`) and the brute-force truth for
//!   a sample (module `truth`) into a folder: `corpus.jsonl`, `truth.json`.
//! - `run` indexes that corpus one article at a time and prints throughput,
//!   per-stage timings, peak RSS, recall and precision (module `run`).
//! - With no subcommand it does `gen`, then `run` in a child process so the
//!   peak memory it reports is the index's, not the generator's.
//!
//! `scripts/bench_dedup.py` runs this binary and then Python `datasketch`
//! on the same `corpus.jsonl`, and prints the ratio.

mod corpus;
mod run;
mod truth;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use concord_dedup::minhash::MinHashConfig;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The repository root, for default data paths.
const REPO_ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

#[derive(Parser)]
#[command(about = "Benchmark Concord's near-duplicate stage (MinHash/LSH)")]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    gen: GenArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Build the corpus and its brute-force truth.
    Gen(GenArgs),
    /// Index a corpus built by `gen` and report.
    Run(RunArgs),
}

#[derive(Args, Clone)]
struct GenArgs {
    /// Number of articles.
    #[arg(long, default_value_t = 100_000)]
    n: usize,
    /// Seed of the corpus generator and of the sample.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Articles whose pairs with every other article are brute-forced.
    #[arg(long, default_value_t = 1000)]
    sample: usize,
    /// Output folder.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// CSV with a TITLE column (default: shared UCI News Aggregator sample).
    #[arg(long)]
    headlines: Option<PathBuf>,
    /// Folder of fixture stories whose `.txt` articles give sentences.
    #[arg(long)]
    fixtures: Option<PathBuf>,
}

#[derive(Args)]
struct RunArgs {
    /// Folder written by `gen`.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Also write the report as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Gen(args)) => generate(&args),
        Some(Command::Run(args)) => run(&args),
        None => {
            generate(&cli.gen)?;
            let exe = std::env::current_exe().context("locating this binary")?;
            let status = std::process::Command::new(exe)
                .arg("run")
                .arg("--dir")
                .arg(out_dir(cli.gen.dir.as_deref()))
                .status()
                .context("running the `run` phase")?;
            anyhow::ensure!(status.success(), "the `run` phase failed: {status}");
            Ok(())
        }
    }
}

fn out_dir(dir: Option<&Path>) -> PathBuf {
    dir.map_or_else(
        || Path::new(REPO_ROOT).join("out/bench-dedup"),
        Path::to_path_buf,
    )
}

fn generate(args: &GenArgs) -> Result<()> {
    let dir = out_dir(args.dir.as_deref());
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    let headlines = args.headlines.clone().unwrap_or_else(|| {
        Path::new(REPO_ROOT).join("../shared/datasets/uci-news-aggregator/dev.csv")
    });
    let fixtures = args
        .fixtures
        .clone()
        .unwrap_or_else(|| Path::new(REPO_ROOT).join("tests/fixtures"));
    let start = Instant::now();
    let pool = corpus::load_pool(&headlines, &fixtures)?;
    let docs = corpus::generate(&pool, args.n, args.seed);
    let corpus_path = dir.join("corpus.jsonl");
    corpus::write_jsonl(&corpus_path, &docs)?;
    eprintln!(
        "gen: {} articles -> {} in {:.1} s",
        docs.len(),
        corpus_path.display(),
        start.elapsed().as_secs_f64()
    );
    let texts: Vec<String> = docs.into_iter().map(|d| d.text).collect();
    let config = MinHashConfig::default();
    let start = Instant::now();
    let truth = truth::brute_force(
        &texts,
        config.shingle_words,
        config.threshold,
        args.sample,
        args.seed,
    );
    let truth_path = dir.join("truth.json");
    let file =
        std::fs::File::create(&truth_path).with_context(|| format!("{}", truth_path.display()))?;
    serde_json::to_writer(std::io::BufWriter::new(file), &truth)?;
    eprintln!(
        "gen: brute-force Jaccard, {} sampled x {} articles: {} pairs >= {} in {:.1} s -> {}",
        truth.sample.len(),
        texts.len(),
        truth.pairs.len(),
        truth.threshold,
        start.elapsed().as_secs_f64(),
        truth_path.display()
    );
    Ok(())
}

fn run(args: &RunArgs) -> Result<()> {
    let dir = out_dir(args.dir.as_deref());
    let truth_path = dir.join("truth.json");
    let truth: truth::Truth = serde_json::from_reader(std::io::BufReader::new(
        std::fs::File::open(&truth_path).with_context(|| format!("{}", truth_path.display()))?,
    ))
    .with_context(|| format!("{}", truth_path.display()))?;
    let texts = corpus::read_texts(&dir.join("corpus.jsonl"))?;
    let config = MinHashConfig::default();
    let report = run::run(&texts, &truth, &config)?;
    print_report(&report);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)
            .with_context(|| format!("{}", path.display()))?;
    }
    Ok(())
}

fn print_report(r: &run::Report) {
    println!(
        "concord minhash: {} articles, num_perm {}, {} bands x {} rows, {}-word shingles, \
         threshold {}, bucket cap {}",
        r.n_docs, r.num_perm, r.bands, r.rows, r.shingle_words, r.threshold, r.max_bucket
    );
    println!(
        "  end to end (exact + signature + LSH + exact-Jaccard verification, 1 thread): \
         {:.2} s wall, {:.0} articles/s; {:.2} s CPU, {:.0} articles per CPU second",
        r.total_secs, r.articles_per_sec, r.cpu_secs, r.articles_per_cpu_sec
    );
    println!(
        "  per article (CPU): shingling {:.0} ns ({:.0} shingles), signature {:.0} ns, \
         LSH insert {:.0} ns, LSH query {:.0} ns, {:.2} candidates verified",
        r.ns_per_shingling,
        r.mean_shingles,
        r.ns_per_signature,
        r.ns_per_lsh_insert,
        r.ns_per_lsh_query,
        r.candidates_per_article
    );
    println!(
        "  memory: {:.1} MiB with the corpus loaded, peak RSS {:.1} MiB",
        r.rss_loaded_mib, r.peak_rss_mib
    );
    println!(
        "  found: {} exact duplicates, {} near-duplicate pairs; {} full buckets, \
         {} entries turned away",
        r.exact_duplicates, r.near_pairs, r.full_buckets, r.turned_away
    );
    println!(
        "  vs brute force on the sample: recall {:.4} ({} pairs >= {}), recall in [{}, {:.2}) \
         {:.4} ({} pairs), precision {:.4}",
        r.recall,
        r.truth_pairs,
        r.threshold,
        r.threshold,
        r.threshold + run::NEAR_THRESHOLD_BAND,
        r.recall_near_threshold,
        r.truth_pairs_near_threshold,
        r.precision
    );
}
