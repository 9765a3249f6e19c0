//! The HTTP response inside a WARC `response` record: status line, headers,
//! chunked transfer coding and gzip / deflate content coding, each decoded
//! within a byte budget so a small record cannot inflate to anything.

use crate::bytes::find;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use std::io::Read;

/// A parsed HTTP response; `body` is as stored (possibly still encoded).
#[derive(Debug)]
pub(crate) struct Response<'a> {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: &'a [u8],
}

impl Response<'_> {
    /// The first header called `name` (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }
}

/// Split a response into status, headers and body. Header bytes that are
/// not UTF-8 are read as Latin-1 (HTTP headers are bytes, not text).
pub(crate) fn parse_response(block: &[u8]) -> Result<Response<'_>, String> {
    if !block.starts_with(b"HTTP/") {
        return Err("response record does not start with an HTTP status line".into());
    }
    let (head, body) = split_head(block).ok_or("HTTP headers never end (no blank line)")?;
    let head: String = head.iter().map(|&b| char::from(b)).collect();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", truncate(status_line)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding: the value goes on.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// Headers and body, split at the first blank line (CRLF or bare LF).
fn split_head(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = find(block, b"\r\n\r\n");
    let lf = find(&block[..crlf.unwrap_or(block.len())], b"\n\n");
    let (at, sep) = match (lf, crlf) {
        (Some(at), _) => (at, 2),
        (None, Some(at)) => (at, 4),
        // Headers with no body at all.
        (None, None) if block.ends_with(b"\n") => (block.len(), 0),
        (None, None) => return None,
    };
    Some((&block[..at], &block[at + sep..]))
}

/// The body with transfer and content codings removed. `budget` is how
/// many decoded bytes may still be produced; it is reduced by what this
/// body uses.
pub(crate) fn decoded_body(response: &Response<'_>, budget: &mut u64) -> Result<Vec<u8>, String> {
    let mut body = response.body.to_vec();
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        // Some crawlers store the de-chunked body but keep the header: a
        // body that does not start with a chunk size is taken as is.
        if let Some(dechunked) = dechunk(&body)? {
            body = dechunked;
        }
    }
    let codings = response.header("Content-Encoding").unwrap_or_default();
    for coding in codings.rsplit(',').map(|c| c.trim().to_ascii_lowercase()) {
        body = match coding.as_str() {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" => inflate_or_keep(&body, Coding::Gzip, budget)?,
            "deflate" => inflate_or_keep(&body, Coding::Deflate, budget)?,
            other => return Err(format!("unsupported Content-Encoding {other:?}")),
        };
    }
    let len = body.len() as u64;
    if len > *budget {
        return Err(over_budget());
    }
    *budget -= len;
    Ok(body)
}

#[derive(Clone, Copy)]
enum Coding {
    Gzip,
    Deflate,
}

/// Inflate `body`; when it is plainly not compressed (crawlers often store
/// the decoded body under the original header), keep it.
fn inflate_or_keep(body: &[u8], coding: Coding, budget: &mut u64) -> Result<Vec<u8>, String> {
    let looks_compressed = match coding {
        Coding::Gzip => body.starts_with(&[0x1f, 0x8b]),
        // Raw deflate has no magic; HTML starts with text.
        Coding::Deflate => !looks_like_text(body),
    };
    if !looks_compressed {
        return Ok(body.to_vec());
    }
    let cap = *budget;
    let inflated = match coding {
        Coding::Gzip => read_capped(MultiGzDecoder::new(body), cap),
        // "deflate" means zlib by the RFC, raw deflate by many servers.
        Coding::Deflate => read_capped(ZlibDecoder::new(body), cap)
            .or_else(|_| read_capped(DeflateDecoder::new(body), cap)),
    };
    inflated.map_err(|err| format!("cannot decode the compressed HTTP body: {err}"))
}

/// Read at most `cap` bytes; more is an error, not a silent cut.
fn read_capped(reader: impl Read, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > cap {
        return Err(std::io::Error::other(over_budget()));
    }
    Ok(out)
}

fn over_budget() -> String {
    "HTTP body decodes to more than the size limit".into()
}

fn looks_like_text(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take(64)
        .all(|&b| b.is_ascii_graphic() || b.is_ascii_whitespace() || b >= 0x80)
}

/// Undo chunked transfer coding. `Ok(None)` when the body does not start
/// with a chunk-size line (already de-chunked).
fn dechunk(body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let line_end = find(rest, b"\n");
        let size = line_end.and_then(|end| chunk_size(&rest[..end]));
        let (Some(line_end), Some(size)) = (line_end, size) else {
            if first {
                return Ok(None);
            }
            // A missing final chunk is common in captures cut short.
            if rest.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some(out));
            }
            return Err("malformed chunked HTTP body (bad chunk size line)".into());
        };
        first = false;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Ok(Some(out));
        }
        let Some(chunk) = rest.get(..size) else {
            return Err(format!(
                "truncated chunked HTTP body (chunk of {size} bytes, {} left)",
                rest.len()
            ));
        };
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// The size on a chunk-size line (`1a3f;ext=1\r`), if it is one.
fn chunk_size(line: &[u8]) -> Option<usize> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let hex_len = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    let rest = &line[hex_len..];
    if hex_len == 0
        || hex_len > 15
        || !(rest.is_empty() || rest.starts_with(b";") || rest.starts_with(b" "))
    {
        return None;
    }
    let hex = std::str::from_utf8(&line[..hex_len]).ok()?;
    usize::from_str_radix(hex, 16).ok()
}

/// The media type of a `Content-Type` value, lowercased, and its charset.
pub(crate) fn media_type(content_type: &str) -> (String, Option<String>) {
    let mut parts = content_type.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    });
    (mime, charset)
}

/// A status line quoted in an error stays one short line.
pub(crate) fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_inputs::gzip;
    use flate2::Compression;
    use std::io::Write;

    fn body_of(raw: &[u8]) -> Result<Vec<u8>, String> {
        let response = parse_response(raw)?;
        decoded_body(&response, &mut 1_000_000)
    }

    #[test]
    fn parses_status_headers_and_folded_lines() {
        let r = parse_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: y\r\n\r\n<p>",
        )
        .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.body, b"<p>");
        assert_eq!(
            media_type("Text/HTML; Charset=\"ISO-8859-1\""),
            ("text/html".into(), Some("ISO-8859-1".into()))
        );
    }

    #[test]
    fn rejects_what_is_not_a_response() {
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 abc\r\n\r\n")
            .unwrap_err()
            .contains("bad HTTP status line"));
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nX: y").is_err());
    }

    #[test]
    fn decodes_chunked_then_gzip() {
        let gz = gzip(b"<p>Hello</p>");
        let (a, b) = gz.split_at(5);
        let mut raw =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        raw.extend_from_slice(format!("{:x};x=1\r\n", a.len()).as_bytes());
        raw.extend_from_slice(a);
        raw.extend_from_slice(format!("\r\n{:X}\r\n", b.len()).as_bytes());
        raw.extend_from_slice(b);
        raw.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(body_of(&raw).unwrap(), b"<p>Hello</p>");
    }

    #[test]
    fn keeps_bodies_already_decoded_by_the_crawler() {
        let raw = b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n\n<html>plain</html>";
        assert_eq!(body_of(raw).unwrap(), b"<html>plain</html>");
    }

    #[test]
    fn deflate_accepts_zlib_and_raw() {
        use flate2::write::{DeflateEncoder, ZlibEncoder};
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(b"zlib body").unwrap();
        let mut d = DeflateEncoder::new(Vec::new(), Compression::default());
        d.write_all(b"raw body").unwrap();
        for (enc, want) in [
            (z.finish().unwrap(), &b"zlib body"[..]),
            (d.finish().unwrap(), b"raw body"),
        ] {
            let mut raw = b"HTTP/1.0 200 OK\r\nContent-Encoding: deflate\r\n\r\n".to_vec();
            raw.extend_from_slice(&enc);
            assert_eq!(body_of(&raw).unwrap(), want);
        }
    }

    #[test]
    fn errors_are_one_line_and_budget_is_enforced() {
        let truncated = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort";
        assert!(body_of(truncated)
            .unwrap_err()
            .starts_with("truncated chunked HTTP body"));
        let br = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x8b\x01";
        assert_eq!(
            body_of(br).unwrap_err(),
            "unsupported Content-Encoding \"br\""
        );
        let mut bomb = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        bomb.extend_from_slice(&gzip(&[b'a'; 10_000]));
        let response = parse_response(&bomb).unwrap();
        let mut budget = 100;
        let err = decoded_body(&response, &mut budget).unwrap_err();
        assert!(err.contains("more than the size limit"), "{err}");
    }
}
