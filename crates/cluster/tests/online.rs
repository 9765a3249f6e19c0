//! The online clusterer on the fixture stories and small made-up streams:
//! stable ids, cold stories, merges that keep the older id, and partitions
//! that survive shuffles of arrival order within a short window.

#[path = "../../dedup/tests/common/mod.rs"]
mod common;
mod made_up;

use concord_cluster::{story_id, OnlineClusterer, OnlineConfig};
use concord_model::Article;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const FIXTURES: &[&str] = &["seed-story", "quake-story", "merger-story"];

/// Fixture and made-up stories as (article, story number), every article
/// dated the same day: they stand for one short window of a stream.
fn window() -> Vec<(Article, usize)> {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 13);
    FIXTURES
        .iter()
        .filter_map(|s| common::load(s))
        .chain([made_up::wildfire(), made_up::grid_strike()])
        .enumerate()
        .flat_map(|(story, arts)| arts.into_iter().map(move |a| (a, story)))
        .map(|(mut a, story)| {
            a.published = day;
            (a, story)
        })
        .collect()
}

/// Feeds `articles` in order and returns the partition as sorted id sets.
fn partition(articles: &[Article], config: &OnlineConfig) -> BTreeSet<BTreeSet<String>> {
    let mut c = OnlineClusterer::new(config.clone());
    for a in articles {
        c.add(a);
    }
    c.stories()
        .map(|s| s.articles.iter().cloned().collect())
        .collect()
}

fn gold(labelled: &[(Article, usize)]) -> BTreeSet<BTreeSet<String>> {
    let mut by_story: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (a, story) in labelled {
        by_story.entry(*story).or_default().insert(a.id.clone());
    }
    by_story.into_values().collect()
}

/// SplitMix64-driven Fisher–Yates, so each seed is one fixed order.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut out = items.to_vec();
    for i in (1..out.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
    out
}

fn dated(id: &str, title: &str, date: &str) -> Article {
    made_up::article(id, Some(title), Some(date), &[])
}

#[test]
fn fixture_stories_come_out_as_written() {
    let labelled = window();
    let articles: Vec<Article> = labelled.iter().map(|(a, _)| a.clone()).collect();
    assert_eq!(
        partition(&articles, &OnlineConfig::default()),
        gold(&labelled)
    );
}

#[test]
fn shuffles_within_a_window_give_the_same_stories() {
    let labelled = window();
    let articles: Vec<Article> = labelled.iter().map(|(a, _)| a.clone()).collect();
    let config = OnlineConfig::default();
    let expected = gold(&labelled);
    for seed in 0..24 {
        let order = shuffled(&articles, seed);
        assert_eq!(partition(&order, &config), expected, "seed {seed}");
    }
}

#[test]
fn story_ids_are_the_founders_and_stay_as_stories_grow() {
    let seed = common::load("seed-story").expect("seed fixture");
    let mut c = OnlineClusterer::new(OnlineConfig::default());
    let first = c.add(&seed[0]);
    assert!(first.is_new);
    assert_eq!(first.story_id, story_id(&[&seed[0]]));
    for a in &seed[1..] {
        let next = c.add(a);
        assert!(!next.is_new, "{}", a.id);
        assert_eq!(next.story_id, first.story_id);
        assert!(next.absorbed.is_empty());
    }
    let stories: Vec<_> = c.stories().collect();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].id, first.story_id);
    assert_eq!(stories[0].articles.len(), seed.len());
    assert_eq!(c.story_of(&seed[3].id), Some(first.story_id.as_str()));
}

#[test]
fn adding_an_article_again_changes_nothing() {
    let fire = made_up::wildfire();
    let mut c = OnlineClusterer::new(OnlineConfig::default());
    let first = c.add(&fire[0]);
    let again = c.add(&fire[0]);
    assert_eq!(again.story_id, first.story_id);
    assert!(!again.is_new);
    assert_eq!(c.stories().map(|s| s.articles.len()).sum::<usize>(), 1);
}

#[test]
fn cold_stories_do_not_attract_new_articles() {
    let title = "Bushfire forces thousands to flee Grampians towns in Victoria";
    let config = OnlineConfig::default();
    let mut c = OnlineClusterer::new(config.clone());
    let a = c.add(&dated("a", title, "2024-02-22"));
    // Within the window: the same headline joins.
    let b = c.add(&dated("b", title, "2024-02-25"));
    assert_eq!(b.story_id, a.story_id);
    // Another story moves the clock on; the first goes cold.
    c.add(&dated(
        "x",
        "Central bank holds interest rates steady",
        "2024-03-05",
    ));
    let cold: Vec<_> = c.stories().filter(|s| s.is_cold).map(|s| s.id).collect();
    assert_eq!(cold, vec![a.story_id.as_str()]);
    let late = c.add(&dated("c", title, "2024-03-06"));
    assert!(late.is_new);
    assert_ne!(late.story_id, a.story_id);
    // Even an article dated inside the old window finds only active
    // stories: the cold one is out of the index.
    let back = c.add(&dated("d", title, "2024-02-23"));
    assert_eq!(back.story_id, late.story_id);
}

#[test]
fn undated_articles_never_make_a_story_cold() {
    let mut c = OnlineClusterer::new(OnlineConfig::default());
    let title = "Harborline agrees to buy Pinecrest Freight in $4.2 billion deal";
    let a = c.add(&made_up::article("a", Some(title), None, &[]));
    let b = c.add(&made_up::article("b", Some(title), None, &[]));
    assert_eq!(a.story_id, b.story_id);
    assert_eq!(c.n_active_stories(), 1);
}

/// Two halves of one event, worded apart, found two stories; an article
/// that uses both vocabularies joins one and pulls the centroids together,
/// and the smaller story is merged into the bigger, whose id survives.
#[test]
fn a_merge_keeps_the_bigger_storys_id_and_reports_the_other() {
    let mut c = OnlineClusterer::new(OnlineConfig::default());
    let day = "2025-09-30";
    let a = c.add(&dated(
        "a",
        "Earthquake kills hundreds in Rif mountains",
        day,
    ));
    let b = c.add(&dated("b", "Rescuers search rubble Hoceima villages", day));
    assert!(a.is_new && b.is_new);
    let bridge = c.add(&dated(
        "j",
        "Rif mountains earthquake: rescuers search rubble of Hoceima villages",
        day,
    ));
    assert_eq!(bridge.story_id, b.story_id, "the bigger story keeps its id");
    assert_eq!(bridge.absorbed, vec![a.story_id.clone()]);
    let stories: Vec<_> = c.stories().collect();
    assert_eq!(stories.len(), 1);
    assert_eq!(c.story_of("a"), Some(b.story_id.as_str()));
}

/// Between stories of equal size the older id survives.
#[test]
fn a_merge_of_equals_keeps_the_older_id() {
    let mut c = OnlineClusterer::new(OnlineConfig::default());
    let day = "2025-09-30";
    let a = c.add(&dated(
        "a1",
        "Earthquake kills hundreds in Rif mountains",
        day,
    ));
    c.add(&dated("a2", "Rif mountains earthquake kills hundreds", day));
    let b = c.add(&dated("b1", "Rescuers search rubble Hoceima villages", day));
    assert!(b.is_new);
    let bridge = c.add(&dated(
        "b2",
        "Rescuers search rubble of Hoceima villages after Rif mountains earthquake kills hundreds",
        day,
    ));
    assert_eq!(bridge.absorbed, vec![b.story_id.clone()], "{bridge:?}");
    assert_eq!(bridge.story_id, a.story_id);
    // The bridge joined b's story first (two against two), then the
    // merge kept the older id; the absorbed articles follow the survivor's.
    let stories: Vec<Vec<String>> = c.stories().map(|s| s.articles.to_vec()).collect();
    assert_eq!(stories, vec![vec!["a1", "a2", "b1", "b2"]]);
}

#[test]
fn empty_and_punctuation_only_articles_found_their_own_stories() {
    let mut c = OnlineClusterer::new(OnlineConfig::default());
    let e = c.add(&made_up::article("e", None, None, &[]));
    let p = c.add(&made_up::article("p", Some("“ — ”"), None, &["", "…"]));
    let blank = c.add(&made_up::article("", None, None, &[]));
    let blank2 = c.add(&made_up::article("", None, None, &[]));
    assert!(e.is_new && p.is_new && blank.is_new && blank2.is_new);
    let ids: BTreeSet<String> = [e, p, blank, blank2]
        .into_iter()
        .map(|r| r.story_id)
        .collect();
    assert_eq!(
        ids.len(),
        4,
        "story ids are unique even for repeated article ids"
    );
}

/// Headline-like text from a small vocabulary, so stories form and merge.
fn article() -> impl Strategy<Value = Article> {
    let word = prop::sample::select(vec![
        "Kyiv",
        "quake",
        "Morocco",
        "merger",
        "shares",
        "Zelenskiy",
        "fire",
        "homes",
        "rescue",
        "talks",
        "troops",
        "Harborline",
        "deal",
        "blackouts",
    ]);
    (
        "[a-f]{1,2}",
        prop::collection::vec(word, 0..7),
        prop::option::of(0u64..12),
    )
        .prop_map(|(id, title, day)| {
            let mut a = made_up::article(&id, None, None, &[]);
            a.title = (!title.is_empty()).then(|| title.join(" "));
            a.published = day.and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
                    .and_then(|start| start.checked_add_days(chrono::Days::new(d)))
            });
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any stream: every distinct article id is in exactly one story,
    /// story ids are unique, and `story_of` agrees with `stories`.
    #[test]
    fn every_article_is_in_exactly_one_story(stream in prop::collection::vec(article(), 0..40)) {
        let mut c = OnlineClusterer::new(OnlineConfig::default());
        for a in &stream {
            c.add(a);
        }
        let distinct: BTreeSet<&str> = stream.iter().map(|a| a.id.as_str()).collect();
        let mut seen = BTreeSet::new();
        let mut ids = BTreeSet::new();
        for s in c.stories() {
            prop_assert!(ids.insert(s.id.to_string()));
            for a in s.articles {
                prop_assert!(seen.insert(a.clone()), "{} twice", a);
                prop_assert_eq!(c.story_of(a), Some(s.id));
            }
        }
        let seen: BTreeSet<&str> = seen.iter().map(String::as_str).collect();
        prop_assert_eq!(seen, distinct);
    }

    /// The same stream twice gives the same stories (no hidden state).
    #[test]
    fn the_same_stream_gives_the_same_stories(stream in prop::collection::vec(article(), 0..30)) {
        let config = OnlineConfig::default();
        prop_assert_eq!(partition(&stream, &config), partition(&stream, &config));
    }
}
