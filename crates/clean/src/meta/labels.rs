//! The label printed just before a date ("Published:", "Zuletzt
//! aktualisiert am", "©"): what the date is said to be.
//!
//! A label is one of its words ending at most 25 characters (12 for the
//! other labels) before the date, with no sentence end, `|` or digit
//! between (for the other labels, no sentence end). These were one regex
//! each, `\b(?:words)\b[^.!?\d|]{0,25}$`, whose bounded Unicode class
//! compiles to 25 copies and was a tenth of the start-up regex work; the
//! words alone compile in a fraction of that, and the rest is counted
//! here. `tests` checks both forms agree.
//!
//! The words are built without prefilters: under `(?i)` their literal
//! prefixes (every case variant of every word, `s` also as `ſ`) took nine
//! tenths of their compile cost, for a search over at most 40
//! characters. Prefilters never change what matches.

use crate::{regex, regex_without_prefilter};
use regex::Regex;
use regex_automata::meta;
use regex_automata::Input;
use std::sync::LazyLock;

/// What the words just before a printed date say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Published,
    Modified,
    /// Received, accepted, retrieved, copyright, comment times: not the
    /// page's publication in any case.
    Other,
}

const PUBLISHED_WORDS: &str = r"(?i)\b(?:first published|published|datum\s*:|date\s*:|publication date|posted|released|veröffentlicht|veroeffentlicht|erschienen|publiziert|erstellt|publié|publie le|mise? en ligne|en ligne le|publicado|publicación|pubblicato|gepubliceerd|geplaatst|opublikowano|опубликовано|дата публикации|게시|입력|발행|등록)\b";
const MODIFIED_WORDS: &str = r"(?i)\b(?:updated?|last modified|modified|last edited|edited|revised|aktualisiert|aktualisierung|zuletzt|geändert|stand|mis à jour|mise à jour|actualizado|actualización|aggiornato|aggiornamento|bijgewerkt|gewijzigd|zaktualizowano|обновлено|수정)\b";
const OTHER_WORDS: &str = r"(?i)(?:\b(?:accepted|received|submitted|angenommen|eingereicht|eingegangen|retrieved|accessed|abgerufen|zugriff|copyright|gültig|valid|expires?|ablauf|deadline|frist|bis zum|until|event|termin|veranstaltung|geboren|born|died|gestorben|reply|antworten|says|sagt|schreibt|wrote)\b|©|\(c\))";

/// What may not stand between a published or modified label and the date
/// (`\d` is any Unicode decimal digit, as in the patterns).
const DATE_LABEL_STOPS: &str = r"[.!?\d|]";
/// What may not stand between another label and the date.
const OTHER_LABEL_STOPS: &str = r"[.!?]";

/// Words of one kind of label, what may not follow them, and how many
/// characters may.
struct LabelWords {
    words: meta::Regex,
    stops: Regex,
    max_after: usize,
}

impl LabelWords {
    fn new(words: &str, stops: &str, max_after: usize) -> LabelWords {
        LabelWords {
            words: regex_without_prefilter(words),
            stops: regex(stops),
            max_after,
        }
    }

    /// Whether `tail` ends with one of the words and at most `max_after`
    /// characters, none of them a stop.
    fn ends(&self, tail: &str) -> bool {
        if !self.words.is_match(tail) {
            return false;
        }
        // A word must end after the last stop and within the last
        // `max_after` characters.
        let after_stops = self.stops.find_iter(tail).last().map_or(0, |m| m.end());
        let window = tail
            .char_indices()
            .rev()
            .nth(self.max_after.saturating_sub(1))
            .map_or(0, |(at, _)| at);
        let from = after_stops.max(window);
        // Every place a word starts, each with the one end it can have
        // there (no word is another's prefix up to a word boundary).
        let mut at = 0;
        while let Some(m) = self.words.find(Input::new(tail).range(at..)) {
            if m.end() >= from {
                return true;
            }
            at = m.start() + tail[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

static PUBLISHED: LazyLock<LabelWords> =
    LazyLock::new(|| LabelWords::new(PUBLISHED_WORDS, DATE_LABEL_STOPS, 25));
static MODIFIED: LazyLock<LabelWords> =
    LazyLock::new(|| LabelWords::new(MODIFIED_WORDS, DATE_LABEL_STOPS, 25));
static OTHER: LazyLock<LabelWords> =
    LazyLock::new(|| LabelWords::new(OTHER_WORDS, OTHER_LABEL_STOPS, 12));

/// The label printed in `before` (the text right before a date).
pub(crate) fn label_before(before: &str) -> Option<Label> {
    // The last 40 characters, found from the end: `before` can be a
    // paragraph of prose.
    let from = before.char_indices().rev().nth(39).map_or(0, |(at, _)| at);
    let tail = &before[from..];
    if OTHER.ends(tail) {
        Some(Label::Other)
    } else if MODIFIED.ends(tail) {
        Some(Label::Modified)
    } else if PUBLISHED.ends(tail) {
        Some(Label::Published)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_several_languages() {
        for (s, want) in [
            ("Veröffentlicht am ", Label::Published),
            ("Published: ", Label::Published),
            ("Erschienen am", Label::Published),
            ("Stand: ", Label::Modified),
            ("Zuletzt aktualisiert am ", Label::Modified),
            ("Updated ", Label::Modified),
            ("Last modified on", Label::Modified),
            ("mis à jour le ", Label::Modified),
            ("Accepted: ", Label::Other),
            ("© ", Label::Other),
            ("Abgerufen am ", Label::Other),
        ] {
            assert_eq!(label_before(s), Some(want), "{s}");
        }
        assert_eq!(label_before("Berlin, "), None);
    }

    /// The patterns as they were, one regex per kind of label.
    fn label_before_by_regex(before: &str) -> Option<Label> {
        static PUBLISHED: LazyLock<Regex> =
            LazyLock::new(|| regex(&format!(r"{PUBLISHED_WORDS}[^.!?\d|]{{0,25}}$")));
        static MODIFIED: LazyLock<Regex> =
            LazyLock::new(|| regex(&format!(r"{MODIFIED_WORDS}[^.!?\d|]{{0,25}}$")));
        static OTHER: LazyLock<Regex> =
            LazyLock::new(|| regex(&format!(r"{OTHER_WORDS}[^.!?]{{0,12}}$")));
        let from = before.char_indices().rev().nth(39).map_or(0, |(at, _)| at);
        let tail = &before[from..];
        if OTHER.is_match(tail) {
            Some(Label::Other)
        } else if MODIFIED.is_match(tail) {
            Some(Label::Modified)
        } else if PUBLISHED.is_match(tail) {
            Some(Label::Published)
        } else {
            None
        }
    }

    #[test]
    fn the_old_patterns_are_the_ones_replaced() {
        // The regexes above must be the originals: one spot check each.
        assert_eq!(
            label_before_by_regex("Published by our staff writer on "),
            Some(Label::Published)
        );
        assert_eq!(label_before_by_regex("Published 5 "), None);
        assert_eq!(label_before_by_regex("born in "), Some(Label::Other));
    }

    #[test]
    fn the_window_is_counted_in_characters() {
        for s in [
            "Published by our staff writer in Berlin on ",
            "Published by our staff writer in Köln on ",
            "Published by our staff writer in Köln, on ",
            "Published by our staff writer, Köln, on ",
            "Updated: 12:30 by the desk, 5 ",
            "posted in news by ünïcödé ",
            "mise en ligne le 12 juin, par la rédaction le ",
            "Published ٣ ",
            "published  \u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003} ",
            "© 2020 by the author who wrote ",
        ] {
            assert_eq!(label_before(s), label_before_by_regex(s), "{s:?}");
        }
    }

    /// Every match of the prefilter-free words from every start, against
    /// `regex::Regex::find_at` of the same pattern.
    fn words_agree(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        for pattern in [PUBLISHED_WORDS, MODIFIED_WORDS, OTHER_WORDS] {
            let (old, new) = (regex(pattern), regex_without_prefilter(pattern));
            for at in (0..=s.len()).filter(|&at| s.is_char_boundary(at)) {
                let want = old.find_at(s, at).map(|m| m.range());
                let got = new.find(Input::new(s).range(at..)).map(|m| m.range());
                proptest::prop_assert_eq!(got, want, "{:?} at {}", s, at);
            }
        }
        Ok(())
    }

    #[test]
    fn words_without_prefilters_match_the_same() {
        // The Kelvin sign and long s fold to `k` and `s` under `(?i)`;
        // `İ` lowercases to two characters.
        for s in [
            "ſtand: ",
            "STAND",
            "publiſhed",
            "\u{212a}",
            "bijgewer\u{212a}t",
            "İpublished",
            "publİshed",
            "(C) 2020",
            "xstand",
            "stand_",
            "Stände",
            "обновлено!",
            "수정됨",
        ] {
            words_agree(s).unwrap();
        }
    }

    proptest::proptest! {
        #[test]
        fn words_without_prefilters_agree(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "published", "PUBLISHED", "pubſished", "ſtand", "stand", "bijgewer\u{212a}t",
                    "bijgewerkt", "İ", "i", "\u{212a}", "k", "ſ", "s", "updated", "update", "d",
                    "datum", "date", ":", " ", "\t", "é", "mis à jour", "mise à jour", "수정",
                    "обновлено", "©", "(c)", "(", ")", "expires", "1", "_", "x", "日本", "ü",
                ]),
                0..12,
            ),
        ) {
            words_agree(&pieces.concat())?;
        }

        /// Labels, stops, digits (ASCII and not), letters and spaces in any
        /// order: the counted form agrees with the regexes.
        #[test]
        fn agrees_with_the_regexes(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "published", "Published", "PUBLISHED", "first published", "datum:", "date :",
                    "Date\t:", "mise en ligne", "mis en ligne", "en ligne le", "publie le", "publié",
                    "publication date", "update", "updated", "Updated", "last modified", "modified",
                    "mis à jour", "mise à jour", "stand", "Stand", "aktualisiert", "aktualisierung",
                    "게시", "수정", "опубликовано", "обновлено", "дата публикации", "©", "(c)", "(C)",
                    "says", "born", "expire", "expires", "bis zum", "ſays", "pubſished", " ", "  ",
                    "\u{a0}", ".", "!", "?", "|", ",", ":", "1", "2020", "٣", "x", "e", "d", "ing",
                    "é", "ü", "日本", "_", "-", "by the editor", "on", "am", "le", "abc", "Köln",
                ]),
                0..24,
            ),
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(label_before(&s), label_before_by_regex(&s), "{:?}", s);
        }
    }
}
