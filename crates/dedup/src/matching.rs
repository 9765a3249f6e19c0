//! Aligning the paragraphs of two articles one-to-one and deciding whether
//! the pair shares wire copy.

#[cfg(test)]
use crate::passage::containment;
use crate::passage::{containment_at_least, KeyMemo, Passage};
use crate::SyndicationConfig;
use concord_model::Article;
use concord_text::TextTokens;

/// One article reduced to its paragraphs' comparison keys.
#[derive(Debug, Clone)]
pub(crate) struct ArticleKeys {
    pub passages: Vec<Passage>,
    /// Content words outside quotations, over all paragraphs.
    pub own_words: usize,
}

impl ArticleKeys {
    pub(crate) fn new(article: &Article, config: &SyndicationConfig) -> ArticleKeys {
        ArticleKeys::from_paragraphs(&article.body_paragraphs, config)
    }

    pub(crate) fn from_paragraphs(
        paragraphs: &[String],
        config: &SyndicationConfig,
    ) -> ArticleKeys {
        let passages: Vec<Passage> = paragraphs
            .iter()
            .map(|p| Passage::new(p, config.shingle_len))
            .collect();
        ArticleKeys::from_passages(passages)
    }

    /// From the paragraphs' tokens, when the caller has them already.
    pub(crate) fn from_tokens(
        paragraphs: &[TextTokens<'_>],
        config: &SyndicationConfig,
    ) -> ArticleKeys {
        let mut memo = KeyMemo::new();
        let passages: Vec<Passage> = paragraphs
            .iter()
            .map(|p| Passage::from_tokens(p.text, &p.tokens, config.shingle_len, &mut memo))
            .collect();
        ArticleKeys::from_passages(passages)
    }

    fn from_passages(passages: Vec<Passage>) -> ArticleKeys {
        let own_words = passages.iter().map(|p| p.own_words).sum();
        ArticleKeys {
            passages,
            own_words,
        }
    }
}

/// Two paragraphs, one from each article, that print the same copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PassageMatch {
    /// Paragraph index in the first article.
    pub a: usize,
    /// Paragraph index in the second article.
    pub b: usize,
    /// Containment of the whole paragraphs' shingles, in [0, 1].
    pub similarity: f64,
    /// True when the words outside quotations match too, and are long
    /// enough to say something: only these are evidence of syndication.
    pub evidence: bool,
}

/// How much copy two articles share.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairReport {
    /// One-to-one paragraph matches, ordered by the first article's index.
    pub matches: Vec<PassageMatch>,
    /// Number of matches that are evidence.
    pub evidence: usize,
    /// Share of an article's own (unquoted) words that sit in evidence
    /// passages, the larger of the two articles' shares; in [0, 1].
    pub coverage: f64,
}

impl PairReport {
    pub(crate) fn is_syndicated(&self, config: &SyndicationConfig) -> bool {
        self.evidence >= config.min_passages && self.coverage >= config.min_coverage
    }
}

/// Similarity of two paragraphs as the matcher sees it: containment of the
/// whole paragraphs' shingles, or 0 when one is far shorter than the other
/// (a one-phrase paragraph is not "contained" in a long one in any useful
/// sense). Symmetric and in [0, 1].
#[cfg(test)]
pub(crate) fn passage_similarity(a: &Passage, b: &Passage, config: &SyndicationConfig) -> f64 {
    let (short, long) = if a.full.len() <= b.full.len() {
        (a.full.len(), b.full.len())
    } else {
        (b.full.len(), a.full.len())
    };
    if short == 0 || (short as f64) < config.min_length_ratio * long as f64 {
        return 0.0;
    }
    containment(&a.full, &b.full)
}

/// [`passage_similarity`] when it makes the pair a match candidate (at
/// least `min_similarity` and above 0), else `None`; cheaper, because the
/// shingle merge stops once the pair cannot reach the bound.
fn candidate_similarity(a: &Passage, b: &Passage, config: &SyndicationConfig) -> Option<f64> {
    let (short, long) = if a.full.len() <= b.full.len() {
        (a.full.len(), b.full.len())
    } else {
        (b.full.len(), a.full.len())
    };
    if short == 0 || (short as f64) < config.min_length_ratio * long as f64 {
        return None;
    }
    containment_at_least(&a.full, &b.full, config.min_similarity).filter(|&s| s > 0.0)
}

/// Whether a matched pair's unquoted words are shared copy too.
fn is_evidence(a: &Passage, b: &Passage, config: &SyndicationConfig) -> bool {
    a.own_words >= config.min_own_words
        && b.own_words >= config.min_own_words
        && containment_at_least(&a.own, &b.own, config.min_similarity).is_some()
}

/// Match the paragraphs of `a` and `b` one-to-one and measure the overlap.
///
/// Matching is greedy by similarity (ties by paragraph indexes), which is
/// deterministic and, for the near-identical paragraphs that wire copy
/// gives, the same as an optimal assignment.
pub(crate) fn compare(a: &ArticleKeys, b: &ArticleKeys, config: &SyndicationConfig) -> PairReport {
    let mut candidates = Vec::new();
    for (i, pa) in a.passages.iter().enumerate() {
        for (j, pb) in b.passages.iter().enumerate() {
            if let Some(similarity) = candidate_similarity(pa, pb, config) {
                candidates.push((similarity, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut used_a = vec![false; a.passages.len()];
    let mut used_b = vec![false; b.passages.len()];
    let mut matches = Vec::new();
    for (similarity, i, j) in candidates {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        matches.push(PassageMatch {
            a: i,
            b: j,
            similarity,
            evidence: is_evidence(&a.passages[i], &b.passages[j], config),
        });
    }
    matches.sort_by_key(|m| (m.a, m.b));
    summarize(matches, a, b)
}

fn summarize(matches: Vec<PassageMatch>, a: &ArticleKeys, b: &ArticleKeys) -> PairReport {
    let evidence: Vec<&PassageMatch> = matches.iter().filter(|m| m.evidence).collect();
    // Coverage is the larger of the two articles' covered shares, which is
    // the shorter article's in practice: a long feature that reprints a
    // whole short wire item has reused all of it. Taking the larger keeps
    // the verdict symmetric.
    let share = |covered: usize, total: usize| {
        if total == 0 {
            0.0
        } else {
            (covered as f64 / total as f64).min(1.0)
        }
    };
    let covered_a = evidence.iter().map(|m| a.passages[m.a].own_words).sum();
    let covered_b = evidence.iter().map(|m| b.passages[m.b].own_words).sum();
    let coverage = share(covered_a, a.own_words).max(share(covered_b, b.own_words));
    PairReport {
        evidence: evidence.len(),
        coverage,
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Paragraph-like text: words from a small vocabulary (so shingles
    /// collide often), with the odd quotation mark and capital.
    fn paragraph() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "troops",
            "border",
            "Kyiv",
            "ministry",
            "“said",
            "rescue”",
            "\"quake",
            "village",
            "Zelenskiy",
            "Zelensky",
            "organise",
            "organize",
            "Mr",
            "shelter",
            "'night",
            "power",
        ]);
        prop::collection::vec(word, 0..30).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn passage_similarity_is_symmetric_and_in_unit_range(a in paragraph(), b in paragraph()) {
            let config = SyndicationConfig::default();
            let (pa, pb) = (Passage::new(&a, config.shingle_len), Passage::new(&b, config.shingle_len));
            let ab = passage_similarity(&pa, &pb, &config);
            prop_assert_eq!(ab, passage_similarity(&pb, &pa, &config));
            prop_assert!((0.0..=1.0).contains(&ab));
            let own = containment(&pa.own, &pb.own);
            prop_assert!((0.0..=1.0).contains(&own));
        }

        #[test]
        fn candidates_and_evidence_are_unchanged(
            a in paragraph(),
            b in paragraph(),
            min_similarity in prop::sample::select(vec![0.0, 0.3, 0.5, 0.9, 1.0]),
        ) {
            let config = SyndicationConfig { min_similarity, ..SyndicationConfig::default() };
            let (pa, pb) = (Passage::new(&a, config.shingle_len), Passage::new(&b, config.shingle_len));
            // The definitions `compare` used before the early exit.
            let similarity = passage_similarity(&pa, &pb, &config);
            let candidate = (similarity >= config.min_similarity && similarity > 0.0).then_some(similarity);
            prop_assert_eq!(candidate_similarity(&pa, &pb, &config), candidate);
            let evidence = pa.own_words >= config.min_own_words
                && pb.own_words >= config.min_own_words
                && containment(&pa.own, &pb.own) >= config.min_similarity;
            prop_assert_eq!(is_evidence(&pa, &pb, &config), evidence);
        }

        #[test]
        fn a_paragraph_matches_itself_fully(a in paragraph()) {
            let config = SyndicationConfig::default();
            let pa = Passage::new(&a, config.shingle_len);
            let expected = if pa.full.is_empty() { 0.0 } else { 1.0 };
            prop_assert_eq!(passage_similarity(&pa, &pa, &config), expected);
        }

        #[test]
        fn matches_are_one_to_one_and_coverage_in_unit_range(
            a in prop::collection::vec(paragraph(), 0..6),
            b in prop::collection::vec(paragraph(), 0..6),
        ) {
            let config = SyndicationConfig::default();
            let ka = ArticleKeys::from_paragraphs(&a, &config);
            let kb = ArticleKeys::from_paragraphs(&b, &config);
            let ab = compare(&ka, &kb, &config);
            let ba = compare(&kb, &ka, &config);
            prop_assert!((0.0..=1.0).contains(&ab.coverage));
            prop_assert!((0.0..=1.0).contains(&ba.coverage));
            // One-to-one, and every match clears the threshold.
            let mut left: Vec<usize> = ab.matches.iter().map(|m| m.a).collect();
            let mut right: Vec<usize> = ab.matches.iter().map(|m| m.b).collect();
            left.dedup();
            right.sort_unstable();
            right.dedup();
            prop_assert_eq!(left.len(), ab.matches.len());
            prop_assert_eq!(right.len(), ab.matches.len());
            prop_assert!(ab.matches.iter().all(|m| m.similarity >= config.min_similarity));
        }
    }
}
