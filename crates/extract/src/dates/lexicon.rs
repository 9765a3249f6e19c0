//! Words that name months, weekdays and relative days, and the small word
//! lists the scanner and the tense reader consult. Kept apart from the
//! scanning logic so the vocabulary can grow without touching it.

use chrono::Weekday;

/// How a month name was written: abbreviations are only trusted next to a
/// day or a year ("Aug. 2024", "Jan 12"), never alone ("in Jan").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MonthForm {
    Full,
    Abbrev,
}

const MONTHS: &[(&str, u32, MonthForm)] = &[
    ("january", 1, MonthForm::Full),
    ("february", 2, MonthForm::Full),
    ("march", 3, MonthForm::Full),
    ("april", 4, MonthForm::Full),
    ("may", 5, MonthForm::Full),
    ("june", 6, MonthForm::Full),
    ("july", 7, MonthForm::Full),
    ("august", 8, MonthForm::Full),
    ("september", 9, MonthForm::Full),
    ("october", 10, MonthForm::Full),
    ("november", 11, MonthForm::Full),
    ("december", 12, MonthForm::Full),
    ("jan", 1, MonthForm::Abbrev),
    ("feb", 2, MonthForm::Abbrev),
    ("mar", 3, MonthForm::Abbrev),
    ("apr", 4, MonthForm::Abbrev),
    ("jun", 6, MonthForm::Abbrev),
    ("jul", 7, MonthForm::Abbrev),
    ("aug", 8, MonthForm::Abbrev),
    ("sep", 9, MonthForm::Abbrev),
    ("sept", 9, MonthForm::Abbrev),
    ("oct", 10, MonthForm::Abbrev),
    ("nov", 11, MonthForm::Abbrev),
    ("dec", 12, MonthForm::Abbrev),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The lowercase form of a word written "Titlecase" or "ALLCAPS", else
/// `None`. Month and weekday names are proper nouns: "march" and "may" in
/// lower case are a verb and a modal, never dates.
pub(super) fn proper_form(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let rest: Vec<char> = chars.collect();
    let title = rest.iter().all(|c| !c.is_uppercase());
    let caps = rest.iter().all(|c| !c.is_lowercase());
    (title || caps).then(|| word.to_lowercase())
}

/// The month a capitalised word names, and how it was written.
pub(super) fn month(word: &str) -> Option<(u32, MonthForm)> {
    let lower = proper_form(word)?;
    MONTHS
        .iter()
        .find(|(name, _, _)| *name == lower)
        .map(|&(_, m, form)| (m, form))
}

/// The weekday a capitalised word names ("Sunday", not "Sundays").
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    let lower = proper_form(word)?;
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, d)| d)
}

/// Strip a possessive ending: "Sunday's" → "Sunday".
pub(super) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Day offsets of the one-word relative days, from the publication day.
pub(super) fn relative_day(lower: &str) -> Option<i64> {
    match lower {
        "yesterday" => Some(-1),
        "today" | "tonight" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    }
}

/// Parts of a day that may follow a weekday ("Saturday night").
pub(super) fn is_part_of_day(lower: &str) -> bool {
    matches!(lower, "morning" | "afternoon" | "evening" | "night")
}

/// Words before a weekday that make it a date even when a capitalised word
/// follows ("on Sunday Kyiv said") and rule out a name ("Sunday Times").
pub(super) fn is_weekday_trigger(lower: &str) -> bool {
    matches!(
        lower,
        "on" | "last"
            | "next"
            | "this"
            | "late"
            | "early"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "before"
            | "after"
            | "between"
    )
}

/// Words before a weekday that make it generic or recurring ("every
/// Sunday", "a Monday"), not a particular day.
pub(super) fn is_generic_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an" | "the" | "every" | "each" | "any" | "some" | "that" | "one"
    )
}

/// Prepositions that make a bare month name a date ("since August").
/// "on" is absent on purpose: "on May" without a day is a person ("pressure
/// on May"), not a month.
pub(super) fn is_month_trigger(lower: &str, month: u32) -> bool {
    if month == 5 {
        // "May" is also a modal verb and a surname: only the prepositions
        // that cannot precede either.
        return matches!(lower, "in" | "since" | "until" | "till");
    }
    matches!(
        lower,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "throughout"
            | "during"
            | "before"
            | "after"
    )
}

/// Words that, after a number, make it a quantity and not a day of the
/// month ("June 5 percent" is not June 5th).
pub(super) fn is_unit(lower: &str) -> bool {
    matches!(
        lower,
        "percent"
            | "per"
            | "%"
            | "million"
            | "billion"
            | "trillion"
            | "thousand"
            | "hundred"
            | "people"
            | "hours"
            | "hour"
            | "minutes"
            | "minute"
            | "seconds"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "km"
            | "kilometers"
            | "kilometres"
            | "miles"
            | "kg"
            | "tons"
            | "tonnes"
            | "points"
            | "times"
    )
}

/// Ordinal suffixes written straight after a day number ("12th").
pub(super) fn is_ordinal_suffix(lower: &str) -> bool {
    matches!(lower, "st" | "nd" | "rd" | "th")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_need_a_capital() {
        assert_eq!(month("March"), Some((3, MonthForm::Full)));
        assert_eq!(month("MARCH"), Some((3, MonthForm::Full)));
        assert_eq!(month("march"), None);
        assert_eq!(month("may"), None);
        assert_eq!(month("Sept"), Some((9, MonthForm::Abbrev)));
        assert_eq!(month("MaRch"), None);
    }

    #[test]
    fn weekdays_and_possessives() {
        assert_eq!(weekday("Sunday"), Some(Weekday::Sun));
        assert_eq!(weekday("sunday"), None);
        assert_eq!(weekday("Sundays"), None);
        assert_eq!(strip_possessive("Sunday’s"), "Sunday");
        assert_eq!(strip_possessive("Sunday"), "Sunday");
    }
}
