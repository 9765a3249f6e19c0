//! The inverted index from terms to the active stories that contain them:
//! how an arriving article finds its candidate stories without scanning
//! every story.
//!
//! Stories that die (go cold or are merged away), and terms a story's
//! centroid drops, are not taken out of the postings one by one: that
//! would cost a scan of the lists, and a common term's list holds
//! thousands of stories. Instead each list counts its stale entries and is
//! compacted once they are half of it, so removal costs O(1) amortised per
//! entry; retrieval skips dead stories meanwhile.

use super::sparse::Sparse;

/// Term id → stories (by index) whose centroid has, or had, the term.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Index {
    postings: Vec<Vec<u32>>,
    /// Dead entries in each list, not yet compacted away.
    dead: Vec<u32>,
    /// Scratch for retrieval, indexed by story: accumulated score, and the
    /// stories touched in this call (so that clearing is O(touched)).
    /// Empty between calls, so not saved.
    #[serde(skip)]
    scores: Vec<f64>,
    #[serde(skip)]
    touched: Vec<u32>,
}

impl Index {
    /// Lists `story` under each of `terms` (terms it did not have before).
    pub(crate) fn insert(&mut self, story: u32, terms: impl IntoIterator<Item = u32>) {
        for term in terms {
            let t = term as usize;
            if self.postings.len() <= t {
                self.postings.resize_with(t + 1, Vec::new);
                self.dead.resize(t + 1, 0);
            }
            self.postings[t].push(story);
        }
    }

    /// Records that one entry under each of `terms` has gone stale (its
    /// story died or dropped the term); a list whose stale entries reach
    /// half its length is compacted, keeping the entries for which
    /// `belongs(story, term)` holds.
    pub(crate) fn mark_dead(
        &mut self,
        terms: impl IntoIterator<Item = u32>,
        belongs: impl Fn(u32, u32) -> bool,
    ) {
        for term in terms {
            let t = term as usize;
            let (Some(list), Some(dead)) = (self.postings.get_mut(t), self.dead.get_mut(t)) else {
                continue;
            };
            *dead += 1;
            if *dead as usize * 2 >= list.len() {
                list.retain(|&s| belongs(s, term));
                *dead = 0;
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
        &mut self,
        query: &Sparse,
        is_live: impl Fn(u32) -> bool,
        budget: usize,
        max_candidates: usize,
    ) -> Vec<u32> {
        let mut terms: Vec<(u32, f64)> = query.clone();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut remaining = budget;
        for (term, weight) in terms {
            let Some(list) = self.postings.get(term as usize) else {
                continue;
            };
            if list.len() > remaining {
                continue;
            }
            remaining -= list.len();
            for &story in list {
                let s = story as usize;
                if self.scores.len() <= s {
                    self.scores.resize(s + 1, 0.0);
                }
                if self.scores[s] == 0.0 {
                    if !is_live(story) {
                        continue;
                    }
                    self.touched.push(story);
                }
                // Query weights are positive, so a touched story's score
                // never returns to zero.
                self.scores[s] += weight;
            }
        }
        let mut ranked: Vec<(u32, f64)> = self
            .touched
            .drain(..)
            .map(|s| (s, std::mem::take(&mut self.scores[s as usize])))
            .collect();
        let best_first = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // Thousands of stories may be touched; only the best few are
        // needed in order.
        if ranked.len() > max_candidates && max_candidates > 0 {
            ranked.select_nth_unstable_by(max_candidates - 1, best_first);
        }
        ranked.truncate(max_candidates);
        ranked.sort_by(best_first);
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
        index.mark_dead([1, 2, 3], |s, _| s != 2);
        assert_eq!(index.postings[3], Vec::<u32>::new());
        assert_eq!(index.postings[1], vec![0]);
        // Not yet compacted: list 2 has one dead entry of three.
        assert_eq!(index.postings[2].len(), 3);
        assert_eq!(index.candidates(&query, |s| s != 2, 100, 10), vec![0, 1]);
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
