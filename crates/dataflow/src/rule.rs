//! The rules both the dataflow and the reference apply, as plain functions:
//! what an article contributes (content hash, MinHash signature, story
//! profile), which bucket members become candidate pairs, when a pair is a
//! near duplicate or a story edge, and the guard against chaining.

use chrono::Datelike;
use concord_dedup::minhash::{exact_key, MinHashConfig, MinHasher};
use concord_model::{Article, EntityType};

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
    /// Least Jaccard similarity of story profiles, in parts per million.
    pub story_threshold_ppm: u32,
    /// A profile key shared by more live articles than this is too common to
    /// propose pairs (it still counts in the similarity).
    pub story_bucket_cap: usize,
    /// Guard against chaining: an edge is kept only when each endpoint is
    /// among the other's `top_k` most similar articles.
    pub top_k: usize,
    /// Profile size: entity keys plus the content words of the title and the
    /// first `lead_paragraphs` paragraphs.
    pub lead_paragraphs: usize,
    /// Most days between two articles' publication dates for a story edge
    /// (the online clusterer's cold window): the same words a week later
    /// are another event. Articles without a date are not held apart.
    pub max_days_apart: u32,
    /// Keep only supported edges ([`edge_supported`]). Off by default: at
    /// `top_k` 4 it splits real stories far more than it stops chaining
    /// (BENCHMARKS, "`concord cluster`").
    pub support_guard: bool,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig {
            bands: 21,
            rows: 6,
            dup_threshold_pct: 80,
            dup_bucket_cap: 64,
            story_threshold_ppm: 120_000,
            story_bucket_cap: 32,
            top_k: 4,
            lead_paragraphs: 1,
            max_days_apart: 3,
            support_guard: false,
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
    /// Sorted, distinct hashes of entity keys and lead content words.
    pub profile: Vec<u64>,
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
        profile: profile(article, rules.lead_paragraphs),
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

/// Entity keys (people, organisations, places) and the content words of the
/// title and lead, hashed, sorted and distinct.
pub fn profile(article: &Article, lead_paragraphs: usize) -> Vec<u64> {
    let mut keys: Vec<u64> = concord_extract::entities::find_entities(article)
        .into_iter()
        .filter(|m| m.kind != EntityType::Other)
        .map(|m| fnv(b'e', &concord_text::name_key(&m.name)))
        .collect();
    let title = article.title.as_deref().unwrap_or("");
    let lead = article.body_paragraphs.iter().take(lead_paragraphs);
    for text in std::iter::once(title).chain(lead.map(String::as_str)) {
        for word in concord_text::content_words(text) {
            keys.push(fnv(b'w', &concord_text::skeleton(&word)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
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

/// Story similarity: the Jaccard similarity of two articles' *proposing*
/// profile keys (those shared by at most `story_bucket_cap` live articles;
/// commoner keys are not evidence), in parts per million, from the number
/// of keys they share and the number each has. Integers, so every worker
/// and the reference agree exactly.
pub fn story_similarity(shared: u64, n_a: u64, n_b: u64) -> u32 {
    let union = (n_a + n_b).saturating_sub(shared);
    if union == 0 {
        return 0;
    }
    u32::try_from(shared.min(union) * 1_000_000 / union).unwrap_or(u32::MAX)
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

/// Candidate story pairs of a profile-key bucket: every pair `(a, b)` with
/// `a < b`, none when the key is shared by more than `story_bucket_cap`
/// articles. `members` must be sorted.
pub fn bucket_pairs(members: &[Offset], rules: &RuleConfig) -> Vec<(Offset, Offset)> {
    if members.len() > rules.story_bucket_cap {
        return Vec::new();
    }
    let mut pairs = Vec::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            pairs.push((a, b));
        }
    }
    pairs
}

/// The guard's ranking: an article's `top_k` neighbours by similarity,
/// ties to the lower offset.
pub fn top_neighbours(neighbours: &[(u32, Offset)], rules: &RuleConfig) -> Vec<Offset> {
    let mut ranked = neighbours.to_vec();
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.dedup();
    ranked
        .into_iter()
        .take(rules.top_k)
        .map(|(_, o)| o)
        .collect()
}

/// The second half of the guard: a mutual top-k edge `(a, b)` is kept only
/// when it is *supported* — `a` and `b` share a third article among their
/// top-k neighbours (shared nearest neighbours, as in Jarvis–Patrick
/// clustering), or one of them has no other neighbour above the threshold
/// (a leaf, which cannot bridge two stories). So two stories do not merge
/// through one pair of articles that each look like the other story.
/// `a_top` and `b_top` are the endpoints' top-k neighbours sorted by offset
/// (each holds the other endpoint).
pub fn edge_supported(a_top: &[Offset], b_top: &[Offset]) -> bool {
    if a_top.len() <= 1 || b_top.len() <= 1 {
        return true;
    }
    // Neither list holds its own endpoint, so a common entry is a third
    // article.
    a_top.iter().any(|n| b_top.binary_search(n).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        assert_eq!(story_similarity(2, 4, 3), story_similarity(2, 3, 4));
        assert_eq!(story_similarity(2, 4, 3), 400_000);
        assert_eq!(story_similarity(4, 4, 4), 1_000_000);
        assert_eq!(story_similarity(0, 0, 0), 0);
    }

    #[test]
    fn common_keys_propose_nothing() {
        let rules = RuleConfig {
            story_bucket_cap: 2,
            ..RuleConfig::default()
        };
        assert_eq!(bucket_pairs(&[1, 2], &rules), [(1, 2)]);
        assert!(bucket_pairs(&[1, 2, 3], &rules).is_empty());
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
    fn days_apart() {
        let rules = RuleConfig::default();
        assert!(close_in_time(Some(10), Some(13), &rules));
        assert!(!close_in_time(Some(10), Some(14), &rules));
        assert!(close_in_time(None, Some(14), &rules));
    }

    #[test]
    fn only_supported_edges_bridge() {
        // Chain 1-2-3-4 (top lists): the middle edge has no shared
        // neighbour and no leaf.
        assert!(edge_supported(&[2], &[1, 3]));
        assert!(!edge_supported(&[1, 3], &[2, 4]));
        // Triangle 1-2-3 with 4 hanging off 3: every edge is supported.
        assert!(edge_supported(&[1, 3], &[1, 2, 4]));
        assert!(edge_supported(&[3], &[1, 2, 4]));
    }

    #[test]
    fn top_neighbours_break_ties_by_offset() {
        let rules = RuleConfig {
            top_k: 2,
            ..RuleConfig::default()
        };
        assert_eq!(top_neighbours(&[(5, 9), (7, 3), (5, 2)], &rules), [3, 2]);
    }
}
