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

/// `s.trim().is_empty()`: nothing but whitespace.
pub(crate) fn is_blank(s: &str) -> bool {
    let b = s.as_bytes();
    let mut at = 0;
    while let Some(&byte) = b.get(at) {
        if byte < 0x80 {
            if !is_ascii_space(byte) {
                return false;
            }
            at += 1;
        } else {
            let (space, len) = char_at(s, at);
            if !space {
                return false;
            }
            at += len;
        }
    }
    true
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
/// `s.split_whitespace()` joined by spaces, built directly.
pub(crate) fn squash(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    while let Some(&byte) = b.get(at) {
        let (space, len) = if byte < 0x80 {
            (is_ascii_space(byte), 1)
        } else {
            char_at(s, at)
        };
        if space {
            at += len;
            continue;
        }
        // A word: on to the next whitespace character.
        let start = at;
        at += len;
        loop {
            while b.get(at).is_some_and(|&c| !WORD_STOP[usize::from(c)]) {
                at += 1;
            }
            match b.get(at) {
                Some(&c) if c >= 0x80 => {
                    let (space, len) = char_at(s, at);
                    if space {
                        break;
                    }
                    at += len;
                }
                _ => break,
            }
        }
        push_word(&mut out, &s[start..at]);
    }
    out
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
    while let Some(&byte) = b.get(at) {
        let (space, len) = if byte < 0x80 {
            (is_ascii_space(byte), 1)
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

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "a", "word", "é", "日本", " ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\u{a0}",
            "\u{85}", "\u{2003}", "\u{3000}", "\u{200b}", "\u{feff}", "\u{1680}", "\u{2028}",
            "x\u{a0}y", "🙂",
        ])
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
