//! Which families of words occur anywhere in a text, as bits.
//!
//! The class and id vocabularies and the paragraph cue words ask only
//! that: not where a word is, nor which one. `aho_corasick`'s overlapping
//! search answers it a match at a time, checking every state it enters
//! for a match and returning to the caller at each one. This is the same
//! automaton (a trie of the words with Aho–Corasick suffix links, made a
//! full DFA over the bytes the words use) with the answer folded into its
//! transitions: each entry names the next state and the families whose
//! words end there, its own and its suffixes'. A scan is one table load
//! and an `or` per byte.

/// A scanner of up to eight families of words.
#[derive(Debug, Clone)]
pub(crate) struct WordFamilies {
    /// The column of each byte. Column 0 stands for every byte no word
    /// holds; with ASCII case folding a capital shares its small letter's.
    column: [u8; 256],
    /// A row of `n_columns` entries per state. An entry holds the next
    /// state's row start (its index times `n_columns`) above the low 8
    /// bits, which are the families of the words ending in that state.
    table: Vec<u32>,
    /// The families of empty words, found in every text.
    empty: u8,
}

/// Where a state's row starts, and the families found on entering it.
fn entry(row: usize, families: u8) -> u32 {
    let row = u32::try_from(row)
        .ok()
        .filter(|&row| row < 1 << 24)
        .unwrap_or_else(|| panic!("word family table too large ({row} entries)"));
    row << 8 | u32::from(families)
}

impl WordFamilies {
    /// A scanner of `words`, each with its family bits. With
    /// `ascii_case_insensitive`, ASCII letters match in either case (as
    /// `aho_corasick`'s option of that name); other bytes match as they
    /// are. Panics on more distinct bytes than the table has columns for,
    /// or a table past 2^24 entries: the vocabularies are built in.
    pub(crate) fn new<'a>(
        words: impl IntoIterator<Item = (&'a [u8], u8)>,
        ascii_case_insensitive: bool,
    ) -> Self {
        let fold = |b: u8| {
            if ascii_case_insensitive {
                b.to_ascii_lowercase()
            } else {
                b
            }
        };
        let words: Vec<(Vec<u8>, u8)> = words
            .into_iter()
            .map(|(word, families)| (word.iter().map(|&b| fold(b)).collect(), families))
            .collect();
        let mut column = [0u8; 256];
        let mut n_columns = 1usize;
        for (word, _) in &words {
            for &b in word {
                if column[usize::from(b)] == 0 {
                    let c = u8::try_from(n_columns)
                        .unwrap_or_else(|_| panic!("too many distinct bytes in the words"));
                    column[usize::from(b)] = c;
                    n_columns += 1;
                }
            }
        }
        if ascii_case_insensitive {
            for b in b'A'..=b'Z' {
                column[usize::from(b)] = column[usize::from(b.to_ascii_lowercase())];
            }
        }
        // The trie: `children` is a dense row per state, `NONE` where the
        // trie has no edge.
        const NONE: usize = usize::MAX;
        let mut children: Vec<usize> = vec![NONE; n_columns];
        let mut families: Vec<u8> = vec![0];
        for (word, bits) in &words {
            let mut state = 0;
            for &b in word {
                let slot = state * n_columns + usize::from(column[usize::from(b)]);
                state = match children[slot] {
                    NONE => {
                        let new = families.len();
                        families.push(0);
                        children.extend(std::iter::repeat_n(NONE, n_columns));
                        children[slot] = new;
                        new
                    }
                    next => next,
                };
            }
            families[state] |= bits;
        }
        // Breadth first, so a state's suffix (shallower) is complete before
        // it: its missing edges are its suffix's, and its families include
        // its suffix's.
        let n_states = families.len();
        let mut next = vec![0usize; n_states * n_columns];
        let mut suffix = vec![0usize; n_states];
        let mut queue = std::collections::VecDeque::new();
        for c in 0..n_columns {
            match children[c] {
                NONE => next[c] = 0,
                child => {
                    next[c] = child;
                    queue.push_back(child);
                }
            }
        }
        while let Some(state) = queue.pop_front() {
            for c in 0..n_columns {
                let via_suffix = next[suffix[state] * n_columns + c];
                match children[state * n_columns + c] {
                    NONE => next[state * n_columns + c] = via_suffix,
                    child => {
                        next[state * n_columns + c] = child;
                        suffix[child] = via_suffix;
                        families[child] |= families[via_suffix];
                        queue.push_back(child);
                    }
                }
            }
        }
        let table = next
            .iter()
            .map(|&to| entry(to * n_columns, families[to]))
            .collect();
        WordFamilies {
            column,
            table,
            empty: families[0],
        }
    }

    /// The families with a word anywhere in `text`, overlaps included.
    pub(crate) fn find(&self, text: &[u8]) -> u8 {
        let mut row = 0usize;
        let mut found = self.empty;
        for &b in text {
            let e = self.table[row + usize::from(self.column[usize::from(b)])];
            row = (e >> 8) as usize;
            found |= e as u8;
        }
        found
    }

    /// [`find`](Self::find), stopping once every family in `all` is found.
    /// Its loop is `find`'s written out again on purpose: sharing the
    /// transition as an inlined `step` cost an instruction per byte here
    /// (+0.56 M over the benchmark's 120 pages, measured in session 14).
    pub(crate) fn find_until(&self, text: &[u8], all: u8) -> u8 {
        let mut row = 0usize;
        let mut found = self.empty;
        for &b in text {
            let e = self.table[row + usize::from(self.column[usize::from(b)])];
            row = (e >> 8) as usize;
            found |= e as u8;
            if e as u8 != 0 && found & all == all {
                break;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// What `aho_corasick`'s overlapping search says of the same words.
    fn oracle(words: &[(String, u8)], text: &str, insensitive: bool) -> u8 {
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(insensitive)
            .build(words.iter().map(|(w, _)| w))
            .expect("words");
        matcher
            .find_overlapping_iter(text)
            .fold(0, |found, m| found | words[m.pattern().as_usize()].1)
    }

    fn scanner(words: &[(String, u8)], insensitive: bool) -> WordFamilies {
        WordFamilies::new(words.iter().map(|(w, f)| (w.as_bytes(), *f)), insensitive)
    }

    const PIECES: [&str; 14] = [
        "a", "b", "ab", "ba", "A", "B", "aB", "x", "é", "É", "\u{130}", " ", "-", "",
    ];

    proptest::proptest! {
        /// The families found are those of every overlapping match, in
        /// either case mode, for words that share prefixes and suffixes
        /// and lie inside one another.
        #[test]
        fn families_are_the_overlapping_matches(
            words in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..4),
                 0u8..8),
                1..12,
            ),
            text in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..24),
            insensitive: bool,
        ) {
            let words: Vec<(String, u8)> =
                words.into_iter().map(|(w, f)| (w.concat(), 1 << f)).collect();
            let text = text.concat();
            let found = scanner(&words, insensitive).find(text.as_bytes());
            proptest::prop_assert_eq!(found, oracle(&words, &text, insensitive));
        }

        /// Stopping early finds all of `all` when the full scan does, and
        /// never more than the full scan.
        #[test]
        fn stopping_early_keeps_the_wanted_families(
            text in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..24),
            all in 0u8..16,
        ) {
            let words: Vec<(String, u8)> = [("ab", 1), ("b", 2), ("ba", 4), ("x", 8)]
                .iter()
                .map(|&(w, f)| (w.to_string(), f))
                .collect();
            let s = scanner(&words, true);
            let text = text.concat();
            let full = s.find(text.as_bytes());
            let early = s.find_until(text.as_bytes(), all);
            proptest::prop_assert_eq!(early & all, full & all);
            proptest::prop_assert_eq!(early & !full, 0);
        }
    }

    #[test]
    fn a_word_inside_another_counts() {
        let words = [
            ("sidebar".to_string(), 1),
            ("bar".to_string(), 2),
            ("side".to_string(), 4),
        ];
        let s = scanner(&words, false);
        assert_eq!(s.find(b"leftsidebar"), 7);
        assert_eq!(s.find(b"sidebox"), 4);
        assert_eq!(s.find(b"SIDEBAR"), 0);
        assert_eq!(scanner(&words, true).find(b"SIDEBAR"), 7);
    }

    #[test]
    fn an_empty_word_is_in_every_text() {
        let words = [(String::new(), 1), ("a".to_string(), 2)];
        assert_eq!(scanner(&words, false).find(b""), 1);
        assert_eq!(scanner(&words, false).find(b"a"), 3);
    }
}
