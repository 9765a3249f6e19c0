//! Reading articles: one article as cleaned, two side by side with the
//! passages they share highlighted, and error pages.

use crate::layout::{article_href, page, safe_href, story_href};
use concord_dedup::SyndicationConfig;
use concord_model::Article;
use maud::{html, Markup};
use std::collections::HashMap;

pub fn article_page(article: &Article, story: Option<&str>) -> String {
    let title = article.title.as_deref().unwrap_or(&article.id);
    let body = html! {
        article.reader {
            h1 { (title) }
            (byline(article))
            @if let Some(s) = story { p { a href=(story_href(s)) { "← the story" } } }
            @for p in &article.body_paragraphs { p { (p) } }
            @if !article.removed.is_empty() {
                details.removed {
                    summary { (article.removed.len()) " blocks removed while cleaning" }
                    ul { @for r in &article.removed { li { em { (r.reason) } ": " (r.text) } } }
                }
            }
        }
    };
    page(title, "", body)
}

fn byline(a: &Article) -> Markup {
    html! {
        p.meta {
            (a.outlet.as_deref().unwrap_or("(unknown outlet)"))
            @if let Some(d) = a.published { " · " time { (d.to_string()) } }
            @if let Some(d) = &a.published_inferred { " · " time title=(d.how) { "≈" (d.date.to_string()) } }
            @if let Some(au) = &a.author { " · " (au) }
            @if let Some(dl) = &a.dateline { " · " (dl) }
            @if let Some(href) = a.url.as_deref().and_then(safe_href) {
                " · " a.external href=(href) rel="noopener noreferrer nofollow" { "original" }
            }
        }
    }
}

/// Two articles in columns; paragraphs they share are highlighted and
/// numbered alike, so a reader can follow the copy from one to the other.
pub fn compare_page(story: &str, a: &Article, b: &Article) -> String {
    let pairs = concord_dedup::shared_passages(a, b, &SyndicationConfig::default());
    let in_a: HashMap<usize, (usize, f64)> = pairs
        .iter()
        .enumerate()
        .map(|(k, &(i, _, s))| (i, (k + 1, s)))
        .collect();
    let in_b: HashMap<usize, (usize, f64)> = pairs
        .iter()
        .enumerate()
        .map(|(k, &(_, j, s))| (j, (k + 1, s)))
        .collect();
    let body = html! {
        h1 { "Side by side" }
        p { a href=(story_href(story)) { "← the story" } " · " (pairs.len()) " shared passages" }
        div.compare {
            (column(a, &in_a))
            (column(b, &in_b))
        }
    };
    page("Side by side", "", body)
}

fn column(a: &Article, shared: &HashMap<usize, (usize, f64)>) -> Markup {
    html! {
        article.column {
            h2 { a href=(article_href(&a.id)) { (a.title.as_deref().unwrap_or(&a.id)) } }
            (byline(a))
            @for (i, p) in a.body_paragraphs.iter().enumerate() {
                @match shared.get(&i) {
                    Some((k, sim)) => {
                        p.shared title=(format!("shared passage {k}, similarity {sim:.2}")) {
                            span.pair { (k) } " " mark { (p) }
                        }
                    }
                    None => { p { (p) } }
                }
            }
        }
    }
}

pub fn error_page(status: u16, message: &str) -> String {
    let body = html! {
        h1 { "Error " (status) }
        p { (message) }
        p { a href="/" { "All stories" } }
    };
    page(&format!("Error {status}"), "", body)
}
