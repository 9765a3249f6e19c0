//! Finds syndicated articles — outlets reprinting the same wire copy — by
//! passage-level text reuse.
//!
//! Two articles are compared paragraph by paragraph. Each paragraph is
//! reduced to word keys that survive the usual wire edits (module
//! `passage`): case, diacritics, curly quotes, transliterated names,
//! honorifics, possessives and British/American spelling. The keys are cut
//! into word shingles and paragraphs are matched one-to-one by shingle
//! containment (`matching`); pairs become groups with an origin and examples
//! (`group`, with the agency gazetteer in `wire`).
//!
//! **Invariant:** quoted speech is never evidence. Independent outlets quote
//! the same statement verbatim, so a matched paragraph counts towards
//! syndication only when its words *outside* quotation marks match as well
//! and are long enough to be specific. Once a pair is syndicated, every
//! matched paragraph (quote-led ones included) is reported as shared.
//!
//! **API boundary:** plain, deterministic functions over
//! [`concord_model::Article`]; results do not depend on the order of the
//! input.

mod group;
mod matching;
pub mod minhash;
mod passage;
mod wire;

use concord_model::{Article, Syndication};
pub use minhash::{near_duplicate_groups, MinHashConfig, NearDupIndex};

/// Thresholds for syndication detection.
///
/// The defaults were set on the seed fixture (`tests/fixtures/seed-story`),
/// where the syndicated pair and the independent articles are far apart on
/// every one of them; see the crate's tests for the measured values.
#[derive(Debug, Clone, PartialEq)]
pub struct SyndicationConfig {
    /// Words per shingle. Three content words are specific enough that
    /// independent prose rarely shares many of them, and short enough that
    /// one swapped word ("Russia's"/"Moscow's") spoils only three shingles.
    pub shingle_len: usize,
    /// Least containment (|A ∩ B| / min(|A|, |B|) over shingles) for two
    /// paragraphs to match. Wire copies score 0.6–1.0; paraphrases of one
    /// event by independent writers stay below 0.3.
    pub min_similarity: f64,
    /// The shorter paragraph must have at least this share of the longer
    /// one's shingles, so one stock phrase is not "contained" in a long
    /// paragraph. Trimmed wire paragraphs keep well over this.
    pub min_length_ratio: f64,
    /// Least content words outside quotation marks, in both paragraphs, for
    /// a match to count as evidence. Shorter text ("Russia has neither
    /// confirmed nor denied their presence.") is too generic to prove reuse.
    pub min_own_words: usize,
    /// Least evidence passages for a pair to be syndicated.
    pub min_passages: usize,
    /// Least share of the shorter article's unquoted words that must lie in
    /// evidence passages: a pair of long articles sharing three stock
    /// paragraphs of background is not a reprint.
    pub min_coverage: f64,
    /// Most example passages reported per group.
    pub max_examples: usize,
}

impl Default for SyndicationConfig {
    fn default() -> Self {
        SyndicationConfig {
            shingle_len: 3,
            min_similarity: 0.5,
            min_length_ratio: 0.2,
            min_own_words: 8,
            min_passages: 3,
            min_coverage: 0.2,
            max_examples: 3,
        }
    }
}

/// Groups of articles that reuse the same copy, with the number of shared
/// passages, the wire origin when the shared text names one, and a few
/// example passages.
///
/// A pair is syndicated when it shares at least
/// [`min_passages`](SyndicationConfig::min_passages) evidence passages that
/// cover at least [`min_coverage`](SyndicationConfig::min_coverage) of the
/// shorter article; groups are the connected components of such pairs.
///
/// In each [`Syndication`]:
/// - `articles` are ids ordered by publication date (undated last), then id;
///   groups are ordered by their first article.
/// - `shared_passages` is the number of matched paragraph pairs for a pair;
///   for a larger group, the most any two directly syndicated members share.
/// - `origin` is the agency the shared passages name (a credit or a
///   self-reference such as "Reuters could not verify" weighs most); failing
///   that, the one the members' datelines, bylines or outlet name; else
///   `None`.
/// - `examples` are up to [`max_examples`](SyndicationConfig::max_examples)
///   evidence passages, as the first article prints them.
pub fn find_syndication(articles: &[Article], config: &SyndicationConfig) -> Vec<Syndication> {
    group::find(articles, config)
}

/// An article's syndication keys (normalised paragraph shingles), computed
/// once so that repeated checks of a growing story do not redo them.
pub struct SyndicationKeys(matching::ArticleKeys);

impl SyndicationKeys {
    pub fn new(article: &Article, config: &SyndicationConfig) -> SyndicationKeys {
        SyndicationKeys(matching::ArticleKeys::new(article, config))
    }

    /// [`SyndicationKeys::new`] from the article's tokens, when the caller
    /// has them already (only the paragraphs are read).
    pub fn from_tokens(
        article: &concord_text::ArticleTokens<'_>,
        config: &SyndicationConfig,
    ) -> SyndicationKeys {
        SyndicationKeys(matching::ArticleKeys::from_tokens(
            &article.paragraphs,
            config,
        ))
    }
}

/// Verdicts of article pairs already compared, by article id: a story
/// re-checked after it grows then compares only its new pairs. Article ids
/// must name one text each. The caller bounds it (`len`, `clear`); it
/// changes only the speed of [`count_independent`], never its result.
#[derive(Debug, Default)]
pub struct PairVerdicts {
    /// First id → second id → verdict: nested so that a lookup borrows the
    /// ids instead of building a key of two owned strings per pair.
    by_first: std::collections::HashMap<String, std::collections::HashMap<String, bool>>,
    n_pairs: usize,
}

impl PairVerdicts {
    pub fn len(&self) -> usize {
        self.n_pairs
    }

    pub fn is_empty(&self) -> bool {
        self.n_pairs == 0
    }

    pub fn clear(&mut self) {
        self.by_first.clear();
        self.n_pairs = 0;
    }

    /// The remembered verdict of `(a, b)`, or the one `decide` gives, then
    /// remembered.
    pub(crate) fn get_or_decide(
        &mut self,
        a: &str,
        b: &str,
        decide: impl FnOnce() -> bool,
    ) -> bool {
        if let Some(&known) = self.by_first.get(a).and_then(|m| m.get(b)) {
            return known;
        }
        let verdict = decide();
        self.by_first
            .entry(a.to_string())
            .or_default()
            .insert(b.to_string(), verdict);
        self.n_pairs += 1;
        verdict
    }
}

/// The number of articles left when each group [`find_syndication`] would
/// return counts once (its size less one copies are dropped), from keys
/// made by [`SyndicationKeys::new`] with the same `config`.
pub fn count_independent(
    articles: &[(&Article, &SyndicationKeys)],
    config: &SyndicationConfig,
    verdicts: &mut PairVerdicts,
) -> usize {
    let keyed: Vec<(&Article, &matching::ArticleKeys)> =
        articles.iter().map(|&(a, k)| (a, &k.0)).collect();
    group::count_independent(&keyed, config, verdicts)
}

/// Paragraph pairs shared by two articles, for side-by-side views: `(index
/// in a.body_paragraphs, index in b.body_paragraphs, similarity in [0, 1])`,
/// matched one-to-one and ordered by the index in `a`.
///
/// This lists every paragraph printed by both, quote-led ones included, so
/// it is not on its own a verdict of syndication (two independent reports
/// may share one quoted paragraph); [`find_syndication`] decides that.
pub fn shared_passages(
    a: &Article,
    b: &Article,
    config: &SyndicationConfig,
) -> Vec<(usize, usize, f64)> {
    let keys_a = matching::ArticleKeys::new(a, config);
    let keys_b = matching::ArticleKeys::new(b, config);
    matching::compare(&keys_a, &keys_b, config)
        .matches
        .into_iter()
        .map(|m| (m.a, m.b, m.similarity))
        .collect()
}
#[cfg(test)]
mod margins;
