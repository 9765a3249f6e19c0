//! The past period a figure belongs to, so old figures quoted for
//! context ("the 2004 earthquake killed …") do not pass for new ones.

use super::{Parsed, Sentence};
use concord_text::TokenKind;

fn last_day_of_month(year: i32, month: u32) -> Option<chrono::NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
}

impl Sentence<'_> {
    /// A past period the number belongs to: a date or year standing before
    /// it in the sentence, or in its own comma-delimited clause, that ended
    /// more than a month before publication ("In December last year, …",
    /// "the 2004 earthquake killed …"), so old figures don't pass for new.
    pub(super) fn scope(&self, parsed: &Parsed) -> Option<String> {
        let reference = self.reference?;
        let at = self.tokens[parsed.first].start;
        let clause_end = self.tokens[parsed.end..]
            .iter()
            .find(|t| matches!(t.text, "," | ";" | "—" | "(" | ":"))
            .map_or(self.end, |t| t.start);
        let cutoff = reference - chrono::Duration::days(31);
        let sentence = &self.text[self.start..self.end];
        let mut candidates: Vec<(usize, String, chrono::NaiveDate)> = Vec::new();
        for d in crate::dates::find_dates(sentence, Some(reference)) {
            let end_of_period = match d.date.day {
                Some(_) => d.date.as_naive(),
                None => last_day_of_month(d.date.year, d.date.month),
            };
            if let Some(end) = end_of_period {
                let label = format!("{:04}-{:02}", d.date.year, d.date.month);
                candidates.push((self.start + d.start, label, end));
            }
        }
        for t in &self.tokens {
            let is_year = t.kind == TokenKind::Number && t.text.len() == 4;
            if let Some(year) = t
                .text
                .parse::<i32>()
                .ok()
                .filter(|y| is_year && (1900..=2100).contains(y))
            {
                let covered = candidates
                    .iter()
                    .any(|(s, l, _)| l.starts_with(t.text) && *s <= t.start);
                if let (false, Some(end)) = (covered, chrono::NaiveDate::from_ymd_opt(year, 12, 31))
                {
                    candidates.push((t.start, year.to_string(), end));
                }
            }
        }
        candidates
            .into_iter()
            .filter(|(start, _, end)| (*start < at || *start < clause_end) && *end < cutoff)
            .min_by_key(|(start, _, _)| start.abs_diff(at))
            .map(|(_, label, _)| label)
    }
}
