//! Gazetteer word lists looked up by hash. `contains_ci` scans a list
//! comparing every entry; entity extraction asks about every capitalised
//! word, several lists per word, and the scans were a tenth of its time.

use std::collections::HashSet;
use std::sync::LazyLock;

/// A word list whose `contains` answers as `gazetteer::contains_ci` does
/// (equal ignoring ASCII case).
pub(crate) struct CiIndex {
    /// Entries with ASCII letters lowercased.
    entries: HashSet<Vec<u8>>,
}

impl CiIndex {
    fn new(list: &[&str]) -> CiIndex {
        CiIndex {
            entries: list
                .iter()
                .map(|w| w.as_bytes().to_ascii_lowercase())
                .collect(),
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        // Two strings are equal ignoring ASCII case exactly when their
        // ASCII-lowercased bytes are equal.
        let mut buf = [0u8; 48];
        match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                self.entries.contains(&*lower)
            }
            None => self.entries.contains(&word.as_bytes().to_ascii_lowercase()),
        }
    }
}

macro_rules! ci_index {
    ($name:ident, $list:path) => {
        pub(crate) static $name: LazyLock<CiIndex> = LazyLock::new(|| CiIndex::new($list));
    };
}

ci_index!(ORG_WORDS, crate::gazetteer::ORG_WORDS);
ci_index!(CALENDAR_WORDS, crate::gazetteer::CALENDAR_WORDS);
ci_index!(WIRE_SERVICES, crate::gazetteer::WIRE_SERVICES);
ci_index!(SENTENCE_STARTERS, crate::gazetteer::SENTENCE_STARTERS);
ci_index!(INSTITUTIONS, crate::gazetteer::INSTITUTIONS);

/// `PERSON_ROLES`, for exact lookups of lowercased words.
pub(crate) static PERSON_ROLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| crate::gazetteer::PERSON_ROLES.iter().copied().collect());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::contains_ci;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn answers_as_the_scan_does(word in "(Reuters|REUTERS|reuters|Ministry|mINISTRY|Monday|É|é|[a-zA-Z]{0,6}| ){1,3}") {
            for (index, list) in [
                (&*ORG_WORDS, crate::gazetteer::ORG_WORDS),
                (&*CALENDAR_WORDS, crate::gazetteer::CALENDAR_WORDS),
                (&*WIRE_SERVICES, crate::gazetteer::WIRE_SERVICES),
                (&*SENTENCE_STARTERS, crate::gazetteer::SENTENCE_STARTERS),
                (&*INSTITUTIONS, crate::gazetteer::INSTITUTIONS),
            ] {
                prop_assert_eq!(index.contains(&word), contains_ci(list, &word));
            }
        }
    }

    #[test]
    fn every_entry_is_found_in_any_case() {
        for w in crate::gazetteer::ORG_WORDS {
            assert!(ORG_WORDS.contains(w) && ORG_WORDS.contains(&w.to_ascii_uppercase()));
        }
    }
}
