//! Byte-level scanning of feed XML that the lexer cannot do: the root
//! element of a file head, an element's closing tag, the next item after
//! an error, and a well-formedness check of one element's content.

use quick_xml::events::Event;
use quick_xml::Reader;

/// The part of a qualified name after its prefix (`content:encoded` →
/// `encoded`).
pub(crate) fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The name of the first element, after any BOM, XML declaration,
/// processing instructions, comments and doctype. Works on a file's head.
pub(crate) fn root_element(bytes: &[u8]) -> Option<String> {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        rest = skip_whitespace(rest);
        let skip_to: &[u8] = if rest.starts_with(b"<?") {
            b"?>"
        } else if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<!") {
            b">"
        } else if let Some(tag) = rest.strip_prefix(b"<") {
            let name = name_at(tag);
            return (!name.is_empty()).then(|| String::from_utf8_lossy(name).into_owned());
        } else {
            return None;
        };
        let end = find(rest, skip_to)?;
        rest = &rest[end + skip_to.len()..];
    }
}

/// Where the element opened just before `from` (its start tag ends there)
/// closes: `(start of its end tag, just after it)`. Same-name nesting,
/// CDATA sections and comments are honoured.
pub(crate) fn find_close(text: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let name = name.as_bytes();
    let mut depth = 1usize;
    let mut pos = from;
    while let Some(lt) = find(bytes.get(pos..)?, b"<").map(|at| pos + at) {
        let rest = &bytes[lt..];
        if rest.starts_with(b"<![CDATA[") {
            pos = lt + find(rest, b"]]>")? + 3;
        } else if rest.starts_with(b"<!--") {
            pos = lt + find(rest, b"-->")? + 3;
        } else if let Some(closing) = rest.strip_prefix(b"</") {
            pos = lt + 2;
            if name_at(closing) == name {
                let after_name = &closing[name.len()..];
                let n_ws = after_name.len() - skip_whitespace(after_name).len();
                if after_name.get(n_ws) == Some(&b'>') {
                    pos = lt + 2 + name.len() + n_ws + 1;
                    depth -= 1;
                    if depth == 0 {
                        return Some((lt, pos));
                    }
                }
            }
        } else if name_at(&rest[1..]) == name {
            let gt = lt + tag_end(rest)?;
            if bytes[gt - 1] != b'/' {
                depth += 1;
            }
            pos = gt + 1;
        } else {
            pos = lt + 1;
        }
    }
    None
}

/// The next `<item` / `<entry` start tag (any prefix) at or after `from`.
pub(crate) fn next_item_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = from;
    while let Some(lt) = find(bytes.get(pos..)?, b"<").map(|at| pos + at) {
        let name = name_at(&bytes[lt + 1..]);
        let name = std::str::from_utf8(name).unwrap_or_default();
        if matches!(local_name(name), "item" | "entry") {
            return Some(lt);
        }
        pos = lt + 1;
    }
    None
}

/// Check that `inner` (an element's content) is well-formed: tags nest
/// and close. On failure, the offset in `inner` and what was wrong.
pub(crate) fn check_fragment(inner: &str) -> Result<(), (usize, String)> {
    if !inner.contains('<') {
        return Ok(());
    }
    let mut reader = Reader::from_str(inner);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.allow_dangling_amp = true;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Err(err) => return Err((reader.error_position() as usize, err.to_string())),
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) if depth > 0 => {
                return Err((inner.len(), "an element inside is never closed".into()))
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// The tag name at the start of `bytes` (up to whitespace, `>` or `/`).
fn name_at(bytes: &[u8]) -> &[u8] {
    let len = bytes
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/' || b == b'<')
        .unwrap_or(bytes.len());
    &bytes[..len]
}

/// Offset of the `>` that ends the tag opening `tag`, skipping quoted
/// attribute values.
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in tag.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn skip_whitespace(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    crate::bytes::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_skips_prolog() {
        let head = b"\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c --><!DOCTYPE rss><?xml-stylesheet x?>\n<rss version=\"2.0\">";
        assert_eq!(root_element(head).as_deref(), Some("rss"));
        assert_eq!(
            root_element(b"<rdf:RDF xmlns:rdf='x'>").as_deref(),
            Some("rdf:RDF")
        );
        assert_eq!(root_element(b"plain text"), None);
        assert_eq!(root_element(b"<!-- never closed"), None);
        assert_eq!(root_element(b"<"), None);
    }

    #[test]
    fn close_honours_nesting_cdata_and_self_closing() {
        let t = "<d>a<d x='>'/>b<d>c</d><![CDATA[</d>]]></d >tail";
        let (inner_end, after) = find_close(t, 3, "d").unwrap();
        assert_eq!(&t[3..inner_end], "a<d x='>'/>b<d>c</d><![CDATA[</d>]]>");
        assert_eq!(&t[after..], "tail");
        assert_eq!(find_close("<d>never", 3, "d"), None);
        assert_eq!(find_close("<d></dd></d>", 3, "d"), Some((8, 12)));
    }

    #[test]
    fn next_item_skips_other_names() {
        let t = "<items/><rdf:li/><atom:entry>";
        assert_eq!(next_item_start(t, 0), Some(17));
        assert_eq!(next_item_start("<item>", 1), None);
    }

    #[test]
    fn fragments_must_nest() {
        assert!(check_fragment("plain &amp; AT&T").is_ok());
        assert!(check_fragment("<name>A</name><email>e</email>").is_ok());
        assert!(check_fragment("Broken</titel>").is_err());
        assert!(check_fragment("<b>open").is_err());
        assert!(check_fragment("<a></b>").is_err());
    }
}
