//! Bytes of unknown encoding → UTF-8 text, for archived pages and feeds:
//! BOM, then the declared charset (HTTP header, `<meta>`, `<?xml?>`), then
//! UTF-8 if the bytes are UTF-8, else windows-1252. Never fails: malformed
//! sequences become U+FFFD.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page to look for a `<meta charset>`: the HTML standard
/// says 1024 bytes; real pages put long scripts first, so allow more.
const META_PRESCAN_BYTES: usize = 4096;

/// A page's text. `declared` is the `charset` parameter of its HTTP
/// `Content-Type`, if any.
pub(crate) fn decode_html(bytes: &[u8], declared: Option<&str>) -> String {
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    decode_with(bytes, declared)
}

/// A feed's text and, when bytes had to be replaced, a one-line note.
pub(crate) struct Decoded {
    pub text: String,
    pub problem: Option<String>,
}

/// A feed's text, in the encoding of its BOM or `<?xml … encoding="…"?>`
/// declaration, else UTF-8 (XML's default; bad bytes are replaced and
/// reported, not guessed at).
pub(crate) fn decode_xml(bytes: &[u8]) -> Decoded {
    // The declaration was readable as ASCII, so a UTF-16 label is wrong.
    let declared = xml_declared_encoding(bytes).map_or(UTF_8, Encoding::output_encoding);
    let (text, used, had_errors) = declared.decode(bytes);
    let problem = had_errors.then(|| match std::str::from_utf8(bytes) {
        Err(err) if used == UTF_8 => format!(
            "invalid UTF-8 at byte {} (bad bytes replaced with U+FFFD)",
            err.valid_up_to()
        ),
        _ => format!("bytes invalid in {} replaced with U+FFFD", used.name()),
    });
    Decoded {
        text: text.into_owned(),
        problem,
    }
}

/// Decode with `declared` (a BOM wins over it, as browsers do), or sniff.
fn decode_with(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
    // A page that says UTF-16 but reached us as ASCII-compatible bytes is
    // UTF-8 in practice; `output_encoding` maps it so.
    let encoding = declared
        .map(Encoding::output_encoding)
        .unwrap_or_else(|| sniff(bytes));
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// UTF-8 when the bytes are valid UTF-8 (or start with any BOM, which
/// `decode` honours), else the web's usual legacy default.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// The charset named by a `<meta charset=…>` or `<meta http-equiv
/// content="…; charset=…">` near the start of a page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + b"<meta".len();
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        if let Some(encoding) = charset_param(&head[start..end]) {
            return Some(encoding);
        }
        from = end;
    }
    None
}

/// The encoding after the first `charset=` in `tag` (quotes and spaces
/// allowed around the label).
fn charset_param(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(&tag.to_ascii_lowercase(), b"charset")?;
    let rest = &tag[at + b"charset".len()..];
    let rest = trim_start(rest).strip_prefix(b"=")?;
    let rest = trim_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..len])
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start.
fn xml_declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let decl_end = find(bytes, b"?>")?;
    let decl = &bytes[..decl_end];
    let at = find(decl, b"encoding")?;
    let rest = trim_start(&decl[at + b"encoding".len()..]).strip_prefix(b"=")?;
    let rest = trim_start(rest);
    let quote = *rest.first()?;
    let rest = rest.get(1..)?;
    let len = rest.iter().position(|&b| b == quote)?;
    Encoding::for_label(&rest[..len])
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// Position of `needle` in `haystack` (small inputs; no need for memchr).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_sniffing() {
        // "café" in windows-1252 and in UTF-8.
        assert_eq!(decode_html(b"caf\xe9", Some("ISO-8859-1")), "café");
        assert_eq!(decode_html("café".as_bytes(), Some("utf-8")), "café");
        // An unknown label is ignored rather than trusted.
        assert_eq!(decode_html("café".as_bytes(), Some("x-nonsense")), "café");
    }

    #[test]
    fn meta_charset_is_found_in_both_spellings() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head>\xcf\xf0\xe8";
        assert!(decode_html(page, None).ends_with("При"));
        let page = b"<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=iso-8859-2'>\xb1";
        assert!(decode_html(page, None).ends_with('ą'));
    }

    #[test]
    fn invalid_utf8_without_declaration_falls_back_to_windows_1252() {
        assert_eq!(
            decode_html(b"\x93quoted\x94", None),
            "\u{201c}quoted\u{201d}"
        );
        // Valid UTF-8 stays UTF-8.
        assert_eq!(
            decode_html("\u{201c}q\u{201d}".as_bytes(), None),
            "\u{201c}q\u{201d}"
        );
    }

    #[test]
    fn bom_wins_and_is_removed() {
        assert_eq!(decode_html(b"\xEF\xBB\xBFhi", Some("windows-1252")), "hi");
        assert_eq!(decode_html(b"\xFF\xFEh\0i\0", None), "hi");
    }

    #[test]
    fn xml_declaration_names_the_encoding() {
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>caf\xe9</rss>";
        let decoded = decode_xml(feed);
        assert!(decoded.text.ends_with("café</rss>"));
        assert!(decoded.problem.is_none());
        let plain = decode_xml(b"<?xml version='1.0'?><a/>");
        assert_eq!(plain.text, "<?xml version='1.0'?><a/>");
        let bad = decode_xml(b"<a>\xff</a>");
        assert_eq!(bad.text, "<a>\u{fffd}</a>");
        assert_eq!(
            bad.problem.as_deref(),
            Some("invalid UTF-8 at byte 3 (bad bytes replaced with U+FFFD)")
        );
    }

    #[test]
    fn garbage_never_panics() {
        for bytes in [
            &b""[..],
            b"<meta",
            b"<meta charset",
            b"<meta charset=",
            b"<?xml encoding='",
        ] {
            let _ = decode_html(bytes, None);
            let _ = decode_xml(bytes).text;
        }
    }
}
