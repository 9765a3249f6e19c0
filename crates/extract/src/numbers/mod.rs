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

mod lexicon;

use crate::gazetteer::country_for;
use concord_model::{Article, EntityMention, EntityType, NumberMention, QuoteMention, Span};
use concord_text::{sentence_spans, tokenize_range, Token, TokenKind};
use lexicon::{
    currency_symbol, currency_word, is_predicate_noun, number_word, predicate, scale, unit_class,
    AUXILIARIES, HEDGES, NOT_COUNTS, REPORTING_VERBS,
};

/// Words that end the search for a counted noun.
const NOUN_PHRASE_STOPS: &[&str] = &[
    "from", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "have", "has", "had",
    "were", "was", "are", "is", "will", "would", "who", "which", "that", "since", "after",
    "before",
];

/// Predicates whose grammatical subject owns what is counted.
const OWNERSHIP_PREDICATES: &[&str] = &[
    "deployed",
    "cut",
    "hired",
    "valued",
    "increased",
    "decreased",
];

fn last_day_of_month(year: i32, month: u32) -> Option<chrono::NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
}

/// Words that open a clause whose subject may be a figure's source.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "after", "when", "while", "because", "as", "since", "although", "though", "where",
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

    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.tokens[a].end == self.tokens[b].start
    }

    fn parse_number(&self, i: usize) -> Option<Parsed> {
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

    fn hedge(&self, first: usize) -> Option<(String, usize)> {
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

    /// A past period the number belongs to: a date or year standing before
    /// it in the sentence, or in its own comma-delimited clause, that ended
    /// more than a month before publication ("In December last year, …",
    /// "the 2004 earthquake killed …"), so old figures don't pass for new.
    fn scope(&self, parsed: &Parsed) -> Option<String> {
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

    /// The noun phrase after the number: its noun, class, modifiers, and a
    /// participle standing in for a missing noun ("2,700 injured").
    fn counted_noun(&self, parsed: &Parsed) -> CountedNoun {
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
    fn subject_noun(&self, before: usize) -> Option<(String, Option<&'static str>, usize)> {
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

    fn demonym_before(&self, at: usize) -> Option<String> {
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

    /// Who gives the figure.
    fn attribution(&self, parsed: &Parsed) -> Option<String> {
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
    fn source_in(&self, from: usize, to: usize) -> Option<String> {
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

#[derive(Default)]
struct CountedNoun {
    unit: Option<String>,
    class: Option<String>,
    modifier: Option<String>,
    predicate: Option<&'static str>,
    /// Token index just past the noun phrase.
    end: usize,
}

#[cfg(test)]
mod tests;
