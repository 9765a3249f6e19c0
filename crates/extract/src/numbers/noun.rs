//! What a figure counts: the noun phrase after it ("12,000 North Korean
//! soldiers"), a subject standing before it ("the death toll rose to
//! 1,305"), and the demonym that says whose they are.

use super::lexicon::{is_predicate_noun, predicate, unit_class};
use super::{lower, Parsed, Sentence};
use crate::gazetteer::country_for;
use concord_text::TokenKind;

/// Words that end the search for a counted noun.
const NOUN_PHRASE_STOPS: &[&str] = &[
    "from", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "have", "has", "had",
    "were", "was", "are", "is", "will", "would", "who", "which", "that", "since", "after",
    "before",
];

/// Adjectives allowed between a number and its noun.
const NOUN_PHRASE_ADJECTIVES: &[&str] = &[
    "more",
    "other",
    "additional",
    "new",
    "further",
    "extra",
    "fresh",
    "foreign",
    "local",
    "young",
    "old",
    "elderly",
    "armed",
    "unarmed",
    "confirmed",
    "suspected",
    "reported",
    "registered",
];

impl Sentence<'_> {
    /// The noun phrase after the number: its noun, class, modifiers, and a
    /// participle standing in for a missing noun ("2,700 injured").
    pub(super) fn counted_noun(&self, parsed: &Parsed) -> CountedNoun {
        let mut found = CountedNoun {
            end: parsed.end,
            ..CountedNoun::default()
        };
        let mut modifiers: Vec<&str> = Vec::new();
        let mut j = parsed.end;
        while j < self.tokens.len() && j < parsed.end + 6 {
            let t = &self.tokens[j];
            let w = lower(t);
            if t.kind != TokenKind::Word {
                break;
            }
            let calendar = crate::gazetteer::contains_ci(crate::gazetteer::CALENDAR_WORDS, t.text);
            if t.is_capitalized() && unit_class(&w).is_none() && !calendar {
                modifiers.push(t.text);
                j += 1;
                continue;
            }
            if let Some(class) = unit_class(&w) {
                found.unit = Some(w.clone());
                found.class = Some(class.to_string());
                found.end = j + 1;
                break;
            }
            if is_predicate_noun(&w) {
                found.unit = Some(w.clone());
                found.class = Some("people".to_string());
                found.predicate = predicate(&w);
                found.end = j + 1;
                break;
            }
            if let Some(pred) = predicate(&w) {
                let next_is_noun = self.tokens.get(j + 1).is_some_and(|n| {
                    n.kind == TokenKind::Word
                        && (n.is_capitalized() || unit_class(n.text).is_some())
                });
                if next_is_noun {
                    j += 1;
                    continue;
                }
                found.predicate = Some(pred);
                found.end = j + 1;
                break;
            }
            if NOUN_PHRASE_ADJECTIVES.contains(&w.as_str()) {
                j += 1;
                continue;
            }
            if NOUN_PHRASE_STOPS.contains(&w.as_str()) || concord_text::is_stopword(&w) {
                break;
            }
            // An unknown noun: "1,200 job cuts" counts jobs that are cut.
            if let Some(n) = self.tokens.get(j + 1).filter(|n| is_predicate_noun(n.text)) {
                let plural = format!("{w}s");
                found.class = Some(unit_class(&plural).unwrap_or(&plural).to_string());
                found.unit = Some(plural);
                found.predicate = predicate(n.text);
                found.end = j + 2;
                break;
            }
            if w.len() > 3 && w.ends_with('s') {
                found.class = Some(w.clone());
                found.unit = Some(w);
                found.end = j + 1;
                break;
            }
            // A singular noun may modify the counted one ("police officers").
            j += 1;
        }
        if !modifiers.is_empty() {
            let joined = modifiers.join(" ");
            found.modifier = Some(country_for(&joined).map_or(joined, str::to_string));
        }
        found
    }

    /// "casualties were estimated at 3,000", "the death toll rose to 1,305".
    pub(super) fn subject_noun(
        &self,
        before: usize,
    ) -> Option<(String, Option<&'static str>, usize)> {
        const LINKS: &[&str] = &[
            "at",
            "to",
            "estimated",
            "were",
            "was",
            "is",
            "are",
            "stood",
            "reached",
            "rose",
            "climbed",
            "totalled",
            "totaled",
            "hit",
            "put",
            "of",
            "has",
            "had",
            "have",
            "been",
            "now",
            "number",
            "numbered",
            "the",
            "a",
        ];
        let mut j = before;
        while j > 0 && before - j < 8 {
            j -= 1;
            let w = lower(&self.tokens[j]);
            if is_predicate_noun(&w) || w == "toll" {
                let unit = if w == "toll" {
                    "people".to_string()
                } else {
                    w.clone()
                };
                return Some((unit, predicate(&w), j));
            }
            if w == "magnitude" {
                return Some(("magnitude".to_string(), None, j));
            }
            if !LINKS.contains(&w.as_str()) {
                // "The death toll from the quake that hit X rose to 1,305":
                // after a verb of change, the subject may stand further back.
                let changed = self.tokens[j + 1..before].iter().any(|t| {
                    matches!(
                        lower(t).as_str(),
                        "rose"
                            | "reached"
                            | "climbed"
                            | "stood"
                            | "hit"
                            | "risen"
                            | "totalled"
                            | "totaled"
                            | "jumped"
                    )
                });
                if changed {
                    return self.tokens[..j]
                        .iter()
                        .rposition(|t| lower(t) == "toll" || is_predicate_noun(t.text))
                        .map(|k| {
                            let w = lower(&self.tokens[k]);
                            let unit = if w == "toll" {
                                "people".to_string()
                            } else {
                                w.clone()
                            };
                            (unit, predicate(&w), k)
                        });
                }
                return None;
            }
        }
        None
    }

    pub(super) fn demonym_before(&self, at: usize) -> Option<String> {
        let mut words = Vec::new();
        let mut j = at;
        while j > 0
            && self.tokens[j - 1].is_capitalized()
            && self.tokens[j - 1].kind == TokenKind::Word
        {
            j -= 1;
            words.insert(0, self.tokens[j].text);
        }
        country_for(&words.join(" ")).map(str::to_string)
    }
}

/// The noun phrase after a figure, as [`Sentence::counted_noun`] reads it.
#[derive(Default)]
pub(super) struct CountedNoun {
    pub(super) unit: Option<String>,
    pub(super) class: Option<String>,
    pub(super) modifier: Option<String>,
    pub(super) predicate: Option<&'static str>,
    /// Token index just past the noun phrase.
    pub(super) end: usize,
}
