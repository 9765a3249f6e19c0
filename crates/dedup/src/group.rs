//! From articles to syndication groups: candidate pairs through an inverted
//! index of shingles, pairwise verdicts, connected components, and each
//! group's origin and examples.

use crate::matching::{compare, ArticleKeys, PairReport};
use crate::passage::word_keys;
use crate::wire::{names_an_agency, strongest_agency, TagTrust};
use crate::SyndicationConfig;
use concord_model::{Article, RemovedKind, Syndication};
use concord_text::sentences;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Datelines, bylines and ledes are searched for a wire credit only in
/// their first characters ("KYIV (Reuters) -").
const LEDE_PREFIX_CHARS: usize = 100;

/// A syndicated pair, as positions in canonical order (`a < b`).
struct Edge {
    a: usize,
    b: usize,
    report: PairReport,
}

pub(crate) fn find(articles: &[Article], config: &SyndicationConfig) -> Vec<Syndication> {
    // Work in a canonical order so that nothing, not even tie-breaking,
    // depends on the order of the input.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| canonical_cmp(&articles[x], &articles[y]));
    let sorted: Vec<&Article> = order.iter().map(|&i| &articles[i]).collect();
    let keys: Vec<ArticleKeys> = sorted.iter().map(|a| ArticleKeys::new(a, config)).collect();
    let keys: Vec<&ArticleKeys> = keys.iter().collect();
    let edges = syndicated_pairs(&keys, config);
    components(sorted.len(), &edges)
        .into_iter()
        .map(|members| assemble(&members, &sorted, &edges, config))
        .collect()
}

/// What `find` would give as the number of articles less the copies in
/// its groups, from keys computed beforehand, without assembling the
/// groups (origins and examples are most of `find`'s work after the pairs).
/// Pairs whose verdict is in `verdicts` are not compared again.
pub(crate) fn count_independent(
    articles: &[(&Article, &ArticleKeys)],
    config: &SyndicationConfig,
    verdicts: &mut crate::PairVerdicts,
) -> usize {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| canonical_cmp(articles[x].0, articles[y].0));
    let keys: Vec<&ArticleKeys> = order.iter().map(|&i| articles[i].1).collect();
    let edges: Vec<Edge> = candidate_pairs(&keys, config)
        .into_iter()
        .filter(|&(a, b)| {
            verdicts.get_or_decide(&articles[order[a]].0.id, &articles[order[b]].0.id, || {
                compare(keys[a], keys[b], config).is_syndicated(config)
            })
        })
        .map(|(a, b)| Edge {
            a,
            b,
            report: PairReport::default(),
        })
        .collect();
    let copies: usize = components(keys.len(), &edges)
        .iter()
        .map(|g| g.len() - 1)
        .sum();
    articles.len() - copies
}

/// The syndicated pairs among articles in canonical order.
fn syndicated_pairs(keys: &[&ArticleKeys], config: &SyndicationConfig) -> Vec<Edge> {
    candidate_pairs(keys, config)
        .into_iter()
        .filter_map(|(a, b)| {
            let report = compare(keys[a], keys[b], config);
            report
                .is_syndicated(config)
                .then_some(Edge { a, b, report })
        })
        .collect()
}

/// Earliest publication first (undated last), then id, then content, so
/// that the order is total even for duplicate ids.
fn canonical_cmp(x: &Article, y: &Article) -> Ordering {
    let date_key = |a: &Article| (a.reference_date().is_none(), a.reference_date());
    date_key(x)
        .cmp(&date_key(y))
        .then_with(|| x.id.cmp(&y.id))
        .then_with(|| x.title.cmp(&y.title))
        .then_with(|| x.body_paragraphs.cmp(&y.body_paragraphs))
}

/// Pairs that share enough evidence shingles to possibly be syndicated.
///
/// Each evidence passage contributes at least one shared shingle, so a pair
/// with fewer shared shingles than `min_passages` cannot qualify. This keeps
/// the cost near the number of pairs that share text rather than n².
fn candidate_pairs(keys: &[&ArticleKeys], config: &SyndicationConfig) -> Vec<(usize, usize)> {
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (doc_idx, doc) in keys.iter().enumerate() {
        let mut own: Vec<u64> = doc
            .passages
            .iter()
            .filter(|p| p.own_words >= config.min_own_words)
            .flat_map(|p| p.own.iter().copied())
            .collect();
        own.sort_unstable();
        own.dedup();
        for shingle in own {
            postings.entry(shingle).or_default().push(doc_idx);
        }
    }
    let min_shared = config.min_passages.max(1);
    let n = keys.len();
    if n <= DENSE_PAIR_COUNTS {
        // A story's articles (ingest re-checks stories of up to a few
        // hundred): a flat table of counts instead of a B-tree entry per
        // pair. Read in (a, b) order, as the B-tree would give them.
        let mut shared = vec![0u32; n * n];
        for docs in postings.values() {
            for (k, &a) in docs.iter().enumerate() {
                for &b in &docs[k + 1..] {
                    shared[a.min(b) * n + a.max(b)] += 1;
                }
            }
        }
        return (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .filter(|&(a, b)| shared[a * n + b] as usize >= min_shared)
            .collect();
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for docs in postings.values() {
        for (k, &a) in docs.iter().enumerate() {
            for &b in &docs[k + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    shared
        .into_iter()
        .filter(|&(_, n)| n >= min_shared)
        .map(|(pair, _)| pair)
        .collect()
}

/// Up to this many articles, candidate pairs are counted in an n × n table.
const DENSE_PAIR_COUNTS: usize = 1_024;

/// Connected components with two or more members, each sorted, ordered by
/// their first member.
fn components(n: usize, edges: &[Edge]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for e in edges {
        let (ra, rb) = (root(&mut parent, e.a), root(&mut parent, e.b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for x in 0..n {
        let r = root(&mut parent, x);
        groups.entry(r).or_default().push(x);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

fn assemble(
    members: &[usize],
    sorted: &[&Article],
    edges: &[Edge],
    config: &SyndicationConfig,
) -> Syndication {
    let inner: Vec<&Edge> = edges
        .iter()
        .filter(|e| members.binary_search(&e.a).is_ok())
        .collect();
    let shared_passages = inner
        .iter()
        .map(|e| e.report.matches.len())
        .max()
        .unwrap_or(0);
    Syndication {
        articles: members.iter().map(|&m| sorted[m].id.clone()).collect(),
        shared_passages,
        origin: origin(members, sorted, &inner),
        examples: examples(members, sorted, &inner, config),
    }
}

/// Evidence passages of the first member, from its richest pairing.
fn examples(
    members: &[usize],
    sorted: &[&Article],
    inner: &[&Edge],
    config: &SyndicationConfig,
) -> Vec<String> {
    let Some(&first) = members.first() else {
        return Vec::new();
    };
    // Edges have `a < b` and `first` is the smallest member, so its edges
    // are those with `a == first`; the first of equals wins ties.
    let best = inner
        .iter()
        .filter(|e| e.a == first)
        .fold(None::<&Edge>, |best, e| match best {
            Some(b) if b.report.evidence >= e.report.evidence => Some(b),
            _ => Some(e),
        });
    let Some(edge) = best else {
        return Vec::new();
    };
    edge.report
        .matches
        .iter()
        .filter(|m| m.evidence)
        .filter_map(|m| sorted[first].body_paragraphs.get(m.a).cloned())
        .take(config.max_examples)
        .collect()
}

/// The wire agency behind a group: named in the shared text if any is,
/// else in the members' datelines, bylines or outlets.
fn origin(members: &[usize], sorted: &[&Article], inner: &[&Edge]) -> Option<String> {
    // Each shared paragraph or sentence is read once, however many member
    // pairs share it: (position in `sorted`, paragraph index).
    let mut paragraphs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for e in inner {
        for m in &e.report.matches {
            paragraphs.insert((e.a, m.a));
            paragraphs.insert((e.b, m.b));
        }
    }
    let mut shared_text: Vec<&str> = paragraphs
        .iter()
        .filter_map(|&(doc, p)| sorted[doc].body_paragraphs.get(p))
        .map(String::as_str)
        .collect();
    // Short credit lines ("Reuters could not verify the video.") can be too
    // short to match as paragraphs, or be merged into another paragraph by
    // one outlet: compare the sentences that name an agency.
    let sentences: BTreeMap<usize, MemberSentences<'_>> = members
        .iter()
        .map(|&m| (m, MemberSentences::new(sorted[m])))
        .collect();
    let mut credit_sentences: BTreeSet<(usize, usize)> = BTreeSet::new();
    for e in inner {
        for (from, to) in [(e.a, e.b), (e.b, e.a)] {
            let (Some(from_s), Some(to_s)) = (sentences.get(&from), sentences.get(&to)) else {
                continue;
            };
            for (k, (key, _)) in from_s.naming_agency.iter().enumerate() {
                if to_s.all_keys.contains(key) {
                    credit_sentences.insert((from, k));
                }
            }
        }
    }
    shared_text.extend(credit_sentences.iter().filter_map(|&(doc, k)| {
        sentences
            .get(&doc)
            .and_then(|s| s.naming_agency.get(k))
            .map(|(_, text)| *text)
    }));
    if let Some(agency) = strongest_agency(&shared_text, TagTrust::InParentheses) {
        return Some(agency.to_string());
    }
    let mut credits: Vec<String> = Vec::new();
    for &m in members {
        let article = sorted[m];
        credits.extend(article.dateline.iter().cloned());
        credits.extend(article.author.iter().cloned());
        credits.extend(article.outlet.iter().cloned());
        credits.extend(
            article
                .removed
                .iter()
                .filter(|r| r.kind == RemovedKind::Metadata)
                .map(|r| prefix(&r.text)),
        );
        credits.extend(article.body_paragraphs.first().map(|p| prefix(p)));
    }
    let credit_refs: Vec<&str> = credits.iter().map(String::as_str).collect();
    strongest_agency(&credit_refs, TagTrust::Anywhere).map(str::to_string)
}

/// One member's sentences, keyed so that respellings and honorifics do not
/// matter.
struct MemberSentences<'a> {
    /// Sentences that name an agency, with their keys.
    naming_agency: Vec<(Vec<String>, &'a str)>,
    /// Keys of every sentence.
    all_keys: HashSet<Vec<String>>,
}

impl<'a> MemberSentences<'a> {
    fn new(article: &'a Article) -> Self {
        let mut naming_agency = Vec::new();
        let mut all_keys = HashSet::new();
        for sentence in article.body_paragraphs.iter().flat_map(|p| sentences(p)) {
            let key = word_keys(sentence);
            if key.is_empty() {
                continue;
            }
            if names_an_agency(sentence) {
                naming_agency.push((key.clone(), sentence));
            }
            all_keys.insert(key);
        }
        MemberSentences {
            naming_agency,
            all_keys,
        }
    }
}

fn prefix(text: &str) -> String {
    text.chars().take(LEDE_PREFIX_CHARS).collect()
}
