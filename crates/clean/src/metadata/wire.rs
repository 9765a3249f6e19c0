//! The loose wire-dateline pattern (`super::WIRE_DATELINE`) matched by hand.
//!
//! Building that regex was the costliest one-time step of a run (about
//! 20 M instructions: its Unicode letter classes are compiled at every
//! occurrence, forward and reverse), for a search done once per page on
//! the start of the lede. This walks the pattern as a backtracking engine
//! would, in the same order, so it finds the regex's leftmost-first match
//! with the same groups. A step budget keeps pathological paragraphs
//! (where backtracking goes quadratic) and very deep places off it: they
//! are `Undecided` and go to the regex.
//!
//! The pattern, element by element:
//!
//! ```text
//! ^(?P<place>\p{Lu}[W]+(?:\s+\p{Lu}[W]*)*(?:,\s*\p{Lu}[R]*(?:\s+\p{Lu}[R]*)*)?)
//!  (?P<date>,?\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?
//!  \s*(?:\((?P<wire>\p{L}[\p{L}\s.&/\-]*)\))?\s*(?P<sep>[-–—]{1,2}|:)\s+
//! ```
//!
//! with `W = [\p{Lu}\p{M}'’.\-]` and `R = [\p{L}\p{M}'’.\-]`. Where a
//! greedy repetition is followed by something its own characters cannot
//! start (`\s+` before `\p{Lu}`, `[a-z]*` before `\.?\s+`), only its
//! longest run is tried: a shorter one leaves a character nothing after it
//! accepts. Everywhere else every choice is tried, longest first.

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

/// Where the groups of a match lie; the match itself is `0..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Spans {
    pub end: usize,
    pub place: Range<usize>,
    pub date: Option<Range<usize>>,
    pub wire: Option<Range<usize>>,
    pub sep: Range<usize>,
}

/// What the walk decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Found {
    Match(Spans),
    NoMatch,
    /// Over the step budget: ask the regex.
    Undecided,
}

/// Characters read and choices tried before giving up. No lede of the
/// 120 benchmark pages reaches it (their run never builds the regex).
const STEP_BUDGET: u32 = 20_000;
/// Place words before giving up: each is one level of recursion.
const MAX_WORDS: u32 = 64;

const MONTHS: [&str; 13] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The Unicode classes as the regex crate reads them (`regex-syntax`'s own
/// tables, so the same Unicode version), as sorted ranges.
struct Classes {
    upper: Vec<(char, char)>,
    letter: Vec<(char, char)>,
    mark: Vec<(char, char)>,
    digit: Vec<(char, char)>,
    space: Vec<(char, char)>,
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| Classes {
    upper: ranges(r"\p{Lu}"),
    letter: ranges(r"\p{L}"),
    mark: ranges(r"\p{M}"),
    digit: ranges(r"\d"),
    space: ranges(r"\s"),
});

/// The ranges of a built-in one-class pattern; a bad one is a bug every
/// test run reports.
fn ranges(class: &str) -> Vec<(char, char)> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::parse(class)
        .unwrap_or_else(|err| panic!("bad built-in class {class:?}: {err}"));
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        other => panic!("built-in class {class:?} is not a Unicode class: {other:?}"),
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

impl Classes {
    fn upper(&self, c: char) -> bool {
        in_ranges(&self.upper, c)
    }
    fn letter(&self, c: char) -> bool {
        in_ranges(&self.letter, c)
    }
    fn space(&self, c: char) -> bool {
        in_ranges(&self.space, c)
    }
    fn digit(&self, c: char) -> bool {
        in_ranges(&self.digit, c)
    }
    /// `[\p{Lu}\p{M}'’.\-]`: the rest of a city word.
    fn city_rest(&self, c: char) -> bool {
        matches!(c, '\'' | '’' | '.' | '-') || self.upper(c) || in_ranges(&self.mark, c)
    }
    /// `[\p{L}\p{M}'’.\-]`: the rest of a region word.
    fn region_rest(&self, c: char) -> bool {
        matches!(c, '\'' | '’' | '.' | '-') || self.letter(c) || in_ranges(&self.mark, c)
    }
    /// `[\p{L}\s.&/\-]`: the rest of a wire's name.
    fn wire_rest(&self, c: char) -> bool {
        matches!(c, '.' | '&' | '/' | '-') || self.letter(c) || self.space(c)
    }
}

/// Whether `c` is the ASCII lower-case letter `lower` under the regex's
/// Unicode case folding: either case, and `ſ` (U+017F) for `s`, the only
/// other character folding to a month's letter.
fn folds_to(c: char, lower: u8) -> bool {
    c.to_ascii_lowercase() == char::from(lower) || (lower == b's' && c == '\u{17f}')
}

/// Outcome of a continuation: `Ok(Some)` a match, `Ok(None)` try the next
/// choice, `Err` over budget.
type Step = Result<Option<Spans>, OverBudget>;

#[derive(Debug)]
struct OverBudget;

struct Matcher<'a> {
    s: &'a str,
    cls: &'a Classes,
    steps: Cell<u32>,
}

pub(super) fn find(s: &str) -> Found {
    let m = Matcher {
        s,
        cls: &CLASSES,
        steps: Cell::new(0),
    };
    match m.place() {
        Ok(Some(spans)) => Found::Match(spans),
        Ok(None) => Found::NoMatch,
        Err(OverBudget) => Found::Undecided,
    }
}

impl Matcher<'_> {
    fn tick(&self) -> Result<(), OverBudget> {
        let n = self.steps.get() + 1;
        self.steps.set(n);
        if n > STEP_BUDGET {
            Err(OverBudget)
        } else {
            Ok(())
        }
    }

    /// The character at `pos` and the position after it.
    fn at(&self, pos: usize) -> Result<Option<(char, usize)>, OverBudget> {
        self.tick()?;
        Ok(self
            .s
            .get(pos..)
            .and_then(|rest| rest.chars().next())
            .map(|c| (c, pos + c.len_utf8())))
    }

    /// The end of the longest run from `pos` of characters in `class`.
    fn run(
        &self,
        mut pos: usize,
        class: impl Fn(&Classes, char) -> bool,
    ) -> Result<usize, OverBudget> {
        while let Some((c, next)) = self.at(pos)? {
            if !class(self.cls, c) {
                break;
            }
            pos = next;
        }
        Ok(pos)
    }

    /// The position one character before `pos` (`pos` itself at the start).
    fn back(&self, pos: usize) -> usize {
        self.s
            .get(..pos)
            .and_then(|head| head.chars().next_back())
            .map_or(pos, |c| pos - c.len_utf8())
    }

    fn is(
        &self,
        pos: usize,
        want: impl Fn(&Classes, char) -> bool,
    ) -> Result<Option<usize>, OverBudget> {
        Ok(self
            .at(pos)?
            .filter(|&(c, _)| want(self.cls, c))
            .map(|(_, next)| next))
    }

    /// `\p{Lu}[W]+`, then the city's further words.
    fn place(&self) -> Step {
        let Some(after) = self.is(0, Classes::upper)? else {
            return Ok(None);
        };
        let end = self.run(after, Classes::city_rest)?;
        let mut e = end;
        while e > after {
            if let Some(found) = self.city_words(e, 0)? {
                return Ok(Some(found));
            }
            e = self.back(e);
        }
        Ok(None)
    }

    /// `(?:\s+\p{Lu}[W]*)*`: one more word first, then the region.
    fn city_words(&self, pos: usize, depth: u32) -> Step {
        self.words(pos, depth, Classes::city_rest, Self::region)
    }

    /// `(?:,\s*\p{Lu}[R]*(?:\s+\p{Lu}[R]*)*)?`, tried before its absence.
    fn region(&self, pos: usize) -> Step {
        if let Some(comma) = self.is(pos, |_, c| c == ',')? {
            let spaces = self.run(comma, Classes::space)?;
            if let Some(after) = self.is(spaces, Classes::upper)? {
                let mut e = self.run(after, Classes::region_rest)?;
                loop {
                    if let Some(found) = self.region_words(e, 0)? {
                        return Ok(Some(found));
                    }
                    if e == after {
                        break;
                    }
                    e = self.back(e);
                }
            }
        }
        self.after_place(pos)
    }

    /// `(?:\s+\p{Lu}[R]*)*` in the region, then the rest.
    fn region_words(&self, pos: usize, depth: u32) -> Step {
        self.words(pos, depth, Classes::region_rest, Self::after_place)
    }

    /// `(?:\s+\p{Lu}[X]*)*` with `rest` the class X: one more word first,
    /// each length longest first, then `then` from where the words end.
    fn words(
        &self,
        pos: usize,
        depth: u32,
        rest: fn(&Classes, char) -> bool,
        then: fn(&Self, usize) -> Step,
    ) -> Step {
        self.tick()?;
        if depth > MAX_WORDS {
            return Err(OverBudget);
        }
        let spaces = self.run(pos, Classes::space)?;
        if spaces > pos {
            if let Some(after) = self.is(spaces, Classes::upper)? {
                let mut e = self.run(after, rest)?;
                loop {
                    if let Some(found) = self.words(e, depth + 1, rest, then)? {
                        return Ok(Some(found));
                    }
                    if e == after {
                        break;
                    }
                    e = self.back(e);
                }
            }
        }
        then(self, pos)
    }

    /// The optional date, tried before its absence, then the rest.
    fn after_place(&self, place_end: usize) -> Step {
        let place = 0..place_end;
        // `,?`: with the comma first.
        if let Some(comma) = self.is(place_end, |_, c| c == ',')? {
            if let Some(found) = self.date_month(place_end, comma, &place)? {
                return Ok(Some(found));
            }
        }
        if let Some(found) = self.date_month(place_end, place_end, &place)? {
            return Ok(Some(found));
        }
        self.rest(place_end, place, None)
    }

    /// `\s*` and the month, each alternative in the pattern's order.
    fn date_month(&self, start: usize, pos: usize, place: &Range<usize>) -> Step {
        let month_at = self.run(pos, Classes::space)?;
        for month in MONTHS {
            let mut p = month_at;
            let mut matched = true;
            for &want in month.as_bytes() {
                match self.at(p)? {
                    Some((c, next)) if folds_to(c, want) => p = next,
                    _ => {
                        matched = false;
                        break;
                    }
                }
            }
            if !matched {
                continue;
            }
            let letters_end = self.run(p, |_, c| c.is_ascii_lowercase())?;
            if let Some(found) = self.date_day(start, letters_end, place)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// `\.?\s+\d{1,2}(?:,\s*\d{4})?`, every choice longest first.
    fn date_day(&self, start: usize, pos: usize, place: &Range<usize>) -> Step {
        let mut dots = Vec::with_capacity(2);
        if let Some(next) = self.is(pos, |_, c| c == '.')? {
            dots.push(next);
        }
        dots.push(pos);
        for p in dots {
            let spaces = self.run(p, Classes::space)?;
            if spaces == p {
                continue;
            }
            let Some(one) = self.is(spaces, Classes::digit)? else {
                continue;
            };
            let mut days = Vec::with_capacity(2);
            if let Some(two) = self.is(one, Classes::digit)? {
                days.push(two);
            }
            days.push(one);
            for day_end in days {
                if let Some(year_end) = self.year(day_end)? {
                    if let Some(found) =
                        self.rest(year_end, place.clone(), Some(start..year_end))?
                    {
                        return Ok(Some(found));
                    }
                }
                if let Some(found) = self.rest(day_end, place.clone(), Some(start..day_end))? {
                    return Ok(Some(found));
                }
            }
        }
        Ok(None)
    }

    /// `,\s*\d{4}` at `pos`: where it ends.
    fn year(&self, pos: usize) -> Result<Option<usize>, OverBudget> {
        let Some(comma) = self.is(pos, |_, c| c == ',')? else {
            return Ok(None);
        };
        let mut p = self.run(comma, Classes::space)?;
        for _ in 0..4 {
            match self.is(p, Classes::digit)? {
                Some(next) => p = next,
                None => return Ok(None),
            }
        }
        Ok(Some(p))
    }

    /// `\s*(?:\((?P<wire>…)\))?\s*(?P<sep>[-–—]{1,2}|:)\s+`. The first
    /// `\s*` takes every space: a shorter run leaves a space that `(` and
    /// the separator refuse, and without the wire the second `\s*` would
    /// take it to the same place.
    fn rest(&self, pos: usize, place: Range<usize>, date: Option<Range<usize>>) -> Step {
        self.tick()?;
        let p = self.run(pos, Classes::space)?;
        if let Some(open) = self.is(p, |_, c| c == '(')? {
            if let Some(first) = self.is(open, Classes::letter)? {
                let name_end = self.run(first, Classes::wire_rest)?;
                if let Some(close) = self.is(name_end, |_, c| c == ')')? {
                    let q = self.run(close, Classes::space)?;
                    if let Some((sep, end)) = self.separator(q)? {
                        return Ok(Some(Spans {
                            end,
                            place,
                            date,
                            wire: Some(open..name_end),
                            sep,
                        }));
                    }
                }
            }
        }
        let q = self.run(p, Classes::space)?;
        Ok(self.separator(q)?.map(|(sep, end)| Spans {
            end,
            place,
            date,
            wire: None,
            sep,
        }))
    }

    /// `(?P<sep>[-–—]{1,2}|:)\s+`: the separator and the match's end.
    fn separator(&self, pos: usize) -> Result<Option<(Range<usize>, usize)>, OverBudget> {
        let dash = |_: &Classes, c: char| matches!(c, '-' | '–' | '—');
        let mut seps = Vec::with_capacity(3);
        if let Some(one) = self.is(pos, dash)? {
            if let Some(two) = self.is(one, dash)? {
                seps.push(two);
            }
            seps.push(one);
        }
        if let Some(colon) = self.is(pos, |_, c| c == ':')? {
            seps.push(colon);
        }
        for sep_end in seps {
            let end = self.run(sep_end, Classes::space)?;
            if end > sep_end {
                return Ok(Some((pos..sep_end, end)));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the regex this replaces finds: the oracle.
    fn by_regex(s: &str) -> Found {
        match super::super::WIRE_DATELINE.captures(s) {
            Some(caps) => match super::super::spans_of(&caps) {
                Some(spans) => Found::Match(spans),
                None => Found::NoMatch,
            },
            None => Found::NoMatch,
        }
    }

    fn check(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        proptest::prop_assert_eq!(find(s), by_regex(s), "{:?}", s);
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]

        /// Any sequence of dateline parts and near-misses: places in
        /// Latin, Cyrillic and Greek capitals with marks, apostrophes,
        /// dots and hyphens, regions, month names in any case (with `ſ`
        /// and a lower-case tail), days and years of other lengths and
        /// other digits, wires, every separator, and what refuses them.
        #[test]
        fn matches_as_the_regex_on_pieces(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "KYIV", "NEW", "YORK", "SÃO", "São", "PAULO", "E\u{301}", "\u{301}",
                    "МОСКВА", "Москва", "ΑΘΗΝΑ", "Αθήνα", "O’", "D'", "ST.", "-", "–", "—",
                    "--", "---", ":", " ", "  ", "\u{a0}", "\t", ",", ", ", "South", "Korea",
                    "Jan", "JAN", "jan", "Sept", "SEPT", "sept", "Sep", "\u{17f}ep", "Feb.",
                    "March", "Mayo", "dec", " 12", " 1", "12", "123", "\u{663}", "\u{663}\u{664}",
                    ", 2025", ",2025", ", 20251", ", 202", "(", ")", "(Reuters)", "(AP)",
                    "Associated Press", "AFP/Getty", "a", "x", "Ab", "&", "/", ".", "\u{212a}",
                ]),
                0..20,
            ),
        ) {
            check(&pieces.concat())?;
        }

        /// Datelines shaped as the pattern reads them, so that most match.
        #[test]
        fn matches_as_the_regex_on_datelines(
            s in "[A-ZÄМΑ][A-Z.'’\u{301}-]{0,4}([ \u{a0}]{1,2}[A-ZЖ][A-Z.-]{0,3}){0,5}(,[ ]?[A-ZΘ][a-zé.-]{0,4}([ ][A-Z][a-z]{0,4}){0,3})?(,?[ ]?(Jan|SEPT|Sept|sep|May|Octo)[a-z]{0,3}[.]?[ ]{0,2}[0-9]{0,3}(,[ ]?[0-9]{3,5})?)?[ ]?(\\([A-Za-z ]?[A-Za-z .&/-]{0,12}\\)?)?[ ]?(-|--|—|–|:|)[ ]{0,2}x",
        ) {
            check(&s)?;
        }
    }

    #[test]
    fn matches_as_the_regex_on_examples() {
        for s in [
            "KYIV (Reuters) - x",
            "WASHINGTON, Jan 12 (AP) — x",
            "SEOUL, South Korea — x",
            "PARISJAN 12 - x",
            "PARIS- x",
            "WASHINGTON, Jan. 12, 2025 (Reuters) -- x",
            "LONDON, SEPT. 3 - x",
            "LONDON, \u{17f}ep 3 - x",
            "LONDON, Jan 12, 20251 - x",
            "NEW YORK CITY AREA NORTH — x",
            "KYIV: x",
            "The president said - x",
        ] {
            assert_eq!(find(s), by_regex(s), "{s}");
            assert_ne!(find(s), Found::Undecided, "{s}");
        }
    }

    #[test]
    fn over_the_budget_is_undecided() {
        let s = format!("AB, C{} 1", "jan".repeat(3000));
        assert_eq!(find(&s), Found::Undecided);
        let deep = "AB ".repeat(200) + "- x";
        assert_eq!(find(&deep), Found::Undecided);
        // And the caller then asks the regex.
        assert_eq!(super::super::wire_dateline(&deep), None);
    }

    /// The month letters fold only as `folds_to` says.
    #[test]
    fn month_letters_fold_as_the_regex_does() {
        let mut letters: Vec<u8> = MONTHS.concat().into_bytes();
        letters.sort_unstable();
        letters.dedup();
        for letter in letters {
            let folded = ranges(&format!("(?i){}", char::from(letter)));
            for c in (0..=0x10ffff).filter_map(char::from_u32) {
                assert_eq!(folds_to(c, letter), in_ranges(&folded, c), "{c:?} {letter}");
            }
        }
    }
}
