//! Syndication on the hand-annotated fixtures in `tests/fixtures/`.

mod common;

use concord_dedup::{
    count_independent, find_syndication, shared_passages, PairVerdicts, SyndicationConfig,
    SyndicationKeys,
};
use concord_model::{Article, Syndication};

const SEED_002: &str = "002_d7a3ae0c58c3a829.txt";
const SEED_003: &str = "003_b89c540622ccaa2a.txt";

fn same_group(groups: &[Syndication], x: &str, y: &str) -> bool {
    groups
        .iter()
        .any(|g| g.articles.iter().any(|a| a == x) && g.articles.iter().any(|a| a == y))
}

fn by_id<'a>(arts: &'a [Article], id: &str) -> &'a Article {
    arts.iter().find(|a| a.id == id).expect("fixture article")
}

#[test]
fn seed_story_002_and_003_are_one_reuters_group() {
    let arts = common::load("seed-story").expect("seed fixture");
    assert_eq!(arts.len(), 5);
    let groups = find_syndication(&arts, &SyndicationConfig::default());
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let g = &groups[0];
    let mut members = g.articles.clone();
    members.sort();
    assert_eq!(members, [SEED_002, SEED_003]);
    assert!(g.shared_passages >= 10, "{}", g.shared_passages);
    assert_eq!(g.origin.as_deref(), Some("Reuters"));
    assert!(!g.examples.is_empty() && g.examples.len() <= 3);
    // Examples are printed as the first article has them.
    let first = by_id(&arts, &g.articles[0]);
    for e in &g.examples {
        assert!(first.body_paragraphs.contains(e), "{e}");
    }
}

#[test]
fn seed_story_outlets_quoting_the_same_statements_are_not_syndicated() {
    let arts = common::load("seed-story").expect("seed fixture");
    let groups = find_syndication(&arts, &SyndicationConfig::default());
    for (i, x) in arts.iter().enumerate() {
        for y in &arts[i + 1..] {
            let gold_pair = [x.id.as_str(), y.id.as_str()] == [SEED_002, SEED_003];
            assert_eq!(
                same_group(&groups, &x.id, &y.id),
                gold_pair,
                "{} / {}",
                x.id,
                y.id
            );
        }
    }
}

#[test]
fn seed_story_shared_passages_line_up_the_wire_paragraphs() {
    let arts = common::load("seed-story").expect("seed fixture");
    let (a, b) = (by_id(&arts, SEED_002), by_id(&arts, SEED_003));
    let pairs = shared_passages(a, b, &SyndicationConfig::default());
    assert!(pairs.len() >= 10, "{pairs:?}");
    for &(i, j, sim) in &pairs {
        assert!(i < a.body_paragraphs.len() && j < b.body_paragraphs.len());
        assert!((0.5..=1.0).contains(&sim), "{sim}");
    }
    // One-to-one: no paragraph is used twice.
    let mut left: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    let mut right: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    left.dedup();
    right.sort_unstable();
    right.dedup();
    assert_eq!((left.len(), right.len()), (pairs.len(), pairs.len()));
    // "Reuters could not verify the video." is printed by both.
    assert!(pairs.iter().any(|&(i, j, _)| {
        a.body_paragraphs[i].starts_with("Reuters could not")
            && b.body_paragraphs[j].starts_with("Reuters could not")
    }));
}

/// Every fixture's gold `syndication` groups are found whole, with their
/// origin and at least the annotated number of shared paragraphs, and no
/// `not_syndicated` pair ends up in one group.
#[test]
fn every_fixture_matches_its_gold_syndication() {
    let mut checked = 0;
    for story in ["seed-story", "quake-story", "merger-story"] {
        let (Some(arts), Some(gold)) = (common::load(story), common::gold(story)) else {
            continue;
        };
        let groups = find_syndication(&arts, &SyndicationConfig::default());
        let gold_groups = gold["syndication"].as_array().cloned().unwrap_or_default();
        assert_eq!(groups.len(), gold_groups.len(), "{story}: {groups:#?}");
        for entry in &gold_groups {
            let mut want: Vec<String> = entry["documents"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d.as_str().map(str::to_string))
                .collect();
            want.sort();
            let found = groups
                .iter()
                .find(|g| {
                    let mut have = g.articles.clone();
                    have.sort();
                    have == want
                })
                .unwrap_or_else(|| panic!("{story}: no group {want:?} in {groups:#?}"));
            assert_eq!(found.origin.as_deref(), entry["origin"].as_str(), "{story}");
            let min_shared = entry["min_shared_paragraphs"].as_u64().unwrap_or(1) as usize;
            assert!(
                found.shared_passages >= min_shared,
                "{story}: {}",
                found.shared_passages
            );
            checked += 1;
        }
        for pair in common::gold_pairs(&gold, "not_syndicated") {
            if let [x, y] = pair.as_slice() {
                assert!(!same_group(&groups, x, y), "{story}: {x} / {y}");
            }
        }
    }
    assert!(checked >= 1);
}

#[test]
fn the_three_fixtures_together_give_exactly_their_own_groups() {
    let mut all = Vec::new();
    let mut expected = 0;
    for story in ["seed-story", "quake-story", "merger-story"] {
        if let (Some(arts), Some(gold)) = (common::load(story), common::gold(story)) {
            expected += gold["syndication"].as_array().map_or(0, Vec::len);
            all.extend(arts);
        }
    }
    let groups = find_syndication(&all, &SyndicationConfig::default());
    assert_eq!(groups.len(), expected, "{groups:#?}");
}

#[test]
fn count_independent_agrees_with_the_groups_found_with_and_without_memo() {
    let config = SyndicationConfig::default();
    let mut all = Vec::new();
    for story in ["seed-story", "quake-story", "merger-story"] {
        all.extend(common::load(story).unwrap_or_default());
    }
    let copies: usize = find_syndication(&all, &config)
        .iter()
        .map(|g| g.articles.len() - 1)
        .sum();
    assert!(copies > 0);
    let keys: Vec<SyndicationKeys> = all
        .iter()
        .map(|a| SyndicationKeys::new(a, &config))
        .collect();
    let mut keyed: Vec<(&Article, &SyndicationKeys)> = all.iter().zip(&keys).collect();
    let mut verdicts = PairVerdicts::default();
    // Fresh, then from remembered verdicts, then in another order.
    for _ in 0..2 {
        assert_eq!(
            count_independent(&keyed, &config, &mut verdicts),
            all.len() - copies
        );
        assert!(!verdicts.is_empty());
    }
    keyed.reverse();
    assert_eq!(
        count_independent(&keyed, &config, &mut PairVerdicts::default()),
        all.len() - copies
    );
}
