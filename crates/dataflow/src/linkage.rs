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
use std::collections::BTreeMap;

/// A node's number inside one `average_link` call.
type Node = u32;

/// `sum_a / pairs_a` against `sum_b / pairs_b`, exactly: in 64 bits while
/// the products fit (they do for any block of a few hundred thousand
/// pairs), else in 128.
fn cmp_average((sum_a, pairs_a): (u64, u64), (sum_b, pairs_b): (u64, u64)) -> Ordering {
    match (sum_a.checked_mul(pairs_b), sum_b.checked_mul(pairs_a)) {
        (Some(left), Some(right)) => left.cmp(&right),
        _ => (u128::from(sum_a) * u128::from(pairs_b))
            .cmp(&(u128::from(sum_b) * u128::from(pairs_a))),
    }
}

/// Clusters while they merge: each one's links (the sum of its pairs'
/// similarities to each other cluster), size and members, numbered by
/// their lowest node.
struct Clusters {
    links: Vec<FxHashMap<Node, u64>>,
    /// 0 once a cluster is merged away.
    size: Vec<u64>,
    members: Vec<Vec<Node>>,
    threshold: u64,
}

impl Clusters {
    fn new(n: usize, threshold_ppm: u32) -> Clusters {
        Clusters {
            links: vec![FxHashMap::default(); n],
            size: vec![1; n],
            members: (0..n as Node).map(|i| vec![i]).collect(),
            threshold: u64::from(threshold_ppm),
        }
    }

    fn reaches(&self, sum: u64, pairs: u64) -> bool {
        u128::from(sum) >= u128::from(self.threshold) * u128::from(pairs)
    }

    /// `b` joins `a` (`a < b`, so `a` stays the lowest member).
    fn merge(&mut self, a: Node, b: Node) {
        let (ia, ib) = (a as usize, b as usize);
        let b_links = std::mem::take(&mut self.links[ib]);
        for (&other, &sum) in &b_links {
            if other == a {
                continue;
            }
            let other_links = &mut self.links[other as usize];
            other_links.remove(&b);
            *other_links.entry(a).or_insert(0) += sum;
            *self.links[ia].entry(other).or_insert(0) += sum;
        }
        self.links[ia].remove(&b);
        self.size[ia] += self.size[ib];
        self.size[ib] = 0;
        let moved = std::mem::take(&mut self.members[ib]);
        self.members[ia].extend(moved);
    }

    /// `x`'s nearest cluster (highest average) at or above the threshold
    /// and not done; between equals `prefer` (the chain's previous
    /// cluster), then the lowest number.
    fn nearest(&self, x: Node, prefer: Option<Node>, done: &[bool]) -> Option<Node> {
        let size_x = self.size[x as usize];
        let mut best: Option<(u64, u64, Node)> = None;
        for (&y, &sum) in &self.links[x as usize] {
            let pairs = size_x * self.size[y as usize];
            if done[y as usize] || !self.reaches(sum, pairs) {
                continue;
            }
            let better = match best {
                None => true,
                Some((best_sum, best_pairs, best_y)) => {
                    match cmp_average((sum, pairs), (best_sum, best_pairs)) {
                        Ordering::Greater => true,
                        Ordering::Less => false,
                        Ordering::Equal => {
                            Some(best_y) != prefer && (Some(y) == prefer || y < best_y)
                        }
                    }
                }
            };
            if better {
                best = Some((sum, pairs, y));
            }
        }
        best.map(|(_, _, y)| y)
    }
}

/// Average-link clusters of the nodes of `edges` (`(a, b, similarity in
/// ppm)`, any order; a self pair or a repeated pair counts once, the last
/// one), merged while the best average is at least `threshold_ppm`.
/// Returns each node's story: the lowest node of its cluster.
///
/// By nearest-neighbour chains: follow each cluster to its nearest until
/// two are each other's nearest, merge them, and go on from the chain's
/// rest; a cluster with no neighbour at the threshold is done, because
/// average link is reducible (a merged cluster is never nearer to a third
/// than the nearer of its parts), so nothing brings it back above. That
/// gives the merges of always taking the globally best pair (the heap
/// version, kept in the tests as the oracle) without the heap's O(n² log n)
/// traffic on dense blocks, which was a seventh of `concord cluster`'s
/// CPU; only a tie can be broken otherwise, the same way on every worker
/// and in the reference.
pub fn average_link(
    edges: &[(Offset, Offset, u32)],
    threshold_ppm: u32,
) -> BTreeMap<Offset, Offset> {
    let (nodes, mut clusters) = start(edges, threshold_ppm);
    let mut done = vec![false; nodes.len()];
    let mut chain: Vec<Node> = Vec::new();
    // Until every cluster is done: a merge can empty the chain and leave a
    // grown cluster (maybe one passed already) with neighbours to take.
    let mut started = true;
    while started {
        started = false;
        for first in 0..nodes.len() as Node {
            while !done[first as usize] && clusters.size[first as usize] > 0 {
                started = true;
                chain.push(first);
                while let Some(&x) = chain.last() {
                    let previous = chain.len().checked_sub(2).map(|i| chain[i]);
                    match clusters.nearest(x, previous, &done) {
                        None => {
                            done[x as usize] = true;
                            chain.pop();
                        }
                        Some(y) if Some(y) == previous => {
                            chain.truncate(chain.len() - 2);
                            clusters.merge(x.min(y), x.max(y));
                        }
                        Some(y) => chain.push(y),
                    }
                }
            }
        }
    }
    stories(&nodes, &clusters)
}

/// Nodes numbered in offset order (a cluster's lowest number is its
/// lowest offset), each its own cluster, linked by its pairs.
fn start(edges: &[(Offset, Offset, u32)], threshold_ppm: u32) -> (Vec<Offset>, Clusters) {
    let mut nodes: Vec<Offset> = edges.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let mut clusters = Clusters::new(nodes.len(), threshold_ppm);
    let id = |offset: Offset| nodes.binary_search(&offset).ok().map(|i| i as Node);
    for &(a, b, sim) in edges {
        if let (Some(a), Some(b)) = (id(a), id(b)) {
            if a != b {
                clusters.links[a as usize].insert(b, u64::from(sim));
                clusters.links[b as usize].insert(a, u64::from(sim));
            }
        }
    }
    (nodes, clusters)
}

/// Each node's story: the lowest node of its cluster.
fn stories(nodes: &[Offset], clusters: &Clusters) -> BTreeMap<Offset, Offset> {
    let mut stories = BTreeMap::new();
    for (story, cluster) in clusters.members.iter().enumerate() {
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
pub fn components(pairs: impl IntoIterator<Item = (Offset, Offset)>) -> Vec<(Offset, u64)> {
    let mut named = least_in_component(pairs, rule::scramble);
    named.sort_unstable();
    named
}

/// A spanning forest of `pairs`: each node paired with the least node of
/// its component. It connects exactly what `pairs` connects, in at most
/// one pair per node, so [`components`] of the forests of any split of
/// the pairs equals [`components`] of them all.
pub fn forest(pairs: impl IntoIterator<Item = (Offset, Offset)>) -> Vec<(Offset, Offset)> {
    least_in_component(pairs, |offset| offset)
}

/// Each node of `pairs` with the least `key` of its component's members.
fn least_in_component(
    pairs: impl IntoIterator<Item = (Offset, Offset)>,
    key: impl Fn(Offset) -> u64,
) -> Vec<(Offset, u64)> {
    let (nodes, mut parent) = union_find(pairs);
    let mut least: Vec<u64> = vec![u64::MAX; nodes.len()];
    for (n, &offset) in nodes.iter().enumerate() {
        let r = root(&mut parent, n);
        least[r] = least[r].min(key(offset));
    }
    (0..nodes.len())
        .map(|n| (nodes[n], least[root(&mut parent, n)]))
        .collect()
}

/// The nodes of `pairs` (numbered by hash as they come: sorting every
/// endpoint to binary search it cost more than the union-find itself)
/// and their union-find parents.
fn union_find(pairs: impl IntoIterator<Item = (Offset, Offset)>) -> (Vec<Offset>, Vec<usize>) {
    let mut id: FxHashMap<Offset, usize> = FxHashMap::default();
    let mut nodes: Vec<Offset> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut node_id = |offset: Offset, nodes: &mut Vec<Offset>, parent: &mut Vec<usize>| {
        *id.entry(offset).or_insert_with(|| {
            nodes.push(offset);
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    for (a, b) in pairs {
        let a = node_id(a, &mut nodes, &mut parent);
        let b = node_id(b, &mut nodes, &mut parent);
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    (nodes, parent)
}

fn root(parent: &mut [usize], mut n: usize) -> usize {
    while parent[n] != n {
        parent[n] = parent[parent[n]];
        n = parent[n];
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    /// A possible merge of clusters `a < b`: the sum of their pairs'
    /// similarities over the number of pairs.
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
            cmp_average((self.sum, self.pairs), (other.sum, other.pairs))
                .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
        }
    }

    impl PartialOrd for Merge {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }

    /// The oracle: always merge the globally best pair (a heap with lazy
    /// deletion).
    fn average_link_greedy(
        edges: &[(Offset, Offset, u32)],
        threshold_ppm: u32,
    ) -> BTreeMap<Offset, Offset> {
        let (nodes, mut clusters) = start(edges, threshold_ppm);
        let mut heap = BinaryHeap::new();
        for (a, others) in clusters.links.iter().enumerate() {
            for (&b, &sum) in others {
                if b > a as Node && clusters.reaches(sum, 1) {
                    let a = a as Node;
                    heap.push(Merge {
                        sum,
                        pairs: 1,
                        a,
                        b,
                    });
                }
            }
        }
        while let Some(m) = heap.pop() {
            let (size_a, size_b) = (clusters.size[m.a as usize], clusters.size[m.b as usize]);
            let current = clusters.links[m.a as usize].get(&m.b).copied();
            if size_a == 0 || size_b == 0 || current != Some(m.sum) || size_a * size_b != m.pairs {
                continue;
            }
            clusters.merge(m.a, m.b);
            let grown = clusters.size[m.a as usize];
            let mut pushes = Vec::new();
            for (&other, &sum) in &clusters.links[m.a as usize] {
                let pairs = grown * clusters.size[other as usize];
                if clusters.reaches(sum, pairs) {
                    let (a, b) = (m.a.min(other), m.a.max(other));
                    pushes.push(Merge { sum, pairs, a, b });
                }
            }
            heap.extend(pushes);
        }
        super::stories(&nodes, &clusters)
    }

    #[test]
    fn chains_merge_as_the_global_best_pair_does() {
        // Deterministic random blocks, dense and sparse (not proptest: a
        // tie between two averages may be broken otherwise by the two, and
        // must not make a run flaky); similarities are drawn from a million
        // values, so ties are rare.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        for case in 0..400 {
            let n = 2 + next(40);
            let density = 1 + next(100);
            let mut edges = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    if next(100) < density {
                        edges.push((a * 3, b * 3, next(1_000_000) as u32));
                    }
                }
            }
            let threshold = 10_000 + next(400_000) as u32;
            assert_eq!(
                average_link(&edges, threshold),
                average_link_greedy(&edges, threshold),
                "case {case}"
            );
        }
    }

    use proptest::prelude::*;
    use std::collections::BTreeSet;
    use std::collections::BinaryHeap;

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
        /// The dataflow names blocks from the forests of shards of the
        /// pairs: whatever the split, the names are those of all pairs.
        #[test]
        fn forests_of_any_split_give_the_components_of_the_whole(
            pairs in proptest::collection::vec((0u64..40, 0u64..40), 0..120),
            shard_of in proptest::collection::vec(0usize..5, 120),
        ) {
            let mut shards: Vec<Vec<(Offset, Offset)>> = vec![Vec::new(); 5];
            for (i, &pair) in pairs.iter().enumerate() {
                shards[shard_of[i]].push(pair);
            }
            let forests: Vec<(Offset, Offset)> =
                shards.into_iter().flat_map(forest).collect();
            prop_assert!(forests.len() <= 2 * pairs.len());
            prop_assert_eq!(components(forests), components(pairs));
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
            let block: BTreeMap<Offset, u64> = components(pairs.iter().copied()).into_iter().collect();
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
