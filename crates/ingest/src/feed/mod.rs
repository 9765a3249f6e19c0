//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item, with full
//! content (`content:encoded`, Atom `<content>`) or only a summary
//! (`<description>`, `<summary>`). Invalid XML costs only the item it is in:
//! it becomes a diagnostic naming `path#itemN`, items before it are kept
//! and reading resumes at the next `<item>` / `<entry>`.
//!
//! quick-xml lexes the structural tags (root, channel, items); each element
//! inside an item is cut out by its closing tag and read on its own, so
//! HTML pasted unescaped into a description does not derail the feed, and
//! tag nesting is checked here rather than by the lexer, which lets a new
//! lexer start anywhere after an error.

mod item;
mod scan;
mod text;

use crate::error::{ErrorKind, IngestError};
use crate::Ingested;
use concord_model::Diagnostic;
use item::{Field, Item};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use scan::{check_fragment, find_close, local_name, next_item_start};

/// Whether an element name is a feed's root.
pub(crate) fn is_feed_root(name: &str) -> bool {
    matches!(local_name(name), "rss" | "feed" | "RDF")
}

pub(crate) use scan::root_element;

/// Read every item of a feed called `input` (`file_name` builds fallback
/// ids). `Err` only when the input is not a feed at all.
pub(crate) fn parse_feed(
    input: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Ingested, IngestError> {
    let decoded = concord_charset::decode_xml(bytes);
    let text = decoded.text.as_str();
    let root = root_element(text.as_bytes()).unwrap_or_default();
    if !is_feed_root(&root) {
        return Err(IngestError::new(input, ErrorKind::NotFeed { root }));
    }
    let mut parser = Parser {
        input,
        file_name,
        text,
        out: Ingested::default(),
        outlet: None,
        n_items: 0,
        stack: Vec::new(),
        item: None,
    };
    if let Some(problem) = decoded.problem {
        parser.out.diagnostics.push(Diagnostic::new(input, problem));
    }
    parser.run();
    let Parser {
        mut out,
        outlet,
        n_items,
        ..
    } = parser;
    for doc in &mut out.docs {
        doc.outlet = doc.outlet.take().or_else(|| outlet.clone());
    }
    if n_items == 0 {
        out.diagnostics
            .push(Diagnostic::new(input, "feed has no items"));
    }
    Ok(out)
}

struct Parser<'a> {
    input: &'a str,
    file_name: &'a str,
    text: &'a str,
    out: Ingested,
    /// The channel's (feed's) title.
    outlet: Option<String>,
    n_items: usize,
    /// Open structural elements (root, channel, item); everything else is
    /// read whole by [`find_close`].
    stack: Vec<String>,
    item: Option<OpenItem>,
}

/// The item being read: where it started, and the stack outside it.
struct OpenItem {
    item: Item,
    start: usize,
    depth: usize,
}

/// A problem in the XML, at a byte offset of the (decoded) feed.
struct XmlError {
    at: usize,
    message: String,
}

fn lexer(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    // Nesting is checked in `Parser::end`, so the lexer can restart anywhere.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    // A bare `&` ("AT&T") is the commonest feed error; keep it as text.
    config.allow_dangling_amp = true;
    reader
}

impl<'a> Parser<'a> {
    fn run(&mut self) {
        let mut base = 0;
        while base < self.text.len() {
            match self.lex_from(base) {
                Ok(None) => return,
                Ok(Some(next)) => base = next,
                Err(err) => match self.recover(err) {
                    Some(next) => base = next,
                    None => return,
                },
            }
        }
    }

    /// Lex from `base` until the end (`None`) or until an element was cut
    /// out whole and lexing must restart after it (`Some(offset)`).
    fn lex_from(&mut self, base: usize) -> Result<Option<usize>, XmlError> {
        let rest = &self.text[base..];
        let mut reader = lexer(rest);
        loop {
            let at = base + reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|err| XmlError {
                at: base + reader.error_position() as usize,
                message: err.to_string(),
            })?;
            let after = base + reader.buffer_position() as usize;
            match event {
                Event::Start(tag) => {
                    if let Some(next) = self.start(&tag, at, after)? {
                        return Ok(Some(next));
                    }
                }
                Event::Empty(tag) => self.empty(&tag, at),
                Event::End(tag) => self.end(tag.name().as_ref(), at)?,
                Event::Eof => {
                    if let Some(open) = &self.item {
                        let n = open.item.index;
                        let msg = "feed ends inside this item (truncated?)";
                        self.item = None;
                        self.out
                            .diagnostics
                            .push(Diagnostic::new(self.item_source(n), msg));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    /// A start tag at `at` whose `>` ends at `after`. Structural elements
    /// are entered; any other is cut out whole, and lexing restarts after it.
    fn start(
        &mut self,
        tag: &BytesStart<'_>,
        at: usize,
        after: usize,
    ) -> Result<Option<usize>, XmlError> {
        let name = tag.name().as_ref().to_string();
        let local = local_name(&name);
        if self.item.is_none() {
            if self.stack.is_empty() || local == "channel" {
                self.stack.push(name);
                return Ok(None);
            }
            if local == "item" || local == "entry" {
                self.open_item(at);
                self.stack.push(name);
                return Ok(None);
            }
        }
        let Some((inner_end, close_end)) = find_close(self.text, after, &name) else {
            return Err(XmlError {
                at,
                message: format!("<{name}> is never closed"),
            });
        };
        let inner = &self.text[after..inner_end];
        let field = Field::new(&name, tag, inner);
        if !field.may_hold_html() {
            check_fragment(inner).map_err(|(offset, message)| XmlError {
                at: after + offset,
                message: format!("in <{name}>: {message}"),
            })?;
        }
        match &mut self.item {
            Some(open) if self.stack.len() == open.depth + 1 => open.item.add(&field),
            None if local == "title" && self.stack.len() <= 2 && self.outlet.is_none() => {
                self.outlet = Some(text::plain(&text::xml_text(inner))).filter(|t| !t.is_empty());
            }
            _ => {}
        }
        Ok(Some(close_end))
    }

    /// A self-closing tag: an Atom `<link href=…/>`, or an empty item.
    fn empty(&mut self, tag: &BytesStart<'_>, at: usize) {
        let name = tag.name().as_ref().to_string();
        match &mut self.item {
            Some(open) if self.stack.len() == open.depth + 1 => {
                open.item.add(&Field::new(&name, tag, ""));
            }
            None if matches!(local_name(&name), "item" | "entry") => {
                self.open_item(at);
                self.close_item();
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str, at: usize) -> Result<(), XmlError> {
        match self.stack.last() {
            Some(open) if open == name => {
                self.stack.pop();
                if self
                    .item
                    .as_ref()
                    .is_some_and(|i| self.stack.len() == i.depth)
                {
                    self.close_item();
                }
                Ok(())
            }
            Some(open) => Err(XmlError {
                at,
                message: format!("expected </{open}>, found </{name}>"),
            }),
            // After a restart the outer elements are not on the stack.
            None => Ok(()),
        }
    }

    fn open_item(&mut self, at: usize) {
        self.n_items += 1;
        self.item = Some(OpenItem {
            item: Item::new(self.n_items),
            start: at,
            depth: self.stack.len(),
        });
    }

    fn close_item(&mut self) {
        let Some(open) = self.item.take() else { return };
        let source = self.item_source(open.item.index);
        match open.item.into_doc(self.file_name, &source) {
            Ok(doc) => self.out.docs.push(doc),
            Err(message) => self.out.diagnostics.push(Diagnostic::new(source, message)),
        }
    }

    fn item_source(&self, index: usize) -> String {
        format!("{}#item{index}", self.input)
    }

    /// Report `err` (against the open item, if any) and find where to
    /// resume: the next item start after the broken item (or the error).
    fn recover(&mut self, err: XmlError) -> Option<usize> {
        let message = format!("invalid XML at byte {}: {}", err.at, err.message);
        let from = match self.item.take() {
            Some(open) => {
                self.stack.truncate(open.depth);
                let source = self.item_source(open.item.index);
                let diag = Diagnostic::new(source, format!("{message}; item skipped"));
                self.out.diagnostics.push(diag);
                open.start + 1
            }
            None => {
                self.out
                    .diagnostics
                    .push(Diagnostic::new(self.input, message));
                err.at + 1
            }
        };
        next_item_start(self.text, from)
    }
}

#[cfg(test)]
mod tests;
