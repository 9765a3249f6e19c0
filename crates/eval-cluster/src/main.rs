//! `eval-cluster`: feeds the UCI News Aggregator sample to Concord's story
//! clusterers and writes the stories as JSON (`{"stories": [{"id",
//! "articles": [ids…], …}]}`, the shape of `concord stories --format
//! json`), for `scripts/score_clustering.py` to score against the STORY
//! column; and times `OnlineClusterer::add` on a long synthetic stream.

mod bench;
mod methods;
mod rng;
mod uci;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use concord_cluster::{ClusterConfig, OnlineConfig};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "Evaluate and benchmark Concord's story clustering")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Thresholds of the online clusterer that can be overridden (defaults:
/// `OnlineConfig::default()`).
#[derive(clap::Args)]
struct Thresholds {
    #[arg(long)]
    min_similarity: Option<f64>,
    #[arg(long)]
    min_similarity_headline: Option<f64>,
    #[arg(long)]
    merge_similarity: Option<f64>,
    #[arg(long)]
    name_weight: Option<f64>,
    #[arg(long)]
    cold_after_days: Option<i64>,
    #[arg(long)]
    min_shared_terms: Option<usize>,
    #[arg(long)]
    max_candidates: Option<usize>,
    #[arg(long)]
    posting_budget: Option<usize>,
    #[arg(long)]
    max_centroid_terms: Option<usize>,
}

impl Thresholds {
    fn config(&self) -> OnlineConfig {
        let mut c = OnlineConfig::default();
        if let Some(v) = self.min_similarity {
            c.min_similarity = v;
        }
        if let Some(v) = self.min_similarity_headline {
            c.min_similarity_headline = v;
        }
        if let Some(v) = self.merge_similarity {
            c.merge_similarity = v;
        }
        if let Some(v) = self.name_weight {
            c.name_weight = v;
        }
        if let Some(v) = self.cold_after_days {
            c.cold_after_days = v;
        }
        if let Some(v) = self.min_shared_terms {
            c.min_shared_terms = v;
        }
        if let Some(v) = self.max_candidates {
            c.max_candidates = v;
        }
        if let Some(v) = self.posting_budget {
            c.posting_budget = v;
        }
        if let Some(v) = self.max_centroid_terms {
            c.max_centroid_terms = v;
        }
        c
    }
}

#[derive(Subcommand)]
enum Command {
    /// Cluster (part of) the CSV in TIMESTAMP order and print stories JSON.
    Run {
        #[arg(long, default_value = "tests/fixtures/uci/dev.csv")]
        csv: PathBuf,
        #[arg(long, value_enum, default_value = "online")]
        method: methods::Method,
        #[arg(long, value_enum, default_value = "all")]
        part: uci::Part,
        /// Shuffle arrival order within windows of this many minutes.
        #[arg(long)]
        shuffle_minutes: Option<i64>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// `ClusterConfig::min_similarity` for `--method batch` (default:
        /// the batch clusterer's own).
        #[arg(long)]
        batch_min_similarity: Option<f64>,
        /// Write here instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Time every `add` on a synthetic stream built from the CSV's
    /// headlines; prints a JSON report.
    Bench {
        #[arg(long, default_value = "tests/fixtures/uci/dev.csv")]
        csv: PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        articles: usize,
        #[arg(long, default_value_t = 20_000)]
        articles_per_day: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        thresholds: Thresholds,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Run {
            csv,
            method,
            part,
            shuffle_minutes,
            seed,
            batch_min_similarity,
            output,
            thresholds,
        } => {
            let mut rows = uci::select(uci::read_rows(&csv)?, part);
            if let Some(minutes) = shuffle_minutes {
                uci::shuffle_within_windows(&mut rows, minutes, seed);
            }
            let articles: Vec<_> = rows.iter().map(uci::article).collect();
            let mut batch = ClusterConfig::default();
            if let Some(v) = batch_min_similarity {
                batch.min_similarity = v;
            }
            let out = methods::run(method, &articles, &thresholds.config(), &batch);
            let json = serde_json::to_string_pretty(&out)?;
            match output {
                Some(path) => std::fs::write(&path, json + "\n")
                    .with_context(|| format!("{}", path.display()))?,
                None => writeln!(std::io::stdout().lock(), "{json}")?,
            }
        }
        Command::Bench {
            csv,
            articles,
            articles_per_day,
            seed,
            thresholds,
        } => {
            let headlines: Vec<String> =
                uci::read_rows(&csv)?.into_iter().map(|r| r.title).collect();
            anyhow::ensure!(!headlines.is_empty(), "{}: no rows", csv.display());
            let config = bench::BenchConfig {
                articles,
                articles_per_day,
                seed,
            };
            let report = bench::run(&headlines, &config, &thresholds.config());
            writeln!(
                std::io::stdout().lock(),
                "{}",
                serde_json::to_string_pretty(&report)?
            )?;
        }
    }
    Ok(())
}
