//! Calendar dates as pages print them: ISO and RFC 3339 timestamps, numeric
//! day-first and month-first forms, month names in the languages news sites
//! use most, and Korean/Japanese/Chinese year-month-day. A timestamp keeps
//! the day as written, in the publisher's own time zone (never shifted to UTC).

use crate::regex;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Which number comes first in an ambiguous `01/02/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DayOrder {
    /// Unknown: an ambiguous slash date is no date.
    #[default]
    Unknown,
    /// `02/01/2025` is 2 January (most of the world).
    DayFirst,
    /// `01/02/2025` is 2 January (United States).
    MonthFirst,
}

/// Month names and their genitive or short forms, by month. An abbreviation
/// is any prefix of three letters or more that names one month only.
const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january",
        "januar",
        "jänner",
        "janvier",
        "enero",
        "gennaio",
        "januari",
        "janeiro",
        "январь",
        "января",
        "styczeń",
        "stycznia",
    ],
    &[
        "february",
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "februari",
        "fevereiro",
        "февраль",
        "февраля",
        "luty",
        "lutego",
    ],
    &[
        "march",
        "märz",
        "maerz",
        "mars",
        "marzo",
        "maart",
        "março",
        "marco",
        "март",
        "марта",
        "marzec",
        "marca",
    ],
    &[
        "april",
        "avril",
        "abril",
        "aprile",
        "апрель",
        "апреля",
        "kwiecień",
        "kwietnia",
    ],
    &[
        "may", "mai", "mayo", "maggio", "mei", "maio", "май", "мая", "maj", "maja",
    ],
    &[
        "june", "juni", "juin", "junio", "giugno", "junho", "июнь", "июня", "czerwiec", "czerwca",
    ],
    &[
        "july", "juli", "juillet", "julio", "luglio", "julho", "июль", "июля", "lipiec", "lipca",
    ],
    &[
        "august",
        "août",
        "aout",
        "agosto",
        "augustus",
        "август",
        "августа",
        "sierpień",
        "sierpnia",
    ],
    &[
        "september",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "сентябрь",
        "сентября",
        "wrzesień",
        "września",
    ],
    &[
        "october",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "октябрь",
        "октября",
        "październik",
        "października",
    ],
    &[
        "november",
        "novembre",
        "noviembre",
        "novembro",
        "ноябрь",
        "ноября",
        "listopad",
        "listopada",
    ],
    &[
        "december",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "декабрь",
        "декабря",
        "grudzień",
        "grudnia",
    ],
];

/// Short forms that are not prefixes of a month name.
const MONTH_ALIASES: &[(&str, u32)] = &[("mrz", 3), ("mrt", 3), ("sept", 9)];

/// The month a word names (`Okt`, `octobre`, `déc.`, `Sept`), if any.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if let Some((_, m)) = MONTH_ALIASES.iter().find(|(a, _)| *a == w) {
        return Some(*m);
    }
    if w.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for (idx, names) in MONTH_NAMES.iter().enumerate() {
        if names.iter().any(|n| n.starts_with(&w)) {
            if found.is_some() {
                return None; // "jui": juin or juillet
            }
            found = u32::try_from(idx + 1).ok();
        }
    }
    found
}

const YEAR: &str = r"(?P<y>(?:19|20)\d{2})";
const DAY: &str = r"(?P<d>[0-3]?\d)";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:^|[^\d])(?P<all>{YEAR}(?P<sep>[-/.])(?P<m>[01]?\d)(?P<sep2>[-/.]){DAY})(?:[^\d]|$)"
    ))
});
/// Only in machine-written fields: `20250113`, `20250113T0815`.
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?P<all>(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d))(?:T|\d{4,6}\b|$)")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:^|[^\d.])(?P<all>(?P<a>[0-3]?\d)(?P<sep>[./-])\s?(?P<b>[01]?\d)(?P<sep2>[./-])\s?{YEAR})(?:[^\d]|$)"
    ))
});
/// `31.10.23`: German short form, day first, years 2000–2099 only.
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|[^\d.])(?P<all>(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<yy>\d{2}))(?:[^\d.]|\.\s|\.?$)",
    )
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:^|[^\p{{L}}\d])(?P<all>{DAY}(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?P<mon>\p{{L}}{{3,12}})\.?,?\s*(?:de\s+|del\s+)?{YEAR})(?:[^\d]|$)"
    ))
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:^|[^\p{{L}}])(?P<all>(?P<mon>\p{{L}}{{3,12}})\.?\s+{DAY}(?:st|nd|rd|th)?\.?,?\s+{YEAR})(?:[^\d]|$)"
    ))
});
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?P<all>{YEAR}\s*[년年]\s*(?P<m>[01]?\d)\s*[월月]\s*{DAY}\s*[일日]?)"
    ))
});

/// A date found in text, with the byte range it was printed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub date: NaiveDate,
    pub range: Range<usize>,
}

/// The two separators of a numeric date are the same (`2025-01-13`, not
/// `2025-01.13`, which is a number next to a date).
fn same_separators(caps: &regex::Captures<'_>, a: &str, b: &str) -> bool {
    caps.name(a).map(|m| m.as_str()) == caps.name(b).map(|m| m.as_str())
}

fn number(caps: &regex::Captures<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

fn ymd(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y?).ok()?, m?, d?)
}

/// Whether `s` could hold a date any pattern here finds: each needs a
/// four-digit year from 1900 to 2099 or, for `31.10.23`, a digit before a
/// dot. Most runs of page text have neither, and the regexes cost far more
/// than this look.
/// (`\d` in the patterns is any Unicode digit, so a non-ASCII byte counts
/// as a possible digit.)
fn may_hold_date(s: &str) -> bool {
    let digit = |b: u8| b.is_ascii_digit() || !b.is_ascii();
    let b = s.as_bytes();
    b.windows(3)
        .any(|w| matches!(w[..2], [b'1', b'9'] | [b'2', b'0']) && digit(w[2]))
        || b.windows(2).any(|w| digit(w[0]) && w[1] == b'.')
}

/// Every date written in `s`, in order of position, without overlaps.
pub(crate) fn find_dates(s: &str, order: DayOrder) -> Vec<Found> {
    if !may_hold_date(s) {
        return Vec::new();
    }
    let mut all: Vec<Found> = Vec::new();
    let mut push = |caps: &regex::Captures<'_>, date: Option<NaiveDate>| {
        if let (Some(date), Some(whole)) = (date, caps.name("all")) {
            all.push(Found {
                date,
                range: whole.range(),
            });
        }
    };
    for caps in ISO.captures_iter(s).chain(CJK.captures_iter(s)) {
        if !same_separators(&caps, "sep", "sep2") {
            continue;
        }
        push(
            &caps,
            ymd(number(&caps, "y"), number(&caps, "m"), number(&caps, "d")),
        );
    }
    for caps in NUMERIC.captures_iter(s) {
        if !same_separators(&caps, "sep", "sep2") {
            continue;
        }
        let (Some(a), Some(b)) = (number(&caps, "a"), number(&caps, "b")) else {
            continue;
        };
        let slash = caps.name("sep").is_some_and(|m| m.as_str() == "/");
        let (day, month) = if !slash || a > 12 || a == b {
            (a, b)
        } else if b > 12 {
            (b, a)
        } else {
            match order {
                DayOrder::DayFirst => (a, b),
                DayOrder::MonthFirst => (b, a),
                DayOrder::Unknown => continue,
            }
        };
        push(&caps, ymd(number(&caps, "y"), Some(month), Some(day)));
    }
    for caps in SHORT_YEAR.captures_iter(s) {
        let year = number(&caps, "yy").map(|yy| 2000 + yy);
        push(&caps, ymd(year, number(&caps, "m"), number(&caps, "d")));
    }
    for re in [&*DAY_MONTH_YEAR, &*MONTH_DAY_YEAR] {
        for caps in re.captures_iter(s) {
            let month = caps.name("mon").and_then(|m| month_number(m.as_str()));
            push(&caps, ymd(number(&caps, "y"), month, number(&caps, "d")));
        }
    }
    all.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(all.len());
    for f in all {
        if kept.last().is_none_or(|k| f.range.start >= k.range.end) {
            kept.push(f);
        }
    }
    kept
}

/// The first calendar date written in `s`, with where it was found.
pub(crate) fn find_date(s: &str) -> Option<(NaiveDate, Range<usize>)> {
    find_dates(s, DayOrder::Unknown)
        .into_iter()
        .next()
        .map(|f| (f.date, f.range))
}

/// A date field's value (RFC 3339, `YYYY-MM-DD`, `20250113`, or a written
/// date) as a calendar date; `None` when it holds no date.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(caps) = COMPACT.captures(s) {
        return ymd(number(&caps, "y"), number(&caps, "m"), number(&caps, "d"));
    }
    find_date(s).map(|(date, _)| date)
}

/// The UTC time of a field written as a UTC timestamp (`…T22:04:00Z`,
/// `+00:00`, `GMT`), whose day may not be the publisher's local day. A
/// time of exactly midnight is a date written as a timestamp: `None`.
pub(crate) fn utc_time(s: &str) -> Option<chrono::NaiveDateTime> {
    static UTC_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)(?:T|\s)(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?\s*(?:Z|[+-]00:?00|UTC|GMT)(?:[^\w:]|$)",
        )
    });
    let (date, range) = find_date(s.trim())?;
    let rest = s.trim().get(range.end..)?;
    let caps = UTC_CLOCK.captures(rest)?;
    let (h, m) = (number(&caps, "h")?, number(&caps, "min")?);
    let sec = number(&caps, "s").unwrap_or(0);
    if h == 0 && m == 0 && sec == 0 {
        return None;
    }
    date.and_hms_opt(h, m, sec)
}

/// A complete `/2024/05/17/`, `/2024-05-17-`, `/20240517/` date in a URL's
/// path; month-only paths (`/2024/05/`) give no day.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"[/_\-.](?P<y>(?:19|20)\d{2})(?:(?P<s>[/_\-.]?)(?P<m>[01]\d)(?P<s2>[/_\-.]?)(?P<d>[0-3]\d)|[/_\-](?P<m2>[01]?\d)[/_\-](?P<d2>[0-3]?\d))(?:[/_\-.]|$)",
        )
    });
    let path_start = url.find("://").map_or(0, |i| i + 3);
    let path = &url[path_start..];
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let caps = URL_DATE.captures(path)?;
    if !same_separators(&caps, "s", "s2") {
        return None;
    }
    let month = number(&caps, "m").or_else(|| number(&caps, "m2"));
    let day = number(&caps, "d").or_else(|| number(&caps, "d2"));
    ymd(number(&caps, "y"), month, day)
}

/// A year a news page can carry: after the web began, before 2100.
pub(crate) fn plausible_year(date: NaiveDate) -> bool {
    (1995..2100).contains(&date.year())
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
            "13.01.2025",
            "13. 1. 2025, 08:15 Uhr",
            "13. Januar 2025",
            "13. Jänner 2025",
            "13 janvier 2025",
            "13 de enero de 2025",
            "13 gennaio 2025",
            "13 januari 2025",
            "13 января 2025 г.",
            "2025년 1월 13일",
            "2025年1月13日",
            "20250113",
            "20250113T081500Z",
            "13.01.25",
        ] {
            assert_eq!(d(s), want, "{s}");
        }
    }

    #[test]
    fn abbreviated_months_in_several_languages() {
        for (s, want) in [
            ("17. Okt. 2019", "2019-10-17"),
            ("3. Mrz 2020", "2020-03-03"),
            ("1 déc. 2021", "2021-12-01"),
            ("Sept. 4, 2018", "2018-09-04"),
            ("4 Dez 2018", "2018-12-04"),
        ] {
            assert_eq!(d(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(month_number("jui"), None, "juin or juillet");
        assert_eq!(month_number("Mayor"), None);
    }

    #[test]
    fn slash_dates_need_an_order_unless_unambiguous() {
        let first = |s: &str, o| find_dates(s, o).first().map(|f| f.date.to_string());
        assert_eq!(first("01/02/2025", DayOrder::Unknown), None);
        assert_eq!(
            first("01/02/2025", DayOrder::MonthFirst).as_deref(),
            Some("2025-01-02")
        );
        assert_eq!(
            first("01/02/2025", DayOrder::DayFirst).as_deref(),
            Some("2025-02-01")
        );
        assert_eq!(
            first("10/17/2019", DayOrder::Unknown).as_deref(),
            Some("2019-10-17")
        );
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "yesterday",
            "2025-13-45",
            "Feb 30, 2025",
            "12,000 troops",
            "version 1.2.20251",
            "© 2019",
            "Tel. 030 12.34.2019",
            "Version 1.2.3",
            "1.12.250",
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

    #[test]
    fn utc_timestamps() {
        let t = |s: &str| utc_time(s).map(|t| t.to_string());
        assert_eq!(
            t("2019-10-18T22:04:00Z").as_deref(),
            Some("2019-10-18 22:04:00")
        );
        assert_eq!(
            t("2019-10-18T22:04:00.000+00:00").as_deref(),
            Some("2019-10-18 22:04:00")
        );
        assert_eq!(
            t("Fri, 18 Oct 2019 22:04:00 GMT").as_deref(),
            Some("2019-10-18 22:04:00")
        );
        assert_eq!(t("2019-10-18T22:04:00+02:00"), None);
        assert_eq!(
            t("2019-10-18T00:00:00Z"),
            None,
            "a date written as a timestamp"
        );
        assert_eq!(t("2019-10-18"), None);
    }

    #[test]
    fn dates_in_urls() {
        for (url, want) in [
            ("https://ex.com/news/2024/05/17/story", Some("2024-05-17")),
            ("https://ex.com/2024-05-17-story.html", Some("2024-05-17")),
            ("https://ex.com/a/20240517/story", Some("2024-05-17")),
            ("https://ex.com/2024/5/7/story", Some("2024-05-07")),
            ("https://ex.com/2024/05/story", None),
            ("https://2024.ex.com/12/31", None),
            ("https://ex.com/story?id=20240517", None),
        ] {
            assert_eq!(
                url_date(url).map(|d| d.to_string()).as_deref(),
                want,
                "{url}"
            );
        }
    }
}
