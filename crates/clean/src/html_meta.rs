//! Page metadata from HTML: JSON-LD, `<meta>` tags, `<time>`, `<html lang>`.

use crate::dates::parse_date;
use chrono::NaiveDate;
use scraper::{ElementRef, Html};
use serde_json::Value;

/// What a page says about itself. Publication dates come only from fields
/// meaning "published", never "modified".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Text of an element with runs of whitespace made single spaces.
pub(crate) fn element_text(el: ElementRef<'_>) -> String {
    squash(&el.text().collect::<String>())
}

pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_blank(s: Option<&str>) -> Option<String> {
    s.map(squash).filter(|s| !s.is_empty())
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// Everything collected in one pass over the page.
#[derive(Default)]
struct Found {
    /// `<meta>` keys (property, name or itemprop, lowercased) and contents,
    /// in document order.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    title_tag: Option<String>,
    first_h1: Option<String>,
    json_ld: Vec<Value>,
    item_published: Option<String>,
    author_elements: Vec<String>,
}

impl Found {
    fn meta(&self, key: &str) -> Option<String> {
        self.metas
            .iter()
            .filter(|(k, _)| k == key)
            .find_map(|(_, v)| non_blank(Some(v)))
    }
}

fn collect(page: &Html) -> Found {
    let mut found = Found::default();
    for el in page.root_element().descendent_elements() {
        let v = el.value();
        match v.name() {
            "meta" => {
                let key = v
                    .attr("property")
                    .or_else(|| v.attr("name"))
                    .or_else(|| v.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, v.attr("content")) {
                    found
                        .metas
                        .push((key.trim().to_lowercase(), content.to_string()));
                }
            }
            "link" => {
                let rel = v.attr("rel").unwrap_or("").to_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && found.canonical.is_none() {
                    found.canonical = non_blank(v.attr("href"));
                }
            }
            "title" if found.title_tag.is_none() => {
                found.title_tag = non_blank(Some(&element_text(el)))
            }
            "h1" if found.first_h1.is_none() => found.first_h1 = non_blank(Some(&element_text(el))),
            "script"
                if v.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let raw = el.text().collect::<String>();
                let raw = raw
                    .trim()
                    .trim_start_matches("<!--")
                    .trim_end_matches("-->");
                if let Ok(value) = serde_json::from_str::<Value>(raw) {
                    found.json_ld.push(value);
                }
            }
            _ => {}
        }
        if v.name() != "meta" {
            if v.attr("itemprop") == Some("datePublished") && found.item_published.is_none() {
                found.item_published = non_blank(v.attr("content").or_else(|| v.attr("datetime")));
            }
            let rel_author = v
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r == "author"));
            if rel_author || v.attr("itemprop") == Some("author") {
                found
                    .author_elements
                    .extend(non_blank(Some(&element_text(el))));
            }
        }
    }
    found
}

/// The schema.org object describing the article: the first whose type
/// names an article or posting, else the first with a `datePublished`.
fn json_ld_article(values: &[Value]) -> Option<&serde_json::Map<String, Value>> {
    let mut objects = Vec::new();
    for v in values {
        flatten(v, &mut objects);
    }
    let is_article = |o: &serde_json::Map<String, Value>| {
        let types = match o.get("@type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        types
            .iter()
            .any(|t| t.contains("Article") || t.contains("Posting") || t.contains("Report"))
    };
    objects
        .iter()
        .find(|o| is_article(o))
        .or_else(|| objects.iter().find(|o| o.contains_key("datePublished")))
        .copied()
}

/// Top-level objects, array members and `@graph` members, in order.
fn flatten<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out)),
        Value::Object(o) => {
            out.push(o);
            if let Some(graph) = o.get("@graph") {
                flatten(graph, out);
            }
        }
        _ => {}
    }
}

/// A name from a string, a `{"name": …}` object, or a list of either.
fn names(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_blank(Some(s)).filter(|s| !is_url(s)),
        Value::Object(o) => o.get("name").and_then(names),
        Value::Array(items) => {
            let all: Vec<String> = items
                .iter()
                .filter(|i| !i.is_array())
                .filter_map(names)
                .collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        _ => None,
    }
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

fn strip_by(s: String) -> String {
    match s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")) {
        Some(rest) => rest.trim().to_string(),
        None => s,
    }
}

/// Read the page's metadata. `scope` is the main content element: a
/// `<time datetime>` there is the article's, elsewhere it may be a teaser's.
pub(crate) fn read(page: &Html, scope: ElementRef<'_>) -> PageMeta {
    let found = collect(page);
    let ld = json_ld_article(&found.json_ld);
    let ld_str = |key: &str| {
        ld.and_then(|o| o.get(key))
            .and_then(Value::as_str)
            .and_then(|s| non_blank(Some(s)))
    };
    let ld_names = |key: &str| ld.and_then(|o| o.get(key)).and_then(names);

    let outlet = found
        .meta("og:site_name")
        .or_else(|| ld_names("publisher"))
        .or_else(|| found.meta("application-name"))
        .or_else(|| found.title_tag.as_deref().and_then(site_suffix));
    let title = found
        .meta("og:title")
        .or_else(|| found.meta("twitter:title"))
        .map(|t| match &outlet {
            Some(site) => t
                .strip_suffix(&format!(" | {site}"))
                .map_or(t.clone(), str::to_string),
            None => t,
        })
        .or_else(|| found.first_h1.clone())
        .or_else(|| ld_str("headline"))
        .or_else(|| found.title_tag.as_deref().map(strip_site_suffix));
    let time_in_scope = scope
        .descendent_elements()
        .filter(|e| e.value().name() == "time")
        .find_map(|e| e.value().attr("datetime").and_then(parse_date));
    let published = ld_str("datePublished")
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            found
                .meta("article:published_time")
                .as_deref()
                .and_then(parse_date)
        })
        .or_else(|| found.meta("datepublished").as_deref().and_then(parse_date))
        .or_else(|| found.item_published.as_deref().and_then(parse_date))
        .or_else(|| {
            [
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
                "og:published_time",
            ]
            .iter()
            .find_map(|k| found.meta(k).as_deref().and_then(parse_date))
        })
        .or(time_in_scope);
    let author = found
        .meta("author")
        .filter(|a| !is_url(a))
        .or_else(|| ld_names("author"))
        .or_else(|| found.meta("article:author").filter(|a| !is_url(a)))
        .or_else(|| found.meta("byl"))
        .or_else(|| found.author_elements.first().cloned())
        .map(strip_by);
    let url = found
        .canonical
        .clone()
        .or_else(|| found.meta("og:url"))
        .or_else(|| ld_str("url"));
    let language = page
        .root_element()
        .value()
        .attr("lang")
        .and_then(language_code)
        .or_else(|| ld_str("inLanguage").as_deref().and_then(language_code))
        .or_else(|| found.meta("og:locale").as_deref().and_then(language_code));
    PageMeta {
        title,
        published,
        outlet,
        author,
        url,
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        let page = Html::parse_document(html);
        read(&page, page.root_element())
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
