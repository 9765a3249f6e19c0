//! The streaming near-duplicate index: articles arrive one at a time and
//! each is reported against those already held — as an exact duplicate of
//! its first copy, or with its verified near duplicates.

use super::lsh::{LshIndex, PremixedMap};
use super::shingle::{analyse, jaccard, jaccard_at_least, Analysis, ShingleSet};
use super::signature::MinHasher;
use super::MinHashConfig;

/// What the index says about one article as it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// The id the index gave the article: the number of articles added
    /// before it.
    pub id: u32,
    /// The first article with the same normalised text, if any. An exact
    /// duplicate is not indexed again and `near` is left empty: it has the
    /// same shingles, so it has its first copy's near duplicates.
    pub exact_of: Option<u32>,
    /// Earlier articles whose exact Jaccard similarity to this one is at
    /// least the threshold, with that similarity, by id.
    pub near: Vec<(u32, f64)>,
    /// How many LSH candidates were verified to find `near`.
    pub candidates: usize,
}

/// The index already holds `u32::MAX` articles, the most ids can number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexFull;

impl std::fmt::Display for IndexFull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the near-duplicate index is full ({} articles)",
            u32::MAX
        )
    }
}

impl std::error::Error for IndexFull {}

/// Exact and near-duplicate detection over a stream of articles.
///
/// Keeps, per article, its shingle set (4 bytes a distinct shingle; none
/// for exact duplicates and texts without words) for exact verification,
/// and its entries in the LSH tables; signatures are not kept.
#[derive(Debug, Clone)]
pub struct NearDupIndex {
    hasher: MinHasher,
    lsh: LshIndex,
    threshold: f64,
    first_copy: PremixedMap<u64, u32>,
    sets: Vec<ShingleSet>,
}

impl NearDupIndex {
    /// An empty index for `config`.
    pub fn new(config: &MinHashConfig) -> Self {
        NearDupIndex {
            hasher: MinHasher::new(config),
            lsh: LshIndex::new(config.bands, config.rows, config.max_bucket),
            threshold: config.threshold,
            first_copy: PremixedMap::default(),
            sets: Vec::new(),
        }
    }

    /// Adds one article and reports its duplicates among those added
    /// before. A text without words is never a duplicate of anything.
    pub fn add(&mut self, text: &str) -> Result<Arrival, IndexFull> {
        let analysis = analyse(text, self.hasher.shingle_words());
        self.add_analysis(analysis)
    }

    /// [`add`](Self::add) for a text already analysed.
    pub(crate) fn add_analysis(&mut self, analysis: Analysis) -> Result<Arrival, IndexFull> {
        let id = u32::try_from(self.sets.len())
            .ok()
            .filter(|&id| id != u32::MAX)
            .ok_or(IndexFull)?;
        let mut arrival = Arrival {
            id,
            exact_of: None,
            near: Vec::new(),
            candidates: 0,
        };
        let Some(key) = analysis.exact else {
            self.sets.push(ShingleSet::default());
            return Ok(arrival);
        };
        if let Some(&first) = self.first_copy.get(&key) {
            arrival.exact_of = Some(first);
            self.sets.push(ShingleSet::default());
            return Ok(arrival);
        }
        self.first_copy.insert(key, id);
        let set = analysis.shingles;
        let signature = self.hasher.signature_of(&set);
        let candidates = self.lsh.insert(id, &signature);
        arrival.candidates = candidates.len();
        for candidate in candidates {
            let Some(other) = self.sets.get(candidate as usize) else {
                continue;
            };
            if jaccard_at_least(&set, other, self.threshold) {
                arrival.near.push((candidate, jaccard(&set, other)));
            }
        }
        self.sets.push(set);
        Ok(arrival)
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.sets.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// The hash family in use.
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// The LSH tables, for their bucket statistics.
    pub fn lsh(&self) -> &LshIndex {
        &self.lsh
    }
}
