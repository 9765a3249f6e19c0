//! Dates known to the day or only to the month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date with day or month precision ("2025-01-12" or "2024-08").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: date.month(),
            day: Some(date.day()),
        }
    }

    /// A month-precision date; `None` when the month is out of range.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month,
            day: None,
        })
    }

    /// The full date when the day is known.
    pub fn as_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day?)
    }

    /// Parse `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        match parts.next() {
            None => PartialDate::month(year, month),
            Some(d) => NaiveDate::from_ymd_opt(year, month, d.parse().ok()?).map(PartialDate::day),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_both_precisions() {
        for s in ["2025-01-12", "2024-08"] {
            assert_eq!(
                PartialDate::parse(s).map(|d| d.to_string()).as_deref(),
                Some(s)
            );
        }
        assert_eq!(PartialDate::parse("2025-13"), None);
        assert_eq!(PartialDate::parse("2025-02-30"), None);
    }

    #[test]
    fn month_sorts_before_its_days() {
        let m = PartialDate::parse("2025-01").unwrap();
        let d = PartialDate::parse("2025-01-01").unwrap();
        assert!(m < d);
    }
}
