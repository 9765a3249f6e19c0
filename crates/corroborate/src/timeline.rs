//! A dated timeline across sources.
//!
//! Date mentions are grouped by the calendar date they resolve to, then by
//! what the sentence is about (content-word overlap), so that "on Sunday"
//! in one article and "Jan. 12" in another land in one entry when they
//! report the same thing. Each entry keeps how every source wrote the date.

use crate::overlap::{dice, keys};
use concord_model::{Article, ArticleFacts, DateEvidence, DateMention, PartialDate, TimelineEntry};
use std::collections::{BTreeMap, BTreeSet};

/// Content-word Dice at or above which two dated sentences report one event.
const SAME_EVENT: f64 = 0.2;
const MAX_WHAT_CHARS: usize = 240;

struct Item<'a> {
    article: &'a str,
    mention: &'a DateMention,
    /// Sorted keys of the sentence's content words.
    words: Vec<u64>,
}

/// Build the story's timeline, oldest first.
pub fn build_timeline(articles: &[Article], facts: &[ArticleFacts]) -> Vec<TimelineEntry> {
    let anchors: BTreeMap<String, String> = articles
        .iter()
        .filter_map(|a| reference_note(a).map(|n| (a.id.clone(), n)))
        .collect();
    build_timeline_anchored(&anchors, facts)
}

/// [`build_timeline`] where the articles themselves are elsewhere (the
/// dataflow carries facts, not articles): `anchors` maps an article id to
/// its [`reference_note`].
pub fn build_timeline_anchored(
    anchors: &BTreeMap<String, String>,
    facts: &[ArticleFacts],
) -> Vec<TimelineEntry> {
    let resolved_from = anchors;
    let mut by_date: BTreeMap<PartialDate, Vec<Item>> = BTreeMap::new();
    for f in facts {
        for m in &f.dates {
            by_date.entry(m.date).or_default().push(Item {
                article: &f.article_id,
                mention: m,
                words: keys(
                    concord_text::word_set(&m.sentence)
                        .iter()
                        .map(String::as_str),
                ),
            });
        }
    }
    let mut out = Vec::new();
    for (date, items) in by_date {
        for cluster in cluster_items(&items) {
            out.push(entry(date, &cluster, resolved_from));
        }
    }
    out
}

/// How relative dates in an article were anchored, for the evidence.
pub fn reference_note(article: &Article) -> Option<String> {
    if let Some(d) = article.published {
        return Some(format!("relative to the publication date {d}"));
    }
    // How the date was inferred is on the article (`published_inferred.how`).
    article
        .published_inferred
        .as_ref()
        .map(|d| format!("relative to the inferred publication date {}", d.date))
}

/// Single-link clusters of items about the same event.
fn cluster_items<'a>(items: &'a [Item<'a>]) -> Vec<Vec<&'a Item<'a>>> {
    let mut group: Vec<usize> = (0..items.len()).collect();
    for i in 0..items.len() {
        for j in 0..i {
            if dice(&items[i].words, &items[j].words) >= SAME_EVENT {
                let (a, b) = (group[i], group[j]);
                let (lo, hi) = (a.min(b), a.max(b));
                for g in group.iter_mut() {
                    if *g == hi {
                        *g = lo;
                    }
                }
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<&Item>> = BTreeMap::new();
    for (i, g) in group.iter().enumerate() {
        clusters.entry(*g).or_default().push(&items[i]);
    }
    let mut out: Vec<Vec<&Item>> = clusters.into_values().collect();
    out.sort_by_key(|c| {
        std::cmp::Reverse(c.iter().map(|i| i.article).collect::<BTreeSet<_>>().len())
    });
    out
}

fn entry(
    date: PartialDate,
    cluster: &[&Item],
    resolved_from: &BTreeMap<String, String>,
) -> TimelineEntry {
    // The most central sentence says what happened.
    let centre = (0..cluster.len())
        .max_by(|&a, &b| {
            let score = |i: usize| -> f64 {
                cluster
                    .iter()
                    .map(|o| dice(&cluster[i].words, &o.words))
                    .sum()
            };
            score(a).total_cmp(&score(b)).then(b.cmp(&a))
        })
        .unwrap_or(0);
    let articles: BTreeSet<String> = cluster.iter().map(|i| i.article.to_string()).collect();
    let mut evidence: Vec<DateEvidence> = Vec::new();
    for it in cluster {
        let ev = DateEvidence {
            article: it.article.to_string(),
            written: it.mention.written.clone(),
            resolved_from: it
                .mention
                .relative
                .then(|| resolved_from.get(it.article).cloned())
                .flatten(),
        };
        if !evidence.contains(&ev) {
            evidence.push(ev);
        }
    }
    TimelineEntry {
        date,
        what: shorten(&cluster[centre].mention.sentence),
        articles: articles.into_iter().collect(),
        evidence,
    }
}

fn shorten(sentence: &str) -> String {
    if sentence.chars().count() <= MAX_WHAT_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(MAX_WHAT_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}
