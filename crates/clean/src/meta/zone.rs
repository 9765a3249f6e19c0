//! The publisher's local day for a timestamp given in UTC. Sites convert
//! publication times to UTC (`…T23:10:00Z`, `+00:00`) in their metadata
//! while the page and its readers see the local day, which differs for
//! evening or early-morning stories. The local day comes from the page's
//! own local evidence (its URL path, a printed date, a timestamp with a
//! real offset) when it agrees within a day, else from the publisher's
//! time zone guessed from the language tag and the URL's country domain.

use super::evidence::{rank, DatedBy, Evidence, Role};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

/// Time zones of the countries whose sites are common, with their daylight
/// saving rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Fixed offset in hours, no daylight saving.
    Fixed(i64),
    /// European rule: standard offset, +1 h from the last Sunday of March
    /// to the last Sunday of October (01:00 UTC both).
    Europe(i64),
    /// United States Eastern time (most US news sites).
    UsEastern,
}

fn country_zone(country: &str) -> Option<Zone> {
    let zone = match country {
        "gb" | "uk" | "ie" | "pt" => Zone::Europe(0),
        "de" | "at" | "ch" | "it" | "fr" | "es" | "nl" | "be" | "lu" | "pl" | "cz" | "sk"
        | "dk" | "se" | "no" | "hu" | "si" | "hr" | "rs" | "li" => Zone::Europe(1),
        "fi" | "gr" | "ro" | "bg" | "ee" | "lv" | "lt" | "ua" => Zone::Europe(2),
        "ru" | "by" | "tr" => Zone::Fixed(3),
        "in" => Zone::Fixed(5),
        "cn" | "hk" | "tw" | "sg" => Zone::Fixed(8),
        "jp" | "kr" => Zone::Fixed(9),
        "us" => Zone::UsEastern,
        _ => return None,
    };
    Some(zone)
}

fn language_zone(lang: &str) -> Option<Zone> {
    let country = match lang {
        "de" | "fr" | "it" | "es" | "nl" | "pl" | "cs" | "sk" | "da" | "sv" | "nb" | "hu" => "de",
        "fi" | "el" | "ro" | "bg" | "et" | "lv" | "lt" | "uk" => "fi",
        "ru" => "ru",
        "ja" => "jp",
        "ko" => "kr",
        "zh" => "cn",
        _ => return None,
    };
    country_zone(country)
}

/// The publisher's zone: the region of the language tag (`en-US`, `de_AT`),
/// else the URL's country domain, else the language alone (not English,
/// which is written in every zone).
fn guess_zone(lang_tag: Option<&str>, url: Option<&str>) -> Option<Zone> {
    let tag = lang_tag.map(|t| t.trim().replace('_', "-").to_ascii_lowercase());
    let mut parts = tag.as_deref().unwrap_or("").split('-');
    let lang = parts.next().unwrap_or("").to_string();
    let region = parts.next().filter(|r| r.len() == 2);
    let tld = url.and_then(|u| {
        let host = u.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?;
        host.rsplit('.').next().map(str::to_ascii_lowercase)
    });
    region
        .and_then(country_zone)
        .or_else(|| tld.as_deref().and_then(country_zone))
        .or_else(|| language_zone(&lang))
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = next.pred_opt()?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(day)
}

fn nth_sunday(year: i32, month: u32, n: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset = (7 - first.weekday().num_days_from_sunday()) % 7;
    first.checked_add_signed(Duration::days(i64::from(offset + 7 * (n - 1))))
}

fn local_time(zone: Zone, utc: NaiveDateTime) -> Option<NaiveDateTime> {
    let year = utc.year();
    let hours = match zone {
        Zone::Fixed(h) => h,
        Zone::Europe(standard) => {
            let start = last_sunday(year, 3)?.and_hms_opt(1, 0, 0)?;
            let end = last_sunday(year, 10)?.and_hms_opt(1, 0, 0)?;
            standard + i64::from(utc >= start && utc < end)
        }
        Zone::UsEastern => {
            let start = nth_sunday(year, 3, 2)?.and_hms_opt(7, 0, 0)?;
            let end = nth_sunday(year, 11, 1)?.and_hms_opt(6, 0, 0)?;
            if utc >= start && utc < end {
                -4
            } else {
                -5
            }
        }
    };
    utc.checked_add_signed(Duration::hours(hours))
}

/// Local evidence this strong may name the local day of a UTC timestamp.
const LOCAL_RANK_MIN: u8 = 58;

/// The chosen publication date, moved to the publisher's local day when it
/// was read from a UTC timestamp: kept when a date stated in local time
/// (printed on the page, or in the URL path) is the same day; else moved
/// to the day such strong local evidence a day off names; else converted
/// to the zone the page's language and domain point to.
pub(crate) fn local_day(
    chosen: DatedBy,
    utc: Option<NaiveDateTime>,
    all: &[Evidence],
    lang_tag: Option<&str>,
    url: Option<&str>,
) -> DatedBy {
    let Some(utc) = utc else {
        return chosen;
    };
    let local = || {
        all.iter()
            .filter(|e| e.local && e.role == Role::Published)
            .filter(|e| e.rank >= rank::DATE_CLASS)
    };
    if local().any(|e| e.date == chosen.date) {
        return chosen;
    }
    let near = |d: NaiveDate| (d - chosen.date).num_days().abs() <= 1;
    let moved = local()
        .filter(|e| e.rank >= LOCAL_RANK_MIN && near(e.date))
        .max_by_key(|e| e.rank);
    if let Some(e) = moved {
        return DatedBy {
            date: e.date,
            provenance: format!(
                "{} (a UTC time; the local day from {})",
                chosen.provenance, e.provenance
            ),
        };
    }
    match guess_zone(lang_tag, url).and_then(|zone| local_time(zone, utc)) {
        Some(t) if t.date() != chosen.date => DatedBy {
            date: t.date(),
            provenance: format!(
                "{} (a UTC time, in the publisher's time zone)",
                chosen.provenance
            ),
        },
        _ => chosen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn chosen(day: &str) -> DatedBy {
        DatedBy {
            date: day.parse().unwrap(),
            provenance: "JSON-LD datePublished".into(),
        }
    }

    #[test]
    fn european_evening_and_us_evening() {
        let utc = at("2019-10-18 22:04");
        let got = local_day(chosen("2019-10-18"), Some(utc), &[], Some("de-AT"), None);
        assert_eq!(got.date.to_string(), "2019-10-19");
        let utc = at("2023-11-09 01:09");
        let got = local_day(chosen("2023-11-09"), Some(utc), &[], Some("en-US"), None);
        assert_eq!(got.date.to_string(), "2023-11-08");
        let got = local_day(chosen("2023-11-09"), Some(utc), &[], Some("en"), None);
        assert_eq!(
            got.date.to_string(),
            "2023-11-09",
            "English alone: zone unknown"
        );
        let got = local_day(
            chosen("2023-11-09"),
            Some(utc),
            &[],
            None,
            Some("https://x.it/a"),
        );
        assert_eq!(
            got.date.to_string(),
            "2023-11-09",
            "02:09 in Rome is the same day"
        );
    }

    #[test]
    fn a_printed_utc_day_means_the_page_shows_utc_days() {
        let mut printed =
            Evidence::new("2023-10-10".parse().unwrap(), Role::Published, 58, "byline");
        printed.local = true;
        let utc = at("2023-10-10 23:30");
        let got = local_day(
            chosen("2023-10-10"),
            Some(utc),
            &[printed],
            Some("en-GB"),
            None,
        );
        assert_eq!(got.date.to_string(), "2023-10-10");
    }

    #[test]
    fn local_evidence_beats_the_zone_guess() {
        let mut url_day = Evidence::new(
            "2023-11-08".parse().unwrap(),
            Role::Published,
            80,
            "URL path",
        );
        url_day.local = true;
        let got = local_day(
            chosen("2023-11-09"),
            Some(at("2023-11-09 01:09")),
            &[url_day],
            None,
            None,
        );
        assert_eq!(got.date.to_string(), "2023-11-08");
        assert!(got.provenance.contains("URL path"));
    }

    #[test]
    fn daylight_saving_rules() {
        assert_eq!(last_sunday(2019, 10).unwrap().to_string(), "2019-10-27");
        assert_eq!(nth_sunday(2023, 3, 2).unwrap().to_string(), "2023-03-12");
        let summer = local_time(Zone::Europe(1), at("2019-07-01 22:30")).unwrap();
        assert_eq!(summer.to_string(), "2019-07-02 00:30:00");
        let winter = local_time(Zone::Europe(1), at("2019-12-01 22:30")).unwrap();
        assert_eq!(winter.to_string(), "2019-12-01 23:30:00");
    }
}
