//! Text primitives shared by every stage: sentence segmentation, tokens with
//! byte offsets, folding for comparison, and keys that make respelled and
//! transliterated names compare equal.
//!
//! Invariant: every offset this crate returns lies on a char boundary of the
//! input it was computed from.

mod article_tokens;
mod normalize;
mod sentences;
mod tokens;

pub use article_tokens::{ArticleTokens, TextTokens};
pub use normalize::{
    content_words, fold, is_stopword, name_key, shingles, skeleton, word_set, STOPWORDS,
};
pub use sentences::{sentence_spans, sentences};
pub use tokens::{tokenize, tokenize_range, Token, TokenKind};
