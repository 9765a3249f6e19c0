//! Direct quotations and who said them.
//!
//! Speakers come from the attribution around the quote ("…," X said; X
//! said: "…"; said X), from a colon-ended paragraph introducing the quote,
//! or, for a quote paragraph with no attribution, from the quote before it.
//! Pronouns and descriptions ("he", "the Ukrainian leader") resolve to the
//! most recent person named outside quotation marks.

use crate::entities::fullest_name;
use concord_model::{Article, EntityMention, EntityType, QuoteMention, Span};
use concord_text::{sentence_spans, tokenize, tokenize_range, Token, TokenKind};

/// Verbs that attribute speech or writing.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "told",
    "tells",
    "stated",
    "states",
    "wrote",
    "writes",
    "posted",
    "asked",
    "explained",
    "explains",
    "noted",
    "notes",
    "insisted",
    "warned",
    "warns",
    "claimed",
    "claims",
    "declared",
    "continued",
    "replied",
    "responded",
    "remarked",
    "announced",
    "argued",
    "argues",
    "indicated",
    "asserted",
    "stressed",
    "emphasised",
    "emphasized",
    "acknowledged",
    "admitted",
    "tweeted",
    "recalled",
    "urged",
    "vowed",
    "pledged",
    "promised",
    "saying",
    "according",
    "told",
    "commented",
    "confirmed",
    "conceded",
    "cautioned",
];

const PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// Quotes shorter than this many words are scare quotes or fragments.
const MIN_QUOTE_WORDS: usize = 4;

/// A quoted span inside one paragraph: the quotation marks and the text.
#[derive(Debug, Clone, Copy)]
struct QuoteSpan {
    open: usize,
    text_start: usize,
    text_end: usize,
    close: usize,
}

/// Every direct quote in the article with its speaker, in reading order.
pub fn find_quotes(article: &Article, entities: &[EntityMention]) -> Vec<QuoteMention> {
    let spans: Vec<Vec<QuoteSpan>> = article
        .body_paragraphs
        .iter()
        .map(|p| quote_spans(p))
        .collect();
    let resolver = Resolver {
        article,
        entities,
        spans: &spans,
    };
    let mut out: Vec<QuoteMention> = Vec::new();
    for (p, para) in article.body_paragraphs.iter().enumerate() {
        for (k, q) in spans[p].iter().enumerate() {
            let text = para[q.text_start..q.text_end]
                .trim()
                .trim_end_matches(',')
                .trim_end();
            if text.split_whitespace().count() < MIN_QUOTE_WORDS {
                continue;
            }
            let speaker = resolver
                .attribution(p, q)
                .or_else(|| resolver.sibling_quote_speaker(p, k))
                .or_else(|| resolver.introduced_by_previous(p, q))
                .or_else(|| resolver.continuation(p, q, &out))
                .map(|name| fullest_name(&name, entities));
            out.push(QuoteMention {
                text: text.to_string(),
                span: Span {
                    paragraph: p,
                    start: q.text_start,
                    end: q.text_end,
                },
                speaker,
            });
        }
    }
    out
}

/// Quoted spans in a paragraph. Curly quotes pair by shape; straight double
/// quotes alternate. A quote left open at the end of the paragraph runs to
/// its end (news style continues a quote in the next paragraph that way).
fn quote_spans(text: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        let after = i + c.len_utf8();
        match (c, open) {
            ('“' | '«' | '"', None) => open = Some((i, after)),
            ('”' | '»' | '"', Some((o, s))) => {
                out.push(QuoteSpan {
                    open: o,
                    text_start: s,
                    text_end: i,
                    close: after,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((o, s)) = open {
        out.push(QuoteSpan {
            open: o,
            text_start: s,
            text_end: text.len(),
            close: text.len(),
        });
    }
    out
}

/// Words that stand for one person named earlier: "he", "she", or a
/// definite description ending in a role ("the Ukrainian leader").
fn refers_to_one_person(words: &[Token]) -> bool {
    let lower: Vec<String> = words
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text.to_lowercase())
        .collect();
    match lower.as_slice() {
        [one] => PRONOUNS.contains(&one.as_str()),
        [first, .., last] => {
            first == "the"
                && (crate::gazetteer::PERSON_ROLES.contains(&last.as_str())
                    || looks_like_role(last))
        }
        [] => false,
    }
}

/// The words right before a verb that can be its subject: trailing
/// adverbs and auxiliaries dropped, then a pronoun or "the … role".
fn subject_tail<'t>(words: &'t [Token<'t>]) -> &'t [Token<'t>] {
    let mut end = words.len();
    while end > 0 {
        let w = words[end - 1].text.to_lowercase();
        let filler = w.ends_with("ly")
            || matches!(
                w.as_str(),
                "also"
                    | "further"
                    | "then"
                    | "later"
                    | "again"
                    | "had"
                    | "has"
                    | "have"
                    | "was"
                    | "is"
                    | "would"
                    | "will"
            );
        if !filler {
            break;
        }
        end -= 1;
    }
    let words = &words[..end];
    match words.last() {
        Some(last) if PRONOUNS.contains(&last.text.to_lowercase().as_str()) => &words[end - 1..],
        _ => {
            let from = words
                .iter()
                .rposition(|t| t.text.eq_ignore_ascii_case("the"))
                .filter(|&i| end - i <= 4)
                .unwrap_or(end);
            &words[from..]
        }
    }
}

/// People referred to without a name: a determiner and a person noun.
const PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "soldier",
    "prisoner",
    "captive",
    "boy",
    "girl",
    "child",
    "resident",
    "survivor",
    "witness",
    "fighter",
    "villager",
    "victim",
    "passenger",
    "employee",
    "worker",
];

fn mentions_unnamed_person(text: &str) -> bool {
    let words: Vec<String> = tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text.to_lowercase())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let is_person = PERSON_NOUNS.contains(&w.as_str())
            || crate::gazetteer::PERSON_ROLES.contains(&w.as_str());
        let determined = words[i.saturating_sub(4)..i]
            .iter()
            .any(|d| matches!(d.as_str(), "a" | "an" | "one" | "another" | "the"));
        is_person && determined
    })
}

/// Role nouns beyond the list, including misspelt ones ("leder").
fn looks_like_role(word: &str) -> bool {
    crate::gazetteer::PERSON_ROLES
        .iter()
        .any(|r| r.len() > 4 && strsim_close(r, word))
}

/// One edit apart (insert or delete), for typos in role words.
fn strsim_close(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return a == b;
    }
    (0..long.len()).any(|i| {
        long.is_char_boundary(i)
            && long.is_char_boundary(i + 1)
            && format!("{}{}", &long[..i], &long[i + 1..]) == short
    })
}

fn is_speech_verb(t: &Token) -> bool {
    SPEECH_VERBS.contains(&t.text.to_lowercase().as_str())
}

struct Resolver<'a> {
    article: &'a Article,
    entities: &'a [EntityMention],
    spans: &'a [Vec<QuoteSpan>],
}

impl Resolver<'_> {
    fn paragraph(&self, p: usize) -> &str {
        &self.article.body_paragraphs[p]
    }

    fn inside_quote(&self, p: usize, offset: usize) -> bool {
        self.spans[p]
            .iter()
            .any(|q| offset >= q.open && offset < q.close)
    }

    /// The sentence byte range around `offset` in paragraph `p`.
    fn sentence_at(&self, p: usize, offset: usize) -> (usize, usize) {
        let text = self.paragraph(p);
        sentence_spans(text)
            .into_iter()
            .find(|&(s, e)| offset >= s && offset <= e)
            .unwrap_or((0, text.len()))
    }

    /// Speaker named in the same sentence, after or before the quote.
    fn attribution(&self, p: usize, q: &QuoteSpan) -> Option<String> {
        let text = self.paragraph(p);
        let (_, sentence_end) = self.sentence_at(p, q.close.saturating_sub(1));
        let next_open = self.spans[p]
            .iter()
            .map(|s| s.open)
            .find(|&o| o >= q.close)
            .unwrap_or(text.len());
        let after_end = sentence_end.max(q.close).min(next_open);
        if let Some(name) = self.speaker_after(p, q.close, after_end) {
            return Some(name);
        }
        let (sentence_start, _) = self.sentence_at(p, q.open);
        let prev_close = self.spans[p]
            .iter()
            .map(|s| s.close)
            .filter(|&c| c <= q.open)
            .max()
            .unwrap_or(0);
        self.speaker_before(p, sentence_start.max(prev_close), q.open)
    }

    /// `…," Kremlin spokesperson Dmitry Peskov said` / `…," said Zelensky`.
    fn speaker_after(&self, p: usize, from: usize, to: usize) -> Option<String> {
        let tokens: Vec<Token> = tokenize_range(self.paragraph(p), from, to);
        let verb = tokens.iter().take(10).position(is_speech_verb)?;
        // Material before the verb must be a name or description, not a new clause.
        if tokens[..verb]
            .iter()
            .any(|t| matches!(t.text, "." | "?" | "!" | ";"))
        {
            return None;
        }
        let before = (from, tokens[verb].start);
        if let Some(name) = self.last_entity_in(p, before.0, before.1) {
            return Some(name);
        }
        if refers_to_one_person(&tokens[..verb]) {
            return self.resolve_reference(p, tokens[verb].start);
        }
        if tokens[..verb].iter().any(|t| t.kind == TokenKind::Word) {
            return None;
        }
        // "said X" / "said the Ukrainian leader".
        let rest_end = tokens
            .iter()
            .skip(verb + 1)
            .take_while(|t| !matches!(t.text, "." | "," | ";" | "?" | "!"))
            .last()
            .map_or(tokens[verb].end, |t| t.end);
        self.first_entity_in(p, tokens[verb].end, rest_end)
            .or_else(|| {
                (rest_end > tokens[verb].end)
                    .then(|| self.resolve_reference(p, tokens[verb].start))
                    .flatten()
            })
    }

    /// `X said: "…"` / `X stated, "…"` / `according to X, "…"`.
    fn speaker_before(&self, p: usize, from: usize, to: usize) -> Option<String> {
        let tokens: Vec<Token> = tokenize_range(self.paragraph(p), from, to);
        let verb = tokens.iter().rposition(is_speech_verb)?;
        // "the soldiers were asked, '…'": a passive names the addressee, not the speaker.
        if verb > 0
            && matches!(
                tokens[verb - 1].text.to_lowercase().as_str(),
                "was" | "were" | "been" | "being" | "is" | "are"
            )
        {
            return None;
        }
        if tokens[verb].text.eq_ignore_ascii_case("according") {
            return self.first_entity_in(p, tokens[verb].end, to);
        }
        // The subject: the last name before the verb in the same clause.
        let clause_start = tokens[..verb]
            .iter()
            .rposition(|t| matches!(t.text, "." | ";" | "?" | "!"))
            .map_or(from, |i| tokens[i].end);
        if let Some(name) = self.last_entity_in(p, clause_start, tokens[verb].start) {
            return Some(name);
        }
        let subject: Vec<Token> = tokens[..verb]
            .iter()
            .filter(|t| t.start >= clause_start)
            .copied()
            .collect();
        refers_to_one_person(subject_tail(&subject))
            .then(|| self.resolve_reference(p, tokens[verb].start))
            .flatten()
    }

    /// A quote in the same paragraph with a speaker lends it to its siblings
    /// without one ("…," he said. "…").
    fn sibling_quote_speaker(&self, p: usize, k: usize) -> Option<String> {
        let neighbours = [k.checked_sub(1), Some(k + 1)];
        neighbours
            .into_iter()
            .flatten()
            .filter_map(|j| self.spans[p].get(j))
            .find_map(|q| self.attribution(p, q))
    }

    /// The previous paragraph ends with a colon: "He said on X:".
    fn introduced_by_previous(&self, p: usize, q: &QuoteSpan) -> Option<String> {
        if p == 0 || self.paragraph(p)[..q.open].trim().len() > 1 {
            return None;
        }
        let prev = self.paragraph(p - 1).trim_end();
        if !prev.ends_with(':') {
            return None;
        }
        let (s, _) = self.sentence_at(p - 1, prev.len().saturating_sub(1));
        self.speaker_before(p - 1, s, prev.len())
    }

    /// A paragraph that is only a quote continues the previous quote's speaker.
    fn continuation(&self, p: usize, q: &QuoteSpan, earlier: &[QuoteMention]) -> Option<String> {
        let para = self.paragraph(p);
        let outside = para[..q.open].trim().len() + para[q.close..].trim().len();
        if outside > 2 {
            return None;
        }
        earlier
            .iter()
            .rev()
            .find(|m| m.span.paragraph + 1 >= p)
            .and_then(|m| m.speaker.clone())
    }

    fn names_in(&self, p: usize, from: usize, to: usize) -> impl Iterator<Item = &EntityMention> {
        self.entities.iter().filter(move |m| {
            m.span.paragraph == p
                && m.span.start >= from
                && m.span.end <= to
                && matches!(
                    m.kind,
                    EntityType::Person | EntityType::Org | EntityType::Other
                )
        })
    }

    /// The last person (else organisation) named in a range.
    fn last_entity_in(&self, p: usize, from: usize, to: usize) -> Option<String> {
        let names: Vec<&EntityMention> = self.names_in(p, from, to).collect();
        names
            .iter()
            .rev()
            .find(|m| m.kind == EntityType::Person)
            .or_else(|| names.last())
            .map(|m| m.name.clone())
    }

    fn first_entity_in(&self, p: usize, from: usize, to: usize) -> Option<String> {
        let names: Vec<&EntityMention> = self.names_in(p, from, to).collect();
        names
            .iter()
            .find(|m| m.kind == EntityType::Person)
            .or_else(|| names.first())
            .map(|m| m.name.clone())
    }

    /// "he", "the Ukrainian leader": the most recent person named outside
    /// quotation marks before `offset` in paragraph `p`.
    fn resolve_reference(&self, p: usize, offset: usize) -> Option<String> {
        let named = self
            .entities
            .iter()
            .filter(|m| m.kind == EntityType::Person)
            .filter(|m| m.span.paragraph < p || (m.span.paragraph == p && m.span.end <= offset))
            .rfind(|m| !self.inside_quote(m.span.paragraph, m.span.start))?;
        // An unnamed person introduced after the last named one ("One
        // soldier explained, …; he responded") is who the pronoun means.
        let from = if named.span.paragraph == p {
            named.span.end
        } else {
            0
        };
        let mut between = &self.paragraph(p)[from..offset.max(from)];
        // The named person's own sentence may describe them ("Karim Tahiri,
        // the governor of …, described …"): that is not a second person.
        if named.span.paragraph == p {
            if let Some(end) = between.find(['.', '!', '?']) {
                between = &between[end..];
            } else {
                between = "";
            }
        }
        (!mentions_unnamed_person(between)).then(|| named.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::find_entities;

    fn quotes(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
        let article = Article::from_paragraphs("a", paragraphs.iter().copied());
        let entities = find_entities(&article);
        find_quotes(&article, &entities)
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    #[test]
    fn speaker_after_the_quote_with_role_words() {
        let got = quotes(&["\"We will rebuild every school in the valley,\" provincial governor Maria Quispe said on Tuesday."]);
        assert_eq!(
            got,
            [(
                "We will rebuild every school in the valley".into(),
                Some("Maria Quispe".into())
            )]
        );
    }

    #[test]
    fn surname_resolves_to_full_name_and_pronoun_to_last_person() {
        let got = quotes(&[
            "Finance Minister Hamid Rahimi presented the plan.",
            "“The budget cannot absorb another shock,” Rahimi said.",
            "Later he spoke again. “We have a reserve for emergencies,” he said.",
        ]);
        assert_eq!(got[0].1.as_deref(), Some("Hamid Rahimi"));
        assert_eq!(got[1].1.as_deref(), Some("Hamid Rahimi"));
    }

    #[test]
    fn apposition_describes_the_named_speaker() {
        let got = quotes(&["Ana Ruiz, the mayor of the town, toured the damage. \"We have lost whole streets,\" she said."]);
        assert_eq!(got[0].1.as_deref(), Some("Ana Ruiz"));
        let got = quotes(&["Mayor Ana Ruiz toured the damage. One resident wept. \"We have lost whole streets,\" she said."]);
        assert_eq!(
            got[0].1, None,
            "a pronoun after an unnamed person stays unresolved"
        );
    }

    #[test]
    fn colon_introduced_and_continued_quotes() {
        let got = quotes(&[
            "Mayor Lena Fischer spoke to reporters. She said on the radio:",
            "\"The river has never been this high in living memory.\"",
            "\"We are asking everyone in the lower town to leave now.\"",
        ]);
        assert_eq!(got.len(), 2);
        assert!(
            got.iter()
                .all(|(_, s)| s.as_deref() == Some("Lena Fischer")),
            "{got:?}"
        );
    }

    #[test]
    fn verb_before_quote_and_scare_quotes_skipped() {
        let got = quotes(&["In a statement, Prime Minister Ana Lopes wrote, \"Our doors remain open to talks,\" calling the offer \"a good start\"."]);
        assert_eq!(
            got,
            [(
                "Our doors remain open to talks".into(),
                Some("Ana Lopes".into())
            )]
        );
    }
}
