//! Reading the UCI News Aggregator CSV into articles, in stream order.

use crate::rng::Rng;
use anyhow::{Context, Result};
use concord_model::Article;
use serde::Deserialize;
use std::path::Path;

/// One CSV row; columns as in the dataset (`ID, TITLE, URL, PUBLISHER,
/// CATEGORY, STORY, HOSTNAME, TIMESTAMP`). Only what the clusterers may
/// see becomes part of the article: the story label stays here.
#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "TITLE")]
    pub title: String,
    #[serde(rename = "URL")]
    pub url: String,
    #[serde(rename = "PUBLISHER")]
    pub publisher: String,
    /// Milliseconds since the Unix epoch.
    #[serde(rename = "TIMESTAMP")]
    pub timestamp: i64,
}

/// Every well-formed row, sorted by TIMESTAMP (ties keep file order). A
/// malformed row is reported on stderr and skipped.
pub fn read_rows(path: &Path) -> Result<Vec<Row>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("{}", path.display()))?;
    let mut rows = Vec::new();
    for (n, record) in reader.deserialize::<Row>().enumerate() {
        match record {
            Ok(row) => rows.push(row),
            // Line numbers count the header as line 1.
            Err(err) => eprintln!("{}: row {}: {err}", path.display(), n + 2),
        }
    }
    rows.sort_by_key(|r| r.timestamp);
    Ok(rows)
}

/// Which part of the stream to feed, split at the middle row in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    All,
    /// The earlier half: where thresholds are chosen.
    First,
    /// The later half: held out.
    Second,
}

pub fn select(rows: Vec<Row>, part: Part) -> Vec<Row> {
    let mid = rows.len() / 2;
    match part {
        Part::All => rows,
        Part::First => rows.into_iter().take(mid).collect(),
        Part::Second => rows.into_iter().skip(mid).collect(),
    }
}

/// Shuffles rows within consecutive windows of `minutes` of TIMESTAMP:
/// arrival order inside a window is noise, order across windows is kept.
pub fn shuffle_within_windows(rows: &mut [Row], minutes: i64, seed: u64) {
    let width = minutes.max(1) * 60_000;
    let mut rng = Rng::new(seed);
    let mut start = 0;
    while start < rows.len() {
        let window = rows[start].timestamp.div_euclid(width);
        let len = rows[start..]
            .iter()
            .take_while(|r| r.timestamp.div_euclid(width) == window)
            .count();
        rng.shuffle(&mut rows[start..start + len]);
        start += len.max(1);
    }
}

/// The article a row stands for: the headline is the only text, the
/// timestamp's UTC day is the publication date.
pub fn article(row: &Row) -> Article {
    Article {
        source: format!("uci#{}", row.id),
        title: Some(row.title.clone()),
        published: chrono::DateTime::from_timestamp_millis(row.timestamp).map(|t| t.date_naive()),
        outlet: Some(row.publisher.clone()).filter(|p| !p.is_empty()),
        url: Some(row.url.clone()).filter(|u| !u.is_empty()),
        ..Article::from_paragraphs(row.id.clone(), Vec::<String>::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, timestamp: i64) -> Row {
        Row {
            id: id.to_string(),
            title: format!("headline {id}"),
            url: String::new(),
            publisher: String::new(),
            timestamp,
        }
    }

    #[test]
    fn shuffles_stay_inside_their_windows() {
        let minute = 60_000;
        let mut rows: Vec<Row> = (0..40).map(|i| row(&i.to_string(), i * minute)).collect();
        shuffle_within_windows(&mut rows, 10, 7);
        let windows: Vec<i64> = rows.iter().map(|r| r.timestamp / (10 * minute)).collect();
        assert!(windows.windows(2).all(|w| w[0] <= w[1]), "{windows:?}");
        let order: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let sorted: Vec<String> = (0..40).map(|i: i64| i.to_string()).collect();
        assert_ne!(order, sorted, "seed 7 moves something");
    }

    #[test]
    fn halves_split_at_the_middle_row() {
        let rows: Vec<Row> = (0..5).map(|i| row(&i.to_string(), i)).collect();
        assert_eq!(select(rows.clone(), Part::First).len(), 2);
        assert_eq!(select(rows.clone(), Part::Second).len(), 3);
        assert_eq!(select(rows, Part::All).len(), 5);
    }

    #[test]
    fn an_article_is_the_headline_and_the_utc_day() {
        let a = article(&row("7", 1_394_470_370_698));
        assert_eq!(a.id, "7");
        assert_eq!(a.title.as_deref(), Some("headline 7"));
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2014-03-10")
        );
        assert!(a.body_paragraphs.is_empty() && a.outlet.is_none());
    }
}
