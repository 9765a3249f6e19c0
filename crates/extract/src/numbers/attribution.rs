//! Who gives a figure: the speaker of the quote it stands in, "according
//! to X", "… by X", or the subject of a reporting verb before it.

use super::lexicon::{AUXILIARIES, REPORTING_VERBS};
use super::{lower, Parsed, Sentence};
use concord_model::{EntityMention, EntityType};
use concord_text::TokenKind;

/// Words that open a clause whose subject may be a figure's source.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "after", "when", "while", "because", "as", "since", "although", "though", "where",
];

impl Sentence<'_> {
    /// Who gives the figure.
    pub(super) fn attribution(&self, parsed: &Parsed) -> Option<String> {
        let at = self.tokens[parsed.first].start;
        if let Some(q) = self
            .quotes
            .iter()
            .find(|q| q.span.paragraph == self.paragraph && q.span.start <= at && at < q.span.end)
        {
            if q.speaker.is_some() {
                return q.speaker.clone();
            }
        }
        let words: Vec<String> = self.tokens.iter().map(lower).collect();
        // "according to X" anywhere in the sentence.
        if let Some(k) = words
            .windows(2)
            .position(|w| w[0] == "according" && w[1] == "to")
        {
            let from = self.tokens[k + 1].end;
            let to = self.tokens[k + 2..]
                .iter()
                .find(|t| matches!(t.text, "," | "." | ";"))
                .map_or(self.end, |t| t.start);
            return self.source_in(from, to);
        }
        // "estimated at 3,000 by Ukraine".
        if let Some(t) = self.tokens.get(parsed.end).filter(|t| t.text == "by") {
            let to = self.tokens[parsed.end + 1..]
                .iter()
                .find(|t| t.kind == TokenKind::Punct || t.text == "and")
                .map_or(self.end, |t| t.start);
            if let Some(name) = self.source_in(t.end, to) {
                return Some(name);
            }
        }
        // The subject of a reporting verb before the number.
        let verb = (0..parsed.first).find(|&j| REPORTING_VERBS.contains(&words[j].as_str()))?;
        let subject_end = (0..verb)
            .rev()
            .find(|&j| !AUXILIARIES.contains(&words[j].as_str()))
            .map_or(self.tokens[verb].start, |j| self.tokens[j].end);
        // The subject starts after the last subordinating word before the
        // verb ("… shortly after Ukraine confirmed …"); commas don't end it,
        // they are appositions ("the spy agency, the National Intelligence
        // Service, has informed …").
        let subject_start = (0..verb)
            .rev()
            .find(|&j| CLAUSE_OPENERS.contains(&words[j].as_str()))
            .map_or(self.start, |j| self.tokens[j].end);
        self.source_in(subject_start, subject_end)
    }

    /// A person or organisation named in a range, else the range's words.
    pub(super) fn source_in(&self, from: usize, to: usize) -> Option<String> {
        if from >= to {
            return None;
        }
        let mut phrase = self.text[from..to]
            .trim()
            .trim_matches(|c: char| c == ',' || c.is_whitespace());
        // A trailing "(DW)" repeats the name before it.
        if let Some(open) = phrase.rfind(" (").filter(|_| phrase.ends_with(')')) {
            phrase = phrase[..open].trim_end();
        }
        let n_words = phrase.split_whitespace().count();
        // A subject headed by a common noun is its own best description:
        // "Ukrainian and Western assessments", "a South Korean politician".
        let head_is_common = phrase
            .split_whitespace()
            .last()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
        if head_is_common && (1..=12).contains(&n_words) {
            return Some(phrase.to_string());
        }
        let names: Vec<&EntityMention> = self.entities_in(from, to).collect();
        let pick = names
            .iter()
            .rev()
            .find(|m| m.kind == EntityType::Person)
            .or_else(|| names.iter().find(|m| m.kind == EntityType::Org))
            .or_else(|| names.last());
        if let Some(m) = pick {
            return Some(m.name.clone());
        }
        ((1..=10).contains(&n_words)).then(|| phrase.to_string())
    }
}
