//! The photo credit that makes a short line a caption ("Photo: Jane Doe",
//! "(credit: NASA)", "Jane Doe / AP", "via Getty Images"), as six patterns
//! asked one by one, each only of a text that has what it needs.
//!
//! They were one pattern of six alternatives: compiling it cost 24 M
//! instructions a process (the name before an agency alone 15 M, for its
//! Unicode letter classes), while a benchmark run finds two credits. Now
//! a pattern is built the first time a text passes its own test, and the
//! answer is the one pattern's: the match that starts first, and of two
//! starting at the same place the one of the earlier pattern, as in the
//! alternation (leftmost first, earlier alternatives preferred; within an
//! alternative the same way through as alone).
//!
//! They are built without prefilters (`regex_without_prefilter`): they
//! search only the few short lines that pass their tests, and finding
//! the literals of their case-insensitive words was a third of their
//! compile cost.

use crate::regex_without_prefilter;
use regex_automata::meta::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The credit shapes, in the order the alternation preferred them.
const PATTERNS: [&str; 6] = [
    r"(?i:\b(?:photograph|photo|picture|image|video|footage|illustration|graphic)s?(?: credit)?\s*:\s*\S[^.!?]{0,80}$)",
    r"(?i:\((?:photo|picture|image|video|file photo|credit)\b[^()]{0,80}\)\s*$)",
    r"\b(?:AP|AFP|EPA|Reuters|REUTERS|Getty|Xinhua|Yonhap|Anadolu|Bloomberg)\s+(?:Photo|Photos|Images?|Pictures?|via Getty Images)\b",
    r"\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}\s*/\s*(?:AP|AFP|Reuters|REUTERS|EPA(?:-EFE)?|Getty Images|Getty|Shutterstock|Bloomberg|Alamy|PA(?: Wire| Media)?|Sipa|Anadolu|Xinhua|Yonhap|TASS|Sputnik|NurPhoto|ZUMA|SOPA Images|Redux)\b[^\p{L}]*$",
    r"(?i:\b(?:via|courtesy(?: of)?)\s+(?:getty images|reuters|ap|afp|epa|social media|telegram|x|twitter)\s*[).]?\s*$)",
    r"(?i:getty images\s*\)?\s*$)",
];

static COMPILED: [LazyLock<Regex>; 6] = [
    LazyLock::new(|| regex_without_prefilter(PATTERNS[0])),
    LazyLock::new(|| regex_without_prefilter(PATTERNS[1])),
    LazyLock::new(|| regex_without_prefilter(PATTERNS[2])),
    LazyLock::new(|| regex_without_prefilter(PATTERNS[3])),
    LazyLock::new(|| regex_without_prefilter(PATTERNS[4])),
    LazyLock::new(|| regex_without_prefilter(PATTERNS[5])),
];

/// The agencies after the `/` of a `Name / AP` credit, as the pattern
/// spells them.
const AGENCIES: &[&str] = &[
    "AP",
    "AFP",
    "Reuters",
    "REUTERS",
    "EPA",
    "EPA-EFE",
    "Getty Images",
    "Getty",
    "Shutterstock",
    "Bloomberg",
    "Alamy",
    "PA",
    "PA Wire",
    "PA Media",
    "Sipa",
    "Anadolu",
    "Xinhua",
    "Yonhap",
    "TASS",
    "Sputnik",
    "NurPhoto",
    "ZUMA",
    "SOPA Images",
    "Redux",
];

/// The words before the `:` of a `Photo: …` credit (and their plurals).
const CUES: &[&str] = &[
    "photograph",
    "photo",
    "picture",
    "image",
    "video",
    "footage",
    "illustration",
    "graphic",
];

/// The sources a `via …` credit ends with.
const VIA_SOURCES: &[&str] = &[
    "getty images",
    "reuters",
    "ap",
    "afp",
    "epa",
    "social media",
    "telegram",
    "x",
    "twitter",
];

/// Under `(?i)` the long `ſ` is an `s` (and the Kelvin sign a `k`, which
/// no word here has): a text with one is let through the word tests.
fn has_long_s(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), "\u{17f}".as_bytes()).is_some()
}

/// `s` ends with the ASCII word `w`, in any ASCII case.
fn ends_with_ci(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.as_bytes()[s.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
}

/// Whether `text` has what pattern `k` needs to match: a test that every
/// text the pattern matches passes (checked against the patterns by
/// proptest), and most lines fail.
fn may_match(k: usize, text: &str) -> bool {
    match k {
        0 => colon_before_tail(text),
        // `\)\s*$`: `trim_end` and `\s` both take Unicode White_Space.
        1 => text.trim_end().ends_with(')'),
        // Case-sensitive; "via Getty Images" has "Image" too.
        2 => ["Photo", "Image", "Picture"]
            .iter()
            .any(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some()),
        // `/\s*AGENCY\b[^\p{L}]*$`: no ASCII letter after the agency.
        3 => memchr::memchr_iter(b'/', text.as_bytes()).any(|slash| {
            let after = text[slash + 1..].trim_start();
            AGENCIES.iter().any(|a| {
                after
                    .strip_prefix(a)
                    .is_some_and(|rest| !rest.bytes().any(|c| c.is_ascii_alphabetic()))
            })
        }),
        4 => via_credit(text),
        _ => has_long_s(text) || ci_words(&["getty image"], text),
    }
}

/// `CUE s? ( credit)? \s* : \s* \S [^.!?]{0,80} $`: a `:` after a cue word
/// (or "credit"), and after it, but for the first character that is not
/// a space, at most 80 characters and no `.`, `!` or `?`.
fn colon_before_tail(text: &str) -> bool {
    let long_s = has_long_s(text);
    memchr::memchr_iter(b':', text.as_bytes()).any(|colon| {
        let before = text[..colon].trim_end();
        let cue = long_s
            || ends_with_ci(before, "credit")
            || CUES.iter().any(|c| {
                ends_with_ci(before, c)
                    || before
                        .strip_suffix(['s', 'S'])
                        .is_some_and(|b| ends_with_ci(b, c))
            });
        let mut after = text[colon + 1..].trim_start().chars();
        let tail = after.next().map(|_| after.as_str()).unwrap_or("");
        cue && !tail.contains(['.', '!', '?']) && tail.chars().nth(80).is_none()
    })
}

/// `(via|courtesy( of)?) \s+ SOURCE \s* [).]? \s* $`: "via" or "courte(sy)"
/// and a line that ends with a source, in any ASCII case (under `(?i)` no
/// letter of these words has a non-ASCII twin but `s`, see `has_long_s`).
fn via_credit(text: &str) -> bool {
    let end = text.trim_end();
    let end = end.strip_suffix([')', '.']).unwrap_or(end).trim_end();
    let source = has_long_s(text) || VIA_SOURCES.iter().any(|s| ends_with_ci(end, s));
    source && ci_words(&["via", "courte"], text)
}

/// Whether `text` holds one of `words` (ASCII) in any ASCII case.
fn ci_words(words: &[&str], text: &str) -> bool {
    let b = text.as_bytes();
    words.iter().any(|w| {
        b.windows(w.len())
            .any(|win| win.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// Where the caption credit in `text` is, as the six patterns'
/// alternation finds it.
pub(super) fn find(text: &str) -> Option<Range<usize>> {
    let mut first: Option<Range<usize>> = None;
    for (k, pattern) in COMPILED.iter().enumerate() {
        if !may_match(k, text) {
            continue;
        }
        if let Some(m) = pattern.find(text) {
            // Strictly earlier only: at the same start the earlier pattern wins.
            if first.as_ref().is_none_or(|f| m.start() < f.start) {
                first = Some(m.range());
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regex;
    use proptest::prelude::*;
    use regex::Match;

    /// The alternation the six patterns were.
    static ALTERNATION: LazyLock<regex::Regex> = LazyLock::new(|| regex(&PATTERNS.join("|")));

    fn piece() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "Photo",
            "photo",
            "PHOTOS",
            "photograph",
            "image",
            "Images",
            "Picture",
            "video",
            "credit",
            " credit",
            ":",
            ": ",
            " : ",
            "(",
            ")",
            "(Photo ",
            "(file photo ",
            "Jane",
            "Doe",
            "O’Neil",
            "Jean-Luc",
            " ",
            "  ",
            "\u{a0}",
            "\n",
            "/",
            " / ",
            "AP",
            "AFP",
            "EPA-EFE",
            "Reuters",
            "Getty",
            "Getty Images",
            "getty images",
            "PA Wire",
            "SOPA Images",
            "ZUMA",
            "AP Photo",
            "via",
            "courtesy of",
            "courteſy",
            "imageſ",
            "gettY IMAGES",
            "x",
            "twitter",
            "social media",
            ".",
            "!",
            "?",
            ",",
            "2020",
            "é",
            "ſ",
            "\u{212a}",
            "İ",
            "said",
            "the",
            "NASA",
            "Jude Guidry",
        ])
    }

    proptest! {
        /// The tested, one-by-one patterns find what the alternation found.
        #[test]
        fn one_by_one_is_the_alternation(pieces in proptest::collection::vec(piece(), 0..14)) {
            let text = pieces.concat();
            let span = |m: Option<Match<'_>>| m.map(|m| m.range());
            prop_assert_eq!(find(&text), span(ALTERNATION.find(&text)), "{:?}", text);
        }

        /// Credit-shaped endings, past the bounds (80 characters, four name
        /// words) and with trailing spaces.
        #[test]
        fn shaped_credits_are_found_as_the_alternation_finds_them(
            text in "[A-Za-z .]{0,10}(\\((Photo|credit|file photo)[ a-zA-Z/:]{0,90}\\)|Photo ?: [A-Za-z ]{0,90}|[A-Z][a-z]{0,5}( [A-Z][a-z]{0,5}){0,5} ?/ ?(AP|Getty Images|PA Wire)|(via|courtesy of) (Getty Images|X)|getty images\\)?)[ \n\u{a0}.]{0,2}",
        ) {
            let span = |m: Option<Match<'_>>| m.map(|m| m.range());
            prop_assert_eq!(find(&text), span(ALTERNATION.find(&text)), "{:?}", text);
        }

        /// Each pattern built without prefilters finds what `regex` finds,
        /// also with the Kelvin sign, `İ` and the long `s` about.
        #[test]
        fn without_prefilters_each_pattern_is_the_same(
            pieces in proptest::collection::vec(piece(), 0..14),
            odd in proptest::sample::select(vec!["", "\u{212a}", "İ", "ſ", "ſ:", "(İ)", "é"]),
            at in 0usize..14,
        ) {
            let mut pieces = pieces;
            pieces.insert(at.min(pieces.len()), odd);
            let text = pieces.concat();
            for (k, pattern) in COMPILED.iter().enumerate() {
                let want = regex(PATTERNS[k]).find(&text).map(|m| m.range());
                prop_assert_eq!(pattern.find(&*text).map(|m| m.range()), want, "{} {:?}", k, text);
            }
        }

        /// Each test lets through every text its pattern matches.
        #[test]
        fn tests_turn_away_only_misses(pieces in proptest::collection::vec(piece(), 0..14)) {
            let text = pieces.concat();
            for (k, pattern) in COMPILED.iter().enumerate() {
                if pattern.is_match(&text) {
                    prop_assert!(may_match(k, &text), "pattern {} on {:?}", k, text);
                }
            }
        }
    }

    /// Texts at the edges of the tests: tails of 78 to 84 characters,
    /// the long `ſ` standing for `s`, names of three to six words.
    #[test]
    fn edges_are_found_as_the_alternation_finds_them() {
        let mut texts = Vec::new();
        for n in 78..=84 {
            let tail = "x".repeat(n);
            texts.push(format!("A hall. Photo: J{tail}"));
            texts.push(format!("A hall. Photos credit : J{tail} "));
            texts.push(format!("A hall (credit {tail})"));
        }
        for name in [
            "Jane Doe",
            "Jane Mary Doe Smith",
            "Ann Jane Mary Doe Smith",
            "A B C D E F",
        ] {
            texts.push(format!("A hall. {name} / AP"));
            texts.push(format!("A hall. {name}/EPA-EFE 2020."));
        }
        for s in [
            "A hall, via Reuterſ",
            "A hall, courteſy of X.",
            "A hall. Photoſ: Jane",
            "A hall getty imageſ )",
            "A hall via ſocial media",
            "A hall. Photo:\u{a0}.",
            "Photo: Jane. Doe",
            "A hall. Jane / AP_Sports",
        ] {
            texts.push(s.to_string());
        }
        for text in &texts {
            let span = |m: Option<Match<'_>>| m.map(|m| m.range());
            assert_eq!(find(text), span(ALTERNATION.find(text)), "{text:?}");
        }
    }

    #[test]
    fn credits_of_each_shape() {
        for (text, credit) in [
            ("A view of the hall. Photo: Jane Doe", "Photo: Jane Doe"),
            (
                "Lift-off (credit: NASA/Jude Guidry)",
                "(credit: NASA/Jude Guidry)",
            ),
            ("Police at the scene. AP Photo", "AP Photo"),
            ("Police at the scene Jane Doe / AP", "Jane Doe / AP"),
            ("Police at the scene, via Getty Images", "via Getty Images"),
            ("Police at the scene Getty Images", "Getty Images"),
        ] {
            assert_eq!(find(text).map(|at| &text[at]), Some(credit), "{text}");
        }
        assert_eq!(find("He said the photo was fake."), None);
    }
}
