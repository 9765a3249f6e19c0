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

/// An article's publication day and story profile.
pub type Profile = (Option<i32>, Vec<u64>);

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
    /// `(offset, (publication day, profile))`.
    pub profiles: InputSession<Epoch, (Offset, Profile), isize>,
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
        let (profiles_in, profiles) = scope.new_collection::<(Offset, Profile), isize>();
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
            .map(|(offset, _)| offset)
            .arrange_by_self();
        let exact_edges = rep_of
            .clone()
            .filter(|(offset, rep)| offset != rep)
            .map(|(offset, rep)| (rep, offset));

        // Exchange by LSH band: star edges, verified by article id. The
        // representatives' signatures are arranged once and read by both
        // sides of the verification.
        let rep_signatures = signatures
            .join_core(reps.clone(), |offset, signature, ()| {
                Some((*offset, signature.clone()))
            })
            .arrange_by_key();
        let dup_rules = rules.clone();
        let band_rules = rules.clone();
        let near_edges = rep_signatures
            .clone()
            .flat_map_ref(move |offset, signature| {
                let offset = *offset;
                rule::band_keys(signature, &band_rules)
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
            .join_core(rep_signatures.clone(), |a, b, sig_a| {
                Some((*b, (*a, sig_a.clone())))
            })
            .join_core(rep_signatures, move |b, (a, sig_a), sig_b| {
                rule::is_near_duplicate(sig_a, sig_b, &verify_rules).then_some((*a, *b))
            });
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

        // Exchange by profile key: a key shared by at most
        // `story_bucket_cap` representatives proposes every pair of them
        // (a self-join on the key, so a new member costs one record per
        // other member, not the whole bucket again); a pair's multiplicity
        // is the number of proposing keys it shares, and each article's
        // count is its number of proposing keys.
        let rep_profiles = profiles.join_core(reps.clone(), |offset, profile, ()| {
            Some((*offset, profile.clone()))
        });
        let days = rep_profiles
            .clone()
            .map(|(offset, (day, _))| (offset, day))
            .arrange_by_key();
        let buckets = rep_profiles
            .flat_map(|(offset, (_, profile))| profile.into_iter().map(move |key| (key, offset)));
        let cap = rules.story_bucket_cap as isize;
        let proposing_keys = buckets
            .clone()
            .map(|(key, _)| key)
            .count()
            .filter(move |(_key, n)| *n <= cap)
            .map(|(key, _)| key)
            .arrange_by_self();
        let proposing = buckets
            .join_core(proposing_keys, |key, offset, ()| Some((*key, *offset)))
            .arrange_by_key();
        let shared = proposing
            .clone()
            .join_core(proposing.clone(), |_key, a, b| (a < b).then_some((*a, *b)))
            .count();
        let n_keys = proposing
            .as_collection(|_key, offset| *offset)
            .count()
            .join_core(days, |offset, n, day| Some((*offset, (*n, *day))))
            .arrange_by_key();

        // Exchange by article id: similarity, then the guard (each endpoint
        // among the other's top k).
        let threshold = rules.story_threshold_ppm;
        let time_rules = rules.clone();
        let scored = shared
            .map(|((a, b), n_shared)| (a, (b, n_shared)))
            .join_core(n_keys.clone(), |a, (b, n_shared), a_keys| {
                Some((*b, (*a, *n_shared, *a_keys)))
            })
            .join_core(
                n_keys,
                move |b, (a, n_shared, (n_a, day_a)), (n_b, day_b)| {
                    let sim = rule::story_similarity(*n_shared as u64, *n_a as u64, *n_b as u64);
                    (sim >= threshold && rule::close_in_time(*day_a, *day_b, &time_rules))
                        .then_some((*a, *b, sim))
                },
            );
        // Each article's top k (sorted by offset); an edge needs both
        // endpoints' votes, then (with the support guard) a shared
        // neighbour or a leaf.
        let guard_rules = rules.clone();
        let tops = scored
            .flat_map(|(a, b, sim)| [(a, (sim, b)), (b, (sim, a))])
            .reduce(move |_node, input, output| {
                let neighbours: Vec<(u32, Offset)> = input.iter().map(|(n, _)| **n).collect();
                let mut top = rule::top_neighbours(&neighbours, &guard_rules);
                top.sort_unstable();
                output.push((top, 1));
            })
            .arrange_by_key();
        let story_edges = tops
            .clone()
            .flat_map_ref(|node, top| {
                let node = *node;
                top.iter()
                    .map(|&other| (node.min(other), node.max(other)))
                    .collect::<Vec<_>>()
            })
            .count()
            .filter(|(_edge, votes)| *votes == 2)
            .map(|(edge, _)| edge);
        let story_edges = if rules.support_guard {
            story_edges
                .join_core(tops.clone(), |a, b, a_top| Some((*b, (*a, a_top.clone()))))
                .join_core(tops, |b, (a, a_top), b_top| {
                    rule::edge_supported(a_top, b_top).then_some((*a, *b))
                })
        } else {
            story_edges
        };
        let rep_labels = propagate(
            story_edges.clone().concat(story_edges.map(|(a, b)| (b, a))),
            reps.as_collection(|n, ()| (*n, *n)),
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
