//! The page shell and the helpers every page uses to build safe links.

use maud::{html, Markup, DOCTYPE};

/// A complete page: head, top bar with the search box, and `body`.
pub(crate) fn page(title: &str, search: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Concord" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "Concord" }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" value=(search)
                            placeholder="Search articles" aria-label="Search articles";
                        button type="submit" { "Search" }
                    }
                    a href="/api/openapi.json" { "API" }
                }
                main { (body) }
            }
        }
    }
    .into_string()
}

/// The URL as a link target if it is an absolute `http:` or `https:` URL;
/// anything else (`javascript:`, `data:`, relative paths) is not linked.
pub fn safe_href(url: &str) -> Option<&str> {
    let trimmed = url.trim();
    let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(trimmed)
}

/// Percent-encode everything but RFC 3986 unreserved characters, so an id
/// is one path segment or query value whatever it contains.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `/stories/{id}`.
pub(crate) fn story_href(id: &str) -> String {
    format!("/stories/{}", encode_segment(id))
}

/// `/articles/{id}`.
pub(crate) fn article_href(id: &str) -> String {
    format!("/articles/{}", encode_segment(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(
            safe_href("https://example.com/a"),
            Some("https://example.com/a")
        );
        assert_eq!(safe_href(" HTTP://x.org "), Some("HTTP://x.org"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<script>"), None);
        assert_eq!(safe_href("/relative"), None);
        assert_eq!(safe_href("https://x.org/\u{0}javascript:"), None);
        assert_eq!(safe_href("https://a b"), None);
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("a b/c?d#e"), "a%20b%2Fc%3Fd%23e");
        assert_eq!(encode_segment("000.txt"), "000.txt");
        assert_eq!(encode_segment("é\""), "%C3%A9%22");
    }
}
