//! Normalised views of one paragraph: the word keys that wire edits leave
//! unchanged, with and without the quoted speech, and their shingles.
//!
//! Wire copy is reprinted with small edits. Each edit is neutralised here so
//! that the copies compare equal or close:
//! - case, diacritics and curly quotes: `concord_text::fold` via `name_key`;
//! - respelled and transliterated names: each word goes through
//!   `concord_text::skeleton` ("Zelenskiy" = "Zelensky");
//! - honorifics added or dropped ("Mr Zelensky"): dropped, with stopwords;
//! - possessives ("Kim Jong-un's"): the `'s` is cut before keying;
//! - British/American spelling: [`spelling_key`] rewrites the usual suffixes.
//!
//! Quoted speech is kept apart: outlets that never copied each other print
//! the same statement verbatim, so only the words outside quotation marks
//! are evidence of shared copy.

use concord_text::{is_stopword, name_key, shingles, skeleton, tokenize, Token, TokenKind};
use std::collections::HashMap;
use std::ops::Range;

/// Titles that copy editors add or remove at will; never evidence.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "messrs", "dr", "sir", "dame", "mme", "mlle", "herr", "frau",
];

/// One paragraph reduced to comparison keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct Passage {
    /// Sorted, deduplicated shingles of the whole paragraph, quotes included.
    pub full: Vec<u64>,
    /// Sorted, deduplicated shingles of the words outside quotation marks.
    pub own: Vec<u64>,
    /// Number of content words outside quotation marks.
    pub own_words: usize,
}

/// Comparison keys per distinct token text of one article: a word that
/// recurs is keyed once (keying folds, splits and skeletonises it).
pub(crate) type KeyMemo<'a> = HashMap<&'a str, Vec<String>>;

impl Passage {
    pub(crate) fn new(text: &str, shingle_len: usize) -> Passage {
        Passage::from_tokens(text, &tokenize(text), shingle_len, &mut KeyMemo::new())
    }

    /// [`Passage::new`] from `tokenize(text)`, keying words through `memo`.
    pub(crate) fn from_tokens<'a>(
        text: &str,
        tokens: &[Token<'a>],
        shingle_len: usize,
        memo: &mut KeyMemo<'a>,
    ) -> Passage {
        let words = tokens.iter().filter(|t| t.kind != TokenKind::Punct);
        for token in words.clone() {
            memo.entry(token.text)
                .or_insert_with(|| token_keys(token.text));
        }
        let memo = &*memo;
        let keyed: Vec<(usize, &str)> = words
            .flat_map(|t| {
                let keys = memo.get(t.text).map(Vec::as_slice).unwrap_or_default();
                keys.iter().map(move |k| (t.start, k.as_str()))
            })
            .collect();
        let own_keys: Vec<Vec<&str>> = unquoted_ranges(text)
            .into_iter()
            .map(|range| {
                keyed
                    .iter()
                    .filter(|(start, _)| range.contains(start))
                    .map(|&(_, key)| key)
                    .collect()
            })
            .collect();
        let all_keys: Vec<&str> = keyed.into_iter().map(|(_, key)| key).collect();
        Passage {
            full: shingle_set(&[all_keys], shingle_len),
            own_words: own_keys.iter().map(Vec::len).sum(),
            own: shingle_set(&own_keys, shingle_len),
        }
    }
}

/// Shingles of each segment separately (so no shingle bridges a removed
/// quotation), as a sorted set.
fn shingle_set(segments: &[Vec<&str>], shingle_len: usize) -> Vec<u64> {
    let mut out: Vec<u64> = segments
        .iter()
        .flat_map(|words| shingles(words, shingle_len))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Size of the intersection of two sorted, deduplicated sets. (Matching
/// uses [`containment_at_least`]; this and [`containment`] are the
/// definitions it is tested against, and the margins tests measure with
/// them.)
#[cfg(test)]
pub(crate) fn overlap(a: &[u64], b: &[u64]) -> usize {
    // Branch-free steps: shingle hashes are random, so a three-way match
    // mispredicts about every other step, and this merge is run for every
    // paragraph pair of every candidate article pair (most of the
    // syndication check).
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Containment of the smaller set in the larger: |A ∩ B| / min(|A|, |B|).
///
/// Containment rather than Jaccard because wire copy is often trimmed: a
/// paragraph cut to its first sentence is still wholly the same copy.
/// Symmetric, in [0, 1], and 0 when either set is empty.
#[cfg(test)]
pub(crate) fn containment(a: &[u64], b: &[u64]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    overlap(a, b) as f64 / smaller as f64
}

/// [`containment`] when it is at least `min`, else `None`. The merge stops
/// as soon as the shingles left cannot lift the count to `min`: most
/// paragraph pairs of a story's articles fall short, and the syndication
/// check only keeps pairs that reach `min`.
pub(crate) fn containment_at_least(a: &[u64], b: &[u64], min: f64) -> Option<f64> {
    /// Merge steps between bound checks: the steps are branch-free (see
    /// `overlap`), the check is a division.
    const STEPS: usize = 8;
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0.0 >= min).then_some(0.0);
    }
    let denominator = smaller as f64;
    let (mut i, mut j, mut n) = (0, 0, 0);
    loop {
        let rest = (a.len() - i).min(b.len() - j);
        if rest == 0 {
            break;
        }
        // At most `rest` more shingles can match; division is monotonic,
        // so if even that falls short, so does the exact count.
        if ((n + rest) as f64 / denominator) < min {
            return None;
        }
        for _ in 0..STEPS {
            let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) else {
                break;
            };
            n += usize::from(x == y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
    }
    let similarity = n as f64 / denominator;
    (similarity >= min).then_some(similarity)
}

/// Comparison keys of the content words of `text`, in order.
pub(crate) fn word_keys(text: &str) -> Vec<String> {
    keyed_words(text).into_iter().map(|(_, key)| key).collect()
}

/// Comparison keys of the content words of `text` with the byte offset of
/// the token each came from.
fn keyed_words(text: &str) -> Vec<(usize, String)> {
    keyed_tokens(&tokenize(text))
}

fn keyed_tokens(tokens: &[Token<'_>]) -> Vec<(usize, String)> {
    tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .flat_map(|t| token_keys(t.text).into_iter().map(move |k| (t.start, k)))
        .collect()
}

/// The comparison keys of one word token (none, one, or one per part of
/// a hyphenated name).
fn token_keys(word: &str) -> Vec<String> {
    // `name_key` folds case, diacritics and apostrophes and splits
    // hyphenated names ("Jong-un" → "jong un"), so cut the possessive
    // first or it would glue onto the word ("un's" → "uns").
    let bare = strip_possessive(word);
    name_key(bare)
        .split(' ')
        .filter(|part| !part.is_empty() && !is_stopword(part) && !HONORIFICS.contains(part))
        .map(|part| skeleton(&spelling_key(part)))
        .collect()
}

fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "ʼs", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

/// British spellings rewritten to American ones, on a folded lowercase word.
///
/// Only the suffix families that differ systematically are handled; a rare
/// collision of two real words under one key is harmless because passages
/// are compared by runs of several words.
pub(crate) fn spelling_key(word: &str) -> String {
    const WHOLE: &[(&str, &str)] = &[
        ("defence", "defense"),
        ("offence", "offense"),
        ("licence", "license"),
        ("pretence", "pretense"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("grey", "gray"),
        ("tyre", "tire"),
        ("tyres", "tires"),
        ("cheque", "check"),
        ("aluminium", "aluminum"),
        ("kerb", "curb"),
        ("plough", "plow"),
        ("sceptic", "skeptic"),
        ("sceptical", "skeptical"),
    ];
    if let Some((_, us)) = WHOLE.iter().find(|(uk, _)| *uk == word) {
        return (*us).to_string();
    }
    // Suffix pairs, longest first so "isation" wins over "ise".
    const SUFFIXES: &[(&str, &str)] = &[
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("iser", "izer"),
        ("isers", "izers"),
        ("ise", "ize"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
        ("yse", "yze"),
        ("ours", "ors"),
        ("oured", "ored"),
        ("ouring", "oring"),
        ("ourite", "orite"),
        ("ourites", "orites"),
        ("ourable", "orable"),
        ("ourhood", "orhood"),
        ("ourhoods", "orhoods"),
        ("our", "or"),
        ("tres", "ters"),
        ("tre", "ter"),
        ("ogues", "ogs"),
        ("ogue", "og"),
    ];
    // Short words ("rise", "four", "our") keep their spelling: the suffix
    // families above only differ across the Atlantic in longer words.
    const MIN_STEM: usize = 3;
    for (uk, us) in SUFFIXES {
        if let Some(stem) = word.strip_suffix(uk) {
            if stem.len() >= MIN_STEM {
                return format!("{stem}{us}");
            }
        }
    }
    word.to_string()
}

/// Byte ranges of the parts of `text` outside quotation marks.
///
/// Double quotes of every style delimit quotations. Single quotes do too,
/// but only when they open at a word start and close at a word end, so
/// apostrophes ("Russia’s", "soldiers’ families") are not taken for quotes.
/// A quotation left open runs to the end of the paragraph, as news style
/// leaves it open when the quote continues in the next paragraph.
pub(crate) fn unquoted_ranges(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut segments = Vec::new();
    let mut seg_start = Some(0usize);
    // The closing mark that ends the quotation we are in.
    let mut open: Option<Closer> = None;
    for (k, &(pos, c)) in chars.iter().enumerate() {
        let prev = k
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .map(|&(_, ch)| ch);
        let next = chars.get(k + 1).map(|&(_, ch)| ch);
        match open {
            None => {
                if let Some(closer) = opens_quote(c, prev, next) {
                    if let Some(start) = seg_start.take() {
                        segments.push(start..pos);
                    }
                    open = Some(closer);
                }
            }
            Some(closer) => {
                if closer.closes(c, next) {
                    open = None;
                    seg_start = Some(pos + c.len_utf8());
                }
            }
        }
    }
    if let Some(start) = seg_start {
        segments.push(start..text.len());
    }
    segments.retain(|r| text.get(r.clone()).is_some_and(|s| !s.trim().is_empty()));
    segments
}

#[derive(Debug, Clone, Copy)]
enum Closer {
    /// `"`, `”`, `“` (German style closes with it) or `»`/`«`.
    Double,
    /// `’` or `'` at a word end.
    Single,
}

impl Closer {
    fn closes(self, c: char, next: Option<char>) -> bool {
        match self {
            Closer::Double => matches!(c, '"' | '”' | '“' | '»' | '«'),
            Closer::Single => {
                matches!(c, '\'' | '’' | '‘') && !next.is_some_and(char::is_alphanumeric)
            }
        }
    }
}

fn opens_quote(c: char, prev: Option<char>, next: Option<char>) -> Option<Closer> {
    match c {
        '"' | '“' | '„' | '«' | '»' => Some(Closer::Double),
        '\'' | '‘' => {
            let at_word_start = match prev {
                None => true,
                Some(p) => p.is_whitespace() || "([{—–-/".contains(p),
            };
            (at_word_start && next.is_some_and(char::is_alphanumeric)).then_some(Closer::Single)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unquoted_segments(text: &str) -> Vec<&str> {
        unquoted_ranges(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect()
    }

    #[test]
    fn wire_edits_give_the_same_keys() {
        let a = word_keys("Mr Zelensky said he would organise talks on Kim Jong-un's soldiers.");
        let b = word_keys("Zelenskiy said he would organize talks on Kim Jong Un’s soldiers.");
        assert_eq!(a, b);
    }

    #[test]
    fn british_and_american_suffixes_meet() {
        for (uk, us) in [
            ("organisation", "organization"),
            ("colour", "color"),
            ("centre", "center"),
            ("analysed", "analyzed"),
            ("defence", "defense"),
            ("catalogue", "catalog"),
            ("neighbourhood", "neighborhood"),
        ] {
            assert_eq!(spelling_key(uk), spelling_key(us), "{uk}");
        }
        assert_eq!(spelling_key("four"), "four");
    }

    #[test]
    fn quotations_are_cut_but_apostrophes_are_not() {
        let text = "Ukraine’s leader said “we will win” and 'soon,' adding Russia’s losses grew.";
        assert_eq!(
            unquoted_segments(text),
            [
                "Ukraine’s leader said ",
                " and ",
                " adding Russia’s losses grew."
            ]
        );
    }

    #[test]
    fn an_unclosed_quotation_runs_to_the_end() {
        assert_eq!(
            unquoted_segments("He said: \"It goes on and on"),
            ["He said: "]
        );
    }

    #[test]
    fn containment_is_zero_for_empty_sets() {
        assert_eq!(containment(&[], &[1, 2]), 0.0);
        assert_eq!(containment(&[1, 2, 3], &[2, 3]), 1.0);
    }

    proptest::proptest! {
        #[test]
        fn containment_at_least_is_containment_above_the_bound(
            a in proptest::collection::btree_set(0u64..60, 0..40),
            b in proptest::collection::btree_set(0u64..60, 0..40),
            min in proptest::sample::select(vec![0.0, 0.2, 0.5, 0.75, 0.8, 1.0, 1.5]),
        ) {
            let (va, vb): (Vec<u64>, Vec<u64>) = (a.iter().copied().collect(), b.iter().copied().collect());
            let exact = containment(&va, &vb);
            proptest::prop_assert_eq!(
                containment_at_least(&va, &vb, min),
                (exact >= min).then_some(exact)
            );
        }

        #[test]
        fn overlap_counts_the_intersection(
            a in proptest::collection::btree_set(0u64..40, 0..30),
            b in proptest::collection::btree_set(0u64..40, 0..30),
        ) {
            let (va, vb): (Vec<u64>, Vec<u64>) = (a.iter().copied().collect(), b.iter().copied().collect());
            proptest::prop_assert_eq!(overlap(&va, &vb), a.intersection(&b).count());
        }
    }
}
