//! Dates on the seed story (tests/fixtures/seed-story): publication dates
//! inferred for the three undated articles, and the hand-annotated
//! timeline events found with the right calendar dates. Articles are built
//! here with a minimal loader so this test does not depend on the ingest
//! and clean crates.

use chrono::{Datelike, NaiveDate, Weekday};
use concord_extract::dates::{article_dates, find_dates, infer_publication};
use concord_model::{Article, DateMention, RemovedBlock, RemovedKind};
use std::path::PathBuf;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn story_published() -> Vec<NaiveDate> {
    vec![ymd(2025, 1, 13)]
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed-story")
}

fn empty_article(id: &str) -> Article {
    Article::from_paragraphs(id.to_string(), Vec::<String>::new())
}

/// The minimal loader: non-empty lines are paragraphs; the first is a
/// title except in 003 and 004; 003 loses its metadata prefix and gets its
/// stated date; 001's post signature goes to `removed`.
fn load(prefix: &str) -> Article {
    let dir = fixture_dir();
    let entries = std::fs::read_dir(&dir).expect("seed-story fixture folder");
    let path = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
        .expect("fixture file");
    let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
    let mut article = empty_article(prefix);
    let mut lines = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty());
    if prefix != "003" && prefix != "004" {
        article.title = lines.next().map(str::to_string);
    }
    for line in lines {
        if prefix == "001" && line.starts_with("— Volodymyr Zelenskyy") {
            article.removed.push(RemovedBlock {
                text: line.to_string(),
                kind: RemovedKind::Embed,
                reason: "embedded post signature".into(),
            });
            continue;
        }
        let line = match line.strip_prefix(" date 2025-01-13 KYIV:") {
            Some(rest) => {
                article.published = Some(ymd(2025, 1, 13));
                article.dateline = Some("KYIV".into());
                rest.trim_start()
            }
            None => line,
        };
        article.body_paragraphs.push(line.to_string());
    }
    article
}

/// An article with its publication date stated or inferred from the story.
fn dated(prefix: &str) -> Article {
    let mut article = load(prefix);
    if article.published.is_none() {
        article.published_inferred = infer_publication(&article, &story_published());
    }
    article
}

fn has(mentions: &[DateMention], written: &str, date: &str) -> bool {
    mentions
        .iter()
        .any(|m| m.written == written && m.date.to_string() == date)
}

#[test]
fn weekdays_of_the_story_week() {
    assert_eq!(ymd(2025, 1, 11).weekday(), Weekday::Sat);
    assert_eq!(ymd(2025, 1, 12).weekday(), Weekday::Sun);
    assert_eq!(ymd(2025, 1, 13).weekday(), Weekday::Mon);
}

#[test]
fn loader_reads_the_fixture_as_described() {
    let a003 = load("003");
    assert_eq!(a003.published, Some(ymd(2025, 1, 13)));
    assert!(a003.body_paragraphs[0].starts_with("Ukraine’s President"));
    let a001 = load("001");
    assert_eq!(a001.removed.len(), 1);
    assert!(a001.title.is_some());
    assert!(load("004").title.is_none());
}

#[test]
fn undated_articles_get_the_story_date_with_evidence() {
    for prefix in ["000", "001", "004"] {
        let article = load(prefix);
        let inferred = infer_publication(&article, &story_published())
            .unwrap_or_else(|| panic!("{prefix}: a date is inferred"));
        assert_eq!(
            inferred.date,
            ymd(2025, 1, 13),
            "{prefix}: {}",
            inferred.how
        );
        assert!(
            inferred.how.contains("2025-01-13")
                && inferred.how.contains("no date in the text contradicts it"),
            "{prefix}: {}",
            inferred.how
        );
    }
    let how_001 = infer_publication(&load("001"), &story_published()).map(|d| d.how);
    assert!(how_001.is_some_and(|h| h.contains("'January 12, 2025' in an embedded post")));
    // The stated date is not second-guessed.
    assert_eq!(infer_publication(&load("003"), &story_published()), None);
}

#[test]
fn without_story_dates_the_text_alone_dates_000_and_001() {
    // Gold: "2025-01-12 or later" for both.
    let a000 = infer_publication(&load("000"), &[]).expect("000 is inferable");
    assert_eq!(a000.date, ymd(2025, 1, 12));
    assert!(
        a000.how.contains("'Jan. 12'") && a000.how.contains("year from 'August 2024'"),
        "{}",
        a000.how
    );
    let a001 = infer_publication(&load("001"), &[]).expect("001 is inferable");
    assert_eq!(a001.date, ymd(2025, 1, 12));
    // 004 names no year at all ("December last year" needs one): nothing to
    // infer from the text alone, rather than a guess.
    assert_eq!(infer_publication(&load("004"), &[]), None);
}

#[test]
fn gold_events_are_found_with_their_dates() {
    let events: &[(&str, &str, &str)] = &[
        ("000", "in August 2024", "2024-08"),
        ("001", "in early August", "2024-08"),
        ("000", "on Dec. 27", "2024-12-27"),
        ("004", "on January 3", "2025-01-03"),
        ("004", "on January 5", "2025-01-05"),
        ("000", "on Jan. 11", "2025-01-11"),
        ("003", "on Saturday", "2025-01-11"),
        ("000", "on Jan. 12", "2025-01-12"),
        ("001", "Sunday", "2025-01-12"),
        ("003", "on Sunday", "2025-01-12"),
        ("004", "on Sunday", "2025-01-12"),
        ("003", "on Monday", "2025-01-13"),
        ("004", "In December last year", "2024-12"),
    ];
    for prefix in ["000", "001", "002", "003", "004"] {
        let article = dated(prefix);
        let mentions = article_dates(&article);
        for (_, written, date) in events.iter().filter(|(p, _, _)| *p == prefix) {
            assert!(
                has(&mentions, written, date),
                "{prefix}: expected {written:?} = {date}, got {mentions:#?}"
            );
        }
        // Nothing else is taken for a date.
        let expected = events.iter().filter(|(p, _, _)| *p == prefix).count();
        let distinct: std::collections::BTreeSet<(String, String)> = mentions
            .iter()
            .map(|m| (m.written.clone(), m.date.to_string()))
            .collect();
        assert_eq!(distinct.len(), expected, "{prefix}: {distinct:?}");
    }
}

#[test]
fn mentions_point_at_their_text() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let article = dated(prefix);
        for m in article_dates(&article) {
            let paragraph = &article.body_paragraphs[m.span.paragraph];
            assert_eq!(&paragraph[m.span.start..m.span.end], m.written);
            assert!(m.sentence.contains(&m.written) && paragraph.contains(&m.sentence));
        }
    }
}

#[test]
fn past_sentences_give_no_date_after_publication() {
    // Every dated sentence in the seed story reports the past.
    for prefix in ["000", "001", "002", "003", "004"] {
        let article = dated(prefix);
        let reference = article.reference_date().expect("dated");
        for m in article_dates(&article) {
            let first_day =
                NaiveDate::from_ymd_opt(m.date.year, m.date.month, m.date.day.unwrap_or(1));
            assert!(
                first_day.is_some_and(|d| d <= reference),
                "{prefix}: {} = {} is after {reference}",
                m.written,
                m.date
            );
        }
    }
}

#[test]
fn durations_and_ages_are_not_dates() {
    let reference = Some(ymd(2025, 1, 13));
    for (prefix, phrase) in [
        ("004", "2-minute 55-second"),
        ("004", "in their 20s"),
        ("002", "nearly three-year-old war"),
        ("003", "nearly three-year-old war"),
    ] {
        let article = load(prefix);
        let paragraph = article
            .body_paragraphs
            .iter()
            .find(|p| p.contains(phrase))
            .unwrap_or_else(|| panic!("{prefix} contains {phrase:?}"));
        let at = paragraph.find(phrase).unwrap_or_default();
        for m in find_dates(paragraph, reference) {
            assert!(
                m.end <= at || m.start >= at + phrase.len(),
                "{prefix}: {:?} overlaps {phrase:?}",
                m.written
            );
        }
        assert!(find_dates(phrase, reference).is_empty(), "{phrase}");
    }
}

/// A made-up story: a flood in Brazil, published on Wednesday 2023-03-08.
#[test]
fn flood_article_resolves_against_a_wednesday() {
    let published = ymd(2023, 3, 8);
    assert_eq!(published.weekday(), Weekday::Wed);
    let mut article = empty_article("flood");
    article.published = Some(published);
    article.body_paragraphs = vec![
        "Floodwaters rose on Tuesday in the state of São Paulo, where rain had fallen since \
         March 1, the civil defence agency said."
            .into(),
        "The governor visited the worst-hit towns last Friday and asked for federal aid \
         yesterday. He will return on Friday, his office said."
            .into(),
        "Rainfall in February was the heaviest on record, the Sunday Times of Brazil may \
         report, and rescuers march on."
            .into(),
    ];
    let mentions = article_dates(&article);
    let got: Vec<(&str, String)> = mentions
        .iter()
        .map(|m| (m.written.as_str(), m.date.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("on Tuesday", "2023-03-07".to_string()),
            ("March 1", "2023-03-01".to_string()),
            ("last Friday", "2023-03-03".to_string()),
            ("yesterday", "2023-03-07".to_string()),
            ("on Friday", "2023-03-10".to_string()),
            ("in February", "2023-02".to_string()),
        ]
    );
    assert!(mentions.iter().all(|m| m.relative));
    assert_eq!(ymd(2023, 3, 3).weekday(), Weekday::Fri);
    assert_eq!(ymd(2023, 3, 10).weekday(), Weekday::Fri);
}
