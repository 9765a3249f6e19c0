//! WARC 1.0 / 1.1 web archives (`.warc`, `.warc.gz`): HTML pages from
//! `response` and `resource` records. A broken record is a diagnostic
//! naming `path#offset`, and reading resumes at the next `WARC/1.` line or
//! gzip member, so the records after it still come through.
//!
//! Offsets are byte offsets into the file. In a `.warc.gz` they are the
//! offset of the record's gzip member (what CDX indexes store), plus `+n`
//! for a record `n` bytes into a member that holds several.

mod gzip;
mod http;

use crate::bytes::find;
use crate::decode::Limits;
use crate::error::{ErrorKind, IngestError};
use crate::Ingested;
use concord_charset::decode_html;
use concord_model::{Diagnostic, RawDoc, RawFormat};
use gzip::Inflated;

/// A header block longer than this is not a WARC header.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether `bytes` (already inflated) start like a WARC file.
pub(crate) fn is_warc(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"WARC/")
}

/// Read every record of a WARC file called `input`.
pub(crate) fn parse_warc(
    input: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Ingested, IngestError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        let kind = ErrorKind::TooLarge {
            limit: limits.max_input_bytes,
            decompressed: false,
        };
        return Err(IngestError::new(input, kind));
    }
    let gzipped = bytes.starts_with(&[0x1f, 0x8b]);
    let stream = if gzipped {
        gzip::inflate_members(bytes, limits.max_decompressed_bytes)
    } else {
        Inflated::default()
    };
    let data = if gzipped { &stream.data[..] } else { bytes };
    if stream.cuts.is_empty() {
        if data.iter().all(u8::is_ascii_whitespace) {
            return Err(IngestError::new(input, ErrorKind::Empty));
        }
        if !is_warc(data) {
            return Err(IngestError::new(input, ErrorKind::NotWarc));
        }
    }
    let mut reader = Reader {
        input,
        data,
        stream: gzipped.then_some(&stream),
        body_budget: limits.max_decompressed_bytes,
        out: Ingested::default(),
        n_records: 0,
    };
    let mut seg_start = 0;
    for cut in &stream.cuts {
        reader.read_segment(seg_start, cut.at, true);
        let diag = Diagnostic::new(format!("{input}#{}", cut.offset), cut.message.clone());
        reader.out.diagnostics.push(diag);
        seg_start = cut.at;
    }
    reader.read_segment(seg_start, data.len(), false);
    if reader.out.docs.is_empty() && reader.n_records > 0 {
        let n = reader.n_records;
        let msg = format!(
            "no HTML pages among its {n} WARC record{}",
            if n == 1 { "" } else { "s" }
        );
        reader.out.diagnostics.push(Diagnostic::new(input, msg));
    }
    Ok(reader.out)
}

struct Reader<'a> {
    input: &'a str,
    /// The (inflated) file.
    data: &'a [u8],
    /// For a `.warc.gz`, its members, to locate records by.
    stream: Option<&'a Inflated>,
    /// Decoded HTTP body bytes still allowed for this file.
    body_budget: u64,
    out: Ingested,
    n_records: usize,
}

/// One record's header fields and block.
struct Record<'a> {
    fields: Vec<(String, String)>,
    block: &'a [u8],
}

impl Record<'_> {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Why a record could not be split off the stream.
enum Broken {
    /// The stream ends inside the record.
    Truncated(String),
    /// The bytes are not a well-formed record.
    Malformed(String),
}

impl Reader<'_> {
    fn source(&self, pos: usize) -> String {
        let at = match self.stream {
            Some(stream) => stream.locate(pos),
            None => pos.to_string(),
        };
        format!("{}#{at}", self.input)
    }

    fn diagnose(&mut self, pos: usize, message: impl Into<String>) {
        let source = self.source(pos);
        self.out.diagnostics.push(Diagnostic::new(source, message));
    }

    /// Read the records in `data[start..end]`. `cut_short` means corrupt
    /// gzip data ends the segment (already reported), so a record running
    /// off its end is not reported again.
    fn read_segment(&mut self, start: usize, end: usize, cut_short: bool) {
        let data = &self.data[..end];
        let mut pos = start;
        loop {
            while data.get(pos).is_some_and(u8::is_ascii_whitespace) {
                pos += 1;
            }
            if pos >= end {
                return;
            }
            match split_record(data, pos) {
                Ok((record, next)) => {
                    self.n_records += 1;
                    self.read_record(&record, pos);
                    pos = next;
                    continue;
                }
                Err(Broken::Truncated(msg) | Broken::Malformed(msg)) => {
                    let resumes = next_record(data, pos + 1).is_some();
                    // The last record of a segment that corrupt gzip data
                    // cut short is lost to that, already reported.
                    if cut_short && !resumes {
                        return;
                    }
                    let resumes = if resumes {
                        "; skipped to the next record"
                    } else {
                        ""
                    };
                    self.diagnose(pos, format!("{msg}{resumes}"));
                }
            }
            match next_record(data, pos + 1) {
                Some(next) => pos = next,
                None => return,
            }
        }
    }

    /// Turn one record into a document, a diagnostic, or nothing (records
    /// that hold no page: requests, metadata, images, redirects).
    fn read_record(&mut self, record: &Record<'_>, pos: usize) {
        let kind = record
            .field("WARC-Type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let page = match kind.as_str() {
            "response" => self.response_page(record),
            "resource" => Ok(resource_page(record)),
            "" => Err("record has no WARC-Type".to_string()),
            _ => Ok(None),
        };
        match page {
            Ok(Some(text)) if text.trim().is_empty() => self.diagnose(pos, "HTML page is empty"),
            Ok(Some(text)) => {
                let doc = self.make_doc(record, pos, text);
                self.out.docs.push(doc);
            }
            Ok(None) => {}
            Err(msg) => self.diagnose(pos, msg),
        }
    }

    /// The page text of a 2xx HTML response; `None` for other responses.
    fn response_page(&mut self, record: &Record<'_>) -> Result<Option<String>, String> {
        let uri = record
            .field("WARC-Target-URI")
            .map(strip_angles)
            .unwrap_or_default();
        let is_http = uri.starts_with("http:") || uri.starts_with("https:");
        if !is_http && !record.block.starts_with(b"HTTP/") {
            return Ok(None); // dns:, ftp: and other non-HTTP captures
        }
        let response = http::parse_response(record.block)?;
        if !(200..300).contains(&response.status) {
            return Ok(None);
        }
        let (mime, charset) = http::media_type(response.header("Content-Type").unwrap_or_default());
        if !(is_html_type(&mime) || mime.is_empty() && looks_like_html(response.body)) {
            return Ok(None);
        }
        let body = http::decoded_body(&response, &mut self.body_budget)?;
        if mime.is_empty() && !looks_like_html(&body) {
            return Ok(None);
        }
        Ok(Some(decode_html(&body, charset.as_deref())))
    }

    fn make_doc(&self, record: &Record<'_>, pos: usize, text: String) -> RawDoc {
        let source = self.source(pos);
        let url = record
            .field("WARC-Target-URI")
            .map(|u| strip_angles(u).to_string());
        let id = url
            .clone()
            .or_else(|| {
                record
                    .field("WARC-Record-ID")
                    .map(|r| strip_angles(r).to_string())
            })
            .unwrap_or_else(|| source.clone());
        let mut doc = RawDoc::new(id, source, RawFormat::Html, text);
        // WARC-Date is when the page was fetched, not published: it is
        // deliberately not put in `published`.
        doc.url = url;
        doc
    }
}

/// The text of an HTML `resource` record; `None` for other media.
fn resource_page(record: &Record<'_>) -> Option<String> {
    let (mime, charset) = http::media_type(record.field("Content-Type").unwrap_or_default());
    let html = is_html_type(&mime) || mime.is_empty() && looks_like_html(record.block);
    html.then(|| decode_html(record.block, charset.as_deref()))
}

fn is_html_type(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// A body with no Content-Type is HTML if it opens like a page.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = body[start..body.len().min(start + 15)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// WARC 1.0 writes URIs and record ids in angle brackets; 1.1 does not.
fn strip_angles(value: &str) -> &str {
    let v = value.trim();
    v.strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(v)
}

/// Split the record starting at `pos` off `data`; return it and where the
/// next one may start.
fn split_record(data: &[u8], pos: usize) -> Result<(Record<'_>, usize), Broken> {
    let rest = &data[pos..];
    if !rest.starts_with(b"WARC/") {
        return Err(Broken::Malformed(
            "expected a WARC/1.x record header".into(),
        ));
    }
    let window = &rest[..rest.len().min(MAX_HEADER_BYTES)];
    let Some((header_len, sep)) = header_end(window) else {
        return Err(if rest.len() < MAX_HEADER_BYTES {
            Broken::Truncated("WARC record truncated inside its header".into())
        } else {
            Broken::Malformed("WARC record header never ends".into())
        });
    };
    let header: String = rest[..header_len].iter().map(|&b| char::from(b)).collect();
    let mut lines = header.lines();
    let version = lines.next().unwrap_or_default().trim();
    if !version.starts_with("WARC/1.") {
        let v = http::truncate(version);
        return Err(Broken::Malformed(format!("unsupported WARC version {v:?}")));
    }
    let fields = parse_fields(lines);
    let length = fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.as_str());
    let Some(length) = length.and_then(|v| v.parse::<usize>().ok()) else {
        return Err(Broken::Malformed(match length {
            Some(v) => format!(
                "WARC record has a bad Content-Length {:?}",
                http::truncate(v)
            ),
            None => "WARC record has no Content-Length".into(),
        }));
    };
    let block_start = header_len + sep;
    let available = rest.len() - block_start;
    let Some(block) = rest.get(block_start..).and_then(|b| b.get(..length)) else {
        return Err(Broken::Truncated(format!(
            "WARC record truncated: Content-Length is {length} bytes but only {available} remain"
        )));
    };
    let after = block_start + length;
    let end = record_end(&rest[after..]).ok_or_else(|| {
        Broken::Malformed(format!(
            "WARC record does not end where its Content-Length ({length} bytes) says"
        ))
    })?;
    Ok((Record { fields, block }, pos + after + end))
}

fn parse_fields<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    fields
}

/// Length of the header block and of the blank line that ends it.
fn header_end(window: &[u8]) -> Option<(usize, usize)> {
    let crlf = find(window, b"\r\n\r\n");
    // A bare-LF blank line only matters if it comes first.
    let lf = find(&window[..crlf.unwrap_or(window.len())], b"\n\n");
    lf.map(|at| (at, 2)).or(crlf.map(|at| (at, 4)))
}

/// After a block comes a blank line (`\r\n\r\n`; writers vary), then the
/// next record or the end. How many bytes that takes, or `None` when what
/// follows is neither: the Content-Length was wrong.
fn record_end(after: &[u8]) -> Option<usize> {
    let n_newlines = after
        .iter()
        .take(4)
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    let rest = &after[n_newlines..];
    let rest_ws = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let ends = rest.len() == rest_ws || rest[rest_ws..].starts_with(b"WARC/1.");
    ends.then_some(n_newlines)
}

/// The next record header at or after `from`: `WARC/1.n` and a line end.
/// Not only at line starts: a record cut short mid-line is followed
/// directly by the next one.
fn next_record(data: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let found = at + find(data.get(at..)?, b"WARC/1.")?;
        let rest = &data[found + b"WARC/1.".len()..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let line_end = &rest[digits..];
        if digits > 0 && (line_end.starts_with(b"\r\n") || line_end.starts_with(b"\n")) {
            return Some(found);
        }
        at = found + 1;
    }
}

#[cfg(test)]
mod tests;
