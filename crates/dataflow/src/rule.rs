//! The rules both the dataflow and the reference apply, as plain functions:
//! what an article contributes (content hash, MinHash signature, story
//! terms), which bucket members become candidate pairs, when a pair is a
//! near duplicate, how story terms are weighed and compared, and
//! ([`crate::linkage`]) how compared pairs become stories.

use chrono::Datelike;
use concord_cluster::{ArticleTerms, OnlineConfig};
use concord_dedup::minhash::{exact_key, MinHashConfig, MinHasher};
use concord_model::Article;
use concord_text::ArticleTokens;

/// Offsets in the log are the articles' compact ids inside the dataflow.
pub type Offset = u64;

/// Parameters of the rules. The defaults are the documented ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleConfig {
    /// LSH bands and rows per band over the MinHash signature (21 × 6, as in
    /// `concord_dedup::minhash`).
    pub bands: usize,
    pub rows: usize,
    /// Least share of agreeing signature values, in percent, for a near
    /// duplicate (80: the estimated Jaccard of 5-word shingles ≥ 0.8).
    pub dup_threshold_pct: u32,
    /// Most members of an LSH bucket that get a star edge (the lowest
    /// offsets): a boilerplate bucket costs at most this many checks.
    pub dup_bucket_cap: usize,
    /// Least average similarity, in parts per million, for two groups of
    /// articles to be one story (average link over the compared pairs,
    /// [`crate::linkage::average_link`]). Average link rather than
    /// connected components: one pair of look-alike articles cannot fuse
    /// two stories, while a story whose articles each share a little with
    /// many others still holds together. 0.03 was picked on the first half
    /// (in time) of the UCI headlines and held on the second (BENCHMARKS,
    /// "`concord cluster`").
    pub story_threshold_ppm: u32,
    /// Compared pairs below this cosine (ppm) count as zero, so they are
    /// not carried through the dataflow.
    pub edge_floor_ppm: u32,
    /// A term held by more articles of an article's arrival window than
    /// this proposes no pairs for it (it still counts in the cosine): it
    /// bounds the pairs one term makes.
    pub story_bucket_cap: usize,
    /// An article proposes pairs through its this many heaviest terms
    /// (TF-IDF) among those under the cap; two articles are compared when
    /// they share one.
    pub proposing_terms: usize,
    /// An article's vector keeps its this many heaviest terms.
    pub vector_terms: usize,
    /// The article count IDF is taken against: ln((1 + N) / (1 + df)) + 1.
    /// Fixed rather than the live count, so that an article arriving does
    /// not re-weigh every term; `concord cluster` sets it to the window
    /// (epoch size × epochs).
    pub idf_reference: u64,
    /// Terms come from the title (counted three times, as in the online
    /// clusterer) and the first this many body paragraphs: the lead names
    /// the event, and later paragraphs mostly add background.
    pub lead_paragraphs: usize,
    /// Most days between two articles' publication dates for them to be
    /// compared (the online clusterer's cold window): the same words a week
    /// later are another event. Articles without a date are not held apart.
    pub max_days_apart: u32,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig {
            bands: 21,
            rows: 6,
            dup_threshold_pct: 80,
            dup_bucket_cap: 64,
            story_threshold_ppm: 30_000,
            edge_floor_ppm: 10_000,
            story_bucket_cap: 512,
            proposing_terms: 8,
            vector_terms: 32,
            idf_reference: 10_000,
            lead_paragraphs: 2,
            max_days_apart: 3,
        }
    }
}

impl RuleConfig {
    /// The default rules for a run of `epoch_size` × `window` live
    /// articles: IDF is taken against that count.
    pub fn for_window(epoch_size: u64, window: u64) -> RuleConfig {
        RuleConfig {
            idf_reference: epoch_size.saturating_mul(window),
            ..RuleConfig::default()
        }
    }
}

/// What one article contributes to the dataflow: small, fixed-size keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    pub offset: Offset,
    /// FNV-1a of the normalised words; `None` for a text without words.
    pub content_hash: Option<u64>,
    /// MinHash signature of the 5-word shingles (empty without words).
    pub signature: Vec<u32>,
    /// Story terms: `(term hash, sublinear term frequency × 1000)`, sorted
    /// by hash.
    pub terms: Vec<(u64, u32)>,
    /// Publication day (days from the common era), when known.
    pub day: Option<i32>,
}

/// Per-article work, done on the worker that read the article.
pub fn sketch(offset: Offset, article: &Article, hasher: &MinHasher, rules: &RuleConfig) -> Sketch {
    let text = article.full_text();
    let content_hash = exact_key(&text);
    let signature = match content_hash {
        Some(_) => hasher.signature(&text).values().to_vec(),
        None => Vec::new(),
    };
    Sketch {
        offset,
        content_hash,
        signature,
        terms: story_terms(article, rules.lead_paragraphs),
        day: article.published.map(|d| d.num_days_from_ce()),
    }
}

/// Whether two publication days are close enough for a story edge.
pub fn close_in_time(a: Option<i32>, b: Option<i32>, rules: &RuleConfig) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.abs_diff(b) <= rules.max_days_apart,
        _ => true,
    }
}

/// The MinHash settings shared by every worker (the dedup defaults).
pub fn minhasher() -> MinHasher {
    MinHasher::new(&MinHashConfig::default())
}

fn fnv(prefix: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(prefix);
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The title's and lead's clustering terms, as the online clusterer keys
/// them (`concord_cluster::ArticleTerms`: folded, skeletonised, stopwords
/// out, title words counted three times), hashed, with the sublinear term
/// frequency 1 + ln(tf) in thousandths.
pub fn story_terms(article: &Article, lead_paragraphs: usize) -> Vec<(u64, u32)> {
    let lead = &article.body_paragraphs[..lead_paragraphs.min(article.body_paragraphs.len())];
    let tokens = ArticleTokens::new(article.title.as_deref(), lead);
    let terms = ArticleTerms::new(&tokens, &OnlineConfig::default());
    let mut out: Vec<(u64, u32)> = terms
        .words()
        .filter(|(_, count)| *count > 0.0)
        .map(|(word, count)| {
            (
                fnv(b'w', word),
                ((1.0 + count.ln()) * 1000.0).round() as u32,
            )
        })
        .collect();
    out.sort_unstable();
    // Two words hashing alike: keep one (the heavier sorts last).
    out.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 = earlier.1.max(later.1);
            true
        } else {
            false
        }
    });
    out
}

/// A term's IDF for `df` live articles, in quarters: quantised so that a
/// term's weight changes only when its document count moves by about a
/// quarter, not with every article in or out of the window.
pub fn idf_quarters(df: u64, rules: &RuleConfig) -> u64 {
    let idf = ((1 + rules.idf_reference) as f64 / (1 + df) as f64).ln() + 1.0;
    (idf * 4.0).round().max(1.0) as u64
}

/// What a term's live document count decides: its IDF in quarters
/// ([`idf_quarters`]) and whether it is under the cap, so may propose
/// pairs.
pub fn term_stats(df: u64, rules: &RuleConfig) -> (u64, bool) {
    (idf_quarters(df, rules), df <= rules.story_bucket_cap as u64)
}

/// An article's weighted vector: `(term, TF-IDF weight)` sorted by term,
/// in 32 bits each since it is copied into every pair it is compared in (a
/// rare collision of two terms is harmless in a bag of words).
pub type TermVector = Vec<(u32, u32)>;

fn fold32(term: u64) -> u32 {
    (term >> 32) as u32 ^ term as u32
}

/// An article's weighted vector, from its `(term, tf, idf quarters, term
/// under the cap)` entries sorted by term: the `vector_terms` heaviest
/// TF-IDF weights, sorted by term, and the `proposing_terms` heaviest terms
/// under the cap. Ties go to the lower term, so every worker agrees.
pub fn weigh(entries: &[(u64, u32, u64, bool)], rules: &RuleConfig) -> (TermVector, Vec<u64>) {
    let mut by_weight: Vec<(u64, u64, bool)> = entries
        .iter()
        .map(|&(term, tf, idf, proposing)| (term, u64::from(tf) * idf, proposing))
        .collect();
    by_weight.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let proposing: Vec<u64> = by_weight
        .iter()
        .filter(|t| t.2)
        .take(rules.proposing_terms)
        .map(|t| t.0)
        .collect();
    let mut vector: TermVector = by_weight
        .into_iter()
        .take(rules.vector_terms)
        .map(|(term, weight, _)| (fold32(term), u32::try_from(weight).unwrap_or(u32::MAX)))
        .collect();
    vector.sort_unstable();
    (vector, proposing)
}

/// A vector's squared norm, as [`cosine_ppm`] divides by it.
pub fn norm_squared(vector: &[(u32, u32)]) -> u128 {
    vector.iter().map(|t| u128::from(t.1).pow(2)).sum()
}

/// Cosine of two weighted vectors (sorted by term), in parts per million.
/// Integer dot products and norms, one rounding at the end: every worker
/// and the reference get the same number.
pub fn cosine_ppm(a: &[(u32, u32)], b: &[(u32, u32)]) -> u32 {
    cosine_with_norms((a, norm_squared(a)), (b, norm_squared(b)))
}

/// [`cosine_ppm`] with the squared norms already known.
fn cosine_with_norms(
    (a, norm_a): (&[(u32, u32)], u128),
    (b, norm_b): (&[(u32, u32)], u128),
) -> u32 {
    let (mut i, mut j, mut dot) = (0, 0, 0u128);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += u128::from(a[i].1) * u128::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    let denominator = (norm_a as f64 * norm_b as f64).sqrt();
    if denominator == 0.0 {
        return 0;
    }
    ((dot as f64 / denominator) * 1e6).floor().clamp(0.0, 1e6) as u32
}

/// An article as its story pairs are compared: what `weigh` made of its
/// terms, its vector's norm (computed once, not once per pair) and its
/// publication day.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Card {
    pub offset: Offset,
    pub vector: TermVector,
    pub norm_squared: u128,
    pub day: Option<i32>,
    /// Sorted, for [`proposing_term`].
    pub proposing: Vec<u64>,
}

impl Card {
    pub fn new(
        offset: Offset,
        (vector, mut proposing): (TermVector, Vec<u64>),
        day: Option<i32>,
    ) -> Card {
        proposing.sort_unstable();
        Card {
            offset,
            norm_squared: norm_squared(&vector),
            vector,
            day,
            proposing,
        }
    }
}

/// The LSH band keys of a signature (band index mixed in).
pub fn band_keys(signature: &[u32], rules: &RuleConfig) -> Vec<u64> {
    let rows = rules.rows.max(1);
    signature
        .chunks_exact(rows)
        .take(rules.bands)
        .enumerate()
        .map(|(band, values)| {
            let mut acc = band as u64;
            for &value in values {
                acc = (acc.rotate_left(23) ^ u64::from(value)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            }
            acc
        })
        .collect()
}

/// Near duplicates: at least `dup_threshold_pct` percent of the signature
/// values agree.
pub fn is_near_duplicate(a: &[u32], b: &[u32], rules: &RuleConfig) -> bool {
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count();
    agree * 100 >= a.len() * rules.dup_threshold_pct as usize
}

/// Star edges of an LSH bucket: its lowest member to each of the next
/// `dup_bucket_cap − 1` members. `members` must be sorted.
pub fn star_edges(members: &[Offset], rules: &RuleConfig) -> Vec<(Offset, Offset)> {
    let kept = &members[..members.len().min(rules.dup_bucket_cap.max(1))];
    match kept.split_first() {
        Some((&first, rest)) => rest.iter().map(|&m| (first, m)).collect(),
        None => Vec::new(),
    }
}

/// An offset mixed into a random-looking number (SplitMix64's finaliser):
/// a block's name that a member leaving changes only when it held the
/// least one.
pub fn scramble(offset: Offset) -> u64 {
    let mut z = offset.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The term through which two articles' pair is proposed: the lowest
/// proposing term they share (both lists sorted). A pair sharing several
/// proposing terms meets in each of their buckets; only this one emits it,
/// so every pair is compared once without a `distinct` over all the
/// meetings.
pub fn proposing_term(a: &[u64], b: &[u64]) -> Option<u64> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(a[i]),
        }
    }
    None
}

/// A compared pair's similarity (ppm) when it counts for the stories: at
/// least the floor (and above zero), published close enough in time.
pub fn pair_similarity(a: &Card, b: &Card, rules: &RuleConfig) -> Option<u32> {
    if !close_in_time(a.day, b.day, rules) {
        return None;
    }
    let sim = cosine_with_norms((&a.vector, a.norm_squared), (&b.vector, b.norm_squared));
    (sim >= rules.edge_floor_ppm.max(1)).then_some(sim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_is_symmetric_and_bounded() {
        let a = [(1, 3), (2, 4)];
        let b = [(2, 4), (7, 1)];
        assert_eq!(cosine_ppm(&a, &b), cosine_ppm(&b, &a));
        assert_eq!(cosine_ppm(&a, &a), 1_000_000);
        assert_eq!(cosine_ppm(&a, &[(9, 9)]), 0);
        assert_eq!(cosine_ppm(&[], &a), 0);
        // 16 / (5 · √17)
        assert_eq!(cosine_ppm(&a, &b), 776_114);
    }

    #[test]
    fn heavy_terms_propose_and_common_ones_do_not() {
        let rules = RuleConfig {
            proposing_terms: 2,
            vector_terms: 3,
            ..RuleConfig::default()
        };
        // (term, tf, idf, under the cap)
        let entries = [
            (1, 1000, 4, false),
            (2, 1000, 9, true),
            (3, 2000, 5, true),
            (4, 1000, 5, true),
        ];
        let (vector, proposing) = weigh(&entries, &rules);
        assert_eq!(proposing, [3, 2]);
        assert_eq!(vector, [(2, 9000), (3, 10_000), (4, 5000)]);
        assert_eq!(fold32(1 << 32 | 7), 6);
    }

    #[test]
    fn idf_falls_with_document_count() {
        let rules = RuleConfig::default();
        assert!(idf_quarters(1, &rules) > idf_quarters(100, &rules));
        assert_eq!(idf_quarters(u64::MAX / 2, &rules), 1);
        // Quantised: a few articles more do not change a common term.
        assert_eq!(idf_quarters(400, &rules), idf_quarters(410, &rules));
    }

    #[test]
    fn story_terms_weigh_the_title_and_read_only_the_lead() {
        let mut article = Article::from_paragraphs("a", ["Quake, dawn.", "Tariffs."]);
        article.title = Some("Quake".into());
        let terms = story_terms(&article, 1);
        // "quake": 3 (title) + 1 → 1 + ln 4; "dawn": 1; "tariffs": not read.
        let mut weights: Vec<u32> = terms.iter().map(|t| t.1).collect();
        weights.sort_unstable();
        assert_eq!(weights, [1000, 2386]);
        assert!(terms.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn stars_are_capped() {
        let rules = RuleConfig {
            dup_bucket_cap: 3,
            ..RuleConfig::default()
        };
        assert_eq!(star_edges(&[4, 7, 9, 12], &rules), [(4, 7), (4, 9)]);
    }

    #[test]
    fn a_pair_counts_above_the_floor_and_close_in_time() {
        let rules = RuleConfig::default();
        let card = |vector: &[(u32, u32)], day| Card::new(0, (vector.to_vec(), vec![]), day);
        let a = card(&[(1, 3), (2, 4)], Some(10));
        let near = |day| pair_similarity(&a, &card(&[(2, 4), (7, 1)], Some(day)), &rules);
        assert_eq!(near(12), Some(776_114));
        assert_eq!(near(14), None);
        let far = card(&[(9, 9)], None);
        assert_eq!(pair_similarity(&card(&[(1, 3)], None), &far, &rules), None);
        // Under the cap a term proposes; over it, not.
        assert!(term_stats(rules.story_bucket_cap as u64, &rules).1);
        assert!(!term_stats(rules.story_bucket_cap as u64 + 1, &rules).1);
    }

    #[test]
    fn a_pair_is_proposed_by_its_lowest_shared_term() {
        assert_eq!(proposing_term(&[4, 7, 9], &[1, 7, 9]), Some(7));
        assert_eq!(proposing_term(&[9, 4], &[1, 2]), None);
        assert_eq!(proposing_term(&[], &[1]), None);
    }

    #[test]
    fn days_apart() {
        let rules = RuleConfig::default();
        assert!(close_in_time(Some(10), Some(13), &rules));
        assert!(!close_in_time(Some(10), Some(14), &rules));
        assert!(close_in_time(None, Some(14), &rules));
    }
}
