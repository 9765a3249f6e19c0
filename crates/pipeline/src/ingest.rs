//! Incremental ingest into the store: clean each document, recognise
//! copies already stored, place it into a story with the online
//! clusterer, and commit in batches.
//!
//! Story ids come from the clusterer and stay stable as stories grow. The
//! clusterer's state is saved with some batches (`snapshot`) and restored
//! on open; articles stored after the snapshot — or all of them, when
//! there is no usable snapshot — are replayed in arrival order (the
//! clusterer is deterministic, so the replay reproduces the stored
//! assignments). Assignments themselves are never recomputed.
//!
//! Threads: cleaning, tokenizing, hashing, entity and syndication keys and
//! clustering terms run on several threads (`prepare`); the duplicate
//! check, clustering and the store commit run on the caller's thread in
//! input order, so the result is the same for any number of threads.

mod batch;
mod prepare;
mod snapshot;
#[cfg(test)]
mod tests;

pub use batch::story_headline;
pub use prepare::{article_entity_keys, content_hash};
pub use snapshot::SnapshotError;

use batch::{KeyCache, PendingBatch};
use concord_cluster::{OnlineClusterer, OnlineConfig};
use concord_model::{Diagnostic, RawDoc};
use concord_store::{Store, StoreError};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

/// Documents prepared (on all threads) per round: enough to keep the
/// threads busy, few enough that a round's articles do not weigh on memory.
const PREPARE_CHUNK: usize = 1_000;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
}

/// Settings for `concord ingest`.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Articles per committed batch: smaller loses less on a crash and
    /// reports progress sooner; larger commits less often.
    pub batch_size: usize,
    pub online: OnlineConfig,
    /// Threads for the per-document work (0: one per available core).
    pub threads: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 500,
            online: OnlineConfig::default(),
            threads: 0,
        }
    }
}

/// Seconds spent per stage. The prepare stages (`clean`, `tokens`,
/// `content_hash`, `entity_keys`, `syndication_keys`, `cluster_terms`) are
/// summed over the threads that ran
/// them, so with several threads they can add up to more than the wall
/// time.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct StageTimes {
    pub clean: f64,
    /// Tokenizing and folding each article once for the next four stages.
    pub tokens: f64,
    pub content_hash: f64,
    /// Looking the documents' hashes and ids up in the store and the run.
    pub dup_check: f64,
    pub entity_keys: f64,
    /// Each article's paragraph keys for the syndication check.
    pub syndication_keys: f64,
    /// Each article's clustering terms (keyed words and names).
    pub cluster_terms: f64,
    pub clustering: f64,
    /// Story records: merging, outlets, entities (reading stored records).
    pub story_records: f64,
    /// Re-checking changed stories for syndicated copies.
    pub syndication: f64,
    /// Serializing the clusterer for a snapshot.
    pub snapshot: f64,
    pub redb_commit: f64,
    pub tantivy_index: f64,
}

impl StageTimes {
    fn add(&mut self, o: &StageTimes) {
        self.clean += o.clean;
        self.tokens += o.tokens;
        self.cluster_terms += o.cluster_terms;
        self.content_hash += o.content_hash;
        self.dup_check += o.dup_check;
        self.entity_keys += o.entity_keys;
        self.syndication_keys += o.syndication_keys;
        self.clustering += o.clustering;
        self.story_records += o.story_records;
        self.syndication += o.syndication;
        self.snapshot += o.snapshot;
        self.redb_commit += o.redb_commit;
        self.tantivy_index += o.tantivy_index;
    }
}

/// Where ingest stands after a committed batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct IngestProgress {
    /// Documents looked at so far in this run.
    pub read: usize,
    /// Articles added (committed) in this run.
    pub added: usize,
    /// Documents skipped as copies of stored articles.
    pub duplicates: usize,
    /// Articles in the store after the last commit.
    pub total_articles: u64,
    /// Stories in the store after the last commit.
    pub total_stories: u64,
    /// Time per stage so far in this run.
    pub stages: StageTimes,
}

/// How the clusterer was brought back on open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Restored {
    /// Whether a saved snapshot was used.
    pub from_snapshot: bool,
    /// Stored articles replayed through the clusterer.
    pub replayed: usize,
}

/// A store opened for ingest, with its clusterer ready.
pub struct Ingestor {
    /// Shared, so a server can read while this ingestor writes.
    store: Arc<Store>,
    clusterer: OnlineClusterer,
    options: IngestOptions,
    /// Sequence number of the last stored article.
    seq: u64,
    /// Sequence number the saved snapshot covers.
    snapshot_seq: u64,
    restored: Restored,
    /// Syndication keys of recently changed stories' articles.
    keys: KeyCache,
}

impl Ingestor {
    /// Open the store and bring the clusterer back: from its snapshot plus
    /// the articles after it, or by replaying every stored article.
    pub fn open(
        store: impl Into<Arc<Store>>,
        options: IngestOptions,
    ) -> Result<Ingestor, StoreError> {
        let store = store.into();
        let snapshot = store
            .clusterer_state()?
            .and_then(|bytes| snapshot::decode(&bytes, &options.online));
        let seq = store.last_seq()?;
        let (mut clusterer, snapshot_seq, from_snapshot) = match snapshot {
            // A snapshot cannot be ahead of the articles it was committed
            // with; if it is, the store was edited behind our back.
            Some((clusterer, at)) if at <= seq => (clusterer, at, true),
            _ => (OnlineClusterer::new(options.online.clone()), 0, false),
        };
        let replay = store.articles_after(snapshot_seq)?;
        for article in &replay {
            clusterer.add(article);
        }
        Ok(Ingestor {
            store,
            clusterer,
            options,
            seq,
            snapshot_seq,
            restored: Restored {
                from_snapshot,
                replayed: replay.len(),
            },
            keys: KeyCache::default(),
        })
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn restored(&self) -> Restored {
        self.restored
    }

    /// Ingest documents, committing every `batch_size` articles and calling
    /// `on_commit` after each commit. Diagnostics for unusable documents are
    /// returned; the rest of the input still goes in.
    pub fn ingest(
        &mut self,
        docs: impl IntoIterator<Item = RawDoc>,
        mut on_commit: impl FnMut(&IngestProgress),
    ) -> Result<(IngestProgress, Vec<Diagnostic>), IngestError> {
        let threads = match self.options.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let mut progress = IngestProgress::default();
        let mut diagnostics = Vec::new();
        // Everything added in this run: the store was asked about each
        // round's documents before the round, so copies within the run are
        // caught here.
        let mut seen_hashes: HashSet<u64> = HashSet::new();
        let mut seen_ids: HashSet<String> = HashSet::new();
        let mut pending = PendingBatch::default();
        let mut docs = docs.into_iter().peekable();
        while docs.peek().is_some() {
            let round: Vec<RawDoc> = docs.by_ref().take(PREPARE_CHUNK).collect();
            let (prepared, times) = prepare::prepare_all(&round, threads, &self.options.online);
            progress.stages.add(&times);
            let started = Instant::now();
            let keys: Vec<(u64, &str)> = prepared
                .iter()
                .flatten()
                .map(|p| (p.hash, p.article.id.as_str()))
                .collect();
            let mut in_store = self.store.known(&keys)?.into_iter();
            progress.stages.dup_check += started.elapsed().as_secs_f64();
            for (doc, p) in round.iter().zip(prepared) {
                progress.read += 1;
                let Some(p) = p else {
                    diagnostics.push(Diagnostic::new(
                        &doc.source,
                        "no article text left after cleaning",
                    ));
                    continue;
                };
                let known = in_store.next().unwrap_or(false);
                if known || !seen_hashes.insert(p.hash) || !seen_ids.insert(p.article.id.clone()) {
                    progress.duplicates += 1;
                    continue;
                }
                let started = Instant::now();
                let assignment = self.clusterer.add_with_terms(&p.article, &p.terms);
                let clustered = Instant::now();
                progress.stages.clustering += (clustered - started).as_secs_f64();
                pending.add(&self.store, p, &assignment.story_id, &assignment.absorbed)?;
                progress.stages.story_records += clustered.elapsed().as_secs_f64();
                if pending.articles.len() >= self.options.batch_size.max(1) {
                    self.commit(&mut pending, &mut progress, false, &mut on_commit)?;
                }
            }
        }
        // The last batch always carries a snapshot, so that reopening after
        // a run that ended normally replays nothing; if the input ended
        // right after a full batch, an otherwise empty batch carries it.
        if !pending.articles.is_empty() || self.snapshot_seq < self.seq {
            self.commit(&mut pending, &mut progress, true, &mut on_commit)?;
        } else {
            self.store.flush_index()?;
        }
        Ok((progress, diagnostics))
    }

    fn commit(
        &mut self,
        pending: &mut PendingBatch,
        progress: &mut IngestProgress,
        end_of_run: bool,
        on_commit: &mut impl FnMut(&IngestProgress),
    ) -> Result<(), IngestError> {
        let pending = std::mem::take(pending);
        let seq = self.seq + pending.articles.len() as u64;
        let started = Instant::now();
        let state = if end_of_run || snapshot::is_due(seq - self.snapshot_seq, seq) {
            Some(snapshot::encode(&self.clusterer, seq)?)
        } else {
            None
        };
        let encoded = Instant::now();
        progress.stages.snapshot += (encoded - started).as_secs_f64();
        let has_state = state.is_some();
        let batch = pending.into_batch(&self.store, &mut self.keys, state)?;
        progress.stages.syndication += encoded.elapsed().as_secs_f64();
        // The full-text index commits every several thousand articles and
        // with the last batch; redb commits every batch as before.
        let report = if end_of_run {
            self.store.commit(&batch)?
        } else {
            self.store.commit_deferring_index(&batch)?
        };
        progress.stages.redb_commit += report.db_time.as_secs_f64();
        progress.stages.tantivy_index += report.index_time.as_secs_f64();
        self.seq = seq;
        if has_state {
            self.snapshot_seq = seq;
        }
        progress.added += report.articles_added;
        progress.total_articles = report.total_articles;
        progress.total_stories = report.total_stories;
        on_commit(progress);
        Ok(())
    }
}
