//! Invariants of syndication detection over generated and shuffled input.

mod common;

use concord_dedup::{find_syndication, shared_passages, SyndicationConfig};
use concord_model::Article;
use proptest::prelude::*;
use std::sync::OnceLock;

const VOCABULARY: &[&str] = &[
    "harbor",
    "freight",
    "terminal",
    "quake",
    "rescue",
    "village",
    "province",
    "minister",
    "shares",
    "premium",
    "billion",
    "workers",
    "union",
    "border",
    "troops",
    "drone",
    "winter",
    "shelter",
    "engineers",
    "power",
    "grid",
    "regulators",
    "approval",
    "merger",
    "tunnel",
    "aftershock",
    "hospital",
    "convoy",
    "ceasefire",
    "talks",
    "budget",
    "deficit",
    "harvest",
    "drought",
    "wildfire",
    "evacuation",
    "runway",
    "airline",
    "pilots",
    "strike",
];

fn article(id: String, paragraphs: Vec<String>) -> Article {
    Article::from_paragraphs(id, paragraphs)
}

/// A paragraph of 10–24 content words.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 10..25).prop_map(|w| w.join(" "))
}

fn body() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(paragraph(), 3..8)
}

fn all_fixtures() -> &'static Vec<Article> {
    static ALL: OnceLock<Vec<Article>> = OnceLock::new();
    ALL.get_or_init(|| {
        ["seed-story", "quake-story", "merger-story"]
            .iter()
            .filter_map(|s| common::load(s))
            .flatten()
            .collect()
    })
}

fn fixture_groups() -> &'static Vec<concord_model::Syndication> {
    static GROUPS: OnceLock<Vec<concord_model::Syndication>> = OnceLock::new();
    GROUPS.get_or_init(|| find_syndication(all_fixtures(), &SyndicationConfig::default()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn an_article_is_fully_syndicated_with_itself(paragraphs in body()) {
        let config = SyndicationConfig::default();
        let a = article("a".into(), paragraphs.clone());
        let pairs = shared_passages(&a, &a, &config);
        prop_assert_eq!(pairs.len(), paragraphs.len());
        prop_assert!(pairs.iter().all(|&(_, _, sim)| sim == 1.0));

        let copy = article("b".into(), paragraphs.clone());
        let groups = find_syndication(&[a, copy], &config);
        prop_assert_eq!(groups.len(), 1);
        prop_assert_eq!(&groups[0].articles, &["a".to_string(), "b".to_string()]);
        prop_assert_eq!(groups[0].shared_passages, paragraphs.len());
    }

    #[test]
    fn fixture_groups_do_not_depend_on_input_order(
        shuffled in Just(all_fixtures().clone()).prop_shuffle()
    ) {
        let config = SyndicationConfig::default();
        prop_assert_eq!(&find_syndication(&shuffled, &config), fixture_groups());
    }

    #[test]
    fn generated_groups_do_not_depend_on_input_order(
        bodies in prop::collection::vec(body(), 1..5),
        copies in prop::collection::vec((0usize..5, any::<bool>()), 0..6),
        seed in any::<u64>(),
    ) {
        // Originals plus copies of some of them, each copy trimmed of its
        // first paragraph or not.
        let mut arts: Vec<Article> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| article(format!("orig-{i}"), b.clone()))
            .collect();
        for (k, &(src, trim)) in copies.iter().enumerate() {
            let mut b = bodies[src % bodies.len()].clone();
            if trim {
                b.remove(0);
            }
            arts.push(article(format!("copy-{k}"), b));
        }
        let config = SyndicationConfig::default();
        let expected = find_syndication(&arts, &config);
        // A cheap deterministic shuffle driven by the seed.
        let mut shuffled = arts.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(find_syndication(&shuffled, &config), expected.clone());
        // Every article is in at most one group.
        let mut seen: Vec<&String> = expected.iter().flat_map(|g| &g.articles).collect();
        let n = seen.len();
        seen.sort();
        seen.dedup();
        prop_assert_eq!(seen.len(), n);
    }
}
