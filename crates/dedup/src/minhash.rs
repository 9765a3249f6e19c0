//! Exact and near-duplicate articles: a content hash of the normalised text
//! for exact copies, MinHash signatures with LSH banding for candidates, and
//! the exact Jaccard similarity of word shingles for the verdict.
//!
//! **Similarity and threshold.** Two articles are near duplicates when the
//! Jaccard similarity of their sets of 5-word shingles (of all normalised
//! words, stopwords included; module `shingle`) is at least
//! [`MinHashConfig::threshold`], 0.8 by default. With 5-word shingles one
//! edited word changes at most five shingles, so a copy with roughly one edit
//! every 45 words (a changed headline, a trimmed sentence, respellings)
//! still scores ≥ 0.8, while two outlets' own reports of one event share few
//! 5-word runs and score well under 0.3.
//!
//! **Signatures** have 128 values from one permutation hashing with optimal
//! densification (module `signature`): one hash per shingle, each value
//! agreeing between two texts with probability J, as with 128 independent
//! permutations.
//!
//! **Recall.** LSH makes a pair a candidate with probability
//! `1 − (1 − J⁶)²¹` (21 bands of 6 rows from 128 values): 0.998 at
//! J = 0.8, 0.93 at 0.7, 0.28 at 0.5 and 0.015 at 0.3. The bands were chosen
//! so that the S-curve rises *below* the threshold — its midpoint
//! `(1/21)^(1/6) ≈ 0.60` — and the recall at the threshold is ≥ 0.99: seven
//! rows would need 20 bands (140 values); six rows need 16 bands for
//! 0.992, and 21 = ⌊128/6⌋ uses the whole signature for a margin (0.998)
//! against the correlation between densified values, which the formula
//! ignores (recall is measured in the tests and in `BENCHMARKS.md`).
//! (datasketch's own choice for 0.8 and 128 permutations, 9 × 13, balances
//! false positives against false negatives and gives 0.40 at J = 0.8.)
//! Candidates are then verified with the exact Jaccard on
//! the stored shingle sets, so the estimate's sampling error (±0.035 at 0.8)
//! costs no recall and every reported pair really is at or above the
//! threshold.
//!
//! **Cost bounds.** Buckets are capped ([`MinHashConfig::max_bucket`]), so
//! an insert verifies at most `bands × max_bucket` candidates however much
//! boilerplate articles share. Exact duplicates are caught by their key
//! before any signature is computed and are not indexed again.
//!
//! **API boundary:** plain deterministic functions and small structs; all
//! hashing is seeded ([`MinHashConfig::seed`]), no global state.
//! [`NearDupIndex`] takes one article at a time for streams;
//! [`near_duplicate_groups`] groups a batch independently of its order.

mod index;
mod lsh;
mod shingle;
mod signature;
#[cfg(test)]
mod tests;

pub use index::{Arrival, IndexFull, NearDupIndex};
pub use lsh::LshIndex;
pub use shingle::{exact_key, jaccard, jaccard_at_least, shingle_set, ShingleSet};
pub use signature::{MinHasher, Signature};

use shingle::{analyse, Analysis};

/// Parameters of the near-duplicate stage. The defaults are the documented
/// ones (see the module docs for why).
#[derive(Debug, Clone, PartialEq)]
pub struct MinHashConfig {
    /// Words per shingle (5).
    pub shingle_words: usize,
    /// Signature length (128): the number of OPH bins, which stand in for
    /// that many permutations.
    pub num_perm: usize,
    /// LSH bands (21). `bands × rows` should not exceed `num_perm`; bands
    /// past the end of the signature are not used.
    pub bands: usize,
    /// Signature values per band (6).
    pub rows: usize,
    /// Least exact Jaccard similarity of shingle sets for a near duplicate
    /// (0.8).
    pub threshold: f64,
    /// Most ids an LSH bucket holds (64); see [`LshIndex`].
    pub max_bucket: usize,
    /// Seed of the shingle and probe hashes. Signatures are comparable only
    /// between hashers with the same seed and `num_perm`.
    pub seed: u64,
}

impl Default for MinHashConfig {
    fn default() -> Self {
        MinHashConfig {
            shingle_words: 5,
            num_perm: 128,
            bands: 21,
            rows: 6,
            threshold: 0.8,
            max_bucket: 64,
            seed: 0x00c0_4c04_d5ee_d001,
        }
    }
}

impl MinHashConfig {
    /// Bands that fit in the signature.
    pub fn effective_bands(&self) -> usize {
        let rows = self.rows.max(1);
        self.bands.max(1).min(self.num_perm.max(1) / rows)
    }

    /// Probability that two articles with Jaccard similarity `similarity`
    /// share at least one LSH band, for an ideal hash family:
    /// `1 − (1 − sʳ)ᵇ`.
    pub fn candidate_probability(&self, similarity: f64) -> f64 {
        let rows = i32::try_from(self.rows.max(1)).unwrap_or(i32::MAX);
        let bands = i32::try_from(self.effective_bands()).unwrap_or(i32::MAX);
        1.0 - (1.0 - similarity.clamp(0.0, 1.0).powi(rows)).powi(bands)
    }
}

/// Groups of exact and near-duplicate texts, as indices into `texts`: the
/// connected components of the pairs with Jaccard ≥ `threshold` that LSH
/// proposes, plus exact duplicates. Each group has at least two members and
/// is sorted; groups are ordered by their first member. Texts without words
/// are never grouped.
///
/// The result does not depend on the order of `texts`: they are indexed in
/// an order derived from their content, so even which ids a full bucket
/// keeps is the same for any permutation of the input. Texts past the
/// index's capacity ([`IndexFull`]) are left ungrouped.
pub fn near_duplicate_groups(texts: &[&str], config: &MinHashConfig) -> Vec<Vec<usize>> {
    let mut analyses: Vec<Analysis> = texts
        .iter()
        .map(|text| analyse(text, config.shingle_words))
        .collect();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&x, &y| (analyses[x].exact, texts[x], x).cmp(&(analyses[y].exact, texts[y], y)));
    let mut index = NearDupIndex::new(config);
    let mut components = UnionFind::new(texts.len());
    for &text_idx in &order {
        let Ok(arrival) = index.add_analysis(std::mem::take(&mut analyses[text_idx])) else {
            break;
        };
        let linked = arrival
            .exact_of
            .into_iter()
            .chain(arrival.near.iter().map(|&(id, _)| id));
        for id in linked {
            if let Some(&other) = order.get(id as usize) {
                components.union(text_idx, other);
            }
        }
    }
    components.groups()
}

/// Disjoint sets over `0..n` with path halving and union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }

    /// Components of two or more, each sorted, ordered by first member.
    fn groups(mut self) -> Vec<Vec<usize>> {
        let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); self.parent.len()];
        for x in 0..self.parent.len() {
            let root = self.find(x);
            by_root[root].push(x);
        }
        let mut groups: Vec<Vec<usize>> = by_root.into_iter().filter(|g| g.len() > 1).collect();
        groups.sort_unstable_by_key(|g| g[0]);
        groups
    }
}
