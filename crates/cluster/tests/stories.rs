//! Story clustering on the fixtures and on small made-up stories.

#[path = "../../dedup/tests/common/mod.rs"]
mod common;
mod made_up;

use concord_cluster::{cluster_stories, story_id, ClusterConfig};
use concord_model::Article;

const FIXTURES: &[&str] = &["seed-story", "quake-story", "merger-story"];

/// Articles of several stories concatenated, with each story's index range.
fn concat(stories: Vec<Vec<Article>>) -> (Vec<Article>, Vec<Vec<usize>>) {
    let mut all = Vec::new();
    let mut gold = Vec::new();
    for story in stories {
        let start = all.len();
        all.extend(story);
        gold.push((start..all.len()).collect());
    }
    (all, gold)
}

fn titles_only(arts: &[Article]) -> Vec<Article> {
    arts.iter()
        .filter(|a| a.title.is_some())
        .map(|a| {
            let mut h = a.clone();
            h.id = format!("headline-{}", a.id);
            h.body_paragraphs.clear();
            h
        })
        .collect()
}

#[test]
fn the_five_seed_articles_are_one_story() {
    let seed = common::load("seed-story").expect("seed fixture");
    assert_eq!(seed.len(), 5);
    assert_eq!(
        cluster_stories(&seed, &ClusterConfig::default()),
        vec![vec![0, 1, 2, 3, 4]]
    );
}

#[test]
fn the_seed_story_and_a_wildfire_are_two_stories() {
    let seed = common::load("seed-story").expect("seed fixture");
    let (all, gold) = concat(vec![seed, made_up::wildfire()]);
    assert_eq!(cluster_stories(&all, &ClusterConfig::default()), gold);
}

/// The hard case: another event in the same country and week, with the
/// same president quoted.
#[test]
fn the_seed_story_and_a_strike_on_ukraines_grid_are_two_stories() {
    let seed = common::load("seed-story").expect("seed fixture");
    let (all, gold) = concat(vec![seed, made_up::grid_strike()]);
    assert_eq!(cluster_stories(&all, &ClusterConfig::default()), gold);
}

#[test]
fn each_fixture_folder_is_one_story_when_mixed() {
    let stories: Vec<Vec<Article>> = FIXTURES.iter().filter_map(|s| common::load(s)).collect();
    let n_stories = stories.len();
    let (all, gold) = concat(stories);
    let found = cluster_stories(&all, &ClusterConfig::default());
    assert_eq!(found.len(), n_stories, "{found:?}");
    assert_eq!(found, gold);
}

#[test]
fn headline_only_copies_join_their_stories() {
    let stories: Vec<Vec<Article>> = FIXTURES
        .iter()
        .filter_map(|s| common::load(s))
        .chain([made_up::wildfire(), made_up::grid_strike()])
        .map(|story| {
            let headlines = titles_only(&story);
            story.into_iter().chain(headlines).collect()
        })
        .collect();
    let (all, gold) = concat(stories);
    assert_eq!(cluster_stories(&all, &ClusterConfig::default()), gold);
}

/// Headlines alone carry few words, so a headline that shares none of its
/// story's words ("'MIRACLE' IN THE RUBBLE: Girl, 9, pulled out alive…")
/// may stand alone; but no story may mix headlines of different events.
#[test]
fn headlines_alone_never_mix_stories() {
    let stories: Vec<Vec<Article>> = FIXTURES
        .iter()
        .filter_map(|s| common::load(s))
        .chain([made_up::wildfire(), made_up::grid_strike()])
        .map(|story| titles_only(&story))
        .collect();
    let n_stories = stories.len();
    let (all, gold) = concat(stories);
    let found = cluster_stories(&all, &ClusterConfig::default());
    for cluster in &found {
        let home = gold.iter().position(|g| g.contains(&cluster[0]));
        assert!(
            cluster
                .iter()
                .all(|i| gold.iter().position(|g| g.contains(i)) == home),
            "{cluster:?} mixes stories"
        );
    }
    assert!(found.len() <= n_stories + 1, "{found:?}");
}

#[test]
fn far_apart_dates_keep_similar_articles_apart() {
    let a = made_up::article(
        "a",
        Some("Bushfire forces thousands to flee towns in the Grampians"),
        Some("2024-02-22"),
        &["A bushfire in the Grampians forced thousands of residents of Pomonal and Halls Gap to flee."],
    );
    let mut b = a.clone();
    b.id = "b".into();
    assert_eq!(
        cluster_stories(&[a.clone(), b.clone()], &ClusterConfig::default()).len(),
        1
    );
    b.published = chrono::NaiveDate::from_ymd_opt(2025, 2, 22);
    assert_eq!(cluster_stories(&[a, b], &ClusterConfig::default()).len(), 2);
}

#[test]
fn empty_and_degenerate_input() {
    let config = ClusterConfig::default();
    assert!(cluster_stories(&[], &config).is_empty());
    let empty = made_up::article("e", None, None, &[]);
    let punct = made_up::article("p", Some("“ — ”"), None, &["", "…"]);
    let found = cluster_stories(&[empty.clone(), punct, empty], &config);
    assert_eq!(found, vec![vec![0], vec![1], vec![2]]);
}

#[test]
fn story_id_is_the_founders_and_survives_later_arrivals() {
    let fire = made_up::wildfire();
    let mut early = fire[1].clone();
    early.published = chrono::NaiveDate::from_ymd_opt(2024, 2, 22);
    let refs: Vec<&Article> = vec![&fire[0], &early];
    let id = story_id(&refs);
    assert!(id.starts_with("s-") && id.len() == 14, "{id}");
    assert!(id[2..].chars().all(|c| c.is_ascii_hexdigit()));
    // A later or undated article joining, in any order, keeps the id.
    let more: Vec<&Article> = vec![&fire[2], &fire[0], &early];
    assert_eq!(story_id(&more), id);
    // Undated stories are founded by the smallest id.
    let undated: Vec<&Article> = vec![&fire[2], &fire[0]];
    assert_eq!(story_id(&undated), story_id(&[&fire[0]]));
    assert_ne!(story_id(&[&fire[0]]), story_id(&[&fire[1]]));
    assert!(story_id(&[]).starts_with("s-"));
}
