//! A story's page: the brief laid out for reading, every statement with
//! the sources behind it.

use crate::diff::word_diff;
use crate::layout::{article_href, encode_segment, page, safe_href};
use crate::timeline;
use concord_model::{ClaimStatus, Quote, StoryBrief};
use maud::{html, Markup};
use std::collections::HashMap;

/// Short labels for a story's articles: citations show the outlet, or the
/// article id when the outlet is unknown, and link to the sources list.
struct Sources<'a> {
    by_id: HashMap<&'a str, (usize, &'a str)>,
}

impl<'a> Sources<'a> {
    fn new(story: &'a StoryBrief) -> Self {
        let by_id = story
            .articles
            .iter()
            .enumerate()
            .map(|(n, a)| (a.id.as_str(), (n, a.outlet.as_deref().unwrap_or(&a.id))))
            .collect();
        Sources { by_id }
    }

    fn cite(&self, ids: &[String]) -> Markup {
        html! {
            span.cites {
                @for id in ids {
                    @match self.by_id.get(id.as_str()) {
                        Some((n, label)) => {
                            a.cite href=(format!("#src-{n}")) title=(id) { (label) }
                        }
                        None => { span.cite { (id) } }
                    }
                    " "
                }
            }
        }
    }

    fn label<'s>(&'s self, id: &'s str) -> &'s str {
        self.by_id.get(id).map_or(id, |(_, l)| l)
    }
}

pub fn story_page(story: &StoryBrief) -> String {
    let sources = Sources::new(story);
    let conflicts = story
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Conflict)
        .count();
    let body = html! {
        h1 { (story.headline) }
        p.meta {
            (story.articles.len()) " articles · " (story.outlets) " outlets · "
            (story.independent_origins) " independent origins"
            @if conflicts > 0 { " · " span.badge.conflict { "⚠ " (conflicts) " disputed" } }
            " · " a href=(format!("/api/stories/{}/brief", encode_segment(&story.id))) { "JSON" }
        }
        nav.toc {
            a href="#summary" { "Summary" } a href="#claims" { "Claims" }
            a href="#quotes" { "Quotes" } a href="#timeline" { "Timeline" }
            a href="#entities" { "Entities" } a href="#sources" { "Sources" }
        }
        (summary(story, &sources))
        (claims(story, &sources))
        (quotes(story, &sources))
        (timeline_section(story, &sources))
        (entities(story))
        (sources_section(story, &sources))
    };
    page(&story.headline, "", body)
}

fn summary(story: &StoryBrief, sources: &Sources) -> Markup {
    html! {
        section #summary {
            h2 { "Summary" }
            @if story.summary.is_empty() { p.empty { "No summary." } }
            @for s in &story.summary {
                p.sentence { (s.text) " " (sources.cite(&s.articles)) }
            }
        }
    }
}

fn claims(story: &StoryBrief, sources: &Sources) -> Markup {
    // Disputed claims first: they are what a reader must check.
    let mut claims: Vec<_> = story.claims.iter().collect();
    claims.sort_by_key(|c| match c.status {
        ClaimStatus::Conflict => 0,
        ClaimStatus::Agree => 1,
        ClaimStatus::Single => 2,
    });
    html! {
        section #claims {
            h2 { "Claims" }
            @if claims.is_empty() { p.empty { "No numeric claims." } }
            @else {
            table.claims {
                thead { tr { th { "Subject" } th { "Status" } th { "Value" } th { "Sources" } th { "Attribution" } th { "Evidence" } } }
                @for claim in claims {
                    @let status = match claim.status {
                        ClaimStatus::Conflict => "conflict",
                        ClaimStatus::Agree => "agree",
                        ClaimStatus::Single => "single",
                    };
                    @for (k, v) in claim.values.iter().enumerate() {
                        tr class=(status) {
                            @if k == 0 {
                                td.subject rowspan=(claim.values.len()) {
                                    (claim.subject) br; small { (claim.unit) }
                                }
                                td rowspan=(claim.values.len()) { span class=(format!("badge {status}")) { (status) } }
                            }
                            td.num.value { (number(v.value)) @if let Some(h) = &v.hedge { " " small.hedge { "(" (h) ")" } } }
                            td { (sources.cite(&v.articles)) }
                            td { (v.attribution.as_deref().unwrap_or("—")) }
                            td.evidence { q { (v.evidence) } }
                        }
                    }
                }
            }
            }
        }
    }
}

fn quotes(story: &StoryBrief, sources: &Sources) -> Markup {
    html! {
        section #quotes {
            h2 { "Quotes" }
            @if story.quotes.is_empty() { p.empty { "No quotes." } }
            @for q in &story.quotes {
                (quote(q, sources))
            }
        }
    }
}

fn quote(q: &Quote, sources: &Sources) -> Markup {
    html! {
        article.quote {
            p.speaker { (q.speaker.as_deref().unwrap_or("Unattributed")) }
            @if q.variants.is_empty() {
                blockquote { (q.text) }
                (sources.cite(&q.articles))
            } @else {
                div.variants {
                    div.variant {
                        blockquote { (diffed(&q.text, &q.variants[0].text)) }
                        (sources.cite(&q.articles))
                    }
                    @for v in &q.variants {
                        div.variant {
                            blockquote { (diffed(&v.text, &q.text)) }
                            span.cites { a.cite href=(article_href(&v.article)) title=(v.article) { (sources.label(&v.article)) } }
                        }
                    }
                }
            }
        }
    }
}

/// `text` with the words the other wording lacks highlighted.
fn diffed(text: &str, other: &str) -> Markup {
    html! {
        @for part in word_diff(text, other) {
            @if part.same { (part.text) } @else { mark.diff { (part.text) } }
        }
    }
}

fn timeline_section(story: &StoryBrief, sources: &Sources) -> Markup {
    html! {
        section #timeline {
            h2 { "Timeline" }
            @if story.timeline.is_empty() { p.empty { "No dated events." } }
            (timeline::chart(&story.timeline))
            ol.timeline-list {
                @for e in &story.timeline {
                    li {
                        time { (e.date.to_string()) } " — " (e.what) " " (sources.cite(&e.articles))
                        @let written: Vec<String> = e.evidence.iter().map(|d| match &d.resolved_from {
                            Some(r) => format!("{}: “{}” ({})", sources.label(&d.article), d.written, r),
                            None => format!("{}: “{}”", sources.label(&d.article), d.written),
                        }).collect();
                        @if !written.is_empty() { br; small.written { (written.join("; ")) } }
                    }
                }
            }
        }
    }
}

fn entities(story: &StoryBrief) -> Markup {
    html! {
        section #entities {
            h2 { "Entities" }
            table.entities {
                thead { tr { th { "Name" } th { "Type" } th { "Also written" } th.num { "Articles" } th.num { "Mentions" } } }
                @for e in &story.entities {
                    tr {
                        td { a href=(format!("/?entity={}", encode_segment(&e.name))) { (e.name) } }
                        td { (format!("{:?}", e.kind).to_lowercase()) }
                        td { (e.aliases.join(", ")) }
                        td.num { (e.articles.len()) }
                        td.num { (e.mentions) }
                    }
                }
            }
        }
    }
}

fn sources_section(story: &StoryBrief, sources: &Sources) -> Markup {
    let compare = |a: &str, b: &str| {
        format!(
            "/stories/{}/compare?a={}&b={}",
            encode_segment(&story.id),
            encode_segment(a),
            encode_segment(b)
        )
    };
    html! {
        section #sources {
            h2 { "Sources" }
            ol.sources {
                @for (n, a) in story.articles.iter().enumerate() {
                    li id=(format!("src-{n}")) {
                        strong { (a.outlet.as_deref().unwrap_or("(unknown outlet)")) } " — "
                        a href=(article_href(&a.id)) { (a.title.as_deref().unwrap_or(&a.id)) }
                        @if let Some(d) = a.published { " · " time { (d.to_string()) } }
                        @if let Some(au) = &a.author { " · " (au) }
                        @if let Some(href) = a.url.as_deref().and_then(safe_href) {
                            " · " a.external href=(href) rel="noopener noreferrer nofollow" { "original" }
                        }
                    }
                }
            }
            h3 { "Syndication" }
            @if story.syndication.is_empty() { p.empty { "No syndicated copies found: every article is its own origin." } }
            @for g in &story.syndication {
                div.syndication {
                    p {
                        "Shared copy" @if let Some(o) = &g.origin { " from " strong { (o) } }
                        " (" (g.shared_passages) " passages): " (sources.cite(&g.articles))
                    }
                    @if let (Some(a), Some(b)) = (g.articles.first(), g.articles.get(1)) {
                        p { a href=(compare(a, b)) { "Read " (sources.label(a)) " and " (sources.label(b)) " side by side" } }
                    }
                    @for ex in &g.examples { blockquote.example { (ex) } }
                }
            }
            @if story.articles.len() >= 2 {
                form.compare action=(format!("/stories/{}/compare", encode_segment(&story.id))) method="get" {
                    "Compare "
                    (article_select("a", story, 0)) " with " (article_select("b", story, 1))
                    button type="submit" { "Side by side" }
                }
            }
        }
    }
}

fn article_select(name: &str, story: &StoryBrief, selected: usize) -> Markup {
    html! {
        select name=(name) {
            @for (n, a) in story.articles.iter().enumerate() {
                option value=(a.id) selected[n == selected] {
                    (a.outlet.as_deref().unwrap_or(&a.id)) ": " (a.title.as_deref().unwrap_or(&a.id))
                }
            }
        }
    }
}

/// 12000 → "12,000"; fractions keep up to two decimals.
pub(crate) fn number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string();
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_read_like_prose() {
        assert_eq!(number(12000.0), "12,000");
        assert_eq!(number(300.0), "300");
        assert_eq!(number(-1500.0), "-1,500");
        assert_eq!(number(2.5), "2.5");
    }
}
