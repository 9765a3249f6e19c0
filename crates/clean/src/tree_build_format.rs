//! The list of active formatting elements (`<a>`, `<b>`, `<font>`, …):
//! reopened inside the next block when a block closed them early, and the
//! adoption agency that untangles a misnested end tag such as
//! `<b><p>x</b>y`, as HTML5 tree construction does.

use super::sets::{bounds_default_scope, is_special, is_table_part};
use super::{Active, Builder, Data, NodeId, ACTIVE_MAX};
use html5ever::LocalName;

impl Builder {
    /// A copy of element `id` (the same name and kept attributes), not
    /// yet in the tree.
    pub(super) fn copy_of(&mut self, id: NodeId) -> NodeId {
        let copy = match self.tree.node(id).map(|n| &n.data) {
            Some(Data::Element(e)) => e.clone(),
            _ => return super::NIL,
        };
        self.tree.alloc(Data::Element(copy))
    }

    pub(super) fn same_element(&self, a: NodeId, b: NodeId) -> bool {
        match (
            self.tree.node(a).map(|n| &n.data),
            self.tree.node(b).map(|n| &n.data),
        ) {
            (Some(Data::Element(a)), Some(Data::Element(b))) => {
                a.name == b.name && self.tree.attrs.same(a.attrs, b.attrs)
            }
            _ => false,
        }
    }

    /// The last entry named `name` after the last marker.
    pub(super) fn active_after_marker(&self, name: &LocalName) -> Option<NodeId> {
        self.active_index(name)
            .and_then(|at| match self.active[at] {
                Active::El(id) => Some(id),
                Active::Marker => None,
            })
    }

    pub(super) fn active_index(&self, name: &LocalName) -> Option<usize> {
        for at in (0..self.active.len()).rev() {
            match self.active[at] {
                Active::Marker => return None,
                Active::El(id) if self.name(id) == name => return Some(at),
                Active::El(_) => {}
            }
        }
        None
    }

    pub(super) fn forget_active(&mut self, id: NodeId) {
        if let Some(at) = self.active.iter().rposition(|&a| a == Active::El(id)) {
            self.active.remove(at);
        }
    }

    /// Add a formatting element; a fourth identical one since the last
    /// marker pushes out the first ("Noah's Ark").
    pub(super) fn push_active(&mut self, id: NodeId) {
        let from = self
            .active
            .iter()
            .rposition(|&a| a == Active::Marker)
            .map_or(0, |m| m + 1);
        let same: Vec<usize> = (from..self.active.len())
            .filter(
                |&at| matches!(self.active[at], Active::El(other) if self.same_element(other, id)),
            )
            .collect();
        if same.len() >= 3 {
            self.active.remove(same[0]);
        } else if self.active.len() >= ACTIVE_MAX {
            if let Some(at) = (from..self.active.len()).next() {
                self.active.remove(at);
            }
        }
        self.active.push(Active::El(id));
    }

    pub(super) fn is_open(&self, id: NodeId) -> bool {
        self.open.iter().rev().any(|&o| o == id)
    }

    /// Reopen the formatting elements a block closed, before text or an
    /// element goes in.
    pub(super) fn reconstruct(&mut self) {
        match self.active.last() {
            None | Some(Active::Marker) => return,
            Some(&Active::El(id)) if self.is_open(id) => return,
            Some(_) => {}
        }
        let mut at = self.active.len() - 1;
        while at > 0 {
            match self.active[at - 1] {
                Active::Marker => break,
                Active::El(id) if self.is_open(id) => break,
                Active::El(_) => at -= 1,
            }
        }
        for i in at..self.active.len() {
            let Active::El(old) = self.active[i] else {
                continue;
            };
            let new = self.copy_of(old);
            self.place(new);
            self.open.push(new, &self.tree);
            self.active[i] = Active::El(new);
        }
    }

    pub(super) fn in_scope_node(&self, target: NodeId) -> bool {
        for &id in self.open.iter().rev() {
            if id == target {
                return true;
            }
            if bounds_default_scope(self.name(id)) {
                return false;
            }
        }
        false
    }

    /// The adoption agency algorithm for the end tag `subject`.
    pub(super) fn adoption(&mut self, subject: &LocalName) {
        let current = self.current();
        if self.name(current) == subject && !self.active.contains(&Active::El(current)) {
            self.pop();
            return;
        }
        for _ in 0..8 {
            let Some(fe_list) = self.active_index(subject) else {
                self.any_other_end(subject);
                return;
            };
            let Active::El(fe) = self.active[fe_list] else {
                return;
            };
            let Some(fe_open) = self.open.iter().rposition(|&id| id == fe) else {
                self.active.remove(fe_list);
                return;
            };
            if !self.in_scope_node(fe) {
                return;
            }
            let furthest =
                (fe_open + 1..self.open.len()).find(|&at| is_special(self.name(self.open[at])));
            let Some(fb_open) = furthest else {
                // Nothing block-like opened inside: close up to it.
                self.open.truncate(fe_open.max(1), &self.tree);
                self.active.remove(fe_list);
                return;
            };
            let fb = self.open[fb_open];
            let common = self.open[fe_open.saturating_sub(1)];
            let mut bookmark = fe_list;
            let mut node_open = fb_open;
            let mut last = fb;
            let mut inner = 0;
            loop {
                inner += 1;
                node_open -= 1;
                let node = self.open[node_open];
                if node == fe {
                    break;
                }
                let mut node_list = self.active.iter().rposition(|&a| a == Active::El(node));
                if inner > 3 {
                    if let Some(at) = node_list.take() {
                        self.active.remove(at);
                        if at < bookmark {
                            bookmark -= 1;
                        }
                    }
                }
                let Some(node_list) = node_list else {
                    self.open.remove(node_open, &self.tree);
                    continue;
                };
                let new = self.copy_of(node);
                self.active[node_list] = Active::El(new);
                self.open.set(node_open, new, &self.tree);
                if last == fb {
                    bookmark = node_list + 1;
                }
                self.tree.append_child(new, last);
                last = new;
            }
            if is_table_part(self.name(common)) {
                self.foster(|tree, table| tree.insert_before(table, last));
            } else {
                let parent = self.target(common);
                self.tree.append_child(parent, last);
            }
            let new = self.copy_of(fe);
            while let Some(child) = self.tree.node(fb).and_then(|n| super::super::link(n.first)) {
                self.tree.append_child(new, child);
            }
            self.tree.append_child(fb, new);
            if let Some(at) = self.active.iter().rposition(|&a| a == Active::El(fe)) {
                self.active.remove(at);
                if at < bookmark {
                    bookmark -= 1;
                }
            }
            self.active
                .insert(bookmark.min(self.active.len()), Active::El(new));
            if let Some(at) = self.open.iter().rposition(|&id| id == fe) {
                self.open.remove(at, &self.tree);
            }
            let fb_at = self
                .open
                .iter()
                .rposition(|&id| id == fb)
                .map_or(self.open.len(), |at| at + 1);
            self.open.insert(fb_at, new, &self.tree);
        }
    }
}
