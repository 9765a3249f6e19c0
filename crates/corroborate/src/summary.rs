//! An extractive, sourced summary.
//!
//! Sentences are scored by how many articles carry a sentence like them
//! (corroboration), with a small bonus for leads; the best are picked
//! greedily while skipping near-repeats. Every sentence cites the articles
//! that support it. Conflicts between sources get a sentence of their own,
//! so a reader of the summary alone still sees what is disputed.

use crate::overlap::dice;
use concord_model::{Article, Claim, ClaimStatus, SummarySentence};
use std::collections::{BTreeSet, HashMap};

/// Content-word Dice at which another article's sentence supports one.
/// Articles on one story share much vocabulary; below this, two sentences
/// share the topic but not the fact.
const SUPPORTS: f64 = 0.4;
/// Dice at which a candidate repeats an already chosen sentence.
const REPEATS: f64 = 0.3;
const MAX_SENTENCES: usize = 5;
const MIN_WORDS: usize = 8;
const MAX_WORDS: usize = 45;

struct Candidate<'a> {
    article: usize,
    paragraph: usize,
    text: &'a str,
    /// Content words as sorted, distinct ids: a story of 100 articles has
    /// thousands of sentences and every pair is compared, so the overlap
    /// must be a merge of integers, not hashing of strings.
    words: Vec<u32>,
}

/// Pick summary sentences for a story, then add one per conflict.
pub fn summarize(articles: &[Article], claims: &[Claim]) -> Vec<SummarySentence> {
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut word_ids = |s: &str| -> Vec<u32> {
        let mut ids: Vec<u32> = concord_text::word_set(s)
            .into_iter()
            .map(|w| {
                let next = vocabulary.len() as u32;
                *vocabulary.entry(w).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids
    };
    let sentences: Vec<(usize, usize, &str)> = articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| {
            art.body_paragraphs
                .iter()
                .enumerate()
                .flat_map(move |(p, para)| {
                    concord_text::sentences(para)
                        .into_iter()
                        .map(move |s| (a, p, s))
                })
        })
        .collect();
    let candidates: Vec<Candidate> = sentences
        .into_iter()
        .map(|(article, paragraph, text)| Candidate {
            article,
            paragraph,
            text,
            words: word_ids(text),
        })
        .collect();
    let support: Vec<BTreeSet<usize>> = candidates
        .iter()
        .map(|c| {
            let mut found = BTreeSet::from([c.article]);
            for o in &candidates {
                // One supporting sentence per article is enough.
                if !found.contains(&o.article) && dice(&c.words, &o.words) >= SUPPORTS {
                    found.insert(o.article);
                }
            }
            found
        })
        .collect();
    let mut order: Vec<usize> = (0..candidates.len())
        .filter(|&i| eligible(&candidates[i]))
        .collect();
    let score = |i: usize| {
        let c = &candidates[i];
        let lead = match c.paragraph {
            0 => 1.5,
            1 | 2 => 0.5,
            _ => 0.0,
        };
        support[i].len() as f64 * 2.0 + lead
    };
    order.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        if chosen.len() >= MAX_SENTENCES {
            break;
        }
        if chosen
            .iter()
            .all(|&c| dice(&candidates[c].words, &candidates[i].words) < REPEATS)
        {
            chosen.push(i);
        }
    }
    let mut out: Vec<SummarySentence> = chosen
        .into_iter()
        .map(|i| SummarySentence {
            text: candidates[i].text.to_string(),
            articles: support[i].iter().map(|&a| articles[a].id.clone()).collect(),
        })
        .collect();
    out.extend(
        claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Conflict)
            .take(3)
            .map(conflict_sentence),
    );
    out
}

/// Narrative sentences of reasonable length; questions and bare quotes are
/// poor summary material.
fn eligible(c: &Candidate) -> bool {
    let n = c.text.split_whitespace().count();
    let starts_with_quote = c.text.starts_with(['"', '“', '‘', '\'']);
    // A sentence cut out of a longer quotation has unbalanced marks.
    let marks = c
        .text
        .chars()
        .filter(|ch| matches!(ch, '"' | '“' | '”'))
        .count();
    if marks % 2 == 1 {
        return false;
    }
    (MIN_WORDS..=MAX_WORDS).contains(&n) && !c.text.ends_with('?') && !starts_with_quote
}

fn conflict_sentence(claim: &Claim) -> SummarySentence {
    let parts: Vec<String> = claim
        .values
        .iter()
        .map(|v| {
            let n = v.articles.len();
            let src = if n == 1 {
                "1 source".to_string()
            } else {
                format!("{n} sources")
            };
            format!("{} ({src})", format_number(v.value))
        })
        .collect();
    let articles: BTreeSet<String> = claim
        .values
        .iter()
        .flat_map(|v| v.articles.iter().cloned())
        .collect();
    SummarySentence {
        text: format!(
            "Sources disagree on {}: {}.",
            claim.subject,
            parts.join(", ")
        ),
        articles: articles.into_iter().collect(),
    }
}

/// "12000" → "12,000"; "4200000000" → "4.2 billion"; "3.5" stays.
pub fn format_number(v: f64) -> String {
    if v.abs() >= 1e9 {
        return format!("{} billion", trim_float(v / 1e9));
    }
    if v.abs() >= 1e6 {
        return format!("{} million", trim_float(v / 1e6));
    }
    if v.fract() != 0.0 {
        return trim_float(v);
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_news() {
        assert_eq!(format_number(12000.0), "12,000");
        assert_eq!(format_number(4.2e9), "4.2 billion");
        assert_eq!(format_number(3.5), "3.5");
        assert_eq!(format_number(300.0), "300");
    }
}
