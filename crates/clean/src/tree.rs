//! The parsed page as the cleaner reads it: one `Vec` of nodes linked by
//! `u32` indices, with tag names as html5ever's interned atoms and only
//! the attributes some reader looks at. Pages are parsed by html5gum's
//! tokenizer under our own tree construction (`tree_build`); html5ever
//! (the real HTML5 tree builder) builds the same tree through `TreeSink`
//! as the oracle the articles of both are compared with.
//!
//! It replaces `scraper`'s tree, which the cleaner paid for in allocations
//! (an attribute list of every attribute, parse-error strings, per-node
//! bookkeeping) it never used. The tree has the same shape as `scraper`'s
//! for the same input (`tree_tests` checks it on every benchmark page): text
//! runs are merged the same way, a `<template>`'s contents hang under it
//! as a fragment node, comments and processing instructions are nodes the
//! readers skip.

pub(crate) use attrs::Attrs;
use attrs::{Attr, AttrRange, AttrStore};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{expanded_name, local_name, ns, Attribute, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

/// A node's index in the tree.
pub(crate) type NodeId = u32;

/// No node: the end of a link.
const NIL: NodeId = u32::MAX;

/// What a node is.
pub(crate) enum Data {
    Document,
    Element(Element),
    /// Its run in the tree's text buffer ([`Tree::text_of`]).
    Text(TextSpan),
    /// A `<template>`'s contents: read through like a plain parent.
    Fragment,
    /// Comments, processing instructions, the doctype.
    Other,
}

/// A text node's run: a range of its tree's one text buffer, so a page's
/// text is one allocation (grown by doubling) instead of a tendril per run
/// freed one by one with the tree.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TextSpan {
    /// Bytes `start..end` of the tree's text buffer.
    Run { start: usize, end: usize },
    /// A run that grew after other text was written behind it, kept in
    /// its own string (`Tree::detached`): text foster-parented before a
    /// table joins the run before the table each time, with the table's
    /// own text written in between. Moving such a run to the end of the
    /// buffer at every join copied it again each time; a hostile page of
    /// 960 kB alternating the two took 24 s and 8 GB.
    Detached(usize),
}

/// An element: its name and the attributes the readers look at.
#[derive(Clone)]
pub(crate) struct Element {
    pub name: QualName,
    /// The `tag_sets` the name is in.
    sets: u8,
    /// Its kept attributes (`is_read`, the first of a repeated name) in
    /// the tree's store, sorted by name; read through [`El::attrs`].
    attrs: AttrRange,
}

impl Element {
    fn new(name: QualName, attrs: AttrRange) -> Element {
        let sets = crate::tag_sets::of(&name.local);
        Element { name, sets, attrs }
    }

    /// Whether the tag is in a set of `tag_sets` (or any of several).
    pub fn is(&self, set: u8) -> bool {
        self.sets & set != 0
    }

    /// The tag's local name (`svg`'s `<title>` is "title" too).
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The tag's local name as its atom (see [`Attrs::atoms`]).
    pub fn local(&self) -> &LocalName {
        &self.name.local
    }
}

/// The attributes some reader looks at; the rest are dropped as parsed.
pub(crate) fn is_read(name: &QualName) -> bool {
    matches!(
        name.local,
        local_name!("class")
            | local_name!("id")
            | local_name!("itemprop")
            | local_name!("itemtype")
            | local_name!("hidden")
            | local_name!("aria-hidden")
            | local_name!("style")
            | local_name!("role")
            | local_name!("href")
            | local_name!("datetime")
            | local_name!("content")
            | local_name!("title")
            | local_name!("property")
            | local_name!("name")
            | local_name!("http-equiv")
            | local_name!("rel")
            | local_name!("type")
            | local_name!("lang")
    ) || &*name.local == "pubdate"
}

pub(crate) struct Node {
    parent: NodeId,
    prev: NodeId,
    next: NodeId,
    first: NodeId,
    last: NodeId,
    pub data: Data,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NIL,
            prev: NIL,
            next: NIL,
            first: NIL,
            last: NIL,
            data,
        }
    }

    pub fn element(&self) -> Option<&Element> {
        match &self.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }
}

fn link(id: NodeId) -> Option<NodeId> {
    (id != NIL).then_some(id)
}

/// A parsed page.
pub(crate) struct Tree {
    nodes: Vec<Node>,
    /// Every text node's text, in the order it was written.
    text: String,
    /// The runs that grew after other text was written ([`TextSpan::Detached`]).
    detached: Vec<String>,
    /// Every element's kept attributes.
    attrs: AttrStore,
}

/// The document node.
const DOCUMENT: NodeId = 0;

thread_local! {
    /// The buffers of the last tree dropped on this thread, emptied: the
    /// next page's tree grows into memory touched before instead of
    /// faulting in fresh pages, so a run touches memory for its largest
    /// page, not for each one.
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// A dropped tree's buffers: nodes, text, attributes and their values.
type Spare = (Vec<Node>, String, Vec<Attr>, String);

/// The most a kept buffer may hold, in bytes: one huge page must not pin
/// its tree's memory for the rest of a long run on every thread it visits
/// (the benchmark's largest page needs under 4 MB).
const SPARE_MAX_BYTES: usize = 16 << 20;

impl Drop for Tree {
    fn drop(&mut self) {
        let mut nodes = std::mem::take(&mut self.nodes);
        let mut text = std::mem::take(&mut self.text);
        let (mut attrs, mut values) = std::mem::take(&mut self.attrs).into_buffers();
        nodes.clear();
        text.clear();
        attrs.clear();
        values.clear();
        // Not while the thread's locals are being torn down.
        let _ = SPARE.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut() {
                let node_bytes = nodes.capacity() * std::mem::size_of::<Node>();
                if nodes.capacity() > spare.0.capacity() && node_bytes <= SPARE_MAX_BYTES {
                    spare.0 = nodes;
                }
                if text.capacity() > spare.1.capacity() && text.capacity() <= SPARE_MAX_BYTES {
                    spare.1 = text;
                }
                let attr_bytes = attrs.capacity() * std::mem::size_of::<Attr>();
                if attrs.capacity() > spare.2.capacity() && attr_bytes <= SPARE_MAX_BYTES {
                    spare.2 = attrs;
                }
                if values.capacity() > spare.3.capacity() && values.capacity() <= SPARE_MAX_BYTES {
                    spare.3 = values;
                }
            }
        });
    }
}

impl Tree {
    /// Parse a whole page as a browser would, with html5ever: the oracle
    /// `tree_build` is checked against (and the tree `tree_tests` checks
    /// against `scraper`'s).
    pub fn parse_document_html5ever(html: &str) -> Tree {
        let sink = Sink {
            tree: RefCell::new(Tree {
                nodes: vec![Node::new(Data::Document)],
                text: String::new(),
                detached: Vec::new(),
                attrs: AttrStore::default(),
            }),
        };
        html5ever::parse_document(sink, Default::default()).one(html)
    }

    /// Parse a whole page: html5gum's tokenizer and our own tree
    /// construction (`tree_build`), which gives the readers the same
    /// articles as html5ever's parse at 2–3× less cost.
    pub fn parse_document(html: &str) -> Tree {
        build::parse(html)
    }

    /// An empty tree (the document node only) in the buffers the last
    /// tree dropped on this thread left, holding at least `nodes` nodes.
    fn with_spare_buffers(nodes: usize) -> Tree {
        let (mut spare_nodes, text, attrs, values) = SPARE
            .try_with(|spare| spare.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)))
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        if spare_nodes.capacity() < nodes {
            // Replaced, not grown: growing copies the whole old capacity.
            spare_nodes = Vec::with_capacity(nodes);
        }
        spare_nodes.push(Node::new(Data::Document));
        Tree {
            nodes: spare_nodes,
            text,
            detached: Vec::new(),
            attrs: AttrStore::reusing(attrs, values),
        }
    }

    /// How many nodes the tree holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The bytes of text the tree holds, its runs' and the detached ones.
    #[cfg(test)]
    pub(crate) fn text_bytes_held(&self) -> usize {
        self.text.len() + self.detached.iter().map(String::len).sum::<usize>()
    }

    /// A text node's text.
    pub fn text_of(&self, span: TextSpan) -> &str {
        match span {
            TextSpan::Run { start, end } => self.text.get(start..end).unwrap_or_default(),
            TextSpan::Detached(at) => self.detached.get(at).map_or("", String::as_str),
        }
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// The element `id`, if it is one.
    pub fn get(&self, id: NodeId) -> Option<El<'_>> {
        let value = self.node(id)?.element()?;
        Some(El {
            tree: self,
            id,
            value,
        })
    }

    /// The `<html>` element.
    pub fn root_element(&self) -> Option<El<'_>> {
        self.children(DOCUMENT).find_map(|c| self.get(c))
    }

    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut at = self.node(id).map_or(NIL, |n| n.first);
        std::iter::from_fn(move || {
            let here = link(at)?;
            at = self.nodes[here as usize].next;
            Some(here)
        })
    }

    /// The parent chain of `id`, without `id`, up to the document.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut at = self.node(id).map_or(NIL, |n| n.parent);
        std::iter::from_fn(move || {
            let here = link(at)?;
            at = self.nodes[here as usize].parent;
            Some(here)
        })
    }

    /// Opening and closing edges of every node under `id` and of `id`
    /// itself, in document order (iteratively: deep pages cannot overflow
    /// the stack).
    pub fn traverse(&self, id: NodeId) -> Traverse<'_> {
        Traverse {
            tree: self,
            root: id,
            next: self.node(id).map(|_| Edge::Open(id)),
        }
    }

    /// `id` and the nodes under it, in document order.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.traverse(id).filter_map(|e| match e {
            Edge::Open(n) => Some(n),
            Edge::Close(_) => None,
        })
    }

    fn alloc(&mut self, data: Data) -> NodeId {
        match u32::try_from(self.nodes.len()) {
            Ok(id) if id != NIL => {
                self.nodes.push(Node::new(data));
                id
            }
            // More nodes than indices: the node is left out (every
            // operation on a `NIL` handle does nothing).
            _ => NIL,
        }
    }

    fn at(&mut self, id: NodeId) -> Option<&mut Node> {
        self.nodes.get_mut(id as usize)
    }

    fn detach(&mut self, id: NodeId) {
        let Some(n) = self.node(id) else { return };
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        if let Some(p) = self.at(prev) {
            p.next = next;
        } else if let Some(p) = self.at(parent) {
            p.first = next;
        }
        if let Some(n) = self.at(next) {
            n.prev = prev;
        } else if let Some(p) = self.at(parent) {
            p.last = prev;
        }
        if let Some(n) = self.at(id) {
            n.parent = NIL;
            n.prev = NIL;
            n.next = NIL;
        }
    }

    fn append_child(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let Some(p) = self.at(parent) else { return };
        let last = std::mem::replace(&mut p.last, child);
        if last == NIL {
            p.first = child;
        }
        if let Some(l) = self.at(last) {
            l.next = child;
        }
        if let Some(c) = self.at(child) {
            c.parent = parent;
            c.prev = last;
        }
    }

    fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        self.detach(new);
        let Some(s) = self.at(sibling) else { return };
        let (parent, prev) = (s.parent, std::mem::replace(&mut s.prev, new));
        if let Some(p) = self.at(prev) {
            p.next = new;
        } else if let Some(p) = self.at(parent) {
            p.first = new;
        }
        if let Some(n) = self.at(new) {
            n.parent = parent;
            n.prev = prev;
            n.next = sibling;
        }
    }

    /// A new text node, not yet in the tree.
    fn alloc_text(&mut self, text: &str) -> NodeId {
        let start = self.text.len();
        let end = start + text.len();
        let id = self.alloc(Data::Text(TextSpan::Run { start, end }));
        if id != NIL {
            self.text.push_str(text);
        }
        id
    }

    /// Text appended after `prev` joins it when it is text.
    fn join_text(&mut self, prev: NodeId, text: &str) -> bool {
        let len = self.text.len();
        let n_detached = self.detached.len();
        let Some(Data::Text(span)) = self.at(prev).map(|n| &mut n.data) else {
            return false;
        };
        match *span {
            TextSpan::Run { start, end } if end == len => {
                *span = TextSpan::Run {
                    start,
                    end: end + text.len(),
                };
                self.text.push_str(text);
            }
            TextSpan::Run { start, end } => {
                // An earlier run, with other text written since: moved out
                // once, to grow in its own string from now on. Its old
                // bytes stay unused until the tree is dropped.
                *span = TextSpan::Detached(n_detached);
                let mut own = String::with_capacity((end - start + text.len()) * 2);
                own.push_str(self.text.get(start..end).unwrap_or_default());
                own.push_str(text);
                self.detached.push(own);
            }
            TextSpan::Detached(at) => {
                if let Some(own) = self.detached.get_mut(at) {
                    own.push_str(text);
                }
            }
        }
        true
    }
}

/// One step of a walk over the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    Open(NodeId),
    Close(NodeId),
}

pub(crate) struct Traverse<'a> {
    tree: &'a Tree,
    root: NodeId,
    next: Option<Edge>,
}

impl Iterator for Traverse<'_> {
    type Item = Edge;

    fn next(&mut self) -> Option<Edge> {
        let edge = self.next?;
        let nodes = &self.tree.nodes;
        self.next = match edge {
            Edge::Open(id) => Some(match link(nodes[id as usize].first) {
                Some(child) => Edge::Open(child),
                None => Edge::Close(id),
            }),
            Edge::Close(id) if id == self.root => None,
            Edge::Close(id) => {
                let n = &nodes[id as usize];
                match (link(n.next), link(n.parent)) {
                    (Some(next), _) => Some(Edge::Open(next)),
                    (None, Some(parent)) => Some(Edge::Close(parent)),
                    (None, None) => None,
                }
            }
        };
        Some(edge)
    }
}

/// An element of a tree.
#[derive(Clone, Copy)]
pub(crate) struct El<'a> {
    pub tree: &'a Tree,
    pub id: NodeId,
    value: &'a Element,
}

impl<'a> El<'a> {
    pub fn value(&self) -> &'a Element {
        self.value
    }

    /// The element's kept attributes.
    pub fn attrs(&self) -> Attrs<'a> {
        Attrs::new(&self.tree.attrs, self.value.attrs)
    }

    /// An attribute without a namespace.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs().get(name)
    }

    /// The kept attributes with their names as atoms (see [`Attrs::atoms`]).
    pub fn attr_atoms(&self) -> impl Iterator<Item = (&'a LocalName, &'a str)> {
        self.attrs().atoms()
    }

    /// [`El::attr`] by atom.
    pub fn attr_atom(&self, name: &LocalName) -> Option<&'a str> {
        self.attrs().atom(name)
    }

    pub fn name(&self) -> &'a str {
        self.value.name()
    }

    /// The elements at and under this one, in document order.
    pub fn descendant_elements(self) -> impl Iterator<Item = El<'a>> {
        let tree = self.tree;
        tree.descendants(self.id).filter_map(move |n| tree.get(n))
    }

    /// The ancestors that are elements, innermost first.
    pub fn ancestor_elements(self) -> impl Iterator<Item = El<'a>> {
        let tree = self.tree;
        tree.ancestors(self.id).filter_map(move |n| tree.get(n))
    }

    /// The texts under this element, in document order.
    pub fn text(self) -> impl Iterator<Item = &'a str> {
        let tree = self.tree;
        tree.descendants(self.id)
            .filter_map(move |n| match &tree.nodes[n as usize].data {
                Data::Text(t) => Some(tree.text_of(*t)),
                _ => None,
            })
    }
}

/// Builds a [`Tree`] for html5ever; handles are node indices.
struct Sink {
    tree: RefCell<Tree>,
}

/// A name for handles that are not elements: the tree builder only asks
/// for elements' names, but must not be able to make this panic.
static NO_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, ns!(), local_name!("")));

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.tree.borrow(), |t| {
            match t.node(*target).map(|n| &n.data) {
                Some(Data::Element(e)) => &e.name,
                _ => &NO_NAME,
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = name.expanded() == expanded_name!(html "template");
        let mut tree = self.tree.borrow_mut();
        let mark = tree.attrs.mark();
        for attr in attrs.into_iter().filter(|a| is_read(&a.name)) {
            tree.attrs.push(attr.name, &attr.value);
        }
        let attrs = tree.attrs.since(mark);
        let id = tree.alloc(Data::Element(Element::new(name, attrs)));
        if template {
            let contents = tree.alloc(Data::Fragment);
            tree.append_child(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.tree.borrow_mut().alloc(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.tree.borrow_mut().alloc(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => tree.append_child(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = tree.node(*parent).map_or(NIL, |p| p.last);
                if !tree.join_text(last, &text) {
                    let id = tree.alloc_text(&text);
                    tree.append_child(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .tree
            .borrow()
            .node(*element)
            .is_some_and(|n| n.parent != NIL);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut tree = self.tree.borrow_mut();
        let id = tree.alloc(Data::Other);
        tree.append_child(DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let tree = self.tree.borrow();
        tree.node(*target)
            .map_or(*target, |n| link(n.first).unwrap_or(*target))
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            tree.detach(id);
        }
        let Some(s) = tree.node(*sibling) else { return };
        if s.parent == NIL {
            return;
        }
        let prev = s.prev;
        match new_node {
            NodeOrText::AppendNode(id) => tree.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                if !tree.join_text(prev, &text) {
                    let id = tree.alloc_text(&text);
                    tree.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.tree.borrow_mut();
        let Some(Data::Element(e)) = tree.node(*target).map(|n| &n.data) else {
            return;
        };
        let into = e.attrs;
        let mark = tree.attrs.mark();
        for attr in attrs.into_iter().filter(|a| is_read(&a.name)) {
            tree.attrs.push(attr.name, &attr.value);
        }
        let from = tree.attrs.since(mark);
        let merged = tree.attrs.merge(into, from);
        if let Some(Data::Element(e)) = tree.at(*target).map(|n| &mut n.data) {
            e.attrs = merged;
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.tree.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut tree = self.tree.borrow_mut();
        while let Some(child) = tree.node(*node).and_then(|n| link(n.first)) {
            tree.append_child(*new_parent, child);
        }
    }
}

#[path = "tree_attrs.rs"]
mod attrs;
#[path = "tree_build.rs"]
mod build;

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
