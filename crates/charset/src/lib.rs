//! Bytes of unknown encoding → UTF-8 text, the one decoder shared by the
//! stages that meet raw bytes (`ingest` for archived pages and feeds,
//! `clean` for saved pages).
//!
//! HTML: a byte order mark, then the HTTP (or WARC) `Content-Type`
//! charset, then a `<meta charset>` / `http-equiv` declaration, then
//! sniffing the bytes, with windows-1252 as the last resort. XML: the BOM
//! or the `<?xml … encoding="…"?>` declaration, else UTF-8. Never panics:
//! bytes that do not decode become U+FFFD.
//!
//! **Architecture invariant:** no other Concord crate is used; this is a
//! leaf under both stages, so neither depends on the other for it.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How far into a page a `<meta charset>` is looked for. The HTML standard
/// says 1024 bytes; real pages put long scripts and comments first.
const META_SCAN_BYTES: usize = 16 * 1024;
/// How much of a page the detector reads: enough to judge any language.
const SNIFF_BYTES: usize = 256 * 1024;

/// Where the charset used for a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
    Http,
    Meta,
    /// Declared as one charset but valid UTF-8 with non-ASCII text: servers
    /// and templates often declare `iso-8859-1` over UTF-8 content.
    Utf8OverDeclared,
    Sniffed,
}

/// The charset a page is decoded with, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charset {
    /// The WHATWG name: `UTF-8`, `windows-1251`, `EUC-KR`, …
    pub name: &'static str,
    pub source: CharsetSource,
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .unwrap_or_else(|err| panic!("bad built-in regex: {err}"))
});

/// The encoding a label names; `utf-16` in a meta tag means UTF-8 (the
/// page was decoded to find the tag, so it is not UTF-16), as browsers do.
fn for_label(label: &str, from_meta: bool) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    if from_meta && (enc == UTF_16LE || enc == UTF_16BE) {
        return Some(UTF_8);
    }
    if enc.name() == "replacement" {
        return None;
    }
    Some(enc)
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let caps = META_CHARSET.captures(head)?;
    let label = std::str::from_utf8(caps.get(1)?.as_bytes()).ok()?;
    for_label(label, true)
}

/// Valid UTF-8 that has some non-ASCII text: a declaration of another
/// charset over it is wrong (legacy text is almost never valid UTF-8).
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// Declared UTF-8 but broken: keep UTF-8 when most of its non-ASCII bytes
/// still form valid sequences (a few damaged characters), else sniff.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(err) => {
                let (good, bad) = rest.split_at(err.valid_up_to());
                valid += String::from_utf8_lossy(good)
                    .chars()
                    .filter(|c| !c.is_ascii())
                    .count();
                invalid += 1;
                let skip = err.error_len().unwrap_or(bad.len()).max(1);
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    valid >= invalid * 4
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(SNIFF_BYTES)], true);
    let guess = detector.guess(None, true);
    if guess == UTF_8 && !mostly_utf8(bytes) {
        WINDOWS_1252
    } else {
        guess
    }
}

/// The charset `bytes` are decoded with, given the HTTP header's charset.
pub fn html_charset(bytes: &[u8], http_charset: Option<&str>) -> Charset {
    let charset = |enc: &'static Encoding, source| Charset {
        name: enc.name(),
        source,
    };
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return charset(enc, CharsetSource::ByteOrderMark);
    }
    let declared = http_charset
        .and_then(|l| for_label(l, false))
        .map(|e| (e, CharsetSource::Http))
        .or_else(|| meta_charset(bytes).map(|e| (e, CharsetSource::Meta)));
    match declared {
        Some((enc, _)) if enc != UTF_8 && is_non_ascii_utf8(bytes) => {
            charset(UTF_8, CharsetSource::Utf8OverDeclared)
        }
        Some((enc, _)) if enc == UTF_8 && !mostly_utf8(bytes) => {
            charset(sniff(bytes), CharsetSource::Sniffed)
        }
        Some((enc, source)) => charset(enc, source),
        None => charset(sniff(bytes), CharsetSource::Sniffed),
    }
}

/// Decode an HTML page's bytes to text (see the module docs for the order
/// of trust). Undecodable bytes become U+FFFD; a BOM is dropped.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> String {
    let charset = html_charset(bytes, http_charset);
    let enc = Encoding::for_label(charset.name.as_bytes()).unwrap_or(WINDOWS_1252);
    let body = match Encoding::for_bom(bytes) {
        Some((_, bom_len)) => bytes.get(bom_len..).unwrap_or(&[]),
        None => bytes,
    };
    let (text, _had_errors) = enc.decode_without_bom_handling(body);
    text.into_owned()
}

/// A feed's text and, when bytes had to be replaced, a one-line note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub problem: Option<String>,
}

/// A feed's text, in the encoding of its BOM or `<?xml … encoding="…"?>`
/// declaration, else UTF-8 (XML's default; bad bytes are replaced and
/// reported, not guessed at).
pub fn decode_xml(bytes: &[u8]) -> Decoded {
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
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_KR, KOI8_R, WINDOWS_1251};

    const RUSSIAN: &str = "Президент России заявил в четверг, что правительство \
        рассмотрит новый бюджет на следующей неделе. Депутаты Государственной думы \
        обсудили поправки к закону о печати и средствах массовой информации.";
    const KOREAN: &str = "대통령은 목요일 정부가 다음 주에 새 예산안을 검토할 것이라고 \
        밝혔다. 국회의원들은 언론과 방송에 관한 법률 개정안을 논의했다.";

    fn page(meta: &str, text: &str, enc: &'static Encoding) -> Vec<u8> {
        let html =
            format!("<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>");
        enc.encode(&html).0.into_owned()
    }

    #[test]
    fn sniffs_cyrillic_and_korean_without_declarations() {
        for (enc, text) in [(WINDOWS_1251, RUSSIAN), (KOI8_R, RUSSIAN), (EUC_KR, KOREAN)] {
            let bytes = page("", text, enc);
            let got = html_charset(&bytes, None);
            // KOI8-U differs from KOI8-R only in Ukrainian letters.
            let same = got.name == enc.name() || (enc == KOI8_R && got.name == "KOI8-U");
            assert!(same, "{} sniffed as {}", enc.name(), got.name);
            assert_eq!(got.source, CharsetSource::Sniffed);
            assert!(decode_html(&bytes, None).contains(text), "{}", enc.name());
        }
    }

    #[test]
    fn http_header_beats_meta_and_meta_beats_sniffing() {
        let bytes = page(r#"<meta charset="koi8-r">"#, RUSSIAN, WINDOWS_1251);
        assert!(decode_html(&bytes, Some("windows-1251")).contains(RUSSIAN));
        assert_eq!(html_charset(&bytes, None).source, CharsetSource::Meta);
        let bytes = page(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">"#,
            KOREAN,
            EUC_KR,
        );
        assert_eq!(html_charset(&bytes, None).name, "EUC-KR");
        assert!(decode_html(&bytes, None).contains(KOREAN));
    }

    #[test]
    fn utf8_content_under_a_latin1_declaration_stays_utf8() {
        let bytes = page(r#"<meta charset="iso-8859-1">"#, "Grüße aus Köln", UTF_8);
        let got = html_charset(&bytes, Some("ISO-8859-1"));
        assert_eq!(got.source, CharsetSource::Utf8OverDeclared);
        assert!(decode_html(&bytes, None).contains("Grüße aus Köln"));
        let latin1 = page(
            r#"<meta charset="iso-8859-1">"#,
            "Grüße aus Köln",
            WINDOWS_1252,
        );
        assert!(decode_html(&latin1, None).contains("Grüße aus Köln"));
    }

    #[test]
    fn bom_wins_and_is_dropped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(page(r#"<meta charset="windows-1251">"#, "Köln", UTF_8));
        assert_eq!(
            html_charset(&bytes, Some("koi8-r")).source,
            CharsetSource::ByteOrderMark
        );
        let text = decode_html(&bytes, None);
        assert!(text.starts_with("<html>") && text.contains("Köln"));
    }

    #[test]
    fn garbage_never_panics() {
        for bytes in [
            &b""[..],
            b"\xff\xfe\x00",
            b"<meta charset=\"\xff\xff\">\x80\x81\x82",
            b"<meta charset=utf-8>\xc3\x28\xa0\xa1",
            b"<meta charset=bogus-charset>abc",
        ] {
            let _ = decode_html(bytes, Some("\u{0}nonsense"));
            let _ = decode_html(bytes, None);
        }
        assert_eq!(
            decode_html(b"<meta charset=bogus>caf\xe9", None),
            "<meta charset=bogus>café"
        );
    }

    // From the ingest stage's former decoder: the same answers.
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
    fn garbage_never_panics_either_decoder() {
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
