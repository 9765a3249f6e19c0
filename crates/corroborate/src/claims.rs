//! Aligning numeric claims across sources.
//!
//! Numbers line up when they count the same class of thing with the same
//! predicate for the same party ("troops deployed — North Korea"), in the
//! same period. Values are then compared: one value over two or more
//! articles is agreement; several values is a conflict. When one article
//! gives different values from different named sources (Ukraine says 3,000,
//! South Korea says 1,000), those are separate claims that keep their
//! attributions rather than one claim in conflict with itself.

use crate::entities::EntityIndex;
use concord_model::{ArticleFacts, Claim, ClaimStatus, ClaimValue, NumberMention};
use std::collections::{BTreeMap, BTreeSet};

/// Units that measure one quantity (a quake's magnitude, a price), so
/// different values conflict even without a predicate.
const MEASURES: &[&str] = &[
    "magnitude",
    "%",
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "INR",
    "RUB",
    "CNY",
    "KRW",
    "TRY",
    "MAD",
    "PEN",
    "BRL",
    "CHF",
    "UAH",
];

/// Classes of counted things worth reporting even without a predicate
/// (measures are reported too).
const REPORTABLE_COUNTS: &[&str] = &[
    "troops",
    "people",
    "children",
    "prisoners",
    "jobs",
    "workers",
    "police",
    "buildings",
];

fn reportable(class: &str) -> bool {
    REPORTABLE_COUNTS.contains(&class) || is_measure(class)
}

fn is_measure(class: &str) -> bool {
    MEASURES.contains(&class) || class.starts_with("magnitude")
}

struct Item<'a> {
    article: &'a str,
    mention: &'a NumberMention,
    modifier: Option<String>,
    attribution: Option<String>,
}

/// Group the story's numbers into claims, conflicts first.
pub fn align_claims(facts: &[ArticleFacts], entities: &EntityIndex) -> Vec<Claim> {
    let canon = |s: &Option<String>| {
        s.as_ref()
            .map(|n| entities.canonical(n).unwrap_or(n).to_string())
    };
    let specific = specific_human_classes(facts);
    let mut by_subject: BTreeMap<(String, String, Option<String>), Vec<Item>> = BTreeMap::new();
    for f in facts {
        for m in &f.numbers {
            let reportable = reportable(&m.unit_class);
            if m.predicate.is_none() && !reportable {
                continue;
            }
            let predicate = m.predicate.clone().unwrap_or_default();
            // "300 deaths" counts the same people as "300 soldiers killed"
            // when the story counts only one kind of people that way.
            let class = match specific.get(&predicate) {
                Some(c) if m.unit_class == "people" => c.clone(),
                _ => m.unit_class.clone(),
            };
            let key = (class, predicate, m.scope.clone());
            by_subject.entry(key).or_default().push(Item {
                article: &f.article_id,
                mention: m,
                modifier: canon(&m.modifier),
                attribution: canon(&m.attribution),
            });
        }
    }
    let mut claims = Vec::new();
    for ((class, predicate, scope), items) in by_subject {
        for (modifier, items) in split_by_modifier(items) {
            for (attribution, items) in split_by_attribution(items) {
                let subject = subject_text(
                    &class,
                    &predicate,
                    modifier.as_deref(),
                    scope.as_deref(),
                    attribution.as_deref(),
                );
                // Without a predicate, two numbers of one unit ("4,000
                // people", "56,000 people") rarely count the same thing:
                // only equal values are aligned, never set in conflict.
                let measure = is_measure(&class);
                let groups = if predicate.is_empty() && !measure {
                    split_by_value(items)
                } else {
                    vec![items]
                };
                for items in groups {
                    if let Some(claim) = build_claim(subject.clone(), &class, &items) {
                        claims.push(claim);
                    }
                }
            }
        }
    }
    claims.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then_with(|| n_articles(b).cmp(&n_articles(a)))
            .then_with(|| a.subject.cmp(&b.subject))
    });
    claims
}

/// Classes of people more specific than "people".
const HUMAN_CLASSES: &[&str] = &["troops", "children", "prisoners", "police", "workers"];

/// For each predicate, the one specific class of people the story counts
/// with it, when there is exactly one.
fn specific_human_classes(facts: &[ArticleFacts]) -> BTreeMap<String, String> {
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in facts.iter().flat_map(|f| &f.numbers) {
        if let Some(p) = &m.predicate {
            if HUMAN_CLASSES.contains(&m.unit_class.as_str()) {
                seen.entry(p.clone())
                    .or_default()
                    .insert(m.unit_class.clone());
            }
        }
    }
    seen.into_iter()
        .filter_map(|(p, classes)| {
            (classes.len() == 1).then(|| (p, classes.into_iter().next().unwrap_or_default()))
        })
        .collect()
}

fn rank(s: ClaimStatus) -> u8 {
    match s {
        ClaimStatus::Conflict => 0,
        ClaimStatus::Agree => 1,
        ClaimStatus::Single => 2,
    }
}

fn n_articles(c: &Claim) -> usize {
    c.values
        .iter()
        .flat_map(|v| &v.articles)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Mentions that name a party go to that party's claim; mentions that name
/// none join the party most mentions name (they are usually the same thing
/// said more briefly).
fn split_by_modifier(items: Vec<Item>) -> Vec<(Option<String>, Vec<Item>)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for it in &items {
        if let Some(m) = &it.modifier {
            *counts.entry(m.clone()).or_default() += 1;
        }
    }
    let dominant = counts
        .iter()
        .max_by_key(|(_, c)| **c)
        .map(|(m, _)| m.clone());
    let mut groups: BTreeMap<Option<String>, Vec<Item>> = BTreeMap::new();
    for it in items {
        let key = it.modifier.clone().or_else(|| dominant.clone());
        groups.entry(key).or_default().push(it);
    }
    groups.into_iter().collect()
}

/// Split only when some article gives different values from different
/// named sources; otherwise the group stays whole.
fn split_by_attribution(items: Vec<Item>) -> Vec<(Option<String>, Vec<Item>)> {
    let mut per_article: BTreeMap<&str, BTreeSet<(String, Option<&String>)>> = BTreeMap::new();
    for it in &items {
        per_article
            .entry(it.article)
            .or_default()
            .insert((value_key(it.mention.value), it.attribution.as_ref()));
    }
    let divided = per_article.values().any(|vals| {
        let values: BTreeSet<&String> = vals.iter().map(|(v, _)| v).collect();
        let sources: BTreeSet<Option<&String>> = vals.iter().map(|(_, a)| *a).collect();
        values.len() > 1 && sources.len() == values.len() && sources.iter().all(Option::is_some)
    });
    if !divided {
        return vec![(None, items)];
    }
    let mut groups: BTreeMap<Option<String>, Vec<Item>> = BTreeMap::new();
    for it in items {
        groups.entry(it.attribution.clone()).or_default().push(it);
    }
    groups.into_iter().collect()
}

fn split_by_value(items: Vec<Item>) -> Vec<Vec<Item>> {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for it in items {
        groups
            .entry(value_key(it.mention.value))
            .or_default()
            .push(it);
    }
    groups.into_values().collect()
}

fn value_key(v: f64) -> String {
    format!("{v:.6}")
}

fn subject_text(
    class: &str,
    predicate: &str,
    modifier: Option<&str>,
    scope: Option<&str>,
    source: Option<&str>,
) -> String {
    let mut s = if predicate.is_empty() {
        class.to_string()
    } else {
        format!("{class} {predicate}")
    };
    if let Some(m) = modifier {
        s = format!("{s} ({m})");
    }
    if let Some(d) = scope {
        s = format!("{s}, {d}");
    }
    if let Some(a) = source {
        s = format!("{s}, according to {a}");
    }
    s
}

fn build_claim(subject: String, class: &str, items: &[Item]) -> Option<Claim> {
    let mut by_value: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for it in items {
        by_value
            .entry(value_key(it.mention.value))
            .or_default()
            .push(it);
    }
    let mut values: Vec<ClaimValue> = by_value
        .into_values()
        .map(|its| {
            let articles: BTreeSet<String> = its.iter().map(|i| i.article.to_string()).collect();
            ClaimValue {
                value: its[0].mention.value,
                articles: articles.into_iter().collect(),
                attribution: most_common(its.iter().filter_map(|i| i.attribution.clone())),
                hedge: most_common(its.iter().filter_map(|i| i.mention.hedge.clone())),
                evidence: its[0].mention.evidence.clone(),
            }
        })
        .collect();
    values.sort_by(|a, b| a.value.total_cmp(&b.value));
    let all_articles: BTreeSet<&String> = values.iter().flat_map(|v| &v.articles).collect();
    // A lone number without a predicate says too little to report, and
    // so does a small one ("two men", "three days" of narrative).
    let no_predicate = items.iter().all(|i| i.mention.predicate.is_none());
    let measure = is_measure(class);
    if no_predicate
        && (all_articles.len() < 2 || (!measure && values.iter().all(|v| v.value < 10.0)))
    {
        return None;
    }
    let status = if values.len() > 1 {
        ClaimStatus::Conflict
    } else if all_articles.len() > 1 {
        ClaimStatus::Agree
    } else {
        ClaimStatus::Single
    };
    Some(Claim {
        subject,
        unit: class.to_string(),
        status,
        values,
    })
}

/// The most frequent item; ties go to the one seen first.
pub(crate) fn most_common(items: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(s, _)| *s == it) {
            Some((_, c)) => *c += 1,
            None => counts.push((it, 1)),
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::Span;

    fn number(
        value: f64,
        class: &str,
        predicate: &str,
        modifier: Option<&str>,
        source: Option<&str>,
    ) -> NumberMention {
        NumberMention {
            value,
            unit: class.into(),
            unit_class: class.into(),
            predicate: Some(predicate.into()),
            modifier: modifier.map(str::to_string),
            hedge: None,
            attribution: source.map(str::to_string),
            scope: None,
            evidence: format!("{value} {class} {predicate}"),
            span: Span {
                paragraph: 0,
                start: 0,
                end: 0,
            },
        }
    }

    fn facts(id: &str, numbers: Vec<NumberMention>) -> ArticleFacts {
        ArticleFacts {
            article_id: id.into(),
            numbers,
            ..ArticleFacts::default()
        }
    }

    #[test]
    fn different_values_conflict_and_same_values_agree() {
        let claims = align_claims(
            &[
                facts(
                    "a",
                    vec![
                        number(1240.0, "people", "killed", Some("Peru"), None),
                        number(80.0, "people", "injured", None, None),
                    ],
                ),
                facts(
                    "b",
                    vec![
                        number(1305.0, "people", "killed", None, None),
                        number(80.0, "people", "injured", None, None),
                    ],
                ),
                facts(
                    "c",
                    vec![number(1240.0, "people", "killed", Some("Peru"), None)],
                ),
            ],
            &EntityIndex::default(),
        );
        assert_eq!(claims[0].status, ClaimStatus::Conflict);
        let arts: Vec<_> = claims[0]
            .values
            .iter()
            .map(|v| v.articles.clone())
            .collect();
        assert_eq!(arts, [vec!["a".to_string(), "c".into()], vec!["b".into()]]);
        assert_eq!(claims[1].status, ClaimStatus::Agree);
        assert_eq!(claims[1].values[0].articles, ["a", "b"]);
    }

    #[test]
    fn one_article_two_sources_two_claims() {
        let claims = align_claims(
            &[facts(
                "a",
                vec![
                    number(700.0, "people", "casualties", None, Some("Brazil")),
                    number(200.0, "people", "casualties", None, Some("Argentina")),
                ],
            )],
            &EntityIndex::default(),
        );
        assert_eq!(claims.len(), 2, "{claims:?}");
        assert!(claims
            .iter()
            .all(|c| c.status == ClaimStatus::Single && c.values.len() == 1));
        assert!(claims
            .iter()
            .any(|c| c.subject.contains("according to Brazil")));
    }

    #[test]
    fn different_parties_are_different_claims() {
        let claims = align_claims(
            &[
                facts(
                    "a",
                    vec![number(50.0, "troops", "killed", Some("Chile"), None)],
                ),
                facts(
                    "b",
                    vec![number(70.0, "troops", "killed", Some("Peru"), None)],
                ),
            ],
            &EntityIndex::default(),
        );
        assert_eq!(claims.len(), 2);
        assert!(claims.iter().all(|c| c.status == ClaimStatus::Single));
    }
}
