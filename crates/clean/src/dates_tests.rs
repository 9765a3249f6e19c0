//! Dates as pages print them, and the loose month-name patterns against
//! the bounded ones they stand in for.

use super::*;

fn d(s: &str) -> Option<String> {
    parse_date(s).map(|d| d.to_string())
}

#[test]
fn parses_common_forms() {
    let want = Some("2025-01-13".to_string());
    for s in [
        "2025-01-13",
        "2025-01-13T08:15:00+09:00",
        "2025/1/13",
        "13 January 2025",
        "Mon 13 Jan 2025 10.32 GMT",
        "January 13, 2025",
        "Jan. 13, 2025",
        "Monday, January 13th, 2025 at 5:00 pm",
        "Mon, 13 Jan 2025 10:00:00 +0000",
        "13.01.2025",
        "13. 1. 2025, 08:15 Uhr",
        "13. Januar 2025",
        "13. Jänner 2025",
        "13 janvier 2025",
        "13 de enero de 2025",
        "13 gennaio 2025",
        "13 januari 2025",
        "13 января 2025 г.",
        "2025년 1월 13일",
        "2025年1月13日",
        "20250113",
        "20250113T081500Z",
        "13.01.25",
    ] {
        assert_eq!(d(s), want, "{s}");
    }
}

#[test]
fn abbreviated_months_in_several_languages() {
    for (s, want) in [
        ("17. Okt. 2019", "2019-10-17"),
        ("3. Mrz 2020", "2020-03-03"),
        ("1 déc. 2021", "2021-12-01"),
        ("Sept. 4, 2018", "2018-09-04"),
        ("4 Dez 2018", "2018-12-04"),
    ] {
        assert_eq!(d(s).as_deref(), Some(want), "{s}");
    }
    assert_eq!(month_number("jui"), None, "juin or juillet");
    assert_eq!(month_number("Mayor"), None);
}

#[test]
fn slash_dates_need_an_order_unless_unambiguous() {
    let first = |s: &str, o| find_dates(s, o).first().map(|f| f.date.to_string());
    assert_eq!(first("01/02/2025", DayOrder::Unknown), None);
    assert_eq!(
        first("01/02/2025", DayOrder::MonthFirst).as_deref(),
        Some("2025-01-02")
    );
    assert_eq!(
        first("01/02/2025", DayOrder::DayFirst).as_deref(),
        Some("2025-02-01")
    );
    assert_eq!(
        first("10/17/2019", DayOrder::Unknown).as_deref(),
        Some("2019-10-17")
    );
}

#[test]
fn rejects_non_dates() {
    for s in [
        "",
        "yesterday",
        "2025-13-45",
        "Feb 30, 2025",
        "12,000 troops",
        "version 1.2.20251",
        "© 2019",
        "Tel. 030 12.34.2019",
        "Version 1.2.3",
        "1.12.250",
    ] {
        assert_eq!(d(s), None, "{s}");
    }
}

#[test]
fn finds_the_earliest_date_in_text() {
    let (date, range) = find_date("Posted 12 January 2025, updated 2025-01-14").unwrap();
    assert_eq!(date.to_string(), "2025-01-12");
    assert_eq!(range, 7..22);
}

#[test]
fn utc_timestamps() {
    let t = |s: &str| utc_time(s).map(|t| t.to_string());
    assert_eq!(
        t("2019-10-18T22:04:00Z").as_deref(),
        Some("2019-10-18 22:04:00")
    );
    assert_eq!(
        t("2019-10-18T22:04:00.000+00:00").as_deref(),
        Some("2019-10-18 22:04:00")
    );
    assert_eq!(
        t("Fri, 18 Oct 2019 22:04:00 GMT").as_deref(),
        Some("2019-10-18 22:04:00")
    );
    assert_eq!(t("2019-10-18T22:04:00+02:00"), None);
    assert_eq!(
        t("2019-10-18T00:00:00Z"),
        None,
        "a date written as a timestamp"
    );
    assert_eq!(t("2019-10-18"), None);
}

#[test]
fn dates_in_urls() {
    for (url, want) in [
        ("https://ex.com/news/2024/05/17/story", Some("2024-05-17")),
        ("https://ex.com/2024-05-17-story.html", Some("2024-05-17")),
        ("https://ex.com/a/20240517/story", Some("2024-05-17")),
        ("https://ex.com/2024/5/7/story", Some("2024-05-07")),
        ("https://ex.com/2024/05/story", None),
        ("https://2024.ex.com/12/31", None),
        ("https://ex.com/story?id=20240517", None),
    ] {
        assert_eq!(
            url_date(url).map(|d| d.to_string()).as_deref(),
            want,
            "{url}"
        );
    }
}

/// Every match (the date's text and the month word) of the bounded
/// patterns alone, as they were read before.
fn by_bounded(s: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for re in [&*DAY_MONTH_YEAR_BOUNDED, &*MONTH_DAY_YEAR_BOUNDED] {
        all.extend(re.captures_iter(s).filter_map(|caps| as_text(&caps)));
    }
    all
}

fn by_loose_first(s: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (loose, bounded) in [
        (&*DAY_MONTH_YEAR, &DAY_MONTH_YEAR_BOUNDED),
        (&*MONTH_DAY_YEAR, &MONTH_DAY_YEAR_BOUNDED),
    ] {
        month_name_matches(s, loose, bounded, &mut all, as_text);
    }
    all
}

fn as_text(caps: &regex::Captures<'_>) -> Option<(String, String)> {
    Some((
        caps.name("all")?.as_str().into(),
        caps.name("mon")?.as_str().into(),
    ))
}

#[test]
fn month_words_longer_than_twelve_letters_fall_back() {
    for s in [
        "5 październikde 2025",
        "5 październikdel 2025, 6 października 2025",
        "Championships 5, 2020 and May 5, 2021",
        "the 3 championships 2020, 4 May 2021",
        "5thJanuary 2020",
        "5 erJanuar 2020",
        "13 januaryyyyyyyyyy 2020 14 January 2020",
    ] {
        assert_eq!(by_loose_first(s), by_bounded(s), "{s}");
    }
    assert_eq!(
        find_dates("5 październikde 2025", DayOrder::Unknown)
            .first()
            .map(|f| f.date.to_string()),
        Some("2025-10-05".to_string())
    );
}

/// Pieces of dates and of text around them: days, years, month names,
/// words of any length (some ending in `de`), suffixes and separators.
fn date_soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        "[0-3]?[0-9]",
        "(19|20)[0-9]{2}",
        "[a-zA-Zéżś]{1,16}",
        "[a-zść]{8,13}(de|del)",
        proptest::sample::select(vec![
            "January",
            "janvier",
            "Okt",
            "Sept",
            "mai",
            "października",
            "październik",
            "марта",
            "de",
            "del",
            "st",
            "th",
            "er",
            "º",
            "ſ",
            "日本",
            "\u{a0}",
        ])
        .prop_map(String::from),
    ];
    let sep = proptest::sample::select(vec!["", " ", "  ", ".", ". ", ",", ", ", "-"]);
    proptest::collection::vec((piece, sep), 0..14).prop_map(|v| {
        v.into_iter()
            .map(|(p, sep)| format!("{p}{sep}"))
            .collect::<String>()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Reading with the loose patterns first finds what the bounded
    /// patterns find.
    #[test]
    fn loose_month_patterns_find_what_the_bounded_find(s in date_soup()) {
        proptest::prop_assert_eq!(by_loose_first(&s), by_bounded(&s), "{:?}", s);
    }
}

proptest::proptest! {
    /// The memchr-driven cue scan says what the byte-window scan it
    /// replaced says, on digits, dots, years and non-ASCII bytes.
    #[test]
    fn date_cues_agree_with_the_window_scan(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "1", "2", "9", "0", "19", "20", ".", " ", "a", "é", "٣", "x.", "2.", "199", "201",
        ]), 0..12),
    ) {
        let s = pieces.concat();
        let digit = |b: u8| b.is_ascii_digit() || !b.is_ascii();
        let b = s.as_bytes();
        let year = b
            .windows(3)
            .any(|w| matches!(w[..2], [b'1', b'9'] | [b'2', b'0']) && digit(w[2]));
        let dotted = b.windows(2).any(|w| digit(w[0]) && w[1] == b'.');
        let cues = date_cues(&s);
        proptest::prop_assert_eq!((cues.year, cues.dotted), (year, dotted));
    }
}

/// Every pattern run on every text with a year, as before the per-pattern
/// cues.
fn unguarded(s: &str, order: DayOrder) -> Vec<Found> {
    let cues = date_cues(s);
    let year = cues.year;
    let all = Cues {
        iso: year,
        numeric: year,
        cjk: year,
        month: year,
        ..cues
    };
    if !year && !cues.dotted {
        return Vec::new();
    }
    dates_with(s, order, all)
}

/// Pieces of numeric, CJK and month-name dates and of text around them,
/// with the separators, spaces and non-ASCII digits the cues must let
/// through.
fn cue_soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let digits = || {
        proptest::sample::select(vec![
            "5", "05", "12", "31", "1", "٢", "2٣", "19", "20", "2019", "2020", "20٢5", "1999",
        ])
    };
    let mark = || {
        proptest::sample::select(vec![
            "-", "/", ".", ". ", "- ", "/\u{a0}", ".\u{b}", "", " ",
        ])
    };
    // Whole numeric shapes: `d.m.y`, `y-m-d` and the like, with mixed marks.
    let shaped = (digits(), mark(), digits(), mark(), digits())
        .prop_map(|(a, m1, b, m2, c)| format!("{a}{m1}{b}{m2}{c}"));
    let piece = prop_oneof![
        "[0-3]?[0-9]",
        "(19|20)[0-9]{2}",
        "[a-zA-Z]{1,9}",
        shaped,
        proptest::sample::select(vec![
            "May",
            "MAR",
            "mayor",
            "Sept",
            "mrz",
            "Mrt",
            "de",
            "DEL",
            "st",
            "TH",
            "er",
            "nd",
            "rd",
            "thMay",
            "stjan",
            "august",
            "dec",
            "junio",
            "październik",
            "janvier",
            "марта",
            "年",
            "년",
            "월",
            "月",
            "일",
            "日",
            "٢",
            "२०",
            "\u{a0}",
            "\u{2009}",
            "\u{b}",
            "\t",
            "\n",
            "ſ",
            "º",
            "K",
            "\u{212a}",
            "okt",
            "20",
            "19",
            "201",
            "1.",
            "/",
            "-",
            ".",
        ])
        .prop_map(String::from),
    ];
    let sep = proptest::sample::select(vec!["", " ", "  ", ".", ". ", ",", ", ", "-", "/"]);
    proptest::collection::vec((piece, sep), 0..12).prop_map(|v| {
        v.into_iter()
            .map(|(p, sep)| format!("{p}{sep}"))
            .collect::<String>()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
    /// The per-pattern cues skip only patterns that would find nothing:
    /// the dates are those of every pattern run.
    #[test]
    fn cues_find_what_every_pattern_finds(
        s in cue_soup(),
        order in proptest::sample::select(vec![
            DayOrder::Unknown, DayOrder::DayFirst, DayOrder::MonthFirst,
        ]),
    ) {
        proptest::prop_assert_eq!(find_dates(&s, order), unguarded(&s, order), "{:?}", s);
    }
}

#[test]
fn cues_on_shaped_dates() {
    for s in [
        "5thMay 2020",
        "5 mayo de 2020",
        "May\u{b}5, 2020",
        "Sept.\t4,\n2018",
        "3. Mrz 2020",
        "2020-05-05",
        "2020/5/5",
        "05.05. 2020",
        "5/5/\u{a0}2020",
        "2020년 5월 5일",
        "2020年5月5日",
    ] {
        let found = find_dates(s, DayOrder::DayFirst);
        assert!(!found.is_empty(), "{s}");
        assert_eq!(found, unguarded(s, DayOrder::DayFirst), "{s}");
    }
    // Greedy: the month word is `Marzodel`, which names no month.
    // A year of Arabic-Indic digits is matched but not read as a number.
    for s in [
        "5 Marzodel 2020",
        "5 Marzo del 2020",
        "5thx 2020",
        "20٢٥-05-05",
    ] {
        assert_eq!(
            find_dates(s, DayOrder::DayFirst),
            unguarded(s, DayOrder::DayFirst),
            "{s}"
        );
    }
    // Unreadable as numbers, but the cue does not judge digits it cannot
    // read: the pattern does.
    assert!(date_cues("20٢٥-05-05").iso);
    let cues = date_cues("the mayor said in 2020 that");
    assert!(cues.year && !cues.month && !cues.iso && !cues.numeric && !cues.cjk);
}

/// The unfolded letter classes of the month-name patterns hold exactly the
/// characters their case-folded forms do, every character checked.
#[test]
fn letter_classes_match_their_folded_forms() {
    let pairs = [
        (r"(?i)\p{L}", LETTER),
        (r"(?i)[^\p{L}\d]", NOT_LETTER_OR_DIGIT),
        (r"(?i)[^\p{L}]", NOT_LETTER),
    ];
    for (folded, unfolded) in pairs {
        let folded = regex::Regex::new(&format!("^(?:{folded})$")).unwrap();
        let unfolded = regex::Regex::new(&format!("(?i)^(?:{unfolded})$")).unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let c = c.encode_utf8(&mut buf);
            assert_eq!(folded.is_match(c), unfolded.is_match(c), "{c:?}");
        }
    }
}
