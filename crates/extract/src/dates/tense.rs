//! Reads whether a date expression is reported as past or announced as
//! future, from the verbs nearest to it in its sentence. The answer decides
//! which way a weekday or a yearless date resolves ("said on Monday" is the
//! Monday before publication, "will meet on Monday" the one after).

use concord_text::{Token, TokenKind};
use std::ops::Range;

/// What the verbs around a date say about when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// A past-tense or perfect verb governs the date ("said on Monday").
    Past,
    /// A future auxiliary governs it ("will meet on Monday", "is due to").
    Future,
    /// No verb marks it; news reporting defaults to the past.
    Unknown,
}

/// Each clause boundary between a verb and the date counts as this many
/// words, so a verb in the date's own clause wins over a nearer-looking one
/// in the next ("said on Dec. 27 that … will be targeted").
const CLAUSE_PENALTY: usize = 8;

/// Irregular past forms common in news copy (regular ones end in "-ed").
const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "came", "went", "began", "took", "gave", "made", "met", "saw", "held", "left",
    "found", "got", "spoke", "wrote", "brought", "fought", "thought", "sent", "struck", "was",
    "were", "had", "did", "has", "have", "fell", "rose", "ran", "won", "lost", "paid", "built",
    "kept", "led", "heard", "hid", "felt", "knew", "stood", "chose", "broke", "shot", "drove",
    "flew", "grew", "threw", "became", "sat", "sold", "shook", "swore", "tore", "woke", "bought",
    "caught", "taught", "sought", "spent", "meant", "lay", "rang", "sang", "fled", "bid", "put",
];

/// Words ending in "-ed" that are not past forms.
const NOT_PAST_ED: &[&str] = &[
    "need", "needs", "speed", "feed", "seed", "breed", "bleed", "embed", "hundred", "indeed",
    "creed", "greed", "weed", "steed", "shed", "bed", "red", "proceed", "succeed", "exceed",
];

fn lower(tok: &Token<'_>) -> String {
    tok.text.to_lowercase().replace('’', "'")
}

fn is_be(word: &str) -> bool {
    matches!(
        word,
        "be" | "been" | "being" | "is" | "are" | "was" | "were" | "'s" | "am"
    )
}

/// Whether the token at `k` starts a future construction.
fn marks_future(toks: &[Token<'_>], k: usize) -> bool {
    let Some(tok) = toks.get(k) else {
        return false;
    };
    let w = lower(tok);
    // "would" is future seen from a past report ("said Monday he would
    // meet Putin on Friday"): from the publication day, still ahead.
    if matches!(w.as_str(), "will" | "shall" | "won't" | "would") || w.ends_with("'ll") {
        return true;
    }
    let next = toks.get(k + 1).map(lower);
    let followed_by = |words: &[&str]| next.as_deref().is_some_and(|n| words.contains(&n));
    match w.as_str() {
        "due" => followed_by(&["to", "for", "by", "on", "in"]),
        "scheduled" | "slated" | "expected" | "poised" | "planned" => followed_by(&["to", "for"]),
        "plans" | "plan" | "intends" | "aims" | "hopes" | "vowed" | "pledged" => {
            followed_by(&["to"])
        }
        // "set" and "going" are future only after a form of "be": "is set
        // to", "are going to" — not "set the date", "going to Kyiv".
        "set" | "going" => {
            followed_by(&["to"])
                && k.checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_some_and(|p| is_be(&lower(p)))
        }
        _ => false,
    }
}

/// Whether the token at `k` is a past-tense or perfect verb.
fn marks_past(toks: &[Token<'_>], k: usize) -> bool {
    let Some(tok) = toks.get(k) else {
        return false;
    };
    if tok.kind != TokenKind::Word {
        return false;
    }
    let w = lower(tok);
    let past_form = IRREGULAR_PAST.contains(&w.as_str())
        || (w.len() >= 4 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w.as_str()));
    if !past_form {
        return false;
    }
    // A participle after "be"/"been" is passive; its tense is carried by the
    // auxiliary before it ("will be exchanged", "has been deployed").
    let prev = k.checked_sub(1).and_then(|p| toks.get(p)).map(lower);
    !prev
        .as_deref()
        .is_some_and(|p| matches!(p, "be" | "been" | "being"))
}

fn is_clause_break(tok: &Token<'_>) -> bool {
    match tok.kind {
        TokenKind::Punct => matches!(
            tok.text,
            "," | ";" | ":" | "(" | ")" | "—" | "–" | "\"" | "“" | "”" | "«" | "»"
        ),
        TokenKind::Word => matches!(
            lower(tok).as_str(),
            "that" | "which" | "who" | "because" | "but" | "while" | "although" | "whereas"
        ),
        TokenKind::Number => false,
    }
}

/// The tense of the date at token range `hit` inside the sentence at token
/// range `sentence`: the nearest tense marker wins, counting clause breaks
/// as distance; on a tie the verb before the date wins (reporting verbs
/// usually precede their date: "said on Monday").
pub(super) fn tense_of(toks: &[Token<'_>], sentence: Range<usize>, hit: Range<usize>) -> Tense {
    let mut best: Option<(usize, Tense)> = None;
    let mut consider = |cost: usize, tense: Tense| {
        let better = match best {
            Some((c, _)) => cost < c,
            None => true,
        };
        if better {
            best = Some((cost, tense));
        }
    };
    // Walk outwards from the date, before it first so ties favour it.
    let mut breaks = 0;
    for k in (sentence.start..hit.start).rev() {
        let Some(tok) = toks.get(k) else { continue };
        if is_clause_break(tok) {
            breaks += 1;
            continue;
        }
        let cost = hit.start - k + breaks * CLAUSE_PENALTY;
        if marks_future(toks, k) {
            consider(cost, Tense::Future);
        } else if marks_past(toks, k) {
            consider(cost, Tense::Past);
        }
    }
    let mut breaks = 0;
    for k in hit.end..sentence.end {
        let Some(tok) = toks.get(k) else { continue };
        if is_clause_break(tok) {
            breaks += 1;
            continue;
        }
        let cost = k + 1 - hit.end + breaks * CLAUSE_PENALTY;
        if marks_future(toks, k) {
            consider(cost, Tense::Future);
        } else if marks_past(toks, k) {
            consider(cost, Tense::Past);
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_text::tokenize;

    /// The tense of the first occurrence of `date` in `sentence`.
    fn tense(sentence: &str, date: &str) -> Tense {
        let toks = tokenize(sentence);
        let at = sentence.find(date).expect("date in sentence");
        let first = toks.iter().position(|t| t.start >= at).expect("token");
        let last = toks
            .iter()
            .rposition(|t| t.end <= at + date.len())
            .expect("token");
        tense_of(&toks, 0..toks.len(), first..last + 1)
    }

    #[test]
    fn reporting_verb_before_the_date_is_past() {
        assert_eq!(
            tense(
                "Kirby said on Dec. 27 that families will be targeted.",
                "on Dec. 27"
            ),
            Tense::Past
        );
        assert_eq!(
            tense("Zelenskiy said on Sunday Kyiv is ready.", "on Sunday"),
            Tense::Past
        );
        assert_eq!(
            tense(
                "I was captured on January 5 after being injured.",
                "on January 5"
            ),
            Tense::Past
        );
    }

    #[test]
    fn future_auxiliaries_are_future() {
        assert_eq!(
            tense("The court will rule on Tuesday.", "on Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense("On Tuesday, the court will rule.", "On Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense("He is due to speak on Friday.", "on Friday"),
            Tense::Future
        );
        assert_eq!(
            tense("Talks are expected to resume on Jan. 20.", "on Jan. 20"),
            Tense::Future
        );
        assert_eq!(
            tense(
                "Captured soldiers will be exchanged on Friday.",
                "on Friday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense("We’ll meet them on Monday.", "on Monday"),
            Tense::Future
        );
    }

    #[test]
    fn the_nearer_verb_wins_in_mixed_sentences() {
        let s = "He arrived on Monday and will leave on Friday.";
        assert_eq!(tense(s, "on Monday"), Tense::Past);
        assert_eq!(tense(s, "on Friday"), Tense::Future);
        assert_eq!(
            tense("He said on Sunday he will visit.", "on Sunday"),
            Tense::Past
        );
        let s = "Trump said Monday he would meet Putin on Friday.";
        assert_eq!(tense(s, "Monday"), Tense::Past);
        assert_eq!(tense(s, "on Friday"), Tense::Future);
        assert_eq!(
            tense("Results are due by March 15.", "March 15"),
            Tense::Future
        );
    }

    #[test]
    fn no_verb_is_unknown() {
        assert_eq!(tense("Sunday, a day of rest.", "Sunday"), Tense::Unknown);
        assert_eq!(
            tense("Kyiv is ready on Monday.", "on Monday"),
            Tense::Unknown
        );
    }
}
