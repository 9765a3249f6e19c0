//! Lines that carry metadata rather than news: a `date …` prefix, wire
//! datelines, bylines, stand-alone date lines and reporting credits.

use crate::dates::{find_date, parse_date};
use crate::rules::{at_most_words, ends_sentence, Words};
use crate::{regex, regex_for_few_lines};
use chrono::NaiveDate;
use regex::Regex;
use regex_automata::meta;
use std::sync::LazyLock;
use wire::{Found, Spans};

mod wire;

/// A `date 2025-01-13 KYIV: …` prefix, as some archives and scrapers write
/// in front of the lede.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MetadataPrefix {
    pub published: Option<NaiveDate>,
    pub dateline: Option<String>,
    /// The prefix as printed (trimmed), for the removed list.
    pub prefix: String,
    /// What follows the prefix: the start of the lede, possibly empty.
    pub rest: String,
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*(?i:date|dated|published|posted)\s*:?\s+(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*(?:(?P<place>\p{Lu}[\p{Lu}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{Lu}\p{M}.'’\-]*){0,3}(?:,\s*\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’\-]*){0,2})?)\s*:\s*)?",
    )
});

pub(crate) fn metadata_prefix(line: &str) -> Option<MetadataPrefix> {
    let caps = PREFIX.captures(line)?;
    let whole = caps.get(0)?;
    let published = caps.name("date").and_then(|d| parse_date(d.as_str()))?;
    Some(MetadataPrefix {
        published: Some(published),
        dateline: caps.name("place").map(|p| p.as_str().trim().to_string()),
        prefix: whole.as_str().trim().to_string(),
        rest: line[whole.end()..].trim().to_string(),
    })
}

/// A wire-style dateline opening the lede: `KYIV (Reuters) - `,
/// `WASHINGTON, Jan 12 (AP) — `, `SEOUL, South Korea — `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WireDateline {
    /// The place as printed, with its region: `SEOUL, South Korea`.
    pub place: String,
    /// The agency in parentheses, if any.
    pub wire: Option<String>,
    /// The dateline as printed, trimmed.
    pub printed: String,
    /// Byte length of the dateline and the separator after it.
    pub len: usize,
}

/// The dateline pattern; `city_words`, `region_words` and `wire_letters`
/// bound how many more words the city (`{0,3}`) and the region (`{0,2}`)
/// and how many more letters the wire's name (`{0,30}`) may have.
fn wire_dateline_pattern(city_words: &str, region_words: &str, wire_letters: &str) -> Regex {
    regex(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{Lu}}\p{{M}}'’.\-]+(?:\s+\p{{Lu}}[\p{{Lu}}\p{{M}}'’.\-]*){city_words}(?:,\s*\p{{Lu}}[\p{{L}}\p{{M}}'’.\-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}'’.\-]*){region_words})?)(?P<date>,?\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*(?:\((?P<wire>\p{{L}}[\p{{L}}\s.&/\-]{wire_letters})\))?\s*(?P<sep>[-–—]{{1,2}}|:)\s+"
    ))
}

/// The dateline pattern with its counts unbounded: copies of Unicode
/// letter classes made the bounded one the costliest regex to compile
/// (thirty for the wire's name alone, about 2% of a benchmark run). The
/// loose pattern matches all the bounded one does and prefers among them
/// in the same order, so a match within the bounds is the bounded
/// pattern's match too; only for one beyond them is the bounded pattern
/// asked (`within_bounds`). The loose one is matched by hand (`wire`);
/// the regex is built only for paragraphs over that walk's step budget,
/// and in the tests as its oracle.
static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| wire_dateline_pattern("*", "*", "*"));
/// The pattern as the rule states it.
static WIRE_DATELINE_BOUNDED: LazyLock<Regex> =
    LazyLock::new(|| wire_dateline_pattern("{0,3}", "{0,2}", "{0,30}"));
const CITY_MAX_WORDS: usize = 4;
const REGION_MAX_WORDS: usize = 3;
const WIRE_MAX_CHARS: usize = 31;

/// Whether a loose match keeps to the bounded pattern's counts. The words
/// of the place hold no spaces and no comma, so the words of the city
/// (before the one comma) and of the region (after it) are the spaces'.
fn within_bounds(paragraph: &str, spans: &Spans) -> bool {
    let place = paragraph.get(spans.place.clone()).unwrap_or("");
    let (city, region) = place.split_once(',').unwrap_or((place, ""));
    city.split_whitespace().count() <= CITY_MAX_WORDS
        && region.split_whitespace().count() <= REGION_MAX_WORDS
        && spans.wire.as_ref().is_none_or(|w| {
            paragraph
                .get(w.clone())
                .is_some_and(|w| w.chars().count() <= WIRE_MAX_CHARS)
        })
}

/// The groups of a dateline regex's match.
fn spans_of(caps: &regex::Captures<'_>) -> Option<Spans> {
    Some(Spans {
        end: caps.get(0)?.end(),
        place: caps.name("place")?.range(),
        date: caps.name("date").map(|m| m.range()),
        wire: caps.name("wire").map(|m| m.range()),
        sep: caps.name("sep")?.range(),
    })
}

/// All-caps words that open ledes without being places.
const NOT_PLACES: &[&str] = &[
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "WATCH",
    "LIVE",
    "CORRECTION",
    "EDITOR'S NOTE",
    "EDITORS NOTE",
    "FILE",
    "PHOTO",
    "VIDEO",
    "NEW",
    "URGENT",
    "FLASH",
    "ALERT",
    "NOTE",
    "WARNING",
    "FACT CHECK",
    "EXPLAINER",
    "REVIEW",
    "OK",
    "TV",
];

pub(crate) fn wire_dateline(paragraph: &str) -> Option<WireDateline> {
    let mut spans = match wire::find(paragraph) {
        Found::Match(spans) => spans,
        Found::NoMatch => return None,
        Found::Undecided => spans_of(&WIRE_DATELINE.captures(paragraph)?)?,
    };
    if !within_bounds(paragraph, &spans) {
        spans = spans_of(&WIRE_DATELINE_BOUNDED.captures(paragraph)?)?;
    }
    wire_dateline_of(paragraph, &spans)
}

fn wire_dateline_of(paragraph: &str, spans: &Spans) -> Option<WireDateline> {
    let whole = paragraph.get(..spans.end)?;
    let place = paragraph.get(spans.place.clone())?.trim();
    let city = place.split(',').next().unwrap_or(place).trim();
    if NOT_PLACES.contains(&city) || city.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let wire = match &spans.wire {
        Some(w) => Some(paragraph.get(w.clone())?.trim().to_string()),
        None => None,
    };
    let colon = paragraph.get(spans.sep.clone()) == Some(":");
    // "KYIV: …" alone is too weak (could be a label); with a wire it is not.
    if colon && wire.is_none() && spans.date.is_none() {
        return None;
    }
    Some(WireDateline {
        place: place.to_string(),
        wire,
        printed: whole.trim().to_string(),
        len: spans.end,
    })
}

/// A byline: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`,
/// `By JANE DOE | January 13, 2025`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    pub author: String,
    pub published: Option<NaiveDate>,
}

/// Lower-case words allowed inside a name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ben", "y",
];

/// Words that make a byline part an organisation or a role, not a person.
const ORG_WORDS: &[&str] = &[
    "reuters",
    "press",
    "agency",
    "news",
    "staff",
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "bureau",
    "times",
    "post",
    "journal",
    "afp",
    "ap",
    "bbc",
    "cnn",
    "desk",
    "team",
    "service",
    "wire",
    "media",
    "agencies",
    "contributor",
    "in",
];

pub(crate) fn byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?;
    if !at_most_words(line, 20) || ends_sentence(line) {
        return None;
    }
    // "By Jane Doe | Reuters | Jan 13, 2025": names first, then other fields.
    let mut fields = rest.split(['|', '·', '•', '—', '–']).map(str::trim);
    let names_field = fields.next()?;
    let mut published = fields.find_map(parse_date);
    let mut names = Vec::new();
    let mut parts = names_field.split(',').map(str::trim);
    for part in parts.by_ref() {
        let people: Vec<&str> = part
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .map(str::trim)
            .collect();
        if people.iter().all(|p| is_person_name(p)) {
            names.extend(people);
        } else {
            break;
        }
    }
    if names.is_empty() {
        return None;
    }
    if published.is_none() {
        published = parse_date(names_field);
    }
    let author = match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
        None => return None,
    };
    Some(Byline { author, published })
}

/// Capitalised words that start time phrases, not names ("By Tuesday Evening").
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
    "then",
    "now",
];

/// Two to five capitalised words (particles allowed), no digits, not an
/// organisation or a time: "Jane Doe", "Ursula von der Leyen", "JANE DOE".
fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| TIME_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return false;
    }
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let capitalised = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
            capitalised || NAME_PARTICLES.contains(w)
        })
        && !words
            .iter()
            .any(|w| ORG_WORDS.contains(&w.trim_matches('.').to_lowercase().as_str()))
}

/// A stand-alone date line near the top: `Published 13 January 2025`,
/// `Mon 13 Jan 2025 10.32 GMT`, `Updated: January 14, 2025 5:00 pm ET`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateLine {
    /// `None` for "updated" lines: a modification date is not publication.
    pub published: Option<NaiveDate>,
    pub updated: bool,
}

/// Labels opening a date line, lowercase, in the languages the date walk
/// reads labels in (`meta::labels`): an update label says the date is not
/// publication.
const UPDATE_LABELS: &[&str] = &[
    "last updated",
    "updated",
    "modified",
    "zuletzt aktualisiert",
    "aktualisiert",
    "geändert",
    "stand",
    "mise à jour",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "atualizado",
    "bijgewerkt",
    "gewijzigd",
    "zaktualizowano",
    "обновлено",
    "수정",
    "更新",
];
const PUBLISHED_LABELS: &[&str] = &[
    "first published",
    "published",
    "posted",
    "date",
    "dated",
    "veröffentlicht",
    "veroeffentlicht",
    "erschienen",
    "publiziert",
    "erstellt",
    "datum",
    "publié",
    "publie",
    "mise en ligne",
    "mis en ligne",
    "publicado",
    "pubblicato",
    "gepubliceerd",
    "geplaatst",
    "opublikowano",
    "опубликовано",
    "дата публикации",
    "дата",
    "입력",
    "게시",
    "발행",
    "등록",
    "发布时间",
    "发布",
    "公開日",
    "投稿日",
];
/// Words between a label and its date: `Published on`, `Veröffentlicht am`.
const LABEL_PREPOSITIONS: &[&str] = &[
    "on", "at", "am", "vom", "le", "el", "em", "il", "op", "dnia",
];

/// `line` after a leading `word` (lowercase), matched without regard to
/// case and ending at a space, colon, comma, full stop or the line's end.
fn after_word<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let mut chars = line.chars();
    for w in word.chars() {
        let c = chars.next()?;
        if c != w && !c.to_lowercase().eq(std::iter::once(w)) {
            return None;
        }
    }
    let rest = chars.as_str();
    match rest.chars().next() {
        Some(c) if !c.is_whitespace() && !matches!(c, ':' | '：' | ',' | '.') => None,
        _ => Some(rest),
    }
}

/// The label opening a date line, the longest that fits: whether it says
/// update, and the text after it, its preposition and colon. Plain
/// comparisons, not a regex: eleven languages' words under `(?i)` cost
/// more to compile than every page's date lines to read.
fn date_label(line: &str) -> Option<(bool, &str)> {
    let labels = UPDATE_LABELS
        .iter()
        .map(|l| (true, l))
        .chain(PUBLISHED_LABELS.iter().map(|l| (false, l)));
    let (updated, rest) = labels
        .filter_map(|(updated, label)| Some((updated, after_word(line, label)?)))
        .min_by_key(|(_, rest)| rest.len())?;
    let mut rest = rest.trim_start_matches([':', '：', ',', '.']).trim_start();
    if let Some(after) = LABEL_PREPOSITIONS.iter().find_map(|p| after_word(rest, p)) {
        rest = after.trim_start();
    }
    Some((updated, rest.trim_start_matches([':', '：']).trim_start()))
}

/// Words allowed around a date on a date line: weekdays, times (`10:15`,
/// `10h15`, `um 10:15 Uhr`, `à 10h15`, `a las 10:15`), zones. The time
/// words take a separator before and after them ("atom" is not "at" +
/// "om") rather than `\b`: a Unicode `\b` sends the lazy DFA to a slower
/// engine on any non-ASCII line. Anchored, so built without a prefilter.
static DATE_LINE_REST: LazyLock<meta::Regex> = LazyLock::new(|| {
    regex_for_few_lines(
        r"(?i)^(?:[\s,|·•/–—\-]|\d{1,2}[:.]\d{2}(?::\d{2})?|\d{1,2}|[ap]\.?m\.?|at|on|gmt|utc|bst|cet|cest|eet|est|edt|cst|cdt|pst|pdt|et|pt|kst|jst|ist|msk|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[+\-]\d{2}:?\d{2}|[0-9]{1,2} ?h(?: ?[0-9]{2})?(?-u:\b)|[\s,]+(?:à|às|um|uhr|alle|ore|om|o|a las|a la|в|hrs?|오전|오후|上午|下午)(?:[\s,]|$))*$",
    )
});

pub(crate) fn date_line(line: &str, words: Words) -> Option<DateLine> {
    let line = line.trim();
    if !words.at_most(14) {
        return None;
    }
    let (updated, body) = date_label(line).unwrap_or((false, line));
    let (date, range) = find_date(body)?;
    let around = format!("{} {}", &body[..range.start], &body[range.end..]);
    if !DATE_LINE_REST.is_match(&around) {
        return None;
    }
    Some(DateLine {
        published: (!updated).then_some(date),
        updated,
    })
}

/// Built without a prefilter (it is anchored, and its case-insensitive
/// words made literal extraction most of its build); the agency
/// boundary is ASCII, as a Unicode `\b` sends the lazy DFA to a slower
/// engine on any non-ASCII line.
static CREDIT: LazyLock<meta::Regex> = LazyLock::new(|| {
    regex_for_few_lines(
        r"^\(?\s*(?:(?i:(?:additional\s+)?(?:reporting|writing|editing|research|compiled|produced|translated|translation|graphics|photos?|video|fact-checking)(?:\s+and\s+\w+)?\s+by)|(?i:mitarbeit|recherche|übersetzung|redaktion|text|fotos?|bilder|rédaction|traduction|textes?|redacción|traducción|edición|texto|reportaje)\s*:|(?i:mit material (?:von|der|des)|(?:con )?información de))\s+(?:\p{Lu}|(?:dpa|afp|kna|epd|sid|apa)(?-u:\b))",
    )
});

/// `Reporting by Tom Balmforth; Editing by Mark Heinrich`: the wire's
/// production credits, printed after the story; in German, French and
/// Spanish the word and a colon (`Mitarbeit: Anna Roth`, `Fotos: Jonas
/// Berg`), and the agency phrases (`Mit Material von dpa`, `Con
/// información de Reuters`): a word and a preposition alone is also a
/// headline's start ("Bilder von Nordkorea …").
pub(crate) fn is_credit_line(line: &str, words: Words) -> bool {
    words.at_most(40) && CREDIT.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Places of any number of words, wires of any length: the loose
        /// pattern first finds what the bounded pattern finds.
        #[test]
        fn loose_wire_dateline_is_the_bounded_one(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "KYIV", "NEW", "YORK", "São", "PAULO", "Ä", "É\u{301}", " ", "  ", ",", ", ",
                    "South", "Korea", "Jan", "12", ", 2025", "(", ")", "Reuters", "Associated Press",
                    "Agence France-Presse Staff Writers Desk", "a", " - ", " — ", ": ", "–", "x.",
                    "\u{a0}", "O’", "-",
                ]),
                0..16,
            ),
        ) {
            let s = pieces.concat();
            let by_bounded = WIRE_DATELINE_BOUNDED
                .captures(&s)
                .and_then(|caps| wire_dateline_of(&s, &spans_of(&caps)?));
            proptest::prop_assert_eq!(wire_dateline(&s), by_bounded, "{:?}", s);
        }

        /// Datelines shaped as the pattern reads them, with up to six city
        /// and five region words and wires up to 41 letters.
        #[test]
        fn loose_wire_dateline_is_the_bounded_one_on_datelines(
            s in "[A-ZÄ][A-Z.'-]{1,4}( {1,2}[A-Z][A-Z]{0,3}){0,5}(, ?[A-Z][a-zé]{0,4}( [A-Z][a-z]{0,4}){0,4})?(,? Jan 12)?( ?\\([A-Za-z][A-Za-z .&/-]{0,40}\\))? ?(-|—|:) x",
        ) {
            let by_bounded = WIRE_DATELINE_BOUNDED
                .captures(&s)
                .and_then(|caps| wire_dateline_of(&s, &spans_of(&caps)?));
            proptest::prop_assert_eq!(wire_dateline(&s), by_bounded, "{:?}", s);
        }
    }

    #[test]
    fn places_and_wires_beyond_the_bounds() {
        for s in [
            "NEW YORK CITY AREA — x",
            "NEW YORK CITY AREA NORTH — x",
            "SEOUL, South Korea — x",
            "SEOUL, South Korea Capital Area — x",
            "KYIV (Agence France-Presse Staff Writers Desk) - x",
            "KYIV (Reuters) - x",
        ] {
            let by_bounded = WIRE_DATELINE_BOUNDED
                .captures(s)
                .and_then(|caps| wire_dateline_of(s, &spans_of(&caps)?));
            assert_eq!(wire_dateline(s), by_bounded, "{s}");
        }
    }

    #[test]
    fn metadata_prefix_with_and_without_dateline() {
        let p = metadata_prefix(" date 2025-01-13 KYIV: Ukraine’s President said.").unwrap();
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-13")
        );
        assert_eq!(p.dateline.as_deref(), Some("KYIV"));
        assert_eq!(p.prefix, "date 2025-01-13 KYIV:");
        assert_eq!(p.rest, "Ukraine’s President said.");
        let p =
            metadata_prefix("Published: 2024-12-01T10:00:00Z Officials said on Monday.").unwrap();
        assert_eq!(p.dateline, None);
        assert_eq!(p.rest, "Officials said on Monday.");
        let p = metadata_prefix("date 2025-01-13 NEW YORK, N.Y.: Text").unwrap();
        assert_eq!(p.dateline.as_deref(), Some("NEW YORK, N.Y."));
        assert!(metadata_prefix("date night in Paris was fun.").is_none());
        assert!(metadata_prefix("date 2025-02-30 X").is_none());
    }

    #[test]
    fn wire_datelines() {
        let cases = [
            (
                "KYIV (Reuters) - Ukraine said",
                "KYIV",
                Some("Reuters"),
                "Ukraine said",
            ),
            (
                "WASHINGTON, Jan 12 (AP) — The",
                "WASHINGTON",
                Some("AP"),
                "The",
            ),
            (
                "SEOUL, South Korea — North",
                "SEOUL, South Korea",
                None,
                "North",
            ),
            (
                "NEW DELHI, Jan. 5 (AFP): India",
                "NEW DELHI",
                Some("AFP"),
                "India",
            ),
        ];
        for (text, place, wire, rest) in cases {
            let d = wire_dateline(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(d.place, place);
            assert_eq!(d.wire.as_deref(), wire);
            assert_eq!(&text[d.len..], rest);
        }
        for text in [
            "BREAKING — Something happened.",
            "Ukraine’s President said.",
            "KYIV: a label, not a dateline",
            "NATO allies agreed - on Monday - to",
            "I — the author",
        ] {
            assert!(wire_dateline(text).is_none(), "{text}");
        }
    }

    #[test]
    fn bylines() {
        let b = |s| byline(s).map(|b| b.author);
        assert_eq!(b("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            b("By Jane Doe and John Roe, Reuters").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            b("By Jane Doe, John Roe and Ann Poe").as_deref(),
            Some("Jane Doe, John Roe and Ann Poe")
        );
        assert_eq!(
            b("BY JANE DOE | Associated Press").as_deref(),
            Some("JANE DOE")
        );
        assert_eq!(
            b("By Ursula von der Leyen").as_deref(),
            Some("Ursula von der Leyen")
        );
        let dated = byline("By Jane Doe | January 13, 2025").unwrap();
        assert_eq!(
            dated.published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-13")
        );
        for s in [
            "By Sunday Evening, the troops had left.",
            "By the way",
            "By Reuters",
            "By Tuesday Evening",
            "By 2030 emissions must fall",
            "Byline Jane Doe",
        ] {
            assert_eq!(b(s), None, "{s}");
        }
    }

    #[test]
    fn date_lines() {
        let d =
            |s| date_line(s, Words::of(s)).map(|d| (d.published.map(|p| p.to_string()), d.updated));
        let published = Some((Some("2025-01-13".to_string()), false));
        assert_eq!(d("Published 13 January 2025"), published);
        assert_eq!(d("Mon 13 Jan 2025 10.32 GMT"), published);
        assert_eq!(d("January 13, 2025 at 5:00 p.m. ET"), published);
        assert_eq!(d("Updated: January 14, 2025"), Some((None, true)));
        assert_eq!(d("On January 13, 2025 the army said"), None);
        assert_eq!(d("Kyiv, 13 January 2025"), None);
    }

    /// Labels in the languages the date walk reads, with their
    /// prepositions and full-width colons; an update label is never
    /// publication, and a label followed by more than a date is no line.
    #[test]
    fn date_lines_in_other_languages() {
        let d =
            |s| date_line(s, Words::of(s)).map(|d| (d.published.map(|p| p.to_string()), d.updated));
        let published = Some((Some("2024-03-12".to_string()), false));
        assert_eq!(d("Veröffentlicht am 12. März 2024"), published);
        assert_eq!(d("Datum: 12.03.2024, 10:15"), published);
        assert_eq!(d("Publié le 12 mars 2024"), published);
        assert_eq!(d("Publicado el 12 de marzo de 2024"), published);
        assert_eq!(d("Опубликовано: 12 марта 2024"), published);
        assert_eq!(d("Дата публикации: 12.03.2024"), published);
        assert_eq!(d("입력 2024년 3월 12일"), published);
        assert_eq!(d("发布时间：2024年3月12日"), published);
        assert_eq!(d("Publié le 12 mars 2024 à 10h15"), published);
        assert_eq!(d("Veröffentlicht am 12.03.2024 um 10:15 Uhr"), published);
        assert_eq!(d("Publicado el 12 de marzo de 2024 a las 10:15"), published);
        assert_eq!(d("Pubblicato il 12 marzo 2024 alle 10:15"), published);
        assert_eq!(d("Опубликовано: 12 марта 2024 в 10:15"), published);
        assert_eq!(d("입력 2024년 3월 12일 오후 3:15"), published);
        // Time words are whole words: "atom" is not "at" + "om".
        assert_eq!(d("Published 12 March 2024 atom"), None);
        assert_eq!(d("Aktualisiert am 12.03.2024"), Some((None, true)));
        assert_eq!(d("Stand: 12.03.2024"), Some((None, true)));
        assert_eq!(d("Обновлено: 12 марта 2024"), Some((None, true)));
        assert_eq!(d("수정 2024년 3월 12일"), Some((None, true)));
        assert_eq!(
            d("Veröffentlicht am 12. März 2024 von der Stadt Tomsk"),
            None
        );
    }

    #[test]
    fn credit_lines() {
        let credit = |s| is_credit_line(s, Words::of(s));
        assert!(credit(
            "Reporting by Tom Balmforth; Editing by Mark Heinrich"
        ));
        assert!(credit("(Additional reporting by Jane Doe in Seoul)"));
        assert!(!credit(
            "Reporting by the BBC suggested otherwise, officials said."
        ));
        assert!(credit("Mitarbeit: Antonio Gutierrez"));
        assert!(credit("Mit Material von dpa und AFP"));
        assert!(credit("Text: Maria Huber / Fotos: Jonas Berg"));
        assert!(credit("Rédaction : Claire Martin"));
        assert!(credit("Con información de Reuters y EFE"));
        // The word alone is prose, and so is a lowercase continuation.
        assert!(!credit("Recherche ist die Grundlage jeder Geschichte."));
        assert!(!credit("Text: see the full statement below."));
        assert!(!credit("Bilder des Diktators von Nordkorea veröffentlicht"));
        assert!(!credit("Fotos von Nordkorea zeigen neue Raketen"));
    }
}
