//! Incremental ingest into the store: clean each document, recognise
//! copies already stored, place it into a story with the online
//! clusterer, and commit in batches.
//!
//! Story ids come from the clusterer and stay stable as stories grow. The
//! clusterer's state is rebuilt on open by replaying stored articles in
//! arrival order (the clusterer is deterministic, so the replay reproduces
//! the stored assignments); assignments themselves are never recomputed.

use concord_cluster::{OnlineClusterer, OnlineConfig};
use concord_model::{Article, Diagnostic, EntityType, RawDoc};
use concord_store::{Batch, NewArticle, Store, StoreError, StoryRecord};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// Settings for `concord ingest`.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Articles per committed batch: smaller loses less on a crash and
    /// reports progress sooner; larger commits less often.
    pub batch_size: usize,
    pub online: OnlineConfig,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 500,
            online: OnlineConfig::default(),
        }
    }
}

/// Where ingest stands after a committed batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
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
}

/// A store opened for ingest, with its clusterer ready.
pub struct Ingestor {
    /// Shared, so a server can read while this ingestor writes.
    store: Arc<Store>,
    clusterer: OnlineClusterer,
    options: IngestOptions,
}

impl Ingestor {
    /// Open the store and rebuild the clusterer from what it holds.
    pub fn open(
        store: impl Into<Arc<Store>>,
        options: IngestOptions,
    ) -> Result<Ingestor, StoreError> {
        let store = store.into();
        let mut clusterer = OnlineClusterer::new(options.online.clone());
        for article in store.articles_in_order()? {
            clusterer.add(&article);
        }
        Ok(Ingestor {
            store,
            clusterer,
            options,
        })
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Ingest documents, committing every `batch_size` articles and calling
    /// `on_commit` after each commit. Diagnostics for unusable documents are
    /// returned; the rest of the input still goes in.
    pub fn ingest(
        &mut self,
        docs: Vec<RawDoc>,
        mut on_commit: impl FnMut(&IngestProgress),
    ) -> Result<(IngestProgress, Vec<Diagnostic>), StoreError> {
        let mut progress = IngestProgress::default();
        let mut diagnostics = Vec::new();
        let mut seen_in_run: HashSet<u64> = HashSet::new();
        let mut pending = PendingBatch::default();
        for doc in docs {
            progress.read += 1;
            let article = concord_clean::clean(&doc);
            if article.body_paragraphs.is_empty() && article.title.is_none() {
                diagnostics.push(Diagnostic::new(
                    &doc.source,
                    "no article text left after cleaning",
                ));
                continue;
            }
            let hash = content_hash(&article);
            let known = self.store.find_by_hash(hash)?.is_some()
                || self.store.contains_article(&article.id)?;
            if known || !seen_in_run.insert(hash) || pending.ids.contains(&article.id) {
                progress.duplicates += 1;
                continue;
            }
            let assignment = self.clusterer.add(&article);
            pending.add(
                &self.store,
                article,
                hash,
                &assignment.story_id,
                &assignment.absorbed,
            )?;
            if pending.articles.len() >= self.options.batch_size.max(1) {
                self.commit(&mut pending, &mut progress, &mut on_commit)?;
            }
        }
        if !pending.articles.is_empty() {
            self.commit(&mut pending, &mut progress, &mut on_commit)?;
        }
        Ok((progress, diagnostics))
    }

    fn commit(
        &mut self,
        pending: &mut PendingBatch,
        progress: &mut IngestProgress,
        on_commit: &mut impl FnMut(&IngestProgress),
    ) -> Result<(), StoreError> {
        let batch = std::mem::take(pending).into_batch(&self.store)?;
        let report = self.store.commit(&batch)?;
        progress.added += report.articles_added;
        progress.total_articles = report.total_articles;
        progress.total_stories = report.total_stories;
        on_commit(progress);
        Ok(())
    }
}

/// A batch being assembled: new articles and the stories they change.
#[derive(Default)]
struct PendingBatch {
    articles: Vec<NewArticle>,
    ids: HashSet<String>,
    stories: BTreeMap<String, StoryRecord>,
    removed: BTreeSet<String>,
    reassigned: Vec<(String, String)>,
}

impl PendingBatch {
    fn story(&mut self, store: &Store, id: &str) -> Result<&mut StoryRecord, StoreError> {
        if !self.stories.contains_key(id) {
            let record = store.story(id)?.unwrap_or_else(|| StoryRecord {
                id: id.to_string(),
                headline: String::new(),
                articles: Vec::new(),
                outlets: Vec::new(),
                last_published: None,
                entities: Vec::new(),
                independent_origins: 0,
            });
            self.stories.insert(id.to_string(), record);
        }
        self.stories
            .get_mut(id)
            .ok_or_else(|| StoreError::Database(format!("story {id} vanished from the batch")))
    }

    fn add(
        &mut self,
        store: &Store,
        article: Article,
        hash: u64,
        story_id: &str,
        absorbed: &[String],
    ) -> Result<(), StoreError> {
        // Stories merged into this one hand over their articles.
        for gone in absorbed {
            let moved = self.story(store, gone)?.articles.clone();
            for a in &moved {
                self.reassigned.push((a.clone(), story_id.to_string()));
            }
            self.stories.remove(gone);
            self.removed.insert(gone.clone());
            let survivor = self.story(store, story_id)?;
            survivor.articles.extend(moved);
        }
        let record = self.story(store, story_id)?;
        if record.headline.is_empty() {
            record.headline = article
                .title
                .clone()
                .unwrap_or_else(|| first_sentence(&article));
        }
        record.articles.push(article.id.clone());
        if let Some(outlet) = &article.outlet {
            let o = outlet.to_lowercase();
            if !record.outlets.contains(&o) {
                record.outlets.push(o);
            }
        }
        if let Some(d) = article.published {
            let d = d.to_string();
            if record.last_published.as_ref().is_none_or(|l| *l < d) {
                record.last_published = Some(d);
            }
        }
        for name in entity_keys(&article) {
            if !record.entities.contains(&name) && record.entities.len() < 200 {
                record.entities.push(name);
            }
        }
        self.ids.insert(article.id.clone());
        self.articles.push(NewArticle {
            article,
            content_hash: hash,
            story_id: story_id.to_string(),
        });
        Ok(())
    }

    fn into_batch(mut self, store: &Store) -> Result<Batch, StoreError> {
        // Independent origins need the story's articles; bounded so a huge
        // story doesn't make every batch slow.
        for record in self.stories.values_mut() {
            record.independent_origins = independent_origins(store, record, &self.articles)?;
        }
        Ok(Batch {
            articles: self.articles,
            stories: self.stories.into_values().collect(),
            clusterer_state: None,
            removed_stories: self.removed.into_iter().collect(),
            reassigned: self.reassigned,
        })
    }
}

/// Stories larger than this are not re-checked for syndication per batch.
const MAX_SYNDICATION_CHECK: usize = 200;

fn independent_origins(
    store: &Store,
    record: &StoryRecord,
    batch: &[NewArticle],
) -> Result<usize, StoreError> {
    if record.articles.len() > MAX_SYNDICATION_CHECK {
        return Ok(record.independent_origins.max(1));
    }
    let mut articles = Vec::new();
    for id in &record.articles {
        if let Some(a) = batch.iter().find(|n| n.article.id == *id) {
            articles.push(a.article.clone());
        } else if let Some(a) = store.article(id)? {
            articles.push(a);
        }
    }
    let groups =
        concord_dedup::find_syndication(&articles, &concord_dedup::SyndicationConfig::default());
    let copies: usize = groups
        .iter()
        .map(|g| g.articles.len().saturating_sub(1))
        .sum();
    Ok(articles.len().saturating_sub(copies))
}

/// Folded names of the people, organisations and places an article names.
fn entity_keys(article: &Article) -> BTreeSet<String> {
    concord_extract::entities::find_entities(article)
        .into_iter()
        .filter(|m| m.kind != EntityType::Other)
        .map(|m| concord_text::name_key(&m.name))
        .collect()
}

fn first_sentence(article: &Article) -> String {
    article
        .body_paragraphs
        .first()
        .and_then(|p| concord_text::sentences(p).into_iter().next())
        .unwrap_or("(untitled)")
        .to_string()
}

/// FNV-1a over the folded words of title and body: the same article
/// re-ingested (another file name, other whitespace or quotes) hashes equal.
pub fn content_hash(article: &Article) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in concord_text::tokenize(&article.full_text()) {
        if w.kind == concord_text::TokenKind::Punct {
            continue;
        }
        for b in concord_text::fold(w.text)
            .bytes()
            .chain(std::iter::once(b' '))
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
