//! Finding date expressions: a left-to-right walk over tokens that tries
//! each expression shape at each token, longest shapes first, and records
//! what was written without resolving it. Context words decide what is a
//! date at all: "in May" is a month, "it may rain" and "Theresa May" are
//! not; "on Sunday" is a day, "the Sunday Times" is a newspaper.

use super::lexicon::{self, MonthForm};
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

    /// A day of the month at token `i`: "12", "12th"; not a clock time
    /// ("12:30"), a decade ("20s") or a quantity ("5 percent").
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != TokenKind::Number
            || tok.text.len() > 2
            || !tok.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let day: u32 = tok.text.parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        let mut last = i;
        if self.touching(i) {
            let next = self.tok(i + 1)?;
            match next.kind {
                TokenKind::Word if lexicon::is_ordinal_suffix(&next.text.to_lowercase()) => {
                    last = i + 1;
                }
                TokenKind::Word | TokenKind::Number => return None,
                TokenKind::Punct if next.text == ":" => return None,
                TokenKind::Punct => {}
            }
        }
        if self.next_lower(last).is_some_and(|w| lexicon::is_unit(&w)) {
            return None;
        }
        Some((day, last))
    }

    /// A four-digit year at token `i`, not a decade ("1990s") or a season
    /// ("2024-25").
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != TokenKind::Number
            || tok.text.len() != 4
            || !tok.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = tok.text.parse().ok()?;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        if self.touching(i) {
            let next = self.tok(i + 1)?;
            let joins = next.kind != TokenKind::Punct
                || (matches!(next.text, "-" | "–" | "/") && self.touching(i + 1));
            if joins {
                return None;
            }
        }
        Some((year, i))
    }

    /// A year after the token at `last`: " 2025" or ", 2025".
    fn year_after(&self, last: usize) -> Option<(i32, usize)> {
        if self.spaced(last) {
            return self.year_at(last + 1);
        }
        let comma = self.tok(last + 1)?;
        if self.touching(last) && comma.text == "," && self.spaced(last + 1) {
            return self.year_at(last + 2);
        }
        None
    }

    /// A month name at token `i` with its abbreviation dot: (month, form,
    /// written "mid-Month", last token).
    fn month_at(&self, i: usize) -> Option<(u32, MonthForm, bool, usize)> {
        let word = self.word(i)?;
        let mid_rest = word
            .strip_prefix("mid-")
            .or_else(|| word.strip_prefix("Mid-"));
        if let Some(rest) = mid_rest {
            let (month, form) = lexicon::month(rest)?;
            return (form == MonthForm::Full).then_some((month, form, true, i));
        }
        let (month, form) = lexicon::month(word)?;
        let dotted = form == MonthForm::Abbrev
            && self.touching(i)
            && self.tok(i + 1).is_some_and(|t| t.text == ".");
        Some((month, form, false, if dotted { i + 1 } else { i }))
    }

    /// "2025-01-13" (ISO 8601), also when a time follows ("…T10:00").
    fn iso(&self, i: usize) -> Option<Hit> {
        let (year, _) = self.year_at_iso(i)?;
        let two_digits = |k: usize| {
            self.tok(k).filter(|t| {
                t.kind == TokenKind::Number
                    && t.text.len() == 2
                    && t.text.bytes().all(|b| b.is_ascii_digit())
            })
        };
        let dash = |k: usize| self.tok(k).is_some_and(|t| t.text == "-") && self.touching(k);
        if !(self.touching(i) && dash(i + 1) && self.touching(i + 2) && dash(i + 3)) {
            return None;
        }
        let month: u32 = two_digits(i + 2)?.text.parse().ok()?;
        let day_tok = two_digits(i + 4)?;
        let day: u32 = day_tok.text.parse().ok()?;
        // Part of a longer numeric code ("2025-01-13-7", "12025-01-13").
        let joined_before = self.joined_before(i);
        let joined_after = self.touching(i + 4)
            && self
                .tok(i + 5)
                .is_some_and(|t| t.kind == TokenKind::Number || t.text == "-");
        if joined_before || joined_after {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some(Hit {
            first: i,
            last: i + 4,
            end: day_tok.end,
            expr: Expr::Day(date),
        })
    }

    /// The year of an ISO date: four digits, touching the dash after it.
    fn year_at_iso(&self, i: usize) -> Option<(i32, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != TokenKind::Number
            || tok.text.len() != 4
            || !tok.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = tok.text.parse().ok()?;
        (1900..=2100).contains(&year).then_some((year, i))
    }

    /// Month first: "January 12, 2025", "Jan. 12", "Sept 5th", "August
    /// 2024", "August of 2024".
    fn month_first(&self, i: usize) -> Option<Hit> {
        let (month, _, mid, month_last) = self.month_at(i)?;
        let hit = |last: usize, expr: Expr| {
            let end = self.tok(last)?.end;
            Some(Hit {
                first: i,
                last,
                end,
                expr,
            })
        };
        if !self.spaced(month_last) {
            return None;
        }
        let next = month_last + 1;
        if !mid {
            if let Some((day, day_last)) = self.day_at(next) {
                if let Some((year, year_last)) = self.year_after(day_last) {
                    return hit(
                        year_last,
                        Expr::Day(NaiveDate::from_ymd_opt(year, month, day)?),
                    );
                }
                if !valid_month_day(month, day) {
                    return None;
                }
                let expr = Expr::MonthDay {
                    month,
                    day,
                    weekday: None,
                };
                return hit(day_last, expr);
            }
        }
        if let Some((year, year_last)) = self.year_at(next) {
            return hit(year_last, Expr::MonthOfYear { year, month });
        }
        if self.lower(next).as_deref() == Some("of") && self.spaced(next) {
            if let Some((year, year_last)) = self.year_at(next + 1) {
                return hit(year_last, Expr::MonthOfYear { year, month });
            }
        }
        None
    }

    /// Day first: "12 January 2025", "12th of January", "29 September".
    fn day_first(&self, i: usize) -> Option<Hit> {
        if self.joined_before(i) {
            return None;
        }
        let (day, day_last) = self.day_at(i)?;
        if !self.spaced(day_last) {
            return None;
        }
        let mut at = day_last + 1;
        if self.lower(at).as_deref() == Some("of") {
            if !self.spaced(at) {
                return None;
            }
            at += 1;
        }
        let (month, _, mid, month_last) = self.month_at(at)?;
        if mid {
            return None;
        }
        let (last, expr) = match self.year_after(month_last) {
            Some((year, year_last)) => (
                year_last,
                Expr::Day(NaiveDate::from_ymd_opt(year, month, day)?),
            ),
            None if valid_month_day(month, day) => (
                month_last,
                Expr::MonthDay {
                    month,
                    day,
                    weekday: None,
                },
            ),
            None => return None,
        };
        Some(Hit {
            first: i,
            last,
            end: self.tok(last)?.end,
            expr,
        })
    }

    /// A weekday written with its date: "Monday 29 September", "Sunday,
    /// Jan. 12, 2025". One expression, so the weekday is not resolved twice.
    fn weekday_with_date(&self, i: usize) -> Option<Hit> {
        let weekday = lexicon::weekday(self.word(i)?)?;
        let comma = self.touching(i) && self.tok(i + 1).is_some_and(|t| t.text == ",");
        let (before_date, at) = if comma { (i + 1, i + 2) } else { (i, i + 1) };
        if !self.spaced(before_date) {
            return None;
        }
        let mut hit = self.month_first(at).or_else(|| self.day_first(at))?;
        match &mut hit.expr {
            Expr::Day(_) => {}
            Expr::MonthDay { weekday: w, .. } => *w = Some(weekday),
            _ => return None,
        }
        hit.first = i;
        Some(hit)
    }

    /// A weekday: "Sunday", "on Sunday", "Saturday night", "last Tuesday",
    /// "Wednesday's aftershock"; not "Sunday Times", "Good Friday",
    /// "every Sunday".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let tok = self.tok(i)?;
        let word = self.word(i)?;
        let base = lexicon::strip_possessive(word);
        let weekday = lexicon::weekday(base)?;
        let possessive = base.len() < word.len();
        let prev = self.prev_lower(i);
        let triggered = prev.as_deref().is_some_and(lexicon::is_weekday_trigger);
        if !triggered {
            if let Some(p) = i.checked_sub(1).filter(|&p| self.spaced(p)) {
                let prev_word = self.word(p);
                // "Good Friday", "Super Tuesday", "USA Today": a name.
                let capital = prev_word
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase);
                let generic = prev.as_deref().is_some_and(lexicon::is_generic_determiner);
                if capital || generic {
                    return None;
                }
            }
        }
        let mut last = i;
        let mut end = tok.start + base.len();
        if !possessive && self.spaced(i) {
            if let Some(next) = self.word(i + 1) {
                let capital = next.chars().next().is_some_and(char::is_uppercase);
                // "Sunday Times", "Monday Night Football" — unless a
                // preposition shows it is a day ("on Sunday Kyiv said").
                if capital && !triggered {
                    return None;
                }
                let next_base = lexicon::strip_possessive(next);
                if !capital && lexicon::is_part_of_day(next_base) {
                    last = i + 1;
                    end = self.tok(i + 1)?.start + next_base.len();
                }
            }
        }
        let (first, which) = match prev.as_deref() {
            Some("last") => (i - 1, WeekdayWhich::Last),
            Some("next") => (i - 1, WeekdayWhich::Next),
            Some("this") => (i - 1, WeekdayWhich::Nearest),
            _ => (i, WeekdayWhich::Nearest),
        };
        Some(Hit {
            first,
            last,
            end,
            expr: Expr::Weekday { weekday, which },
        })
    }

    /// "yesterday", "today", "tonight", "tomorrow" (and "today's"); a
    /// capitalised one only where a sentence or quote starts, so "USA
    /// Today" stays a newspaper.
    fn relative_day(&self, i: usize) -> Option<Hit> {
        let tok = self.tok(i)?;
        let base = lexicon::strip_possessive(self.word(i)?);
        let lower = base.to_lowercase();
        let offset = lexicon::relative_day(&lower)?;
        let capital = base.chars().next().is_some_and(char::is_uppercase);
        if capital {
            let after_word = i
                .checked_sub(1)
                .and_then(|p| self.tok(p))
                .is_some_and(|t| t.kind != TokenKind::Punct);
            if after_word || lexicon::proper_form(base).is_none() {
                return None;
            }
        } else if base != lower {
            return None;
        }
        Some(Hit {
            first: i,
            last: i,
            end: tok.start + base.len(),
            expr: Expr::DayOffset(offset),
        })
    }

    /// "this morning" / "this afternoon" / "this evening" and "last night".
    fn part_of_today(&self, i: usize) -> Option<Hit> {
        let first = self.lower(i)?;
        let next_tok = self.tok(i + 1)?;
        let next = self.next_lower(i)?;
        let next_base = lexicon::strip_possessive(&next);
        let offset = match (first.as_str(), next_base) {
            ("this", "morning" | "afternoon" | "evening") => 0,
            ("last", "night") => -1,
            _ => return None,
        };
        Some(Hit {
            first: i,
            last: i + 1,
            end: next_tok.start + next_base.len(),
            expr: Expr::DayOffset(offset),
        })
    }

    /// A month without day or year, only where a preposition or modifier
    /// makes it a date: "in August", "since August", "early August",
    /// "mid-August", "last December", "December last year".
    fn bare_month(&self, i: usize) -> Option<Hit> {
        let (month, form, mid, month_last) = self.month_at(i)?;
        if form != MonthForm::Full {
            return None;
        }
        let mut first = i;
        let mut which = MonthWhich::Nearest;
        let mut triggered = mid;
        if !mid
            && self
                .prev_lower(first)
                .is_some_and(|w| matches!(w.as_str(), "early" | "late" | "mid"))
        {
            first -= 1;
            triggered = true;
        }
        match self.prev_lower(first).as_deref() {
            Some("last") => {
                which = MonthWhich::Last;
                first -= 1;
                triggered = true;
            }
            Some("next") => {
                which = MonthWhich::Next;
                first -= 1;
                triggered = true;
            }
            Some("this") => {
                which = MonthWhich::YearOffset(0);
                first -= 1;
                triggered = true;
            }
            Some(w) if lexicon::is_month_trigger(w, month) => triggered = true,
            Some("of") => {
                // "the end of August", "the beginning of March".
                let before_of = first.checked_sub(1).and_then(|p| self.prev_lower(p));
                if before_of
                    .is_some_and(|w| matches!(w.as_str(), "end" | "beginning" | "start" | "middle"))
                    && month != 5
                {
                    triggered = true;
                }
            }
            _ => {}
        }
        let mut last = month_last;
        let mut year_at = month_last;
        if self.next_lower(year_at).as_deref() == Some("of") {
            year_at += 1;
        }
        let offset = match self.next_lower(year_at).as_deref() {
            Some("last") => Some(-1),
            Some("this") => Some(0),
            Some("next") => Some(1),
            _ => None,
        };
        if let Some(offset) = offset {
            if self.next_lower(year_at + 1).as_deref() == Some("year") {
                which = MonthWhich::YearOffset(offset);
                last = year_at + 2;
                // "Theresa May last year said": May needs a preposition too.
                triggered |= month != 5;
            }
        }
        if !triggered {
            return None;
        }
        Some(Hit {
            first,
            last,
            end: self.tok(last)?.end,
            expr: Expr::Month { month, which },
        })
    }
}

/// Whether a yearless day exists in some year (29 February does).
fn valid_month_day(month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(2000, month, day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (written, expr) of every expression found.
    fn found(text: &str) -> Vec<(&str, Expr)> {
        scan(text)
            .into_iter()
            .map(|f| (&text[f.start..f.end], f.expr))
            .collect()
    }

    fn written(text: &str) -> Vec<&str> {
        found(text).into_iter().map(|(w, _)| w).collect()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn explicit_days_in_every_order() {
        for (text, w) in [
            ("It began on January 12, 2025.", "on January 12, 2025"),
            ("It began on Jan. 12, 2025.", "on Jan. 12, 2025"),
            ("It began on 12 January 2025.", "on 12 January 2025"),
            ("It began 12th of January, 2025.", "12th of January, 2025"),
            ("It began Jan 12 2025.", "Jan 12 2025"),
            ("Dated 2025-01-12 in the log.", "2025-01-12"),
        ] {
            assert_eq!(found(text), [(w, Expr::Day(ymd(2025, 1, 12)))], "{text}");
        }
    }

    #[test]
    fn yearless_days() {
        let md = |month, day| Expr::MonthDay {
            month,
            day,
            weekday: None,
        };
        assert_eq!(found("He said on Jan. 12."), [("on Jan. 12", md(1, 12))]);
        assert_eq!(
            found("since Sept. 5 and Jan 12"),
            [("Sept. 5", md(9, 5)), ("Jan 12", md(1, 12))]
        );
        assert_eq!(
            found("I came on January 3 and"),
            [("on January 3", md(1, 3))]
        );
        assert_eq!(
            found("Kirby said on Dec. 27 that"),
            [("on Dec. 27", md(12, 27))]
        );
        assert_eq!(found("on 29 September"), [("on 29 September", md(9, 29))]);
    }

    #[test]
    fn weekday_with_its_date_is_one_expression() {
        assert_eq!(
            found("struck on Monday 29 September, officials said"),
            [(
                "on Monday 29 September",
                Expr::MonthDay {
                    month: 9,
                    day: 29,
                    weekday: Some(Weekday::Mon)
                }
            )]
        );
        assert_eq!(
            found("Sunday, Jan. 12, 2025"),
            [("Sunday, Jan. 12, 2025", Expr::Day(ymd(2025, 1, 12)))]
        );
    }

    #[test]
    fn months_with_and_without_year() {
        let month = |month, which| Expr::Month { month, which };
        assert_eq!(
            found("a surprise incursion in August 2024."),
            [(
                "in August 2024",
                Expr::MonthOfYear {
                    year: 2024,
                    month: 8
                }
            )]
        );
        assert_eq!(
            found("began in early August."),
            [("in early August", month(8, MonthWhich::Nearest))]
        );
        assert_eq!(
            found("late August"),
            [("late August", month(8, MonthWhich::Nearest))]
        );
        assert_eq!(
            found("by mid-August"),
            [("mid-August", month(8, MonthWhich::Nearest))]
        );
        assert_eq!(
            found("in mid-August"),
            [("in mid-August", month(8, MonthWhich::Nearest))]
        );
        assert_eq!(
            found("since August, prices"),
            [("August", month(8, MonthWhich::Nearest))]
        );
        assert_eq!(
            found("In December last year, casualties"),
            [(
                "In December last year",
                month(12, MonthWhich::YearOffset(-1))
            )]
        );
        assert_eq!(
            found("as last December"),
            [("last December", month(12, MonthWhich::Last))]
        );
        assert_eq!(
            found("by next March"),
            [("next March", month(3, MonthWhich::Next))]
        );
        assert_eq!(
            found("at the end of August"),
            [("August", month(8, MonthWhich::Nearest))]
        );
    }

    #[test]
    fn weekdays_and_relative_days() {
        let wd = |weekday, which| Expr::Weekday { weekday, which };
        assert_eq!(
            found("said on Sunday Kyiv is"),
            [("on Sunday", wd(Weekday::Sun, WeekdayWhich::Nearest))]
        );
        assert_eq!(
            found("The offer came Sunday."),
            [("Sunday", wd(Weekday::Sun, WeekdayWhich::Nearest))]
        );
        assert_eq!(
            found("struck late on Monday, killing"),
            [("late on Monday", wd(Weekday::Mon, WeekdayWhich::Nearest))]
        );
        assert_eq!(
            found("fled on Saturday night."),
            [("on Saturday night", wd(Weekday::Sat, WeekdayWhich::Nearest))]
        );
        assert_eq!(
            found("as of last Tuesday"),
            [("last Tuesday", wd(Weekday::Tue, WeekdayWhich::Last))]
        );
        assert_eq!(
            found("due next Tuesday"),
            [("next Tuesday", wd(Weekday::Tue, WeekdayWhich::Next))]
        );
        assert_eq!(
            found("Wednesday's 5.4 aftershock"),
            [("Wednesday", wd(Weekday::Wed, WeekdayWhich::Nearest))]
        );
        assert_eq!(
            found("Yesterday he left; today and tonight, this morning, last night's raid"),
            [
                ("Yesterday", Expr::DayOffset(-1)),
                ("today", Expr::DayOffset(0)),
                ("tonight", Expr::DayOffset(0)),
                ("this morning", Expr::DayOffset(0)),
                ("last night", Expr::DayOffset(-1)),
            ]
        );
    }

    #[test]
    fn durations_ages_years_and_times_are_not_dates() {
        for text in [
            "Zelenskyy also released a 2-minute 55-second video.",
            "The two soldiers are believed to be in their 20s.",
            "the nearly three-year-old war last autumn",
            "within 24 hours of the attack",
            "the war began in 2024 and in the 1990s",
            "the quake hit at 11:47 p.m. and at 11.47pm",
            "some 12,000 soldiers and 5 percent",
            "the 2024-25 season",
        ] {
            assert_eq!(written(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn may_and_march_as_words() {
        for text in [
            "It may rain on the march.",
            "May the best side win.",
            "Theresa May said so.",
            "Pressure on May grew.",
            "Theresa May last year resigned.",
            "March with us, they urged.",
            "The Women's March drew crowds.",
        ] {
            assert_eq!(written(text), Vec::<&str>::new(), "{text}");
        }
        assert_eq!(written("It happened in May."), ["in May"]);
        assert_eq!(
            written("on May 5 and in May 2025"),
            ["on May 5", "in May 2025"]
        );
        assert_eq!(written("since late May"), ["late May"]);
        assert_eq!(written("Since March, troops"), ["March"]);
    }

    #[test]
    fn weekday_names_that_are_not_days() {
        for text in [
            "The Sunday Times reported it.",
            "Good Friday services were held.",
            "He goes to church every Sunday.",
            "USA Today reported it.",
            "BBC Radio's Today programme",
            "Sundays are quiet.",
        ] {
            assert_eq!(written(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn tense_is_recorded() {
        let f =
            scan("Kirby said on Dec. 27 that they will be targeted. Talks will resume on Friday.");
        let tenses: Vec<Tense> = f.iter().map(|f| f.tense).collect();
        assert_eq!(tenses, [Tense::Past, Tense::Future]);
    }
}
