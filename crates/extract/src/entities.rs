//! Named-entity mentions by rule: runs of capitalised words, trimmed of
//! titles and sentence-initial words, split at demonyms, and typed from
//! cues in and around the run (titles, role nouns, organisation head words,
//! place suffixes, a small gazetteer of countries and cities).
//!
//! Merging spellings across articles is not done here but in
//! `concord-corroborate`; this module only reports what each article says.

use crate::gazetteer::{
    country_for, country_for_key, is_city_key, CAPITALISED_ADJECTIVES, HONORIFICS, LOCATIVE_HEADS,
    LOCATIVE_SUFFIXES, PERSON_TITLES,
};
use crate::word_index as lists;
use concord_model::{Article, EntityMention, EntityType, Span};
use concord_text::{name_key, ArticleTokens, TextTokens, Token, TokenKind};
use std::collections::HashSet;

mod full_names;

pub use full_names::fullest_name;
use full_names::FullNames;

/// Lower-case particles that may stand inside a name ("Bank of England").
const NAME_PARTICLES: &[&str] = &[
    "of", "for", "de", "del", "da", "van", "von", "der", "bin", "al",
];

/// Every entity mention in the article's body, in reading order.
pub fn find_entities(article: &Article) -> Vec<EntityMention> {
    find_entities_in(&ArticleTokens::new(None, &article.body_paragraphs))
}

/// [`find_entities`] from the article's tokens, when the caller has them
/// already (only the paragraphs are read).
pub fn find_entities_in(article: &ArticleTokens<'_>) -> Vec<EntityMention> {
    let lowercase_words = lowercase_vocabulary(&article.paragraphs);
    let mut out = Vec::new();
    for (p, para) in article.paragraphs.iter().enumerate() {
        let ctx = Paragraph::new(p, para, &lowercase_words);
        for run in capitalised_runs(ctx.tokens) {
            ctx.mentions_in_run(run, &mut out);
        }
    }
    // "Zelensky" alone is a person once the article names "Volodymyr Zelensky".
    let lone: Vec<usize> = (0..out.len())
        .filter(|&k| out[k].kind == EntityType::Other && !out[k].name.contains(' '))
        .collect();
    if lone.is_empty() {
        return out;
    }
    let people = FullNames::new(&out);
    let to_person: Vec<usize> = lone
        .into_iter()
        .filter(|&k| people.fullest(&out[k].name) != out[k].name)
        .collect();
    for k in to_person {
        out[k].kind = EntityType::Person;
    }
    out
}

/// Words the article prints in lower case: a sentence-initial capitalised
/// word that also appears in lower case is an ordinary word, not a name.
fn lowercase_vocabulary<'a>(paragraphs: &[TextTokens<'a>]) -> HashSet<&'a str> {
    paragraphs
        .iter()
        .flat_map(|p| &p.tokens)
        .filter(|t| t.kind == TokenKind::Word && t.text.starts_with(|c: char| c.is_lowercase()))
        .map(|t| t.text)
        .collect()
}

/// Split a possessive ending off a token: ("Zelensky", true) for "Zelensky's".
fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

fn is_capitalised_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.is_capitalized() && !lists::CALENDAR_WORDS.contains(t.text)
}

/// Maximal runs of capitalised words (with inner particles), as token ranges.
/// A possessive ends a run: "Russia's Kursk" is two runs.
fn capitalised_runs(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_capitalised_word(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if strip_possessive(tokens[end - 1].text).1 {
                break;
            }
            match tokens.get(end) {
                Some(t) if is_capitalised_word(t) => end += 1,
                Some(t)
                    if NAME_PARTICLES.contains(&t.text)
                        && tokens.get(end + 1).is_some_and(is_capitalised_word) =>
                {
                    end += 2
                }
                // "Bank of the Philippines", "Red Cross and Red Crescent".
                Some(t)
                    if matches!(t.text, "of" | "and" | "&")
                        && tokens.get(end + 1).is_some_and(|x| x.text == "the")
                        && tokens.get(end + 2).is_some_and(is_capitalised_word) =>
                {
                    end += 3
                }
                Some(t)
                    if matches!(t.text, "and" | "&")
                        && tokens.get(end + 1).is_some_and(is_capitalised_word) =>
                {
                    end += 2
                }
                _ => break,
            }
        }
        runs.push(start..end);
        i = end;
    }
    runs
}

/// Closed-class words that are never the start of a name, wherever they stand.
fn is_function_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    // Honorifics are stopwords for comparison, but they belong to the name.
    !HONORIFICS.contains(&word) && concord_text::is_stopword(&lower)
        || matches!(
            lower.as_str(),
            "neither"
                | "either"
                | "both"
                | "however"
                | "meanwhile"
                | "although"
                | "though"
                | "whether"
                | "because"
                | "unlike"
                | "despite"
                | "while"
                | "yet"
                | "nor"
        )
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_name_shaped(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !is_acronym(word)
}

/// One paragraph's tokens and what is needed to judge runs inside it.
struct Paragraph<'a> {
    index: usize,
    text: &'a str,
    tokens: &'a [Token<'a>],
    sentence_starts: HashSet<usize>,
    lowercase_words: &'a HashSet<&'a str>,
}

impl<'a> Paragraph<'a> {
    fn new(index: usize, para: &'a TextTokens<'a>, lowercase_words: &'a HashSet<&'a str>) -> Self {
        let (text, tokens) = (para.text, para.tokens.as_slice());
        // A token opens a sentence when only punctuation (quotes, brackets)
        // stands between it and the sentence start.
        let mut sentence_starts = HashSet::new();
        for &(s, _) in &para.sentences {
            if let Some(t) = tokens
                .iter()
                .find(|t| t.start >= s && t.kind != TokenKind::Punct)
            {
                sentence_starts.insert(t.start);
            }
        }
        Paragraph {
            index,
            text,
            tokens,
            sentence_starts,
            lowercase_words,
        }
    }

    fn is_sentence_initial(&self, i: usize) -> bool {
        self.sentence_starts.contains(&self.tokens[i].start)
    }

    /// Trim, split and type one run, pushing zero or more mentions.
    fn mentions_in_run(&self, run: std::ops::Range<usize>, out: &mut Vec<EntityMention>) {
        // "Moscow and Pyongyang" is two names; "Red Cross and Red Crescent
        // Societies" is one organisation.
        if let Some(k) = run
            .clone()
            .find(|&k| matches!(self.tokens[k].text, "and" | "&"))
        {
            let org = self.tokens[run.clone()]
                .iter()
                .any(|t| lists::ORG_WORDS.contains(t.text));
            if !org {
                self.mentions_in_run(run.start..k, out);
                self.mentions_in_run(k + 1..run.end, out);
                return;
            }
        }
        let mut start = run.start;
        let end = run.end;
        // Sentence-initial ordinary words: "The", "Captured", "Alternatively".
        if self.is_sentence_initial(start) {
            let word = self.tokens[start].text;
            let lower = word.to_lowercase();
            let key = name_key(word);
            let known = country_for_key(&key).is_some()
                || is_city_key(&key)
                || lists::WIRE_SERVICES.contains(word);
            if !known
                && (lists::SENTENCE_STARTERS.contains(word)
                    || self.lowercase_words.contains(lower.as_str()))
            {
                start += 1;
            }
        }
        // Capitalised function words open runs mid-sentence too, after a
        // boundary the splitter could not see ("on X. Neither Moscow nor…").
        let whole: Vec<&str> = self.tokens[start..end].iter().map(|t| t.text).collect();
        let whole_key = name_key(&whole.join(" "));
        let in_gazetteer = is_city_key(&whole_key) || country_for_key(&whole_key).is_some();
        while start < end
            && !in_gazetteer
            && (is_function_word(self.tokens[start].text)
                || NAME_PARTICLES.contains(&self.tokens[start].text))
        {
            start += 1;
        }
        let mut person_cue = false;
        let mut honorific_at = None;
        while start < end {
            // A leading demonym or country before more name words is its own
            // mention ("North Korean leader…", "Russian President Putin"),
            // unless the rest is an organisation named after it.
            let rest_is_org = self.tokens[start..end]
                .iter()
                .any(|t| lists::ORG_WORDS.contains(t.text));
            if let Some(n) = self.leading_country(start, end) {
                if start + n < end && !rest_is_org {
                    self.push(start, start + n, EntityType::Location, None, out);
                    start += n;
                    continue;
                }
            }
            let word = strip_possessive(self.tokens[start].text).0;
            let adjective = CAPITALISED_ADJECTIVES.contains(&word) && !rest_is_org;
            let title =
                PERSON_TITLES.contains(&word) && (!rest_is_org || HONORIFICS.contains(&word));
            if start + 1 < end && (title || adjective) {
                person_cue |= PERSON_TITLES.contains(&word);
                if HONORIFICS.contains(&word) {
                    honorific_at = Some(start);
                }
                start += 1;
                continue;
            }
            break;
        }
        if start >= end {
            return;
        }
        let words: Vec<&str> = self.tokens[start..end]
            .iter()
            .map(|t| strip_possessive(t.text).0)
            .collect();
        if words.len() == 1 {
            let w = words[0];
            if w.chars().count() < 2 || w == "I" || CAPITALISED_ADJECTIVES.contains(&w) {
                return;
            }
            // A lone sentence-initial word the article never uses as a name
            // mid-sentence is too weak to report.
            if self.is_sentence_initial(start)
                && self.lowercase_words.contains(w.to_lowercase().as_str())
                && country_for(w).is_none()
            {
                return;
            }
        }
        let acronym = self.acronym_after(end);
        let kind = self.entity_type(start, end, &words, person_cue, acronym.is_some());
        let mention_start = honorific_at.unwrap_or(start);
        self.push_with_surface(mention_start, start, end, kind, acronym, out);
    }

    /// How many tokens at `start` name a country or its people (1 or 2).
    fn leading_country(&self, start: usize, end: usize) -> Option<usize> {
        for n in [3, 2, 1] {
            if start + n > end {
                continue;
            }
            let words: Vec<&str> = self.tokens[start..start + n]
                .iter()
                .map(|t| strip_possessive(t.text).0)
                .collect();
            if country_for(&words.join(" ")).is_some() {
                return Some(n);
            }
        }
        None
    }

    /// "(ABC)" right after a run defines an acronym for it.
    fn acronym_after(&self, end: usize) -> Option<String> {
        let open = self.tokens.get(end)?;
        let word = self.tokens.get(end + 1)?;
        let close = self.tokens.get(end + 2)?;
        (open.text == "(" && close.text == ")" && is_acronym(word.text))
            .then(|| word.text.to_string())
    }

    fn entity_type(
        &self,
        start: usize,
        end: usize,
        words: &[&str],
        person_cue: bool,
        has_acronym: bool,
    ) -> EntityType {
        let name = words.join(" ");
        let last = words.last().copied().unwrap_or_default();
        let next_lower = self.tokens.get(end).map(|t| t.text.to_lowercase());
        if lists::WIRE_SERVICES.contains(&name) || lists::INSTITUTIONS.contains(&name) {
            return EntityType::Org;
        }
        if LOCATIVE_HEADS.contains(&last)
            || next_lower
                .as_deref()
                .is_some_and(|w| LOCATIVE_SUFFIXES.contains(&w))
        {
            return EntityType::Location;
        }
        if words.iter().any(|w| lists::ORG_WORDS.contains(w)) {
            return EntityType::Org;
        }
        let key = name_key(&name);
        if country_for_key(&key).is_some() || is_city_key(&key) {
            return EntityType::Location;
        }
        if person_cue || self.role_before(start) || self.role_after(end) {
            return EntityType::Person;
        }
        if self.place_cue(start, words) {
            return EntityType::Location;
        }
        if has_acronym || (words.len() == 1 && is_acronym(last)) {
            return EntityType::Org;
        }
        if (2..=4).contains(&words.len()) && words.iter().all(|w| is_name_shaped(w)) {
            return EntityType::Person;
        }
        EntityType::Other
    }

    /// "in Al Hoceima", "near Imzouren", "High Atlas", "North Africa".
    fn place_cue(&self, start: usize, words: &[&str]) -> bool {
        const PLACE_PREPOSITIONS: &[&str] = &[
            "in",
            "near",
            "outside",
            "around",
            "across",
            "across",
            "towards",
            "toward",
            "inside",
            "throughout",
            "nearby",
        ];
        const PLACE_PREFIXES: &[&str] = &[
            "North", "South", "East", "West", "Central", "Upper", "Lower", "High", "Greater",
            "Northern", "Southern", "Eastern", "Western",
        ];
        let before = start
            .checked_sub(1)
            .map(|j| self.tokens[j].text.to_lowercase());
        let after_preposition = before
            .as_deref()
            .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w));
        let prefixed = words.len() > 1 && PLACE_PREFIXES.contains(&words[0]);
        after_preposition || prefixed
    }

    /// "spokesperson Dmitry Peskov", "leader Kim Jong Un".
    fn role_before(&self, start: usize) -> bool {
        start > 0
            && lists::PERSON_ROLES.contains(self.tokens[start - 1].text.to_lowercase().as_str())
    }

    /// "Lee Seong-kweun, a lawmaker on …", "Jane Doe, the company's chief".
    fn role_after(&self, end: usize) -> bool {
        let Some(comma) = self.tokens.get(end) else {
            return false;
        };
        if comma.text != "," {
            return false;
        }
        self.tokens[end + 1..]
            .iter()
            .take(5)
            .take_while(|t| t.kind != TokenKind::Punct)
            .any(|t| lists::PERSON_ROLES.contains(t.text.to_lowercase().as_str()))
    }

    fn push(
        &self,
        start: usize,
        end: usize,
        kind: EntityType,
        acronym: Option<String>,
        out: &mut Vec<EntityMention>,
    ) {
        self.push_with_surface(start, start, end, kind, acronym, out);
    }

    /// Push a mention named by tokens `name_start..end`, printed from `surface_start`.
    fn push_with_surface(
        &self,
        surface_start: usize,
        name_start: usize,
        end: usize,
        kind: EntityType,
        acronym: Option<String>,
        out: &mut Vec<EntityMention>,
    ) {
        let last = &self.tokens[end - 1];
        let trimmed_end = last.start + strip_possessive(last.text).0.len();
        let surface_from = self.tokens[surface_start].start;
        let name_from = self.tokens[name_start].start;
        let raw_name = &self.text[name_from..trimmed_end];
        // Demonyms stand for their country: "North Korean" → "North Korea".
        let name = match (kind, country_for(raw_name)) {
            (EntityType::Location, Some(country)) => country.to_string(),
            _ => raw_name.to_string(),
        };
        out.push(EntityMention {
            name,
            surface: self.text[surface_from..trimmed_end].to_string(),
            kind,
            span: Span {
                paragraph: self.index,
                start: surface_from,
                end: trimmed_end,
            },
            acronym,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Article {
        Article::from_paragraphs("a", paragraphs.iter().copied())
    }

    fn found(paragraphs: &[&str]) -> Vec<(String, EntityType)> {
        find_entities(&article(paragraphs))
            .into_iter()
            .map(|m| (m.name, m.kind))
            .collect()
    }

    #[test]
    fn titles_and_demonyms_are_split_off_people() {
        let got = found(&[
            "Brazilian President Luiz Inacio Lula da Silva met Chilean leader Gabriel Boric.",
        ]);
        assert!(
            got.contains(&("Brazil".into(), EntityType::Location)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Luiz Inacio Lula da Silva".into(), EntityType::Person)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Gabriel Boric".into(), EntityType::Person)),
            "{got:?}"
        );
    }

    #[test]
    fn organisations_with_acronyms_and_places_with_suffixes() {
        let ms = find_entities(&article(&[
            "The Federal Emergency Management Agency (FEMA) sent teams to the Lagos region and Kherson Oblast.",
        ]));
        let fema = ms
            .iter()
            .find(|m| m.name == "Federal Emergency Management Agency");
        assert_eq!(
            fema.map(|m| (m.kind, m.acronym.clone())),
            Some((EntityType::Org, Some("FEMA".into())))
        );
        assert!(ms
            .iter()
            .any(|m| m.name == "FEMA" && m.kind == EntityType::Org));
        assert!(ms
            .iter()
            .any(|m| m.name == "Kherson Oblast" && m.kind == EntityType::Location));
        assert!(ms
            .iter()
            .any(|m| m.name == "Lagos" && m.kind == EntityType::Location));
    }

    #[test]
    fn honorific_kept_in_surface_not_name() {
        let ms = find_entities(&article(&["Officials met on Friday, Mrs Okafor said."]));
        let m = ms.iter().find(|m| m.name == "Okafor");
        assert_eq!(m.map(|m| m.surface.as_str()), Some("Mrs Okafor"));
        assert_eq!(m.map(|m| m.kind), Some(EntityType::Person));
    }

    #[test]
    fn sentence_initial_common_words_are_not_entities() {
        let got = found(&[
            "Captured fighters were moved. Meanwhile the captured men rested. Rescuers said.",
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn role_words_type_people() {
        let got = found(&[
            "\"No comment,\" Kremlin spokesperson Anna Volkova said.",
            "Park Ji-hoon, a lawmaker on the committee, agreed.",
        ]);
        assert!(
            got.contains(&("Anna Volkova".into(), EntityType::Person)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Kremlin".into(), EntityType::Org)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Park Ji-hoon".into(), EntityType::Person)),
            "{got:?}"
        );
    }

    #[test]
    fn short_names_resolve_to_the_full_name() {
        let ms = find_entities(&article(&[
            "Park Ji-hoon, a lawmaker, spoke. Minister Ana Souza replied.",
            "Park said more. Souza left.",
        ]));
        assert_eq!(fullest_name("Park", &ms), "Park Ji-hoon");
        assert_eq!(fullest_name("Souza", &ms), "Ana Souza");
        assert_eq!(fullest_name("Nobody", &ms), "Nobody");
    }
}
