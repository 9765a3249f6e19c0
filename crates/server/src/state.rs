//! What the server holds between requests: the store (shared by readers),
//! the ingestor (one writer at a time), and caches of briefs and of the
//! story list.
//!
//! **Invariant:** a cached brief is only served for the exact set of
//! articles it was computed from: its key includes a hash of the story's
//! article ids, so a story that grows, shrinks or merges is re-briefed on
//! the next read without any invalidation step.

use crate::error::ApiError;
use concord_model::{ClaimStatus, StoryBrief};
use concord_pipeline::ingest::{IngestOptions, Ingestor};
use concord_pipeline::BriefOptions;
use concord_store::{Store, StoryRecord};
use concord_web::StoryRow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Briefs kept in memory; least recently used ones go first.
const BRIEF_CACHE_SIZE: usize = 2_000;

pub struct AppState {
    pub store: Arc<Store>,
    ingestor: Mutex<Ingestor>,
    ingest_options: IngestOptions,
    briefs: Mutex<BriefCache>,
    /// Bumped by every committed write; the story-list cache follows it.
    generation: AtomicU64,
    list: Mutex<Option<(u64, Arc<Vec<StoryRecord>>)>>,
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
    page: Option<Arc<String>>,
    used: u64,
}

impl AppState {
    pub fn new(store: Store, limits: crate::Limits) -> Result<AppState, ApiError> {
        let store = Arc::new(store);
        // One request is one batch: it commits whole or not at all.
        let ingest_options = IngestOptions {
            batch_size: usize::MAX,
            ..IngestOptions::default()
        };
        let ingestor = Ingestor::open(store.clone(), ingest_options.clone())?;
        Ok(AppState {
            store,
            ingestor: Mutex::new(ingestor),
            ingest_options,
            briefs: Mutex::new(BriefCache::default()),
            generation: AtomicU64::new(0),
            list: Mutex::new(None),
            limits,
        })
    }

    /// The writer. A panic while it was held leaves the clusterer in an
    /// unknown state, so it is rebuilt from the store.
    pub fn ingestor(&self) -> Result<MutexGuard<'_, Ingestor>, ApiError> {
        match self.ingestor.lock() {
            Ok(guard) => Ok(guard),
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                *guard = self.reopen_ingestor()?;
                self.ingestor.clear_poison();
                Ok(guard)
            }
        }
    }

    /// A fresh ingestor from what the store holds: after a failed commit
    /// the in-memory clusterer may know articles the store does not.
    pub fn reopen_ingestor(&self) -> Result<Ingestor, ApiError> {
        Ok(Ingestor::open(
            self.store.clone(),
            self.ingest_options.clone(),
        )?)
    }

    pub fn bump_generation(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Every story, newest activity first (then the biggest, then by id),
    /// cached until the next write.
    pub fn sorted_stories(&self) -> Result<Arc<Vec<StoryRecord>>, ApiError> {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some((g, list)) = lock(&self.list).as_ref() {
            if *g == generation {
                return Ok(list.clone());
            }
        }
        let mut list = self.store.stories()?;
        list.sort_by(|a, b| {
            b.last_published
                .cmp(&a.last_published)
                .then(b.articles.len().cmp(&a.articles.len()))
                .then(a.id.cmp(&b.id))
        });
        let list = Arc::new(list);
        *lock(&self.list) = Some((generation, list.clone()));
        Ok(list)
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
        let brief = Arc::new(concord_pipeline::stored_story_brief(
            &self.store,
            record,
            &BriefOptions::default(),
        )?);
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
                used,
            },
        );
        Ok(brief)
    }

    /// The rendered story page, cached beside its brief.
    pub fn story_page(&self, record: &StoryRecord) -> Result<Arc<String>, ApiError> {
        let brief = self.brief(record)?;
        let revision = revision(record);
        if let Some(page) = lock(&self.briefs)
            .entries
            .get(&record.id)
            .filter(|c| c.revision == revision)
            .and_then(|c| c.page.clone())
        {
            return Ok(page);
        }
        let page = Arc::new(concord_web::story_page(&brief));
        if let Some(entry) = lock(&self.briefs).entries.get_mut(&record.id) {
            if entry.revision == revision {
                entry.page = Some(page.clone());
            }
        }
        Ok(page)
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
        outlets: outlets(record),
        independent_origins: record.independent_origins,
        last_published: record.last_published.clone(),
        conflicts,
    }
}

/// Outlets as `concord stories` counts them: a story with articles but no
/// named outlet still has one.
pub fn outlets(record: &StoryRecord) -> usize {
    record
        .outlets
        .len()
        .max(usize::from(!record.articles.is_empty()))
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
