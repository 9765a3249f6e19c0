//! Placing a found expression on the calendar, against the publication
//! date when there is one, or against an explicit date in the same text
//! when there is not. Every rule here is written in the module docs of
//! `dates`; the functions are the rules, one each.

use super::scan::{Expr, MonthWhich, WeekdayWhich};
use super::tense::Tense;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use concord_model::PartialDate;

/// A yearless day read as past may still lie this far after the reference
/// when no verb says it is past: deadlines and schedules ("the Jan. 20
/// deadline") are mentioned in news, but rarely months ahead.
pub(super) const AHEAD_DAYS: u64 = 61;

/// How far a yearless day is looked for around its reference: a little
/// more than a year, so exactly one or two candidates fall inside.
const YEAR_WINDOW_DAYS: u64 = 400;

/// When a weekday is written with a yearless day ("Monday 29 September")
/// and the text gives only an older explicit date to go by, the weekday may
/// pick a year up to about three years after that date.
const WEEKDAY_WINDOW_AFTER_ANCHOR_DAYS: u64 = 1100;

/// What yearless and relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Basis {
    /// The publication date (stated or inferred).
    Reference(NaiveDate),
    /// No publication date: the latest explicit date in the text, which
    /// only gives yearless dates a year; relative ones are skipped.
    Anchor(NaiveDate),
    Nothing,
}

/// An expression placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Resolved {
    pub date: PartialDate,
    /// Resolved against the publication date.
    pub relative: bool,
    pub explicit_year: bool,
}

/// Place `expr`, read in `tense`, on the calendar; `None` when the basis
/// cannot place it (a weekday without a publication date).
pub(super) fn resolve(expr: &Expr, tense: Tense, basis: Basis) -> Option<Resolved> {
    let written = |date| Resolved {
        date,
        relative: false,
        explicit_year: true,
    };
    let inferred = |date| Resolved {
        date,
        relative: matches!(basis, Basis::Reference(_)),
        explicit_year: false,
    };
    match *expr {
        Expr::Day(d) => Some(written(PartialDate::day(d))),
        Expr::MonthOfYear { year, month } => PartialDate::month(year, month).map(written),
        Expr::MonthDay {
            month,
            day,
            weekday,
        } => month_day(month, day, weekday, tense, basis)
            .map(PartialDate::day)
            .map(inferred),
        Expr::Month { month, which } => {
            let year = month_year(month, which, tense, basis)?;
            PartialDate::month(year, month).map(inferred)
        }
        Expr::Weekday { weekday, which } => match basis {
            Basis::Reference(r) => weekday_date(r, weekday, which, tense)
                .map(PartialDate::day)
                .map(inferred),
            _ => None,
        },
        Expr::DayOffset(offset) => match basis {
            Basis::Reference(r) => shift(r, offset).map(PartialDate::day).map(inferred),
            _ => None,
        },
    }
}

pub(super) fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(n)
    } else {
        date.checked_sub_days(n)
    }
}

/// A weekday against a reference day. Past and unknown tense: the latest
/// such day on or before the reference (so "on Monday" in a Monday paper is
/// that day). Future: the first on or after it. "last": strictly before;
/// "next": strictly after.
pub(super) fn weekday_date(
    reference: NaiveDate,
    weekday: Weekday,
    which: WeekdayWhich,
    tense: Tense,
) -> Option<NaiveDate> {
    let at = i64::from(reference.weekday().num_days_from_monday());
    let want = i64::from(weekday.num_days_from_monday());
    let back = (at - want).rem_euclid(7);
    let ahead = (want - at).rem_euclid(7);
    match which {
        WeekdayWhich::Last => shift(reference, -if back == 0 { 7 } else { back }),
        WeekdayWhich::Next => shift(reference, if ahead == 0 { 7 } else { ahead }),
        WeekdayWhich::Nearest if tense == Tense::Future => shift(reference, ahead),
        WeekdayWhich::Nearest => shift(reference, -back),
    }
}

/// A yearless day. Against a reference: past tense takes the nearest one
/// on or before it; unknown tense the nearest one up to `AHEAD_DAYS` after
/// it; future tense the first one on or after it. Against an anchor: the
/// one nearest the anchor. A weekday written with the day picks, among the
/// candidates, the years where it matches, if any does.
fn month_day(
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    tense: Tense,
    basis: Basis,
) -> Option<NaiveDate> {
    let (center, from, to, prefer_first) = match basis {
        Basis::Reference(r) => match tense {
            Tense::Future => (r, r, shift(r, YEAR_WINDOW_DAYS as i64)?, true),
            Tense::Past => (r, shift(r, -(YEAR_WINDOW_DAYS as i64))?, r, false),
            Tense::Unknown => (
                r,
                shift(r, -(YEAR_WINDOW_DAYS as i64))?,
                shift(r, AHEAD_DAYS as i64)?,
                false,
            ),
        },
        Basis::Anchor(a) => {
            let after = if weekday.is_some() {
                WEEKDAY_WINDOW_AFTER_ANCHOR_DAYS
            } else {
                YEAR_WINDOW_DAYS
            };
            (
                a,
                shift(a, -(YEAR_WINDOW_DAYS as i64))?,
                shift(a, after as i64)?,
                false,
            )
        }
        Basis::Nothing => return None,
    };
    let candidates: Vec<NaiveDate> = (center.year() - 2..=center.year() + 4)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .filter(|d| (from..=to).contains(d))
        .collect();
    let matching: Vec<NaiveDate> = candidates
        .iter()
        .copied()
        .filter(|d| weekday.is_some_and(|w| d.weekday() == w))
        .collect();
    let pool = if matching.is_empty() {
        candidates
    } else {
        matching
    };
    if prefer_first {
        return pool.into_iter().min();
    }
    // Nearest to the center; on a tie (only possible around an anchor) the
    // later one, since explicit years in news mostly date the background.
    pool.into_iter()
        .min_by_key(|d| ((*d - center).num_days().abs(), std::cmp::Reverse(*d)))
}

/// The year of a yearless month. Against a reference month: past and
/// unknown tense take the latest such month on or before it, future tense
/// the first on or after it; "last"/"next" are strict; "last year" etc.
/// count from the reference year. Against an anchor: the nearest such
/// month, the later one on a tie.
fn month_year(month: u32, which: MonthWhich, tense: Tense, basis: Basis) -> Option<i32> {
    match basis {
        Basis::Reference(r) => {
            let (ry, rm) = (r.year(), r.month());
            Some(match which {
                MonthWhich::Nearest if tense == Tense::Future => ry + i32::from(month < rm),
                MonthWhich::Nearest => ry - i32::from(month > rm),
                MonthWhich::Last => ry - i32::from(month >= rm),
                MonthWhich::Next => ry + i32::from(month <= rm),
                MonthWhich::YearOffset(k) => ry.checked_add(k)?,
            })
        }
        Basis::Anchor(a) if which == MonthWhich::Nearest => {
            let index = |y: i32, m: u32| i64::from(y) * 12 + i64::from(m);
            let at = index(a.year(), a.month());
            (a.year() - 1..=a.year() + 1)
                .min_by_key(|&y| ((index(y, month) - at).abs(), std::cmp::Reverse(y)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn day_of(expr: Expr, tense: Tense, basis: Basis) -> Option<String> {
        resolve(&expr, tense, basis).map(|r| r.date.to_string())
    }

    fn md(month: u32, day: u32) -> Expr {
        Expr::MonthDay {
            month,
            day,
            weekday: None,
        }
    }

    #[test]
    fn weekdays_are_checked_against_chrono() {
        let monday = ymd(2025, 1, 13);
        assert_eq!(monday.weekday(), Weekday::Mon);
        let past = |w| weekday_date(monday, w, WeekdayWhich::Nearest, Tense::Past);
        assert_eq!(past(Weekday::Mon), Some(monday));
        assert_eq!(past(Weekday::Sun), Some(ymd(2025, 1, 12)));
        assert_eq!(past(Weekday::Sat), Some(ymd(2025, 1, 11)));
        assert_eq!(past(Weekday::Tue), Some(ymd(2025, 1, 7)));
        for w in [Weekday::Mon, Weekday::Tue, Weekday::Sun] {
            let d = past(w).expect("in range");
            assert_eq!(d.weekday(), w);
            assert!(d <= monday && (monday - d).num_days() < 7);
        }
        let future = |w| weekday_date(monday, w, WeekdayWhich::Nearest, Tense::Future);
        assert_eq!(future(Weekday::Tue), Some(ymd(2025, 1, 14)));
        assert_eq!(future(Weekday::Mon), Some(monday));
        let last = |w| weekday_date(monday, w, WeekdayWhich::Last, Tense::Past);
        assert_eq!(last(Weekday::Mon), Some(ymd(2025, 1, 6)));
        assert_eq!(last(Weekday::Tue), Some(ymd(2025, 1, 7)));
        let next = |w| weekday_date(monday, w, WeekdayWhich::Next, Tense::Past);
        assert_eq!(next(Weekday::Mon), Some(ymd(2025, 1, 20)));
        assert_eq!(next(Weekday::Tue), Some(ymd(2025, 1, 14)));
    }

    #[test]
    fn yearless_days_take_the_nearest_year_not_far_ahead() {
        let r = Basis::Reference(ymd(2025, 1, 13));
        assert_eq!(
            day_of(md(12, 27), Tense::Past, r).as_deref(),
            Some("2024-12-27")
        );
        assert_eq!(
            day_of(md(1, 12), Tense::Past, r).as_deref(),
            Some("2025-01-12")
        );
        assert_eq!(
            day_of(md(12, 27), Tense::Unknown, r).as_deref(),
            Some("2024-12-27")
        );
        // Unknown tense may run a little ahead; past tense may not.
        assert_eq!(
            day_of(md(1, 20), Tense::Unknown, r).as_deref(),
            Some("2025-01-20")
        );
        assert_eq!(
            day_of(md(1, 20), Tense::Past, r).as_deref(),
            Some("2024-01-20")
        );
        assert_eq!(
            day_of(md(6, 1), Tense::Unknown, r).as_deref(),
            Some("2024-06-01")
        );
        assert_eq!(
            day_of(md(6, 1), Tense::Future, r).as_deref(),
            Some("2025-06-01")
        );
        assert_eq!(
            day_of(md(2, 29), Tense::Past, r).as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn a_written_weekday_picks_the_year() {
        let expr = Expr::MonthDay {
            month: 9,
            day: 29,
            weekday: Some(Weekday::Mon),
        };
        assert_eq!(ymd(2025, 9, 29).weekday(), Weekday::Mon);
        let anchor = Basis::Anchor(ymd(2023, 9, 15));
        assert_eq!(
            day_of(expr, Tense::Past, anchor).as_deref(),
            Some("2025-09-29")
        );
        assert_eq!(
            day_of(md(9, 29), Tense::Past, anchor).as_deref(),
            Some("2023-09-29")
        );
    }

    #[test]
    fn yearless_months() {
        let r = Basis::Reference(ymd(2025, 1, 13));
        let month = |m, which, tense| day_of(Expr::Month { month: m, which }, tense, r);
        assert_eq!(
            month(8, MonthWhich::Nearest, Tense::Past).as_deref(),
            Some("2024-08")
        );
        assert_eq!(
            month(1, MonthWhich::Nearest, Tense::Past).as_deref(),
            Some("2025-01")
        );
        assert_eq!(
            month(8, MonthWhich::Nearest, Tense::Future).as_deref(),
            Some("2025-08")
        );
        assert_eq!(
            month(12, MonthWhich::Last, Tense::Past).as_deref(),
            Some("2024-12")
        );
        assert_eq!(
            month(1, MonthWhich::Last, Tense::Past).as_deref(),
            Some("2024-01")
        );
        assert_eq!(
            month(12, MonthWhich::YearOffset(-1), Tense::Past).as_deref(),
            Some("2024-12")
        );
        assert_eq!(
            month(3, MonthWhich::Next, Tense::Past).as_deref(),
            Some("2025-03")
        );
        assert_eq!(
            month(1, MonthWhich::Next, Tense::Past).as_deref(),
            Some("2026-01")
        );
    }

    #[test]
    fn an_anchor_gives_a_year_but_no_weekdays() {
        let a = Basis::Anchor(ymd(2024, 8, 15));
        assert_eq!(
            day_of(md(1, 12), Tense::Past, a).as_deref(),
            Some("2025-01-12")
        );
        assert_eq!(
            day_of(md(12, 27), Tense::Past, a).as_deref(),
            Some("2024-12-27")
        );
        let august = Expr::Month {
            month: 8,
            which: MonthWhich::Nearest,
        };
        assert_eq!(
            day_of(august, Tense::Past, Basis::Anchor(ymd(2025, 1, 12))).as_deref(),
            Some("2024-08")
        );
        let sunday = Expr::Weekday {
            weekday: Weekday::Sun,
            which: WeekdayWhich::Nearest,
        };
        assert_eq!(day_of(sunday, Tense::Past, a), None);
        assert_eq!(day_of(Expr::DayOffset(-1), Tense::Past, a), None);
        assert_eq!(day_of(md(1, 12), Tense::Past, Basis::Nothing), None);
        let resolved = resolve(&md(1, 12), Tense::Past, a).expect("resolves");
        assert!(!resolved.relative && !resolved.explicit_year);
    }

    #[test]
    fn relative_days_and_extreme_references_do_not_panic() {
        let r = Basis::Reference(ymd(2025, 1, 13));
        assert_eq!(
            day_of(Expr::DayOffset(-1), Tense::Past, r).as_deref(),
            Some("2025-01-12")
        );
        let edge = Basis::Reference(NaiveDate::MAX);
        let _ = day_of(Expr::DayOffset(1), Tense::Past, edge);
        let _ = day_of(md(12, 31), Tense::Future, edge);
        let _ = day_of(
            Expr::Month {
                month: 12,
                which: MonthWhich::YearOffset(1),
            },
            Tense::Past,
            edge,
        );
        let min = Basis::Reference(NaiveDate::MIN);
        let _ = day_of(md(1, 1), Tense::Past, min);
        let _ = day_of(
            Expr::Weekday {
                weekday: Weekday::Sun,
                which: WeekdayWhich::Last,
            },
            Tense::Past,
            min,
        );
    }
}
