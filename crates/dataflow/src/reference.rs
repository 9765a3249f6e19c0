//! A plain all-pairs computation of an epoch's output from its live
//! window, with the same rules and guard as the dataflow: the oracle the
//! tests compare the dataflow against.

use crate::output::{story_tables, EpochOutput, StoryFacts, StoryTables};
use crate::rule::{self, Offset, RuleConfig};
use concord_model::RawDoc;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The offsets live after `epoch`: those read in the last `window` epochs.
pub fn live_range(epoch: u64, epoch_size: u64, window: u64) -> Range<u64> {
    (epoch + 1).saturating_sub(window) * epoch_size..(epoch + 1) * epoch_size
}

/// The offsets an epoch's output depends on: the live articles and those
/// they were weighed against when they arrived (the `window` epochs up to
/// each one's own), so `2·window − 1` epochs.
pub fn needed_range(epoch: u64, epoch_size: u64, window: u64) -> Range<u64> {
    live_range(epoch, epoch_size, (2 * window).saturating_sub(1))
}

struct Prepared {
    offset: Offset,
    sketch: rule::Sketch,
    facts: Option<StoryFacts>,
}

/// The output after `epoch` of `epoch_size` offsets, articles live
/// `window` epochs, given (any order) at least the articles of
/// [`needed_range`].
pub fn reference_epoch(
    epoch: u64,
    docs: &[(Offset, RawDoc)],
    (epoch_size, window): (u64, u64),
    rules: &RuleConfig,
    claims: bool,
) -> EpochOutput {
    let hasher = rule::minhasher();
    let live = live_range(epoch, epoch_size, window);
    let mut all: Vec<Prepared> = docs
        .iter()
        .map(|(offset, doc)| {
            let article = concord_clean::clean(doc);
            Prepared {
                offset: *offset,
                sketch: rule::sketch(*offset, &article, &hasher, rules),
                facts: (claims && live.contains(offset)).then(|| StoryFacts::of(&article)),
            }
        })
        .collect();
    all.sort_by_key(|a| a.offset);
    let (articles, earlier): (Vec<Prepared>, Vec<Prepared>) =
        all.into_iter().partition(|a| live.contains(&a.offset));

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

    // Stories: each representative weighed against the document counts
    // of the window it arrived in (every article read in its epoch and the
    // `window − 1` before), its proposing terms with them, every pair
    // sharing a proposing term compared, then average link over all of
    // them at once (the dataflow clusters block by block).
    let arrival = |offset: Offset| offset / epoch_size.max(1);
    let mut df_at: BTreeMap<u64, BTreeMap<u64, u64>> = BTreeMap::new();
    for a in &reps {
        let at = arrival(a.offset);
        if df_at.contains_key(&at) {
            continue;
        }
        let counted = live_range(at, epoch_size, window);
        let mut df: BTreeMap<u64, u64> = BTreeMap::new();
        for b in articles.iter().chain(&earlier) {
            if counted.contains(&b.offset) {
                for (term, _) in &b.sketch.terms {
                    *df.entry(*term).or_default() += 1;
                }
            }
        }
        df_at.insert(at, df);
    }
    let cards: Vec<rule::Card> = reps
        .iter()
        .map(|a| {
            let df = df_at.get(&arrival(a.offset));
            let entries: Vec<(u64, u32, u64, bool)> = a
                .sketch
                .terms
                .iter()
                .map(|&(term, tf)| {
                    let n = df.and_then(|df| df.get(&term)).copied().unwrap_or(0);
                    let (idf, capped) = rule::term_stats(n, rules);
                    (term, tf, idf, capped)
                })
                .collect();
            rule::Card::new(a.offset, rule::weigh(&entries, rules), a.sketch.day)
        })
        .collect();
    let mut edges: Vec<(Offset, Offset, u32)> = Vec::new();
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            if rule::proposing_term(&a.proposing, &b.proposing).is_none() {
                continue;
            }
            if let Some(sim) = rule::pair_similarity(a, b, rules) {
                edges.push((a.offset, b.offset, sim));
            }
        }
    }
    let mut rep_labels: BTreeMap<Offset, Offset> =
        reps.iter().map(|a| (a.offset, a.offset)).collect();
    rep_labels.extend(crate::linkage::average_link(
        &edges,
        rules.story_threshold_ppm,
    ));
    let story_of: BTreeMap<Offset, Offset> = rep_of
        .iter()
        .filter_map(|(o, r)| rep_labels.get(r).map(|s| (*o, *s)))
        .collect();

    // Claims, quotes and timelines per story, facts in offset order.
    let mut story_facts: BTreeMap<Offset, Vec<StoryFacts>> = BTreeMap::new();
    for a in &articles {
        if let (Some(facts), Some(story)) = (&a.facts, story_of.get(&a.offset)) {
            story_facts.entry(*story).or_default().push(facts.clone());
        }
    }
    let mut tables = StoryTables::default();
    for (story, members) in story_facts {
        let texts = story_tables(members);
        for (per_story, text) in [
            (&mut tables.claims, texts.claims),
            (&mut tables.quotes, texts.quotes),
            (&mut tables.timelines, texts.timeline),
        ] {
            if let Some(value) = text.and_then(|t| serde_json::from_str(&t).ok()) {
                per_story.insert(story, value);
            }
        }
    }

    EpochOutput::from_memberships(
        epoch,
        story_of.iter().map(|(o, s)| (*s, *o)),
        dup_labels.iter().map(|(o, l)| (*l, *o)),
        tables,
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
