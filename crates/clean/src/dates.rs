//! Calendar dates as pages print them: ISO and RFC 3339 timestamps, numeric
//! day-first and month-first forms, month names in the languages news sites
//! use most, and Korean/Japanese/Chinese year-month-day. A timestamp keeps
//! the day as written, in the publisher's own time zone (never shifted to UTC).

use crate::regex;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

mod cues;
use cues::{date_cues, Cues};

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
/// A month's name: three to twelve letters. The patterns are compiled with
/// `\p{L}{3,}` first (`MONTH_WORD_LOOSE`): twelve copies of the Unicode
/// letter class made the two month-name patterns a third of the start-up
/// regex work. The loose pattern matches all the bounded one does, and
/// prefers among them in the same order, so when none of its matches has a
/// longer word it found the same matches; otherwise the text is read again
/// with the bounded pattern (see `month_name_matches`).
/// `(?i)\p{L}` without the case folding: the letters' closure under simple
/// case folding adds only U+0345 (combining ypogegrammeni, which folds to
/// ι), so the patterns below name it and switch folding off for their
/// letter classes. Folding the letter class cost 1.3 M instructions per
/// pattern compiled; `letter_classes_match_their_folded_forms` checks
/// every character.
const LETTER: &str = r"(?-i:[\p{L}\x{345}])";
/// `(?i)[^\p{L}\d]`, unfolded the same way.
const NOT_LETTER_OR_DIGIT: &str = r"(?-i:[^\p{L}\x{345}\d])";
/// `(?i)[^\p{L}]`, unfolded the same way.
const NOT_LETTER: &str = r"(?-i:[^\p{L}\x{345}])";
const MONTH_WORD: &str = "{3,12}";
const MONTH_WORD_LOOSE: &str = "{3,}";
const MONTH_WORD_MAX_CHARS: usize = 12;

/// `count` is the month word's letter count (`{3,}` or `{3,12}`).
fn day_month_year(count: &str) -> Regex {
    regex(&format!(
        r"(?i)(?:^|{NOT_LETTER_OR_DIGIT})(?P<all>{DAY}(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?P<mon>{LETTER}{count})\.?,?\s*(?:de\s+|del\s+)?{YEAR})(?:[^\d]|$)"
    ))
}
fn month_day_year(count: &str) -> Regex {
    regex(&format!(
        r"(?i)(?:^|{NOT_LETTER})(?P<all>(?P<mon>{LETTER}{count})\.?\s+{DAY}(?:st|nd|rd|th)?\.?,?\s+{YEAR})(?:[^\d]|$)"
    ))
}
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| day_month_year(MONTH_WORD_LOOSE));
static DAY_MONTH_YEAR_BOUNDED: LazyLock<Regex> = LazyLock::new(|| day_month_year(MONTH_WORD));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| month_day_year(MONTH_WORD_LOOSE));
static MONTH_DAY_YEAR_BOUNDED: LazyLock<Regex> = LazyLock::new(|| month_day_year(MONTH_WORD));
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

/// The ISO, CJK and numeric dates in `s`, in that order, handed to `push`.
fn numeric_dates(
    s: &str,
    order: DayOrder,
    cues: Cues,
    push: &mut impl FnMut(&regex::Captures<'_>, Option<NaiveDate>),
) {
    let iso = cues.iso.then(|| ISO.captures_iter(s));
    let cjk = cues.cjk.then(|| CJK.captures_iter(s));
    for caps in iso.into_iter().flatten().chain(cjk.into_iter().flatten()) {
        if !same_separators(&caps, "sep", "sep2") {
            continue;
        }
        push(
            &caps,
            ymd(number(&caps, "y"), number(&caps, "m"), number(&caps, "d")),
        );
    }
    if !cues.numeric {
        return;
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
}

/// Every date written in `s`, in order of position, without overlaps.
pub(crate) fn find_dates(s: &str, order: DayOrder) -> Vec<Found> {
    let cues = date_cues(s);
    if !cues.year && !cues.dotted {
        return Vec::new();
    }
    dates_with(s, order, cues)
}

/// The dates in `s` from the patterns `cues` let run.
fn dates_with(s: &str, order: DayOrder, cues: Cues) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    let mut push = |caps: &regex::Captures<'_>, date: Option<NaiveDate>| {
        if let (Some(date), Some(whole)) = (date, caps.name("all")) {
            all.push(Found {
                date,
                range: whole.range(),
            });
        }
    };
    if cues.year {
        numeric_dates(s, order, cues, &mut push);
    }
    if cues.dotted {
        for caps in SHORT_YEAR.captures_iter(s) {
            let year = number(&caps, "yy").map(|yy| 2000 + yy);
            push(&caps, ymd(year, number(&caps, "m"), number(&caps, "d")));
        }
    }
    if cues.month {
        for (loose, bounded) in [
            (&*DAY_MONTH_YEAR, &DAY_MONTH_YEAR_BOUNDED),
            (&*MONTH_DAY_YEAR, &MONTH_DAY_YEAR_BOUNDED),
        ] {
            month_name_matches(s, loose, bounded, &mut all, month_name_date);
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

/// What a month-name pattern finds in `s`, each match read by `read` and
/// added to `out`. Read with the loose pattern; if one of its matches has
/// a month word longer than the bounded pattern allows (where the bounded
/// one would have gone on looking), they are dropped and `s` is read with
/// the bounded pattern.
fn month_name_matches<T>(
    s: &str,
    loose: &Regex,
    bounded: &LazyLock<Regex>,
    out: &mut Vec<T>,
    read: impl Fn(&regex::Captures<'_>) -> Option<T>,
) {
    let n_before = out.len();
    for caps in loose.captures_iter(s) {
        let too_long = caps
            .name("mon")
            .is_some_and(|mon| mon.as_str().chars().nth(MONTH_WORD_MAX_CHARS).is_some());
        if too_long {
            out.truncate(n_before);
            out.extend(bounded.captures_iter(s).filter_map(|caps| read(&caps)));
            return;
        }
        out.extend(read(&caps));
    }
}

fn month_name_date(caps: &regex::Captures<'_>) -> Option<Found> {
    let month = caps.name("mon").and_then(|m| month_number(m.as_str()));
    Some(Found {
        date: ymd(number(caps, "y"), month, number(caps, "d"))?,
        range: caps.name("all")?.range(),
    })
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
#[path = "dates_tests.rs"]
mod tests;
