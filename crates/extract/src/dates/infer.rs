//! Inferring the publication date of an article that states none, from
//! the dates it mentions and the stated dates of the other articles in its
//! story. The answer carries its evidence in words a user can check.

use super::resolve::{resolve, shift, weekday_date, Basis};
use super::scan::{Expr, WeekdayWhich};
use super::tense::Tense;
use super::{core_of, evidence_sources, latest_explicit, Origin, Scanned};
use chrono::{NaiveDate, Weekday};
use concord_model::{Article, InferredDate, PartialDate, RemovedKind};

/// Weekday names in news refer to the past week, so the publication day
/// is looked for at most this many days after the latest dated mention.
const WEEK_DAYS: i64 = 6;

/// Where the year of a yearless mention came from.
#[derive(Debug, Clone)]
enum YearFrom {
    Written,
    Story(NaiveDate),
    Anchor(String),
}

/// A past mention placed on the calendar without a publication date.
#[derive(Debug, Clone)]
struct Mention {
    date: PartialDate,
    written: String,
    origin: Origin,
    year_from: YearFrom,
    tense: Tense,
}

/// A weekday named as past, to be placed once a publication day is tried.
#[derive(Debug, Clone)]
struct NamedWeekday {
    written: String,
    weekday: Weekday,
    which: WeekdayWhich,
}

/// The earliest publication day the text allows.
#[derive(Debug, Clone)]
struct Bound {
    date: NaiveDate,
    /// True when the bound is a day the text dates; false when only a
    /// month is known (the bound is its first day).
    precise: bool,
    mention: Mention,
    /// Set when named weekdays push the bound past the dated mention.
    weekdays: Option<WeekdayReading>,
}

#[derive(Debug, Clone)]
struct WeekdayReading {
    /// The latest of the weekdays as read from the bound.
    latest: (String, NaiveDate),
    all: Vec<String>,
}

/// Infer a publication date for an article that states none (`None` when
/// `article.published` is set, or when nothing dates the article).
///
/// The article is published on or after the latest date it mentions as
/// past (future-tense mentions do not count). Body paragraphs count, and so
/// do removed embeds, captions and metadata lines: an embedded post signed
/// "January 12, 2025" dates the article to that day or later. Boilerplate
/// and related links do not, since they carry other pages' dates.
///
/// Yearless mentions take their year from the other articles' stated dates
/// when there are any, else from the latest explicit date in the article.
/// Weekdays named as past ("on Thursday") must fall in the week before
/// publication: when the text dates one event and names weekdays too, the
/// publication day is the one, in the six days from that date, that packs
/// the weekdays and the date closest together (the earliest on a tie).
///
/// A body date that no verb marks as past may be a schedule, so it does
/// not carry the article past the other articles' dates.
///
/// When other articles in the story state their dates, the earliest of
/// those not before that bound is taken (stories are reported within
/// days); otherwise the bound itself, if it is a day. A date after all the
/// evidence is never returned.
pub fn infer_publication(article: &Article, story_published: &[NaiveDate]) -> Option<InferredDate> {
    if article.published.is_some() {
        return None;
    }
    let sources = evidence_sources(article);
    let anchor = latest_explicit(&sources);
    let story_ref = story_published.iter().max().copied();
    let (basis, year_from) = match (story_ref, &anchor) {
        (Some(r), _) => (Basis::Reference(r), YearFrom::Story(r)),
        (None, Some(a)) => (
            Basis::Anchor(a.center()),
            YearFrom::Anchor(a.written.clone()),
        ),
        (None, None) => (Basis::Nothing, YearFrom::Written),
    };
    let (mentions, weekdays) = collect(&sources, basis, &year_from);
    // A body date no verb marks as past may be a schedule ("the deadline
    // is March 1"): it may not carry the article past the other articles'
    // dates. Past-tense dates and signature lines (no verb) may.
    let mentions: Vec<Mention> = mentions
        .into_iter()
        .filter(|m| {
            let schedule_like = m.tense == Tense::Unknown && m.origin == Origin::Body;
            match (story_ref, first_day(&m.date)) {
                (Some(r), Some(d)) if schedule_like => d <= r,
                _ => true,
            }
        })
        .collect();
    let bound = bound(&mentions, &weekdays);
    let mut stories = story_published.to_vec();
    stories.sort_unstable();
    let story_pick = stories.iter().copied().find(|s| match &bound {
        None => true,
        Some(b) => b.date <= *s,
    });
    if let Some(s) = story_pick {
        let check = match &bound {
            None => "the text mentions no date to check it against".to_string(),
            Some(b) => format!(
                "no date in the text contradicts it (latest: {})",
                describe(b)
            ),
        };
        return Some(InferredDate {
            date: s,
            how: format!(
                "stated publication date of other articles in the same story ({s}); {check}"
            ),
        });
    }
    let b = bound.filter(|b| b.precise)?;
    let mut how = format!("latest date mentioned in the text: {}", describe(&b));
    if let Some(latest_story) = stories.last() {
        how.push_str(&format!(
            "; the other articles in the same story are dated earlier ({latest_story})"
        ));
    }
    Some(InferredDate { date: b.date, how })
}

/// The past mentions that place themselves without a publication date,
/// and the past weekdays that need one.
fn collect(
    sources: &[Scanned<'_>],
    basis: Basis,
    year_from: &YearFrom,
) -> (Vec<Mention>, Vec<NamedWeekday>) {
    let mut mentions = Vec::new();
    let mut weekdays = Vec::new();
    for source in sources {
        for found in &source.found {
            if found.tense == Tense::Future {
                continue;
            }
            let written = core_of(source.written(found)).to_string();
            match found.expr {
                Expr::Day(_)
                | Expr::MonthOfYear { .. }
                | Expr::MonthDay { .. }
                | Expr::Month {
                    which: super::scan::MonthWhich::Nearest,
                    ..
                } => {
                    // The basis is another article's date, not this one's,
                    // so a past verb must not forbid a day after it.
                    let Some(r) = resolve(&found.expr, Tense::Unknown, basis) else {
                        continue;
                    };
                    mentions.push(Mention {
                        date: r.date,
                        written,
                        origin: source.origin,
                        tense: found.tense,
                        year_from: if r.explicit_year {
                            YearFrom::Written
                        } else {
                            year_from.clone()
                        },
                    });
                }
                Expr::Weekday {
                    weekday,
                    which: which @ (WeekdayWhich::Nearest | WeekdayWhich::Last),
                } => weekdays.push(NamedWeekday {
                    written,
                    weekday,
                    which,
                }),
                _ => {}
            }
        }
    }
    (mentions, weekdays)
}

/// The first day of a mention's period: the day, or the month's first.
fn first_day(date: &PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day.unwrap_or(1))
}

/// The earliest publication day the mentions allow (see
/// [`infer_publication`] for the weekday rule).
fn bound(mentions: &[Mention], weekdays: &[NamedWeekday]) -> Option<Bound> {
    let latest_day = mentions
        .iter()
        .filter(|m| m.date.day.is_some())
        .filter_map(|m| Some((m.date.as_naive()?, m)))
        .max_by_key(|(d, _)| *d);
    let Some((dated, mention)) = latest_day else {
        let (date, mention) = mentions
            .iter()
            .filter_map(|m| Some((first_day(&m.date)?, m)))
            .max_by_key(|(d, _)| *d)?;
        return Some(Bound {
            date,
            precise: false,
            mention: mention.clone(),
            weekdays: None,
        });
    };
    // A month mention later than every dated day ("in February" after
    // "Jan. 12") still bounds the article from below.
    let month_after = mentions
        .iter()
        .filter(|m| m.date.day.is_none())
        .filter_map(|m| Some((first_day(&m.date)?, m)))
        .filter(|(d, _)| *d > dated)
        .max_by_key(|(d, _)| *d);
    if let Some((date, mention)) = month_after {
        return Some(Bound {
            date,
            precise: false,
            mention: mention.clone(),
            weekdays: None,
        });
    }
    let mut best: Option<(i64, NaiveDate)> = None;
    for offset in 0..=WEEK_DAYS {
        let Some(day) = shift(dated, offset) else {
            break;
        };
        let read = read_weekdays(day, weekdays);
        let lo = read
            .iter()
            .map(|(_, d)| *d)
            .chain([dated])
            .min()
            .unwrap_or(dated);
        let hi = read
            .iter()
            .map(|(_, d)| *d)
            .chain([dated])
            .max()
            .unwrap_or(dated);
        let spread = (hi - lo).num_days();
        let better = match best {
            None => true,
            Some((best_spread, _)) => spread < best_spread,
        };
        if better {
            best = Some((spread, day));
        }
    }
    let date = best.map_or(dated, |(_, d)| d);
    let weekdays = if date > dated {
        let read = read_weekdays(date, weekdays);
        read.iter()
            .max_by_key(|(_, d)| *d)
            .cloned()
            .map(|latest| WeekdayReading {
                latest,
                all: read.iter().map(|(w, _)| w.clone()).collect(),
            })
    } else {
        None
    };
    Some(Bound {
        date,
        precise: true,
        mention: mention.clone(),
        weekdays,
    })
}

/// The named weekdays as read from publication day `day`.
fn read_weekdays(day: NaiveDate, weekdays: &[NamedWeekday]) -> Vec<(String, NaiveDate)> {
    weekdays
        .iter()
        .filter_map(|w| {
            let d = weekday_date(day, w.weekday, w.which, Tense::Past)?;
            Some((w.written.clone(), d))
        })
        .collect()
}

/// The bound in words: "'on Jan. 12' = 2025-01-12, year from 'August
/// 2024'".
fn describe(b: &Bound) -> String {
    let m = &b.mention;
    let origin = match m.origin {
        Origin::Body => "",
        Origin::Removed(RemovedKind::Embed) => " in an embedded post",
        Origin::Removed(RemovedKind::Caption) => " in a caption",
        Origin::Removed(_) => " in a metadata line",
    };
    let year = match &m.year_from {
        YearFrom::Written => String::new(),
        YearFrom::Story(d) => format!(", year from the other articles' dates ({d})"),
        YearFrom::Anchor(w) => format!(", year from '{w}'"),
    };
    let dated = format!("'{}'{origin} = {}{year}", m.written, m.date);
    match &b.weekdays {
        None => dated,
        Some(r) => format!(
            "'{}' = {}, reading the weekdays it names ({}) as the days that follow {dated}",
            r.latest.0,
            r.latest.1,
            r.all
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use concord_model::RemovedBlock;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            source: "a.txt".into(),
            ..Article::from_paragraphs("a", paragraphs.iter().copied())
        }
    }

    #[test]
    fn stated_date_means_nothing_to_infer() {
        let mut a = article(&["It happened on Jan. 12, 2025."]);
        a.published = Some(ymd(2025, 1, 13));
        assert_eq!(infer_publication(&a, &[]), None);
    }

    #[test]
    fn latest_mention_with_year_from_an_explicit_month() {
        let a = article(&[
            "Ukraine launched an incursion in August 2024.",
            "He said on Dec. 27 that it went well, and on Jan. 12 that it did not.",
        ]);
        let got = infer_publication(&a, &[]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 1, 12));
        assert!(got.how.contains("'Jan. 12' = 2025-01-12"), "{}", got.how);
        assert!(got.how.contains("year from 'August 2024'"), "{}", got.how);
    }

    #[test]
    fn embedded_post_signature_dates_the_article() {
        let mut a = article(&["Zelensky's new offer came Sunday."]);
        a.removed.push(RemovedBlock {
            text: "— Volodymyr Zelenskyy (@ZelenskyyUa) January 12, 2025".into(),
            kind: RemovedKind::Embed,
            reason: "embed".into(),
        });
        let got = infer_publication(&a, &[]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 1, 12));
        assert!(got.how.contains("in an embedded post"), "{}", got.how);
        let with_story = infer_publication(&a, &[ymd(2025, 1, 13)]).expect("inferred");
        assert_eq!(with_story.date, ymd(2025, 1, 13));
        assert!(with_story
            .how
            .starts_with("stated publication date of other articles"));
    }

    #[test]
    fn story_dates_before_the_text_are_not_taken() {
        let a = article(&["The deal was signed on March 3, 2025."]);
        let got = infer_publication(&a, &[ymd(2025, 2, 1)]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 3, 3));
        assert!(got.how.contains("dated earlier"), "{}", got.how);
        let later = infer_publication(&a, &[ymd(2025, 2, 1), ymd(2025, 3, 4), ymd(2025, 3, 9)]);
        assert_eq!(later.map(|d| d.date), Some(ymd(2025, 3, 4)));
    }

    #[test]
    fn future_mentions_and_boilerplate_do_not_count() {
        let mut a =
            article(&["The summit will be held on June 3, 2025. Talks began on May 2, 2025."]);
        a.removed.push(RemovedBlock {
            text: "Most read: December 1, 2025".into(),
            kind: RemovedKind::RelatedLink,
            reason: "related".into(),
        });
        assert_eq!(
            infer_publication(&a, &[]).map(|d| d.date),
            Some(ymd(2025, 5, 2))
        );
    }

    #[test]
    fn an_unmarked_schedule_does_not_outrun_the_story() {
        let a = article(&["Talks began on Jan. 10. The ceasefire deadline is March 1."]);
        let got = infer_publication(&a, &[ymd(2025, 1, 13)]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 1, 13));
        // A past verb may: the article reports it, so it came out later.
        let b = article(&["The ceasefire collapsed on Jan. 20."]);
        let got = infer_publication(&b, &[ymd(2025, 1, 13)]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 1, 20));
    }

    #[test]
    fn nothing_to_go_by() {
        assert_eq!(
            infer_publication(&article(&["On Sunday he left."]), &[]),
            None
        );
        // A yearless day with no year anywhere cannot be placed.
        assert_eq!(
            infer_publication(&article(&["I came on January 3."]), &[]),
            None
        );
        // A month alone is not a publication day.
        assert_eq!(
            infer_publication(&article(&["It began in August 2024."]), &[]),
            None
        );
        let only_story = infer_publication(&article(&["No dates here."]), &[ymd(2025, 1, 13)]);
        assert_eq!(only_story.as_ref().map(|d| d.date), Some(ymd(2025, 1, 13)));
        assert!(only_story.is_some_and(|d| d.how.contains("no date to check")));
    }

    #[test]
    fn weekdays_after_a_dated_event_move_the_day_forward() {
        // 29 September 2025 was a Monday.
        assert_eq!(ymd(2025, 9, 29).weekday(), Weekday::Mon);
        let a = article(&[
            "The toll rose on Thursday, officials said.",
            "The quake struck on Monday 29 September. On Wednesday afternoon, an aftershock hit.",
        ]);
        let got = infer_publication(&a, &[ymd(2025, 9, 30)]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 10, 2));
        assert!(got.how.contains("'Thursday' = 2025-10-02"), "{}", got.how);
    }

    #[test]
    fn weekdays_before_a_dated_event_leave_it() {
        // 3 October 2025 was a Friday; Monday..Thursday before it pack best.
        let a = article(&[
            "A girl was pulled alive from the ruins on Oct. 3, four days after the quake struck Monday night.",
            "The Spanish team flew in Thursday. Wednesday's aftershock made it worse.",
        ]);
        let got = infer_publication(&a, &[ymd(2025, 9, 30)]).expect("inferred");
        assert_eq!(got.date, ymd(2025, 10, 3));
    }
}
