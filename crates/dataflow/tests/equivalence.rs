//! The dataflow equals the all-pairs reference after every epoch, with one
//! and three workers, with retractions, and a story splits when the article
//! that bridged it leaves the window.

mod common;

use common::{check, check_with};
use concord_dataflow::output::StoryFacts;
use concord_dataflow::RuleConfig;
use concord_model::{RawDoc, RawFormat};

#[test]
fn fixtures_one_and_three_workers_match_the_reference() {
    let docs = common::fixture_docs();
    let one = check(&docs, 3, 2, 1);
    let three = check(&docs, 3, 2, 3);
    assert_eq!(one, three);
    // The corpus has real stories, duplicates, claims, quotes and dates.
    assert!(one
        .iter()
        .any(|e| e.stories.iter().any(|s| s.articles.len() >= 3)));
    assert!(one.iter().any(|e| !e.duplicate_groups.is_empty()));
    assert!(one.iter().any(|e| !e.claims.is_empty()));
    // Some quote is printed by more than one source (as the same wording
    // or a variant), and some timeline has more than one dated entry.
    let sources = |q: &serde_json::Value| {
        q["articles"].as_array().map_or(0, Vec::len) + q["variants"].as_array().map_or(0, Vec::len)
    };
    assert!(one.iter().any(|e| e.quotes.values().any(|q| q
        .as_array()
        .is_some_and(|quotes| quotes.iter().any(|q| sources(q) >= 2)))));
    assert!(one.iter().any(|e| e
        .timelines
        .values()
        .any(|t| t.as_array().is_some_and(|entries| entries.len() >= 2))));
}

#[test]
fn story_facts_survive_their_bytes() {
    // Facts, dates (a custom string form) and anchors, as the story's
    // worker decodes them.
    let mut dated = 0;
    for doc in common::fixture_docs() {
        let facts = StoryFacts::of(&concord_clean::clean(&doc));
        dated += facts.facts.dates.len();
        let bytes = facts.to_bytes().expect("encodes");
        assert_eq!(StoryFacts::from_bytes(&bytes), Some(facts));
    }
    assert!(dated > 0);
}

/// A higher story threshold and a window-sized IDF, as `concord cluster`
/// sets it.
fn stricter_rules() -> RuleConfig {
    RuleConfig {
        story_threshold_ppm: 150_000,
        idf_reference: 6,
        ..RuleConfig::default()
    }
}

#[test]
fn fixtures_match_the_reference_with_stricter_stories() {
    // A higher threshold and a window-sized IDF, as `concord cluster` sets
    // it: more blocks, more singletons, still the reference's stories.
    let docs = common::fixture_docs();
    let rules = stricter_rules();
    let one = check_with(&docs, 3, 2, 1, &rules);
    let three = check_with(&docs, 3, 2, 3, &rules);
    assert_eq!(one, three);
}

#[test]
fn a_resumed_run_matches_the_reference() {
    // Stopped after each epoch in turn and resumed: the articles live
    // after the restart are weighed as if the run had never stopped.
    let docs = common::fixture_docs();
    let rules = stricter_rules();
    let whole = check_with(&docs, 2, 3, 1, &rules);
    for stop in 1..whole.len() as u64 {
        assert_eq!(common::check_resumed(&docs, 2, 3, stop, &rules), whole);
    }
}

#[test]
fn a_resumed_run_weighs_articles_as_the_whole_run_did() {
    // One article an epoch, live 3 epochs, each with a word they all share
    // and two of its own. The shared word's weight, and so whether two
    // articles are one story, hangs on how many of the 3 epochs up to an
    // article's arrival hold it: a restart that replays too little weighs
    // the oldest live article against too few and makes a story the
    // whole run does not have.
    let own = |i: usize, k: usize| {
        let letter = |n: usize| char::from(b'a' + (n % 26) as u8);
        format!("quill{}{}{}", letter(i), letter(i / 26), letter(k))
    };
    let docs: Vec<RawDoc> = (0..8)
        .map(|i| {
            let text = format!("Lantern lantern lantern {} {}.\n", own(i, 0), own(i, 1));
            RawDoc::new(format!("a{i}"), "test", RawFormat::Text, text)
        })
        .collect();
    let rules = RuleConfig {
        story_threshold_ppm: 450_000,
        idf_reference: 3,
        ..RuleConfig::default()
    };
    let whole = check_with(&docs, 1, 3, 1, &rules);
    let last = whole.last().expect("8 epochs");
    assert!(last.stories.iter().all(|s| s.articles.len() == 1));
    for stop in 1..whole.len() as u64 {
        assert_eq!(
            common::check_resumed(&docs, 1, 3, stop, &rules),
            whole,
            "stopped after {stop}"
        );
    }
}

#[test]
fn the_same_words_a_week_later_are_another_story() {
    // A record (JSON Lines) carries its publication date; plain text does not.
    let dated = |id: &str, body: String, day: &str| {
        let mut doc = RawDoc::new(id, "test", RawFormat::Record, format!("{body}.\n"));
        doc.published = Some(format!("2024-03-{day}T12:00:00Z"));
        doc
    };
    let body = || format!("{} {}", words("shared"), words("other"));
    let docs = vec![
        dated("a", body() + " alpha", "01"),
        dated("b", body() + " beta", "03"),
        dated("c", body() + " gamma", "10"),
        dated("d", words("zzz"), "10"),
    ];
    let outputs = check(&docs, 2, 2, 1);
    let last = outputs.last().expect("two epochs");
    let story_of = |offset: u64| {
        last.stories
            .iter()
            .find(|s| s.articles.contains(&offset))
            .map(|s| s.id)
    };
    // Two days apart: one story; a week later: its own.
    assert_eq!(story_of(1), Some(0));
    assert_eq!(story_of(2), Some(2));
    // Without the day rule the three would be one story.
    let timeless = RuleConfig {
        max_days_apart: u32::MAX,
        ..RuleConfig::default()
    };
    let outputs = check_with(&docs, 2, 2, 1, &timeless);
    let last = outputs.last().expect("two epochs");
    assert!(last.stories.iter().any(|s| s.articles == [0, 1, 2]));
}

fn words(prefix: &str) -> String {
    (0..12)
        .map(|i| format!("{prefix}word{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_doc(id: &str, body: String) -> RawDoc {
    RawDoc::new(id, "test", RawFormat::Text, format!("{body}.\n"))
}

#[test]
fn a_story_splits_when_its_bridge_ages_out() {
    // B bridges A and C (A and C share nothing); B arrives an epoch
    // earlier, so it leaves the window first.
    let docs = vec![
        text_doc("b", format!("{} {}", words("shared"), words("other"))),
        text_doc("filler0", words("zzz")),
        text_doc("a", format!("{} {}", words("alpha"), words("shared"))),
        text_doc("c", format!("{} {}", words("other"), words("gamma"))),
        text_doc("filler1", words("yyy")),
        text_doc("filler2", words("xxx")),
    ];
    let outputs = check(&docs, 2, 2, 1);
    let story_of = |e: usize, offset: u64| {
        outputs[e]
            .stories
            .iter()
            .find(|s| s.articles.contains(&offset))
            .map(|s| s.id)
    };
    // Epoch 1: a (2) and c (3) are one story through b (0).
    assert_eq!(story_of(1, 2), Some(0));
    assert_eq!(story_of(1, 3), Some(0));
    // Epoch 2: b is retracted; a and c split.
    assert_eq!(story_of(2, 2), Some(2));
    assert_eq!(story_of(2, 3), Some(3));
    check(&docs, 2, 2, 3);
}
