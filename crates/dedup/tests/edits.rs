//! Syndication through the usual wire edits, and what must not count.

use concord_dedup::{find_syndication, shared_passages, SyndicationConfig};
use concord_model::Article;

fn article(id: &str, paragraphs: &[&str]) -> Article {
    Article::from_paragraphs(id.to_string(), paragraphs.iter().copied())
}

const WIRE: &[&str] = &[
    "Ukrainian President Volodymyr Zelensky said on Sunday Kyiv would organise talks with regional governors about rebuilding the damaged power stations before winter.",
    "Engineers have restored electricity to most districts of Kharkiv, but heating plants in the east remain offline after repeated drone strikes on Russia's side of the border.",
    "The energy ministry estimated the repairs would cost about 1.2 billion dollars, most of it for transformers that have to be imported from European manufacturers.",
    "\"We will rebuild every station, no matter how many times they are hit,\" Zelensky said in his nightly video address.",
    "Officials in Poltava said they had opened forty heated shelters in schools and libraries for families whose apartment blocks still had no heating.",
];

/// The same copy after an editor's pass: respelled name, honorifics,
/// American spelling, curly quotes, one swapped word, a dropped paragraph
/// and the rest reordered.
const EDITED: &[&str] = &[
    "Officials in Poltava said they had opened forty heated shelters in schools and libraries for families whose apartment blocks still had no heating.",
    "Ukrainian President Volodymyr Zelenskiy said on Sunday Kyiv would organize talks with regional governors about rebuilding the damaged power stations before winter.",
    "Engineers have restored electricity to most districts of Kharkiv, but heating plants in the east remain offline after repeated drone strikes on Moscow’s side of the border.",
    "“We will rebuild every station, no matter how many times they are hit,” Mr Zelenskiy said in his nightly video address.",
];

#[test]
fn wire_copy_survives_respelling_honorifics_spelling_and_reordering() {
    let arts = [article("wire", WIRE), article("edited", EDITED)];
    let groups = find_syndication(&arts, &SyndicationConfig::default());
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].shared_passages, 4);
    // No agency is named anywhere.
    assert_eq!(groups[0].origin, None);
    let pairs = shared_passages(&arts[0], &arts[1], &SyndicationConfig::default());
    let index_pairs: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(index_pairs, [(0, 1), (1, 2), (3, 3), (4, 0)]);
}

#[test]
fn independent_reports_quoting_the_same_statements_are_not_syndicated() {
    let quotes = [
        "\"We will rebuild every station, no matter how many times they are hit, and we will do it before the frost comes,\"",
        "\"Our engineers are working around the clock and I thank every one of them for what they are doing for the country,\"",
        "\"Every strike on our power grid is a strike on civilians who simply want to keep their children warm this winter,\"",
        "\"We expect our partners to deliver the air defence systems they promised us before the end of this month,\"",
    ];
    let a: Vec<String> = quotes
        .iter()
        .map(|q| format!("{q} Zelensky said in his nightly video address to the nation."))
        .collect();
    let b: Vec<String> = quotes
        .iter()
        .map(|q| {
            format!(
                "In remarks posted online late on Sunday, the Ukrainian leader told viewers: {q}"
            )
        })
        .collect();
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    let arts = [article("a", &a), article("b", &b)];
    assert!(find_syndication(&arts, &SyndicationConfig::default()).is_empty());
}

#[test]
fn short_paragraphs_are_not_evidence() {
    let shorts = [
        "Russia has neither confirmed nor denied their presence.",
        "The Kremlin declined to comment on the claims.",
        "Officials provided no further details.",
        "Reuters could not verify the video.",
    ];
    let arts = [article("a", &shorts), article("b", &shorts)];
    assert!(find_syndication(&arts, &SyndicationConfig::default()).is_empty());
}

#[test]
fn origin_comes_from_a_dateline_when_the_shared_text_names_none() {
    let mut wire = article("wire", WIRE);
    wire.dateline = Some("KYIV (AFP)".to_string());
    let arts = [wire, article("edited", EDITED)];
    let groups = find_syndication(&arts, &SyndicationConfig::default());
    assert_eq!(groups[0].origin.as_deref(), Some("AFP"));
}

#[test]
fn the_agency_named_in_the_shared_text_beats_a_byline() {
    let mut with_credit: Vec<&str> = WIRE.to_vec();
    with_credit.push("The Associated Press could not independently verify the footage.");
    let mut edited: Vec<&str> = EDITED.to_vec();
    edited.push("The Associated Press could not independently verify the footage.");
    let mut a = article("a", &with_credit);
    a.author = Some("By Reuters staff".to_string());
    let arts = [a, article("b", &edited)];
    let groups = find_syndication(&arts, &SyndicationConfig::default());
    assert_eq!(groups[0].origin.as_deref(), Some("Associated Press"));
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    let config = SyndicationConfig::default();
    assert!(find_syndication(&[], &config).is_empty());
    let odd = article("odd", &["", "\"", "“unclosed", "’", "a", "'' \"\" «»"]);
    assert!(find_syndication(&[odd.clone(), odd.clone()], &config).is_empty());
    assert!(shared_passages(&odd, &odd, &config).is_empty());
    let zero = SyndicationConfig {
        shingle_len: 0,
        min_passages: 0,
        min_own_words: 0,
        ..SyndicationConfig::default()
    };
    let _ = find_syndication(&[odd.clone(), article("w", WIRE)], &zero);
}
