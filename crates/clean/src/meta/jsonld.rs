//! schema.org JSON-LD: finding the object that describes the page's main
//! article among the site's `WebSite`, `Organization`, `BreadcrumbList`,
//! teaser and comment objects, and reading its fields.

use serde_json::{Map, Value};

pub(crate) type Object = Map<String, Value>;

/// Parse one `<script type="application/ld+json">`. Sites leave HTML
/// comments, CDATA markers and raw newlines inside strings; those are
/// repaired, anything else that is not JSON is `None`.
pub(crate) fn parse(raw: &str) -> Option<Value> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("<!--").unwrap_or(raw);
    let raw = raw.strip_suffix("-->").unwrap_or(raw);
    let raw = raw.trim();
    let raw = raw.strip_prefix("//<![CDATA[").unwrap_or(raw);
    let raw = raw.strip_suffix("//]]>").unwrap_or(raw);
    if let Ok(v) = serde_json::from_str::<Value>(raw) {
        return Some(v);
    }
    let repaired: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str::<Value>(&repaired).ok()
}

/// The `@type`s of an object, as written.
pub(crate) fn types(o: &Object) -> Vec<&str> {
    match o.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    ["Article", "Posting", "Report", "NewsArticle", "BlogPosting"]
        .iter()
        .any(|a| t.contains(a))
}

/// Objects that carry dates of something other than the page.
fn is_foreign_type(t: &str) -> bool {
    [
        "Comment",
        "Review",
        "Event",
        "VideoObject",
        "ImageObject",
        "AudioObject",
        "Product",
        "Offer",
        "Person",
        "Organization",
        "ItemList",
        "ListItem",
        "BreadcrumbList",
    ]
    .contains(&t)
}

/// Top-level objects, array members, `@graph` members and the page's
/// `mainEntity`, in order; never descending into comments or item lists.
fn flatten<'a>(v: &'a Value, out: &mut Vec<&'a Object>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(o) => {
            out.push(o);
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                if let Some(inner) = o.get(key) {
                    flatten(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The object describing the page: an article-typed object (the one whose
/// headline is the page's title when there are several), else a `WebPage`
/// or other non-foreign object with a publication date.
pub(crate) fn main_object<'a>(values: &'a [Value], title: Option<&str>) -> Option<&'a Object> {
    let mut objects = Vec::new();
    for v in values {
        flatten(v, &mut objects, 0);
    }
    let articles: Vec<&Object> = objects
        .iter()
        .copied()
        .filter(|o| types(o).iter().any(|t| is_article_type(t)))
        .collect();
    let headline_is_title = |o: &&Object| {
        let headline = o.get("headline").and_then(Value::as_str).map(squash_lower);
        matches!((headline, title), (Some(h), Some(t)) if !h.is_empty() && squash_lower(t).contains(&h))
    };
    if articles.len() > 1 {
        if let Some(o) = articles.iter().find(|o| headline_is_title(o)) {
            return Some(o);
        }
    }
    articles.first().copied().or_else(|| {
        objects.iter().copied().find(|o| {
            o.contains_key("datePublished") && !types(o).iter().any(|t| is_foreign_type(t))
        })
    })
}

fn squash_lower(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A string field, trimmed, if non-empty (a one-element list counts).
pub(crate) fn string<'a>(o: &'a Object, key: &str) -> Option<&'a str> {
    let v = o.get(key)?;
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.first()?.as_str()?,
        _ => return None,
    };
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

/// Names from a string, a `{"name": …}` object, or a list of either;
/// URLs are not names.
pub(crate) fn names(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    match v {
        Value::String(s) => {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if !s.is_empty() && !s.starts_with("http") && !s.starts_with("//") {
                out.push(s);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                out.extend(names(n));
            }
        }
        Value::Array(items) => {
            for item in items.iter().filter(|i| !i.is_array()) {
                for n in names(item) {
                    if !out.contains(&n) {
                        out.push(n);
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// A `"datePublished": "…"` value read straight from script text that is not
/// valid JSON, so one stray comma does not lose the page's date.
pub(crate) fn raw_field<'a>(raw: &'a str, key: &str) -> Option<&'a str> {
    let at = raw.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = raw[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_article_by_headline_among_several() {
        let v = parse(
            r#"[{"@type":"NewsArticle","headline":"Other story","datePublished":"2020-01-01"},
                {"@type":"NewsArticle","headline":"Main story","datePublished":"2020-02-02"}]"#,
        )
        .unwrap();
        let o = main_object(std::slice::from_ref(&v), Some("Main story | Site")).unwrap();
        assert_eq!(string(o, "datePublished"), Some("2020-02-02"));
    }

    #[test]
    fn comments_and_videos_are_not_the_page() {
        let v = parse(
            r#"{"@graph":[{"@type":"Comment","datePublished":"2021-05-05"},
                {"@type":"WebPage","datePublished":"2021-04-04"}]}"#,
        )
        .unwrap();
        let o = main_object(std::slice::from_ref(&v), None).unwrap();
        assert_eq!(string(o, "datePublished"), Some("2021-04-04"));
    }

    #[test]
    fn repairs_raw_newlines_and_reads_broken_json() {
        let v = parse("<!-- {\"@type\":\"Article\",\"headline\":\"a\nb\"} -->").unwrap();
        assert!(v.is_object());
        let broken = r#"{"@type":"Article", "datePublished" : "2019-10-16T08:00:00+02:00",}"#;
        assert!(parse(broken).is_none());
        assert_eq!(
            raw_field(broken, "datePublished"),
            Some("2019-10-16T08:00:00+02:00")
        );
    }

    #[test]
    fn names_from_objects_and_lists() {
        let v: Value = serde_json::from_str(
            r#"[{"@type":"Person","name":"Jane  Doe"},"John Roe","https://x.example/a",{"name":"Jane Doe"}]"#,
        )
        .unwrap();
        assert_eq!(names(&v), vec!["Jane Doe", "John Roe"]);
    }
}
