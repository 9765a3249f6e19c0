//! The reconciled facts of a story: claims, quotes and the timeline.

use super::escape::inline;
use super::sources::SourceNumbers;
use concord_model::{Claim, ClaimStatus, ClaimValue, Quote, TimelineEntry};

/// The claims table: one row per value, so every value keeps its own
/// sources, attribution and hedge. Subject and unit repeat on each row so a
/// row still reads correctly when the table is sorted or filtered.
pub(crate) fn claims(claims: &[Claim], sources: &SourceNumbers) -> Vec<String> {
    if claims.is_empty() {
        return vec!["None.".to_owned()];
    }
    let mut lines = vec![
        "| status | subject | unit | value | sources | attribution | hedge |".to_owned(),
        "| --- | --- | --- | ---: | --- | --- | --- |".to_owned(),
    ];
    for claim in claims {
        for value in &claim.values {
            lines.push(claim_row(claim, value, sources));
        }
    }
    lines
}

fn claim_row(claim: &Claim, value: &ClaimValue, sources: &SourceNumbers) -> String {
    let number = format_number(value.value);
    // Disputed values are bold so the disagreement stands out in the column.
    let shown_value = match claim.status {
        ClaimStatus::Conflict => format!("**{number}**"),
        ClaimStatus::Agree | ClaimStatus::Single => number,
    };
    format!(
        "| {} | {} | {} | {} | {} | {} | {} |",
        status_label(claim.status),
        inline(&claim.subject),
        inline(&claim.unit),
        shown_value,
        sources.marks(&value.articles),
        optional(value.attribution.as_deref()),
        optional(value.hedge.as_deref()),
    )
}

fn status_label(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Agree => "✓ agree",
        ClaimStatus::Conflict => "⚠ conflict",
        ClaimStatus::Single => "single source",
    }
}

/// Escaped text, or a dash for a value the sources do not give.
fn optional(text: Option<&str>) -> String {
    text.map(inline).unwrap_or_else(|| "—".to_owned())
}

/// Whole numbers with thousands separators ("12,000"), as news copy writes
/// them; anything else in Rust's shortest round-trip form ("2.5").
pub(crate) fn format_number(value: f64) -> String {
    // Below 2^53 every whole f64 converts to i64 exactly.
    const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;
    if value.fract() != 0.0 || value.abs() >= EXACT_LIMIT {
        return value.to_string();
    }
    let digits = (value.abs() as i64).to_string();
    // The leading group holds 1–3 digits; every later group exactly 3.
    let head_len = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    let (head, rest) = digits.split_at(head_len);
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0.0 {
        grouped.push('-');
    }
    grouped.push_str(head);
    for group in rest.as_bytes().chunks(3) {
        grouped.push(',');
        // Digits are ASCII, so every 3-byte chunk is valid UTF-8.
        grouped.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    grouped
}

/// Each quote as a list item: speaker and sources, the wording as a block
/// quote, then the other wordings as nested items labelled with their source.
pub(crate) fn quotes(quotes: &[Quote], sources: &SourceNumbers) -> Vec<String> {
    if quotes.is_empty() {
        return vec!["None.".to_owned()];
    }
    let mut lines = Vec::new();
    for (idx, quote) in quotes.iter().enumerate() {
        if idx > 0 {
            lines.push(String::new());
        }
        let speaker = match quote.speaker.as_deref().map(inline) {
            Some(speaker) if !speaker.is_empty() => format!("**{speaker}**"),
            _ => "Unattributed".to_owned(),
        };
        lines.push(format!("- {speaker} — {}", sources.marks(&quote.articles)));
        lines.push(String::new());
        lines.push(format!("  > {}", inline(&quote.text)));
        if !quote.variants.is_empty() {
            lines.push(String::new());
            for variant in &quote.variants {
                lines.push(format!(
                    "  - {} — “{}”",
                    sources.label(&variant.article),
                    inline(&variant.text)
                ));
            }
        }
    }
    lines
}

/// Dated events in model order, each with how every source wrote the date.
pub(crate) fn timeline(entries: &[TimelineEntry], sources: &SourceNumbers) -> Vec<String> {
    if entries.is_empty() {
        return vec!["None.".to_owned()];
    }
    let mut lines = Vec::new();
    for entry in entries {
        lines.push(format!(
            "- **{}** — {} {}",
            entry.date,
            inline(&entry.what),
            sources.marks(&entry.articles)
        ));
        for evidence in &entry.evidence {
            let how = match &evidence.resolved_from {
                Some(from) => format!(" ({})", inline(from)),
                None => String::new(),
            };
            lines.push(format!(
                "  - {} — “{}” → {}{how}",
                sources.label(&evidence.article),
                inline(&evidence.written),
                entry.date
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_read_like_news_copy() {
        assert_eq!(format_number(12000.0), "12,000");
        assert_eq!(format_number(300.0), "300");
        assert_eq!(format_number(1_234_567.0), "1,234,567");
        assert_eq!(format_number(-4500.0), "-4,500");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(f64::NAN), "NaN");
        assert_eq!(format_number(1e300), 1e300.to_string());
    }
}
