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

use crate::rule::{self, Offset};
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

/// A node's number inside one `average_link` call.
type Node = u32;

/// A possible merge of clusters `a < b` (each named by its lowest member):
/// the sum of their pairs' similarities over the number of pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Merge {
    sum: u64,
    pairs: u64,
    a: Node,
    b: Node,
}

impl Ord for Merge {
    /// Higher average first; between equals, the lower pair of names.
    fn cmp(&self, other: &Self) -> Ordering {
        // In 64 bits while the products fit (they do for any block of a
        // few hundred thousand pairs): the heap compares on every pop.
        let by_average = match (
            self.sum.checked_mul(other.pairs),
            other.sum.checked_mul(self.pairs),
        ) {
            (Some(left), Some(right)) => left.cmp(&right),
            _ => (u128::from(self.sum) * u128::from(other.pairs))
                .cmp(&(u128::from(other.sum) * u128::from(self.pairs))),
        };
        by_average.then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
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
///
/// Nodes are numbered in offset order, so a cluster's lowest number is its
/// lowest offset, and its links are hashed: the order they are visited in
/// changes nothing, as link sums are added and the heap's order is total.
pub fn average_link(
    edges: &[(Offset, Offset, u32)],
    threshold_ppm: u32,
) -> BTreeMap<Offset, Offset> {
    let mut nodes: Vec<Offset> = edges.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let id = |offset: Offset| nodes.binary_search(&offset).ok().map(|i| i as Node);
    let mut links: Vec<FxHashMap<Node, u64>> = vec![FxHashMap::default(); nodes.len()];
    for &(a, b, sim) in edges {
        if let (Some(a), Some(b)) = (id(a), id(b)) {
            if a != b {
                links[a as usize].insert(b, u64::from(sim));
                links[b as usize].insert(a, u64::from(sim));
            }
        }
    }
    let threshold = u64::from(threshold_ppm);
    let reaches =
        |sum: u64, pairs: u64| u128::from(sum) >= u128::from(threshold) * u128::from(pairs);
    // 0 once a cluster is merged away.
    let mut size: Vec<u64> = vec![1; nodes.len()];
    let mut members: Vec<Vec<Node>> = (0..nodes.len() as Node).map(|n| vec![n]).collect();
    let mut first: Vec<Merge> = Vec::new();
    for (a, others) in links.iter().enumerate() {
        let a = a as Node;
        for (&b, &sum) in others {
            if b > a && reaches(sum, 1) {
                first.push(Merge {
                    sum,
                    pairs: 1,
                    a,
                    b,
                });
            }
        }
    }
    let mut heap = BinaryHeap::from(first);
    while let Some(merge) = heap.pop() {
        let (a, b) = (merge.a as usize, merge.b as usize);
        let (size_a, size_b) = (size[a], size[b]);
        if size_a == 0 || size_b == 0 {
            continue; // one side was merged away
        }
        if links[a].get(&merge.b) != Some(&merge.sum) || size_a * size_b != merge.pairs {
            continue; // stale: either side has grown since
        }
        // `b` joins `a` (a < b, so `a` stays the lowest member).
        let b_links = std::mem::take(&mut links[b]);
        for (&other, &sum) in &b_links {
            if other == merge.a {
                continue;
            }
            let other_links = &mut links[other as usize];
            other_links.remove(&merge.b);
            *other_links.entry(merge.a).or_insert(0) += sum;
            *links[a].entry(other).or_insert(0) += sum;
        }
        links[a].remove(&merge.b);
        size[b] = 0;
        let grown = size_a + size_b;
        size[a] = grown;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        for (&other, &sum) in &links[a] {
            let pairs = grown * size[other as usize];
            if reaches(sum, pairs) {
                heap.push(Merge {
                    sum,
                    pairs,
                    a: merge.a.min(other),
                    b: merge.a.max(other),
                });
            }
        }
    }
    let mut stories = BTreeMap::new();
    for (story, cluster) in members.iter().enumerate() {
        for &node in cluster {
            stories.insert(nodes[node as usize], nodes[story]);
        }
    }
    stories
}

/// The connected components of `pairs` (a pair `(n, n)` is a node of its
/// own), each node with its component's name: the least
/// [`rule::scramble`] of its members. Not the least offset: the oldest
/// article leaves with every window step, and a new name re-keys every pair
/// of the block; the least of random numbers changes only when that member
/// leaves or a lesser one arrives. Two components that draw one name are
/// clustered together, which is still exact.
pub fn components(pairs: &[(Offset, Offset)]) -> Vec<(Offset, u64)> {
    let mut nodes: Vec<Offset> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let id = |offset: Offset| nodes.binary_search(&offset).unwrap_or(0);
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(parent: &mut [usize], mut n: usize) -> usize {
        while parent[n] != n {
            parent[n] = parent[parent[n]];
            n = parent[n];
        }
        n
    }
    for &(a, b) in pairs {
        let (ra, rb) = (root(&mut parent, id(a)), root(&mut parent, id(b)));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut name: Vec<u64> = vec![u64::MAX; nodes.len()];
    for (n, &offset) in nodes.iter().enumerate() {
        let r = root(&mut parent, n);
        name[r] = name[r].min(rule::scramble(offset));
    }
    (0..nodes.len())
        .map(|n| (nodes[n], name[root(&mut parent, n)]))
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

    /// Components of the pairs at or above the threshold, by relabelling
    /// to the least until nothing changes.
    fn min_labels(edges: &[(Offset, Offset, u32)], threshold: u32) -> BTreeMap<Offset, Offset> {
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
            // The blocks as the dataflow names them: every node, and the
            // strong pairs.
            let pairs: Vec<(Offset, Offset)> = edges
                .iter()
                .flat_map(|&(a, b, s)| {
                    let strong = (s >= threshold).then_some((a, b));
                    [(a, a), (b, b)].into_iter().chain(strong)
                })
                .collect();
            let block: BTreeMap<Offset, u64> = components(&pairs).into_iter().collect();
            // The same partition as relabelling to the least.
            let least = min_labels(&edges, threshold);
            for (&a, &la) in &least {
                for (&b, &lb) in &least {
                    prop_assert_eq!(la == lb, block[&a] == block[&b]);
                }
            }
            let mut by_block: BTreeMap<u64, Vec<(Offset, Offset, u32)>> = BTreeMap::new();
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
