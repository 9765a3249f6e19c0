//! Reading the figure at a token: its value (digits or a number word,
//! scaled by "million"), a unit written with it ("%", "$", "magnitude"),
//! the hedge before it ("nearly", "at least"), and what is not a count at
//! all (dates, times, years, numbers inside names).

use super::lexicon::{
    currency_symbol, currency_word, number_word, scale, unit_class, HEDGES, NOT_COUNTS,
    REPORTING_VERBS,
};
use super::{lower, Parsed, Sentence};
use concord_text::{Token, TokenKind};

impl Sentence<'_> {
    pub(super) fn adjacent(&self, a: usize, b: usize) -> bool {
        self.tokens[a].end == self.tokens[b].start
    }

    pub(super) fn parse_number(&self, i: usize) -> Option<Parsed> {
        let t = &self.tokens[i];
        let mut value = match t.kind {
            TokenKind::Number => t.text.replace(',', "").parse::<f64>().ok()?,
            TokenKind::Word => number_word(t.text)?,
            TokenKind::Punct => return None,
        };
        let prev = i.checked_sub(1).map(|j| &self.tokens[j]);
        let mut end = i + 1;
        let next = self.tokens.get(end);
        // Dates, times, compounds and durations are not counts.
        let is_calendar = |tok: Option<&Token>| {
            tok.is_some_and(|x| {
                crate::gazetteer::contains_ci(
                    crate::gazetteer::CALENDAR_WORDS,
                    x.text.trim_end_matches('.'),
                )
            })
        };
        // "Sept. 29": the abbreviation's period stands between.
        let before_period = i
            .checked_sub(2)
            .filter(|_| prev.is_some_and(|p| p.text == "."))
            .map(|j| &self.tokens[j]);
        if is_calendar(prev) || is_calendar(next) || is_calendar(before_period) {
            return None;
        }
        let hyphen_measure = next.is_some_and(|n| n.text == "-")
            && self
                .tokens
                .get(end + 1)
                .is_some_and(|m| m.text.eq_ignore_ascii_case("magnitude"));
        if hyphen_measure {
            return Some(Parsed {
                value,
                first: i,
                end: end + 2,
                unit: Some("magnitude"),
            });
        }
        if next.is_some_and(|n| matches!(n.text, "-" | ":" | "/") && self.adjacent(i, end))
            || prev.is_some_and(|p| matches!(p.text, "-" | "/") && self.adjacent(i - 1, i))
        {
            return None;
        }
        if next.is_some_and(|n| NOT_COUNTS.contains(&lower(n).as_str())) {
            return None;
        }
        let mut unit = None;
        if let Some(sym) = prev.and_then(|p| currency_symbol(p.text)) {
            unit = Some(sym);
        }
        // Measures named before the number: "magnitude 6.7", "a 6.7-magnitude quake".
        let magnitude_of = prev.is_some_and(|p| p.text == "of")
            && i >= 2
            && self.tokens[i - 2].text.eq_ignore_ascii_case("magnitude");
        if prev.is_some_and(|p| p.text.eq_ignore_ascii_case("magnitude")) || magnitude_of {
            unit = Some("magnitude");
        }
        if let Some(n) = self.tokens.get(end) {
            let adjacent = self.adjacent(i, end);
            if let Some(k) = scale(n.text) {
                if n.text.len() > 2 || adjacent {
                    value *= k;
                    end += 1;
                }
            }
        }
        match self.tokens.get(end) {
            Some(n) if n.text == "%" => {
                unit = Some("%");
                end += 1;
            }
            Some(n) if n.text.eq_ignore_ascii_case("percent") => {
                unit = Some("%");
                end += 1;
            }
            Some(n)
                if n.text.eq_ignore_ascii_case("per")
                    && self.tokens.get(end + 1).is_some_and(|c| c.text == "cent") =>
            {
                unit = Some("%");
                end += 2;
            }
            Some(n) if currency_word(n.text).is_some() => {
                unit = currency_word(n.text);
                end += 1;
            }
            _ => {}
        }
        // "France 24", "Boeing 737": a number inside a name.
        let in_name = prev.is_some_and(|p| {
            p.kind == TokenKind::Word
                && p.is_capitalized()
                && !crate::gazetteer::SENTENCE_STARTERS.contains(&p.text)
                && !HEDGES.iter().any(|h| h.eq_ignore_ascii_case(p.text))
                && !REPORTING_VERBS.contains(&p.text.to_lowercase().as_str())
        });
        if in_name && unit.is_none() {
            return None;
        }
        let is_year =
            t.kind == TokenKind::Number && t.text.len() == 4 && (1900.0..=2100.0).contains(&value);
        if is_year && unit.is_none() {
            return None;
        }
        // "one of the men" is a pronoun; "one soldier" is a count.
        if t.kind == TokenKind::Word
            && value == 1.0
            && self
                .tokens
                .get(end)
                .is_none_or(|n| unit_class(n.text).is_none())
        {
            return None;
        }
        Some(Parsed {
            value,
            first: i,
            end,
            unit,
        })
    }

    pub(super) fn hedge(&self, first: usize) -> Option<(String, usize)> {
        for h in HEDGES {
            let n = h.split(' ').count();
            if first < n {
                continue;
            }
            let words: Vec<String> = self.tokens[first - n..first].iter().map(lower).collect();
            if words.join(" ") == *h {
                return Some((
                    self.text[self.tokens[first - n].start..self.tokens[first - 1].end].to_string(),
                    first - n,
                ));
            }
        }
        None
    }
}
