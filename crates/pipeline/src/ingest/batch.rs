//! A batch being assembled for one store commit: the new articles, and the
//! story records they create or change.

use super::prepare::Prepared;
use concord_dedup::{PairVerdicts, SyndicationConfig, SyndicationKeys};
use concord_model::Article;
use concord_store::{Batch, NewArticle, Store, StoreError, StoryRecord};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
/// Stories larger than this are not re-checked for syndication per batch.
const MAX_SYNDICATION_CHECK: usize = 200;

/// New articles and the stories they change.
#[derive(Default)]
pub(super) struct PendingBatch {
    pub(super) articles: Vec<NewArticle>,
    /// The articles' syndication keys, in the same order.
    keys: Vec<SyndicationKeys>,
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
                articles_without_outlet: 0,
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

    pub(super) fn add(
        &mut self,
        store: &Store,
        prepared: Prepared,
        story_id: &str,
        absorbed: &[String],
    ) -> Result<(), StoreError> {
        let Prepared {
            article,
            hash,
            entities,
            syndication: keys,
            terms: _,
        } = prepared;
        // Stories merged into this one hand over their articles, outlets,
        // latest date and entities (dropping them undercounted the merged
        // story).
        for gone in absorbed {
            let merged = self.story(store, gone)?.clone();
            for a in &merged.articles {
                self.reassigned.push((a.clone(), story_id.to_string()));
            }
            self.stories.remove(gone);
            self.removed.insert(gone.clone());
            let survivor = self.story(store, story_id)?;
            survivor.articles.extend(merged.articles.iter().cloned());
            survivor.absorb(&merged);
        }
        let record = self.story(store, story_id)?;
        if record.headline.is_empty() {
            record.headline = story_headline(&article);
        }
        record.articles.push(article.id.clone());
        record.add_outlet(article.outlet.as_deref());
        if let Some(d) = article.published {
            record.add_published(&d.to_string());
        }
        record.add_entities(entities.iter().map(String::as_str));
        self.keys.push(keys);
        self.articles.push(NewArticle {
            article,
            content_hash: hash,
            story_id: story_id.to_string(),
        });
        Ok(())
    }

    pub(super) fn into_batch(
        mut self,
        store: &Store,
        cache: &mut KeyCache,
        clusterer_state: Option<Vec<u8>>,
    ) -> Result<Batch, StoreError> {
        let config = SyndicationConfig::default();
        for (n, keys) in self.articles.iter().zip(std::mem::take(&mut self.keys)) {
            cache.insert_keyed(n.article.clone(), keys);
        }
        // Independent origins need the story's articles; bounded so a huge
        // story doesn't make every batch slow.
        for record in self.stories.values_mut() {
            if record.articles.len() > MAX_SYNDICATION_CHECK {
                record.independent_origins = record.independent_origins.max(1);
                continue;
            }
            let missing: Vec<&str> = record
                .articles
                .iter()
                .map(String::as_str)
                .filter(|id| !cache.map.contains_key(*id))
                .collect();
            for article in store.articles(&missing)? {
                cache.insert(article, &config);
            }
            let keyed: Vec<(&Article, &SyndicationKeys)> = record
                .articles
                .iter()
                .filter_map(|id| cache.map.get(id.as_str()))
                .map(|k| (&k.article, &k.keys))
                .collect();
            record.independent_origins =
                concord_dedup::count_independent(&keyed, &config, &mut cache.verdicts);
        }
        cache.trim();
        Ok(Batch {
            articles: self.articles,
            stories: self.stories.into_values().collect(),
            clusterer_state,
            removed_stories: self.removed.into_iter().collect(),
            reassigned: self.reassigned,
        })
    }
}

/// Most remembered pair verdicts (about 100 bytes each).
const MAX_VERDICTS: usize = 500_000;

/// Most articles the key cache keeps: several batches' worth of changed
/// stories of up to `MAX_SYNDICATION_CHECK` articles each.
const KEY_CACHE_ARTICLES: usize = 16_000;

/// Articles of recently changed stories with their syndication keys. A
/// story that grows is re-checked for syndication after every batch it
/// changes in; without the cache each check read all its articles back
/// from the store and keyed them again (a quarter of ingest time). Only a
/// speed-up: what is not cached is read from the store.
#[derive(Default)]
pub(super) struct KeyCache {
    map: HashMap<String, Keyed>,
    /// Ids in order of insertion, for dropping the oldest.
    order: VecDeque<String>,
    /// Pairs already compared: a story re-checked after it grows compares
    /// only its new pairs.
    verdicts: PairVerdicts,
}

struct Keyed {
    article: Article,
    keys: SyndicationKeys,
}

impl KeyCache {
    fn insert(&mut self, article: Article, config: &SyndicationConfig) {
        if !self.map.contains_key(&article.id) {
            let keys = SyndicationKeys::new(&article, config);
            self.insert_keyed(article, keys);
        }
    }

    fn insert_keyed(&mut self, article: Article, keys: SyndicationKeys) {
        if self.map.contains_key(&article.id) {
            return;
        }
        self.order.push_back(article.id.clone());
        self.map.insert(article.id.clone(), Keyed { article, keys });
    }

    /// Drops the oldest entries beyond the bound; between batches only, so
    /// that a story being checked keeps all of its articles.
    fn trim(&mut self) {
        while self.order.len() > KEY_CACHE_ARTICLES {
            if let Some(id) = self.order.pop_front() {
                self.map.remove(&id);
            }
        }
        // Cheaper than tracking which pairs belong to evicted articles;
        // the verdicts of live stories come back within a batch or two.
        if self.verdicts.len() > MAX_VERDICTS {
            self.verdicts.clear();
        }
    }
}

/// The headline a story takes from its first article: the title, else the
/// first sentence of the body.
pub fn story_headline(article: &Article) -> String {
    article.title.clone().unwrap_or_else(|| {
        article
            .body_paragraphs
            .first()
            .and_then(|p| concord_text::sentences(p).into_iter().next())
            .unwrap_or("(untitled)")
            .to_string()
    })
}
