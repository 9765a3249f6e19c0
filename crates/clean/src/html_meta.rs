//! Page metadata from HTML: title, outlet, canonical URL, authors,
//! language, and the publication and modification dates with where each
//! was read. The dates are weighed evidence (see `meta/`): JSON-LD on the
//! main entity, `<meta>` tags, the URL path, `<time>` and `itemprop`
//! elements, labelled and classed dates by the headline; comment, sidebar
//! and teaser dates, update dates and dates after the fetch never count as
//! the publication date.

#[path = "meta/classes.rs"]
mod classes;
#[path = "meta/context.rs"]
mod context;
#[path = "meta/evidence.rs"]
mod evidence;
#[path = "meta/jsonld.rs"]
mod jsonld;
#[path = "meta/labels.rs"]
mod labels;
#[path = "meta/tags.rs"]
mod tags;
#[path = "meta/walk.rs"]
mod walk;
#[path = "meta/zone.rs"]
mod zone;

pub use context::MetaContext;
pub use evidence::DatedBy;

use crate::class_values::PageValues;
use crate::dates::url_date;
use crate::html::strip::strip_unread;
use crate::html_flat;
use crate::tree::{El, Tree};
use chrono::NaiveDate;
use evidence::{rank, Evidence, Role};
use serde_json::Value;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// The publication day as the page states it (never a modification,
    /// never after the fetch).
    pub published: Option<NaiveDate>,
    /// Where `published` was read: `JSON-LD datePublished`, `URL path`, …
    pub published_provenance: Option<String>,
    /// The last modification day, when the page states one apart.
    pub modified: Option<DatedBy>,
    pub outlet: Option<String>,
    /// All authors, joined for display (`Jane Doe, John Roe`).
    pub author: Option<String>,
    pub authors: Vec<String>,
    /// The canonical URL (`<link rel=canonical>`, else `og:url`).
    pub url: Option<String>,
    pub language: Option<String>,
}

pub(crate) use crate::spaces::squash;
pub(crate) use classes::{read_value, ValueReading, ROLE_GROUPS};

/// Text of an element with runs of whitespace made single spaces.
pub(crate) fn element_text(el: El<'_>) -> String {
    squash(&el.text().collect::<String>())
}

fn non_blank(s: Option<&str>) -> Option<String> {
    s.map(squash).filter(|s| !s.is_empty())
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// How many `<h2>`–`<h4>` are looked at for a headline.
const MAX_SUBHEADS: usize = 60;

/// Everything collected in one pass over the page.
#[derive(Default)]
struct Found<'a> {
    /// `<meta>` keys (property, name, itemprop or http-equiv, lowercased)
    /// and contents, in document order.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    title_tag: Option<String>,
    h1s: Vec<El<'a>>,
    /// `<h2>` to `<h4>`: a page without an `<h1>` may set its headline there.
    subheads: Vec<El<'a>>,
    json_ld: Vec<Value>,
    /// Script texts that were not JSON, for a last-resort field read.
    json_ld_raw: Vec<String>,
    author_elements: Vec<String>,
    body: Option<El<'a>>,
}

impl Found<'_> {
    fn meta(&self, key: &str) -> Option<String> {
        self.metas
            .iter()
            .filter(|(k, _)| k == key)
            .find_map(|(_, v)| non_blank(Some(v)))
    }
}

fn collect(page: &Tree) -> Found<'_> {
    let mut found = Found::default();
    let Some(root) = page.root_element() else {
        return found;
    };
    for el in root.descendant_elements() {
        let v = el.value();
        match v.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .or_else(|| el.attr("http-equiv"));
                if let (Some(key), Some(content)) = (key, el.attr("content")) {
                    found
                        .metas
                        .push((key.trim().to_lowercase(), content.to_string()));
                }
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && found.canonical.is_none() {
                    found.canonical = non_blank(el.attr("href")).filter(|h| is_url(h));
                }
            }
            "title" if found.title_tag.is_none() => {
                found.title_tag = non_blank(Some(&element_text(el)))
            }
            "body" if found.body.is_none() => found.body = Some(el),
            "h1" => found.h1s.push(el),
            "h2" | "h3" | "h4" if found.subheads.len() < MAX_SUBHEADS => found.subheads.push(el),
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let raw = el.text().collect::<String>();
                match jsonld::parse(&raw) {
                    Some(value) => found.json_ld.push(value),
                    None => found.json_ld_raw.push(raw),
                }
            }
            _ => {}
        }
        if v.name() != "meta" {
            // One pass over the attributes: `attr` looks each name up afresh.
            let author = el.attrs().iter().any(|(name, value)| match name {
                "rel" => value.split_whitespace().any(|r| r == "author"),
                "itemprop" => value == "author",
                _ => false,
            });
            if author {
                found
                    .author_elements
                    .extend(non_blank(Some(&element_text(el))));
            }
        }
    }
    found
}

/// `en-GB`, `en_GB` → `en`; anything that is not a language tag → `None`.
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

/// `Headline | Site`, `Headline - Site` → `Headline`, when the tail is short.
fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && tail.split_whitespace().count() <= 5 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `Headline | Site` → `Site`: the part after the last bar, when short.
/// (Only bars: a dash suffix is as often a section as a site.)
fn site_suffix(title: &str) -> Option<String> {
    let (head, tail) = title.rsplit_once(" | ")?;
    let tail = tail.trim();
    (!head.trim().is_empty() && !tail.is_empty() && tail.split_whitespace().count() <= 5)
        .then(|| tail.to_string())
}

fn strip_by(s: &str) -> String {
    let s = s.trim();
    ["By ", "by ", "BY ", "Von ", "von "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
        .trim()
        .to_string()
}

/// The authors a `<meta name=author>` tag names, unless the JSON-LD
/// lists more of them and those include all the tag's: pages often put
/// only the first author in the tag and every author in the JSON-LD.
fn fuller_author_list(meta: Option<Vec<String>>, ld: Option<Vec<String>>) -> Option<Vec<String>> {
    match (meta, ld) {
        (Some(meta), Some(ld))
            if ld.len() > meta.len()
                && meta
                    .iter()
                    .all(|m| ld.iter().any(|l| l.eq_ignore_ascii_case(m))) =>
        {
            Some(ld)
        }
        (Some(meta), _) => Some(meta),
        (None, ld) => ld,
    }
}

/// `Jane Doe, John Roe and Ann Poe` → three names; a part of one word
/// (`Doe, Jane`) means the commas are not separators.
fn split_authors(s: &str) -> Vec<String> {
    let s = strip_by(s);
    let parts: Vec<String> = s
        .split([',', ';', '&'])
        .flat_map(|p| p.split(" and ").flat_map(|q| q.split(" und ")))
        .map(strip_by)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| p.split_whitespace().count() >= 2) {
        parts
    } else if s.is_empty() {
        Vec::new()
    } else {
        vec![s]
    }
}

/// Read the page's metadata, with the dates checked against the clock
/// (the fetch time is not known here). `scope` is the main content element.
pub(crate) fn read<'a>(page: &'a Tree, scope: El<'a>, values: &mut PageValues<'a>) -> PageMeta {
    read_with(page, Some(scope), &MetaContext::default(), values)
}

/// Parse `html` and read its metadata: the entry point for callers that
/// have a page and its fetch context but want no cleaning.
pub fn page_meta(html: &str, ctx: &MetaContext) -> PageMeta {
    page_meta_with(html, ctx, Tree::parse_document)
}

/// [`page_meta`] with the page parsed by `parse` (the oracle tests read
/// every dated page with html5ever too).
pub(crate) fn page_meta_with(html: &str, ctx: &MetaContext, parse: fn(&str) -> Tree) -> PageMeta {
    // Script and style bodies hold no metadata (JSON-LD is kept).
    let html = strip_unread(html);
    if html_flat::too_deep(&html) {
        return PageMeta::default();
    }
    let page = parse(&html);
    let mut values = PageValues::for_nodes(page.len());
    read_with(&page, None, ctx, &mut values)
}

/// Lowercased words of at least two letters.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// How much of a heading's wording is in the title (0–1); headings of
/// fewer than two words ("News", "Quicklinks") do not count.
fn title_overlap(heading: &str, title: &[String]) -> f32 {
    let heading = words(heading);
    if heading.len() < 2 {
        return 0.0;
    }
    let shared = heading.iter().filter(|w| title.contains(w)).count();
    shared as f32 / heading.len() as f32
}

/// Share of a heading's words that must be in the title for it to be the
/// headline.
const HEADLINE_OVERLAP_MIN: f32 = 0.6;

/// The headline element: the `<h1>` most like the title, else the `<h2>`
/// to `<h4>` most like it, else the first `<h1>` inside the main content,
/// else the first `<h1>`.
fn headline<'a>(found: &Found<'a>, title: Option<&str>, scope: Option<El<'a>>) -> Option<El<'a>> {
    let title = title.map(words).unwrap_or_default();
    let most_like_title = |hs: &[El<'a>]| {
        let mut best: Option<(El<'a>, f32)> = None;
        for h in hs {
            let overlap = title_overlap(&element_text(*h), &title);
            if overlap >= HEADLINE_OVERLAP_MIN && best.is_none_or(|(_, b)| overlap > b) {
                best = Some((*h, overlap));
            }
        }
        best.map(|(h, _)| h)
    };
    let in_scope = || {
        let scope = scope?;
        found
            .h1s
            .iter()
            .copied()
            .find(|h| h.tree.ancestors(h.id).any(|a| a == scope.id))
    };
    most_like_title(&found.h1s)
        .or_else(|| most_like_title(&found.subheads))
        .or_else(in_scope)
        .or_else(|| found.h1s.first().copied())
}

/// Every date the page states, as evidence.
#[allow(clippy::too_many_arguments)] // the page's findings, each its own kind
fn date_evidence<'a>(
    page: &'a Tree,
    found: &Found<'a>,
    ld: Option<&jsonld::Object>,
    headline: Option<El<'a>>,
    scope: Option<El<'a>>,
    url: Option<&str>,
    lang_tag: Option<&str>,
    values: &mut PageValues<'a>,
) -> Vec<Evidence> {
    let mut all = Vec::new();
    let ld_fields = [
        ("datePublished", Role::Published, rank::JSON_LD_PUBLISHED),
        ("dateCreated", Role::Published, rank::JSON_LD_CREATED),
        ("dateModified", Role::Modified, rank::JSON_LD_PUBLISHED),
    ];
    for (key, role, rank) in ld_fields {
        if let Some(o) = ld {
            let what = format!("JSON-LD {key}");
            all.extend(
                jsonld::string(o, key).and_then(|v| Evidence::from_field(v, role, rank, what)),
            );
        } else if let Some(value) = found
            .json_ld_raw
            .iter()
            .find_map(|raw| jsonld::raw_field(raw, key))
        {
            let what = format!("JSON-LD {key} (in a malformed script)");
            all.extend(Evidence::from_field(value, role, rank - 10, what));
        }
    }
    all.extend(found.metas.iter().filter_map(|(k, v)| tags::evidence(k, v)));
    if let Some(date) = url.and_then(url_date) {
        let mut e = Evidence::new(date, Role::Published, rank::URL_PATH, "URL path");
        e.local = true;
        all.push(e);
    }
    // Dates in the text are weighed by the article that holds the headline,
    // which is a better bound than the largest block of paragraphs.
    let article = headline.and_then(|h| h.ancestor_elements().find(|a| a.name() == "article"));
    if let Some(body) = found.body.or_else(|| page.root_element()) {
        let scope = article.or(scope.filter(|s| s.id != body.id));
        all.extend(walk::walk(
            body,
            scope,
            headline,
            context::day_order(lang_tag),
            values,
        ));
    }
    all
}

/// Every date the page states, as `date role rank provenance` lines, for
/// finding out why a page got the date it got.
#[doc(hidden)]
pub fn explain_dates(html: &str, ctx: &MetaContext) -> Vec<String> {
    let page = Tree::parse_document(&strip_unread(html));
    let mut values = PageValues::for_nodes(page.len());
    let (meta, all, headline) = read_all(&page, None, ctx, &mut values);
    let mut lines = vec![format!("headline: {headline:?}")];
    for e in all {
        lines.push(format!(
            "{} {:?} {} {}",
            e.date, e.role, e.rank, e.provenance
        ));
    }
    lines.push(format!(
        "published: {:?} ({:?}); modified: {:?}",
        meta.published, meta.published_provenance, meta.modified
    ));
    lines
}

/// Read the page's metadata. `scope` is the main content element, when
/// the caller has chosen one; `ctx` bounds the dates.
pub(crate) fn read_with<'a>(
    page: &'a Tree,
    scope: Option<El<'a>>,
    ctx: &MetaContext,
    values: &mut PageValues<'a>,
) -> PageMeta {
    read_all(page, scope, ctx, values).0
}

/// The page's metadata, every date evidence, and the headline's text.
fn read_all<'a>(
    page: &'a Tree,
    scope: Option<El<'a>>,
    ctx: &MetaContext,
    values: &mut PageValues<'a>,
) -> (PageMeta, Vec<Evidence>, Option<String>) {
    let found = collect(page);
    let title_hint = found.meta("og:title").or_else(|| found.title_tag.clone());
    let ld = jsonld::main_object(&found.json_ld, title_hint.as_deref());
    let ld_str = |key: &str| ld.and_then(|o| jsonld::string(o, key)).map(squash);
    let ld_names = |key: &str| {
        let names = ld
            .and_then(|o| o.get(key))
            .map(jsonld::names)
            .unwrap_or_default();
        (!names.is_empty()).then_some(names)
    };

    let outlet = found
        .meta("og:site_name")
        .or_else(|| ld_names("publisher").map(|n| n.join(", ")))
        .or_else(|| found.meta("application-name"))
        .or_else(|| found.title_tag.as_deref().and_then(site_suffix));
    let first_h1 = found
        .h1s
        .first()
        .and_then(|h| non_blank(Some(&element_text(*h))));
    let title = found
        .meta("og:title")
        .or_else(|| found.meta("twitter:title"))
        .map(|t| match &outlet {
            Some(site) => t
                .strip_suffix(&format!(" | {site}"))
                .map_or(t.clone(), str::to_string),
            None => t,
        })
        .or(first_h1)
        .or_else(|| ld_str("headline"))
        .or_else(|| found.title_tag.as_deref().map(strip_site_suffix));
    let url = found
        .canonical
        .clone()
        .or_else(|| found.meta("og:url").filter(|u| is_url(u)))
        .or_else(|| ld_str("url").filter(|u| is_url(u)));
    let lang_tag = page
        .root_element()
        .and_then(|r| r.attr("lang"))
        .filter(|t| language_code(t).is_some())
        .map(str::to_string)
        .or_else(|| ld_str("inLanguage"))
        .or_else(|| found.meta("og:locale"))
        .or_else(|| found.meta("content-language"))
        .or_else(|| found.meta("language"));
    let language = lang_tag.as_deref().and_then(language_code);

    let headline = headline(&found, title_hint.as_deref().or(title.as_deref()), scope);
    let page_url = ctx.url.as_deref().or(url.as_deref());
    let all = date_evidence(
        page,
        &found,
        ld,
        headline,
        scope,
        page_url,
        lang_tag.as_deref(),
        values,
    );
    let latest = ctx.latest_day();
    let published = evidence::best_published(&all, latest)
        .map(|e| zone::local_day(DatedBy::from(e), e.utc, &all, lang_tag.as_deref(), page_url));
    let modified = evidence::best(&all, Role::Modified, latest).map(DatedBy::from);

    let authors = fuller_author_list(
        found
            .meta("author")
            .filter(|a| !is_url(a))
            .map(|a| split_authors(&a)),
        ld_names("author"),
    )
    .or_else(|| {
        found
            .meta("article:author")
            .filter(|a| !is_url(a))
            .map(|a| split_authors(&a))
    })
    .or_else(|| found.meta("byl").map(|a| split_authors(&a)))
    .or_else(|| found.author_elements.first().map(|a| split_authors(a)))
    .unwrap_or_default();
    let author = (!authors.is_empty()).then(|| authors.join(", "));
    let meta = PageMeta {
        title,
        published: published.as_ref().map(|p| p.date),
        published_provenance: published.map(|p| p.provenance),
        modified,
        outlet,
        author,
        authors,
        url,
        language,
    };
    (meta, all, headline.map(element_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_ld_author_list_wins_when_it_holds_the_tags_authors() {
        let names = |n: &[&str]| Some(n.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let both = names(&["Maren Holt", "Tobias Wren"]);
        assert_eq!(
            fuller_author_list(names(&["Maren Holt"]), both.clone()),
            both
        );
        assert_eq!(
            fuller_author_list(names(&["maren holt"]), both.clone()),
            both
        );
        // Someone else in the tag: the tag stands.
        let desk = names(&["News Desk"]);
        assert_eq!(fuller_author_list(desk.clone(), both.clone()), desk);
        assert_eq!(
            fuller_author_list(both.clone(), names(&["Maren Holt"])),
            both
        );
        assert_eq!(fuller_author_list(None, both.clone()), both);
        assert_eq!(fuller_author_list(desk.clone(), None), desk);
    }

    fn meta_of(html: &str) -> PageMeta {
        let page = Tree::parse_document(html);
        let root = page.root_element().expect("html5ever makes an <html>");
        read(&page, root, &mut PageValues::for_nodes(page.len()))
    }

    #[test]
    fn json_ld_wins_and_modified_is_ignored() {
        let m = meta_of(
            r#"<html lang="en-GB"><head><title>T | Site</title>
            <meta property="article:modified_time" content="2025-02-01">
            <script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "x"},
              {"@type": "NewsArticle", "headline": "H", "datePublished": "2025-01-13T08:00:00+09:00",
               "dateModified": "2025-01-20", "author": [{"name": "Jane Doe"}, {"name": "John Roe"}],
               "publisher": {"@type": "Organization", "name": "Example Times"}}]}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-13")
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(m.outlet.as_deref(), Some("Example Times"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.title.as_deref(), Some("H"));
    }

    #[test]
    fn falls_back_through_meta_time_and_title_tag() {
        let m = meta_of(
            r#"<html><head><title>Quake hits coast - The Daily Example</title>
            <meta property="og:url" content="https://example.com/a"><meta name="author" content="By Ann Poe">
            </head><body><time datetime="2024-03-05T10:00">March 5</time></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Quake hits coast"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.author.as_deref(), Some("Ann Poe"));
        assert_eq!(m.language, None);
        assert_eq!(m.outlet, None, "a dash suffix may be a section");
        let m = meta_of("<title>Quake hits coast | The Daily Example</title>");
        assert_eq!(m.outlet.as_deref(), Some("The Daily Example"));
    }

    #[test]
    fn og_tags_and_h1() {
        let m = meta_of(
            r#"<html lang="de"><head><meta property="og:site_name" content="Beispiel">
            <meta property="og:title" content="Schlagzeile | Beispiel">
            <link rel="canonical" href="https://b.example/x"><meta property="article:published_time" content="2025-01-02">
            </head><body><h1>Other</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Schlagzeile"));
        assert_eq!(m.outlet.as_deref(), Some("Beispiel"));
        assert_eq!(m.url.as_deref(), Some("https://b.example/x"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-02")
        );
        assert_eq!(m.language.as_deref(), Some("de"));
    }

    #[test]
    fn language_codes() {
        assert_eq!(language_code("en-US").as_deref(), Some("en"));
        assert_eq!(language_code("pt_BR").as_deref(), Some("pt"));
        assert_eq!(language_code("x-default"), None);
        assert_eq!(language_code(""), None);
    }
}
