//! What the server holds between requests: the [`Backend`] (the store, or
//! the shared log with the dataflow's epochs) and a cache of briefs.
//!
//! **Invariant:** a cached brief is only served for the exact set of
//! articles it was computed from: its key includes a hash of the story's
//! article ids, so a story that grows, shrinks or merges is re-briefed on
//! the next read without any invalidation step.

use crate::backend::Backend;
use crate::error::ApiError;
use axum::body::Bytes;
use concord_model::{ClaimStatus, StoryBrief};
use concord_pipeline::BriefOptions;
use concord_store::StoryRecord;
use concord_web::StoryRow;
use std::collections::HashMap;
use std::sync::{mpsc, Arc, Mutex, MutexGuard};

/// Briefs kept in memory; least recently used ones go first.
const BRIEF_CACHE_SIZE: usize = 2_000;

pub struct AppState {
    /// The store, or the shared log with the dataflow's epochs.
    pub backend: Arc<dyn Backend>,
    briefs: Mutex<BriefCache>,
    /// Stories to brief ahead of the first read (see [`AppState::warm`]).
    warm_queue: Mutex<Option<mpsc::Sender<String>>>,
    pub limits: crate::Limits,
}

#[derive(Default)]
struct BriefCache {
    entries: HashMap<String, CachedBrief>,
    clock: u64,
}

struct CachedBrief {
    revision: u64,
    brief: Arc<StoryBrief>,
    /// The story page, rendered on first request.
    page: Option<Bytes>,
    /// The `concord.brief/1` JSON document, serialized on first request.
    json: Option<Bytes>,
    used: u64,
}

/// Renderings kept beside a cached brief.
#[derive(Debug, Clone, Copy)]
pub enum Rendering {
    Page,
    Json,
}

impl CachedBrief {
    fn slot(&mut self, kind: Rendering) -> &mut Option<Bytes> {
        match kind {
            Rendering::Page => &mut self.page,
            Rendering::Json => &mut self.json,
        }
    }
}

impl AppState {
    pub fn new(backend: Arc<dyn Backend>, limits: crate::Limits) -> AppState {
        AppState {
            backend,
            briefs: Mutex::new(BriefCache::default()),
            warm_queue: Mutex::new(None),
            limits,
        }
    }

    /// Start the background thread that briefs queued stories, so the
    /// first reader of a changed story (and the list's conflict marks)
    /// find its brief and page ready. It holds only a weak reference and
    /// ends with the state.
    pub fn start_warmer(self: &Arc<Self>) {
        let (tx, rx) = mpsc::channel::<String>();
        *lock(&self.warm_queue) = Some(tx);
        let weak = Arc::downgrade(self);
        std::thread::spawn(move || {
            while let Ok(id) = rx.recv() {
                let Some(state) = weak.upgrade() else { break };
                // A failure here only means the reader computes it later.
                if let Ok(Some(record)) = state.backend.story(&id) {
                    let _ = state.rendered(&record, Rendering::Page);
                }
            }
        });
    }

    /// Queue stories for briefing in the background.
    pub fn warm(&self, ids: impl IntoIterator<Item = String>) {
        if let Some(tx) = lock(&self.warm_queue).as_ref() {
            for id in ids {
                let _ = tx.send(id);
            }
        }
    }

    /// Every story, newest activity first (then the biggest, then by id).
    pub fn sorted_stories(&self) -> Result<Arc<Vec<StoryRecord>>, ApiError> {
        self.backend.sorted_stories()
    }

    /// The brief of a stored story, from the cache when its articles have
    /// not changed.
    pub fn brief(&self, record: &StoryRecord) -> Result<Arc<StoryBrief>, ApiError> {
        let revision = revision(record);
        {
            let mut cache = lock(&self.briefs);
            cache.clock += 1;
            let now = cache.clock;
            if let Some(hit) = cache.entries.get_mut(&record.id) {
                if hit.revision == revision {
                    hit.used = now;
                    return Ok(hit.brief.clone());
                }
            }
        }
        // Computed outside the lock: other stories stay readable meanwhile.
        // The same pipeline code whichever backend holds the articles.
        let articles = self.backend.story_articles(record)?;
        let mut story = concord_pipeline::brief_story(articles, &BriefOptions::default());
        story.id = record.id.clone();
        let brief = Arc::new(story);
        let mut cache = lock(&self.briefs);
        cache.clock += 1;
        let used = cache.clock;
        if cache.entries.len() >= BRIEF_CACHE_SIZE {
            cache.evict_oldest();
        }
        cache.entries.insert(
            record.id.clone(),
            CachedBrief {
                revision,
                brief: brief.clone(),
                page: None,
                json: None,
                used,
            },
        );
        Ok(brief)
    }

    /// The story page or brief JSON, rendered once per revision and
    /// cached beside the brief.
    pub fn rendered(&self, record: &StoryRecord, kind: Rendering) -> Result<Bytes, ApiError> {
        let brief = self.brief(record)?;
        let revision = revision(record);
        if let Some(done) = lock(&self.briefs)
            .entries
            .get_mut(&record.id)
            .filter(|c| c.revision == revision)
            .and_then(|c| c.slot(kind).clone())
        {
            return Ok(done);
        }
        // Bytes: every later response shares this buffer without a copy.
        let text = Bytes::from(match kind {
            Rendering::Page => concord_web::story_page(&brief),
            Rendering::Json => brief_document(&brief),
        });
        if let Some(entry) = lock(&self.briefs).entries.get_mut(&record.id) {
            if entry.revision == revision {
                *entry.slot(kind) = Some(text.clone());
            }
        }
        Ok(text)
    }

    /// Conflicting claims of a story if its current brief is cached.
    pub fn cached_conflicts(&self, record: &StoryRecord) -> Option<usize> {
        let revision = revision(record);
        lock(&self.briefs)
            .entries
            .get(&record.id)
            .filter(|c| c.revision == revision)
            .map(|c| conflicts(&c.brief))
    }
}

impl BriefCache {
    fn evict_oldest(&mut self) {
        if let Some(oldest) = self
            .entries
            .iter()
            .min_by_key(|(_, c)| c.used)
            .map(|(k, _)| k.clone())
        {
            self.entries.remove(&oldest);
        }
    }
}

/// A `concord.brief/1` document holding one story.
fn brief_document(story: &StoryBrief) -> String {
    let doc = serde_json::json!({
        "schema": concord_model::BRIEF_SCHEMA,
        "stories": [story],
        "diagnostics": [],
    });
    doc.to_string()
}

pub fn conflicts(brief: &StoryBrief) -> usize {
    brief
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Conflict)
        .count()
}

/// A list row for a story record.
pub fn row(record: &StoryRecord, conflicts: Option<usize>) -> StoryRow {
    StoryRow {
        id: record.id.clone(),
        headline: record.headline.clone(),
        articles: record.articles.len(),
        outlets: record.outlet_count(),
        independent_origins: record.independent_origins,
        last_published: record.last_published.clone(),
        conflicts,
    }
}

/// FNV-1a over the story's article ids, in order.
fn revision(record: &StoryRecord) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in &record.articles {
        for b in id.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A poisoned cache lock only means a panic mid-update of a cache; the
/// data is still usable (at worst a stale entry that the revision rejects).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
