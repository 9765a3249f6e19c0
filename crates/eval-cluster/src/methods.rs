//! The clusterers compared on the UCI sample: the online clusterer, the
//! batch average-link clusterer of the same crate, and three trivial
//! baselines that bound what the metrics can say.

use concord_cluster::{cluster_stories, story_id, ClusterConfig, OnlineClusterer, OnlineConfig};
use concord_model::Article;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// `OnlineClusterer`, articles fed in stream order.
    Online,
    /// `cluster_stories` (average link) over the whole part at once.
    Batch,
    /// Every article its own story.
    Singletons,
    /// All articles one story.
    OneCluster,
    /// Articles with the same headline (case, accents and punctuation
    /// folded) form a story.
    ExactTitle,
}

/// One story in the shape `concord stories --format json` prints.
#[derive(Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    pub headline: String,
    pub articles: Vec<String>,
    pub outlets: usize,
}

#[derive(Debug, Serialize)]
pub struct Output {
    pub stories: Vec<StoryOut>,
}

pub fn run(
    method: Method,
    articles: &[Article],
    online: &OnlineConfig,
    batch: &ClusterConfig,
) -> Output {
    let stories = match method {
        Method::Online => run_online(articles, online),
        Method::Batch => {
            let groups = cluster_stories(articles, batch);
            from_groups(articles, groups)
        }
        Method::Singletons => from_groups(articles, (0..articles.len()).map(|i| vec![i]).collect()),
        Method::OneCluster => from_groups(articles, vec![(0..articles.len()).collect()]),
        Method::ExactTitle => {
            let mut by_title: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (i, a) in articles.iter().enumerate() {
                let key = concord_text::name_key(a.title.as_deref().unwrap_or(""));
                by_title.entry(key).or_default().push(i);
            }
            from_groups(articles, by_title.into_values().collect())
        }
    };
    Output { stories }
}

fn run_online(articles: &[Article], config: &OnlineConfig) -> Vec<StoryOut> {
    let mut clusterer = OnlineClusterer::new(config.clone());
    for a in articles {
        clusterer.add(a);
    }
    clusterer
        .stories()
        .map(|s| StoryOut {
            id: s.id.to_string(),
            headline: s.headline.unwrap_or("").to_string(),
            articles: s.articles.to_vec(),
            outlets: s.outlets,
        })
        .collect()
}

fn from_groups(articles: &[Article], groups: Vec<Vec<usize>>) -> Vec<StoryOut> {
    groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let members: Vec<&Article> = g.iter().map(|&i| &articles[i]).collect();
            let mut outlets: Vec<&str> =
                members.iter().filter_map(|a| a.outlet.as_deref()).collect();
            outlets.sort_unstable();
            outlets.dedup();
            StoryOut {
                id: story_id(&members),
                headline: members[0].title.clone().unwrap_or_default(),
                articles: members.iter().map(|a| a.id.clone()).collect(),
                outlets: outlets.len(),
            }
        })
        .collect()
}
