//! Grouping quotations of one statement across sources.
//!
//! Two quotes are one statement when their words overlap strongly (Dice
//! over folded word sets, so "organise"/"organize" or "Kim Jong-un's"/"Kim
//! Jong Un's" differ by a word at most), or when one is a fragment of the
//! other, and the speakers do not differ. Within a group, the wording most
//! sources print is the text; other wordings (another translation, a
//! trimmed fragment) are variants, each with its article.

use crate::claims::most_common;
use crate::entities::EntityIndex;
use crate::overlap::{containment, dice, keys};
use concord_model::{ArticleFacts, Quote, QuoteVariant};
use std::collections::{BTreeMap, BTreeSet};

/// Word-set Dice at or above which two quotes are one statement.
const SAME_STATEMENT: f64 = 0.55;
/// Share of a fragment's words found in a longer quote to call it a part.
const FRAGMENT_CONTAINMENT: f64 = 0.8;
const MIN_FRAGMENT_WORDS: usize = 5;
/// Word-bigram Dice at or above which two wordings are the same up to
/// spelling ("organise"/"organize" changes two bigrams of a long quote).
const SAME_WORDING: f64 = 0.8;

struct Item {
    article: String,
    text: String,
    speaker: Option<String>,
    /// Sorted keys of the folded words and of adjacent word pairs.
    words: Vec<u64>,
    bigrams: Vec<u64>,
}

/// Folded words of a quote, with British "-ise" read as "-ize".
fn quote_words(text: &str) -> Vec<String> {
    concord_text::tokenize(text)
        .into_iter()
        .filter(|t| t.kind != concord_text::TokenKind::Punct)
        .flat_map(|t| {
            // "Jong-un's" → "jong", "un": hyphens and spaces are spelling,
            // a possessive "s" is not a word.
            let folded = concord_text::fold(t.text).replace(['\'', '-'], " ");
            folded
                .split(' ')
                .enumerate()
                .filter(|(i, w)| !(w.is_empty() || (*i > 0 && *w == "s")))
                .map(|(_, w)| match w.strip_suffix("ise") {
                    Some(stem) if stem.len() > 3 => format!("{stem}ize"),
                    _ => w.to_string(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Adjacent word pairs: wording, not just vocabulary.
fn bigrams(words: &[String]) -> Vec<u64> {
    let pairs: Vec<String> = words
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect();
    keys(pairs.iter().map(String::as_str))
}

fn same_statement(a: &Item, b: &Item) -> bool {
    if let (Some(x), Some(y)) = (&a.speaker, &b.speaker) {
        if x != y {
            return false;
        }
    }
    let (small, large) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    dice(&a.words, &b.words) >= SAME_STATEMENT
        || (small.words.len() >= MIN_FRAGMENT_WORDS
            && containment(&small.words, &large.words) >= FRAGMENT_CONTAINMENT)
}

/// Group the story's quotes; groups quoted by more articles come first.
pub fn group_quotes(facts: &[ArticleFacts], entities: &EntityIndex) -> Vec<Quote> {
    let items: Vec<Item> = facts
        .iter()
        .flat_map(|f| {
            f.quotes.iter().map(move |q| {
                let words = quote_words(&q.text);
                Item {
                    article: f.article_id.clone(),
                    text: q.text.clone(),
                    speaker: q
                        .speaker
                        .as_ref()
                        .map(|s| entities.canonical(s).unwrap_or(s).to_string()),
                    bigrams: bigrams(&words),
                    words: keys(words.iter().map(String::as_str)),
                }
            })
        })
        .collect();
    // Join the most similar pairs first, and never join two groups whose
    // named speakers differ, so an unattributed quote cannot bridge them.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..items.len() {
        for j in 0..i {
            if same_statement(&items[i], &items[j]) {
                pairs.push((dice(&items[i].words, &items[j].words), j, i));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut group_of: Vec<usize> = (0..items.len()).collect();
    let mut speaker_of: Vec<Option<String>> = items.iter().map(|i| i.speaker.clone()).collect();
    for (_, i, j) in pairs {
        let (gi, gj) = (group_of[i], group_of[j]);
        if gi == gj {
            continue;
        }
        let merged = match (&speaker_of[gi], &speaker_of[gj]) {
            (Some(a), Some(b)) if a != b => continue,
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        let (lo, hi) = (gi.min(gj), gi.max(gj));
        for g in group_of.iter_mut() {
            if *g == hi {
                *g = lo;
            }
        }
        speaker_of[lo] = merged;
    }
    let mut groups: BTreeMap<usize, Vec<&Item>> = BTreeMap::new();
    for (i, g) in group_of.iter().enumerate() {
        groups.entry(*g).or_default().push(&items[i]);
    }
    let mut quotes: Vec<Quote> = groups
        .into_values()
        .map(|members| build_quote(&members))
        .collect();
    quotes.sort_by(|a, b| {
        let n = |q: &Quote| q.articles.len() + q.variants.len();
        n(b).cmp(&n(a))
    });
    quotes
}

fn build_quote(members: &[&Item]) -> Quote {
    // The wording with the most near-identical copies; ties to the longest.
    let best = (0..members.len())
        .max_by_key(|&i| {
            let copies = members
                .iter()
                .filter(|m| dice(&m.bigrams, &members[i].bigrams) >= SAME_WORDING)
                .count();
            (copies, members[i].text.len(), std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    let canonical = members[best];
    let mut articles = BTreeSet::new();
    let mut variants: Vec<QuoteVariant> = Vec::new();
    for m in members {
        if dice(&m.bigrams, &canonical.bigrams) >= SAME_WORDING {
            articles.insert(m.article.clone());
        }
    }
    for m in members {
        let duplicate = variants
            .iter()
            .any(|v| v.article == m.article && v.text == m.text);
        if !articles.contains(&m.article) && !duplicate {
            variants.push(QuoteVariant {
                article: m.article.clone(),
                text: m.text.clone(),
            });
        }
    }
    Quote {
        speaker: most_common(members.iter().filter_map(|m| m.speaker.clone())),
        text: canonical.text.clone(),
        articles: articles.into_iter().collect(),
        variants,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::{QuoteMention, Span};

    fn facts(id: &str, quotes: &[(&str, Option<&str>)]) -> ArticleFacts {
        ArticleFacts {
            article_id: id.into(),
            quotes: quotes
                .iter()
                .map(|(t, s)| QuoteMention {
                    text: t.to_string(),
                    span: Span {
                        paragraph: 0,
                        start: 0,
                        end: 0,
                    },
                    speaker: s.map(str::to_string),
                })
                .collect(),
            ..ArticleFacts::default()
        }
    }

    #[test]
    fn translations_group_as_variants_and_speakers_split() {
        let quotes = group_quotes(
            &[
                facts(
                    "a",
                    &[(
                        "We will organise the rebuilding of every school in the region",
                        Some("Ana Lopes"),
                    )],
                ),
                facts(
                    "b",
                    &[(
                        "We will organize the rebuilding of every school in the region",
                        None,
                    )],
                ),
                facts(
                    "c",
                    &[(
                        "We are going to organize rebuilding every school across the region",
                        Some("Ana Lopes"),
                    )],
                ),
                facts(
                    "d",
                    &[(
                        "We will organise the rebuilding of every school in the region",
                        Some("Rui Costa"),
                    )],
                ),
            ],
            &EntityIndex::default(),
        );
        let ana = quotes
            .iter()
            .find(|q| q.speaker.as_deref() == Some("Ana Lopes"))
            .unwrap();
        assert_eq!(ana.articles, ["a", "b"]);
        assert_eq!(ana.variants.len(), 1);
        assert_eq!(ana.variants[0].article, "c");
        assert!(quotes
            .iter()
            .any(|q| q.speaker.as_deref() == Some("Rui Costa")));
    }
}
