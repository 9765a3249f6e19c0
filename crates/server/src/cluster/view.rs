//! One epoch as the server shows it: the list's story records, built from
//! the epoch file and a summary of each live article.

use concord_dataflow::StoryOut;
use concord_model::Article;
use concord_store::StoryRecord;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Changed stories briefed in the background after a newer epoch loads
/// (the newest first), as many as the store-backed server briefs at start.
const WARM_PER_EPOCH: usize = 100;

/// One epoch's stories, with what the list needs of each live article.
#[derive(Default)]
pub(super) struct EpochView {
    pub(super) epoch: Option<u64>,
    /// Sorted as the list shows them.
    pub(super) stories: Arc<Vec<StoryRecord>>,
    pub(super) by_id: HashMap<String, usize>,
    pub(super) story_of: HashMap<u64, String>,
    pub(super) articles: HashMap<u64, Arc<Summary>>,
}

/// What the story list and the title search need of one article, kept
/// across epochs so only newly arrived offsets are read and cleaned.
pub(super) struct Summary {
    pub(super) headline: String,
    pub(super) title: Option<String>,
    pub(super) title_words: BTreeSet<String>,
    pub(super) outlet: Option<String>,
    pub(super) published: Option<String>,
    pub(super) entities: BTreeSet<String>,
}

impl Summary {
    pub(super) fn of(article: &Article) -> Summary {
        let headline = concord_pipeline::ingest::story_headline(article);
        Summary {
            title_words: concord_text::word_set(&headline).into_iter().collect(),
            headline,
            title: article.title.clone(),
            outlet: article.outlet.as_deref().map(concord_model::outlet_key),
            published: article.published.map(|d| d.to_string()),
            entities: concord_pipeline::ingest::article_entity_keys(article),
        }
    }
}

/// Summaries of freshly read articles, keyed by offset; on every core,
/// since a cold start summarizes the whole live window.
pub(super) fn summarize(articles: Vec<Article>) -> Vec<(u64, Summary)> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = articles.len().div_ceil(threads).max(1);
    let one = |part: &[Article]| -> Vec<(u64, Summary)> {
        part.iter()
            .filter_map(|a| Some((a.id.parse().ok()?, Summary::of(a))))
            .collect()
    };
    if threads == 1 || articles.len() < 64 {
        return one(&articles);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| scope.spawn(move || one(part)))
            .collect();
        handles
            .into_iter()
            // A panicking summary loses its chunk's list fields, not the view.
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Ids of the stories of `new` that `old` did not have with the same
/// articles, in list order, at most [`WARM_PER_EPOCH`].
pub(super) fn changed_stories(old: &EpochView, new: &EpochView) -> Vec<String> {
    new.stories
        .iter()
        .filter(|s| {
            old.by_id
                .get(&s.id)
                .and_then(|&n| old.stories.get(n))
                .is_none_or(|o| o.articles != s.articles)
        })
        .take(WARM_PER_EPOCH)
        .map(|s| s.id.clone())
        .collect()
}

/// The list's record of one story of the epoch file.
pub(super) fn record(
    story: &StoryOut,
    articles: &HashMap<u64, Arc<Summary>>,
    copy_group: &HashMap<u64, usize>,
) -> StoryRecord {
    let mut record = StoryRecord {
        id: story.id.to_string(),
        headline: String::new(),
        articles: story.articles.iter().map(u64::to_string).collect(),
        outlets: Vec::new(),
        articles_without_outlet: 0,
        last_published: None,
        entities: Vec::new(),
        independent_origins: 0,
    };
    // One origin per group of copies; every other article is its own.
    let mut origins: BTreeSet<Result<usize, u64>> = BTreeSet::new();
    for offset in &story.articles {
        origins.insert(copy_group.get(offset).copied().ok_or(*offset));
        let Some(summary) = articles.get(offset) else {
            continue;
        };
        if record.headline.is_empty() {
            record.headline = summary.headline.clone();
        }
        record.add_outlet(summary.outlet.as_deref());
        if let Some(date) = &summary.published {
            record.add_published(date);
        }
        record.add_entities(summary.entities.iter().map(String::as_str));
    }
    record.independent_origins = origins.len();
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_count_as_one_origin() {
        let story = StoryOut {
            id: 1,
            articles: vec![1, 2, 3, 4],
        };
        let groups = HashMap::from([(1, 0), (3, 0), (4, 1)]);
        let r = record(&story, &HashMap::new(), &groups);
        assert_eq!(r.independent_origins, 3);
        assert_eq!(r.articles, ["1", "2", "3", "4"]);
    }

    fn view(stories: &[(&str, &[&str])]) -> EpochView {
        let stories: Vec<StoryRecord> = stories
            .iter()
            .map(|(id, articles)| {
                let story = StoryOut {
                    id: id.parse().unwrap(),
                    articles: articles.iter().map(|a| a.parse().unwrap()).collect(),
                };
                record(&story, &HashMap::new(), &HashMap::new())
            })
            .collect();
        EpochView {
            by_id: stories
                .iter()
                .enumerate()
                .map(|(n, s)| (s.id.clone(), n))
                .collect(),
            stories: Arc::new(stories),
            ..EpochView::default()
        }
    }

    #[test]
    fn only_new_and_changed_stories_are_warmed() {
        let old = view(&[("0", &["0", "1"]), ("2", &["2"])]);
        let new = view(&[("0", &["0", "1"]), ("2", &["2", "3"]), ("4", &["4"])]);
        assert_eq!(changed_stories(&old, &new), ["2", "4"]);
        assert!(changed_stories(&new, &new).is_empty());
    }
}
