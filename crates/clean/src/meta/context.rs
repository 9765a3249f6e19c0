//! What a page's dates are checked against (the fetch time) and how its
//! numeric dates are read (day or month first), decided once per page.

use crate::dates::DayOrder;
use chrono::{Days, NaiveDate, NaiveDateTime};

/// Facts about a page that come from outside its HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaContext {
    /// When the page was fetched (the HTTP `Date` or WARC-Date header). No
    /// date after it can be the publication date. Without it, `now` is used.
    pub fetched: Option<NaiveDateTime>,
    /// The current time, for pages without a fetch time; callers that need
    /// determinism (tests, benchmarks) set it. `None` reads the clock.
    pub now: Option<NaiveDateTime>,
    /// The page's URL as fetched, when known (the page may name another).
    pub url: Option<String>,
}

impl MetaContext {
    /// The last day a page's date may be: the fetch day, else tomorrow
    /// (a page written in a time zone ahead of ours may already be there).
    pub(crate) fn latest_day(&self) -> NaiveDate {
        match self.fetched {
            Some(fetched) => fetched.date(),
            None => {
                let now = self
                    .now
                    .unwrap_or_else(|| chrono::Utc::now().naive_utc())
                    .date();
                now.checked_add_days(Days::new(1)).unwrap_or(now)
            }
        }
    }
}

/// Day or month first in `03/04/2025`, from the page's language tag
/// (`en-US` month first; other English and other languages day first;
/// bare `en` unknown, since both orders are common).
pub(crate) fn day_order(lang_tag: Option<&str>) -> DayOrder {
    let Some(tag) = lang_tag else {
        return DayOrder::Unknown;
    };
    let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = tag.split('-');
    match (parts.next(), parts.next()) {
        (Some("en"), Some("us")) => DayOrder::MonthFirst,
        (Some("en"), Some(_)) => DayOrder::DayFirst,
        (Some("en") | Some(""), None) | (None, _) => DayOrder::Unknown,
        (Some(_), _) => DayOrder::DayFirst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_day_is_the_fetch_day_else_tomorrow() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
        let ctx = MetaContext {
            fetched: at("2024-05-17 10:00"),
            now: at("2030-01-01 00:00"),
            url: None,
        };
        assert_eq!(ctx.latest_day().to_string(), "2024-05-17");
        let ctx = MetaContext {
            now: at("2024-05-17 23:00"),
            ..MetaContext::default()
        };
        assert_eq!(ctx.latest_day().to_string(), "2024-05-18");
    }

    #[test]
    fn orders_from_language_tags() {
        assert_eq!(day_order(Some("en-US")), DayOrder::MonthFirst);
        assert_eq!(day_order(Some("en_GB")), DayOrder::DayFirst);
        assert_eq!(day_order(Some("de")), DayOrder::DayFirst);
        assert_eq!(day_order(Some("en")), DayOrder::Unknown);
        assert_eq!(day_order(None), DayOrder::Unknown);
    }
}
