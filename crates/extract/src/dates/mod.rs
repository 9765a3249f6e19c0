//! Dates in news text: finding the expressions and resolving them to the
//! calendar against the publication date, plus inferring a publication
//! date for articles that state none.
//!
//! # What counts as a date
//! - Days with a year: "January 12, 2025", "Jan. 12, 2025", "12 January
//!   2025", "12th of January 2025", "2025-01-13", "Sunday, Jan. 12, 2025".
//! - Days without a year: "Jan. 12", "Jan 12", "Sept. 5", "January 3",
//!   "29 September", "Monday 29 September" (the weekday helps pick the year).
//! - Months: "August 2024" (with year); "in August", "since August",
//!   "early/late/mid-August", "last December", "In December last year"
//!   (without). A bare month needs such a word, and "May" needs one of
//!   in/since/until/till/early/late/mid/last/next, or a day or year.
//! - Weekdays: "Sunday", "on Sunday", "late on Monday", "on Saturday night",
//!   "last Tuesday", "next Tuesday", "Wednesday's".
//! - Relative days: "yesterday", "today", "tonight", "tomorrow", "this
//!   morning/afternoon/evening", "last night".
//!
//! Not dates: bare years ("in 2024"), decades ("in their 20s"), durations
//! and ages ("2-minute", "three-year-old", "24 hours"), clock times,
//! numbers before a unit ("June 5 percent"), lowercase "may"/"march",
//! "Theresa May", weekdays inside names ("Sunday Times", "Good Friday",
//! "USA Today"), recurring days ("every Sunday", "Sundays"), seasons,
//! "last week"/"last month", numeric dates like "12/01/2025" (day and month
//! order differ between outlets).
//!
//! # Resolution (against the reference: the publication date)
//! The tense of a date is read from the nearest verb in its clause
//! ([`tense`]): past ("said", "-ed"), future ("will", "is due to", "is
//! expected to"), or unknown (treated as past: news reports the past).
//! - Weekday: past → the latest such day on or before the reference (a
//!   Monday paper's "on Monday" is that day); future → the first on or
//!   after it; "last X" strictly before; "next X" strictly after.
//! - Yearless day: the year that puts it nearest the reference; a past verb
//!   keeps it on or before the reference, no verb lets it run up to two
//!   months after (schedules, deadlines), a future verb puts it on or
//!   after. With reference 2025-01-13, "Dec. 27" → 2024-12-27.
//! - Yearless month: the latest such month on or before the reference
//!   month (future: the first on or after); "last December" is the latest
//!   December strictly before the reference month; "December last year" is
//!   December of the reference year minus one.
//! - Relative days count from the reference day.
//!
//! Without a reference, relative expressions are skipped and yearless ones
//! take their year from an anchor: the latest date with a written year in
//! a sentence not in the future tense, anywhere in the same text (for an
//! article: body, embeds, captions). A yearless day or month is read as
//! the one nearest the anchor (the later one on a tie): with "August 2024"
//! in the text, "Jan. 12" is 2025-01-12 and "Dec. 27" 2024-12-27. Without
//! an anchor they are skipped. Such dates are not `relative`.
//!
//! Architecture invariant: every offset returned lies on a char boundary
//! of the text it indexes, and `written == &text[start..end]`.

mod infer;
mod lexicon;
mod resolve;
mod scan;
mod tense;

pub use infer::infer_publication;

use chrono::NaiveDate;
use concord_model::{Article, DateMention, PartialDate, RemovedKind, Span};
use concord_text::sentence_spans;
use resolve::{resolve, Basis};
use scan::{scan, Found};
use tense::Tense;

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte offsets into the text; `written == &text[start..end]`.
    pub start: usize,
    pub end: usize,
    /// The expression as printed, with a leading "on"/"in" and modifiers
    /// ("on Jan. 12", "late on Monday", "In December last year").
    pub written: String,
    pub date: PartialDate,
    /// Resolved against the reference (publication) date.
    pub relative: bool,
    /// The year is printed in the expression.
    pub explicit_year: bool,
}

/// Find date expressions in `text`; resolve yearless and relative ones
/// against `reference` (the publication date). Without a reference,
/// relative expressions are skipped and yearless ones take their year from
/// the latest explicit date in the same text, or are skipped (see the
/// module docs).
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<DateMatch> {
    let source = Scanned {
        text,
        origin: Origin::Body,
        found: scan(text),
    };
    let basis = basis_for(reference, std::slice::from_ref(&source));
    source
        .found
        .iter()
        .filter_map(|f| {
            let r = resolve(&f.expr, f.tense, basis)?;
            Some(DateMatch {
                start: f.start,
                end: f.end,
                written: source.written(f).to_string(),
                date: r.date,
                relative: r.relative,
                explicit_year: r.explicit_year,
            })
        })
        .collect()
}

/// Every date in the article's body paragraphs, resolved against
/// `article.reference_date()` (stated, else inferred publication date).
/// One mention per expression, with the sentence it stands in and its span
/// inside its paragraph. Without a reference date, yearless dates take
/// their year from the article's latest explicit date (see module docs).
pub fn article_dates(article: &Article) -> Vec<DateMention> {
    let sources = evidence_sources(article);
    let basis = basis_for(article.reference_date(), &sources);
    let mut out = Vec::new();
    for (paragraph, source) in sources.iter().enumerate() {
        // Body paragraphs come first in `sources`, in order.
        if source.origin != Origin::Body {
            break;
        }
        let sentences = sentence_spans(source.text);
        for f in &source.found {
            let Some(r) = resolve(&f.expr, f.tense, basis) else {
                continue;
            };
            let sentence = sentences
                .iter()
                .find(|&&(s, e)| s <= f.start && f.start < e)
                .and_then(|&(s, e)| source.text.get(s..e))
                .unwrap_or(source.text);
            out.push(DateMention {
                date: r.date,
                written: source.written(f).to_string(),
                sentence: sentence.to_string(),
                span: Span {
                    paragraph,
                    start: f.start,
                    end: f.end,
                },
                relative: r.relative,
            });
        }
    }
    out
}

/// Where a scanned text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Body,
    Removed(RemovedKind),
}

/// One text and the expressions found in it.
struct Scanned<'a> {
    text: &'a str,
    origin: Origin,
    found: Vec<Found>,
}

impl Scanned<'_> {
    fn written(&self, f: &Found) -> &str {
        self.text.get(f.start..f.end).unwrap_or_default()
    }
}

/// The article's texts that can date it: body paragraphs (first, in
/// order), then removed embeds, captions and metadata lines. Boilerplate,
/// consent banners and related links carry other pages' dates.
fn evidence_sources(article: &Article) -> Vec<Scanned<'_>> {
    let body = article
        .body_paragraphs
        .iter()
        .map(|p| (p.as_str(), Origin::Body));
    let removed = article
        .removed
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                RemovedKind::Embed | RemovedKind::Caption | RemovedKind::Metadata
            )
        })
        .map(|b| (b.text.as_str(), Origin::Removed(b.kind)));
    body.chain(removed)
        .map(|(text, origin)| Scanned {
            text,
            origin,
            found: scan(text),
        })
        .collect()
}

/// An expression without its leading "on"/"in", for explanations
/// ("year from 'August 2024'").
fn core_of(written: &str) -> &str {
    for prefix in ["on ", "On ", "in ", "In ", "ON ", "IN "] {
        if let Some(rest) = written.strip_prefix(prefix) {
            return rest.trim_start();
        }
    }
    written
}

/// The latest date with a written year, not in a future-tense sentence.
struct Anchor {
    date: PartialDate,
    written: String,
}

impl Anchor {
    /// The day yearless dates are measured from: the day, or mid-month.
    fn center(&self) -> NaiveDate {
        let day = self.date.day.unwrap_or(15);
        NaiveDate::from_ymd_opt(self.date.year, self.date.month, day)
            .or_else(|| NaiveDate::from_ymd_opt(self.date.year, self.date.month, 1))
            .unwrap_or_default()
    }
}

fn latest_explicit(sources: &[Scanned<'_>]) -> Option<Anchor> {
    sources
        .iter()
        .flat_map(|s| s.found.iter().map(move |f| (s, f)))
        .filter(|(_, f)| f.expr.has_written_year() && f.tense != Tense::Future)
        .filter_map(|(s, f)| {
            let r = resolve(&f.expr, f.tense, Basis::Nothing)?;
            Some(Anchor {
                date: r.date,
                written: core_of(s.written(f)).to_string(),
            })
        })
        .max_by_key(|a| a.date)
}

fn basis_for(reference: Option<NaiveDate>, sources: &[Scanned<'_>]) -> Basis {
    match reference {
        Some(r) => Basis::Reference(r),
        None => latest_explicit(sources).map_or(Basis::Nothing, |a| Basis::Anchor(a.center())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// (written, date) pairs, for compact assertions.
    fn dates(text: &str, reference: Option<NaiveDate>) -> Vec<(String, String)> {
        find_dates(text, reference)
            .into_iter()
            .map(|m| (m.written, m.date.to_string()))
            .collect()
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(w, d)| (w.to_string(), d.to_string()))
            .collect()
    }

    #[test]
    fn resolves_against_a_monday_reference() {
        let monday = ymd(2025, 1, 13);
        assert_eq!(monday.weekday(), Weekday::Mon);
        let text = "Zelenskiy said on Saturday that two were captured. He said on Sunday \
                    Kyiv is ready. A lawmaker said on Monday that 300 died. Kirby said on \
                    Dec. 27 that they will be targeted. It began in early August.";
        assert_eq!(
            dates(text, Some(monday)),
            pairs(&[
                ("on Saturday", "2025-01-11"),
                ("on Sunday", "2025-01-12"),
                ("on Monday", "2025-01-13"),
                ("on Dec. 27", "2024-12-27"),
                ("in early August", "2024-08"),
            ])
        );
    }

    #[test]
    fn future_sentences_look_ahead() {
        let monday = ymd(2025, 1, 13);
        let text = "The court will rule on Tuesday. He is due to speak next Friday. \
                    Talks are expected to resume on Jan. 20. Elections will be held in March.";
        assert_eq!(
            dates(text, Some(monday)),
            pairs(&[
                ("on Tuesday", "2025-01-14"),
                ("next Friday", "2025-01-17"),
                ("on Jan. 20", "2025-01-20"),
                ("in March", "2025-03"),
            ])
        );
    }

    #[test]
    fn relative_days_and_last_month_forms() {
        let r = ymd(2025, 1, 13);
        let text = "He left yesterday, returns tomorrow and spoke this morning. Last Tuesday \
                    he met them. In December last year, losses rose. Prices fell last December.";
        assert_eq!(
            dates(text, Some(r)),
            pairs(&[
                ("yesterday", "2025-01-12"),
                ("tomorrow", "2025-01-14"),
                ("this morning", "2025-01-13"),
                ("Last Tuesday", "2025-01-07"),
                ("In December last year", "2024-12"),
                ("last December", "2024-12"),
            ])
        );
    }

    #[test]
    fn flags_say_how_a_date_was_placed() {
        let r = ymd(2025, 1, 13);
        let found = find_dates("On Jan. 12, 2025 and on Jan. 12 and on Sunday.", Some(r));
        let flags: Vec<(bool, bool)> = found
            .iter()
            .map(|m| (m.relative, m.explicit_year))
            .collect();
        assert_eq!(flags, [(false, true), (true, false), (true, false)]);
    }

    #[test]
    fn without_a_reference_relative_dates_are_skipped() {
        let text = "He said on Sunday and yesterday and on Jan. 12 and in August.";
        assert_eq!(dates(text, None), Vec::<(String, String)>::new());
    }

    #[test]
    fn without_a_reference_an_explicit_year_anchors_yearless_dates() {
        let text = "Ukraine launched an incursion in August 2024. Kirby said on Dec. 27 \
                    that it failed. Zelensky said on Jan. 12 that he is ready, on Sunday.";
        assert_eq!(
            dates(text, None),
            pairs(&[
                ("in August 2024", "2024-08"),
                ("on Dec. 27", "2024-12-27"),
                ("on Jan. 12", "2025-01-12"),
            ])
        );
        let anchored = find_dates(text, None);
        assert!(anchored.iter().all(|m| !m.relative));
    }

    #[test]
    fn a_future_explicit_date_is_no_anchor() {
        let text = "Elections will be held on March 3, 2027. He said on Jan. 12 that he runs.";
        assert_eq!(
            dates(text, None),
            pairs(&[("on March 3, 2027", "2027-03-03")])
        );
    }

    #[test]
    fn article_dates_have_spans_and_sentences() {
        let article = Article {
            source: "a.txt".into(),
            published: Some(ymd(2025, 1, 13)),
            ..Article::from_paragraphs(
                "a",
                [
                    "No date here.",
                    "It rained. “Hello,” Zelenskiy said on Sunday. Then it stopped.",
                ],
            )
        };
        let got = article_dates(&article);
        assert_eq!(got.len(), 1);
        let m = &got[0];
        assert_eq!(m.written, "on Sunday");
        assert_eq!(m.date.to_string(), "2025-01-12");
        assert_eq!(m.sentence, "“Hello,” Zelenskiy said on Sunday.");
        assert_eq!(m.span.paragraph, 1);
        assert_eq!(
            &article.body_paragraphs[1][m.span.start..m.span.end],
            "on Sunday"
        );
        assert!(m.relative);
    }

    /// Text built from date-like pieces, so the proptest reaches the
    /// matchers rather than only random noise.
    fn datey_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("on".to_string()),
            Just("in".to_string()),
            Just("late".to_string()),
            Just("last".to_string()),
            Just("Jan.".to_string()),
            Just("Sept".to_string()),
            Just("May".to_string()),
            Just("mid-August".to_string()),
            Just("December".to_string()),
            Just("Sunday's".to_string()),
            Just("Monday".to_string()),
            Just("yesterday".to_string()),
            Just("will".to_string()),
            Just("said".to_string()),
            Just("2025-01-13".to_string()),
            Just(",".to_string()),
            Just(".".to_string()),
            Just("“".to_string()),
            (0u32..40).prop_map(|n| n.to_string()),
            (1890u32..2110).prop_map(|n| n.to_string()),
            "\\PC{0,4}",
        ];
        let sep = prop_oneof![Just(" "), Just(""), Just("  "), Just("\n"), Just("-")];
        prop::collection::vec((piece, sep), 0..24)
            .prop_map(|v| v.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
    }

    fn check_offsets(text: &str, found: &[DateMatch]) -> Result<(), TestCaseError> {
        let mut last_end = 0;
        for m in found {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start >= last_end, "overlapping matches");
            prop_assert_eq!(&text[m.start..m.end], m.written.as_str());
            // The core of the expression (a digit, month, weekday or
            // relative word) is inside the span, not only "on"/"in".
            let lower = m.written.to_lowercase();
            let bare = lower
                .trim_start_matches("on ")
                .trim_start_matches("in ")
                .trim();
            prop_assert!(!bare.is_empty() && bare != "on" && bare != "in");
            last_end = m.end;
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,200}", days in -200_000i32..200_000) {
            let reference = ymd(2025, 1, 13).checked_add_signed(chrono::Duration::days(i64::from(days)));
            let found = find_dates(&text, reference);
            check_offsets(&text, &found)?;
            let _ = find_dates(&text, None);
        }

        #[test]
        fn offsets_hold_on_date_like_text(text in datey_text(), with_reference in any::<bool>()) {
            let reference = with_reference.then(|| ymd(2025, 1, 13));
            let found = find_dates(&text, reference);
            check_offsets(&text, &found)?;
        }

        #[test]
        fn past_weekdays_fall_in_the_week_before(day in 0i64..3000, w in 0u8..7) {
            let reference = ymd(2020, 1, 1) + chrono::Duration::days(day);
            let name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][usize::from(w)];
            let text = format!("He said on {name} that it ended.");
            let found = find_dates(&text, Some(reference));
            prop_assert_eq!(found.len(), 1);
            let d = found[0].date.as_naive().expect("a day");
            prop_assert_eq!(d.weekday().num_days_from_monday(), u32::from(w));
            prop_assert!(d <= reference && (reference - d).num_days() < 7);
        }
    }
}
