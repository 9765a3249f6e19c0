//! A fallback for pathological HTML: nesting so deep that the HTML parser's
//! per-tag scope checks would take quadratic time. Such input is read as
//! text with the tags stripped, so cleaning stays fast on any input.

use std::collections::HashMap;

/// Real pages nest a few dozen elements deep, sloppy ones (unclosed tags
/// counted as open) a few hundred; beyond this the input is hostile or
/// broken, and parsing it as a tree would take minutes.
const MAX_NAIVE_DEPTH: usize = 3000;

/// Elements that never take a closing tag, or whose closing tag is usually
/// omitted; counting them would make every sloppy page look deep.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "td", "tr", "th", "option", "dt", "dd",
];

/// Elements whose start or end means a new paragraph in the flattened text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
];

fn tag_name(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// A tag name as a fixed-size lowercase key: no allocation per tag. Names
/// longer than the key share it with names of the same start, which only
/// matters for made-up elements and only makes the count coarser.
type NameKey = [u8; 24];

fn name_key(rest: &[u8]) -> NameKey {
    let mut key = [0u8; 24];
    for (k, b) in key
        .iter_mut()
        .zip(rest.iter().take_while(|b| b.is_ascii_alphanumeric()))
    {
        *k = b.to_ascii_lowercase();
    }
    key
}

fn is_not_nesting(key: &NameKey) -> bool {
    let len = key.iter().position(|&b| b == 0).unwrap_or(key.len());
    NOT_NESTING.iter().any(|n| n.as_bytes() == &key[..len])
}

/// Whether the element nesting would get deeper than real pages go. The
/// tags are scanned (no tree is built) and an end tag closes the innermost
/// open element of its name, as parsers do; an end tag with no open element
/// of its name is ignored, so `<i>x</p>` repeated counts as deep.
pub(crate) fn too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<NameKey> = Vec::new();
    let mut n_open: HashMap<NameKey, usize> = HashMap::new();
    let mut at = 0;
    while let Some(pos) = bytes[at..].iter().position(|&b| b == b'<') {
        at += pos + 1;
        let rest = &bytes[at..];
        let closing = rest.first() == Some(&b'/');
        let name_at = rest.iter().position(|&b| b != b'/').unwrap_or(rest.len());
        let key = name_key(&rest[name_at..]);
        if key[0] == 0 || is_not_nesting(&key) {
            continue;
        }
        if closing {
            if n_open.get(&key).copied().unwrap_or(0) > 0 {
                // Each element is pushed and popped once: linear overall.
                while let Some(top) = open.pop() {
                    if let Some(n) = n_open.get_mut(&top) {
                        *n = n.saturating_sub(1);
                    }
                    if top == key {
                        break;
                    }
                }
            }
            continue;
        }
        let self_closing = rest
            .iter()
            .position(|&b| b == b'>')
            .is_some_and(|end| end > 0 && rest[end - 1] == b'/');
        if !self_closing {
            *n_open.entry(key).or_default() += 1;
            open.push(key);
            if open.len() > MAX_NAIVE_DEPTH {
                return true;
            }
        }
    }
    false
}

/// The text of `html` with tags removed (script and style contents too),
/// block tags turned into line breaks and the common entities decoded.
pub(crate) fn flatten(html: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so `lower` indexes like `html`.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while let Some(pos) = html[at..].find('<') {
        out.push_str(&html[at..at + pos]);
        at += pos + 1;
        let closing = html[at..].starts_with('/');
        let name = tag_name(lower[at..].trim_start_matches('/')).to_string();
        at += html[at..].find('>').map_or(html.len() - at, |e| e + 1);
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            at += lower[at..].find(&close).unwrap_or(html.len() - at);
        }
        out.push(if BLOCKS.contains(&name.as_str()) {
            '\n'
        } else {
            ' '
        });
    }
    out.push_str(&html[at..]);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&mdash;", "—")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_are_not_deep() {
        let page =
            "<html><body><div><p>One<p>Two<br><img src=x><ul><li>a<li>b</ul></div></body></html>";
        assert!(!too_deep(page));
        assert!(!too_deep(&"<p>unclosed paragraph".repeat(10_000)));
        assert!(too_deep(&"<div>".repeat(MAX_NAIVE_DEPTH + 1)));
        assert!(!too_deep(&"<div></div>".repeat(10_000)));
        assert!(too_deep(&"<i>x</p>".repeat(MAX_NAIVE_DEPTH + 1)));
        assert!(!too_deep(&"<div><span>unclosed span</div>".repeat(10_000)));
    }

    #[test]
    fn flattening_keeps_text_and_paragraph_breaks() {
        let flat = flatten("<div><p>Fish &amp; chips</p><script>var a = '<p>x</p>';</script><b>bold</b> text</div>");
        let lines: Vec<&str> = flat
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["Fish & chips", "bold  text"]);
    }
}
