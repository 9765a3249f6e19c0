//! Concord's embedded store: articles, their story assignments, story
//! records and clustering state in a redb database, and a tantivy
//! full-text index beside it.
//!
//! Crash safety: everything that defines the data is written in one redb
//! write transaction per batch (ACID, fsync on commit), so a batch is
//! either wholly there or not at all. The full-text index is derived data:
//! each index commit records, as its payload, the last article sequence
//! number it covers, and opening the store indexes whatever the database
//! holds beyond that. A kill between the two commits therefore loses
//! nothing that was reported as committed.
//!
//! On-disk layout (`--data DIR`): `DIR/concord.redb` and `DIR/index/`.
//! The format is versioned (`FORMAT_VERSION` in the `meta` table).

mod search;
mod tables;

pub use search::SearchHit;

use concord_model::{count_outlets, outlet_key, Article};
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tables::*;

/// The on-disk format this build reads and writes.
pub const FORMAT_VERSION: &str = "concord-store/1";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Database(String),
    #[error("full-text index: {0}")]
    Index(String),
    #[error("{path}: store format {found:?}, this build reads {FORMAT_VERSION:?}")]
    Version { path: PathBuf, found: String },
    #[error("corrupt record {key:?}: {reason}")]
    Corrupt { key: String, reason: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

macro_rules! db_err {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Database(e.to_string())
            }
        }
    )*};
}
db_err!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

impl From<tantivy::TantivyError> for StoreError {
    fn from(e: tantivy::TantivyError) -> Self {
        StoreError::Index(e.to_string())
    }
}

/// What the store keeps about a story between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    pub id: String,
    pub headline: String,
    pub articles: Vec<String>,
    /// Distinct outlet names seen, as [`concord_model::outlet_key`]s.
    pub outlets: Vec<String>,
    /// Articles that name no outlet; each is an outlet of its own. Records
    /// written before this was kept read it as 0 (see [`Self::outlet_count`]).
    #[serde(default)]
    pub articles_without_outlet: usize,
    /// Latest publication date of its articles (`YYYY-MM-DD`), if known.
    pub last_published: Option<String>,
    /// Names of the entities its articles mention (folded keys).
    pub entities: Vec<String>,
    /// Articles left after collapsing syndicated copies to one origin.
    pub independent_origins: usize,
}

impl StoryRecord {
    /// Note the outlet of an article added to the story.
    pub fn add_outlet(&mut self, outlet: Option<&str>) {
        match outlet.map(outlet_key) {
            Some(key) if !self.outlets.contains(&key) => self.outlets.push(key),
            Some(_) => {}
            None => self.articles_without_outlet += 1,
        }
    }

    /// Most entity names a record keeps: enough for the story list's
    /// filters, bounded so a huge story's record stays small.
    pub const MAX_ENTITIES: usize = 200;

    /// Note a publication date (`YYYY-MM-DD`) of an article of the story.
    pub fn add_published(&mut self, date: &str) {
        if self
            .last_published
            .as_deref()
            .is_none_or(|last| last < date)
        {
            self.last_published = Some(date.to_string());
        }
    }

    /// Note the entity names of an article of the story, up to
    /// [`Self::MAX_ENTITIES`].
    pub fn add_entities<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            if self.entities.len() >= Self::MAX_ENTITIES {
                break;
            }
            if !self.entities.iter().any(|e| e == name) {
                self.entities.push(name.to_string());
            }
        }
    }

    /// Take over what a story merged into this one knew: its outlets, its
    /// latest date and its entities (its articles move with the
    /// assignments).
    pub fn absorb(&mut self, merged: &StoryRecord) {
        for key in &merged.outlets {
            if !self.outlets.contains(key) {
                self.outlets.push(key.clone());
            }
        }
        self.articles_without_outlet += merged.articles_without_outlet;
        if let Some(date) = &merged.last_published {
            self.add_published(date);
        }
        self.add_entities(merged.entities.iter().map(String::as_str));
    }

    /// The story's outlets, counted as its brief counts them
    /// ([`count_outlets`]). A record from before `articles_without_outlet`
    /// was kept still shows one outlet when it has articles, as it did then;
    /// for any other record that floor changes nothing.
    pub fn outlet_count(&self) -> usize {
        let named = self.outlets.iter().map(|key| Some(key.as_str()));
        let unnamed = std::iter::repeat_n(None, self.articles_without_outlet);
        count_outlets(named.chain(unnamed)).max(usize::from(!self.articles.is_empty()))
    }
}

/// One article to add, with what ingest decided about it.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    /// Hash of the normalised text, for recognising the same article again.
    pub content_hash: u64,
    pub story_id: String,
}

/// Everything one ingest batch writes, committed atomically.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub articles: Vec<NewArticle>,
    /// Stories created or changed by this batch (full records).
    pub stories: Vec<StoryRecord>,
    /// Serialized clustering state after this batch, if the caller keeps one.
    pub clusterer_state: Option<Vec<u8>>,
    /// Stories merged into others: their records are deleted.
    pub removed_stories: Vec<String>,
    /// Earlier articles moved to another story (article id, story id).
    pub reassigned: Vec<(String, String)>,
}

/// Counts after a commit, and where its time went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CommitReport {
    pub articles_added: usize,
    pub total_articles: u64,
    pub total_stories: u64,
    /// The redb write transaction, fsync included.
    pub db_time: std::time::Duration,
    /// Adding the batch to the tantivy index and committing it.
    pub index_time: std::time::Duration,
}

/// When a batch's articles become committed in the full-text index.
#[derive(Debug, Clone, Copy)]
enum IndexCommit {
    Now,
    WhenDue,
}

pub struct Store {
    dir: PathBuf,
    db: Database,
    index: search::TextIndex,
}

impl Store {
    /// Open (or create) the store in `dir`, then bring the full-text index
    /// up to date with the database.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let db_path = dir.join("concord.redb");
        let db = Database::create(&db_path)?;
        check_version(&db, &db_path)?;
        let index = search::TextIndex::open(&dir.join("index"))?;
        let mut store = Store {
            dir: dir.to_path_buf(),
            db,
            index,
        };
        store.catch_up_index()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The id of an article already stored with this content hash.
    pub fn find_by_hash(&self, hash: u64) -> Result<Option<String>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(HASHES)?;
        Ok(table.get(hash)?.map(|v| v.value().to_string()))
    }

    pub fn contains_article(&self, id: &str) -> Result<bool> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(ARTICLES)?;
        Ok(table.get(id)?.is_some())
    }

    /// For each (content hash, article id): whether the store already has
    /// an article with that hash or that id. One read transaction for the
    /// lot: ingest asks this for every document, and a transaction per
    /// document cost more than the lookups.
    pub fn known(&self, keys: &[(u64, &str)]) -> Result<Vec<bool>> {
        let txn = self.db.begin_read()?;
        let hashes = txn.open_table(HASHES)?;
        let articles = txn.open_table(ARTICLES)?;
        let mut out = Vec::with_capacity(keys.len());
        for &(hash, id) in keys {
            out.push(hashes.get(hash)?.is_some() || articles.get(id)?.is_some());
        }
        Ok(out)
    }

    /// The articles with these ids that the store has, in one read
    /// transaction; missing ids are left out.
    pub fn articles(&self, ids: &[&str]) -> Result<Vec<Article>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(ARTICLES)?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(v) = table.get(id)? {
                out.push(serde_json::from_slice(v.value()).map_err(|e| corrupt(id, e))?);
            }
        }
        Ok(out)
    }

    /// The sequence number of the last article stored (0 when empty).
    pub fn last_seq(&self) -> Result<u64> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        let next = meta
            .get(NEXT_SEQ)?
            .and_then(|v| v.value().parse::<u64>().ok())
            .unwrap_or(1);
        Ok(next.saturating_sub(1))
    }

    /// Write a batch in one transaction, then index it.
    pub fn commit(&self, batch: &Batch) -> Result<CommitReport> {
        self.commit_batch(batch, IndexCommit::Now)
    }

    /// [`Store::commit`], but the full-text index commits only every several
    /// thousand articles (it is derived, and catches up on open): for a run
    /// of many batches, whose last batch goes through `commit`.
    pub fn commit_deferring_index(&self, batch: &Batch) -> Result<CommitReport> {
        self.commit_batch(batch, IndexCommit::WhenDue)
    }

    /// Commits what [`Store::commit_deferring_index`] left uncommitted in
    /// the full-text index.
    pub fn flush_index(&self) -> Result<()> {
        self.index.add(&[])
    }

    fn commit_batch(&self, batch: &Batch, index_commit: IndexCommit) -> Result<CommitReport> {
        let started = std::time::Instant::now();
        let txn = self.db.begin_write()?;
        let first_seq;
        {
            let mut meta = txn.open_table(META)?;
            let next = meta
                .get(NEXT_SEQ)?
                .and_then(|v| v.value().parse::<u64>().ok())
                .unwrap_or(1);
            first_seq = next;
            let mut articles = txn.open_table(ARTICLES)?;
            let mut hashes = txn.open_table(HASHES)?;
            let mut seqs = txn.open_table(SEQUENCE)?;
            let mut assign = txn.open_table(ASSIGNMENTS)?;
            for (k, a) in batch.articles.iter().enumerate() {
                let json = serde_json::to_vec(&a.article).map_err(|e| corrupt(&a.article.id, e))?;
                articles.insert(a.article.id.as_str(), json.as_slice())?;
                hashes.insert(a.content_hash, a.article.id.as_str())?;
                seqs.insert(next + k as u64, a.article.id.as_str())?;
                assign.insert(a.article.id.as_str(), a.story_id.as_str())?;
            }
            meta.insert(
                NEXT_SEQ,
                (next + batch.articles.len() as u64).to_string().as_str(),
            )?;
            for (article, story) in &batch.reassigned {
                assign.insert(article.as_str(), story.as_str())?;
            }
            let mut stories = txn.open_table(STORIES)?;
            for id in &batch.removed_stories {
                stories.remove(id.as_str())?;
            }
            for s in &batch.stories {
                let json = serde_json::to_vec(s).map_err(|e| corrupt(&s.id, e))?;
                stories.insert(s.id.as_str(), json.as_slice())?;
            }
            if let Some(state) = &batch.clusterer_state {
                let mut blobs = txn.open_table(BLOBS)?;
                blobs.insert(CLUSTERER, state.as_slice())?;
            }
        }
        txn.commit()?;
        let db_time = started.elapsed();
        let started = std::time::Instant::now();
        let docs: Vec<(u64, &Article, &str)> = batch
            .articles
            .iter()
            .enumerate()
            .map(|(k, a)| (first_seq + k as u64, &a.article, a.story_id.as_str()))
            .collect();
        match index_commit {
            IndexCommit::Now => self.index.add(&docs)?,
            IndexCommit::WhenDue => self.index.add_deferred(&docs)?,
        }
        let index_time = started.elapsed();
        let (total_articles, total_stories) = self.counts()?;
        Ok(CommitReport {
            articles_added: batch.articles.len(),
            total_articles,
            total_stories,
            db_time,
            index_time,
        })
    }

    /// Articles and stories stored.
    pub fn counts(&self) -> Result<(u64, u64)> {
        let txn = self.db.begin_read()?;
        Ok((
            txn.open_table(ARTICLES)?.len()?,
            txn.open_table(STORIES)?.len()?,
        ))
    }

    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(ARTICLES)?;
        let Some(v) = table.get(id)? else {
            return Ok(None);
        };
        serde_json::from_slice(v.value())
            .map(Some)
            .map_err(|e| corrupt(id, e))
    }

    pub fn story_of(&self, article_id: &str) -> Result<Option<String>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(ASSIGNMENTS)?;
        Ok(table.get(article_id)?.map(|v| v.value().to_string()))
    }

    pub fn story(&self, id: &str) -> Result<Option<StoryRecord>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(STORIES)?;
        let Some(v) = table.get(id)? else {
            return Ok(None);
        };
        serde_json::from_slice(v.value())
            .map(Some)
            .map_err(|e| corrupt(id, e))
    }

    /// Every story record, in id order.
    pub fn stories(&self) -> Result<Vec<StoryRecord>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(STORIES)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (k, v) = row?;
            out.push(serde_json::from_slice(v.value()).map_err(|e| corrupt(k.value(), e))?);
        }
        Ok(out)
    }

    /// Every article in arrival order.
    pub fn articles_in_order(&self) -> Result<Vec<Article>> {
        self.articles_after(0)
    }

    /// The articles with a sequence number above `seq`, in arrival order.
    pub fn articles_after(&self, seq: u64) -> Result<Vec<Article>> {
        let txn = self.db.begin_read()?;
        let seqs = txn.open_table(SEQUENCE)?;
        let articles = txn.open_table(ARTICLES)?;
        let mut out = Vec::new();
        for row in seqs.range(seq.saturating_add(1)..)? {
            let (_, id) = row?;
            let id = id.value();
            if let Some(json) = articles.get(id)? {
                out.push(serde_json::from_slice(json.value()).map_err(|e| corrupt(id, e))?);
            }
        }
        Ok(out)
    }

    /// The clustering state saved by the last batch.
    pub fn clusterer_state(&self) -> Result<Option<Vec<u8>>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(BLOBS)?;
        Ok(table.get(CLUSTERER)?.map(|v| v.value().to_vec()))
    }

    /// Full-text search over titles and bodies.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.index.search(query, limit)
    }

    /// Index articles the database has but the index does not (after a
    /// crash between the two commits, or a deleted index folder).
    fn catch_up_index(&mut self) -> Result<()> {
        let indexed = self.index.last_seq()?;
        let txn = self.db.begin_read()?;
        let seqs = txn.open_table(SEQUENCE)?;
        let articles = txn.open_table(ARTICLES)?;
        let assign = txn.open_table(ASSIGNMENTS)?;
        let mut pending: Vec<(u64, Article, String)> = Vec::new();
        for row in seqs.range(indexed + 1..)? {
            let (seq, id) = row?;
            let id = id.value();
            let Some(json) = articles.get(id)? else {
                continue;
            };
            let article: Article =
                serde_json::from_slice(json.value()).map_err(|e| corrupt(id, e))?;
            let story = assign
                .get(id)?
                .map(|v| v.value().to_string())
                .unwrap_or_default();
            pending.push((seq.value(), article, story));
        }
        if pending.is_empty() {
            return Ok(());
        }
        let docs: Vec<(u64, &Article, &str)> = pending
            .iter()
            .map(|(s, a, st)| (*s, a, st.as_str()))
            .collect();
        self.index.add(&docs)
    }
}

fn corrupt(key: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        key: key.to_string(),
        reason: e.to_string(),
    }
}

/// Stamp a new database with the format version; refuse another version.
fn check_version(db: &Database, path: &Path) -> Result<()> {
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        let found = meta.get(FORMAT)?.map(|v| v.value().to_string());
        match found {
            Some(v) if v != FORMAT_VERSION => {
                return Err(StoreError::Version {
                    path: path.to_path_buf(),
                    found: v,
                })
            }
            Some(_) => {}
            None => {
                meta.insert(FORMAT, FORMAT_VERSION)?;
            }
        }
        // Create every table so readers never meet a missing one.
        txn.open_table(ARTICLES)?;
        txn.open_table(HASHES)?;
        txn.open_table(SEQUENCE)?;
        txn.open_table(ASSIGNMENTS)?;
        txn.open_table(STORIES)?;
        txn.open_table(BLOBS)?;
    }
    txn.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
