//! Helpers shared by the dataflow's integration tests: the fixture corpus,
//! a temporary log, and a run checked against the reference.
#![allow(dead_code)]

use concord_dataflow::output::read_epoch;
use concord_dataflow::reference::{needed_range, reference_epoch};
use concord_dataflow::{run, EpochOutput, RuleConfig, RunConfig};
use concord_log::{EmbeddedLog, IngestLog};
use concord_model::{RawDoc, RawFormat};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

pub fn fixture_docs() -> Vec<RawDoc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut stories = Vec::new();
    for story in ["seed-story", "quake-story", "merger-story"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(story))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")))
            .collect();
        files.sort();
        let docs: Vec<RawDoc> = files
            .iter()
            .map(|p| {
                let format = if p.extension().is_some_and(|e| e == "html") {
                    RawFormat::Html
                } else {
                    RawFormat::Text
                };
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                RawDoc::new(
                    format!("{story}/{name}"),
                    story,
                    format,
                    std::fs::read_to_string(p).unwrap(),
                )
            })
            .collect();
        stories.push(docs);
    }
    // Interleave the stories so each spans several epochs, and add an exact
    // copy and a near copy of the first seed article.
    let mut out = Vec::new();
    let longest = stories.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        for docs in &stories {
            if let Some(d) = docs.get(i) {
                out.push(d.clone());
            }
        }
    }
    let first = stories[0][0].clone();
    let mut copy = first.clone();
    copy.id = "copy-of-seed-0".into();
    out.push(copy);
    let mut near = first;
    near.id = "near-copy-of-seed-0".into();
    near.text = near.text.replacen(" the ", " a ", 1);
    out.push(near);
    out
}

pub fn write_log(dir: &Path, docs: &[RawDoc]) {
    let mut log = EmbeddedLog::open(dir).unwrap();
    log.append(docs).unwrap();
}

pub fn config(out: &Path, epoch_size: u64, window: u64) -> RunConfig {
    RunConfig {
        epoch_size,
        window,
        out_dir: out.to_path_buf(),
        rules: RuleConfig::default(),
        claims: true,
        max_epochs: None,
        epoch_pause: Duration::ZERO,
    }
}

pub fn opener(dir: &Path) -> Arc<concord_dataflow::run::OpenLog> {
    let dir = dir.to_path_buf();
    Arc::new(move || Ok(Box::new(EmbeddedLog::open_read_only(&dir)?) as Box<dyn IngestLog>))
}

/// Run with `threads` workers and compare every epoch with the reference.
pub fn check(docs: &[RawDoc], epoch_size: u64, window: u64, threads: usize) -> Vec<EpochOutput> {
    check_with(docs, epoch_size, window, threads, &RuleConfig::default())
}

/// A log holding `docs`, an empty output folder, and the run's settings.
fn prepared(
    docs: &[RawDoc],
    epoch_size: u64,
    window: u64,
    rules: &RuleConfig,
) -> (tempfile::TempDir, tempfile::TempDir, RunConfig) {
    let log_dir = tempfile::tempdir().unwrap();
    write_log(log_dir.path(), docs);
    let out = tempfile::tempdir().unwrap();
    let config = RunConfig {
        rules: rules.clone(),
        ..config(out.path(), epoch_size, window)
    };
    (log_dir, out, config)
}

/// [`check`] under other rules.
pub fn check_with(
    docs: &[RawDoc],
    epoch_size: u64,
    window: u64,
    threads: usize,
    rules: &RuleConfig,
) -> Vec<EpochOutput> {
    let (log_dir, out, config) = prepared(docs, epoch_size, window, rules);
    let timely = if threads == 1 {
        timely::Config::thread()
    } else {
        timely::Config::process(threads)
    };
    let summary = run(timely, opener(log_dir.path()), config).unwrap();
    let n_epochs = docs.len() as u64 / epoch_size;
    assert_eq!(summary.epochs_written, n_epochs);
    compare_with_reference(out.path(), docs, epoch_size, window, rules, threads)
}

/// Stop a one-worker run after `stop` epochs, resume it, and compare every
/// epoch with the reference: the resumed run must replay what its live
/// articles were weighed against.
pub fn check_resumed(
    docs: &[RawDoc],
    epoch_size: u64,
    window: u64,
    stop: u64,
    rules: &RuleConfig,
) -> Vec<EpochOutput> {
    let (log_dir, out, config) = prepared(docs, epoch_size, window, rules);
    let first = RunConfig {
        max_epochs: Some(stop),
        ..config.clone()
    };
    run(timely::Config::thread(), opener(log_dir.path()), first).unwrap();
    let summary = run(timely::Config::thread(), opener(log_dir.path()), config).unwrap();
    assert_eq!(
        summary.epochs_written,
        docs.len() as u64 / epoch_size - stop
    );
    compare_with_reference(out.path(), docs, epoch_size, window, rules, 1)
}

fn compare_with_reference(
    out: &Path,
    docs: &[RawDoc],
    epoch_size: u64,
    window: u64,
    rules: &RuleConfig,
    threads: usize,
) -> Vec<EpochOutput> {
    let n_epochs = docs.len() as u64 / epoch_size;
    let mut outputs = Vec::new();
    for epoch in 0..n_epochs {
        let docs: Vec<(u64, RawDoc)> = needed_range(epoch, epoch_size, window)
            .map(|o| (o, docs[o as usize].clone()))
            .collect();
        let expected = reference_epoch(epoch, &docs, (epoch_size, window), rules, true);
        let got = read_epoch(out, epoch).unwrap();
        assert_eq!(got, expected, "epoch {epoch} with {threads} workers");
        outputs.push(got);
    }
    outputs
}
