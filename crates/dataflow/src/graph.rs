//! The differential dataflow: exchanges by content hash, LSH band, profile
//! key, article id and story id, from per-article sketches to story
//! memberships, duplicate groups and claims tables.

use crate::rule::{self, Offset, RuleConfig};
use differential_dataflow::algorithms::graphs::propagate::propagate;
use differential_dataflow::input::{Input, InputSession};
use std::cell::RefCell;
use std::rc::Rc;
use timely::dataflow::operators::probe::Handle;
use timely::dataflow::operators::{Exchange, Inspect, Probe};
use timely::worker::Worker;

/// Epochs are the dataflow's timestamps.
pub type Epoch = u64;

/// The exact-copy key: the content hash, or the offset itself for a text
/// without words (which is a copy of nothing).
pub type CopyKey = (Option<u64>, Offset);

/// One record of the gathered output.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum OutRecord {
    /// `(story id, article)`.
    Story(Offset, Offset),
    /// `(group id, article)`.
    Duplicate(Offset, Offset),
    /// `(story id, claims JSON)`.
    Claims(Offset, String),
}

/// Output updates gathered on worker 0: `(record, epoch, diff)`.
pub type Gathered = Rc<RefCell<Vec<(OutRecord, Epoch, isize)>>>;

/// The dataflow's inputs on one worker.
pub struct Inputs {
    pub copy_keys: InputSession<Epoch, (Offset, CopyKey), isize>,
    pub signatures: InputSession<Epoch, (Offset, Vec<u32>), isize>,
    pub profiles: InputSession<Epoch, (Offset, Vec<u64>), isize>,
    /// `ArticleFacts` as JSON bytes (present only when claims are on).
    pub facts: InputSession<Epoch, (Offset, Vec<u8>), isize>,
}

impl Inputs {
    pub fn advance_to(&mut self, epoch: Epoch) {
        self.copy_keys.advance_to(epoch);
        self.signatures.advance_to(epoch);
        self.profiles.advance_to(epoch);
        self.facts.advance_to(epoch);
    }

    pub fn flush(&mut self) {
        self.copy_keys.flush();
        self.signatures.flush();
        self.profiles.flush();
        self.facts.flush();
    }
}

/// Build the dataflow on this worker. Worker 0's `gathered` receives every
/// output update; `probe` tells when an epoch is complete everywhere.
pub fn build(
    worker: &mut Worker,
    rules: &RuleConfig,
    gathered: Gathered,
) -> (Inputs, Handle<Epoch>) {
    let rules = rules.clone();
    let probe = Handle::new();
    let inputs = worker.dataflow::<Epoch, _, _>(|scope| {
        let (copy_keys_in, copy_keys) = scope.new_collection::<(Offset, CopyKey), isize>();
        let (signatures_in, signatures) = scope.new_collection::<(Offset, Vec<u32>), isize>();
        let (profiles_in, profiles) = scope.new_collection::<(Offset, Vec<u64>), isize>();
        let (facts_in, facts) = scope.new_collection::<(Offset, Vec<u8>), isize>();

        // Exchange by content hash: every article → its representative, the
        // lowest offset with the same hash.
        let rep_of = copy_keys
            .map(|(offset, key)| (key, offset))
            .reduce(|_key, input, output| {
                let rep = *input[0].0;
                for (offset, _) in input {
                    output.push(((**offset, rep), 1));
                }
            })
            .map(|(_key, pair)| pair);
        let reps = rep_of
            .clone()
            .filter(|(offset, rep)| offset == rep)
            .map(|(offset, _)| offset);
        let exact_edges = rep_of
            .clone()
            .filter(|(offset, rep)| offset != rep)
            .map(|(offset, rep)| (rep, offset));

        // Exchange by LSH band: star edges, verified by article id.
        let rep_signatures = signatures.semijoin(reps.clone());
        let dup_rules = rules.clone();
        let band_rules = rules.clone();
        let near_edges = rep_signatures
            .clone()
            .flat_map(move |(offset, signature)| {
                rule::band_keys(&signature, &band_rules)
                    .into_iter()
                    .map(move |key| (key, offset))
            })
            .reduce(move |_band, input, output| {
                let members: Vec<Offset> = input.iter().map(|(o, _)| **o).collect();
                for edge in rule::star_edges(&members, &dup_rules) {
                    output.push((edge, 1));
                }
            })
            .map(|(_band, edge)| edge)
            .distinct();
        let verify_rules = rules.clone();
        let near_edges = near_edges
            .join_map(rep_signatures.clone(), |a, b, sig_a| {
                (*b, (*a, sig_a.clone()))
            })
            .join_map(rep_signatures, move |b, (a, sig_a), sig_b| {
                (
                    rule::is_near_duplicate(sig_a, sig_b, &verify_rules),
                    (*a, *b),
                )
            })
            .filter(|(near, _)| *near)
            .map(|(_, edge)| edge);
        let dup_edges = exact_edges.concat(near_edges);
        let dup_nodes = dup_edges
            .clone()
            .flat_map(|(a, b)| [a, b])
            .distinct()
            .map(|n| (n, n));
        let dup_labels = propagate(
            dup_edges.clone().concat(dup_edges.map(|(a, b)| (b, a))),
            dup_nodes,
        );

        // Exchange by profile key: from each bucket of at most
        // `story_bucket_cap` articles, every pair once per shared key (so a
        // pair's multiplicity is the number of proposing keys it shares),
        // and every member once (its number of proposing keys).
        let buckets = profiles
            .semijoin(reps.clone())
            .flat_map(|(offset, profile)| profile.into_iter().map(move |key| (key, offset)));
        let pair_rules = rules.clone();
        let shared = buckets
            .clone()
            .reduce(move |_key, input, output| {
                let members: Vec<Offset> = input.iter().map(|(o, _)| **o).collect();
                for pair in rule::bucket_pairs(&members, &pair_rules) {
                    output.push((pair, 1));
                }
            })
            .map(|(_key, pair)| pair)
            .count();
        let cap = rules.story_bucket_cap;
        let n_keys = buckets
            .reduce(move |_key, input, output| {
                if input.len() <= cap {
                    for (offset, _) in input {
                        output.push((**offset, 1));
                    }
                }
            })
            .map(|(_key, offset)| offset)
            .count();

        // Exchange by article id: similarity, then the guard (each endpoint
        // among the other's top k).
        let threshold = rules.story_threshold_ppm;
        let scored = shared
            .map(|((a, b), n_shared)| (a, (b, n_shared)))
            .join_map(n_keys.clone(), |a, (b, n_shared), n_a| {
                (*b, (*a, *n_shared, *n_a))
            })
            .join_map(n_keys, |b, (a, n_shared, n_a), n_b| {
                let sim = rule::story_similarity(*n_shared as u64, *n_a as u64, *n_b as u64);
                (*a, *b, sim)
            })
            .filter(move |(_, _, sim)| *sim >= threshold);
        let guard_rules = rules.clone();
        let story_edges = scored
            .flat_map(|(a, b, sim)| [(a, (sim, b)), (b, (sim, a))])
            .reduce(move |node, input, output| {
                let neighbours: Vec<(u32, Offset)> = input.iter().map(|(n, _)| **n).collect();
                for other in rule::top_neighbours(&neighbours, &guard_rules) {
                    output.push(((*node.min(&other), *node.max(&other)), 1));
                }
            })
            .map(|(_node, edge)| edge)
            .count()
            .filter(|(_edge, votes)| *votes == 2)
            .map(|(edge, _)| edge);
        let rep_labels = propagate(
            story_edges.clone().concat(story_edges.map(|(a, b)| (b, a))),
            reps.map(|n| (n, n)),
        );
        // Copies follow their representative.
        let story_of = rep_of
            .map(|(offset, rep)| (rep, offset))
            .join_map(rep_labels, |_rep, offset, story| (*offset, *story));

        // Exchange by story id: claims of the stories that changed.
        let claims = facts
            .join_map(story_of.clone(), |offset, facts, story| {
                (*story, (*offset, facts.clone()))
            })
            .reduce(|_story, input, output| {
                let facts: Vec<concord_model::ArticleFacts> = input
                    .iter()
                    .filter_map(|((_, bytes), _)| serde_json::from_slice(bytes).ok())
                    .collect();
                if let Some(table) = crate::output::claims_table(&facts) {
                    output.push((table, 1));
                }
            });

        let records = story_of
            .map(|(offset, story)| OutRecord::Story(story, offset))
            .concat(dup_labels.map(|(offset, group)| OutRecord::Duplicate(group, offset)))
            .concat(claims.map(|(story, table)| OutRecord::Claims(story, table)));
        records
            .consolidate()
            .inner
            .exchange(|_| 0)
            .inspect(move |update: &(OutRecord, Epoch, isize)| {
                gathered.borrow_mut().push(update.clone())
            })
            .probe_with(&probe);

        Inputs {
            copy_keys: copy_keys_in,
            signatures: signatures_in,
            profiles: profiles_in,
            facts: facts_in,
        }
    });
    (inputs, probe)
}
