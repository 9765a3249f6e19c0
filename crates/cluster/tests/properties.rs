//! Clustering is a partition that does not depend on input order.

#[path = "../../dedup/tests/common/mod.rs"]
mod common;
mod made_up;

use concord_cluster::{cluster_stories, ClusterConfig};
use concord_model::Article;
use proptest::prelude::*;
use std::sync::OnceLock;

fn corpus() -> &'static Vec<Article> {
    static ALL: OnceLock<Vec<Article>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Article> = ["seed-story", "quake-story", "merger-story"]
            .iter()
            .filter_map(|s| common::load(s))
            .flatten()
            .collect();
        all.extend(made_up::wildfire());
        all.extend(made_up::grid_strike());
        all
    })
}

/// Stories as sets of ids, for comparing partitions of reordered input.
fn as_ids(arts: &[Article], stories: &[Vec<usize>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = s.iter().map(|&i| arts[i].id.clone()).collect();
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

fn assert_partition(n: usize, stories: &[Vec<usize>]) -> Result<(), TestCaseError> {
    let mut seen: Vec<usize> = stories.iter().flatten().copied().collect();
    seen.sort_unstable();
    prop_assert_eq!(seen, (0..n).collect::<Vec<_>>());
    for s in stories {
        prop_assert!(!s.is_empty() && s.windows(2).all(|w| w[0] < w[1]));
    }
    prop_assert!(stories.windows(2).all(|w| w[0][0] < w[1][0]));
    Ok(())
}

/// Headline-like text from a small vocabulary, so similarities vary and tie.
fn article() -> impl Strategy<Value = Article> {
    let word = prop::sample::select(vec![
        "Kyiv",
        "quake",
        "Morocco",
        "merger",
        "shares",
        "Zelenskiy",
        "Zelensky",
        "fire",
        "homes",
        "rescue",
        "talks",
        "troops",
        "the",
        "Harborline",
        "deal",
        "blackouts",
    ]);
    (
        "[a-d]{1,2}",
        prop::collection::vec(word.clone(), 0..8),
        prop::collection::vec(prop::collection::vec(word, 0..15), 0..3),
        prop::option::of(0i64..60),
    )
        .prop_map(|(id, title, body, day)| {
            let mut a = made_up::article(&id, None, None, &[]);
            a.title = (!title.is_empty()).then(|| title.join(" "));
            a.body_paragraphs = body.into_iter().map(|p| p.join(" ")).collect();
            a.published = day.and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
                    .and_then(|start| start.checked_add_signed(chrono::TimeDelta::days(d)))
            });
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn fixture_stories_do_not_depend_on_input_order(
        shuffled in Just(corpus().clone()).prop_shuffle()
    ) {
        let config = ClusterConfig::default();
        let found = cluster_stories(&shuffled, &config);
        assert_partition(shuffled.len(), &found)?;
        let expected = cluster_stories(corpus(), &config);
        prop_assert_eq!(as_ids(&shuffled, &found), as_ids(corpus(), &expected));
    }

    #[test]
    fn generated_stories_do_not_depend_on_input_order(
        (arts, shuffled) in prop::collection::vec(article(), 0..12)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let config = ClusterConfig::default();
        let found = cluster_stories(&arts, &config);
        assert_partition(arts.len(), &found)?;
        let again = cluster_stories(&shuffled, &config);
        // Ids may repeat here, so compare partitions by content.
        let key = |a: &Article| format!("{}|{:?}|{:?}|{:?}", a.id, a.title, a.published, a.body_paragraphs);
        let norm = |arts: &[Article], stories: &[Vec<usize>]| {
            let mut out: Vec<Vec<String>> = stories
                .iter()
                .map(|s| {
                    let mut k: Vec<String> = s.iter().map(|&i| key(&arts[i])).collect();
                    k.sort();
                    k
                })
                .collect();
            out.sort();
            out
        };
        prop_assert_eq!(norm(&shuffled, &again), norm(&arts, &found));
    }
}
