//! The differential dataflow: exchanges by content hash, LSH band, term,
//! article id and story id, from per-article sketches to story
//! memberships, duplicate groups and claims tables.

use crate::output::{story_tables, StoryFacts};
use crate::recompute::recompute_by_key;
use crate::rule::{self, Offset, RuleConfig};
use differential_dataflow::algorithms::graphs::propagate::propagate;
use differential_dataflow::input::{Input, InputSession};
use differential_dataflow::operators::{CountTotal, ThresholdTotal};
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

/// An article's publication day, arrival epoch and story terms
/// (`rule::story_terms`).
pub type DatedTerms = (Option<i32>, Epoch, Vec<(u64, u32)>);

/// The similarity a block's member record carries in the block reduce's
/// input (no pair has it: cosines are at most 1e6 ppm).
const BLOCK_MEMBER: u32 = u32::MAX;

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
    /// `(story id, quotes JSON)`.
    Quotes(Offset, String),
    /// `(story id, timeline JSON)`.
    Timeline(Offset, String),
}

/// Output updates gathered on worker 0: `(record, epoch, diff)`.
pub type Gathered = Rc<RefCell<Vec<(OutRecord, Epoch, isize)>>>;

/// The dataflow's inputs on one worker.
pub struct Inputs {
    pub copy_keys: InputSession<Epoch, (Offset, CopyKey), isize>,
    pub signatures: InputSession<Epoch, (Offset, Vec<u32>), isize>,
    /// `(offset, (publication day, arrival epoch, story terms))`.
    pub dated_terms: InputSession<Epoch, (Offset, DatedTerms), isize>,
    /// `(term, arrival epoch)`, once for each article that holds the term,
    /// from its arrival until `2·window − 1` epochs later: the document
    /// counts an article is weighed against ([`build`]).
    pub arrivals: InputSession<Epoch, (u64, Epoch), isize>,
    /// `output::StoryFacts` as bytes (present only when claims are on).
    pub facts: InputSession<Epoch, (Offset, Vec<u8>), isize>,
}

impl Inputs {
    pub fn advance_to(&mut self, epoch: Epoch) {
        self.copy_keys.advance_to(epoch);
        self.signatures.advance_to(epoch);
        self.dated_terms.advance_to(epoch);
        self.arrivals.advance_to(epoch);
        self.facts.advance_to(epoch);
    }

    pub fn flush(&mut self) {
        self.copy_keys.flush();
        self.signatures.flush();
        self.dated_terms.flush();
        self.arrivals.flush();
        self.facts.flush();
    }
}

/// Build the dataflow on this worker, for articles live `window` epochs.
/// Worker 0's `gathered` receives every output update; `probe` tells when
/// an epoch is complete everywhere.
pub fn build(
    worker: &mut Worker,
    rules: &RuleConfig,
    window: Epoch,
    gathered: Gathered,
) -> (Inputs, Handle<Epoch>) {
    let rules = rules.clone();
    let probe = Handle::new();
    // Shards of the strong pairs for the blocks' first union-find: a few
    // per worker, so each has some to spread.
    let shards = 4 * worker.peers() as u64;
    let shard = move |offset: Offset| rule::scramble(offset) % shards;
    let inputs = worker.dataflow::<Epoch, _, _>(|scope| {
        let (copy_keys_in, copy_keys) = scope.new_collection::<(Offset, CopyKey), isize>();
        let (signatures_in, signatures) = scope.new_collection::<(Offset, Vec<u32>), isize>();
        let (dated_terms_in, dated_terms) = scope.new_collection::<(Offset, DatedTerms), isize>();
        let (facts_in, facts) = scope.new_collection::<(Offset, Vec<u8>), isize>();
        let (arrivals_in, arrivals) = scope.new_collection::<(u64, Epoch), isize>();

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
            .distinct_total();
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
            .distinct_total()
            .map(|n| (n, n));
        let dup_labels = propagate(
            dup_edges.clone().concat(dup_edges.map(|(a, b)| (b, a))),
            dup_nodes,
        );

        // Exchange by term and epoch: an article is weighed once, against
        // the document counts of the window it arrived in (the `window`
        // epochs up to its own), as the online clusterer weighs an article
        // against the counts when it arrives. Its vector then never
        // changes while it is live; weighed against the current window,
        // nearly every live vector changed with every epoch (a common
        // term's count crosses an IDF step) and took all of its compared
        // pairs through the rest of the dataflow again. The counts for
        // arrival epoch `E` are the arrivals of epochs `E − window + 1 ..=
        // E`, complete once `E` is, and unchanged until those articles
        // have left.
        let df_at = arrivals
            .count_total()
            .explode(move |((term, epoch), n)| {
                (epoch..epoch + window.max(1)).map(move |at| ((term, at), n))
            })
            .count_total();
        let idf_rules = rules.clone();
        let term_stats = df_at
            .map(move |(term_at, df)| {
                let df = df.unsigned_abs() as u64;
                (term_at, rule::term_stats(df, &idf_rules))
            })
            .arrange_by_key();
        let postings = dated_terms
            .join_core(reps.clone(), |offset, dated, ()| {
                Some((*offset, dated.clone()))
            })
            .flat_map(|(offset, (day, epoch, terms))| {
                terms
                    .into_iter()
                    .map(move |(term, tf)| ((term, epoch), (offset, tf, day)))
            });
        let weigh_rules = rules.clone();
        let cards = postings
            .join_core(
                term_stats,
                |(term, _), (offset, tf, day), (idf, proposing)| {
                    Some((*offset, (*term, *tf, *idf, *proposing, *day)))
                },
            )
            .reduce(move |offset, input, output| {
                let entries: Vec<(u64, u32, u64, bool)> =
                    input.iter().map(|(e, _)| (e.0, e.1, e.2, e.3)).collect();
                let day = input.first().and_then(|(e, _)| e.4);
                let weighed = rule::weigh(&entries, &weigh_rules);
                output.push((rule::Card::new(*offset, weighed, day), 1_isize));
            });

        // Exchange by proposing term: each article's card (its vector, day
        // and proposing terms) goes to the bucket of each of its proposing
        // terms; the bucket's members meet there, and a pair is compared in
        // the bucket of the lowest proposing term they share
        // (`rule::proposing_term`), so once. Comparing inside the join
        // carries no vector through a further exchange.
        let cards = cards
            .flat_map(|(_, card)| {
                let terms = card.proposing.clone();
                terms.into_iter().map(move |term| (term, card.clone()))
            })
            .arrange_by_key();
        let threshold = rules.story_threshold_ppm;
        let pair_rules = rules.clone();
        let scored = cards.clone().join_core(cards, move |term, a, b| {
            if a.offset >= b.offset
                || rule::proposing_term(&a.proposing, &b.proposing) != Some(*term)
            {
                return None;
            }
            let sim = rule::pair_similarity(a, b, &pair_rules)?;
            Some((a.offset, (b.offset, sim)))
        });
        // Blocks: components of the pairs at or above the threshold; no
        // story crosses one (`linkage`), so each is clustered on its own,
        // from its members and the pairs keyed by their lower article's
        // block (a pair whose other article is in another block is below
        // the threshold, and the block's clustering drops it). Each shard
        // of the strong pairs runs a union-find where its key lives and
        // passes on a spanning forest (at most one pair per node of the
        // shard); one worker names the blocks from those forests.
        // `propagate` over the same pairs cost 8 of the 16 s of a
        // 20k-article run (each epoch's new and retracted pairs re-read
        // every neighbour's label in every round). Both union-finds and
        // the block clustering read only what is live now, so they are
        // `recompute_by_key`, not `reduce` (see there).
        let seeds = reps.as_collection(move |n, ()| (shard(*n), (*n, *n)));
        let strong = scored
            .clone()
            .filter(move |(_, (_, sim))| *sim >= threshold)
            .map(move |(a, (b, _))| (shard(a), (a, b)))
            .concat(seeds);
        let forests = recompute_by_key(strong, "Forests", |_, pairs| crate::linkage::forest(pairs));
        let blocks = recompute_by_key(forests.map(|edge| ((), edge)), "Blocks", |_, edges| {
            crate::linkage::components(edges)
        })
        .arrange_by_key();
        let members = blocks
            .clone()
            .as_collection(|node, block| (*block, (*node, *node, BLOCK_MEMBER)));
        let block_edges = scored
            .join_core(blocks, |a, (b, sim), block_a| {
                Some((*block_a, (*a, *b, *sim)))
            })
            .concat(members);
        let rep_labels = recompute_by_key(block_edges, "Stories", move |_block, edges| {
            stories_of_block(edges, threshold)
        });
        // Copies follow their representative.
        let story_of = rep_of
            .map(|(offset, rep)| (rep, offset))
            .join_map(rep_labels, |_rep, offset, story| (*offset, *story));

        // Exchange by story id: the claims, quotes and timeline of the
        // stories that changed.
        let tables = recompute_by_key(
            facts.join_map(story_of.clone(), |offset, facts, story| {
                (*story, (*offset, facts.clone()))
            }),
            "Story tables",
            |&story, mut members| {
                // In article order, as a reduce would have read them.
                members.sort_unstable();
                let members: Vec<StoryFacts> = members
                    .iter()
                    .filter_map(|(_, bytes)| StoryFacts::from_bytes(bytes))
                    .collect();
                let texts = story_tables(members);
                [
                    texts.claims.map(|t| OutRecord::Claims(story, t)),
                    texts.quotes.map(|t| OutRecord::Quotes(story, t)),
                    texts.timeline.map(|t| OutRecord::Timeline(story, t)),
                ]
                .into_iter()
                .flatten()
                .collect()
            },
        );

        let records = story_of
            .map(|(offset, story)| OutRecord::Story(story, offset))
            .concat(dup_labels.map(|(offset, group)| OutRecord::Duplicate(group, offset)))
            .concat(tables);
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
            arrivals: arrivals_in,
        }
    });
    (inputs, probe)
}

/// A block's stories: average link over its pairs whose both articles are
/// members (a pair keyed by its lower article's block whose other article
/// is elsewhere is below the threshold), as `(article, story)`.
fn stories_of_block(
    mut edges: Vec<(Offset, Offset, u32)>,
    threshold: u32,
) -> Vec<(Offset, Offset)> {
    // The order a reduce would have given: the same merges whatever the
    // order, and the same ties.
    edges.sort_unstable();
    let members: Vec<Offset> = edges
        .iter()
        .filter(|e| e.2 == BLOCK_MEMBER)
        .map(|e| e.0)
        .collect();
    // `members` is sorted, as the edges are and members are (n, n, MAX).
    edges.retain(|&(a, b, sim)| {
        if sim == BLOCK_MEMBER {
            return a == b;
        }
        a != b && members.binary_search(&b).is_ok()
    });
    crate::linkage::average_link(&edges, threshold)
        .into_iter()
        .collect()
}
