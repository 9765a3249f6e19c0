//! Word, number and punctuation tokens with byte offsets.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner apostrophes, hyphens or periods ("Jong-un", "U.S.").
    Word,
    /// Digits, with inner thousands separators or a decimal point ("12,000").
    Number,
    /// Any other single non-space character.
    Punct,
}

/// A token: `text == &input[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token<'_> {
    /// True when the first character is uppercase.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Split `text` into tokens. Whitespace is dropped; everything else is
/// covered by exactly one token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = |j: usize| chars.get(j).map(|&(_, ch)| ch);
        let kind;
        let mut j = i + 1;
        if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while let Some(ch) = next(j) {
                if ch.is_ascii_digit() {
                    j += 1;
                } else if (ch == ',' || ch == '.')
                    && next(j + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    j += 2;
                } else {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            kind = TokenKind::Word;
            while let Some(ch) = next(j) {
                if ch.is_alphanumeric() {
                    j += 1;
                } else if (ch == '-' || is_apostrophe(ch))
                    && next(j + 1).is_some_and(char::is_alphanumeric)
                {
                    j += 2;
                } else if ch == '.'
                    && next(j + 1).is_some_and(|d| d.is_alphabetic())
                    && next(j + 2) == Some('.')
                {
                    // Dotted abbreviations such as "U.S." keep their dots.
                    j += 3;
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        out.push(Token {
            text: &text[start..end],
            start,
            end,
            kind,
        });
        i = j;
    }
    out
}

/// Tokens of `text[from..to]` with offsets into the whole of `text`, for
/// scanning part of a paragraph without losing paragraph positions.
/// `from..to` must lie on char boundaries.
pub fn tokenize_range(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    text.get(from..to)
        .map(|part| {
            tokenize(part)
                .into_iter()
                .map(|t| Token {
                    start: t.start + from,
                    end: t.end + from,
                    ..t
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn keeps_names_numbers_and_abbreviations_whole() {
        assert_eq!(
            texts("Kim Jong-un's 12,000 U.S. troops, 2.5%"),
            [
                "Kim",
                "Jong-un's",
                "12,000",
                "U.S.",
                "troops",
                ",",
                "2.5",
                "%"
            ]
        );
    }

    #[test]
    fn cyrillic_is_a_word() {
        assert_eq!(texts("Володимир Зеленський"), ["Володимир", "Зеленський"]);
    }

    proptest! {
        #[test]
        fn offsets_round_trip(s in "\\PC{0,80}") {
            for t in tokenize(&s) {
                prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                prop_assert_eq!(&s[t.start..t.end], t.text);
                prop_assert!(!t.text.trim().is_empty());
            }
        }
    }
}
