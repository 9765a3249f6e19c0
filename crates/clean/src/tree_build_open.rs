//! The stack of open elements, counting its `p` elements as it changes:
//! every block start tag asks whether a `p` is open in button scope, a
//! walk down the stack that cost 12 M instructions on the benchmark pages,
//! and mostly no `p` is open at all.

use super::{Data, NodeId, Tree};
use html5ever::local_name;
use std::ops::Deref;

#[derive(Default)]
pub(super) struct Open {
    ids: Vec<NodeId>,
    /// How many of `ids` are elements named `p` (in any namespace, as the
    /// scope walk compares names).
    p: usize,
}

fn is_p(tree: &Tree, id: NodeId) -> bool {
    matches!(tree.node(id).map(|n| &n.data),
        Some(Data::Element(e)) if e.name.local == local_name!("p"))
}

impl Open {
    /// Whether any open element is a `p`: when not, none is in any scope.
    pub(super) fn has_p(&self) -> bool {
        self.p > 0
    }

    pub(super) fn push(&mut self, id: NodeId, tree: &Tree) {
        self.p += usize::from(is_p(tree, id));
        self.ids.push(id);
    }

    pub(super) fn pop(&mut self, tree: &Tree) -> Option<NodeId> {
        let id = self.ids.pop()?;
        self.p -= usize::from(is_p(tree, id));
        Some(id)
    }

    pub(super) fn truncate(&mut self, len: usize, tree: &Tree) {
        while self.ids.len() > len {
            self.pop(tree);
        }
    }

    pub(super) fn remove(&mut self, at: usize, tree: &Tree) {
        if at < self.ids.len() {
            let id = self.ids.remove(at);
            self.p -= usize::from(is_p(tree, id));
        }
    }

    pub(super) fn insert(&mut self, at: usize, id: NodeId, tree: &Tree) {
        self.p += usize::from(is_p(tree, id));
        self.ids.insert(at.min(self.ids.len()), id);
    }

    /// Replace the element at `at` with `id`.
    pub(super) fn set(&mut self, at: usize, id: NodeId, tree: &Tree) {
        if let Some(old) = self.ids.get_mut(at) {
            self.p -= usize::from(is_p(tree, *old));
            self.p += usize::from(is_p(tree, id));
            *old = id;
        }
    }

    /// Take `id` out wherever it is.
    pub(super) fn remove_id(&mut self, id: NodeId, tree: &Tree) {
        let before = self.ids.len();
        self.ids.retain(|&open| open != id);
        if is_p(tree, id) {
            self.p -= before - self.ids.len();
        }
    }

    /// Whether the count is what a walk of the stack counts (asserted in
    /// debug builds).
    pub(super) fn count_is_right(&self, tree: &Tree) -> bool {
        self.p == self.ids.iter().filter(|&&id| is_p(tree, id)).count()
    }
}

impl Deref for Open {
    type Target = [NodeId];

    fn deref(&self) -> &[NodeId] {
        &self.ids
    }
}
