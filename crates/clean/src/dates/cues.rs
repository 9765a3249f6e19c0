//! What a text holds that each date pattern needs, looked at byte by
//! byte before any pattern runs (see `Cues`).

use super::{MONTH_ALIASES, MONTH_NAMES};
use std::sync::LazyLock;

/// What `s` holds that each pattern needs. Most runs of page text have no
/// year, and the regexes cost far more than these looks; of the texts with
/// one, most hold no month name, no year right after a separator and no
/// CJK year mark, so each pattern runs only where its cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cues {
    /// A four-digit year from 1900 to 2099 (every pattern but one).
    pub(super) year: bool,
    /// A digit before a dot, for `31.10.23`.
    pub(super) dotted: bool,
    /// A year followed by `-`, `/` or `.` (ISO).
    pub(super) iso: bool,
    /// A year right after `-`, `/` or `.`, or after one of them and a
    /// space (day-month-year numbers).
    pub(super) numeric: bool,
    /// `년` or `年` (Korean/Japanese/Chinese dates).
    pub(super) cjk: bool,
    /// A word that may name a month (the month-name patterns).
    pub(super) month: bool,
}

/// `\d` in the patterns is any Unicode digit, and `\s` any Unicode space,
/// so a non-ASCII byte counts as a possible digit or space.
fn maybe_digit(b: u8) -> bool {
    b.is_ascii_digit() || !b.is_ascii()
}

/// `\s` on ASCII (vertical tab included, which `is_ascii_whitespace`
/// leaves out), or a non-ASCII byte.
fn maybe_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ') || !b.is_ascii()
}

pub(super) fn date_cues(s: &str) -> Cues {
    let b = s.as_bytes();
    let (mut year, mut iso, mut numeric) = (false, false, false);
    // Jumped to with memchr: a `1` or `2` starts a year, a `.` ends a
    // dotted number; the bytes around are looked at only there.
    for at in memchr::memchr2_iter(b'1', b'2', b) {
        if !matches!(b.get(at..at + 3), Some([b'1', b'9', c] | [b'2', b'0', c]) if maybe_digit(*c))
        {
            continue;
        }
        year = true;
        // ISO: `(?:19|20)\d{2}[-/.]`; a non-ASCII digit is let through.
        // Text that ends sooner has no room for the separator.
        iso |= match b.get(at + 2..at + 5) {
            Some([c, d, sep]) if c.is_ascii() && d.is_ascii() => {
                c.is_ascii_digit() && d.is_ascii_digit() && matches!(sep, b'-' | b'/' | b'.')
            }
            Some(_) => true,
            None => false,
        };
        // Numeric: `[./-]\s?` right before the year (a non-ASCII byte
        // there may end a Unicode space).
        let sep = |c: u8| matches!(c, b'.' | b'/' | b'-');
        numeric |= match at.checked_sub(1).and_then(|i| b.get(i)) {
            Some(&c) if sep(c) || !c.is_ascii() => true,
            Some(&c) if maybe_space(c) => at
                .checked_sub(2)
                .and_then(|i| b.get(i))
                .is_some_and(|&c| sep(c)),
            _ => false,
        };
        if iso && numeric {
            break;
        }
    }
    let dotted = memchr::memchr_iter(b'.', b)
        .any(|at| at > 0 && b.get(at - 1).is_some_and(|&c| maybe_digit(c)));
    let cjk = year && has_cjk_year_mark(b);
    let month = year && (!s.is_ascii() || may_name_month_ascii(b));
    Cues {
        year,
        dotted,
        iso,
        numeric,
        cjk,
        month,
    }
}

/// `년` (EB 85 84) or `年` (E5 B9 B4) somewhere in `b`.
fn has_cjk_year_mark(b: &[u8]) -> bool {
    memchr::memchr2_iter(0xEB, 0xE5, b).any(|at| {
        matches!(
            b.get(at..at + 3),
            Some([0xEB, 0x85, 0x84] | [0xE5, 0xB9, 0xB4])
        )
    })
}

/// The first three letters of every month name and short form that has
/// three ASCII letters there, as bits by `(a * 26 + b) * 26 + c`.
static MONTH_STARTS: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let mut bits = vec![false; 26 * 26 * 26];
    let names = MONTH_NAMES.iter().flat_map(|names| names.iter().copied());
    for name in names.chain(MONTH_ALIASES.iter().map(|(a, _)| *a)) {
        if let Some(i) = name.as_bytes().get(..3).and_then(letter_triple) {
            bits[i] = true;
        }
    }
    bits
});

fn letter_triple(w: &[u8]) -> Option<usize> {
    let mut i = 0;
    for &c in w.get(..3)? {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        i = i * 26 + usize::from(c.to_ascii_lowercase() - b'a');
    }
    Some(i)
}

/// Whether ASCII text `b` may hold a month-name date: a word whose first
/// three letters begin a month name or short form (`month_number` reads
/// no other), at the start of a word or after a day's suffix (`5thMay`),
/// followed by `.`, `,` or spaces, maybe `de`/`del`, and then a digit (the
/// day or year both month-name patterns need next). Only for ASCII text,
/// where a letter is `[A-Za-z]` and lowercasing is ASCII's.
fn may_name_month_ascii(b: &[u8]) -> bool {
    let starts = &*MONTH_STARTS;
    let names_month = |w: &[u8]| letter_triple(w).is_some_and(|i| starts[i]);
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        let word = &b[start..i];
        let after_suffix = start > 0
            && b[start - 1].is_ascii_digit()
            && word.get(..2).is_some_and(|w| {
                matches!(
                    [w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase()],
                    [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h'] | [b'e', b'r']
                )
            });
        let named = names_month(word) || (after_suffix && names_month(&word[2..]));
        if named && digit_follows(b, i) {
            return true;
        }
    }
    false
}

/// After a month word ending at `at`: `.`, `,` and spaces, maybe a `de` or
/// `del` with spaces after, then a digit.
fn digit_follows(b: &[u8], at: usize) -> bool {
    let skip = |mut at: usize| {
        while b
            .get(at)
            .is_some_and(|&c| matches!(c, b'.' | b',') || maybe_space(c))
        {
            at += 1;
        }
        at
    };
    let at = skip(at);
    let mut end = at;
    while b.get(end).is_some_and(u8::is_ascii_alphabetic) {
        end += 1;
    }
    let at = match b.get(at..end) {
        Some(w) if w.eq_ignore_ascii_case(b"de") || w.eq_ignore_ascii_case(b"del") => skip(end),
        _ => at,
    };
    b.get(at).is_some_and(u8::is_ascii_digit)
}
