//! The furniture rule's shortcuts against the readings they stand in for.

use super::*;
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("sign up".to_string()),
        Just("newsletter.".to_string()),
        Just("—".to_string()),
        Just("•".to_string()),
        Just("©".to_string()),
        Just("Follow".to_string()),
        Just("on twitter".to_string()),
        Just("İstanbul".to_string()),
        Just("ago".to_string()),
        "[a-zA-Z0-9]{1,8}",
        "\\PC{1,6}",
    ]
}

#[test]
fn words_max_is_the_largest_limit() {
    let phrases = FURNITURE
        .iter()
        .flat_map(|(phrases, _, _)| phrases.iter())
        .map(|p| word_count(p));
    let patterns = FURNITURE_PATTERNS.iter().map(|p| p.max_words);
    assert_eq!(phrases.chain(patterns).max(), Some(WORDS_MAX));
}

/// Words of the patterns and near misses, for phrases that match and
/// phrases that nearly do.
fn phrase_word() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "sign",
        "up",
        "subscribe",
        "register",
        "newsletter",
        "get",
        "receive",
        "want",
        "alerts",
        "follow",
        "us",
        "on",
        "twitter",
        "share",
        "email",
        "print",
        "save",
        "article",
        "via",
        "click",
        "tap",
        "here",
        "download",
        "install",
        "our",
        "the",
        "app",
        "copyright",
        "©",
        "(c)",
        "all",
        "rights",
        "reserved",
        "5",
        "min",
        "read",
        "listen",
        "watch",
        "to",
        "this",
        "story",
        "continues",
        "is",
        "more",
        "than",
        "years",
        "old",
        "please",
        "enable",
        "javascript",
        "slideshow",
        "requires",
        "may",
        "be",
        "reached",
        "at",
        "@",
        "you",
        "have",
        "3",
        "articles",
        "already",
        "a",
        "subscriber",
        "log",
        "in",
        "comments",
        "(12)",
        "advertisement",
        "sponsored",
        "editorial",
        "standards",
        "contact",
        "author",
        "updated",
        "ago",
        "ſign",
        "",
        "x",
        ".",
        "é",
        "all rights reserved",
        "may be reached at",
        "sign up for our",
        "follow us on twitter",
        "5 min read",
        "this article is more than",
        "comments (3)",
        "updated 2 hours ago",
        "you have read 3 free articles",
        "share this article",
    ])
}

/// The furniture patterns as `regex` builds them: the oracle.
static ORACLES: std::sync::LazyLock<Vec<regex::Regex>> = std::sync::LazyLock::new(|| {
    FURNITURE_PATTERNS
        .iter()
        .map(|p| crate::regex(p.source))
        .collect()
});

/// The words of pattern `i` (so that every alternative is reached), with
/// digits, marks and fillers.
fn own_words(i: usize) -> Vec<String> {
    let mut words: Vec<String> = FURNITURE_PATTERNS[i]
        .source
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '©')
        .filter(|w| w.chars().count() > 1 || *w == "x" || *w == "©")
        .map(str::to_string)
        .collect();
    words.extend(["5", "(3)", "@", "(c)", "."].map(String::from));
    words
}

/// Built without the full DFA, each pattern matches what `regex` built
/// it to match, on every phrase of up to three of its own words.
#[test]
fn patterns_without_the_dfa_match_as_before_on_short_phrases() {
    for (i, (p, oracle)) in FURNITURE_PATTERNS.iter().zip(ORACLES.iter()).enumerate() {
        let words = own_words(i);
        let mut phrases = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = phrases
                .iter()
                .flat_map(|s| {
                    words
                        .iter()
                        .map(move |w| format!("{s} {w}").trim_start().to_string())
                })
                .collect();
            for phrase in &longer {
                assert_eq!(
                    p.regex().is_match(phrase),
                    oracle.is_match(phrase),
                    "{phrase:?} {}",
                    p.source
                );
            }
            phrases = longer;
        }
    }
}

#[test]
fn most_patterns_have_a_first_byte_filter() {
    let filtered = FURNITURE_PATTERNS
        .iter()
        .filter(|p| p.first.is_some())
        .count();
    assert!(filtered >= 18, "{filtered} of {}", FURNITURE_PATTERNS.len());
}

proptest! {
    /// A phrase the first-byte filter turns away is one the pattern
    /// does not match.
    #[test]
    fn first_byte_filters_turn_away_only_misses(
        words in proptest::collection::vec(phrase_word(), 0..8),
    ) {
        let phrase = words.join(" ");
        for p in FURNITURE_PATTERNS.iter() {
            prop_assert_eq!(p.matches(&phrase), p.regex().is_match(&phrase), "{:?} {}", phrase, p.source);
        }
    }

    /// Built without the full DFA, each pattern matches what `regex`
    /// built it to match, on longer phrases of its own words.
    #[test]
    fn patterns_without_the_dfa_match_as_before(
        phrase in (0..FURNITURE_PATTERNS.len()).prop_flat_map(|i| {
            proptest::collection::vec(proptest::sample::select(own_words(i)), 1..9)
        }).prop_map(|words| words.join(" ")),
    ) {
        for (p, oracle) in FURNITURE_PATTERNS.iter().zip(ORACLES.iter()) {
            prop_assert_eq!(p.regex().is_match(&phrase), oracle.is_match(&phrase), "{:?} {}", phrase, p.source);
        }
    }

    /// The shortcut gives what normalizing the whole text gives, on
    /// texts around the word limit with punctuation-only words at the
    /// ends and in between.
    #[test]
    fn long_texts_are_never_furniture_either_way(
        words in proptest::collection::vec(word(), 0..70),
        sep in prop_oneof![Just(" "), Just("\n"), Just(" \u{a0}")],
    ) {
        let text = words.join(sep);
        let fast = furniture(&text, Words::of(&text)).map(|v| format!("{v:?}"));
        let slow = furniture_of_phrase(&text).map(|v| format!("{v:?}"));
        prop_assert_eq!(fast, slow);
    }

    /// A sign-up promo (limit 40 words) of 35 to 45 words, behind
    /// punctuation-only words: found at the limit either way.
    #[test]
    fn promos_at_the_word_limit_are_found_either_way(
        filler in 30usize..42,
        marks in proptest::collection::vec(prop_oneof![Just("—"), Just("•"), Just("|")], 0..4),
    ) {
        let mut words: Vec<&str> = marks.clone();
        words.extend(std::iter::repeat_n("word", filler));
        words.push("today.");
        words.extend(["Sign", "up", "for", "our", "newsletter"]);
        words.extend(marks);
        let text = words.join(" ");
        let fast = furniture(&text, Words::of(&text)).map(|v| format!("{v:?}"));
        let slow = furniture_of_phrase(&text).map(|v| format!("{v:?}"));
        prop_assert_eq!(fast, slow);
    }
}
