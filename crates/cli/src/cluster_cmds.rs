//! `concord log append` and `concord cluster`: the ingest log and the
//! dataflow that reads it in epochs.

use anyhow::{bail, Context, Result};
use concord_dataflow::{RuleConfig, RunConfig, Workers};
use concord_log::IngestLog;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Open the log named by `spec`: a `postgres://` URL (the shared log for
/// several machines) or a directory holding the embedded log
/// (`DIR/log.redb`, which several processes on one machine can read at once).
pub fn open_log(spec: &str, read_only: bool) -> Result<Box<dyn IngestLog>> {
    let log = concord_log::open(spec, read_only)
        .with_context(|| format!("opening the log {}", concord_log::redact_url(spec)))?;
    Ok(log)
}

/// `concord log append SOURCES… [--log DIR]`.
/// Also `concord ingest SOURCES… --log SPEC`.
pub fn append(inputs: &[PathBuf], spec: &str) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut log = open_log(spec, false)?;
    let read = concord_ingest::read_paths(inputs);
    // One line per bad input; the rest is appended.
    for d in &read.diagnostics {
        eprintln!("concord: {d}");
    }
    let offsets = log
        .append(&read.docs)
        .with_context(|| format!("appending to the log in {}", concord_log::redact_url(spec)))?;
    eprintln!(
        "concord: appended {} documents at offsets {}..{} in {:.2}s; log: {} documents",
        read.docs.len(),
        offsets.start,
        offsets.end,
        started.elapsed().as_secs_f64(),
        offsets.end
    );
    Ok(if read.diagnostics.iter().all(|d| d.note) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The settings of `concord cluster`.
#[derive(clap::Args)]
pub struct ClusterArgs {
    /// The log: a folder holding log.redb, or a postgres:// URL.
    #[arg(long)]
    pub log: String,
    /// Where epochs/epoch-NNNNNN.json go; a rerun resumes after the last one.
    #[arg(long)]
    pub out: PathBuf,
    /// Log offsets per epoch.
    #[arg(long, default_value_t = 1000)]
    pub epoch_size: u64,
    /// Epochs an article stays in the live window.
    #[arg(long, default_value_t = 24)]
    pub window: u64,
    /// Worker threads in this process.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Processes in the cluster (each started with its own --process).
    #[arg(long, default_value_t = 1)]
    pub processes: usize,
    /// This process's index in the hostfile (0-based).
    #[arg(long, default_value_t = 0)]
    pub process: usize,
    /// One host:port per process, in process order.
    #[arg(long)]
    pub hostfile: Option<PathBuf>,
    /// Skip fact extraction and the per-story claims, quotes and timelines.
    #[arg(long)]
    pub no_claims: bool,
    /// Stop after this many epochs.
    #[arg(long)]
    pub max_epochs: Option<u64>,
    /// Most days between two articles' publication dates for them to be
    /// compared.
    #[arg(long, default_value_t = 3)]
    pub max_days_apart: u32,
    /// Least average similarity (cosine of TF-IDF term vectors, 0–1) for
    /// two groups of articles to be one story.
    #[arg(long, default_value_t = 0.03)]
    pub story_threshold: f64,
}

/// `concord cluster`: this process's workers of the dataflow.
pub fn cluster(args: ClusterArgs) -> Result<ExitCode> {
    let workers = workers(&args)?;
    let timely = workers.timely_config()?;
    let spec = args.log.clone();
    // Checked once here, so a missing log is one clear line, not a worker panic.
    open_log(&spec, true)?;
    let open: Arc<concord_dataflow::OpenLog> = Arc::new(move || match open_log(&spec, true) {
        Ok(log) => Ok(log),
        Err(e) => Err(concord_log::LogError::Database(format!("{e:#}"))),
    });
    let config = RunConfig {
        epoch_size: args.epoch_size,
        window: args.window,
        out_dir: args.out.clone(),
        rules: RuleConfig {
            max_days_apart: args.max_days_apart,
            story_threshold_ppm: (args.story_threshold.clamp(0.0, 1.0) * 1e6).round() as u32,
            ..RuleConfig::for_window(args.epoch_size, args.window)
        },
        claims: !args.no_claims,
        max_epochs: args.max_epochs,
        epoch_pause: epoch_pause(),
    };
    let started = std::time::Instant::now();
    let summary = concord_dataflow::run(timely, open, config)
        .with_context(|| format!("clustering into {}", args.out.display()))?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let mut latencies = summary.epoch_seconds.clone();
    latencies.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    eprintln!(
        "concord: {} epochs written, {} unchanged, {} replayed; {} articles read here in {:.2}s ({:.0} articles/s); epoch latency p50 {:.3}s max {:.3}s",
        summary.epochs_written,
        summary.epochs_unchanged,
        summary.epochs_replayed,
        summary.articles_read,
        secs,
        summary.articles_read as f64 / secs,
        pick(0.5),
        pick(1.0),
    );
    Ok(ExitCode::SUCCESS)
}

fn workers(args: &ClusterArgs) -> Result<Workers> {
    if args.processes <= 1 {
        return Ok(Workers {
            threads: args.threads,
            cluster: None,
        });
    }
    let Some(hostfile) = &args.hostfile else {
        bail!("--processes {} needs --hostfile", args.processes);
    };
    let text = std::fs::read_to_string(hostfile)
        .with_context(|| format!("reading {}", hostfile.display()))?;
    let hosts = concord_dataflow::parse_hostfile(&text);
    if hosts.len() != args.processes {
        bail!(
            "{}: {} hosts for --processes {}",
            hostfile.display(),
            hosts.len(),
            args.processes
        );
    }
    Ok(Workers {
        threads: args.threads,
        cluster: Some((args.process, hosts)),
    })
}

/// `CONCORD_EPOCH_PAUSE_MS`: a sleep after each epoch, so crash tests can
/// kill a worker mid-run.
fn epoch_pause() -> Duration {
    std::env::var("CONCORD_EPOCH_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::ZERO, Duration::from_millis)
}
