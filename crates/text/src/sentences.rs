//! Sentence segmentation for news prose.

/// Words that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "rep", "sen", "gov", "st",
    "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "corp", "ltd", "co", "approx", "est", "fig", "mt", "ft", "pres", "rev",
];

fn closes_sentence(prev_word: &str) -> bool {
    let w = prev_word.trim_end_matches('.').to_lowercase();
    // Single letters are initials ("John F. Kennedy"); dotted ones are
    // abbreviations ("U.S."), which may still end a sentence but rarely do
    // before a capital in news copy.
    !(w.chars().count() == 1 || ABBREVIATIONS.contains(&w.as_str()) || w.contains('.'))
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | '»')
}

fn is_opening(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«' | '—' | '-')
}

/// Byte ranges of the sentences in `text`, trimmed of surrounding space.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?') || is_closing_quote(chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            let at_space = j < chars.len() && chars[j].1.is_whitespace();
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_opens = k < chars.len() && is_opening(chars[k].1);
            let word_start = text[..chars[i].0]
                .char_indices()
                .rfind(|(_, ch)| ch.is_whitespace())
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let prev_word = &text[word_start..chars[i].0];
            let boundary = c != '.' || closes_sentence(prev_word);
            if at_space && next_opens && boundary {
                push_trimmed(text, start, end, &mut spans);
                start = chars[k].0;
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        spans.push((start + lead, end - trail));
    }
}

/// The sentences of `text` as slices.
pub fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_on_terminal_punctuation_outside_abbreviations() {
        let s =
            "Mr. Lee said so on Jan. 12 in the U.S. capital. He left. \"It is over,\" she said.";
        assert_eq!(
            sentences(s),
            [
                "Mr. Lee said so on Jan. 12 in the U.S. capital.",
                "He left.",
                "\"It is over,\" she said."
            ]
        );
    }

    #[test]
    fn quote_closing_after_period_stays_with_sentence() {
        let s = "He said: \"We will win.\" Then he left.";
        assert_eq!(sentences(s), ["He said: \"We will win.\"", "Then he left."]);
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_on_boundaries(s in "\\PC{0,120}") {
            let mut last = 0;
            for (a, b) in sentence_spans(&s) {
                prop_assert!(a >= last && a < b && b <= s.len());
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                last = b;
            }
        }
    }
}
