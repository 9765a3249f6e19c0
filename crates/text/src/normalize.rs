//! Folding text for comparison, and keys for names spelled many ways.

use crate::tokens::{tokenize, TokenKind};
use std::collections::HashSet;

/// Function words ignored when comparing content.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "more",
    "mr", "mrs", "ms", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "s",
    "said", "says", "she", "so", "some", "than", "that", "the", "their", "them", "there", "these",
    "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "which", "who",
    "will", "with", "would", "you",
];

/// Whether `word` (folded) is one of [`STOPWORDS`]: a binary search, since
/// this runs for every word of every article.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Lowercase ASCII transliteration: "Zelenskiy’s" → "zelenskiy's",
/// "Зеленський" → "zelens'kii". Quotes and dashes are folded to ASCII.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    // Most words are printable ASCII, which transliteration leaves as it
    // is: skip its copy. (Not control characters: it drops DEL and the
    // character after it.)
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    out.push_str(&deunicode::deunicode(s).to_lowercase());
}

/// A key under which spellings of one name compare equal when they differ
/// only in case, diacritics, script, hyphens, apostrophes and spacing:
/// "Kim Jong-un" and "Kim Jong Un" → "kim jong un".
pub fn name_key(name: &str) -> String {
    // Printable ASCII folds to its lowercase: key it in one pass, without
    // the folded copy (this runs for every word of every article).
    let folded = if name.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(fold(name))
    };
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if (c == '-' || c.is_whitespace()) && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        // Dots ("U.S." → "us"), apostrophes (soft signs in transliteration)
        // and other marks vanish.
    }
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// A looser key for one name token, equal across common transliteration
/// variants: "Zelensky", "Zelenskiy", "Zelenskyy" and "Зеленський" all give
/// "zelensky". i/y are merged, doubled letters collapse, and a few digraphs
/// that transliteration systems disagree on are unified.
pub fn skeleton(token: &str) -> String {
    let mut key = name_key(token);
    key.retain(|c| c != ' ');
    // Rewrites can create new doubles and doubles can create new digraphs:
    // iterate to a fixpoint so the key is idempotent. Both passes work in
    // place and skip what is absent: this runs for every word of every
    // article (clustering, entity and syndication keys), and a fresh string
    // per rewrite was a fifth of ingest time.
    while unify_digraphs(&mut key) | collapse_doubles(&mut key) {}
    key
}

/// Rewrites the digraphs, in this order; whether anything changed.
fn unify_digraphs(s: &mut String) -> bool {
    const DIGRAPHS: [(&str, &str); 5] = [
        ("kh", "h"),
        ("ph", "f"),
        ("dh", "d"),
        ("ck", "k"),
        ("ou", "u"),
    ];
    // One scan of the bytes says whether any rewrite applies (an ASCII
    // byte never occurs inside a multi-byte character); most words need
    // none, and five substring searches cost more than the word.
    let bytes = s.as_bytes();
    let digraph = bytes.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            (b'k' | b'p' | b'd', b'h') | (b'c', b'k') | (b'o', b'u')
        )
    });
    let letter = bytes.iter().any(|b| matches!(b, b'j' | b'i' | b'q'));
    if digraph {
        for (from, to) in DIGRAPHS {
            if s.contains(from) {
                *s = s.replace(from, to);
            }
        }
    }
    if letter {
        *s = s
            .chars()
            .map(|c| match c {
                'j' | 'i' => 'y',
                'q' => 'k',
                c => c,
            })
            .collect();
    }
    digraph || letter
}

/// Collapses runs of one letter to one; whether anything changed.
fn collapse_doubles(s: &mut String) -> bool {
    let before = s.len();
    let mut prev = None;
    s.retain(|c| {
        let keep = prev != Some(c);
        prev = Some(c);
        keep
    });
    s.len() != before
}

/// Lowercased, folded word tokens that are not stopwords.
pub fn content_words(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| fold(t.text).replace(['\'', '-'], ""))
        .filter(|w| !w.is_empty() && !is_stopword(w))
        .collect()
}

/// The set of content words of `text`.
pub fn word_set(text: &str) -> HashSet<String> {
    content_words(text).into_iter().collect()
}

/// Hashes of the `n`-word shingles of a token sequence (FNV-1a, so results
/// are stable across runs and platforms).
pub fn shingles<W: AsRef<str>>(words: &[W], n: usize) -> Vec<u64> {
    if n == 0 || words.len() < n {
        return Vec::new();
    }
    words
        .windows(n)
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for word in w {
                for b in word.as_ref().bytes().chain(std::iter::once(0x1f)) {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            h
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn transliteration_variants_share_a_skeleton() {
        let k = skeleton("Zelensky");
        for v in ["Zelenskiy", "Zelenskyy", "Зеленський", "ZELENSKY"] {
            assert_eq!(skeleton(v), k, "{v}");
        }
        assert_ne!(skeleton("Zelensky"), skeleton("Peskov"));
    }

    #[test]
    fn name_key_ignores_hyphens_and_case() {
        assert_eq!(name_key("Kim Jong-un"), name_key("KIM JONG UN"));
        assert_eq!(name_key("Erdoğan"), "erdogan");
        assert_eq!(name_key("U.S. Geological Survey"), "us geological survey");
    }

    /// The allocating definition `skeleton` replaced: the in-place one
    /// must give the same keys, or stored stories would change.
    fn skeleton_by_copies(token: &str) -> String {
        let fold = |s: &str| deunicode::deunicode(s).to_lowercase();
        let folded = fold(token);
        let mut key = String::new();
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                key.push(c);
            } else if (c == '-' || c.is_whitespace()) && !key.ends_with(' ') && !key.is_empty() {
                key.push(' ');
            }
        }
        let mut current = key.trim_end().to_string().replace(' ', "");
        loop {
            let unified = current
                .replace("kh", "h")
                .replace("ph", "f")
                .replace("dh", "d")
                .replace("ck", "k")
                .replace("ou", "u")
                .replace(['j', 'i'], "y")
                .replace('q', "k");
            let mut next = String::new();
            for c in unified.chars() {
                if !next.ends_with(c) {
                    next.push(c);
                }
            }
            if next == current {
                return current;
            }
            current = next;
        }
    }

    /// `name_key` as it was defined before its ASCII shortcut.
    fn name_key_of_fold(name: &str) -> String {
        let folded = fold(name);
        let mut out = String::new();
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if (c == '-' || c.is_whitespace()) && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
        out.trim_end().to_string()
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && !is_stopword("quake"));
    }

    proptest! {
        #[test]
        fn fold_matches_transliterating_everything(s in "([ -~]|[\\x00-\\x1f]|\u{7f}|é|Ж){0,24}") {
            prop_assert_eq!(fold(&s), deunicode::deunicode(&s).to_lowercase());
        }

        #[test]
        fn skeleton_matches_its_allocating_definition(s in "([kphdcouijqaey' -]|Kh|Ou|Ж|é|ß|İ|\u{7f}|\t){0,24}") {
            prop_assert_eq!(skeleton(&s), skeleton_by_copies(&s));
        }

        #[test]
        fn name_key_matches_keying_the_fold(s in "([ -~]|\t|\n|\u{7f}|é|Ж|İ){0,24}") {
            prop_assert_eq!(name_key(&s), name_key_of_fold(&s));
        }

        #[test]
        fn name_key_is_idempotent(s in "\\PC{0,40}") {
            let k = name_key(&s);
            prop_assert_eq!(name_key(&k), k.clone());
        }

        #[test]
        fn skeleton_is_ascii_and_idempotent_on_ascii(s in "[a-zA-Z]{0,20}") {
            let k = skeleton(&s);
            prop_assert!(k.is_ascii());
            prop_assert_eq!(skeleton(&k), k.clone());
        }
    }
}
