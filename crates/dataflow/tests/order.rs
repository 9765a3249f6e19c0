//! Property: the worker count and the order in which an epoch's articles
//! arrive do not change the stories, duplicate groups or claims (compared
//! by document id, since offsets follow arrival).

mod common;

use concord_dataflow::EpochOutput;
use concord_model::RawDoc;
use proptest::prelude::*;
use std::collections::BTreeSet;

type Canonical = (
    BTreeSet<BTreeSet<String>>,
    BTreeSet<BTreeSet<String>>,
    BTreeSet<(BTreeSet<String>, Vec<(String, String, String, usize)>)>,
);

/// An epoch's output with offsets replaced by document ids.
fn canonical(out: &EpochOutput, docs: &[RawDoc]) -> Canonical {
    let ids = |offsets: &[u64]| -> BTreeSet<String> {
        offsets
            .iter()
            .map(|&o| docs[o as usize].id.clone())
            .collect()
    };
    let stories = out.stories.iter().map(|s| ids(&s.articles)).collect();
    let dups = out.duplicate_groups.iter().map(|g| ids(g)).collect();
    let claims = out
        .claims
        .iter()
        .map(|(story, table)| {
            let members = out
                .stories
                .iter()
                .find(|s| s.id == *story)
                .map(|s| ids(&s.articles))
                .unwrap_or_default();
            let mut rows: Vec<(String, String, String, usize)> = table
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    (
                        c["subject"].to_string(),
                        c["unit"].to_string(),
                        c["status"].to_string(),
                        c["values"].as_array().map_or(0, Vec::len),
                    )
                })
                .collect();
            rows.sort();
            (members, rows)
        })
        .collect();
    (stories, dups, claims)
}

const EPOCH: usize = 4;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]
    #[test]
    fn workers_and_arrival_order_within_an_epoch_do_not_matter(
        seed in any::<u64>(),
        threads in 1usize..=3,
    ) {
        let docs = common::fixture_docs();
        let n = docs.len() - docs.len() % EPOCH;
        let docs = &docs[..n];
        // Shuffle within each epoch (a deterministic permutation from the seed).
        let mut shuffled = docs.to_vec();
        for (e, chunk) in shuffled.chunks_mut(EPOCH).enumerate() {
            let mut keyed: Vec<(u64, RawDoc)> = chunk
                .iter()
                .enumerate()
                .map(|(i, d)| ((seed ^ (e * EPOCH + i) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15), d.clone()))
                .collect();
            keyed.sort_by_key(|(k, _)| *k);
            for (slot, (_, d)) in chunk.iter_mut().zip(keyed) {
                *slot = d;
            }
        }
        let base = common::check(docs, EPOCH as u64, 2, 1);
        let other = common::check(&shuffled, EPOCH as u64, 2, threads);
        for (a, b) in base.iter().zip(&other) {
            prop_assert_eq!(canonical(a, docs), canonical(b, &shuffled));
        }
    }
}
