//! Unit tests for numeric-claim extraction, on sentences written for them.

use super::*;
use crate::entities::find_entities;
use crate::quotes::find_quotes;

fn numbers(paragraphs: &[&str]) -> Vec<NumberMention> {
    let article = Article::from_paragraphs("a", paragraphs.iter().copied());
    let entities = find_entities(&article);
    let quotes = find_quotes(&article, &entities);
    find_numbers(&article, &entities, &quotes)
}

fn summary(m: &NumberMention) -> (f64, &str, Option<&str>, Option<&str>) {
    (
        m.value,
        m.unit_class.as_str(),
        m.predicate.as_deref(),
        m.modifier.as_deref(),
    )
}

#[test]
fn passive_main_verb_wins_over_reduced_relative() {
    let got = numbers(&["Nearly 450 Peruvian police officers sent to the border have been injured, with another 30 killed."]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].value, 450.0);
    assert_eq!(got[0].predicate.as_deref(), Some("injured"));
    assert_eq!(got[0].modifier.as_deref(), Some("Peru"));
    assert_eq!(got[0].hedge.as_deref(), Some("Nearly"));
    assert_eq!(summary(&got[1]).2, Some("killed"));
    assert_eq!(
        got[1].unit, got[0].unit,
        "bare participle inherits the noun"
    );
}

#[test]
fn active_verb_before_the_number_and_source_subject() {
    let got =
        numbers(&["Local media reported that Chile has sent around 1,500 troops to the region."]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        summary(&got[0]),
        (1500.0, "troops", Some("deployed"), Some("Chile"))
    );
    assert_eq!(got[0].attribution.as_deref(), Some("Local media"));
    assert_eq!(got[0].hedge.as_deref(), Some("around"));
}

#[test]
fn noun_predicates_and_others() {
    let got = numbers(&[
        "Officials counted 120 deaths and 900 injuries, while 4,000 others were displaced.",
    ]);
    let preds: Vec<_> = got.iter().map(|m| m.predicate.as_deref()).collect();
    assert_eq!(
        preds,
        [Some("killed"), Some("injured"), Some("displaced")],
        "{got:?}"
    );
}

#[test]
fn attributed_estimates_keep_their_sources() {
    let got = numbers(&["Last month, Bolivian casualties were estimated at 700 by Brazil and around 200 by Argentina."]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].attribution.as_deref(), Some("Brazil"));
    assert_eq!(got[1].attribution.as_deref(), Some("Argentina"));
    assert!(got
        .iter()
        .all(|m| m.predicate.as_deref() == Some("casualties")));
    assert!(got.iter().all(|m| m.modifier.as_deref() == Some("Bolivia")));
}

#[test]
fn money_percent_and_scales() {
    let got = numbers(&[
        "The company agreed to pay $4.2 billion, a premium of 27%, and will cut 1,200 jobs.",
    ]);
    let vals: Vec<(f64, &str)> = got
        .iter()
        .map(|m| (m.value, m.unit_class.as_str()))
        .collect();
    assert_eq!(
        vals,
        [(4.2e9, "USD"), (27.0, "%"), (1200.0, "jobs")],
        "{got:?}"
    );
}

#[test]
fn dates_years_durations_and_ages_are_not_counts() {
    let got = numbers(&["On March 3, 2021 a 2-minute video showed men in their 20s during a 24 hours stretch in 2019."]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn quoted_figures_are_attributed_to_the_speaker() {
    let got = numbers(&[
        "\"We have recorded about 85 deaths so far,\" health official Carla Mendes said.",
    ]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].attribution.as_deref(), Some("Carla Mendes"));
}
