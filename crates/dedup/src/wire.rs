//! A gazetteer of wire services and syndicating agencies, and the choice of
//! a syndication group's origin from the agencies its copy names.

use concord_text::{name_key, tokenize, Token, TokenKind};
use std::collections::HashSet;
use std::sync::OnceLock;

/// One agency: the name we report, the names it goes by in running text,
/// and short tags that are only trusted in a dateline or byline, or in
/// parentheses as in "OTTAWA (CP) —", because as bare words they mean other
/// things ("PA" is Pennsylvania, "TT" a car, "MENA" a region).
struct Agency {
    name: &'static str,
    names: &'static [&'static str],
    tags: &'static [&'static str],
}

/// Alias words written in capitals or all in lowercase ("AFP", "dpa") must
/// match exactly; capitalised words ("Reuters") match in any case that starts
/// with a capital ("REUTERS") and regardless of diacritics ("Agência").
#[rustfmt::skip]
const AGENCIES: &[Agency] = &[
    Agency { name: "Reuters", names: &["Reuters", "Thomson Reuters"], tags: &[] },
    Agency { name: "Associated Press", names: &["Associated Press", "AP"], tags: &[] },
    Agency { name: "AFP", names: &["AFP", "Agence France-Presse", "Agence France Presse"], tags: &[] },
    Agency { name: "Bloomberg", names: &["Bloomberg News", "Bloomberg"], tags: &[] },
    Agency { name: "dpa", names: &["dpa", "DPA", "Deutsche Presse-Agentur"], tags: &[] },
    Agency { name: "EFE", names: &["EFE", "Agencia EFE"], tags: &[] },
    Agency { name: "ANSA", names: &["ANSA"], tags: &[] },
    Agency { name: "Kyodo", names: &["Kyodo News", "Kyodo"], tags: &[] },
    Agency { name: "Jiji Press", names: &["Jiji Press", "Jiji"], tags: &[] },
    Agency { name: "Yonhap", names: &["Yonhap"], tags: &[] },
    Agency { name: "Xinhua", names: &["Xinhua"], tags: &[] },
    Agency { name: "TASS", names: &["TASS", "Tass", "ITAR-TASS"], tags: &[] },
    Agency { name: "RIA Novosti", names: &["RIA Novosti", "RIA"], tags: &[] },
    Agency { name: "Interfax", names: &["Interfax"], tags: &[] },
    Agency { name: "Ukrinform", names: &["Ukrinform"], tags: &[] },
    Agency { name: "Anadolu Agency", names: &["Anadolu Agency", "Anadolu"], tags: &["AA"] },
    Agency { name: "PTI", names: &["PTI", "Press Trust of India"], tags: &[] },
    Agency { name: "ANI", names: &["ANI", "Asian News International"], tags: &[] },
    Agency { name: "IANS", names: &["IANS", "Indo-Asian News Service"], tags: &[] },
    Agency { name: "UNI", names: &["United News of India"], tags: &["UNI"] },
    Agency { name: "AAP", names: &["AAP", "Australian Associated Press"], tags: &[] },
    Agency { name: "Canadian Press", names: &["Canadian Press"], tags: &["CP"] },
    Agency { name: "UPI", names: &["UPI", "United Press International"], tags: &[] },
    Agency { name: "Bernama", names: &["Bernama"], tags: &[] },
    Agency { name: "Antara", names: &["Antara"], tags: &[] },
    Agency { name: "PA Media", names: &["PA Media", "Press Association"], tags: &["PA"] },
    Agency { name: "WAFA", names: &["WAFA"], tags: &[] },
    Agency { name: "MENA", names: &["Middle East News Agency"], tags: &["MENA"] },
    Agency { name: "KUNA", names: &["KUNA", "Kuwait News Agency"], tags: &[] },
    Agency { name: "SPA", names: &["Saudi Press Agency"], tags: &["SPA"] },
    Agency { name: "WAM", names: &["Emirates News Agency"], tags: &["WAM"] },
    Agency { name: "IRNA", names: &["IRNA"], tags: &[] },
    Agency { name: "NTB", names: &["NTB"], tags: &[] },
    Agency { name: "TT", names: &["TT News Agency", "Tidningarnas Telegrambyra"], tags: &["TT"] },
    Agency { name: "Ritzau", names: &["Ritzau"], tags: &[] },
    Agency { name: "STT", names: &["STT"], tags: &[] },
    Agency { name: "APA", names: &["Austria Presse Agentur"], tags: &["APA"] },
    Agency { name: "Belga", names: &["Belga"], tags: &[] },
    Agency { name: "ANP", names: &["ANP"], tags: &[] },
    Agency { name: "Keystone-SDA", names: &["Keystone-SDA"], tags: &["ATS", "SDA"] },
    Agency { name: "Europa Press", names: &["Europa Press"], tags: &[] },
    Agency { name: "Lusa", names: &["Lusa", "Agencia Lusa"], tags: &[] },
    Agency { name: "Agência Brasil", names: &["Agencia Brasil"], tags: &[] },
    Agency { name: "PAP", names: &["Polish Press Agency"], tags: &["PAP"] },
    Agency { name: "CTK", names: &["CTK"], tags: &[] },
    Agency { name: "MTI", names: &["MTI"], tags: &[] },
    Agency { name: "BTA", names: &["BTA"], tags: &[] },
    Agency { name: "Agerpres", names: &["Agerpres"], tags: &[] },
    Agency { name: "HINA", names: &["HINA"], tags: &[] },
    Agency { name: "ANA-MPA", names: &["ANA-MPA"], tags: &[] },
    Agency { name: "Prensa Latina", names: &["Prensa Latina"], tags: &[] },
    Agency { name: "Notimex", names: &["Notimex"], tags: &[] },
    Agency { name: "Télam", names: &["Telam"], tags: &[] },
    Agency { name: "APS", names: &["Algerie Presse Service"], tags: &["APS"] },
    Agency { name: "MAP", names: &["Maghreb Arab Press"], tags: &["MAP"] },
    Agency { name: "KCNA", names: &["KCNA", "Korean Central News Agency"], tags: &[] },
    Agency { name: "CNA", names: &["Central News Agency"], tags: &["CNA"] },
    Agency { name: "Vietnam News Agency", names: &["Vietnam News Agency"], tags: &["VNA"] },
    Agency { name: "PNA", names: &["Philippine News Agency"], tags: &["PNA"] },
    Agency { name: "BSS", names: &["BSS", "Bangladesh Sangbad Sangstha"], tags: &[] },
    Agency { name: "APP", names: &["Associated Press of Pakistan"], tags: &["APP"] },
    Agency { name: "NZPA", names: &["NZPA"], tags: &[] },
    Agency { name: "SAPA", names: &["SAPA", "South African Press Association"], tags: &[] },
    Agency { name: "News Agency of Nigeria", names: &["News Agency of Nigeria"], tags: &["NAN"] },
];

/// Words after an agency name that mark it as the author of the copy
/// ("Reuters could not verify", "a Reuters witness") rather than a source
/// the copy cites.
#[rustfmt::skip]
const SELF_CUES_AFTER: &[&str] = &[
    "could", "was", "has", "had", "cannot", "can", "did", "is", "witness", "witnesses", "reporter",
    "reporters", "correspondent", "journalist", "journalists", "photographer", "tally",
    "calculation", "calculations", "poll", "survey", "analysis", "review", "investigation",
    "interview",
];
/// Words before an agency name with the same meaning ("told Reuters").
const SELF_CUES_BEFORE: &[&str] = &["told", "to"];

/// How strongly one mention says "this agency wrote the copy": 3 for a
/// credit in parentheses or a self-reference cue, 1 for a plain mention.
fn mention_weight(words: &[Word<'_>], start: usize, len: usize) -> u32 {
    let first = &words[start];
    let last = &words[start + len - 1];
    let in_parens = first.after_open_paren && last.before_close_paren;
    let cue_before = start
        .checked_sub(1)
        .and_then(|k| words.get(k))
        .is_some_and(|w| SELF_CUES_BEFORE.contains(&w.key.as_str()));
    let cue_after = words
        .get(start + len)
        .is_some_and(|w| SELF_CUES_AFTER.contains(&w.key.as_str()));
    if in_parens || cue_before || cue_after {
        3
    } else {
        1
    }
}

/// A word token with what the matcher needs to know about it.
struct Word<'a> {
    /// The token with any possessive cut ("AFP's" → "AFP").
    text: &'a str,
    /// `name_key` of the token, for case- and accent-blind comparison.
    key: String,
    /// The token right before this word is "(".
    after_open_paren: bool,
    /// The token right after this word is ")".
    before_close_paren: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let tokens: Vec<Token<'_>> = tokenize(text);
    let mut out = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        if token.kind == TokenKind::Punct {
            continue;
        }
        let punct_at = |idx: Option<usize>, p: &str| {
            idx.and_then(|i| tokens.get(i))
                .is_some_and(|t| t.kind == TokenKind::Punct && t.text == p)
        };
        let bare = ["'s", "’s"]
            .iter()
            .find_map(|s| token.text.strip_suffix(s))
            .unwrap_or(token.text);
        out.push(Word {
            text: bare,
            key: name_key(bare),
            after_open_paren: punct_at(k.checked_sub(1), "("),
            before_close_paren: punct_at(Some(k + 1), ")"),
        });
    }
    out
}

/// One word of an alias, prepared once.
struct AliasPart {
    text: &'static str,
    key: String,
    /// Written in capitals or all lowercase ("AFP", "dpa"): match exactly.
    exact: bool,
}

/// An agency with its aliases and tags split into words.
struct Compiled {
    names: Vec<Vec<AliasPart>>,
    tags: Vec<Vec<AliasPart>>,
}

fn compile(alias: &'static str) -> Vec<AliasPart> {
    tokenize(alias)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| AliasPart {
            text: t.text,
            key: name_key(t.text),
            exact: t
                .text
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
                || t.text
                    .chars()
                    .all(|c| !c.is_alphabetic() || c.is_lowercase()),
        })
        .filter(|p| !p.key.is_empty())
        .collect()
}

fn compiled() -> &'static [Compiled] {
    static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        AGENCIES
            .iter()
            .map(|a| Compiled {
                names: a.names.iter().map(|n| compile(n)).collect(),
                tags: a.tags.iter().map(|t| compile(t)).collect(),
            })
            .collect()
    })
}

/// Keys of every alias's first word: a text with none of them names no
/// agency, which is most text, so it is skipped after one pass.
fn first_keys() -> &'static HashSet<String> {
    static FIRST: OnceLock<HashSet<String>> = OnceLock::new();
    FIRST.get_or_init(|| {
        compiled()
            .iter()
            .flat_map(|c| c.names.iter().chain(&c.tags))
            .filter_map(|alias| alias.first().map(|p| p.key.clone()))
            .collect()
    })
}

fn part_matches(part: &AliasPart, word: &Word<'_>) -> bool {
    if part.exact {
        word.text == part.text
    } else {
        word.key == part.key && word.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Where in `words` the multi-word `alias` starts, as (start, length).
fn find_alias(words: &[Word<'_>], alias: &[AliasPart]) -> Vec<(usize, usize)> {
    if alias.is_empty() || words.len() < alias.len() {
        return Vec::new();
    }
    (0..=words.len() - alias.len())
        .filter(|&s| {
            alias
                .iter()
                .zip(&words[s..])
                .all(|(p, w)| part_matches(p, w))
        })
        .map(|s| (s, alias.len()))
        .collect()
}

/// Where an agency is named, as weighted votes per agency index.
///
/// `trust_tags` is set for datelines and bylines, where short tags are
/// unambiguous; elsewhere a tag counts only in parentheses.
fn votes(text: &str, trust_tags: TagTrust, tally: &mut [u32]) {
    let words = words(text);
    if !words.iter().any(|w| first_keys().contains(&w.key)) {
        return;
    }
    // Every (start, length, agency) where an alias or a trusted tag matches.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (idx, agency) in compiled().iter().enumerate() {
        for alias in &agency.names {
            found.extend(
                find_alias(&words, alias)
                    .into_iter()
                    .map(|(s, n)| (s, n, idx)),
            );
        }
        for tag in &agency.tags {
            for (s, n) in find_alias(&words, tag) {
                let parenthesised = words[s].after_open_paren && words[s].before_close_paren;
                if trust_tags == TagTrust::Anywhere || parenthesised {
                    found.push((s, n, idx));
                }
            }
        }
    }
    // The longest match at a place wins, and a match inside a longer one
    // does not count: "Bloomberg News" is one mention, and "Associated
    // Press of Pakistan" is not also the Associated Press.
    found.sort_unstable_by_key(|&(s, n, idx)| (s, std::cmp::Reverse(n), idx));
    let mut covered_until = 0;
    for (s, n, idx) in found {
        if s < covered_until {
            continue;
        }
        covered_until = s + n;
        if let Some(slot) = tally.get_mut(idx) {
            *slot += mention_weight(&words, s, n);
        }
    }
}

/// Where short agency tags are believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagTrust {
    /// Datelines and bylines.
    Anywhere,
    /// Running text: only in parentheses.
    InParentheses,
}

/// The agency named most strongly in `texts`, if any; ties go to the
/// agency listed first in the gazetteer (the larger wires come first).
pub(crate) fn strongest_agency(texts: &[&str], trust: TagTrust) -> Option<&'static str> {
    let mut tally = vec![0u32; AGENCIES.len()];
    for text in texts {
        votes(text, trust, &mut tally);
    }
    let mut best: Option<(u32, usize)> = None;
    for (idx, &score) in tally.iter().enumerate() {
        // Strictly greater: on a tie the agency listed first stays.
        if score > best.map_or(0, |(top, _)| top) {
            best = Some((score, idx));
        }
    }
    best.and_then(|(_, idx)| AGENCIES.get(idx)).map(|a| a.name)
}

/// Whether `text` names any agency (tags only in parentheses).
pub(crate) fn names_an_agency(text: &str) -> bool {
    strongest_agency(&[text], TagTrust::InParentheses).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copys_own_agency_beats_a_cited_one() {
        let texts = [
            "Reuters could not verify the video.",
            "Yonhap news agency also reported citing NIS.",
        ];
        assert_eq!(
            strongest_agency(&texts, TagTrust::InParentheses),
            Some("Reuters")
        );
    }

    #[test]
    fn ambiguous_tags_need_a_dateline_or_parentheses() {
        assert_eq!(
            strongest_agency(&["Voters in PA went"], TagTrust::InParentheses),
            None
        );
        assert_eq!(
            strongest_agency(&["OTTAWA (CP) - The"], TagTrust::InParentheses),
            Some("Canadian Press")
        );
        assert_eq!(
            strongest_agency(&["PA"], TagTrust::Anywhere),
            Some("PA Media")
        );
    }

    #[test]
    fn case_rules_follow_the_alias() {
        assert_eq!(
            strongest_agency(&["KYIV (REUTERS) -"], TagTrust::InParentheses),
            Some("Reuters")
        );
        assert_eq!(
            strongest_agency(&["an ap exam"], TagTrust::InParentheses),
            None
        );
        assert_eq!(
            strongest_agency(&["told AFP's reporter"], TagTrust::InParentheses),
            Some("AFP")
        );
        assert_eq!(
            strongest_agency(&["Agência Brasil reported"], TagTrust::InParentheses),
            Some("Agência Brasil")
        );
    }
}
