//! Whitespace runs read a byte at a time: pages are mostly ASCII, and
//! decoding every character to ask `char::is_whitespace` was a tenth of
//! the time spent reading blocks and date segments.

/// What `char::is_whitespace` says of an ASCII byte.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ')
}

/// The character starting at byte `at` of `s`: whether it is whitespace
/// and how many bytes it takes. `at` is always a character boundary here.
fn char_at(s: &str, at: usize) -> (bool, usize) {
    s.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
}

/// The first byte at or after `at` that is not ASCII whitespace. Pages
/// indent their markup, so text between tags is often a line break and
/// dozens of spaces, read several times over by both walks: after two
/// whitespace bytes, plain spaces are skipped eight at a time.
fn skip_ascii_spaces(b: &[u8], mut at: usize) -> usize {
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    let eight = |at: usize| {
        b.get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            .map(u64::from_ne_bytes)
    };
    loop {
        match b.get(at) {
            Some(&c) if is_ascii_space(c) => at += 1,
            _ => return at,
        }
        if b.get(at) == Some(&b' ') {
            while eight(at) == Some(SPACES) {
                at += 8;
            }
        }
    }
}

/// `s.trim().is_empty()`: nothing but whitespace.
pub(crate) fn is_blank(s: &str) -> bool {
    let b = s.as_bytes();
    let mut at = 0;
    loop {
        at = skip_ascii_spaces(b, at);
        let Some(&byte) = b.get(at) else {
            return true;
        };
        // Not ASCII whitespace: a word, unless a Unicode space.
        let (space, len) = if byte < 0x80 {
            (false, 1)
        } else {
            char_at(s, at)
        };
        if !space {
            return false;
        }
        at += len;
    }
}

/// Bytes that end a word for certain (ASCII whitespace) or may (the first
/// byte of a non-ASCII character, decoded to tell), so the scan over a
/// word's plain ASCII bytes is one table lookup each.
const WORD_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || is_ascii_space(b as u8);
        b += 1;
    }
    t
};

/// Runs of whitespace made single spaces, none at the ends: the words of
/// `s.split_whitespace()` joined by spaces, built directly. Words already
/// apart by one plain space are copied as one run (most text is), not a
/// word at a time.
pub(crate) fn squash(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    loop {
        // Whitespace up to the next word.
        loop {
            at = skip_ascii_spaces(b, at);
            match b.get(at) {
                Some(&byte) if byte >= 0x80 => {
                    let (space, len) = char_at(s, at);
                    if !space {
                        break;
                    }
                    at += len;
                }
                _ => break,
            }
        }
        if at >= b.len() {
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // Words, and single plain spaces between them, to the end of the run.
        let start = at;
        loop {
            at = word_end(s, at);
            let single_space = b.get(at) == Some(&b' ')
                && b.get(at + 1).is_some_and(|&next| {
                    if next < 0x80 {
                        !is_ascii_space(next)
                    } else {
                        !char_at(s, at + 1).0
                    }
                });
            if !single_space {
                break;
            }
            at += 1;
        }
        out.push_str(&s[start..at]);
    }
}

/// Where the word starting at `at` (not whitespace) ends: the offset of
/// the next whitespace character, or the end.
fn word_end(s: &str, mut at: usize) -> usize {
    let b = s.as_bytes();
    loop {
        while b.get(at).is_some_and(|&c| !WORD_STOP[usize::from(c)]) {
            at += 1;
        }
        match b.get(at) {
            Some(&c) if c >= 0x80 => {
                let (space, len) = char_at(s, at);
                if space {
                    return at;
                }
                at += len;
            }
            _ => return at,
        }
    }
}

/// The words of a text (as `split_whitespace` splits them) and how many of
/// them hold a letter or digit, each counted no further than its cap: the
/// paragraph rules ask many times of one paragraph whether it is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordCounts {
    /// All words, at most the words cap.
    pub words: usize,
    /// Words holding a letter or digit, at most the lettered cap.
    pub lettered: usize,
}

/// How a byte reads in a word: ASCII space (ends it), the first byte of a
/// non-ASCII character (decoded to tell), an ASCII letter or digit, or
/// any other ASCII byte.
const SPACE: u8 = 0;
const NON_ASCII: u8 = 1;
const ALNUM: u8 = 2;
const OTHER: u8 = 3;
const WORD_BYTE: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        t[b] = if byte >= 0x80 {
            NON_ASCII
        } else if is_ascii_space(byte) {
            SPACE
        } else if byte.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// [`WordCounts`] of `s`, read a byte at a time (a character is decoded only
/// where a byte is not ASCII) and stopped once both counts reach their caps.
/// Whether a non-ASCII character is a letter is asked only while its word
/// has none yet and the lettered count is below its cap: the Unicode tables
/// are the costly part.
pub(crate) fn count_words(s: &str, words_cap: usize, lettered_cap: usize) -> WordCounts {
    let b = s.as_bytes();
    let mut counts = WordCounts {
        words: 0,
        lettered: 0,
    };
    let mut at = 0;
    while counts.words < words_cap || counts.lettered < lettered_cap {
        // Spaces up to the next word.
        loop {
            match b.get(at) {
                None => return capped(counts, words_cap, lettered_cap),
                Some(&c) if WORD_BYTE[usize::from(c)] == SPACE => at += 1,
                Some(&c) if WORD_BYTE[usize::from(c)] == NON_ASCII => {
                    let (space, len) = char_at(s, at);
                    if !space {
                        break;
                    }
                    at += len;
                }
                Some(_) => break,
            }
        }
        counts.words += 1;
        let mut lettered = counts.lettered >= lettered_cap;
        // The word, up to the next space.
        loop {
            match b.get(at).map(|&c| WORD_BYTE[usize::from(c)]) {
                None | Some(SPACE) => break,
                Some(ALNUM) => {
                    lettered = true;
                    at += 1;
                }
                Some(OTHER) => at += 1,
                Some(_) => {
                    let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
                        at += 1;
                        continue;
                    };
                    if c.is_whitespace() {
                        break;
                    }
                    lettered = lettered || c.is_alphanumeric();
                    at += c.len_utf8();
                }
            }
        }
        if counts.lettered < lettered_cap {
            counts.lettered += usize::from(lettered);
        }
    }
    capped(counts, words_cap, lettered_cap)
}

fn capped(counts: WordCounts, words_cap: usize, lettered_cap: usize) -> WordCounts {
    WordCounts {
        words: counts.words.min(words_cap),
        lettered: counts.lettered.min(lettered_cap),
    }
}

/// How many words `s` has and how long (in characters) they are joined
/// by single spaces, plus one, counted word by word until that length
/// passes `limit` (prose stops early; only shorter texts need the exact
/// numbers): what counting the words of `s.split_whitespace()` and their
/// characters gives, read a byte at a time.
pub(crate) fn squashed_size(s: &str, limit: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut n_words, mut n_chars) = (0, 0);
    let mut at = 0;
    loop {
        at = skip_ascii_spaces(b, at);
        let Some(&byte) = b.get(at) else {
            break;
        };
        let (space, len) = if byte < 0x80 {
            (false, 1)
        } else {
            char_at(s, at)
        };
        at += len;
        if space {
            continue;
        }
        // A word: its first character and the space joining it, then the
        // rest up to the next whitespace character.
        n_words += 1;
        n_chars += 2;
        loop {
            let run = at;
            while b.get(at).is_some_and(|&c| !WORD_STOP[usize::from(c)]) {
                at += 1;
            }
            n_chars += at - run;
            match b.get(at) {
                Some(&c) if c >= 0x80 => {
                    let (space, len) = char_at(s, at);
                    if space {
                        break;
                    }
                    at += len;
                    n_chars += 1;
                }
                _ => break,
            }
        }
        if n_chars > limit {
            break;
        }
    }
    (n_words, n_chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "a",
            "word",
            "é",
            "日本",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\x0b",
            "\x0c",
            "\u{a0}",
            "        ",
            "\n            ",
            "       \t",
            "   \u{a0}    ",
            "\u{85}",
            "\u{2003}",
            "\u{3000}",
            "\u{200b}",
            "\u{feff}",
            "\u{1680}",
            "\u{2028}",
            "x\u{a0}y",
            "🙂",
        ])
    }

    fn counted_piece() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "a", "Z", "7", "word", "é", "日本", "—", "•", "©", "-", "'", "٣", "Ⅻ", " ", "  ", "\t",
            "\n", "\x0b", "\u{a0}", "\u{85}", "\u{2003}", "\u{200b}", "🙂", "x\u{a0}y",
        ])
    }

    fn counted_by_std(s: &str, words_cap: usize, lettered_cap: usize) -> WordCounts {
        WordCounts {
            words: s.split_whitespace().count().min(words_cap),
            lettered: s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                .min(lettered_cap),
        }
    }

    proptest! {
        /// The byte-wise readings give what `split_whitespace` and `trim`
        /// give, on ASCII and Unicode spaces, zero-width characters (not
        /// spaces) and multi-byte letters.
        #[test]
        fn byte_readings_agree_with_std(pieces in proptest::collection::vec(piece(), 0..16)) {
            let s = pieces.concat();
            prop_assert_eq!(squash(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
            prop_assert_eq!(is_blank(&s), s.trim().is_empty());
        }

        #[test]
        fn any_text_reads_as_std_does(s in "\\PC{0,40}") {
            prop_assert_eq!(squash(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
            prop_assert_eq!(is_blank(&s), s.trim().is_empty());
            prop_assert_eq!(count_words(&s, 5, 3), counted_by_std(&s, 5, 3));
        }

        /// The space skip, eight at a time on runs of plain spaces, stops
        /// where a byte-at-a-time loop stops, from any offset.
        #[test]
        fn space_skip_is_the_byte_loop(
            pieces in proptest::collection::vec(piece(), 0..16),
            from in 0usize..120,
        ) {
            let b = pieces.concat().into_bytes();
            let mut want = from;
            while b.get(want).is_some_and(|&c| is_ascii_space(c)) {
                want += 1;
            }
            prop_assert_eq!(skip_ascii_spaces(&b, from), want);
        }

        /// A size read to a lower limit is the size read to a higher one
        /// wherever it is within the lower (the date walk sizes segments
        /// to its label limit and reads on only for dated ones), and a
        /// text has no words exactly when it is blank.
        #[test]
        fn a_lower_limit_reads_the_same_size_within_it(
            pieces in proptest::collection::vec(piece(), 0..16),
            low in 0usize..40,
            more in 0usize..40,
        ) {
            let s = pieces.concat();
            let (at_low, at_high) = (squashed_size(&s, low), squashed_size(&s, low + more));
            prop_assert_eq!(at_low.1 <= low, at_high.1 <= low);
            if at_low.1 <= low {
                prop_assert_eq!(at_low, at_high);
            }
            prop_assert_eq!(at_low.0 == 0, is_blank(&s));
        }

        /// The counts are `split_whitespace`'s, capped, whatever the caps.
        #[test]
        fn word_counts_agree_with_std(
            pieces in proptest::collection::vec(counted_piece(), 0..40),
            words_cap in 0usize..12,
            lettered_cap in 0usize..12,
        ) {
            let s = pieces.concat();
            prop_assert_eq!(
                count_words(&s, words_cap, lettered_cap),
                counted_by_std(&s, words_cap, lettered_cap)
            );
        }

        /// The byte-wise size is what counting `split_whitespace`'s words
        /// and their characters (as the date walk did) gives, at any limit.
        #[test]
        fn squashed_size_is_the_word_count(
            pieces in proptest::collection::vec(piece(), 0..16),
            limit in 0usize..40,
        ) {
            let s = pieces.concat();
            let (mut n_words, mut n_chars) = (0, 0);
            for word in s.split_whitespace() {
                n_words += 1;
                n_chars += word.chars().count() + 1;
                if n_chars > limit {
                    break;
                }
            }
            prop_assert_eq!(squashed_size(&s, limit), (n_words, n_chars));
        }
    }
}
