//! The inverted index from terms to the active stories that contain them:
//! how an arriving article finds its candidate stories without scanning
//! every story.

use super::sparse::Sparse;
use std::collections::HashMap;

/// Term id → stories (by index) whose centroid has the term.
#[derive(Debug, Default)]
pub(crate) struct Index {
    postings: Vec<Vec<u32>>,
}

impl Index {
    /// Lists `story` under each of `terms` (terms it did not have before).
    pub(crate) fn insert(&mut self, story: u32, terms: impl IntoIterator<Item = u32>) {
        for term in terms {
            let t = term as usize;
            if self.postings.len() <= t {
                self.postings.resize_with(t + 1, Vec::new);
            }
            self.postings[t].push(story);
        }
    }

    /// Drops `story` from the postings of `terms`. The order left behind
    /// does not matter: retrieval sums per story and sorts.
    pub(crate) fn remove(&mut self, story: u32, terms: impl IntoIterator<Item = u32>) {
        for term in terms {
            if let Some(list) = self.postings.get_mut(term as usize) {
                if let Some(pos) = list.iter().position(|&s| s == story) {
                    list.swap_remove(pos);
                }
            }
        }
    }

    /// Up to `max_candidates` stories sharing the most query weight with
    /// `query`, best first (ties to the older, lower index).
    ///
    /// Terms are visited from the heaviest (rarest) down, and a term whose
    /// posting list would overrun the remaining `budget` of entries is
    /// skipped: very common terms cost the most to scan and say the least
    /// about which story an article belongs to. The exact similarity is
    /// computed afterwards on the few candidates, with every term. Whole
    /// lists are scanned or skipped, so the result does not depend on the
    /// order inside a list.
    pub(crate) fn candidates(
        &self,
        query: &Sparse,
        is_live: impl Fn(u32) -> bool,
        budget: usize,
        max_candidates: usize,
    ) -> Vec<u32> {
        let mut terms: Vec<(u32, f64)> = query.clone();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut remaining = budget;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for (term, weight) in terms {
            let Some(list) = self.postings.get(term as usize) else {
                continue;
            };
            if list.len() > remaining {
                continue;
            }
            remaining -= list.len();
            for &story in list {
                if is_live(story) {
                    *scores.entry(story).or_default() += weight;
                }
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(max_candidates);
        ranked.into_iter().map(|(story, _)| story).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_rank_by_shared_weight_and_skip_dead_stories() {
        let mut index = Index::default();
        index.insert(0, [1, 2]);
        index.insert(1, [2]);
        index.insert(2, [1, 2, 3]);
        let query = vec![(1, 0.6), (2, 0.3), (3, 0.1)];
        assert_eq!(index.candidates(&query, |_| true, 100, 10), vec![2, 0, 1]);
        assert_eq!(index.candidates(&query, |s| s != 2, 100, 10), vec![0, 1]);
        assert_eq!(index.candidates(&query, |_| true, 100, 1), vec![2]);
        index.remove(2, [1, 2, 3]);
        assert_eq!(index.candidates(&query, |_| true, 100, 10), vec![0, 1]);
    }

    #[test]
    fn a_list_longer_than_the_budget_is_skipped() {
        let mut index = Index::default();
        for story in 0..10 {
            index.insert(story, [7]);
        }
        index.insert(3, [8]);
        let query = vec![(7, 0.9), (8, 0.1)];
        assert_eq!(index.candidates(&query, |_| true, 5, 10), vec![3]);
    }
}
