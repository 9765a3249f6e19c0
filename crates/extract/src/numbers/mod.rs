//! Numeric claims: a value, what is counted, what happened to it, whose it
//! is, how hedged, and who says so — read from the sentence around each
//! number by shallow, general rules of news syntax:
//! - the counted noun follows the number, past modifiers ("12,000 North
//!   Korean soldiers"); "others" and bare participles ("2,700 injured")
//!   inherit it from the sentence's previous number;
//! - the predicate is a verb right before the number (active voice, "sent
//!   around 12,000"), else the main verb after it, preferring a passive with
//!   an auxiliary ("have been killed") over a reduced relative ("deployed to
//!   Russia");
//! - the source is a quote's speaker, "according to X", "by X", or the
//!   subject of a reporting verb ("Western assessments say that …").
//!
//! This file walks the sentences and assembles a mention; reading the
//! figure itself is [`figure`], the counted noun [`noun`], the source
//! [`attribution`], and a past period it belongs to [`scope`].

mod attribution;
mod figure;
mod lexicon;
mod noun;
mod scope;

use concord_model::{Article, EntityMention, EntityType, NumberMention, QuoteMention, Span};
use concord_text::{sentence_spans, tokenize_range, Token, TokenKind};
use lexicon::{number_word, predicate, unit_class, AUXILIARIES};

/// Predicates whose grammatical subject owns what is counted.
const OWNERSHIP_PREDICATES: &[&str] = &[
    "deployed",
    "cut",
    "hired",
    "valued",
    "increased",
    "decreased",
];

/// Every counted number in the article's body.
pub fn find_numbers(
    article: &Article,
    entities: &[EntityMention],
    quotes: &[QuoteMention],
) -> Vec<NumberMention> {
    let mut out = Vec::new();
    for (p, para) in article.body_paragraphs.iter().enumerate() {
        for (s, e) in sentence_spans(para) {
            let sentence = Sentence {
                paragraph: p,
                text: para,
                start: s,
                end: e,
                tokens: tokenize_range(para, s, e),
                entities,
                quotes,
                reference: article.reference_date(),
            };
            sentence.numbers(&mut out);
        }
    }
    out
}

/// A parsed number: value, the token range it covers, and any unit it carries.
struct Parsed {
    value: f64,
    first: usize,
    end: usize,
    unit: Option<&'static str>,
}

struct Sentence<'a> {
    paragraph: usize,
    text: &'a str,
    start: usize,
    end: usize,
    tokens: Vec<Token<'a>>,
    entities: &'a [EntityMention],
    quotes: &'a [QuoteMention],
    /// The article's publication date (stated or inferred), for scopes.
    reference: Option<chrono::NaiveDate>,
}

fn lower(t: &Token) -> String {
    t.text.to_lowercase()
}

impl Sentence<'_> {
    fn numbers(&self, out: &mut Vec<NumberMention>) {
        let first_in_sentence = out.len();
        let mut i = 0;
        while i < self.tokens.len() {
            let Some(parsed) = self.parse_number(i) else {
                i += 1;
                continue;
            };
            i = parsed.end.max(i + 1);
            // A sentence without its own counted noun ("Another 2,876 were
            // hurt.") continues the previous paragraph's count.
            let nearby = out
                .last()
                .filter(|m| m.span.paragraph + 1 >= self.paragraph)
                .cloned();
            if let Some(m) = self.mention(&parsed, &out[first_in_sentence..], nearby.as_ref()) {
                out.push(m);
            }
        }
    }

    fn mention(
        &self,
        parsed: &Parsed,
        earlier: &[NumberMention],
        nearby: Option<&NumberMention>,
    ) -> Option<NumberMention> {
        let hedge = self.hedge(parsed.first);
        let before = hedge.as_ref().map_or(parsed.first, |(_, at)| *at);
        let noun = self.counted_noun(parsed);
        let previous = earlier.last();
        let mut unit = parsed
            .unit
            .map(str::to_string)
            .or_else(|| noun.unit.clone());
        let mut class = parsed
            .unit
            .map(str::to_string)
            .or_else(|| noun.class.clone());
        let mut modifier = noun.modifier.clone();
        let mut predicate_word = noun.predicate;
        let inherits = unit.is_none() || unit.as_deref() == Some("others");
        if inherits {
            if let Some(prev) = previous {
                unit = Some(prev.unit.clone());
                class = Some(prev.unit_class.clone());
                modifier = modifier.or_else(|| prev.modifier.clone());
            }
        }
        if unit.is_none() {
            if let Some((u, pred, at)) = self.subject_noun(before) {
                unit = Some(u.clone());
                class = Some(unit_class(&u).unwrap_or("people").to_string());
                predicate_word = predicate_word.or(pred);
                modifier = modifier.or_else(|| self.demonym_before(at));
            }
        }
        let mut inherited_nearby = false;
        if unit.is_none() {
            if let Some(prev) = nearby {
                unit = Some(prev.unit.clone());
                class = Some(prev.unit_class.clone());
                modifier = modifier.or_else(|| prev.modifier.clone());
                inherited_nearby = true;
            }
        }
        let (unit, class) = (unit?, class?);
        let active_verb = self.verb_before(before);
        // "a town of about 25,000 people": the object of a preposition is
        // not the subject of the verbs that follow.
        let in_phrase = before.checked_sub(1).is_some_and(|j| {
            matches!(
                lower(&self.tokens[j]).as_str(),
                "of" | "in" | "with" | "for" | "among" | "from" | "than"
            )
        });
        if predicate_word.is_none() {
            predicate_word = active_verb.map(|(p, _)| p).or_else(|| {
                if in_phrase {
                    None
                } else {
                    self.verb_after(noun.end)
                }
            });
        }
        if predicate_word.is_none() && inherits {
            predicate_word = previous
                .and_then(|prev| prev.predicate.as_deref())
                .and_then(predicate);
        }
        let _ = inherited_nearby;
        // A magnitude is measured, not killed or deployed; what it measures
        // is the noun after it ("a magnitude 5.4 aftershock").
        let mut class = class;
        if class == "magnitude" {
            predicate_word = None;
            let measured = self.tokens[parsed.end..]
                .iter()
                .take(3)
                .map(lower)
                .find(|w| w.chars().all(char::is_alphabetic) && w.len() > 3);
            if measured.is_some_and(|w| w.starts_with("aftershock")) {
                class = "magnitude of aftershock".to_string();
            }
        }
        if modifier.is_none() {
            // The subject of "North Korea sent 12,000 soldiers" owns them; the
            // subject of "the quake killed 1,240 people" does not.
            let owns = |(p, _): &(&str, usize)| OWNERSHIP_PREDICATES.contains(p);
            modifier = self.origin_phrase(noun.end).or_else(|| {
                active_verb.filter(owns).and_then(|(_, at)| {
                    self.last_entity(self.start, self.tokens[at].start, &[EntityType::Location])
                })
            });
        }
        Some(NumberMention {
            value: parsed.value,
            unit,
            unit_class: class,
            predicate: predicate_word.map(str::to_string),
            modifier,
            hedge: hedge.map(|(h, _)| h),
            attribution: self.attribution(parsed),
            scope: self.scope(parsed),
            evidence: self.text[self.start..self.end].to_string(),
            span: Span {
                paragraph: self.paragraph,
                start: self.tokens[parsed.first].start,
                end: self.tokens[parsed.end - 1].end,
            },
        })
    }

    /// A predicate verb just before the number: "sent around 12,000".
    fn verb_before(&self, before: usize) -> Option<(&'static str, usize)> {
        let mut j = before;
        for _ in 0..3 {
            j = j.checked_sub(1)?;
            let w = lower(&self.tokens[j]);
            // "sent another 500", "the capture of two".
            if matches!(w.as_str(), "a" | "an" | "the" | "another" | "of") {
                continue;
            }
            return predicate(&w)
                .filter(|_| !self.tokens[j].is_capitalized())
                .map(|p| (p, j));
        }
        None
    }

    /// The main predicate after the noun phrase, up to the next number.
    fn verb_after(&self, from: usize) -> Option<&'static str> {
        let mut first = None;
        for j in from..self.tokens.len().min(from + 14) {
            let t = &self.tokens[j];
            if t.kind == TokenKind::Number || number_word(t.text).is_some() || t.text == ";" {
                break;
            }
            let Some(p) = predicate(t.text).filter(|_| !t.is_capitalized()) else {
                continue;
            };
            let aux = self.tokens[j.saturating_sub(3)..j]
                .iter()
                .any(|a| AUXILIARIES.contains(&lower(a).as_str()));
            if aux {
                return Some(p);
            }
            first = first.or(Some(p));
        }
        first
    }

    /// "troops from Russia's ally North Korea": the last place in the phrase.
    fn origin_phrase(&self, from: usize) -> Option<String> {
        let t = self.tokens.get(from)?;
        if !t.text.eq_ignore_ascii_case("from") {
            return None;
        }
        let stop = self.tokens[from + 1..]
            .iter()
            .find(|x| x.kind == TokenKind::Punct || AUXILIARIES.contains(&lower(x).as_str()))
            .map_or(self.end, |x| x.start);
        self.last_entity(t.end, stop, &[EntityType::Location])
    }

    fn entities_in(&self, from: usize, to: usize) -> impl Iterator<Item = &EntityMention> {
        self.entities.iter().filter(move |m| {
            m.span.paragraph == self.paragraph && m.span.start >= from && m.span.end <= to
        })
    }

    fn last_entity(&self, from: usize, to: usize, kinds: &[EntityType]) -> Option<String> {
        self.entities_in(from, to)
            .filter(|m| kinds.contains(&m.kind))
            .last()
            .map(|m| m.name.clone())
    }
}

#[cfg(test)]
mod tests;
