//! The server over the scale-out shared state (`concord serve --log SPEC
//! --cluster OUT`): the story list is the newest epoch file that `concord
//! cluster` wrote in `OUT/epochs/`, and every article is read from the
//! ingest log by its offset and cleaned here, so briefs come from the same
//! pipeline code as with the store.
//!
//! **Invariants:** article and story ids are log offsets (decimal), as in
//! the epoch files. A newer epoch file replaces the view whole, once it is
//! loaded; until then readers keep the previous one. The embedded log is
//! opened per use and never held, so `concord ingest --log` and `concord
//! cluster` can open it between reads; a PostgreSQL log keeps one
//! connection for reads and one for appends.

mod view;

use crate::backend::{sort_stories, Added, Backend, ChangeHook};
use crate::error::ApiError;
use axum::http::StatusCode;
use concord_dataflow::output::{epoch_path, last_completed_epoch, read_epoch};
use concord_dataflow::EpochOutput;
use concord_log::{IngestLog, LogError, Share};
use concord_model::{Article, RawDoc};
use concord_store::{SearchHit, StoryRecord};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};
use view::{changed_stories, record, summarize, EpochView, Summary};

/// Where the shared state is.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// The log spec: a directory holding `log.redb`, or a `postgres://` URL.
    pub log: String,
    /// The `--out` folder of `concord cluster`.
    pub out: PathBuf,
    /// How often to look for a newer epoch file.
    pub poll: Duration,
}

pub struct ClusterBackend {
    config: ClusterConfig,
    reader: Mutex<Option<Box<dyn IngestLog + Send>>>,
    /// Held while this process has the embedded log open (see `with_log`).
    embedded_turn: Mutex<()>,
    writer: Mutex<Option<Box<dyn IngestLog + Send>>>,
    view: RwLock<Arc<EpochView>>,
    /// The last load failure the poller reported, so it is printed once.
    last_error: Mutex<Option<String>>,
    on_change: Mutex<Option<ChangeHook>>,
}

/// What loading a newer epoch did.
pub struct Loaded {
    pub epoch: u64,
    pub stories: usize,
    /// Articles new in the live window: read from the log and cleaned.
    pub articles_read: usize,
    pub seconds: f64,
}

impl ClusterBackend {
    /// Check that the log opens and load the newest epoch (none yet is an
    /// empty list, not an error: `concord cluster` may not have run).
    pub fn open(config: ClusterConfig) -> Result<Arc<ClusterBackend>, ApiError> {
        let backend = Arc::new(ClusterBackend {
            config,
            reader: Mutex::new(None),
            embedded_turn: Mutex::new(()),
            writer: Mutex::new(None),
            view: RwLock::new(Arc::new(EpochView::default())),
            last_error: Mutex::new(None),
            on_change: Mutex::new(None),
        });
        backend.with_log(Access::Read, |log| log.end())?;
        backend.refresh()?;
        Ok(backend)
    }

    /// The epoch the server shows.
    pub fn epoch(&self) -> Option<u64> {
        self.view().epoch
    }

    /// Look for a newer epoch every `config.poll` on a background thread
    /// that holds only a weak reference and ends with the backend.
    pub fn start_poller(self: &Arc<Self>) {
        let weak = Arc::downgrade(self);
        let every = self.config.poll;
        std::thread::spawn(move || loop {
            std::thread::sleep(every);
            let Some(backend) = weak.upgrade() else { break };
            let result = backend.refresh();
            let mut last = lock(&backend.last_error);
            match result {
                Ok(loaded) => {
                    *last = None;
                    if let Some(l) = loaded {
                        // One line per epoch: operators see the server follow.
                        eprintln!(
                            "concord serve: showing epoch {} ({} stories; {} new articles read from the log in {:.2}s)",
                            l.epoch, l.stories, l.articles_read, l.seconds
                        );
                    }
                }
                // Printed once per distinct failure (a log busy with an
                // appender is retried every poll until it succeeds).
                Err(e) if last.as_deref() != Some(e.message.as_str()) => {
                    eprintln!("concord serve: loading a newer epoch: {}", e.message);
                    *last = Some(e.message);
                }
                Err(_) => {}
            }
        });
    }

    /// Load the newest epoch file if it is newer than the one shown.
    pub fn refresh(&self) -> Result<Option<Loaded>, ApiError> {
        let started = std::time::Instant::now();
        let current = self.view();
        let newest = match current.epoch {
            // Epoch files appear in order: look only past the current one.
            Some(shown) => {
                let mut newest = shown;
                while epoch_path(&self.config.out, newest + 1).is_file() {
                    newest += 1;
                }
                (newest > shown).then_some(newest)
            }
            None => last_completed_epoch(&self.config.out),
        };
        let Some(epoch) = newest else { return Ok(None) };
        let output = read_epoch(&self.config.out, epoch)
            .map_err(|e| ApiError::internal(format!("reading the epoch: {e}")))?;
        let (view, articles_read) = self.load(&current, output)?;
        let changed = changed_stories(&current, &view);
        let stories = view.stories.len();
        *self.view.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(view);
        if let Some(warm) = lock(&self.on_change).as_ref() {
            warm(changed);
        }
        Ok(Some(Loaded {
            epoch,
            stories,
            articles_read,
            seconds: started.elapsed().as_secs_f64(),
        }))
    }

    fn view(&self) -> Arc<EpochView> {
        self.view.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The view of `output`, reading from the log only the articles the
    /// previous view did not have.
    fn load(
        &self,
        previous: &EpochView,
        output: EpochOutput,
    ) -> Result<(EpochView, usize), ApiError> {
        let live: BTreeSet<u64> = output
            .stories
            .iter()
            .flat_map(|s| s.articles.iter().copied())
            .collect();
        let mut articles = HashMap::with_capacity(live.len());
        let mut missing = Vec::new();
        for &offset in &live {
            match previous.articles.get(&offset) {
                Some(summary) => {
                    articles.insert(offset, summary.clone());
                }
                None => missing.push(offset),
            }
        }
        for (offset, summary) in summarize(self.read_articles(&missing)?) {
            articles.insert(offset, Arc::new(summary));
        }
        let copy_group: HashMap<u64, usize> = output
            .duplicate_groups
            .iter()
            .enumerate()
            .flat_map(|(n, group)| group.iter().map(move |&o| (o, n)))
            .collect();
        let mut stories: Vec<StoryRecord> = output
            .stories
            .iter()
            .map(|s| record(s, &articles, &copy_group))
            .collect();
        sort_stories(&mut stories);
        let by_id = stories
            .iter()
            .enumerate()
            .map(|(n, s)| (s.id.clone(), n))
            .collect();
        let story_of = output
            .stories
            .iter()
            .flat_map(|s| s.articles.iter().map(|&o| (o, s.id.to_string())))
            .collect();
        let view = EpochView {
            epoch: Some(output.epoch),
            stories: Arc::new(stories),
            by_id,
            story_of,
            articles,
        };
        Ok((view, missing.len()))
    }

    /// The articles at `offsets` (sorted), cleaned, with their offsets as
    /// ids. Offsets the log lacks are left out.
    fn read_articles(&self, offsets: &[u64]) -> Result<Vec<Article>, ApiError> {
        if offsets.is_empty() {
            return Ok(Vec::new());
        }
        // A story's or a window's offsets are mostly runs: one read each.
        let entries = self.with_log(Access::Read, |log| {
            let mut entries = Vec::with_capacity(offsets.len());
            for run in runs(offsets) {
                entries.extend(log.read(run, Share::ALL)?);
            }
            Ok(entries)
        })?;
        Ok(entries
            .iter()
            .map(|entry| {
                let mut article = concord_clean::clean(&entry.doc);
                article.id = entry.offset.to_string();
                article
            })
            .collect())
    }

    /// Run `f` on the log: the embedded log opened for this call only, a
    /// PostgreSQL log on its kept connection.
    fn with_log<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut dyn IngestLog) -> concord_log::Result<T>,
    ) -> Result<T, ApiError> {
        let read_only = matches!(access, Access::Read);
        let spec = self.config.log.as_str();
        if !concord_log::is_postgres_url(spec) {
            // redb refuses a second handle on the file even in the same
            // process, so this server's own reads (the poller, background
            // briefs) and appends take turns; another process holding it
            // (`concord cluster`, `concord ingest --log`) is waited for a
            // little before the request gives up with 503.
            let _turn = lock(&self.embedded_turn);
            let mut log = open_embedded(spec, read_only).map_err(|e| log_error(spec, e))?;
            return f(log.as_mut()).map_err(|e| log_error(spec, e));
        }
        let mut slot = lock(match access {
            Access::Read => &self.reader,
            Access::Append => &self.writer,
        });
        let mut log = match slot.take() {
            Some(log) => log,
            None => concord_log::open(spec, read_only).map_err(|e| log_error(spec, e))?,
        };
        let result = f(log.as_mut()).map_err(|e| log_error(spec, e));
        // Kept after a failure too: the client reconnects on its next call.
        *slot = Some(log);
        result
    }
}

#[derive(Clone, Copy)]
enum Access {
    Read,
    Append,
}

impl Backend for ClusterBackend {
    /// Live articles and stories of the epoch shown.
    fn counts(&self) -> Result<(u64, u64), ApiError> {
        let view = self.view();
        Ok((view.articles.len() as u64, view.stories.len() as u64))
    }

    fn epoch(&self) -> Option<u64> {
        ClusterBackend::epoch(self)
    }

    fn sorted_stories(&self) -> Result<Arc<Vec<StoryRecord>>, ApiError> {
        Ok(self.view().stories.clone())
    }

    fn story(&self, id: &str) -> Result<Option<StoryRecord>, ApiError> {
        let view = self.view();
        Ok(view
            .by_id
            .get(id)
            .and_then(|&n| view.stories.get(n))
            .cloned())
    }

    fn story_articles(&self, record: &StoryRecord) -> Result<Vec<Article>, ApiError> {
        let mut offsets: Vec<u64> = record
            .articles
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect();
        offsets.sort_unstable();
        self.read_articles(&offsets)
    }

    /// Any offset in the log, live or aged out of the window.
    fn article(&self, id: &str) -> Result<Option<Article>, ApiError> {
        let Some(offset) = parse_offset(id) else {
            return Ok(None);
        };
        Ok(self.read_articles(&[offset])?.into_iter().next())
    }

    fn story_of(&self, article_id: &str) -> Result<Option<String>, ApiError> {
        Ok(parse_offset(article_id).and_then(|o| self.view().story_of.get(&o).cloned()))
    }

    /// A scan of the live window's titles (headlines for untitled
    /// articles): every query word must be a title word. Newest first.
    /// There is no full-text index in this mode.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, ApiError> {
        let words = concord_text::content_words(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let view = self.view();
        let mut hits: Vec<(u64, &Summary)> = view
            .articles
            .iter()
            .filter(|(_, s)| words.iter().all(|w| s.title_words.contains(w)))
            .map(|(&o, s)| (o, s.as_ref()))
            .collect();
        hits.sort_unstable_by_key(|h| std::cmp::Reverse(h.0));
        Ok(hits
            .into_iter()
            .take(limit)
            .filter_map(|(offset, summary)| {
                Some(SearchHit {
                    article: offset.to_string(),
                    story: view.story_of.get(&offset)?.clone(),
                    title: summary.title.clone(),
                    score: 1.0,
                })
            })
            .collect())
    }

    fn on_change(&self, warm: ChangeHook) {
        *lock(&self.on_change) = Some(warm);
    }

    /// Appends to the log in one transaction (202 Accepted): the next
    /// epoch of `concord cluster` clusters the articles, so they have no
    /// story yet. Duplicates are found by the dataflow, not here.
    fn add(&self, docs: Vec<RawDoc>) -> Result<Added, ApiError> {
        let offsets = self.with_log(Access::Append, |log| log.append(&docs))?;
        let articles: Vec<_> = offsets
            .clone()
            .map(|o| json!({ "id": o.to_string(), "story": null }))
            .collect();
        Ok(Added {
            status: StatusCode::ACCEPTED,
            body: json!({
                "added": docs.len(),
                "duplicates": 0,
                "skipped": [],
                "articles": articles,
                "total_articles": offsets.end,
                "total_stories": self.view().stories.len(),
            }),
            changed: Vec::new(),
        })
    }
}

/// Sorted offsets as ranges of consecutive ones.
fn runs(offsets: &[u64]) -> Vec<Range<u64>> {
    let mut out: Vec<Range<u64>> = Vec::new();
    for &o in offsets {
        match out.last_mut() {
            Some(run) if run.end == o => run.end = o + 1,
            _ => out.push(o..o.saturating_add(1)),
        }
    }
    out
}

/// An article id of this mode: a log offset in plain decimal.
fn parse_offset(id: &str) -> Option<u64> {
    id.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| id.parse().ok())
        .flatten()
}

/// How long a request waits for an embedded log that another process holds.
const BUSY_WAIT: Duration = Duration::from_secs(3);

fn open_embedded(spec: &str, read_only: bool) -> concord_log::Result<Box<dyn IngestLog + Send>> {
    let deadline = Instant::now() + BUSY_WAIT;
    let mut pause = Duration::from_millis(10);
    loop {
        match concord_log::open(spec, read_only) {
            Err(LogError::Busy { .. }) if Instant::now() + pause < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

fn log_error(spec: &str, e: LogError) -> ApiError {
    let (status, code) = match e {
        LogError::Corrupt { .. } | LogError::Format { .. } => {
            (StatusCode::INTERNAL_SERVER_ERROR, "log_unavailable")
        }
        // Retention removed the article the epoch names (`concord log
        // prune` with a shorter `--keep-for` than the served epoch needs):
        // it will not come back, so retrying is pointless.
        LogError::Pruned { .. } => (StatusCode::GONE, "pruned"),
        // A busy embedded log (an appender holds it) or a lost connection
        // passes: the client may retry.
        _ => (StatusCode::SERVICE_UNAVAILABLE, "log_unavailable"),
    };
    ApiError::new(
        status,
        code,
        format!("the ingest log {}: {e}", concord_log::redact_url(spec)),
    )
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_group_into_runs() {
        assert_eq!(runs(&[]), Vec::<Range<u64>>::new());
        assert_eq!(runs(&[0, 1, 2, 5, 7, 8]), vec![0..3, 5..6, 7..9]);
    }

    #[test]
    fn a_pruned_article_is_gone_and_a_busy_log_may_be_retried() {
        let pruned = log_error(
            "log",
            LogError::Pruned {
                offset: 3,
                start: 10,
            },
        );
        assert_eq!(pruned.status, StatusCode::GONE);
        assert_eq!(pruned.code, "pruned");
        let busy = log_error("log", LogError::Busy { path: "log".into() });
        assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn only_plain_decimals_are_offsets() {
        assert_eq!(parse_offset("17"), Some(17));
        for bad in ["", "+1", "-1", " 1", "1.0", "99999999999999999999999"] {
            assert_eq!(parse_offset(bad), None, "{bad:?}");
        }
    }
}
