//! Dates written with figures: ISO dates ("2025-01-13"), a day and a
//! month in either order with or without a year ("Jan. 12, 2025", "12th
//! of January"), a month with its year ("August 2024"), and the token
//! readers (day, year, month name) the word shapes reuse.

use super::{Expr, Hit, Scanner};
use crate::dates::lexicon::{self, MonthForm};
use chrono::NaiveDate;
use concord_text::TokenKind;

impl Scanner<'_, '_> {
    /// A day of the month at token `i`: "12", "12th"; not a clock time
    /// ("12:30"), a decade ("20s") or a quantity ("5 percent").
    pub(super) fn day_at(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let year = self.four_digits_year(i)?;
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
    pub(super) fn year_after(&self, last: usize) -> Option<(i32, usize)> {
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
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, MonthForm, bool, usize)> {
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
    pub(super) fn iso(&self, i: usize) -> Option<Hit> {
        let year = self.four_digits_year(i)?;
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

    /// Four digits from 1900 to 2100 at token `i`, whatever touches them:
    /// [`Self::year_at`] rules out what joins a year, an ISO date needs it.
    fn four_digits_year(&self, i: usize) -> Option<i32> {
        let tok = self.tok(i)?;
        if tok.kind != TokenKind::Number
            || tok.text.len() != 4
            || !tok.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = tok.text.parse().ok()?;
        (1900..=2100).contains(&year).then_some(year)
    }

    /// Month first: "January 12, 2025", "Jan. 12", "Sept 5th", "August
    /// 2024", "August of 2024".
    pub(super) fn month_first(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn day_first(&self, i: usize) -> Option<Hit> {
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
}

/// Whether a yearless day exists in some year (29 February does).
fn valid_month_day(month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(2000, month, day).is_some()
}
