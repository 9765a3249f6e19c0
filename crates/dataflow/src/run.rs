//! Driving a run: epochs of log offsets into the dataflow on every worker,
//! the sliding window's retractions, restart by replay, and the per-epoch
//! output written by worker 0.

use crate::graph::{self, Epoch, Gathered, Inputs, OutRecord};
use crate::output::{self, EpochOutput, Written};
use crate::rule::{self, Offset, RuleConfig};
use crate::{DataflowError, Result};
use concord_log::{IngestLog, Share};
use concord_model::RawDoc;
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Settings of one run (the same on every worker).
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Log offsets per epoch: epoch `e` is `[e·E, (e+1)·E)`.
    pub epoch_size: u64,
    /// Epochs an article stays live: read in epoch `e`, retracted at `e + W`.
    pub window: u64,
    /// Where `epochs/epoch-NNNNNN.json` go (worker 0 writes; every process
    /// reads it to find where to resume, so it must be the same directory).
    pub out_dir: PathBuf,
    pub rules: RuleConfig,
    /// Extract facts and reconcile claims, quotes and timelines per story.
    pub claims: bool,
    /// Stop after this many epochs (default: every complete epoch in the
    /// log when the run starts).
    pub max_epochs: Option<u64>,
    /// Sleep after each epoch (crash tests use it to kill mid-run).
    pub epoch_pause: Duration,
}

/// What worker 0 reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSummary {
    pub epochs_replayed: u64,
    pub epochs_written: u64,
    pub epochs_unchanged: u64,
    /// Articles read by the workers of this process (replays included).
    pub articles_read: u64,
    /// Seconds from reading an epoch to its output being complete.
    pub epoch_seconds: Vec<f64>,
}

/// A handle on the log for one worker; workers open their own.
pub type OpenLog = dyn Fn() -> concord_log::Result<Box<dyn IngestLog>> + Send + Sync;

/// Run the dataflow under `timely_config`. Resumes after the last epoch
/// already in `out_dir`, replaying the window before it without writing.
pub fn run(
    timely_config: timely::Config,
    open_log: Arc<OpenLog>,
    config: RunConfig,
) -> Result<RunSummary> {
    if config.epoch_size == 0 || config.window == 0 {
        return Err(DataflowError::Config(
            "epoch size and window must be at least 1".into(),
        ));
    }
    let guards = timely::execute(timely_config, move |worker| {
        run_worker(worker, open_log.as_ref(), &config)
    })
    .map_err(DataflowError::Timely)?;
    let mut summary = RunSummary::default();
    let mut articles_read = 0;
    for (index, result) in guards.join().into_iter().enumerate() {
        let worker_summary = result.map_err(DataflowError::Timely)??;
        articles_read += worker_summary.articles_read;
        if index == 0 {
            summary = worker_summary;
        }
    }
    summary.articles_read = articles_read;
    Ok(summary)
}

/// What a worker inserted in one epoch, kept to retract it `window` later.
struct EpochRecords {
    epoch: Epoch,
    records: Vec<ArticleRecords>,
}

struct ArticleRecords {
    offset: Offset,
    copy_key: graph::CopyKey,
    signature: Vec<u32>,
    dated_terms: graph::DatedTerms,
    facts: Option<Vec<u8>>,
}

fn run_worker(
    worker: &mut timely::worker::Worker,
    open_log: &OpenLog,
    config: &RunConfig,
) -> Result<RunSummary> {
    let log = open_log()?;
    let share = Share {
        index: worker.index(),
        peers: worker.peers(),
    };
    let is_writer = worker.index() == 0;
    let gathered = Gathered::default();
    let (mut inputs, probe) = graph::build(worker, &config.rules, config.window, gathered.clone());
    let hasher = rule::minhasher();

    let mut n_epochs = log.end()? / config.epoch_size;
    if let Some(max) = config.max_epochs {
        n_epochs = n_epochs.min(max);
    }
    let first_new = output::last_completed_epoch(&config.out_dir).map_or(0, |c| c + 1);
    let replay_from = replay_from(first_new, config.window);
    inputs.advance_to(replay_from);

    let mut live: VecDeque<EpochRecords> = VecDeque::new();
    // Each epoch's arrivals by term, kept `2·W − 1` epochs (`Inputs::arrivals`).
    let mut arrivals: VecDeque<(Epoch, BTreeMap<u64, isize>)> = VecDeque::new();
    let mut state: BTreeMap<OutRecord, isize> = BTreeMap::new();
    let mut summary = RunSummary::default();
    for epoch in replay_from..n_epochs.max(replay_from) {
        let started = Instant::now();
        let range = epoch * config.epoch_size..(epoch + 1) * config.epoch_size;
        let entries = log.read(range, share)?;
        summary.articles_read += entries.len() as u64;
        let records: Vec<ArticleRecords> = entries
            .iter()
            .map(|e| prepare(e.offset, epoch, &e.doc, &hasher, config))
            .collect();
        let mut by_term: BTreeMap<u64, isize> = BTreeMap::new();
        for r in &records {
            insert(&mut inputs, r, 1);
            for (term, _) in &r.dated_terms.2 {
                *by_term.entry(*term).or_default() += 1;
            }
        }
        for (term, n) in &by_term {
            inputs.arrivals.update((*term, epoch), *n);
        }
        arrivals.push_back((epoch, by_term));
        while let Some((old, _)) = arrivals.front() {
            if old + 2 * config.window - 1 > epoch {
                break;
            }
            if let Some((old, by_term)) = arrivals.pop_front() {
                for (term, n) in by_term {
                    inputs.arrivals.update((term, old), -n);
                }
            }
        }
        while let Some(old) = live.front() {
            if old.epoch + config.window > epoch {
                break;
            }
            if let Some(old) = live.pop_front() {
                for r in &old.records {
                    insert(&mut inputs, r, -1);
                }
            }
        }
        live.push_back(EpochRecords { epoch, records });
        inputs.advance_to(epoch + 1);
        inputs.flush();
        // Park, not spin, while other workers finish the epoch: a worker
        // waiting on the one that holds a single-key stage (the blocks)
        // would otherwise burn a core the busy worker needs.
        while probe.less_than(&(epoch + 1)) {
            worker.step_or_park(None);
        }

        if is_writer {
            apply(&gathered, epoch, &mut state);
            if epoch >= first_new {
                let out = epoch_output(epoch, &state);
                match output::write_epoch(&config.out_dir, &out)? {
                    Written::New => summary.epochs_written += 1,
                    Written::Unchanged => summary.epochs_unchanged += 1,
                }
            }
        }
        if epoch < first_new {
            summary.epochs_replayed += 1;
        }
        summary.epoch_seconds.push(started.elapsed().as_secs_f64());
        if !config.epoch_pause.is_zero() {
            std::thread::sleep(config.epoch_pause);
        }
    }
    Ok(summary)
}

/// The first epoch a run resuming at `first_new` reads again: the live
/// articles of `first_new` arrived from `first_new − window + 1` on, and
/// were weighed against the arrivals of the `window − 1` epochs before
/// that (`graph::Inputs::arrivals`). Nothing below it is read.
pub fn replay_from(first_new: Epoch, window: u64) -> Epoch {
    first_new.saturating_sub((2 * window).saturating_sub(2))
}

/// Per-article work on the reading worker; the article itself stays here.
fn prepare(
    offset: Offset,
    epoch: Epoch,
    doc: &RawDoc,
    hasher: &concord_dedup::minhash::MinHasher,
    config: &RunConfig,
) -> ArticleRecords {
    let article = concord_clean::clean(doc);
    let sketch = rule::sketch(offset, &article, hasher, &config.rules);
    let facts = config
        .claims
        .then(|| crate::output::StoryFacts::of(&article).to_bytes())
        .flatten();
    ArticleRecords {
        offset,
        copy_key: (
            sketch.content_hash,
            if sketch.content_hash.is_some() {
                0
            } else {
                offset
            },
        ),
        signature: sketch.signature,
        dated_terms: (sketch.day, epoch, sketch.terms),
        facts,
    }
}

fn insert(inputs: &mut Inputs, r: &ArticleRecords, diff: isize) {
    inputs.copy_keys.update((r.offset, r.copy_key), diff);
    if !r.signature.is_empty() {
        inputs
            .signatures
            .update((r.offset, r.signature.clone()), diff);
    }
    inputs
        .dated_terms
        .update((r.offset, r.dated_terms.clone()), diff);
    if let Some(facts) = &r.facts {
        inputs.facts.update((r.offset, facts.clone()), diff);
    }
}

/// Fold the gathered updates up to `epoch` into the accumulated output.
fn apply(gathered: &Gathered, epoch: Epoch, state: &mut BTreeMap<OutRecord, isize>) {
    let mut pending = gathered.borrow_mut();
    let mut later = Vec::new();
    for (record, time, diff) in pending.drain(..) {
        if time > epoch {
            later.push((record, time, diff));
            continue;
        }
        let count = state.entry(record.clone()).or_insert(0);
        *count += diff;
        if *count == 0 {
            state.remove(&record);
        }
    }
    *pending = later;
}

fn epoch_output(epoch: Epoch, state: &BTreeMap<OutRecord, isize>) -> EpochOutput {
    let mut stories = Vec::new();
    let mut duplicates = Vec::new();
    let mut tables = crate::output::StoryTables::default();
    for record in state.keys() {
        let (per_story, story, table) = match record {
            OutRecord::Story(story, offset) => {
                stories.push((*story, *offset));
                continue;
            }
            OutRecord::Duplicate(group, offset) => {
                duplicates.push((*group, *offset));
                continue;
            }
            OutRecord::Claims(story, table) => (&mut tables.claims, story, table),
            OutRecord::Quotes(story, table) => (&mut tables.quotes, story, table),
            OutRecord::Timeline(story, table) => (&mut tables.timelines, story, table),
        };
        if let Ok(value) = serde_json::from_str(table) {
            per_story.insert(*story, value);
        }
    }
    EpochOutput::from_memberships(epoch, stories, duplicates, tables)
}
