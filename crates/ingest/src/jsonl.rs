//! JSON Lines: one article record per line; a bad line is a diagnostic and
//! the other lines still come through.

use crate::Ingested;
use concord_model::{Diagnostic, RawDoc, RawFormat};
use serde_json::{Map, Value};

/// Field names that mean the same thing across common export formats
/// (scrapers, schema.org `NewsArticle`, feed converters), in preference order.
const TEXT_FIELDS: &[&str] = &["text", "body", "content", "articleBody"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const PUBLISHED_FIELDS: &[&str] = &["published", "date", "datePublished"];
const OUTLET_FIELDS: &[&str] = &["outlet", "source", "site", "publisher"];
const URL_FIELDS: &[&str] = &["url", "link"];
const AUTHOR_FIELDS: &[&str] = &["author", "authors", "byline"];

/// Parse every non-blank line of `content` as one record. `file_name` builds
/// fallback ids, `input` the per-line sources; `base_offset` is where
/// `content` starts in the input, so UTF-8 errors give file offsets.
pub(crate) fn parse_records(
    input: &str,
    file_name: &str,
    content: &[u8],
    base_offset: usize,
) -> Ingested {
    let mut out = Ingested::default();
    let mut line_start = base_offset;
    for (line_idx, raw_line) in content.split(|&b| b == b'\n').enumerate() {
        let offset = line_start;
        line_start += raw_line.len() + 1;
        match parse_record(input, file_name, line_idx + 1, offset, raw_line) {
            Some(Ok(doc)) => out.docs.push(doc),
            Some(Err(diagnostic)) => out.diagnostics.push(diagnostic),
            None => {}
        }
    }
    out
}

/// One line of a JSON Lines input (without its `\n`; a `\r` before it is
/// dropped here): `None` when it is blank, else the document or the one
/// diagnostic naming `input#line_no`. `offset` is where the line starts in
/// the input, for UTF-8 errors.
pub(crate) fn parse_record(
    input: &str,
    file_name: &str,
    line_no: usize,
    offset: usize,
    raw_line: &[u8],
) -> Option<Result<RawDoc, Diagnostic>> {
    let line = raw_line.strip_suffix(b"\r").unwrap_or(raw_line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let source = format!("{input}#{line_no}");
    Some(match parse_line(line, offset) {
        Ok(obj) => record_to_doc(&obj, file_name, line_no, &source).ok_or_else(|| {
            Diagnostic::new(
                source,
                "record has neither a text (body, content, articleBody) nor a title field",
            )
        }),
        Err(message) => Err(Diagnostic::new(source, message)),
    })
}

fn parse_line(line: &[u8], offset: usize) -> Result<Map<String, Value>, String> {
    let text = std::str::from_utf8(line)
        .map_err(|err| format!("invalid UTF-8 at byte {}", offset + err.valid_up_to()))?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(other) => Err(format!(
            "expected a JSON object, found {}",
            json_kind(&other)
        )),
        Err(err) => Err(format!("invalid JSON: {err}")),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The document a record describes, or `None` when it has no text and no
/// title (nothing a later stage could use).
fn record_to_doc(
    obj: &Map<String, Value>,
    file_name: &str,
    line_no: usize,
    source: &str,
) -> Option<RawDoc> {
    let text = first_string(obj, TEXT_FIELDS);
    let title = first_string(obj, TITLE_FIELDS);
    if text.is_none() && title.is_none() {
        return None;
    }
    let id = obj
        .get("id")
        .and_then(scalar_string)
        .unwrap_or_else(|| format!("{file_name}#{line_no}"));
    let mut doc = RawDoc::new(id, source, RawFormat::Record, text.unwrap_or_default());
    doc.title = title;
    doc.published = first_string(obj, PUBLISHED_FIELDS);
    doc.outlet = first_named(obj, OUTLET_FIELDS);
    doc.url = first_string(obj, URL_FIELDS);
    doc.author = first_named(obj, AUTHOR_FIELDS);
    Some(doc)
}

/// The first of `fields` holding a non-blank string.
fn first_string(obj: &Map<String, Value>, fields: &[&str]) -> Option<String> {
    fields
        .iter()
        .filter_map(|f| obj.get(*f)?.as_str())
        .find(|s| !s.trim().is_empty())
        .map(str::to_string)
}

/// Like [`first_string`], but also reads schema.org-style `{"name": …}`
/// objects and lists of either (several authors), joined with ", ".
fn first_named(obj: &Map<String, Value>, fields: &[&str]) -> Option<String> {
    fields.iter().filter_map(|f| obj.get(*f)).find_map(name_of)
}

fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(items) => {
            let names: Vec<String> = items
                .iter()
                .filter(|v| !v.is_array())
                .filter_map(name_of)
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Ids may be strings or numbers; numbers keep their JSON spelling.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content: &str) -> Ingested {
        parse_records("dir/feed.jsonl", "feed.jsonl", content.as_bytes(), 0)
    }

    #[test]
    fn reads_fields_and_aliases() {
        let out = parse(concat!(
            r#"{"id": 7, "title": "T", "body": "B.", "datePublished": "2025-01-13", "publisher": {"name": "Yonhap"}, "author": [{"name": "A B"}, "C D"], "url": "https://x/y"}"#,
            "\n",
            r#"{"articleBody": "Only text.", "source": "RTE"}"#,
        ));
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        let a = &out.docs[0];
        assert_eq!(
            (a.id.as_str(), a.source.as_str()),
            ("7", "dir/feed.jsonl#1")
        );
        assert_eq!(a.format, RawFormat::Record);
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("T"), "B."));
        assert_eq!(a.published.as_deref(), Some("2025-01-13"));
        assert_eq!(a.outlet.as_deref(), Some("Yonhap"));
        assert_eq!(a.author.as_deref(), Some("A B, C D"));
        assert_eq!(a.url.as_deref(), Some("https://x/y"));
        let b = &out.docs[1];
        assert_eq!(
            (b.id.as_str(), b.source.as_str()),
            ("feed.jsonl#2", "dir/feed.jsonl#2")
        );
        assert_eq!(
            (b.text.as_str(), b.outlet.as_deref()),
            ("Only text.", Some("RTE"))
        );
    }

    #[test]
    fn bad_lines_are_diagnostics_and_good_lines_survive() {
        let out = parse(concat!(
            "{\"text\": \"one\"}\n",
            "\n",
            "{not json\n",
            "[1, 2]\n",
            "{\"url\": \"u\"}\r\n",
            "{\"title\": \"only a title\"}\n",
        ));
        let ids: Vec<&str> = out.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["feed.jsonl#1", "feed.jsonl#6"]);
        let diags: Vec<String> = out.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert!(
            diags[0].starts_with("dir/feed.jsonl#3: invalid JSON"),
            "{}",
            diags[0]
        );
        assert_eq!(
            diags[1],
            "dir/feed.jsonl#4: expected a JSON object, found an array"
        );
        assert!(
            diags[2].starts_with("dir/feed.jsonl#5: record has neither"),
            "{}",
            diags[2]
        );
    }

    #[test]
    fn invalid_utf8_on_one_line_gives_file_offset() {
        let bytes = b"{\"text\": \"a\"}\n{\"text\": \"\xff\"}\n";
        let out = parse_records("f.jsonl", "f.jsonl", bytes, 3);
        assert_eq!(out.docs.len(), 1);
        assert_eq!(
            out.diagnostics[0].to_string(),
            "f.jsonl#2: invalid UTF-8 at byte 27"
        );
    }

    #[test]
    fn blank_strings_do_not_count_as_text() {
        let out = parse("{\"text\": \"  \", \"title\": \"\"}");
        assert!(out.docs.is_empty());
        assert_eq!(out.diagnostics.len(), 1);
    }
}
