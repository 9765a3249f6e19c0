//! Date evidence: every place a page states a date, what the date is said
//! to be (published, modified, something else), how much that place is
//! trusted, and the choice of one publication and one modification date.

use crate::dates::{parse_date, plausible_year, utc_time};
use chrono::{NaiveDate, NaiveDateTime};

/// What a stated date is the date of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Published,
    Modified,
}

/// How much a kind of evidence is trusted for the publication date: the
/// page's own structured data first, then the URL, then what is printed by
/// the headline, then dates printed elsewhere on the page.
pub(crate) mod rank {
    pub const JSON_LD_PUBLISHED: u8 = 100;
    pub const META_PUBLISHED: u8 = 95;
    pub const ITEMPROP_PUBLISHED: u8 = 92;
    pub const JSON_LD_CREATED: u8 = 90;
    pub const META_PUBLISHED_LIKE: u8 = 88;
    pub const TIME_PUBLISHED: u8 = 85;
    pub const URL_PATH: u8 = 80;
    pub const META_DATE: u8 = 55;
    pub const LABELLED_NEAR_HEADLINE: u8 = 68;
    pub const PUBLISH_CLASS: u8 = 64;
    pub const TIME_NEAR_HEADLINE: u8 = 62;
    pub const TIME_IN_CONTENT: u8 = 56;
    pub const DATE_CLASS_NEAR_HEADLINE: u8 = 58;
    pub const ITEMPROP_OUTSIDE: u8 = 52;
    pub const DATE_NEAR_HEADLINE: u8 = 48;
    pub const LABELLED: u8 = 45;
    pub const DATE_CLASS: u8 = 42;
    pub const UPDATED_CLASS: u8 = 40;
    pub const TIME_ELSEWHERE: u8 = 38;
}

/// One date a page states, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Evidence {
    pub date: NaiveDate,
    pub role: Role,
    pub rank: u8,
    /// Where the date was read, in words a user can check.
    pub provenance: String,
    /// When the date was read from a UTC timestamp: its time, for finding
    /// the publisher's local day.
    pub utc: Option<NaiveDateTime>,
    /// Read from the page's visible text (what readers see), not from
    /// metadata or attributes.
    pub printed: bool,
    /// Stated in the headline's byline area.
    pub near_headline: bool,
    /// Stated in the publisher's local time for sure: printed for readers,
    /// or in the URL path (see `zone`).
    pub local: bool,
}

impl Evidence {
    pub(crate) fn new(
        date: NaiveDate,
        role: Role,
        rank: u8,
        provenance: impl Into<String>,
    ) -> Self {
        Evidence {
            date,
            role,
            rank,
            provenance: provenance.into(),
            utc: None,
            printed: false,
            near_headline: false,
            local: false,
        }
    }

    /// The date of a field's value, remembering a UTC time (see `zone`).
    pub(crate) fn from_field(
        value: &str,
        role: Role,
        rank: u8,
        provenance: impl Into<String>,
    ) -> Option<Self> {
        let date = parse_date(value)?;
        let mut e = Evidence::new(date, role, rank, provenance);
        e.utc = utc_time(value);
        Some(e)
    }
}

/// A date the page gives for itself, with its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedBy {
    pub date: NaiveDate,
    pub provenance: String,
}

/// The best evidence of `role`: highest rank, then first stated. Dates
/// after `latest` (the fetch day) or before the web are never taken.
pub(crate) fn best(all: &[Evidence], role: Role, latest: NaiveDate) -> Option<&Evidence> {
    let mut best: Option<&Evidence> = None;
    for e in all
        .iter()
        .filter(|e| e.role == role && plausible_year(e.date) && e.date <= latest)
    {
        if best.is_none_or(|b| e.rank > b.rank) {
            best = Some(e);
        }
    }
    best
}

/// The publication date: the best evidence, except that when the page's
/// structured data disagree with each other (a republished story keeps its
/// first `pubdate` in one field and the new day in another), the day
/// printed by the headline, which readers see, picks among them.
pub(crate) fn best_published(all: &[Evidence], latest: NaiveDate) -> Option<&Evidence> {
    let top = best(all, Role::Published, latest)?;
    let usable =
        |e: &&Evidence| e.role == Role::Published && plausible_year(e.date) && e.date <= latest;
    let tier: Vec<&Evidence> = all
        .iter()
        .filter(usable)
        .filter(|e| e.rank >= rank::META_PUBLISHED_LIKE && !e.printed)
        .collect();
    if tier.iter().all(|e| e.date == top.date) {
        return Some(top);
    }
    let shown = all
        .iter()
        .filter(usable)
        .filter(|e| e.printed && e.rank >= rank::DATE_NEAR_HEADLINE)
        .filter(|e| tier.iter().any(|t| t.date == e.date));
    // By the headline, the first (closest) one: later ones may be teasers'.
    match first_max(shown, |e| e.near_headline) {
        Some(p) => first_max(tier.iter().copied().filter(|t| t.date == p.date), |t| {
            t.rank
        }),
        None => Some(top),
    }
}

/// The first item with the greatest key (`max_by_key` gives the last).
fn first_max<'a, K: Ord>(
    items: impl Iterator<Item = &'a Evidence>,
    key: impl Fn(&Evidence) -> K,
) -> Option<&'a Evidence> {
    let mut best: Option<(&Evidence, K)> = None;
    for e in items {
        let k = key(e);
        if best.as_ref().is_none_or(|(_, bk)| k > *bk) {
            best = Some((e, k));
        }
    }
    best.map(|(e, _)| e)
}

impl From<&Evidence> for DatedBy {
    fn from(e: &Evidence) -> Self {
        DatedBy {
            date: e.date,
            provenance: e.provenance.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn highest_rank_wins_and_modified_is_apart() {
        let all = vec![
            Evidence::new(day("2020-01-02"), Role::Published, 40, "a"),
            Evidence::new(day("2020-01-05"), Role::Modified, 100, "b"),
            Evidence::new(day("2020-01-01"), Role::Published, 90, "c"),
            Evidence::new(day("2020-01-03"), Role::Published, 90, "d"),
        ];
        let latest = day("2024-01-01");
        assert_eq!(best(&all, Role::Published, latest).unwrap().provenance, "c");
        assert_eq!(best(&all, Role::Modified, latest).unwrap().provenance, "b");
    }

    #[test]
    fn the_printed_day_decides_between_disagreeing_metadata() {
        let mut printed = Evidence::new(day("2022-02-04"), Role::Published, 58, "printed");
        printed.printed = true;
        let all = vec![
            Evidence::new(day("2021-12-14"), Role::Published, 95, "pubdate"),
            Evidence::new(day("2022-02-04"), Role::Published, 95, "dc.date.issued"),
            printed,
        ];
        let latest = day("2024-01-01");
        let got = best_published(&all, latest).unwrap();
        assert_eq!(got.provenance, "dc.date.issued");
        let agreeing = &all[..1];
        assert_eq!(
            best_published(agreeing, latest).unwrap().provenance,
            "pubdate"
        );
    }

    #[test]
    fn future_and_prehistoric_dates_are_never_taken() {
        let all = vec![
            Evidence::new(day("2031-01-01"), Role::Published, 100, "future"),
            Evidence::new(day("1990-01-01"), Role::Published, 99, "old"),
            Evidence::new(day("2020-01-01"), Role::Published, 10, "ok"),
        ];
        let chosen = best(&all, Role::Published, day("2024-01-01")).unwrap();
        assert_eq!(chosen.provenance, "ok");
    }
}
