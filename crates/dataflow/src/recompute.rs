//! `recompute_by_key`: a reduce for a totally ordered time whose logic
//! reads all of a key's live values and nothing of their history.
//!
//! Differential's `reduce` serves any partial order: for each key it
//! replays the key's whole history of updates at every time the key
//! changes, arranges its input and its own output, and compares the new
//! output with the old one through that arrangement. With epochs (a total
//! order) and logic that needs only the values live now, a key's state is
//! a multiset of its values and the output last reported for it; an
//! epoch's work is the keys it touched. Two reduces became this: the one
//! key of all live strong pairs (the blocks: 12% of a one-worker run's
//! CPU, three times the union-find's own cost) and the block clustering.
//! Epochs are complete when the input frontier passes them.

use crate::graph::Epoch;
use differential_dataflow::collection::{AsCollection, VecCollection};
use differential_dataflow::hashable::Hashable;
use differential_dataflow::ExchangeData;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::hash::Hash;
use timely::dataflow::channels::pact::Exchange;
use timely::dataflow::operators::generic::Operator;
use timely::dataflow::operators::Capability;

/// For each key whose values changed in an epoch, `logic(key, values)`
/// on the values live after it (each once, however many times it is
/// present; in no particular order), and the difference between that and
/// the key's last output. A key's values and its outputs live on the
/// worker its hash picks.
pub fn recompute_by_key<'scope, K, V, O, L>(
    input: VecCollection<'scope, Epoch, (K, V), isize>,
    name: &str,
    mut logic: L,
) -> VecCollection<'scope, Epoch, O, isize>
where
    K: ExchangeData + Hash,
    V: ExchangeData + Hash,
    O: ExchangeData,
    L: FnMut(&K, Vec<V>) -> Vec<O> + 'static,
{
    let by_key = Exchange::new(|((key, _), _, _): &((K, V), Epoch, isize)| key.hashed());
    input
        .inner
        .unary_frontier(by_key, name, move |_capability, _info| {
            let mut keys: FxHashMap<K, KeyState<V, O>> = FxHashMap::default();
            let mut pending: BTreeMap<Epoch, Pending<K, V>> = BTreeMap::new();
            move |(input, frontier), output| {
                input.for_each(|capability, data| {
                    for ((key, value), time, diff) in data.drain(..) {
                        pending
                            .entry(time)
                            .or_insert_with(|| (capability.delayed(&time, 0), Vec::new()))
                            .1
                            .push((key, value, diff));
                    }
                });
                while let Some(entry) = pending.first_entry() {
                    if frontier.less_equal(entry.key()) {
                        break;
                    }
                    let (time, (capability, updates)) = entry.remove_entry();
                    let mut touched: FxHashSet<K> = FxHashSet::default();
                    for (key, value, diff) in updates {
                        let state = keys.entry(key.clone()).or_default();
                        let count = state.live.entry(value).or_insert(0);
                        *count += diff;
                        touched.insert(key);
                    }
                    let mut session = output.session(&capability);
                    for key in touched {
                        let Some(state) = keys.get_mut(&key) else {
                            continue;
                        };
                        state.live.retain(|_, count| *count != 0);
                        // A negative count cannot come from a consistent
                        // history; such a value is not live.
                        let values: Vec<V> = state
                            .live
                            .iter()
                            .filter(|(_, &count)| count > 0)
                            .map(|(value, _)| value.clone())
                            .collect();
                        let mut now = if values.is_empty() {
                            Vec::new()
                        } else {
                            logic(&key, values)
                        };
                        now.sort_unstable();
                        now.dedup();
                        for (record, diff) in changes(&state.output, &now) {
                            session.give((record, time, diff));
                        }
                        state.output = now;
                        if state.live.is_empty() {
                            keys.remove(&key);
                        }
                    }
                }
            }
        })
        .as_collection()
}

type Pending<K, V> = (Capability<Epoch>, Vec<(K, V, isize)>);

/// A key's live values (with their counts) and its last output, sorted.
struct KeyState<V, O> {
    live: FxHashMap<V, isize>,
    output: Vec<O>,
}

impl<V, O> Default for KeyState<V, O> {
    fn default() -> Self {
        KeyState {
            live: FxHashMap::default(),
            output: Vec::new(),
        }
    }
}

/// What turns sorted, distinct `old` into sorted, distinct `new`:
/// retractions of what only `old` has, insertions of what only `new` has.
fn changes<O: Ord + Clone>(old: &[O], new: &[O]) -> Vec<(O, isize)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                out.push((a.clone(), -1));
                i += 1;
            }
            (Some(_), Some(b)) => {
                out.push((b.clone(), 1));
                j += 1;
            }
            (Some(a), None) => {
                out.push((a.clone(), -1));
                i += 1;
            }
            (None, Some(b)) => {
                out.push((b.clone(), 1));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use differential_dataflow::input::Input;
    use proptest::prelude::*;
    use std::cell::RefCell;
    use std::collections::BTreeSet;
    use std::rc::Rc;
    use timely::dataflow::operators::{Inspect, Probe};

    type Outputs = Rc<RefCell<Vec<((u8, u32), Epoch, isize)>>>;
    /// One epoch's accumulated outputs: by `reduce`, by `recompute_by_key`.
    type Both = (BTreeSet<(u8, u32)>, BTreeSet<(u8, u32)>);

    /// The epochs' updates through `reduce` and through
    /// `recompute_by_key`, on one worker, with logic that reads the live
    /// values of a key (a sum and a count, so any value's presence
    /// matters); each epoch's accumulated outputs of both.
    fn run_both(epochs: Vec<Vec<(u8, u32, isize)>>) -> Vec<Both> {
        timely::execute_directly(move |worker| {
            let by_reduce: Outputs = Rc::default();
            let by_recompute: Outputs = Rc::default();
            let (reduce_out, recompute_out) = (by_reduce.clone(), by_recompute.clone());
            let probe = timely::dataflow::operators::probe::Handle::new();
            let mut input = worker.dataflow::<Epoch, _, _>(|scope| {
                let (handle, values) = scope.new_collection::<(u8, u32), isize>();
                let summary = |values: &[u32]| {
                    vec![values.iter().sum::<u32>() * 100 + 7, values.len() as u32]
                };
                values
                    .clone()
                    .reduce(move |_key, input, output| {
                        let live: Vec<u32> = input.iter().map(|(v, _)| **v).collect();
                        for x in summary(&live) {
                            output.push((x, 1));
                        }
                    })
                    .inner
                    .inspect(move |u: &((u8, u32), Epoch, isize)| reduce_out.borrow_mut().push(*u))
                    .probe_with(&probe);
                recompute_by_key(values, "Test", move |&key, live| {
                    summary(&live).into_iter().map(|x| (key, x)).collect()
                })
                .inner
                .inspect(move |u: &((u8, u32), Epoch, isize)| recompute_out.borrow_mut().push(*u))
                .probe_with(&probe);
                handle
            });
            let mut seen = Vec::new();
            for (epoch, updates) in epochs.into_iter().enumerate() {
                let epoch = epoch as Epoch;
                input.advance_to(epoch);
                for (key, value, diff) in updates {
                    input.update((key, value), diff);
                }
                input.advance_to(epoch + 1);
                input.flush();
                worker.step_while(|| probe.less_than(&(epoch + 1)));
                let total = |outputs: &Outputs| {
                    let mut counts: BTreeMap<(u8, u32), isize> = BTreeMap::new();
                    for &(record, _, diff) in outputs.borrow().iter() {
                        *counts.entry(record).or_insert(0) += diff;
                    }
                    counts
                        .into_iter()
                        .filter(|&(_, count)| count != 0)
                        .map(|(record, count)| {
                            assert_eq!(count, 1, "{record:?}");
                            record
                        })
                        .collect::<BTreeSet<_>>()
                };
                seen.push((total(&by_reduce), total(&by_recompute)));
            }
            seen
        })
    }

    /// Epochs of inserts of absent values and retractions of present ones
    /// (so no value is present twice and the two agree on multiplicity).
    fn epochs() -> impl Strategy<Value = Vec<Vec<(u8, u32, isize)>>> {
        proptest::collection::vec(proptest::collection::vec((0u8..4, 0u32..12), 0..10), 1..8)
            .prop_map(|epochs| {
                let mut live: BTreeSet<(u8, u32)> = BTreeSet::new();
                epochs
                    .into_iter()
                    .map(|touches| {
                        let mut updates = Vec::new();
                        let mut touched = BTreeSet::new();
                        for (key, value) in touches {
                            if !touched.insert((key, value)) {
                                continue;
                            }
                            if live.remove(&(key, value)) {
                                updates.push((key, value, -1));
                            } else {
                                live.insert((key, value));
                                updates.push((key, value, 1));
                            }
                        }
                        updates
                    })
                    .collect()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn recompute_by_key_answers_as_reduce_after_every_epoch(epochs in epochs()) {
            for (by_reduce, by_recompute) in run_both(epochs) {
                prop_assert_eq!(by_recompute, by_reduce);
            }
        }
    }

    proptest! {
        #[test]
        fn changes_turn_the_old_output_into_the_new(
            old in proptest::collection::btree_set(0u8..40, 0..30),
            new in proptest::collection::btree_set(0u8..40, 0..30),
        ) {
            let old: Vec<u8> = old.into_iter().collect();
            let new: Vec<u8> = new.into_iter().collect();
            let mut total: BTreeMap<u8, isize> = old.iter().map(|&x| (x, 1)).collect();
            for (x, diff) in changes(&old, &new) {
                *total.entry(x).or_insert(0) += diff;
            }
            let total: BTreeSet<u8> = total
                .into_iter()
                .filter(|&(_, count)| {
                    assert!(count == 0 || count == 1);
                    count == 1
                })
                .map(|(x, _)| x)
                .collect();
            prop_assert_eq!(total, new.into_iter().collect::<BTreeSet<u8>>());
        }
    }
}
