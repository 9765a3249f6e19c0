//! A plain all-pairs computation of an epoch's output from its live
//! window, with the same rules and guard as the dataflow: the oracle the
//! tests compare the dataflow against.

use crate::output::{claims_table, EpochOutput};
use crate::rule::{self, Offset, RuleConfig};
use concord_model::{ArticleFacts, RawDoc};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The offsets live after `epoch`: those read in the last `window` epochs.
pub fn live_range(epoch: u64, epoch_size: u64, window: u64) -> Range<u64> {
    (epoch + 1).saturating_sub(window) * epoch_size..(epoch + 1) * epoch_size
}

struct Prepared {
    offset: Offset,
    sketch: rule::Sketch,
    facts: Option<ArticleFacts>,
}

/// The output after `epoch` given the live articles (any order).
pub fn reference_epoch(
    epoch: u64,
    live: &[(Offset, RawDoc)],
    rules: &RuleConfig,
    claims: bool,
) -> EpochOutput {
    let hasher = rule::minhasher();
    let mut articles: Vec<Prepared> = live
        .iter()
        .map(|(offset, doc)| {
            let article = concord_clean::clean(doc);
            Prepared {
                offset: *offset,
                sketch: rule::sketch(*offset, &article, &hasher, rules),
                facts: claims.then(|| concord_extract::extract_facts(&article)),
            }
        })
        .collect();
    articles.sort_by_key(|a| a.offset);

    // Exact copies: the lowest offset with the same content hash.
    let mut rep_of: BTreeMap<Offset, Offset> = BTreeMap::new();
    let mut first: BTreeMap<u64, Offset> = BTreeMap::new();
    for a in &articles {
        let rep = match a.sketch.content_hash {
            Some(hash) => *first.entry(hash).or_insert(a.offset),
            None => a.offset,
        };
        rep_of.insert(a.offset, rep);
    }
    let reps: Vec<&Prepared> = articles
        .iter()
        .filter(|a| rep_of.get(&a.offset) == Some(&a.offset))
        .collect();

    // Duplicate groups: exact copies plus every near-duplicate pair.
    let mut dup_edges: Vec<(Offset, Offset)> = rep_of
        .iter()
        .filter(|(o, r)| o != r)
        .map(|(o, r)| (*r, *o))
        .collect();
    for (i, a) in reps.iter().enumerate() {
        for b in &reps[i + 1..] {
            if rule::is_near_duplicate(&a.sketch.signature, &b.sketch.signature, rules) {
                dup_edges.push((a.offset, b.offset));
            }
        }
    }
    let dup_nodes: BTreeSet<Offset> = dup_edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    let dup_labels = min_labels(&dup_nodes, &dup_edges);

    // Stories: pairs sharing a key that at most `story_bucket_cap` live
    // representatives have, similar enough, kept by the top-k guard.
    let mut key_count: BTreeMap<u64, usize> = BTreeMap::new();
    for a in &reps {
        for key in &a.sketch.profile {
            *key_count.entry(*key).or_default() += 1;
        }
    }
    let proposing: Vec<Vec<u64>> = reps
        .iter()
        .map(|a| {
            a.sketch
                .profile
                .iter()
                .copied()
                .filter(|k| {
                    key_count
                        .get(k)
                        .is_some_and(|&n| n <= rules.story_bucket_cap)
                })
                .collect()
        })
        .collect();
    let mut neighbours: BTreeMap<Offset, Vec<(u32, Offset)>> = BTreeMap::new();
    for (i, a) in reps.iter().enumerate() {
        for (j, b) in reps.iter().enumerate().skip(i + 1) {
            let (ka, kb) = (&proposing[i], &proposing[j]);
            let shared = ka.iter().filter(|k| kb.binary_search(k).is_ok()).count() as u64;
            if shared == 0 {
                continue;
            }
            let sim = rule::story_similarity(shared, ka.len() as u64, kb.len() as u64);
            if sim >= rules.story_threshold_ppm
                && rule::close_in_time(a.sketch.day, b.sketch.day, rules)
            {
                neighbours
                    .entry(a.offset)
                    .or_default()
                    .push((sim, b.offset));
                neighbours
                    .entry(b.offset)
                    .or_default()
                    .push((sim, a.offset));
            }
        }
    }
    let top: BTreeMap<Offset, Vec<Offset>> = neighbours
        .iter()
        .map(|(n, list)| (*n, rule::top_neighbours(list, rules)))
        .collect();
    let story_edges: Vec<(Offset, Offset)> = top
        .iter()
        .flat_map(|(&n, others)| others.iter().map(move |&m| (n, m)))
        .filter(|&(n, m)| n < m && top.get(&m).is_some_and(|back| back.contains(&n)))
        .collect();
    // The support guard reads the top lists sorted by offset.
    let sorted_top: BTreeMap<Offset, Vec<Offset>> = top
        .iter()
        .map(|(n, list)| {
            let mut list = list.clone();
            list.sort_unstable();
            (*n, list)
        })
        .collect();
    let no_neighbours: Vec<Offset> = Vec::new();
    let top_of = |n: &Offset| sorted_top.get(n).unwrap_or(&no_neighbours);
    let story_edges: Vec<(Offset, Offset)> = story_edges
        .into_iter()
        .filter(|(a, b)| !rules.support_guard || rule::edge_supported(top_of(a), top_of(b)))
        .collect();
    let rep_nodes: BTreeSet<Offset> = reps.iter().map(|a| a.offset).collect();
    let rep_labels = min_labels(&rep_nodes, &story_edges);
    let story_of: BTreeMap<Offset, Offset> = rep_of
        .iter()
        .filter_map(|(o, r)| rep_labels.get(r).map(|s| (*o, *s)))
        .collect();

    // Claims per story, facts in offset order.
    let mut story_facts: BTreeMap<Offset, Vec<ArticleFacts>> = BTreeMap::new();
    for a in &articles {
        if let (Some(facts), Some(story)) = (&a.facts, story_of.get(&a.offset)) {
            story_facts.entry(*story).or_default().push(facts.clone());
        }
    }
    let claims_by_story = story_facts
        .into_iter()
        .filter_map(|(story, facts)| {
            let table = claims_table(&facts)?;
            Some((story, serde_json::from_str(&table).ok()?))
        })
        .collect();

    EpochOutput::from_memberships(
        epoch,
        story_of.iter().map(|(o, s)| (*s, *o)),
        dup_labels.iter().map(|(o, l)| (*l, *o)),
        claims_by_story,
    )
}

/// Each node's label: the lowest node in its connected component.
fn min_labels(nodes: &BTreeSet<Offset>, edges: &[(Offset, Offset)]) -> BTreeMap<Offset, Offset> {
    let mut label: BTreeMap<Offset, Offset> = nodes.iter().map(|&n| (n, n)).collect();
    loop {
        let mut changed = false;
        for &(a, b) in edges {
            let (la, lb) = (label[&a], label[&b]);
            let low = la.min(lb);
            for (node, l) in [(a, la), (b, lb)] {
                if l != low {
                    label.insert(node, low);
                    changed = true;
                }
            }
        }
        if !changed {
            return label;
        }
    }
}
