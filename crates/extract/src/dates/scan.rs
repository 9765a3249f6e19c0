//! Finding date expressions: a left-to-right walk over tokens that tries
//! each expression shape at each token, longest shapes first, and records
//! what was written without resolving it. Context words decide what is a
//! date at all: "in May" is a month, "it may rain" and "Theresa May" are
//! not; "on Sunday" is a day, "the Sunday Times" is a newspaper.
//!
//! This file holds the walk and the token helpers; the shapes live in
//! [`calendar`] (dates written with figures) and [`named`] (weekdays,
//! relative days and bare months).

use super::tense::{tense_of, Tense};
use chrono::{NaiveDate, Weekday};
use concord_text::{sentence_spans, tokenize, Token, TokenKind};
use std::ops::Range;

/// Which month a bare month name means, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MonthWhich {
    /// "in August": the nearest one in the direction the tense points.
    Nearest,
    /// "last December": the most recent one strictly before this month.
    Last,
    /// "next March": the first one strictly after this month.
    Next,
    /// "December last year" (-1), "this August" (0), "May next year" (+1).
    YearOffset(i32),
}

/// Which weekday a weekday name means, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WeekdayWhich {
    /// "on Sunday": the nearest one in the direction the tense points.
    Nearest,
    /// "last Tuesday": strictly before the reference day.
    Last,
    /// "next Tuesday": strictly after the reference day.
    Next,
}

/// A date expression as written, before it is placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expr {
    /// A day with its year written: "January 12, 2025", "2025-01-13".
    Day(NaiveDate),
    /// A month with its year written: "August 2024".
    MonthOfYear { year: i32, month: u32 },
    /// A day without a year: "Jan. 12", "Monday 29 September". A weekday
    /// written with it helps choose the year.
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    /// A month without a year: "in August", "early August", "last December".
    Month { month: u32, which: MonthWhich },
    /// A weekday name: "on Sunday", "late on Monday", "last Tuesday".
    Weekday {
        weekday: Weekday,
        which: WeekdayWhich,
    },
    /// A day named relative to publication: "yesterday" (-1), "today" (0).
    DayOffset(i64),
}

impl Expr {
    /// True when the year is printed, so no reference is needed.
    pub(super) fn has_written_year(&self) -> bool {
        matches!(self, Expr::Day(_) | Expr::MonthOfYear { .. })
    }
}

/// One expression found in a text, with its tense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    /// Byte offsets into the scanned text, on char boundaries.
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub tense: Tense,
}

/// What a shape matched: token range (inclusive) and the byte end, which
/// can stop inside the last token ("Sunday" in "Sunday's").
struct Hit {
    first: usize,
    last: usize,
    end: usize,
    expr: Expr,
}

/// Whether a hit takes a leading "on" (days) or "in" (months).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grain {
    Day,
    Month,
}

fn grain(expr: &Expr) -> Grain {
    match expr {
        Expr::MonthOfYear { .. } | Expr::Month { .. } => Grain::Month,
        _ => Grain::Day,
    }
}

/// Every date expression in `text`, in order, not overlapping.
pub(super) fn scan(text: &str) -> Vec<Found> {
    let toks = tokenize(text);
    let scanner = Scanner { text, toks: &toks };
    let sentences = sentence_token_ranges(text, &toks);
    let mut out = Vec::new();
    let mut i = 0;
    // Tokens before `floor` belong to an earlier hit and cannot be borrowed
    // as its "on"/"in".
    let mut floor = 0;
    while i < toks.len() {
        let Some(hit) = scanner.match_at(i) else {
            i += 1;
            continue;
        };
        let first = scanner.extend_back(hit.first, grain(&hit.expr), floor);
        let (Some(first_tok), Some(_)) = (toks.get(first), toks.get(hit.last)) else {
            i += 1;
            continue;
        };
        let sentence = sentences
            .iter()
            .find(|r| r.contains(&first))
            .cloned()
            .unwrap_or(0..toks.len());
        out.push(Found {
            start: first_tok.start,
            end: hit.end,
            expr: hit.expr,
            tense: tense_of(&toks, sentence, first..hit.last + 1),
        });
        i = hit.last + 1;
        floor = i;
    }
    out
}

/// Token index ranges of the sentences of `text`.
fn sentence_token_ranges(text: &str, toks: &[Token<'_>]) -> Vec<Range<usize>> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| {
            let first = toks.partition_point(|t| t.start < s);
            let end = toks.partition_point(|t| t.start < e);
            first..end
        })
        .collect()
}

struct Scanner<'t, 'a> {
    text: &'a str,
    toks: &'t [Token<'a>],
}

impl Scanner<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Token<'_>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text)
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.word(i).map(|w| w.to_lowercase().replace('’', "'"))
    }

    /// The text between token `i` and the next one.
    fn gap_after(&self, i: usize) -> Option<&str> {
        let a = self.tok(i)?;
        let b = self.tok(i + 1)?;
        self.text.get(a.end..b.start)
    }

    /// Token `i + 1` follows token `i` after a short run of spaces.
    fn spaced(&self, i: usize) -> bool {
        self.gap_after(i)
            .is_some_and(|g| !g.is_empty() && g.len() <= 3 && g.chars().all(char::is_whitespace))
    }

    /// Token `i + 1` follows token `i` with nothing between.
    fn touching(&self, i: usize) -> bool {
        self.gap_after(i).is_some_and(str::is_empty)
    }

    /// The lowercase word before token `i`, if one stands right before it.
    fn prev_lower(&self, i: usize) -> Option<String> {
        let p = i.checked_sub(1)?;
        if self.spaced(p) {
            self.lower(p)
        } else {
            None
        }
    }

    /// The lowercase word after token `i`, if one stands right after it.
    fn next_lower(&self, i: usize) -> Option<String> {
        if self.spaced(i) {
            self.lower(i + 1)
        } else {
            None
        }
    }

    /// Token `i` continues a figure or code written before it ("3.12
    /// January", "1-2 May", "12025-01-13").
    fn joined_before(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| {
            self.touching(p)
                && self.tok(p).is_some_and(|t| {
                    t.kind == TokenKind::Number || matches!(t.text, "-" | "–" | "/" | "." | ":")
                })
        })
    }

    fn match_at(&self, i: usize) -> Option<Hit> {
        self.iso(i)
            .or_else(|| self.weekday_with_date(i))
            .or_else(|| self.month_first(i))
            .or_else(|| self.day_first(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.relative_day(i))
            .or_else(|| self.part_of_today(i))
            .or_else(|| self.bare_month(i))
    }

    /// Widen a hit over a leading "on" / "in" and "late" / "early" / "mid",
    /// so `written` reads as printed ("late on Monday", "in early August").
    fn extend_back(&self, first: usize, grain: Grain, floor: usize) -> usize {
        let mut k = first;
        let take = |k: &mut usize, words: &[&str]| {
            if *k > floor
                && self
                    .prev_lower(*k)
                    .is_some_and(|w| words.contains(&w.as_str()))
            {
                *k -= 1;
            }
        };
        match grain {
            Grain::Day => {
                take(&mut k, &["on"]);
                take(&mut k, &["late", "early"]);
            }
            Grain::Month => {
                take(&mut k, &["early", "late", "mid"]);
                take(&mut k, &["in"]);
            }
        }
        k
    }
}

mod calendar;
mod named;

#[cfg(test)]
mod tests;
