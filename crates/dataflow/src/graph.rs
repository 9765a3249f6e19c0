//! The differential dataflow: exchanges by content hash, LSH band, term,
//! article id and story id, from per-article sketches to story
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

/// An article's publication day and story terms (`rule::story_terms`).
pub type DatedTerms = (Option<i32>, Vec<(u64, u32)>);

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
    /// `(offset, (publication day, story terms))`.
    pub dated_terms: InputSession<Epoch, (Offset, DatedTerms), isize>,
    /// `ArticleFacts` as JSON bytes (present only when claims are on).
    pub facts: InputSession<Epoch, (Offset, Vec<u8>), isize>,
}

impl Inputs {
    pub fn advance_to(&mut self, epoch: Epoch) {
        self.copy_keys.advance_to(epoch);
        self.signatures.advance_to(epoch);
        self.dated_terms.advance_to(epoch);
        self.facts.advance_to(epoch);
    }

    pub fn flush(&mut self) {
        self.copy_keys.flush();
        self.signatures.flush();
        self.dated_terms.flush();
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
        let (dated_terms_in, dated_terms) = scope.new_collection::<(Offset, DatedTerms), isize>();
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

        // Exchange by term: each term's live document count gives its IDF
        // (quantised) and whether it may propose pairs; the articles'
        // weighted vectors and proposing terms are then built by article
        // id.
        let rep_terms = dated_terms.join_core(reps.clone(), |offset, dated, ()| {
            Some((*offset, dated.clone()))
        });
        let days = rep_terms
            .clone()
            .map(|(offset, (day, _))| (offset, day))
            .arrange_by_key();
        let postings = rep_terms.flat_map(|(offset, (_, terms))| {
            terms
                .into_iter()
                .map(move |(term, tf)| (term, (offset, tf)))
        });
        let idf_rules = rules.clone();
        let term_stats = postings
            .clone()
            .map(|(term, _)| term)
            .count()
            .map(move |(term, df)| {
                let df = df.unsigned_abs() as u64;
                (term, rule::term_stats(df, &idf_rules))
            })
            .arrange_by_key();
        let weigh_rules = rules.clone();
        let vectors = postings
            .join_core(term_stats, |term, (offset, tf), (idf, proposing)| {
                Some((*offset, (*term, *tf, *idf, *proposing)))
            })
            .reduce(move |_offset, input, output| {
                let entries: Vec<(u64, u32, u64, bool)> = input.iter().map(|(e, _)| **e).collect();
                output.push((rule::weigh(&entries, &weigh_rules), 1));
            });
        let weighted = vectors
            .clone()
            .map(|(offset, (vector, _))| (offset, vector))
            .join_core(days, |offset, vector, day| {
                Some((*offset, (vector.clone(), *day)))
            })
            .arrange_by_key();
        let proposals = vectors
            .flat_map(|(offset, (_, proposing))| {
                proposing.into_iter().map(move |term| (term, offset))
            })
            .arrange_by_key();

        // Exchange by article id: the pairs that share a proposing term,
        // compared on their whole vectors, then clustered per block.
        let pairs = proposals
            .clone()
            .join_core(proposals, |_term, a, b| (a < b).then_some((*a, *b)))
            .distinct();
        let threshold = rules.story_threshold_ppm;
        let pair_rules = rules.clone();
        let scored = pairs
            .join_core(weighted.clone(), |a, b, (vector_a, day_a)| {
                Some((*b, (*a, vector_a.clone(), *day_a)))
            })
            .join_core(
                weighted,
                move |b, (a, vector_a, day_a), (vector_b, day_b)| {
                    let sim = rule::pair_similarity(
                        (vector_a.as_slice(), *day_a),
                        (vector_b.as_slice(), *day_b),
                        &pair_rules,
                    )?;
                    Some((*a, (*b, sim)))
                },
            );
        // Blocks: components of the pairs at or above the threshold; no
        // story crosses one (`linkage`), so each is clustered on its own.
        let strong = scored
            .clone()
            .filter(move |(_, (_, sim))| *sim >= threshold)
            .map(|(a, (b, _))| (a, b));
        let rep_selves = reps.as_collection(|n, ()| (*n, *n));
        let blocks = propagate(
            strong.clone().concat(strong.map(|(a, b)| (b, a))),
            rep_selves.clone(),
        )
        .arrange_by_key();
        let clustered = scored
            .join_core(blocks.clone(), |a, (b, sim), block_a| {
                Some((*b, (*a, *sim, *block_a)))
            })
            .join_core(blocks, |b, (a, sim, block_a), block_b| {
                (block_a == block_b).then_some((*block_a, (*a, *b, *sim)))
            })
            .reduce(move |_block, input, output| {
                let edges: Vec<(Offset, Offset, u32)> = input.iter().map(|(e, _)| **e).collect();
                for (node, story) in crate::linkage::average_link(&edges, threshold) {
                    output.push(((node, story), 1));
                }
            })
            .map(|(_block, assignment)| assignment);
        // Articles in no compared pair of their block are stories of their
        // own.
        let clustered_nodes = clustered.clone().map(|(node, _)| node).distinct();
        let rep_labels = rep_selves.antijoin(clustered_nodes).concat(clustered);
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
            dated_terms: dated_terms_in,
            facts: facts_in,
        }
    });
    (inputs, probe)
}
