//! A structural check for script-capable markup in a rendered page, used by
//! the tests (over our pages as served, and over the DOM a real browser
//! built from them) to prove that hostile article text stayed text.

use scraper::{Html, Selector};

/// Attributes whose value is a URL the browser may navigate to or load.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
];
/// Elements our pages never emit that could load or run active content.
const FORBIDDEN: &[&str] = &[
    "iframe", "object", "embed", "base", "frame", "frameset", "applet",
];
/// The one script a page may load.
const OUR_SCRIPT: &str = "/static/app.js";

/// Every construct in `html` that could run script: inline or foreign
/// `<script>`, event-handler attributes, `javascript:`-like URLs, style
/// attributes, frames and plugins. Empty means clean.
pub fn active_content(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();
    let Ok(all) = Selector::parse("*") else {
        return vec!["selector failed to parse".to_string()];
    };
    for el in doc.select(&all) {
        let name = el.value().name();
        if FORBIDDEN.contains(&name) {
            problems.push(format!("<{name}> element"));
        }
        if name == "script" {
            let src = el.value().attr("src").unwrap_or("");
            let inline = el.text().any(|t| !t.trim().is_empty());
            if src != OUR_SCRIPT || inline {
                problems.push(format!("<script src={src:?}> inline={inline}"));
            }
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            problems.push("<meta http-equiv>".to_string());
        }
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                problems.push(format!("<{name} {attr}=…> event handler"));
            }
            if attr == "style" || attr == "srcdoc" {
                problems.push(format!("<{name} {attr}=…>"));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) && dangerous_url(value) {
                problems.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    problems
}

/// What a browser would treat as a script or data URL: it ignores
/// whitespace and control characters inside the scheme.
fn dangerous_url(value: &str) -> bool {
    let scheme: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::active_content;

    #[test]
    fn finds_each_kind_of_active_content() {
        let page = r#"<html><head><script src="/static/app.js"></script></head><body>
            <script>alert(1)</script>
            <img src=x onerror="alert(1)">
            <a href=" jav&#x09;ascript:alert(1)">x</a>
            <iframe src="https://x"></iframe>
            <p style="background:url(x)">y</p></body></html>"#;
        let found = active_content(page);
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn escaped_text_is_clean() {
        let page = r#"<html><head><script src="/static/app.js"></script></head><body>
            <p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1) javascript:alert(1)</p>
            <a href="https://example.com/?q=javascript:">ok</a></body></html>"#;
        assert!(active_content(page).is_empty());
    }
}
