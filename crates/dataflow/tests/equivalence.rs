//! The dataflow equals the all-pairs reference after every epoch, with one
//! and three workers, with retractions, and a story splits when the article
//! that bridged it leaves the window.

mod common;

use common::check;
use concord_model::{RawDoc, RawFormat};

#[test]
fn fixtures_one_and_three_workers_match_the_reference() {
    let docs = common::fixture_docs();
    let one = check(&docs, 3, 2, 1);
    let three = check(&docs, 3, 2, 3);
    assert_eq!(one, three);
    // The corpus has real stories, duplicates and claims.
    assert!(one
        .iter()
        .any(|e| e.stories.iter().any(|s| s.articles.len() >= 3)));
    assert!(one.iter().any(|e| !e.duplicate_groups.is_empty()));
    assert!(one.iter().any(|e| !e.claims.is_empty()));
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
