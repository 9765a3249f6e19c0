//! What clustering compares: TF-IDF vectors over content words (the title
//! counted extra) and over name-like capitalised words, both keyed through
//! `concord_text::skeleton` so respelled names ("Zelensky"/"Zelenskiy")
//! are one term.

use concord_model::Article;
#[cfg(test)]
use concord_text::fold;
use concord_text::{is_stopword, skeleton, ArticleTokens, TextTokens, Token, TokenKind};
use std::collections::BTreeMap;

/// Capitalised words that are not names: calendar words and the function
/// words that open sentences and headlines.
const NOT_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "here",
    "now",
    "then",
    "yet",
    "still",
    "meanwhile",
    "however",
    "according",
    "while",
    "after",
    "before",
    "during",
];

/// The terms of one article, before weighting.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    /// Term → count, title words counted `title_weight` times.
    pub words: BTreeMap<String, f64>,
    /// Name-like term → 1. Presence, not count: an article that repeats
    /// "Ukraine" twenty times is not more about the same event as another
    /// that does; the set of names is what identifies an event.
    pub names: BTreeMap<String, f64>,
}

/// A comparison key for one word: folded, possessive cut, plural `s`
/// dropped, then skeletonised. A rare collision of two words is harmless in
/// a bag of words; splitting one word into two keys would not be.
#[cfg(test)]
pub(crate) fn term_key(word: &str) -> Option<String> {
    folded_term_key(&fold(word))
}

/// [`term_key`] of a word already folded.
fn folded_term_key(folded: &str) -> Option<String> {
    let bare = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(folded);
    if bare.is_empty() || is_stopword(bare) || !bare.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut key = skeleton(bare);
    if key.len() > 3 && key.ends_with('s') && !key.ends_with("ss") {
        key.pop();
    }
    (!key.is_empty()).then_some(key)
}

/// Whether most words of a headline are capitalised ("Zelensky 'Ready' To
/// Hand North Korean POWs"): then capitals say nothing about names.
fn is_title_case(tokens: &[Token<'_>]) -> bool {
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    let (n_words, caps) = words.fold((0, 0), |(n, caps), t| {
        (n + 1, caps + usize::from(t.is_capitalized()))
    });
    n_words >= 3 && caps * 10 >= n_words * 6
}

impl Terms {
    pub(crate) fn new(article: &Article, title_weight: f64) -> Terms {
        let tokens = ArticleTokens::new(article.title.as_deref(), &article.body_paragraphs);
        Terms::from_tokens(&tokens, title_weight)
    }

    pub(crate) fn from_tokens(tokens: &ArticleTokens<'_>, title_weight: f64) -> Terms {
        let mut terms = Terms::default();
        if let Some(title) = &tokens.title {
            let keys = terms.add_words(title, title_weight);
            if !is_title_case(&title.tokens) {
                terms.add_names(title, &keys);
            }
        }
        for paragraph in &tokens.paragraphs {
            let keys = terms.add_words(paragraph, 1.0);
            terms.add_names(paragraph, &keys);
        }
        terms
    }

    /// Counts the words of `text`; returns each token's term key, which the
    /// names reuse.
    fn add_words(&mut self, text: &TextTokens<'_>, weight: f64) -> Vec<Option<String>> {
        let keys: Vec<Option<String>> = (0..text.tokens.len())
            .map(|k| match text.tokens[k].kind {
                TokenKind::Punct => None,
                _ => folded_term_key(text.folded(k)),
            })
            .collect();
        for key in keys.iter().flatten() {
            match self.words.get_mut(key) {
                Some(count) => *count += weight,
                None => {
                    self.words.insert(key.clone(), weight);
                }
            }
        }
        keys
    }

    /// Capitalised words that do not open a sentence. A name that opens one
    /// sentence almost always recurs mid-sentence elsewhere, so skipping
    /// openers loses little and keeps "Alternatively" and "Footage" out.
    fn add_names(&mut self, text: &TextTokens<'_>, keys: &[Option<String>]) {
        for sentence in text.sentence_tokens() {
            let words = sentence.filter(|&k| text.tokens[k].kind == TokenKind::Word);
            for k in words.skip(1) {
                if !text.tokens[k].is_capitalized() {
                    continue;
                }
                let Some(Some(key)) = keys.get(k) else {
                    continue;
                };
                if NOT_NAMES.contains(&text.folded(k)) {
                    continue;
                }
                self.names.insert(key.clone(), 1.0);
            }
        }
    }
}

/// An article's clustering terms, worked out ahead of
/// [`crate::OnlineClusterer::add_with_terms`]: on another thread, and from
/// tokens the caller shares with its other stages.
#[derive(Debug, Clone)]
pub struct ArticleTerms {
    pub(crate) terms: Terms,
    /// The title weight they were counted with; the clusterer counts again
    /// if its own differs.
    pub(crate) title_weight: f64,
}

impl ArticleTerms {
    pub fn new(tokens: &ArticleTokens<'_>, config: &crate::OnlineConfig) -> ArticleTerms {
        ArticleTerms {
            terms: Terms::from_tokens(tokens, config.title_weight),
            title_weight: config.title_weight,
        }
    }

    /// The word terms and their counts (title words counted
    /// `title_weight` times), in term order: what the dataflow weighs
    /// with its own document frequencies.
    pub fn words(&self) -> impl Iterator<Item = (&str, f64)> + '_ {
        self.terms
            .words
            .iter()
            .map(|(term, &count)| (term.as_str(), count))
    }
}

/// A sparse vector of (term id, weight) sorted by term id, L2-normalised
/// (or empty). Term ids follow the terms' sorted order, so vectors compare
/// by integer and stay independent of input order.
pub(crate) type Vector = Vec<(u32, f64)>;

/// Each term's id and inverse document frequency over `docs`, smoothed so
/// that a term in every document still weighs 1: ln((1 + n) / (1 + df)) + 1.
pub(crate) fn idf<'a>(
    docs: impl Iterator<Item = &'a BTreeMap<String, f64>>,
) -> BTreeMap<String, (u32, f64)> {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    let mut n_docs = 0usize;
    for doc in docs {
        n_docs += 1;
        for term in doc.keys() {
            *df.entry(term.clone()).or_default() += 1;
        }
    }
    df.into_iter()
        .zip(0u32..)
        .map(|((term, count), id)| {
            let weight = ((1 + n_docs) as f64 / (1 + count) as f64).ln() + 1.0;
            (term, (id, weight))
        })
        .collect()
}

/// Sublinear TF times IDF, L2-normalised.
pub(crate) fn tfidf(counts: &BTreeMap<String, f64>, idf: &BTreeMap<String, (u32, f64)>) -> Vector {
    // `counts` iterates in term order and ids follow term order, so the
    // vector comes out sorted by id.
    let mut v: Vector = counts
        .iter()
        .filter(|(_, &tf)| tf > 0.0)
        .filter_map(|(term, &tf)| {
            let &(id, idf) = idf.get(term)?;
            Some((id, (1.0 + tf.ln()) * idf))
        })
        .collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    } else {
        v.clear();
    }
    v
}

/// Cosine of two normalised sparse vectors, clamped to [0, 1] against
/// rounding.
pub(crate) fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respellings_and_plurals_share_a_key() {
        assert_eq!(term_key("Zelenskiy's"), term_key("Zelensky"));
        assert_eq!(term_key("soldiers"), term_key("soldier"));
        assert_eq!(term_key("the"), None);
        assert_eq!(term_key("“"), None);
    }

    #[test]
    fn title_case_headlines_are_recognised() {
        let title_case = |s: &str| is_title_case(&concord_text::tokenize(s));
        assert!(title_case(
            "Zelensky 'Ready' To Hand North Korean POWs To Kim Jong Un"
        ));
        assert!(!title_case(
            "Ukraine is 'ready' for North Korea prisoner swap, says Zelensky"
        ));
    }
}
