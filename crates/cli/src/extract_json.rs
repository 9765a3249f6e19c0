//! `concord extract`'s JSON: an article written as `serde_json`'s pretty
//! printer writes it, byte for byte, into a buffer the caller reuses.
//!
//! `serde_json::to_string_pretty` was 42 M instructions of a 1.25 G run on
//! the 120 benchmark pages: a fresh `String` grown per article, a copy of
//! it, and an escape scan that looks each byte up in a table (22.5 M for
//! 3.1 MB). Here plain bytes are tested eight at a time and copied in runs.
//! The tests compare with `serde_json` on arbitrary articles.

use concord_model::{Article, InferredDate, RemovedBlock, RemovedKind};

/// Append `article` to `out` as `serde_json::to_string_pretty` prints it.
pub(crate) fn write_article(out: &mut Vec<u8>, article: &Article) {
    // Named field by field, with no `..`: a field added to `Article` is a
    // compile error here instead of a silent gap in the output.
    let Article {
        id,
        source,
        title,
        published,
        published_inferred,
        published_provenance,
        modified,
        outlet,
        dateline,
        author,
        authors,
        language,
        url,
        body_paragraphs,
        removed,
    } = article;
    let mut obj = Object::open(out, 0);
    obj.key("id").string(id);
    obj.key("source").string(source);
    obj.key("title").opt_string(title.as_deref());
    obj.key("published").opt_display(published.as_ref());
    let value = obj.key("published_inferred");
    match published_inferred {
        Some(inferred) => inferred_date(value.out, value.indent, inferred),
        None => value.null(),
    }
    if let Some(provenance) = published_provenance {
        obj.key("published_provenance").string(provenance);
    }
    if let Some(modified) = modified {
        obj.key("modified").display(modified);
    }
    obj.key("outlet").opt_string(outlet.as_deref());
    obj.key("dateline").opt_string(dateline.as_deref());
    obj.key("author").opt_string(author.as_deref());
    if !authors.is_empty() {
        let value = obj.key("authors");
        strings(value.out, value.indent, authors);
    }
    obj.key("language").opt_string(language.as_deref());
    obj.key("url").opt_string(url.as_deref());
    let value = obj.key("body_paragraphs");
    strings(value.out, value.indent, body_paragraphs);
    let value = obj.key("removed");
    let indent = value.indent;
    let out = value.out;
    if removed.is_empty() {
        out.extend_from_slice(b"[]");
    } else {
        out.push(b'[');
        for (i, block) in removed.iter().enumerate() {
            item_start(out, indent + 1, i);
            removed_block(out, indent + 1, block);
        }
        newline(out, indent);
        out.push(b']');
    }
    obj.close();
}

fn inferred_date(out: &mut Vec<u8>, indent: usize, inferred: &InferredDate) {
    let InferredDate { date, how } = inferred;
    let mut obj = Object::open(out, indent);
    obj.key("date").display(date);
    obj.key("how").string(how);
    obj.close();
}

fn removed_block(out: &mut Vec<u8>, indent: usize, block: &RemovedBlock) {
    let RemovedBlock { text, kind, reason } = block;
    let mut obj = Object::open(out, indent);
    obj.key("text").string(text);
    obj.key("kind").string(kind_name(*kind));
    obj.key("reason").string(reason);
    obj.close();
}

/// A kind's name as `#[serde(rename_all = "snake_case")]` spells it.
fn kind_name(kind: RemovedKind) -> &'static str {
    match kind {
        RemovedKind::Boilerplate => "boilerplate",
        RemovedKind::Consent => "consent",
        RemovedKind::Caption => "caption",
        RemovedKind::RelatedLink => "related_link",
        RemovedKind::Embed => "embed",
        RemovedKind::Metadata => "metadata",
    }
}

/// An array of strings; `[]` when empty, as `serde_json` prints it.
fn strings(out: &mut Vec<u8>, indent: usize, items: &[String]) {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return;
    }
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        item_start(out, indent + 1, i);
        string(out, item);
    }
    newline(out, indent);
    out.push(b']');
}

/// The separator before the `i`th item of an array or object.
fn item_start(out: &mut Vec<u8>, indent: usize, i: usize) {
    if i > 0 {
        out.push(b',');
    }
    newline(out, indent);
}

fn newline(out: &mut Vec<u8>, indent: usize) {
    out.push(b'\n');
    for _ in 0..indent {
        out.extend_from_slice(b"  ");
    }
}

/// An object being written: its fields are never empty here, so `{` is
/// always followed by a field.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
    n_fields: usize,
}

/// Where a field's value goes.
struct Value<'b> {
    out: &'b mut Vec<u8>,
    indent: usize,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>, indent: usize) -> Self {
        out.push(b'{');
        Object {
            out,
            indent,
            n_fields: 0,
        }
    }

    fn key(&mut self, name: &str) -> Value<'_> {
        item_start(self.out, self.indent + 1, self.n_fields);
        self.n_fields += 1;
        // Field names are plain words: nothing to escape.
        debug_assert!(!name.bytes().any(needs_escape));
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
        Value {
            out: self.out,
            indent: self.indent + 1,
        }
    }

    fn close(self) {
        newline(self.out, self.indent);
        self.out.push(b'}');
    }
}

impl Value<'_> {
    fn string(self, s: &str) {
        string(self.out, s);
    }

    fn null(self) {
        self.out.extend_from_slice(b"null");
    }

    fn opt_string(self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// A value `serde` writes as its `Display` text (chrono's dates).
    fn display(self, value: &impl std::fmt::Display) {
        string(self.out, &value.to_string());
    }

    fn opt_display(self, value: Option<&impl std::fmt::Display>) {
        match value {
            Some(value) => self.display(value),
            None => self.null(),
        }
    }
}

/// `s` as a JSON string, escaped as `serde_json` escapes: `\"`, `\\`, the
/// short forms `\b \t \n \f \r`, `\u00XX` in lowercase hex for the other
/// controls below 0x20; every other byte (DEL and non-ASCII included) as is.
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(at) = next_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..at]);
        escape(out, bytes[at]);
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte at or after `from` that needs escaping. Eight bytes at a
/// time, read as a little-endian word so the lowest flagged byte is the
/// first in the string: a word with none is passed in a dozen
/// instructions, and a word with one says where without a byte loop.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut blocks = rest.chunks_exact(8);
    let mut offset = from;
    for block in &mut blocks {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        let hits = escape_hits(u64::from_le_bytes(word));
        if hits != 0 {
            return Some(offset + (hits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|at| offset + at)
}

/// The high bit of each byte of `x` flagged as needing an escape. The
/// lowest flagged byte always needs one; bytes above it may be flagged
/// wrongly (a borrow runs on from a hit), which the caller never reads.
fn escape_hits(x: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // `(v - 1) & !v` sets a byte's high bit when the byte is zero; with
    // `v - 0x20` instead, when it is under 0x20.
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    (x.wrapping_sub(ONES * 0x20) & !x
        | quote.wrapping_sub(ONES) & !quote
        | backslash.wrapping_sub(ONES) & !backslash)
        & HIGHS
}

fn escape(out: &mut Vec<u8>, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0a => b'n',
        0x0c => b'f',
        0x0d => b'r',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
#[path = "extract_json_tests.rs"]
mod tests;
