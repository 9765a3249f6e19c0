//! The cleaner's tree built from html5gum's tokens by a tree builder of
//! our own: html5ever's parse was 40% of a `concord extract` run, and its
//! tokenizer alone 70% of that; html5gum reads the same stripped pages in
//! 2.6× fewer instructions (`examples/parse_candidates`), and with our
//! emitter (no parse-error validation, tokens straight into the builder)
//! tokenizing and building together cost 2.3× less than html5ever's parse.
//!
//! The builder follows the HTML5 tree-construction rules where they
//! decide which text sits under which element, which is all the readers
//! use: head and body placement, implied end tags (`p`, `li`, `dd`/`dt`,
//! `option`, headings, table cells and rows), void and raw-text elements
//! (the builder, not the tag name alone, switches the tokenizer to raw
//! text), `<template>` contents as a fragment, the active formatting
//! elements (reopened after a block closes them, and the adoption agency
//! for a misnested end tag), foster parenting of text and elements
//! misplaced in a table, and quirks mode as far as `<p><table>` goes (no
//! doctype or a legacy one). Approximations: `<select>`'s and
//! `<frameset>`'s own insertion modes are not kept, foreign content only
//! honours `/>` and CDATA (the strip pass empties `<svg>`), "Noah's Ark"
//! compares the kept attributes only, and the formatting list is capped
//! at 64 entries so hostile pages cannot make reopening quadratic.
//! html5ever stays as the oracle: `tree_build_tests` requires the same
//! articles and page metadata from both on every benchmark and dated page.

use super::NodeId;
use super::{Data, Element, Tree, DOCUMENT, NIL};
use html5ever::{local_name, ns, LocalName, QualName};

/// A start tag's kept attributes: a range of the tree's attribute store,
/// where the tokenizer's emitter writes them as it reads them.
type Attrs = super::AttrRange;

/// Parse a whole page with html5gum and our tree construction.
pub(crate) fn parse(html: &str) -> Tree {
    let mut sink = Sink {
        builder: Builder::new(html.len()),
        text: Vec::new(),
        tag_name: Vec::new(),
        end_tag: false,
        self_closing: false,
        attrs_mark: 0,
        attr_name: Vec::new(),
        attr_value: Vec::new(),
        attr_open: false,
        last_start_tag: Vec::new(),
        doctype: Doctype::default(),
    };
    // A `&str` reads as a string: html5gum's reader cannot fail on it.
    let _ = html5gum::Tokenizer::new_with_emitter(html, &mut sink).finish();
    sink.flush_text();
    // The end of the page implies `<html>`, `<head>` and `<body>` when
    // nothing did before.
    if sink.builder.mode != Mode::InBody {
        sink.builder.enter_body();
    }
    sink.builder.tree
}

/// Whether a doctype puts the page in quirks mode, where a `<table>` does
/// not close an open `<p>` (the one quirk the readers can see). The
/// commonest legacy identifiers only, case-insensitively.
fn quirks(name: &[u8], public: Option<&[u8]>, has_system: bool, force: bool) -> bool {
    if force || !name.eq_ignore_ascii_case(b"html") {
        return true;
    }
    let Some(public) = public else { return false };
    let public = public.to_ascii_lowercase();
    let starts = |p: &str| public.starts_with(p.as_bytes());
    starts("-//w3c//dtd html 4.0 transitional//")
        || starts("-//w3c//dtd html 3.2")
        || starts("-//ietf//dtd html")
        || starts("-//w3o//dtd w3 html strict 3.0//en//")
        || (!has_system && starts("-//w3c//dtd html 4.01 transitional//"))
        || (!has_system && starts("-//w3c//dtd html 4.01 frameset//"))
}

/// Bytes the tokenizer handed over as text; they come from a `&str` and
/// decoded character references, so they are UTF-8 but for a bug.
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    // Most text runs and attribute values are short and ASCII: `is_ascii`
    // reads a word at a time, where `simdutf8` hands inputs under 64
    // bytes to `std`'s validator (13 M for the attributes alone).
    if bytes.is_ascii() {
        // SAFETY: ASCII bytes are UTF-8.
        return unsafe { std::str::from_utf8_unchecked(bytes) }.into();
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => s.into(),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[derive(Default)]
struct Doctype {
    name: Vec<u8>,
    public: Option<Vec<u8>>,
    system: bool,
    force_quirks: bool,
}

/// html5gum's emitter: the tokens go straight to the tree builder, text
/// is gathered until the next tag, and parse errors are not even looked
/// for (html5gum validates every character for them otherwise).
struct Sink {
    builder: Builder,
    text: Vec<u8>,
    tag_name: Vec<u8>,
    end_tag: bool,
    self_closing: bool,
    /// Where the current tag's attributes start in the tree's store.
    attrs_mark: u32,
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    attr_open: bool,
    last_start_tag: Vec<u8>,
    doctype: Doctype,
}

impl Sink {
    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.builder.text(&utf8(&self.text));
            self.text.clear();
        }
    }

    /// The attribute read so far joins the tag if a reader keeps it (the
    /// first of a repeated name wins).
    fn finish_attribute(&mut self) {
        if !std::mem::take(&mut self.attr_open) || self.end_tag {
            return;
        }
        let local = names::common_name(&self.attr_name)
            .unwrap_or_else(|| LocalName::from(utf8(&self.attr_name).as_ref()));
        let name = QualName::new(None, ns!(), local);
        let store = &mut self.builder.tree.attrs;
        if super::is_read(&name) && !store.has_since(self.attrs_mark, &name) {
            store.push(name, &utf8(&self.attr_value));
        }
    }
}

impl html5gum::Emitter for &mut Sink {
    type Token = std::convert::Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag
            .extend(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
    }

    fn emit_error(&mut self, _: html5gum::Error) {}

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Self::Token> {
        None
    }

    fn emit_string(&mut self, c: &[u8]) {
        self.text.extend_from_slice(c);
    }

    fn init_start_tag(&mut self) {
        self.tag_name.clear();
        self.end_tag = false;
        self.self_closing = false;
        self.attrs_mark = self.builder.tree.attrs.mark();
        self.attr_open = false;
    }

    fn init_end_tag(&mut self) {
        self.init_start_tag();
        self.end_tag = true;
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<html5gum::State> {
        self.finish_attribute();
        self.flush_text();
        let name = names::common_name(&self.tag_name)
            .unwrap_or_else(|| LocalName::from(utf8(&self.tag_name).as_ref()));
        if self.end_tag {
            self.builder.end_tag(&name);
            return None;
        }
        self.last_start_tag.clear();
        self.last_start_tag.extend_from_slice(&self.tag_name);
        let attrs = self.builder.tree.attrs.since(self.attrs_mark);
        self.builder
            .start_tag(name.clone(), attrs, self.self_closing);
        // The tree builder tells the tokenizer how to read what follows.
        if !self.builder.raw_text {
            return None;
        }
        Some(match name {
            local_name!("script") => html5gum::State::ScriptData,
            local_name!("title") | local_name!("textarea") => html5gum::State::RcData,
            local_name!("plaintext") => html5gum::State::PlainText,
            _ => html5gum::State::RawText,
        })
    }

    fn emit_current_comment(&mut self) {
        self.flush_text();
        self.builder.other();
    }

    fn emit_current_doctype(&mut self) {
        self.flush_text();
        let d = std::mem::take(&mut self.doctype);
        self.builder.doctype(quirks(
            &d.name,
            d.public.as_deref(),
            d.system,
            d.force_quirks,
        ));
    }

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {
        self.doctype.force_quirks = true;
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, s: &[u8]) {
        self.doctype.name.extend_from_slice(s);
    }

    fn init_doctype(&mut self) {
        self.doctype = Doctype::default();
    }

    fn init_attribute(&mut self) {
        self.finish_attribute();
        self.attr_open = true;
        self.attr_name.clear();
        self.attr_value.clear();
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.attr_value.extend_from_slice(s);
    }

    fn set_doctype_public_identifier(&mut self, value: &[u8]) {
        self.doctype.public = Some(value.to_vec());
    }

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {
        self.doctype.system = true;
    }

    fn push_doctype_public_identifier(&mut self, s: &[u8]) {
        if let Some(public) = &mut self.doctype.public {
            public.extend_from_slice(s);
        }
    }

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.end_tag && !self.last_start_tag.is_empty() && self.tag_name == self.last_start_tag
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.builder.in_foreign()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
}

/// An entry of the list of active formatting elements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Active {
    Marker,
    El(NodeId),
}

struct Builder {
    tree: Tree,
    mode: Mode,
    html: NodeId,
    head: NodeId,
    /// The stack of open elements.
    open: Open,
    active: Vec<Active>,
    /// Inside a raw-text element: text goes to it, its end tag closes it.
    raw_text: bool,
    /// No doctype, or a legacy one.
    quirks: bool,
}

/// The longest the formatting list may grow: hostile pages of endless
/// unclosed `<b>`s with distinct classes would otherwise be reopened one
/// by one at every text run.
const ACTIVE_MAX: usize = 64;

impl Builder {
    /// A builder for a page of `bytes` bytes.
    fn new(bytes: usize) -> Builder {
        // The stripped benchmark pages hold a node per 38 bytes on average,
        // some far more: reserving for one per 32 leaves 360 of the
        // vector's regrowth copies on the 120 pages (one per 48 left 414,
        // 4 M instructions more) for 0.6 MB more peak RSS; the cap keeps a
        // huge page of long text from reserving far ahead.
        Builder {
            tree: Tree::with_spare_buffers((bytes / 32).min(1 << 20)),
            mode: Mode::BeforeHead,
            html: NIL,
            head: NIL,
            open: Open::default(),
            active: Vec::new(),
            raw_text: false,
            quirks: true,
        }
    }

    fn name(&self, id: NodeId) -> &LocalName {
        static NONE: LocalName = local_name!("");
        match self.tree.node(id).map(|n| &n.data) {
            Some(Data::Element(e)) => &e.name.local,
            _ => &NONE,
        }
    }

    fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(NIL)
    }

    fn current_is(&self, names: &[LocalName]) -> bool {
        names.contains(self.name(self.current()))
    }

    // --- Tokens ------------------------------------------------------------

    fn doctype(&mut self, quirks: bool) {
        if self.html == NIL {
            self.quirks = quirks;
            let id = self.tree.alloc(Data::Other);
            self.tree.append_child(DOCUMENT, id);
        }
    }

    fn other(&mut self) {
        let id = self.tree.alloc(Data::Other);
        let parent = if self.html == NIL {
            DOCUMENT
        } else {
            self.target(self.current())
        };
        self.tree.append_child(parent, id);
    }

    fn text(&mut self, text: &str) {
        if self.raw_text {
            let current = self.current();
            self.append_text(current, text);
            return;
        }
        let blank = text
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'));
        match self.mode {
            Mode::BeforeHead | Mode::InHead | Mode::AfterHead if blank => {
                if self.mode != Mode::BeforeHead {
                    let current = self.current();
                    self.append_text(current, text);
                }
                return;
            }
            Mode::BeforeHead | Mode::InHead | Mode::AfterHead => self.enter_body(),
            Mode::InBody => {}
        }
        // Text in body drops NULs, as html5ever's tree builder does.
        let text: std::borrow::Cow<'_, str> = if text.contains('\0') {
            text.replace('\0', "").into()
        } else {
            text.into()
        };
        if text.is_empty() {
            return;
        }
        self.reconstruct();
        let current = self.current();
        if !blank && is_table_part(self.name(current)) {
            self.foster(|tree, table| {
                let prev = tree.node(table).map_or(NIL, |n| n.prev);
                if !tree.join_text(prev, &text) {
                    let id = tree.alloc_text(&text);
                    tree.insert_before(table, id);
                }
            });
        } else {
            self.append_text(current, &text);
        }
    }

    fn start_tag(&mut self, name: LocalName, attrs: Attrs, self_closing: bool) {
        if self.raw_text {
            return; // cannot happen: the tokenizer reads raw text whole
        }
        match self.mode {
            Mode::BeforeHead | Mode::InHead | Mode::AfterHead => {
                if name == local_name!("html") {
                    if self.html == NIL {
                        self.make_html(attrs);
                    } else {
                        self.add_missing(self.html, attrs);
                    }
                    return;
                }
                self.ensure_html();
                if self.mode == Mode::BeforeHead {
                    self.make_head(if name == local_name!("head") {
                        attrs
                    } else {
                        Attrs::default()
                    });
                    if name == local_name!("head") {
                        return;
                    }
                }
                if is_head_content(&name) {
                    // After `</head>` they still go in the head.
                    if self.mode == Mode::AfterHead && self.head != NIL {
                        self.open.push(self.head, &self.tree);
                        let void = is_void(&name);
                        self.insert(name, attrs, void);
                        // The head leaves the stack again, even under a
                        // raw-text element still open.
                        let head = self.head;
                        if let Some(at) = self.open.iter().rposition(|&id| id == head) {
                            self.open.remove(at, &self.tree);
                        }
                        return;
                    }
                    let void = is_void(&name);
                    self.insert(name, attrs, void);
                    return;
                }
                if name == local_name!("head") {
                    return;
                }
                if name == local_name!("body") {
                    self.leave_head();
                    let body = self.element(name, attrs);
                    self.tree.append_child(self.html, body);
                    self.open.push(body, &self.tree);
                    self.mode = Mode::InBody;
                    return;
                }
                self.enter_body();
            }
            Mode::InBody => {}
        }
        self.body_start(name, attrs, self_closing);
    }

    fn end_tag(&mut self, name: &LocalName) {
        if self.raw_text {
            self.raw_text = false;
            self.pop();
            return;
        }
        match self.mode {
            Mode::BeforeHead | Mode::InHead | Mode::AfterHead => {
                if *name == local_name!("head") && self.mode != Mode::AfterHead {
                    self.ensure_html();
                    if self.mode == Mode::BeforeHead {
                        self.make_head(Attrs::default());
                    }
                    self.leave_head();
                    return;
                }
                if self.mode == Mode::InHead
                    && self.current() != self.head
                    && self.name(self.current()) == name
                {
                    self.pop(); // a `<template>` or `<noscript>` in the head
                    return;
                }
                if !matches!(
                    *name,
                    local_name!("body") | local_name!("html") | local_name!("br")
                ) {
                    return;
                }
                self.enter_body();
            }
            Mode::InBody => {}
        }
        self.body_end(name);
    }

    // --- Head and body -----------------------------------------------------

    fn make_html(&mut self, attrs: Attrs) {
        let html = self.element(local_name!("html"), attrs);
        self.tree.append_child(DOCUMENT, html);
        self.open.push(html, &self.tree);
        self.html = html;
    }

    fn ensure_html(&mut self) {
        if self.html == NIL {
            self.make_html(Attrs::default());
        }
    }

    fn make_head(&mut self, attrs: Attrs) {
        let head = self.element(local_name!("head"), attrs);
        self.tree.append_child(self.html, head);
        self.open.push(head, &self.tree);
        self.head = head;
        self.mode = Mode::InHead;
    }

    fn leave_head(&mut self) {
        if self.mode == Mode::InHead {
            // The head and anything left open in it.
            if let Some(at) = self.open.iter().position(|&id| id == self.head) {
                self.open.truncate(at, &self.tree);
            }
            self.mode = Mode::AfterHead;
        }
    }

    /// Content that belongs in the body makes an implied `<body>`.
    fn enter_body(&mut self) {
        self.ensure_html();
        if self.mode == Mode::BeforeHead {
            self.make_head(Attrs::default());
        }
        self.leave_head();
        let body = self.element(local_name!("body"), Attrs::default());
        self.tree.append_child(self.html, body);
        self.open.push(body, &self.tree);
        self.mode = Mode::InBody;
    }
}

#[path = "tree_build_body.rs"]
mod body;
#[path = "tree_build_format.rs"]
mod format;
#[path = "tree_build_insert.rs"]
mod insert;
#[path = "tree_build_names.rs"]
mod names;
#[path = "tree_build_open.rs"]
mod open;
use open::Open;
#[path = "tree_build_sets.rs"]
mod sets;
use sets::*;

#[cfg(test)]
#[path = "tree_build_tests.rs"]
mod tests;
