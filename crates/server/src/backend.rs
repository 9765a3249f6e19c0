//! Where the server's stories come from. Two implementations: the embedded
//! store that `concord ingest --data` writes ([`crate::store_backend`]),
//! and the shared ingest log with the epoch files of `concord cluster`
//! ([`crate::cluster`]). Everything above this trait (routes, pages, the
//! brief cache, escaping) is the same for both.

use crate::error::ApiError;
use axum::http::StatusCode;
use concord_model::{Article, RawDoc};
use concord_store::{SearchHit, StoryRecord};
use std::sync::Arc;

/// What a write did, as `POST /api/articles` answers it.
pub struct Added {
    pub status: StatusCode,
    pub body: serde_json::Value,
    /// Stories that changed, to brief ahead of their first read.
    pub changed: Vec<String>,
}

/// The stories and articles a server shows, and where new articles go.
pub trait Backend: Send + Sync {
    /// `(articles, stories)` for `/api/health`.
    fn counts(&self) -> Result<(u64, u64), ApiError>;

    /// The epoch of `concord cluster` shown, for `/api/health`; `None` for
    /// a store, which has no epochs.
    fn epoch(&self) -> Option<u64> {
        None
    }

    /// Every story, newest activity first (then the biggest, then by id).
    fn sorted_stories(&self) -> Result<Arc<Vec<StoryRecord>>, ApiError>;

    fn story(&self, id: &str) -> Result<Option<StoryRecord>, ApiError>;

    /// The articles of a story, in the record's order, for briefing.
    fn story_articles(&self, record: &StoryRecord) -> Result<Vec<Article>, ApiError>;

    fn article(&self, id: &str) -> Result<Option<Article>, ApiError>;

    /// The story an article belongs to now.
    fn story_of(&self, article_id: &str) -> Result<Option<String>, ApiError>;

    /// Articles matching a text query, best first.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, ApiError>;

    /// Add a checked, non-empty batch of documents.
    fn add(&self, docs: Vec<RawDoc>) -> Result<Added, ApiError>;

    /// Register what to call with the ids of stories that changed without
    /// a request (a newer epoch), so they are briefed before their first
    /// read. The store changes only through [`Backend::add`], which
    /// reports its changes itself.
    fn on_change(&self, _warm: ChangeHook) {}
}

/// See [`Backend::on_change`].
pub type ChangeHook = Box<dyn Fn(Vec<String>) + Send + Sync>;

/// The order of the story list: newest activity first, then the biggest,
/// then by id.
pub fn sort_stories(list: &mut [StoryRecord]) {
    list.sort_by(|a, b| {
        b.last_published
            .cmp(&a.last_published)
            .then(b.articles.len().cmp(&a.articles.len()))
            .then(a.id.cmp(&b.id))
    });
}
