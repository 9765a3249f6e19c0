//! An article's text tokenized, folded and split into sentences once.
//!
//! Ingest compares an article's words four ways — the content hash, the
//! clustering terms, the entity keys and the syndication keys — and each
//! used to tokenize and fold the text again. [`ArticleTokens`] is made
//! once per article and handed to each of them; every stage still keys
//! words its own way from the shared tokens.

use crate::normalize::fold_into;
use crate::sentences::sentence_spans;
use crate::tokens::{tokenize, Token, TokenKind};
use std::ops::Range;

/// One text (a title or a paragraph): its tokens, their folded forms and
/// its sentences.
#[derive(Debug, Clone)]
pub struct TextTokens<'a> {
    pub text: &'a str,
    /// `tokenize(text)`.
    pub tokens: Vec<Token<'a>>,
    /// `sentence_spans(text)`: byte ranges, trimmed.
    pub sentences: Vec<(usize, usize)>,
    /// Every token's `fold`, one after another.
    folded: String,
    /// Where token `k`'s folded form ends in `folded` (it starts where
    /// token `k - 1`'s ends).
    folded_ends: Vec<usize>,
}

impl<'a> TextTokens<'a> {
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let mut folded = String::with_capacity(text.len());
        let mut folded_ends = Vec::with_capacity(tokens.len());
        for token in &tokens {
            fold_into(token.text, &mut folded);
            folded_ends.push(folded.len());
        }
        TextTokens {
            text,
            sentences: sentence_spans(text),
            tokens,
            folded,
            folded_ends,
        }
    }

    /// `fold(self.tokens[k].text)`.
    pub fn folded(&self, k: usize) -> &str {
        let start = k
            .checked_sub(1)
            .and_then(|j| self.folded_ends.get(j))
            .copied()
            .unwrap_or(0);
        let end = self.folded_ends.get(k).copied().unwrap_or(start);
        self.folded.get(start..end).unwrap_or_default()
    }

    /// For each sentence, the range of `tokens` inside it: the tokens
    /// `tokenize` gives for the sentence's text alone (sentences are cut
    /// at whitespace, which no token spans).
    pub fn sentence_tokens(&self) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(self.sentences.len());
        let mut k = 0;
        for &(start, end) in &self.sentences {
            while k < self.tokens.len() && self.tokens[k].start < start {
                k += 1;
            }
            let first = k;
            while k < self.tokens.len() && self.tokens[k].end <= end {
                k += 1;
            }
            out.push(first..k);
        }
        out
    }

    /// Indexes of the tokens that are words or numbers, with their folded
    /// forms.
    pub fn folded_words(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        (0..self.tokens.len())
            .filter(|&k| self.tokens[k].kind != TokenKind::Punct)
            .map(|k| (k, self.folded(k)))
    }
}

/// An article's title and body paragraphs, each tokenized once.
#[derive(Debug, Clone)]
pub struct ArticleTokens<'a> {
    pub title: Option<TextTokens<'a>>,
    pub paragraphs: Vec<TextTokens<'a>>,
}

impl<'a> ArticleTokens<'a> {
    pub fn new(title: Option<&'a str>, paragraphs: &'a [String]) -> Self {
        ArticleTokens {
            title: title.map(TextTokens::new),
            paragraphs: paragraphs.iter().map(|p| TextTokens::new(p)).collect(),
        }
    }

    /// The title, then the paragraphs.
    pub fn parts(&self) -> impl Iterator<Item = &TextTokens<'a>> + '_ {
        self.title.iter().chain(&self.paragraphs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fold, sentences};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn shared_tokens_match_tokenizing_each_sentence(s in "([a-zA-Z]{1,6}|[.!?\"'’-]|[ \n]|Ж|é|U\\.S\\.|12,5){0,40}") {
            let t = TextTokens::new(&s);
            prop_assert_eq!(t.tokens.clone(), tokenize(&s));
            for k in 0..t.tokens.len() {
                prop_assert_eq!(t.folded(k), fold(t.tokens[k].text));
            }
            let ranges = t.sentence_tokens();
            let texts = sentences(&s);
            prop_assert_eq!(ranges.len(), texts.len());
            for (range, sentence) in ranges.into_iter().zip(texts) {
                let alone: Vec<&str> = tokenize(sentence).into_iter().map(|x| x.text).collect();
                let shared: Vec<&str> = t.tokens[range].iter().map(|x| x.text).collect();
                prop_assert_eq!(shared, alone);
            }
        }
    }
}
