//! The full-text index (tantivy): titles and bodies, searchable by words,
//! with the article's id and story id stored for display.

use crate::{Result, StoreError};
use concord_model::Article;
use serde::Serialize;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, Schema, Value, STORED, STRING, TEXT};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument};

/// Memory the index writer may use per commit.
const WRITER_MEMORY: usize = 50_000_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub article: String,
    pub story: String,
    pub title: Option<String>,
    pub score: f32,
}

/// The kept writer and what it holds that is not committed yet.
#[derive(Default)]
struct WriterSlot {
    writer: Option<tantivy::IndexWriter<TantivyDocument>>,
    /// Documents added since the last commit.
    uncommitted: usize,
    /// The highest sequence number added: the next commit's payload.
    last_seq: u64,
}

/// Documents an index commit may wait for. A commit writes a segment,
/// syncs it and sets off merges; at one per store batch (500 articles)
/// that was a tenth of ingest's CPU time.
const COMMIT_EVERY_DOCS: usize = 10_000;

pub(crate) struct TextIndex {
    index: Index,
    reader: IndexReader,
    /// Made on the first add and kept: a writer per batch cost its setup
    /// and a wait for merges on every commit; a kept one merges in the
    /// background. (It holds the index's lock while the store is open for
    /// writing, which only ingest does.) Behind a mutex so the store can
    /// be shared with readers (the server) while one writer commits.
    writer: std::sync::Mutex<WriterSlot>,
    id: Field,
    story: Field,
    title: Field,
    body: Field,
}

impl TextIndex {
    pub(crate) fn open(dir: &Path) -> Result<TextIndex> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING | STORED);
        let story = builder.add_text_field("story", STRING | STORED);
        let title = builder.add_text_field("title", TEXT | STORED);
        let body = builder.add_text_field("body", TEXT);
        let schema = builder.build();
        let directory = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| StoreError::Index(format!("{}: {e}", dir.display())))?;
        let index = Index::open_or_create(directory, schema)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex {
            index,
            reader,
            writer: std::sync::Mutex::new(WriterSlot::default()),
            id,
            story,
            title,
            body,
        })
    }

    /// The last article sequence number the index covers.
    pub(crate) fn last_seq(&self) -> Result<u64> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// Add articles and commit (with any added before and not committed),
    /// recording the highest sequence number.
    pub(crate) fn add(&self, docs: &[(u64, &Article, &str)]) -> Result<()> {
        self.add_docs(docs, 0)
    }

    /// Add articles; commit only once enough are waiting. What is not
    /// committed is searchable after a later `add`, and after a crash is
    /// re-added from the database on open (the commit payload says how
    /// far the index got).
    pub(crate) fn add_deferred(&self, docs: &[(u64, &Article, &str)]) -> Result<()> {
        self.add_docs(docs, COMMIT_EVERY_DOCS)
    }

    /// Adds `docs`, then commits if more than `wait_for` are uncommitted
    /// (0: commit whatever there is).
    fn add_docs(&self, docs: &[(u64, &Article, &str)], wait_for: usize) -> Result<()> {
        // A panic while indexing poisons the lock; the writer itself is
        // still usable (uncommitted documents are re-added on catch-up).
        let mut slot = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let slot = &mut *slot;
        let writer = match &mut slot.writer {
            Some(writer) => writer,
            None => slot.writer.insert(
                self.index
                    .writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?,
            ),
        };
        for (seq, a, story) in docs {
            // Re-indexing after a crash must not duplicate documents.
            writer.delete_term(tantivy::Term::from_field_text(self.id, &a.id));
            writer.add_document(doc!(
                self.id => a.id.as_str(),
                self.story => *story,
                self.title => a.title.clone().unwrap_or_default(),
                self.body => a.body_paragraphs.join("\n"),
            ))?;
            slot.uncommitted += 1;
            slot.last_seq = slot.last_seq.max(*seq);
        }
        if slot.uncommitted == 0 || slot.uncommitted < wait_for {
            return Ok(());
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&slot.last_seq.to_string());
        commit.commit()?;
        slot.uncommitted = 0;
        self.reader.reload()?;
        Ok(())
    }

    pub(crate) fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let searcher = self.reader.searcher();
        let parser = QueryParser::for_index(&self.index, vec![self.title, self.body]);
        // Lenient parsing: user text with stray quotes or colons still searches.
        let (query, _errors) = parser.parse_query_lenient(query);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut hits = Vec::new();
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |f: Field| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            hits.push(SearchHit {
                article: text(self.id).unwrap_or_default(),
                story: text(self.story).unwrap_or_default(),
                title: text(self.title).filter(|t| !t.is_empty()),
                score,
            });
        }
        Ok(hits)
    }
}
