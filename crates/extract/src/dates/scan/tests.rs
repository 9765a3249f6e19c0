//! Unit tests for the date scanner, on sentences written for them.

use super::*;

/// (written, expr) of every expression found.
fn found(text: &str) -> Vec<(&str, Expr)> {
    scan(text)
        .into_iter()
        .map(|f| (&text[f.start..f.end], f.expr))
        .collect()
}

fn written(text: &str) -> Vec<&str> {
    found(text).into_iter().map(|(w, _)| w).collect()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

#[test]
fn explicit_days_in_every_order() {
    for (text, w) in [
        ("It began on January 12, 2025.", "on January 12, 2025"),
        ("It began on Jan. 12, 2025.", "on Jan. 12, 2025"),
        ("It began on 12 January 2025.", "on 12 January 2025"),
        ("It began 12th of January, 2025.", "12th of January, 2025"),
        ("It began Jan 12 2025.", "Jan 12 2025"),
        ("Dated 2025-01-12 in the log.", "2025-01-12"),
    ] {
        assert_eq!(found(text), [(w, Expr::Day(ymd(2025, 1, 12)))], "{text}");
    }
}

#[test]
fn yearless_days() {
    let md = |month, day| Expr::MonthDay {
        month,
        day,
        weekday: None,
    };
    assert_eq!(found("He said on Jan. 12."), [("on Jan. 12", md(1, 12))]);
    assert_eq!(
        found("since Sept. 5 and Jan 12"),
        [("Sept. 5", md(9, 5)), ("Jan 12", md(1, 12))]
    );
    assert_eq!(
        found("I came on January 3 and"),
        [("on January 3", md(1, 3))]
    );
    assert_eq!(
        found("Kirby said on Dec. 27 that"),
        [("on Dec. 27", md(12, 27))]
    );
    assert_eq!(found("on 29 September"), [("on 29 September", md(9, 29))]);
}

#[test]
fn weekday_with_its_date_is_one_expression() {
    assert_eq!(
        found("struck on Monday 29 September, officials said"),
        [(
            "on Monday 29 September",
            Expr::MonthDay {
                month: 9,
                day: 29,
                weekday: Some(Weekday::Mon)
            }
        )]
    );
    assert_eq!(
        found("Sunday, Jan. 12, 2025"),
        [("Sunday, Jan. 12, 2025", Expr::Day(ymd(2025, 1, 12)))]
    );
}

#[test]
fn months_with_and_without_year() {
    let month = |month, which| Expr::Month { month, which };
    assert_eq!(
        found("a surprise incursion in August 2024."),
        [(
            "in August 2024",
            Expr::MonthOfYear {
                year: 2024,
                month: 8
            }
        )]
    );
    assert_eq!(
        found("began in early August."),
        [("in early August", month(8, MonthWhich::Nearest))]
    );
    assert_eq!(
        found("late August"),
        [("late August", month(8, MonthWhich::Nearest))]
    );
    assert_eq!(
        found("by mid-August"),
        [("mid-August", month(8, MonthWhich::Nearest))]
    );
    assert_eq!(
        found("in mid-August"),
        [("in mid-August", month(8, MonthWhich::Nearest))]
    );
    assert_eq!(
        found("since August, prices"),
        [("August", month(8, MonthWhich::Nearest))]
    );
    assert_eq!(
        found("In December last year, casualties"),
        [(
            "In December last year",
            month(12, MonthWhich::YearOffset(-1))
        )]
    );
    assert_eq!(
        found("as last December"),
        [("last December", month(12, MonthWhich::Last))]
    );
    assert_eq!(
        found("by next March"),
        [("next March", month(3, MonthWhich::Next))]
    );
    assert_eq!(
        found("at the end of August"),
        [("August", month(8, MonthWhich::Nearest))]
    );
}

#[test]
fn weekdays_and_relative_days() {
    let wd = |weekday, which| Expr::Weekday { weekday, which };
    assert_eq!(
        found("said on Sunday Kyiv is"),
        [("on Sunday", wd(Weekday::Sun, WeekdayWhich::Nearest))]
    );
    assert_eq!(
        found("The offer came Sunday."),
        [("Sunday", wd(Weekday::Sun, WeekdayWhich::Nearest))]
    );
    assert_eq!(
        found("struck late on Monday, killing"),
        [("late on Monday", wd(Weekday::Mon, WeekdayWhich::Nearest))]
    );
    assert_eq!(
        found("fled on Saturday night."),
        [("on Saturday night", wd(Weekday::Sat, WeekdayWhich::Nearest))]
    );
    assert_eq!(
        found("as of last Tuesday"),
        [("last Tuesday", wd(Weekday::Tue, WeekdayWhich::Last))]
    );
    assert_eq!(
        found("due next Tuesday"),
        [("next Tuesday", wd(Weekday::Tue, WeekdayWhich::Next))]
    );
    assert_eq!(
        found("Wednesday's 5.4 aftershock"),
        [("Wednesday", wd(Weekday::Wed, WeekdayWhich::Nearest))]
    );
    assert_eq!(
        found("Yesterday he left; today and tonight, this morning, last night's raid"),
        [
            ("Yesterday", Expr::DayOffset(-1)),
            ("today", Expr::DayOffset(0)),
            ("tonight", Expr::DayOffset(0)),
            ("this morning", Expr::DayOffset(0)),
            ("last night", Expr::DayOffset(-1)),
        ]
    );
}

#[test]
fn durations_ages_years_and_times_are_not_dates() {
    for text in [
        "Zelenskyy also released a 2-minute 55-second video.",
        "The two soldiers are believed to be in their 20s.",
        "the nearly three-year-old war last autumn",
        "within 24 hours of the attack",
        "the war began in 2024 and in the 1990s",
        "the quake hit at 11:47 p.m. and at 11.47pm",
        "some 12,000 soldiers and 5 percent",
        "the 2024-25 season",
    ] {
        assert_eq!(written(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn may_and_march_as_words() {
    for text in [
        "It may rain on the march.",
        "May the best side win.",
        "Theresa May said so.",
        "Pressure on May grew.",
        "Theresa May last year resigned.",
        "March with us, they urged.",
        "The Women's March drew crowds.",
    ] {
        assert_eq!(written(text), Vec::<&str>::new(), "{text}");
    }
    assert_eq!(written("It happened in May."), ["in May"]);
    assert_eq!(
        written("on May 5 and in May 2025"),
        ["on May 5", "in May 2025"]
    );
    assert_eq!(written("since late May"), ["late May"]);
    assert_eq!(written("Since March, troops"), ["March"]);
}

#[test]
fn weekday_names_that_are_not_days() {
    for text in [
        "The Sunday Times reported it.",
        "Good Friday services were held.",
        "He goes to church every Sunday.",
        "USA Today reported it.",
        "BBC Radio's Today programme",
        "Sundays are quiet.",
    ] {
        assert_eq!(written(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn tense_is_recorded() {
    let f = scan("Kirby said on Dec. 27 that they will be targeted. Talks will resume on Friday.");
    let tenses: Vec<Tense> = f.iter().map(|f| f.tense).collect();
    assert_eq!(tenses, [Tense::Past, Tense::Future]);
}
