//! Putting nodes in the tree: elements at the insertion point (foster
//! parented out of tables), text joined with the text before it, and
//! popping the stack of open elements.

use super::sets::*;
use super::{Active, Attrs, Builder, Data, Element, NodeId, Tree, NIL};
use html5ever::{local_name, ns, LocalName, QualName};

impl Builder {
    pub(super) fn add_missing(&mut self, id: NodeId, attrs: Attrs) {
        let Some(Data::Element(e)) = self.tree.node(id).map(|n| &n.data) else {
            return;
        };
        let merged = self.tree.attrs.merge(e.attrs, attrs);
        if let Some(Data::Element(e)) = self.tree.at(id).map(|n| &mut n.data) {
            e.attrs = merged;
        }
    }

    pub(super) fn element(&mut self, name: LocalName, attrs: Attrs) -> NodeId {
        let template = name == local_name!("template");
        let id = self.tree.alloc(Data::Element(Element::new(
            QualName::new(None, ns!(html), name),
            attrs,
        )));
        if template {
            let contents = self.tree.alloc(Data::Fragment);
            self.tree.append_child(id, contents);
        }
        id
    }

    /// Where children of open element `id` go: a template's fragment.
    pub(super) fn target(&self, id: NodeId) -> NodeId {
        match self.tree.node(id) {
            Some(n) if matches!(n.data, Data::Element(ref e) if e.name.local == local_name!("template")) => {
                super::super::link(n.first).unwrap_or(id)
            }
            _ => id,
        }
    }

    /// Make an element at the insertion point; push it unless it is void.
    pub(super) fn insert(&mut self, name: LocalName, attrs: Attrs, void: bool) -> NodeId {
        // Raw text is an HTML rule: `<svg><title>` holds markup.
        let raw = is_raw_text(&name) && !self.in_foreign();
        let marker = name == local_name!("template");
        let id = self.element(name, attrs);
        self.place(id);
        if !void {
            self.open.push(id, &self.tree);
            self.raw_text = raw;
            if marker {
                self.active.push(Active::Marker);
            }
        }
        id
    }

    /// Put a new node at the insertion point, foster-parented before the
    /// table when the current node is a table part.
    pub(super) fn place(&mut self, id: NodeId) {
        let current = self.current();
        let table_structure = matches!(
            *self.name(id),
            local_name!("caption")
                | local_name!("colgroup")
                | local_name!("col")
                | local_name!("tbody")
                | local_name!("thead")
                | local_name!("tfoot")
                | local_name!("tr")
                | local_name!("td")
                | local_name!("th")
                | local_name!("script")
                | local_name!("style")
                | local_name!("template")
                | local_name!("form")
        );
        if is_table_part(self.name(current)) && !table_structure {
            self.foster(|tree, table| tree.insert_before(table, id));
        } else {
            let parent = self.target(current);
            self.tree.append_child(parent, id);
        }
    }

    /// Insert before the last open table (in its parent), or at the end of
    /// the element below it when the table has no parent.
    pub(super) fn foster(&mut self, put: impl FnOnce(&mut Tree, NodeId)) {
        let Some(at) = self
            .open
            .iter()
            .rposition(|&id| *self.name(id) == local_name!("table"))
        else {
            return;
        };
        let table = self.open[at];
        put(&mut self.tree, table);
    }

    pub(super) fn append_text(&mut self, parent: NodeId, text: &str) {
        let parent = self.target(parent);
        let last = self.tree.node(parent).map_or(NIL, |p| p.last);
        if !self.tree.join_text(last, text) {
            let id = self.tree.alloc_text(text);
            self.tree.append_child(parent, id);
        }
    }

    pub(super) fn pop(&mut self) {
        let Some(id) = self.open.pop(&self.tree) else {
            return;
        };
        if matches!(
            *self.name(id),
            local_name!("td")
                | local_name!("th")
                | local_name!("caption")
                | local_name!("applet")
                | local_name!("marquee")
                | local_name!("object")
                | local_name!("template")
        ) {
            // The formatting elements opened inside end with it.
            while let Some(entry) = self.active.pop() {
                if entry == Active::Marker {
                    break;
                }
            }
        }
        if self.open.is_empty() {
            // `</html>`-like closes never pop the root: later content needs it.
            self.open.push(id, &self.tree);
        }
    }

    pub(super) fn pop_until(&mut self, names: &[LocalName]) {
        while let Some(&id) = self.open.last() {
            if self.open.len() == 1 {
                return;
            }
            let done = names.contains(self.name(id));
            self.pop();
            if done {
                return;
            }
        }
    }

    pub(super) fn in_foreign(&self) -> bool {
        self.open
            .iter()
            .any(|&id| matches!(*self.name(id), local_name!("svg") | local_name!("math")))
    }
}
