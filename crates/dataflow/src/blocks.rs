//! The blocks operator: the connected components of the live strong pairs,
//! kept on one worker and recomputed when an epoch completes.
//!
//! A `reduce` on one key did the same job, but differential's reduce
//! replays the key's whole input history at every epoch, arranges that
//! input and its own output, and then compares the new output with the old
//! one: 12% of a one-worker run's CPU, three times the union-find's own
//! cost. Here the live pairs are a plain multiset, the previous answer a
//! plain map, and an epoch's output is only the assignments that changed.
//! Epochs are totally ordered, so "every update of epoch `t` is in" is the
//! input frontier passing `t`.

use crate::graph::Epoch;
use crate::rule::Offset;
use differential_dataflow::collection::{AsCollection, VecCollection};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use timely::dataflow::channels::pact::Exchange;
use timely::dataflow::operators::generic::Operator;
use timely::dataflow::operators::Capability;

type Update<D> = (D, Epoch, isize);
type PairUpdates = Vec<((Offset, Offset), isize)>;

/// `(node, block)` for every node of `pairs` (a node's pair with itself
/// makes it a node), the block named as [`crate::linkage::components`]
/// names it; updated at each epoch in which `pairs` changed.
pub fn blocks<'scope>(
    pairs: VecCollection<'scope, Epoch, (Offset, Offset), isize>,
) -> VecCollection<'scope, Epoch, (Offset, u64), isize> {
    let to_one_worker = Exchange::new(|_: &Update<(Offset, Offset)>| 0u64);
    pairs
        .inner
        .unary_frontier(to_one_worker, "Blocks", |_capability, _info| {
            let mut state = Blocks::default();
            let mut pending: BTreeMap<Epoch, (Capability<Epoch>, PairUpdates)> = BTreeMap::new();
            move |(input, frontier), output| {
                input.for_each(|capability, data| {
                    for (pair, time, diff) in data.drain(..) {
                        pending
                            .entry(time)
                            .or_insert_with(|| (capability.delayed(&time, 0), Vec::new()))
                            .1
                            .push((pair, diff));
                    }
                });
                while let Some(entry) = pending.first_entry() {
                    if frontier.less_equal(entry.key()) {
                        break;
                    }
                    let (time, (capability, updates)) = entry.remove_entry();
                    let changes = state.apply(updates);
                    let mut session = output.session(&capability);
                    for (assignment, diff) in changes {
                        session.give((assignment, time, diff));
                    }
                }
            }
        })
        .as_collection()
}

/// The live pairs and the blocks last reported for them.
#[derive(Default)]
struct Blocks {
    live: FxHashMap<(Offset, Offset), isize>,
    reported: FxHashMap<Offset, u64>,
}

impl Blocks {
    /// Apply one epoch's pair updates; the `(node, block)` changes, as
    /// retractions of the old and insertions of the new assignments.
    fn apply(&mut self, updates: PairUpdates) -> Vec<((Offset, u64), isize)> {
        for (pair, diff) in updates {
            let count = self.live.entry(pair).or_insert(0);
            *count += diff;
            if *count == 0 {
                self.live.remove(&pair);
            }
        }
        // A multiset with negative counts cannot come from a collection
        // whose history is consistent; such pairs are not live.
        let pairs = self
            .live
            .iter()
            .filter(|(_, &count)| count > 0)
            .map(|(&pair, _)| pair);
        let now = crate::linkage::components(pairs);
        let mut changes = Vec::new();
        let mut still: FxHashMap<Offset, u64> =
            FxHashMap::with_capacity_and_hasher(now.len(), Default::default());
        for &(node, block) in &now {
            match self.reported.get(&node) {
                Some(&old) if old == block => {}
                Some(&old) => {
                    changes.push(((node, old), -1));
                    changes.push(((node, block), 1));
                }
                None => changes.push(((node, block), 1)),
            }
            still.insert(node, block);
        }
        for (&node, &old) in &self.reported {
            if !still.contains_key(&node) {
                changes.push(((node, old), -1));
            }
        }
        self.reported = still;
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn apply_all(
        state: &mut Blocks,
        updates: &[((Offset, Offset), isize)],
    ) -> BTreeSet<(Offset, u64)> {
        state.apply(updates.to_vec());
        state.reported.iter().map(|(&n, &b)| (n, b)).collect()
    }

    #[test]
    fn changes_add_up_to_the_components_of_the_live_pairs() {
        let mut state = Blocks::default();
        let mut total: BTreeMap<(Offset, u64), isize> = BTreeMap::new();
        let epochs: Vec<Vec<((Offset, Offset), isize)>> = vec![
            vec![((1, 1), 1), ((2, 2), 1), ((3, 3), 1), ((1, 2), 1)],
            vec![((2, 3), 1), ((4, 4), 1)],
            // The bridge leaves: 3 splits off again; 1 leaves altogether.
            vec![((2, 3), -1), ((1, 1), -1), ((1, 2), -1)],
            vec![((1, 2), 1), ((1, 2), -1)],
        ];
        let mut live: Vec<((Offset, Offset), isize)> = Vec::new();
        for updates in epochs {
            for (assignment, diff) in state.apply(updates.clone()) {
                *total.entry(assignment).or_insert(0) += diff;
            }
            total.retain(|_, d| *d != 0);
            live.extend(updates);
            let mut counts: BTreeMap<(Offset, Offset), isize> = BTreeMap::new();
            for (pair, d) in &live {
                *counts.entry(*pair).or_insert(0) += d;
            }
            let pairs: Vec<(Offset, Offset)> = counts
                .into_iter()
                .filter(|(_, c)| *c > 0)
                .map(|(p, _)| p)
                .collect();
            let expected: BTreeMap<(Offset, u64), isize> = crate::linkage::components(pairs)
                .into_iter()
                .map(|a| (a, 1))
                .collect();
            assert_eq!(total, expected);
        }
        assert_eq!(
            apply_all(&mut state, &[]),
            crate::linkage::components([(2, 2), (3, 3), (4, 4)])
                .into_iter()
                .collect()
        );
    }
}
