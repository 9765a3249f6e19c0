//! Stories from compared pairs: average-link agglomerative clustering over
//! the pairs' similarities, a pair not compared counting as zero.
//!
//! Why average link: connected components of similar pairs chain (two
//! stories fuse through one pair of look-alike articles), and a mutual
//! top-k guard that stops chaining splits big stories, whose articles each
//! share a little with many others. Average link merges two groups when
//! their articles are similar *on average* (the batch clusterer's rule,
//! `concord_cluster::cluster_stories`).
//!
//! **Why it can run per block.** Two groups merge only when their average
//! similarity is at least the threshold, so at least one pair between them
//! is at or above it. Every story therefore lies inside one connected
//! component of the pairs at or above the threshold, and the merges inside
//! one component never read a pair outside it. Running the clustering on
//! each component alone (the dataflow, keyed by component) gives exactly
//! the stories of running it on everything at once (the reference); a
//! property test checks it. Sums are integers (parts per million) and
//! averages are compared by cross-multiplying, so the two agree exactly.

use crate::rule::Offset;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

/// A possible merge of clusters `a < b` (each named by its lowest member):
/// the sum of their pairs' similarities over the number of pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Merge {
    sum: u64,
    pairs: u64,
    a: Offset,
    b: Offset,
}

impl Ord for Merge {
    /// Higher average first; between equals, the lower pair of names.
    fn cmp(&self, other: &Self) -> Ordering {
        let left = u128::from(self.sum) * u128::from(other.pairs);
        let right = u128::from(other.sum) * u128::from(self.pairs);
        left.cmp(&right)
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-link clusters of the nodes of `edges` (`(a, b, similarity in
/// ppm)`, any order; a self pair or a repeated pair counts once, the last
/// one), merged while the best average is at least `threshold_ppm`.
/// Returns each node's story: the lowest node of its cluster.
pub fn average_link(
    edges: &[(Offset, Offset, u32)],
    threshold_ppm: u32,
) -> BTreeMap<Offset, Offset> {
    let mut links: BTreeMap<Offset, BTreeMap<Offset, u64>> = BTreeMap::new();
    for &(a, b, sim) in edges {
        links.entry(a).or_default();
        links.entry(b).or_default();
        if a != b {
            links.entry(a).or_default().insert(b, u64::from(sim));
            links.entry(b).or_default().insert(a, u64::from(sim));
        }
    }
    let threshold = u64::from(threshold_ppm);
    let mut size: BTreeMap<Offset, u64> = links.keys().map(|&n| (n, 1)).collect();
    let mut members: BTreeMap<Offset, Vec<Offset>> = links.keys().map(|&n| (n, vec![n])).collect();
    let reaches =
        |sum: u64, pairs: u64| u128::from(sum) >= u128::from(threshold) * u128::from(pairs);
    let mut heap: BinaryHeap<Merge> = links
        .iter()
        .flat_map(|(&a, others)| {
            others
                .range(a + 1..)
                .filter(|(_, &sum)| reaches(sum, 1))
                .map(move |(&b, &sum)| Merge {
                    sum,
                    pairs: 1,
                    a,
                    b,
                })
        })
        .collect();
    while let Some(merge) = heap.pop() {
        let (a, b) = (merge.a, merge.b);
        let (Some(&size_a), Some(&size_b)) = (size.get(&a), size.get(&b)) else {
            continue; // one side was merged away
        };
        let current = links.get(&a).and_then(|l| l.get(&b)).copied();
        if current != Some(merge.sum) || size_a * size_b != merge.pairs {
            continue; // stale: either side has grown since
        }
        // `b` joins `a` (a < b, so `a` stays the lowest member).
        let b_links = links.remove(&b).unwrap_or_default();
        for (&other, &sum) in &b_links {
            if other == a {
                continue;
            }
            if let Some(l) = links.get_mut(&other) {
                l.remove(&b);
                *l.entry(a).or_insert(0) += sum;
            }
            *links.entry(a).or_default().entry(other).or_insert(0) += sum;
        }
        if let Some(l) = links.get_mut(&a) {
            l.remove(&b);
        }
        size.remove(&b);
        let grown = size_a + size_b;
        size.insert(a, grown);
        let moved = members.remove(&b).unwrap_or_default();
        members.entry(a).or_default().extend(moved);
        for (&other, &sum) in links.get(&a).into_iter().flatten() {
            let pairs = grown * size.get(&other).copied().unwrap_or(1);
            if reaches(sum, pairs) {
                heap.push(Merge {
                    sum,
                    pairs,
                    a: a.min(other),
                    b: a.max(other),
                });
            }
        }
    }
    members
        .into_iter()
        .flat_map(|(story, nodes)| nodes.into_iter().map(move |n| (n, story)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn stories(map: &BTreeMap<Offset, Offset>) -> BTreeSet<Vec<Offset>> {
        let mut by_story: BTreeMap<Offset, Vec<Offset>> = BTreeMap::new();
        for (&n, &s) in map {
            by_story.entry(s).or_default().push(n);
        }
        by_story.into_values().collect()
    }

    #[test]
    fn one_bridge_does_not_fuse_two_stories() {
        // Triangles 1-2-3 and 4-5-6, and one strong pair 3-4 between them:
        // components would make one story, average link keeps two (the
        // bridge is one pair of nine).
        let mut edges = vec![(1, 2, 500_000), (1, 3, 500_000), (2, 3, 500_000)];
        edges.extend([(4, 5, 500_000), (4, 6, 500_000), (5, 6, 500_000)]);
        edges.push((3, 4, 450_000));
        let result = stories(&average_link(&edges, 200_000));
        assert_eq!(result, BTreeSet::from([vec![1, 2, 3], vec![4, 5, 6]]));
    }

    #[test]
    fn weak_pairs_add_up_inside_a_story() {
        // Every pair at 0.25: one story at threshold 0.2; at 0.3 none.
        let edges: Vec<_> = [(1, 2), (1, 3), (2, 3), (1, 4), (2, 4), (3, 4)]
            .iter()
            .map(|&(a, b)| (a, b, 250_000))
            .collect();
        assert_eq!(stories(&average_link(&edges, 200_000)).len(), 1);
        assert_eq!(stories(&average_link(&edges, 300_000)).len(), 4);
    }

    #[test]
    fn the_story_is_named_by_its_lowest_member() {
        let result = average_link(&[(9, 4, 900_000), (4, 7, 800_000)], 100_000);
        assert!(result.values().all(|&s| s == 4));
    }

    /// Components of the pairs at or above the threshold.
    fn components(edges: &[(Offset, Offset, u32)], threshold: u32) -> BTreeMap<Offset, Offset> {
        let mut label: BTreeMap<Offset, Offset> = BTreeMap::new();
        for &(a, b, _) in edges {
            label.insert(a, a);
            label.insert(b, b);
        }
        loop {
            let mut changed = false;
            for &(a, b, sim) in edges {
                if sim < threshold {
                    continue;
                }
                let low = label[&a].min(label[&b]);
                for n in [a, b] {
                    if label[&n] != low {
                        label.insert(n, low);
                        changed = true;
                    }
                }
            }
            if !changed {
                return label;
            }
        }
    }

    proptest! {
        /// The dataflow clusters each block (component of the pairs at or
        /// above the threshold) on its own; the reference clusters all at
        /// once. They must agree.
        #[test]
        fn blocks_give_the_same_stories_as_the_whole(
            raw in proptest::collection::vec((0u64..30, 0u64..30, 0u32..400_000), 0..80),
            threshold in 10_000u32..300_000,
        ) {
            let mut dedup: BTreeMap<(Offset, Offset), u32> = BTreeMap::new();
            for (a, b, sim) in raw {
                if a != b {
                    dedup.insert((a.min(b), a.max(b)), sim);
                }
            }
            let edges: Vec<_> = dedup.iter().map(|(&(a, b), &s)| (a, b, s)).collect();
            let whole = average_link(&edges, threshold);
            let block = components(&edges, threshold);
            let mut by_block: BTreeMap<Offset, Vec<(Offset, Offset, u32)>> = BTreeMap::new();
            for &(a, b, s) in &edges {
                if block[&a] == block[&b] {
                    by_block.entry(block[&a]).or_default().push((a, b, s));
                }
            }
            let mut pieces: BTreeMap<Offset, Offset> = block.keys().map(|&n| (n, n)).collect();
            for block_edges in by_block.values() {
                pieces.extend(average_link(block_edges, threshold));
            }
            prop_assert_eq!(whole, pieces);
        }
    }
}
