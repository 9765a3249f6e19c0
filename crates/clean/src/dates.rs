//! Publication dates as pages print them: ISO, RFC 3339, and month names.

use crate::regex;
use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:\b|T)"));
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{MONTH}\.?,?\s+(?P<y>\d{{4}})\b"
    ))
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b{MONTH}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
    ))
});

fn month_number(name: &str) -> Option<u32> {
    let prefix: String = name.chars().take(3).collect::<String>().to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The first calendar date written in `s`, with where it was found.
pub(crate) fn find_date(s: &str) -> Option<(NaiveDate, Range<usize>)> {
    let mut best: Option<(NaiveDate, Range<usize>)> = None;
    for re in [&*ISO, &*DAY_MONTH_YEAR, &*MONTH_DAY_YEAR] {
        for caps in re.captures_iter(s) {
            let (Some(whole), Some(y), Some(d)) = (caps.get(0), caps.name("y"), caps.name("d"))
            else {
                continue;
            };
            let month = match (caps.name("m"), caps.name("mon")) {
                (Some(m), _) => m.as_str().parse().ok(),
                (None, Some(mon)) => month_number(mon.as_str()),
                (None, None) => None,
            };
            let date = month.and_then(|m| {
                NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m, d.as_str().parse().ok()?)
            });
            if let Some(date) = date {
                let earlier = match &best {
                    Some((_, r)) => whole.start() < r.start,
                    None => true,
                };
                if earlier {
                    // Up to the day: an ISO match may have eaten the "T".
                    best = Some((date, whole.start()..d.end().max(y.end())));
                }
                break;
            }
        }
    }
    best
}

/// A date field's value (RFC 3339, `YYYY-MM-DD`, or a written date) as a
/// calendar date; `None` when it holds no date. A timestamp keeps the date
/// as written, in the publisher's own time zone.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    find_date(s.trim()).map(|(date, _)| date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn parses_common_forms() {
        let want = Some("2025-01-13".to_string());
        for s in [
            "2025-01-13",
            "2025-01-13T08:15:00+09:00",
            "2025/1/13",
            "13 January 2025",
            "Mon 13 Jan 2025 10.32 GMT",
            "January 13, 2025",
            "Jan. 13, 2025",
            "Monday, January 13th, 2025 at 5:00 pm",
            "Mon, 13 Jan 2025 10:00:00 +0000",
        ] {
            assert_eq!(d(s), want, "{s}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "yesterday",
            "2025-13-45",
            "Feb 30, 2025",
            "12,000 troops",
        ] {
            assert_eq!(d(s), None, "{s}");
        }
    }

    #[test]
    fn finds_the_earliest_date_in_text() {
        let (date, range) = find_date("Posted 12 January 2025, updated 2025-01-14").unwrap();
        assert_eq!(date.to_string(), "2025-01-12");
        assert_eq!(range, 7..22);
    }
}
