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

/// Runs of whitespace made single spaces, none at the ends: the words of
/// `s.split_whitespace()` joined by spaces, built directly.
pub(crate) fn squash(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word_start: Option<usize> = None;
    let mut at = 0;
    while let Some(&byte) = b.get(at) {
        let (space, len) = if byte < 0x80 {
            (is_ascii_space(byte), 1)
        } else {
            char_at(s, at)
        };
        match (space, word_start) {
            (true, Some(start)) => {
                push_word(&mut out, &s[start..at]);
                word_start = None;
            }
            (false, None) => word_start = Some(at),
            _ => {}
        }
        at += len;
    }
    if let Some(start) = word_start {
        push_word(&mut out, &s[start..]);
    }
    out
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
    }
}
