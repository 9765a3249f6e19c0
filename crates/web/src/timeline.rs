//! The timeline as an SVG chart (drawn on the server, so it needs no
//! script), with the dated events listed beneath it.

use concord_model::TimelineEntry;
use maud::{html, Markup};

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 96.0;
const MARGIN: f64 = 40.0;
const AXIS_Y: f64 = 56.0;
/// Longest span drawn to scale.
const MAX_SCALED_DAYS: i64 = 120;

/// The chart: one mark per event, placed by date on a day scale; events
/// known only to the month are drawn hollow at the month's first day.
pub(crate) fn chart(entries: &[TimelineEntry]) -> Markup {
    let days: Vec<(usize, i64, bool)> = entries
        .iter()
        .enumerate()
        .filter_map(|(n, e)| {
            let d = e
                .date
                .as_naive()
                .or_else(|| chrono::NaiveDate::from_ymd_opt(e.date.year, e.date.month, 1))?;
            Some((n, days_since_epoch(d), e.date.day.is_some()))
        })
        .collect();
    let (Some(first), Some(last)) = (
        days.iter().map(|d| d.1).min(),
        days.iter().map(|d| d.1).max(),
    ) else {
        return html! {};
    };
    // Beyond a few months, a day scale crowds the recent events (often all
    // of them) into one point: place events evenly by order instead.
    let to_scale = last - first <= MAX_SCALED_DAYS;
    let span = (last - first).max(1) as f64;
    let steps = days.len().saturating_sub(1).max(1) as f64;
    let width = WIDTH - 2.0 * MARGIN;
    let x = |order: usize, day: i64| {
        if to_scale {
            MARGIN + (day - first) as f64 / span * width
        } else {
            MARGIN + order as f64 / steps * width
        }
    };
    let label = |e: &TimelineEntry| e.date.to_string();
    html! {
        svg.timeline viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img"
            aria-label="Timeline of dated events" {
            line x1=(MARGIN) y1=(AXIS_Y) x2=(WIDTH - MARGIN) y2=(AXIS_Y) class="axis" {}
            @if let (Some(f), Some(l)) = (entries.first(), entries.last()) {
                text x=(MARGIN) y=(HEIGHT - 8.0) class="tick" { (label(f)) }
                text x=(WIDTH - MARGIN) y=(HEIGHT - 8.0) class="tick end" { (label(l)) }
            }
            @if !to_scale {
                text x=(WIDTH / 2.0) y=(HEIGHT - 8.0) class="tick mid" { "in order, not to scale" }
            }
            @for (order, (n, day, exact)) in days.iter().enumerate() {
                g {
                    title { (entries.get(*n).map(label).unwrap_or_default()) }
                    circle cx=(format!("{:.1}", x(order, *day))) cy=(AXIS_Y) r="7"
                        class=(if *exact { "event" } else { "event approx" }) {}
                    text x=(format!("{:.1}", x(order, *day))) y=(AXIS_Y - 14.0 - (*n % 2) as f64 * 14.0)
                        class="num" { (n + 1) }
                }
            }
        }
    }
}

fn days_since_epoch(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.num_days_from_ce())
}
