//! `concord log prune`: retention for the ingest log.
//!
//! The dataflow never reads below the window it replays on a restart, so
//! the log's older records can go once every `concord cluster` output that
//! reads the log has written its epochs past them. `--keep-for OUT`
//! computes that offset from OUT's epoch files; `--before` takes it as is.

use crate::cluster_cmds::open_log;
use anyhow::{bail, Context, Result};
use concord_log::redact_url;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The settings of `concord log prune`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("offset").required(true).args(["before", "keep_for"])))]
pub struct PruneArgs {
    /// The log: a folder holding log.redb, or a postgres:// URL.
    #[arg(long)]
    pub log: String,
    /// Delete the records below this offset.
    #[arg(long, conflicts_with = "keep_for")]
    pub before: Option<u64>,
    /// Delete only what the restart of `concord cluster --out OUT` no
    /// longer reads (repeat for several outputs of one log: the lowest
    /// offset wins). Needs the run's --epoch-size and --window.
    #[arg(long, value_name = "OUT", requires_all = ["epoch_size", "window"])]
    pub keep_for: Vec<PathBuf>,
    /// The --epoch-size of those `concord cluster` runs.
    #[arg(long)]
    pub epoch_size: Option<u64>,
    /// The --window of those `concord cluster` runs.
    #[arg(long)]
    pub window: Option<u64>,
    /// Print what would be deleted and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Leave an embedded log's file its size (the space is reused by later
    /// appends) instead of compacting it.
    #[arg(long)]
    pub no_compact: bool,
}

/// `concord log prune`.
pub fn prune(args: PruneArgs) -> Result<ExitCode> {
    let shown = redact_url(&args.log);
    let before = match args.before {
        Some(before) => before,
        None => {
            let (Some(epoch_size), Some(window)) = (args.epoch_size, args.window) else {
                bail!("--keep-for needs --epoch-size and --window");
            };
            let mut lowest = u64::MAX;
            for out in &args.keep_for {
                let safe = safe_offset(out, epoch_size, window)?;
                eprintln!(
                    "concord: {} still needs offsets from {safe} on",
                    out.display()
                );
                lowest = lowest.min(safe);
            }
            lowest
        }
    };
    let started = std::time::Instant::now();
    {
        // Read-only first: an open for writing would create a log where
        // there is none (a mistyped folder or schema).
        let log = open_log(&args.log, true)?;
        if args.dry_run {
            let start = log.start().with_context(|| format!("reading {shown}"))?;
            let end = log.end().with_context(|| format!("reading {shown}"))?;
            let cut = before.min(end).max(start);
            eprintln!(
                "concord: dry run: would delete offsets {start}..{cut} ({} records); the log would hold {cut}..{end}",
                cut - start
            );
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut log = open_log(&args.log, false)?;
    let pruned = log
        .prune(before)
        .with_context(|| format!("pruning {shown}"))?;
    let end = log.end().with_context(|| format!("reading {shown}"))?;
    eprintln!(
        "concord: deleted {} records in {:.2}s; the log holds offsets {}..{end}",
        pruned.removed,
        started.elapsed().as_secs_f64(),
        pruned.start,
    );
    if concord_log::is_postgres_url(&args.log) {
        // Autovacuum makes the dead rows reusable in its own time; giving
        // the disk space back is an operator's call (it locks the table).
        if pruned.removed > 0 {
            eprintln!(
                "concord: PostgreSQL reuses the space after (auto)vacuum; `VACUUM FULL concord_log_entries` returns it to the system but locks the log while it runs"
            );
        }
    } else if !args.no_compact && pruned.removed > 0 {
        drop(log);
        let compacting = std::time::Instant::now();
        let mut log = concord_log::EmbeddedLog::open(Path::new(&args.log))
            .with_context(|| format!("opening the log {shown} to compact it"))?;
        log.compact()
            .with_context(|| format!("compacting {}", log.path().display()))?;
        eprintln!(
            "concord: compacted {} in {:.2}s",
            log.path().display(),
            compacting.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The lowest offset a restart of `concord cluster --out out` reads: it
/// resumes after the last complete epoch file and first replays the epochs
/// its live articles were weighed against (`concord_dataflow::run::replay_from`),
/// so everything below the first of those may go. No epoch file yet:
/// nothing may go.
pub fn safe_offset(out: &Path, epoch_size: u64, window: u64) -> Result<u64> {
    if epoch_size == 0 || window == 0 {
        bail!("--epoch-size and --window must be at least 1");
    }
    let epochs = out.join("epochs");
    if !epochs.is_dir() {
        bail!(
            "{}: no epochs folder (not the --out of `concord cluster`?)",
            epochs.display()
        );
    }
    let Some(last) = concord_dataflow::output::last_completed_epoch(out) else {
        return Ok(0);
    };
    let replay_from = concord_dataflow::run::replay_from(last + 1, window);
    let safe = replay_from
        .checked_mul(epoch_size)
        .with_context(|| format!("epoch {replay_from} × --epoch-size {epoch_size} overflows"))?;
    // The last file's stories are its live window: an offset below the
    // cut means the run used other settings than the ones given here.
    let output = concord_dataflow::output::read_epoch(out, last)
        .with_context(|| format!("reading the last epoch file in {}", out.display()))?;
    let lowest = output
        .stories
        .iter()
        .flat_map(|s| s.articles.iter().copied())
        .min();
    if let Some(lowest) = lowest.filter(|&o| o < safe) {
        bail!(
            "{}: epoch {last} holds offset {lowest}, below the cut at {safe}: were --epoch-size {epoch_size} and --window {window} the run's settings?",
            out.display()
        );
    }
    Ok(safe)
}
