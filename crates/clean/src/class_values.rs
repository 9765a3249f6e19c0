//! One reading of each class, id and itemprop value of a page for both
//! walks over its body: the page reader's furniture words and parts
//! (`html::classes`) and the date walk's area words and date roles
//! (`meta::classes`), read from the value lowercased once. A value the
//! page reader has read is a lookup for the date walk.
//!
//! Readings are not kept from page to page. A thread-wide map of them
//! (sessions 9–11) saved instructions, but each lookup in it missed the
//! cache (a map of every value of every page read before, cold after a
//! page's own work): in sampled CPU time a lookup cost as much as the
//! reading it saved, and the first sight of each value paid for the
//! insert besides.

use crate::html::{read_value_words, ValueWords, PART_GROUPS};
use crate::html_meta::{read_value, ValueReading, ROLE_GROUPS};
use crate::word_families::WordFamilies;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// What both readers take from one value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ValueFacts {
    /// The page reader's words and parts.
    pub words: ValueWords,
    /// The date walk's reading, its words included.
    pub dates: ValueReading,
}

/// The facts of `value`: they depend on the value alone.
#[cfg(test)]
pub(crate) fn facts(value: &str) -> ValueFacts {
    read_facts(value)
}

/// The values of one page, each read once for both walks over its body:
/// the page reader and the date walk ask for the same class and id
/// values, and a value recurs on many elements. The map borrows the
/// values from the page's tree and holds only its distinct ones, so it
/// stays small and in the cache.
pub(crate) struct PageValues<'a> {
    seen: FxHashMap<&'a str, Seen>,
    /// The value being read, lowercased: one buffer for all of them.
    lower: String,
}

impl<'a> PageValues<'a> {
    /// Room for the distinct values of a page of `n_nodes` nodes (see
    /// `html::distinct_values`).
    pub(crate) fn for_nodes(n_nodes: usize) -> Self {
        let n = crate::html::distinct_values(n_nodes);
        PageValues {
            seen: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            lower: String::new(),
        }
    }

    /// The facts of `value`, read on its first sight on the page.
    pub(crate) fn facts(&mut self, value: &'a str) -> ValueFacts {
        let lower = &mut self.lower;
        self.seen
            .entry(value)
            .or_insert_with(|| Seen::read(value, lower))
            .facts
    }

    /// The facts of a class value and `hides(value)`, whether the class
    /// hides its element (`html::dom`). The test is made the first time
    /// the value is read as a class (ids and the date walk's values never
    /// need it).
    pub(crate) fn class_facts(
        &mut self,
        value: &'a str,
        hides: impl FnOnce(&str) -> bool,
    ) -> (ValueFacts, bool) {
        let lower = &mut self.lower;
        let seen = self
            .seen
            .entry(value)
            .or_insert_with(|| Seen::read(value, lower));
        let hidden = *seen.hides.get_or_insert_with(|| hides(value));
        (seen.facts, hidden)
    }
}

/// What a page's map holds of a value.
#[derive(Debug, Clone, Copy)]
struct Seen {
    facts: ValueFacts,
    /// Whether the value, as a class, hides its element; `None` until it
    /// is first read as a class.
    hides: Option<bool>,
}

impl Seen {
    fn read(value: &str, lower: &mut String) -> Seen {
        Seen {
            facts: read_facts_with(value, lower),
            hides: None,
        }
    }
}

#[cfg(test)]
fn read_facts(value: &str) -> ValueFacts {
    read_facts_with(value, &mut String::new())
}

/// The facts of `value`, lowercased into `lower` (whatever it held).
fn read_facts_with(value: &str, lower: &mut String) -> ValueFacts {
    lower.clear();
    lower.push_str(value);
    lower.make_ascii_lowercase();
    let lower = lower.as_str();
    let hits = vocabulary_hits(lower);
    if !value.is_ascii() {
        // The date walk reads roles in the value lowercased by Unicode
        // rules, which may differ (`K`, the Kelvin sign, is `k`).
        let roles = vocabulary_hits(&value.to_lowercase()) >> 4;
        return ValueFacts {
            words: read_value_words(lower, hits & 0xf),
            dates: read_value(value, lower, roles),
        };
    }
    let roles = hits >> 4;
    // Both readers' words in one pass: the page reader's are the runs of
    // letters and digits, the date walk's those runs cut again where a
    // capital follows a small letter or digit (`relatedPosts`).
    let mut words = ValueWords::with_parts(hits & 0xf);
    let mut dates = ValueReading::with_roles(roles);
    let original = value.as_bytes();
    let mut at = 0;
    while let Some(&b) = original.get(at) {
        if !b.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        let mut cut = at;
        let mut prev_lower = false;
        while let Some(&b) = original.get(at).filter(|b| b.is_ascii_alphanumeric()) {
            if b.is_ascii_uppercase() && prev_lower {
                dates.add_word(lower.get(cut..at).unwrap_or(""));
                cut = at;
            }
            prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
            at += 1;
        }
        words.add_word(lower.as_bytes().get(start..at).unwrap_or(&[]));
        dates.add_word(lower.get(cut..at).unwrap_or(""));
    }
    ValueFacts { words, dates }
}

/// Both vocabularies of parts matched anywhere in a lowercased value: the
/// page reader's four categories (bits 0–3, `html::classes::PART_GROUPS`)
/// and the date walk's four (bits 4–7, `meta::classes::ROLE_GROUPS`), as
/// one automaton of plain substrings that answers which categories occur:
/// one pass over the value where each reader ran its own automaton.
static VOCABULARY: LazyLock<WordFamilies> = LazyLock::new(|| {
    let groups = PART_GROUPS
        .iter()
        .map(|g| g.split('|').collect::<Vec<_>>())
        .chain(ROLE_GROUPS.iter().map(|g| g.to_vec()));
    let words: Vec<(&[u8], u8)> = groups
        .enumerate()
        .flat_map(|(bit, group)| group.into_iter().map(move |p| (p.as_bytes(), 1u8 << bit)))
        .collect();
    WordFamilies::new(words, false)
});

/// Which categories of [`VOCABULARY`] occur in `hay`, one bit each.
pub(crate) fn vocabulary_hits(hay: &str) -> u8 {
    VOCABULARY.find(hay.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    proptest::proptest! {
        /// The date walk's role bits of the shared automaton are what its
        /// own automaton of the four role vocabularies (what it replaced)
        /// found.
        #[test]
        fn role_bits_are_the_role_automaton(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "modif", "update", "edited", "publish", "pubdate", "posted", "date", "datum",
                "time", "line", "run", "picker", "meta", "author", "autor", "zeit", "by",
                "cookie", "related", "sidebar", "-", "_", " ", "x", "é",
            ]), 0..12),
        ) {
            let hay = pieces.concat();
            let all = ROLE_GROUPS.concat();
            let automaton = AhoCorasick::new(&all).expect("patterns");
            let mut want = 0u8;
            for hit in automaton.find_overlapping_iter(&hay) {
                let mut at = hit.pattern().as_usize();
                for (bit, group) in ROLE_GROUPS.iter().enumerate() {
                    if at < group.len() {
                        want |= 1 << bit;
                        break;
                    }
                    at -= group.len();
                }
            }
            proptest::prop_assert_eq!(vocabulary_hits(&hay) >> 4, want);
        }
    }

    proptest::proptest! {
        /// The one pass over an ASCII value gives each reader the words it
        /// read on its own (what each did before).
        #[test]
        fn one_pass_words_are_each_readers_words(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "related", "Posts", "comment", "List", "footer", "Nav", "x2", "Y", "ABC",
                "def", "article", "Body", "ad", "Date", "-", "_", " ", "0", "aB", ":",
            ]), 0..10),
        ) {
            let value = pieces.concat();
            let lower = value.to_ascii_lowercase();
            let hits = vocabulary_hits(&lower);
            let each = ValueFacts {
                words: read_value_words(&lower, hits & 0xf),
                dates: read_value(&value, &lower, hits >> 4),
            };
            proptest::prop_assert_eq!(read_facts(&value), each);
        }
    }

    #[test]
    fn a_class_hides_as_its_test_says_and_the_test_runs_once_per_page() {
        let runs = std::cell::Cell::new(0);
        let hides = |v: &str| {
            runs.set(runs.get() + 1);
            v.contains("hidden")
        };
        let long = "hidden ".repeat(40);
        for value in ["b2-test sr-hidden", "b2-test shown", long.as_str()] {
            runs.set(0);
            let mut page = PageValues::for_nodes(0);
            // Read first as an id or by the date walk: no test made.
            assert_eq!(page.facts(value), read_facts(value));
            assert_eq!(runs.get(), 0);
            for _ in 0..2 {
                let want = (read_facts(value), value.contains("hidden"));
                assert_eq!(page.class_facts(value, hides), want, "{value}");
            }
            assert_eq!(runs.get(), 1, "{value}");
        }
    }

    #[test]
    fn a_non_ascii_value_has_its_roles_read_lowercased_by_unicode_rules() {
        // The Kelvin sign lowercases to `k` only by Unicode rules, which
        // make this "aktualisiert": a modified date, as the date walk read
        // it before.
        let value = "A\u{212a}TUALISIERT";
        let ascii_lower = value.to_ascii_lowercase();
        assert_eq!(vocabulary_hits(&ascii_lower) >> 4, 0);
        assert_eq!(facts(value).dates, read_value(value, &ascii_lower, 1));
    }
}
