//! Dates written with words: a weekday with or without its date ("on
//! Sunday", "Monday 29 September"), relative days ("yesterday", "this
//! morning") and a month without day or year ("in August", "December
//! last year"). Context words decide which of these are dates at all.

use super::{Expr, Hit, MonthWhich, Scanner, WeekdayWhich};
use crate::dates::lexicon::{self, MonthForm};
use concord_text::TokenKind;

impl Scanner<'_, '_> {
    /// A weekday written with its date: "Monday 29 September", "Sunday,
    /// Jan. 12, 2025". One expression, so the weekday is not resolved twice.
    pub(super) fn weekday_with_date(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn weekday(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn relative_day(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn part_of_today(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn bare_month(&self, i: usize) -> Option<Hit> {
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
