//! The story list (front page) and search results.

use crate::layout::{article_href, page, story_href};
use maud::html;

/// One line of the story list.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub id: String,
    pub headline: String,
    pub articles: usize,
    pub outlets: usize,
    pub independent_origins: usize,
    pub last_published: Option<String>,
    /// Claims on which sources disagree; `None` while not yet briefed.
    pub conflicts: Option<usize>,
}

/// The story list with the filters that produced it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListView {
    pub rows: Vec<StoryRow>,
    pub entity: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Stories matching the filters, of which `rows` is one page.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
}

/// A matching article: id and title.
pub type ArticleLink = (String, Option<String>);

/// Search results: matching articles, grouped by story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchView {
    pub query: String,
    /// (story row, matching articles as (id, title)).
    pub stories: Vec<(StoryRow, Vec<ArticleLink>)>,
}

pub fn story_list_page(view: &ListView) -> String {
    let filters = view.entity.is_some() || view.since.is_some() || view.until.is_some();
    let next = view.offset + view.rows.len();
    let body = html! {
        h1 { "Stories" }
        form.filters action="/" method="get" {
            label { "Entity " input type="text" name="entity" value=(view.entity.as_deref().unwrap_or("")); }
            label { "From " input type="date" name="since" value=(view.since.as_deref().unwrap_or("")); }
            label { "To " input type="date" name="until" value=(view.until.as_deref().unwrap_or("")); }
            button type="submit" { "Filter" }
            @if filters { " " a href="/" { "clear" } }
        }
        p.count { (view.total) " stories, newest activity first" }
        (story_table(&view.rows))
        nav.pages {
            @if view.offset > 0 {
                a rel="prev" href=(page_href(view, view.offset.saturating_sub(view.limit))) { "← newer" }
            }
            " "
            @if next < view.total {
                a rel="next" href=(page_href(view, next)) { "older →" }
            }
        }
    };
    page("Stories", "", body)
}

pub fn search_page(view: &SearchView) -> String {
    let body = html! {
        h1 { "Search: " q { (view.query) } }
        @if view.stories.is_empty() {
            p { "No articles match." }
        }
        @for (row, hits) in &view.stories {
            section.hit {
                h2 { a href=(story_href(&row.id)) { (row.headline) } }
                p.meta { (story_meta(row)) }
                ul {
                    @for (id, title) in hits {
                        li { a href=(article_href(id)) { (title.as_deref().unwrap_or(id)) } }
                    }
                }
            }
        }
    };
    page(&format!("Search: {}", view.query), &view.query, body)
}

fn story_table(rows: &[StoryRow]) -> maud::Markup {
    html! {
        table.stories {
            thead { tr {
                th { "Story" } th.num { "Articles" } th.num { "Outlets" }
                th.num title="Articles left after collapsing syndicated copies" { "Independent origins" }
                th { "Latest" } th { "Conflicts" }
            } }
            tbody {
                @for row in rows {
                    tr.conflicted[row.conflicts.unwrap_or(0) > 0] {
                        td { a href=(story_href(&row.id)) { (row.headline) } }
                        td.num { (row.articles) }
                        td.num { (row.outlets) }
                        td.num { (row.independent_origins) }
                        td.date { (row.last_published.as_deref().unwrap_or("—")) }
                        td {
                            @match row.conflicts {
                                Some(0) => { "none" }
                                Some(n) => { span.badge.conflict title="Sources disagree" { "⚠ " (n) } }
                                None => { span.pending { "…" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn story_meta(row: &StoryRow) -> String {
    format!(
        "{} articles · {} outlets · {} independent origins · latest {}",
        row.articles,
        row.outlets,
        row.independent_origins,
        row.last_published.as_deref().unwrap_or("unknown")
    )
}

fn page_href(view: &ListView, offset: usize) -> String {
    let mut q = vec![format!("offset={offset}"), format!("limit={}", view.limit)];
    for (k, v) in [
        ("entity", &view.entity),
        ("since", &view.since),
        ("until", &view.until),
    ] {
        if let Some(v) = v {
            q.push(format!("{k}={}", crate::encode_segment(v)));
        }
    }
    format!("/?{}", q.join("&"))
}
