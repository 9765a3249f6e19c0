//! The seed story's five plain-text articles, cleaned and checked against
//! the hand annotation in tests/fixtures/seed-story/gold.json.

mod gold;

use concord_clean::clean;
use concord_model::{Article, RemovedKind};

fn article(id: &str) -> Article {
    let docs = gold::load(&gold::fixture_dir("seed-story"));
    clean(
        docs.get(id)
            .unwrap_or_else(|| panic!("{id} in the fixture")),
    )
}

#[test]
fn every_document_matches_gold() {
    let problems = gold::check_folder("seed-story");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn metadata_prefix_sets_date_and_dateline_and_leaves_the_body() {
    let a = article("003_b89c540622ccaa2a.txt");
    assert_eq!(a.title, None);
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2025-01-13")
    );
    assert_eq!(a.dateline.as_deref(), Some("KYIV"));
    assert!(
        a.body_paragraphs[0].starts_with("Ukraine’s President Volodymyr Zelenskiy said on Sunday")
    );
    assert!(a
        .body_paragraphs
        .iter()
        .all(|p| !p.contains("date 2025-01-13")));
    let prefix = &a.removed[0];
    assert_eq!(
        (prefix.kind, prefix.text.as_str()),
        (RemovedKind::Metadata, "date 2025-01-13 KYIV:")
    );
    let link = a
        .removed
        .iter()
        .find(|r| r.text.starts_with("Seoul confirms"))
        .unwrap();
    assert_eq!(link.kind, RemovedKind::RelatedLink);
}

#[test]
fn first_line_that_is_a_sentence_stays_as_the_lede() {
    let a = article("004_192269c91abf23ec.txt");
    assert_eq!(a.title, None);
    assert!(a.body_paragraphs[0].starts_with("Ukrainian President Volodymyr Zelenskyy proposed"));
    let last = a.removed.last().unwrap();
    assert_eq!(
        (last.text.as_str(), last.kind),
        ("Most Commented", RemovedKind::Boilerplate)
    );
}

#[test]
fn doubled_caption_leaves_no_copy() {
    let a = article("002_d7a3ae0c58c3a829.txt");
    let caption = "Volodymyr Zelensky said that Ukraine had taken two North Koreans prisoner in Russia's Kursk region";
    assert!(!a.body_paragraphs.iter().any(|p| p == caption));
    let copies = a
        .removed
        .iter()
        .filter(|r| r.text == caption && r.kind == RemovedKind::Caption);
    assert_eq!(copies.count(), 2);
    assert!(a.removed.iter().any(|r| r.kind == RemovedKind::Consent));
}

#[test]
fn embedded_post_and_signature_are_embeds() {
    let a = article("001_e14b13b26ce68424.txt");
    let embeds: Vec<&str> = a
        .removed
        .iter()
        .filter(|r| r.kind == RemovedKind::Embed)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(embeds.len(), 2, "{embeds:?}");
    assert!(embeds[0].ends_with("pic.twitter.com/4RyCfUoHoC"));
    assert!(embeds[1].starts_with("— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa)"));
    // The line introducing the post is news and stays.
    assert!(a
        .body_paragraphs
        .iter()
        .any(|p| p == "Zelensky's new offer came Sunday. He said on X:"));
}

#[test]
fn all_five_are_english() {
    for id in [
        "000_68287e15d9fd3f80.txt",
        "001_e14b13b26ce68424.txt",
        "002_d7a3ae0c58c3a829.txt",
        "003_b89c540622ccaa2a.txt",
        "004_192269c91abf23ec.txt",
    ] {
        assert_eq!(article(id).language.as_deref(), Some("en"), "{id}");
    }
}
