//! The server over the embedded store (`concord serve --data DIR`): the
//! store is shared by readers (redb MVCC), writes go through one
//! [`Ingestor`] at a time.

use crate::backend::{sort_stories, Added, Backend};
use crate::error::ApiError;
use axum::http::StatusCode;
use concord_model::{Article, RawDoc};
use concord_pipeline::ingest::{IngestOptions, Ingestor};
use concord_store::{SearchHit, Store, StoryRecord};
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

pub struct StoreBackend {
    store: Arc<Store>,
    ingestor: Mutex<Ingestor>,
    ingest_options: IngestOptions,
    /// Bumped by every committed write; the story-list cache follows it.
    generation: AtomicU64,
    list: Mutex<Option<(u64, Arc<Vec<StoryRecord>>)>>,
}

impl StoreBackend {
    pub fn new(store: Store) -> Result<StoreBackend, ApiError> {
        let store = Arc::new(store);
        // One request is one batch: it commits whole or not at all.
        let ingest_options = IngestOptions {
            batch_size: usize::MAX,
            ..IngestOptions::default()
        };
        let ingestor = Ingestor::open(store.clone(), ingest_options.clone())?;
        Ok(StoreBackend {
            store,
            ingestor: Mutex::new(ingestor),
            ingest_options,
            generation: AtomicU64::new(0),
            list: Mutex::new(None),
        })
    }

    /// The writer. A panic while it was held leaves the clusterer in an
    /// unknown state, so it is rebuilt from the store.
    fn ingestor(&self) -> Result<MutexGuard<'_, Ingestor>, ApiError> {
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
    fn reopen_ingestor(&self) -> Result<Ingestor, ApiError> {
        Ok(Ingestor::open(
            self.store.clone(),
            self.ingest_options.clone(),
        )?)
    }
}

impl Backend for StoreBackend {
    fn counts(&self) -> Result<(u64, u64), ApiError> {
        Ok(self.store.counts()?)
    }

    /// Cached until the next write.
    fn sorted_stories(&self) -> Result<Arc<Vec<StoryRecord>>, ApiError> {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some((g, list)) = lock(&self.list).as_ref() {
            if *g == generation {
                return Ok(list.clone());
            }
        }
        let mut list = self.store.stories()?;
        sort_stories(&mut list);
        let list = Arc::new(list);
        *lock(&self.list) = Some((generation, list.clone()));
        Ok(list)
    }

    fn story(&self, id: &str) -> Result<Option<StoryRecord>, ApiError> {
        Ok(self.store.story(id)?)
    }

    fn story_articles(&self, record: &StoryRecord) -> Result<Vec<Article>, ApiError> {
        let mut articles = Vec::with_capacity(record.articles.len());
        for id in &record.articles {
            if let Some(a) = self.store.article(id)? {
                articles.push(a);
            }
        }
        Ok(articles)
    }

    fn article(&self, id: &str) -> Result<Option<Article>, ApiError> {
        Ok(self.store.article(id)?)
    }

    fn story_of(&self, article_id: &str) -> Result<Option<String>, ApiError> {
        Ok(self.store.story_of(article_id)?)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, ApiError> {
        Ok(self.store.search(query, limit)?)
    }

    /// One store transaction: the request adds all its usable articles or
    /// nothing.
    fn add(&self, docs: Vec<RawDoc>) -> Result<Added, ApiError> {
        let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        let mut ingestor = self.ingestor()?;
        let (progress, diagnostics) = match ingestor.ingest(docs, |_| {}) {
            Ok(done) => done,
            Err(e) => {
                // The commit failed, so nothing was written; the clusterer
                // has already seen the articles and must forget them.
                *ingestor = self.reopen_ingestor()?;
                return Err(e.into());
            }
        };
        drop(ingestor);
        self.generation.fetch_add(1, Ordering::SeqCst);
        let mut articles = Vec::new();
        let mut changed = std::collections::BTreeSet::new();
        for id in &ids {
            let story = self.store.story_of(id)?;
            changed.extend(story.clone());
            articles.push(json!({ "id": id, "story": story }));
        }
        let skipped: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        let (total_articles, total_stories) = self.store.counts()?;
        Ok(Added {
            status: StatusCode::CREATED,
            body: json!({
                "added": progress.added,
                "duplicates": progress.duplicates,
                "skipped": skipped,
                "articles": articles,
                "total_articles": total_articles,
                "total_stories": total_stories,
            }),
            changed: changed.into_iter().collect(),
        })
    }
}

/// A poisoned cache lock only means a panic mid-update of a cache; the
/// data is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
