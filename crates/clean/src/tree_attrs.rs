//! The kept attributes of a tree's elements, all in two buffers: one list
//! of names with their values' places, one string of the values. A page
//! has hundreds of attributes the readers look at; a `Vec` per element and
//! a tendril per value made them a quarter of the allocations of a parse,
//! each freed again one by one with the tree.
//!
//! The list only grows: an element holds a range of it, a copy of an
//! element (a reopened formatting element) shares its range, and merging
//! attributes into an element (`<html>` and `<body>` seen twice) writes
//! the merged list anew at the end.

use html5ever::{LocalName, QualName};

/// An element's attributes: a range of its tree's list, sorted by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AttrRange {
    start: u32,
    end: u32,
}

/// One kept attribute: its name, and where its value is in the values.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub name: QualName,
    start: u32,
    end: u32,
}

/// A tree's attributes (see the module documentation).
#[derive(Default)]
pub(crate) struct AttrStore {
    list: Vec<Attr>,
    values: String,
}

impl AttrStore {
    /// The store in the buffers of an earlier tree, emptied.
    pub fn reusing(mut list: Vec<Attr>, mut values: String) -> AttrStore {
        list.clear();
        values.clear();
        AttrStore { list, values }
    }

    /// The buffers, for the next tree.
    pub fn into_buffers(self) -> (Vec<Attr>, String) {
        (self.list, self.values)
    }

    /// Where the next attribute written will be: the start of a range.
    pub fn mark(&self) -> u32 {
        u32::try_from(self.list.len()).unwrap_or(u32::MAX)
    }

    /// The attributes written since `mark`, sorted by name (the order
    /// `scraper` keeps them in, so readers that take the first or last of
    /// a local name agree).
    pub fn since(&mut self, mark: u32) -> AttrRange {
        let range = AttrRange {
            start: mark,
            end: self.mark(),
        };
        if let Some(attrs) = self.list.get_mut(range.start as usize..range.end as usize) {
            attrs.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        }
        range
    }

    /// Write an attribute; left out when the buffers would pass 4 GiB
    /// (their places are `u32`s).
    pub fn push(&mut self, name: QualName, value: &str) {
        let start = self.values.len();
        let (Ok(start), Ok(end), Ok(_)) = (
            u32::try_from(start),
            u32::try_from(start + value.len()),
            u32::try_from(self.list.len() + 1),
        ) else {
            return;
        };
        self.values.push_str(value);
        self.list.push(Attr { name, start, end });
    }

    /// Whether an attribute named `name` was written since `mark`.
    pub fn has_since(&self, mark: u32, name: &QualName) -> bool {
        self.list
            .get(mark as usize..)
            .is_some_and(|attrs| attrs.iter().any(|a| a.name == *name))
    }

    pub fn get(&self, range: AttrRange) -> &[Attr] {
        self.list
            .get(range.start as usize..range.end as usize)
            .unwrap_or_default()
    }

    pub fn value(&self, attr: &Attr) -> &str {
        self.values
            .get(attr.start as usize..attr.end as usize)
            .unwrap_or_default()
    }

    /// `into` with the attributes of `from` whose names it lacks.
    pub fn merge(&mut self, into: AttrRange, from: AttrRange) -> AttrRange {
        let missing: Vec<Attr> = self
            .get(from)
            .iter()
            .filter(|a| !self.get(into).iter().any(|b| b.name == a.name))
            .cloned()
            .collect();
        if missing.is_empty() {
            return into;
        }
        let mark = self.mark();
        let mut merged = self.get(into).to_vec();
        merged.extend(missing);
        if u32::try_from(self.list.len() + merged.len()).is_err() {
            return into;
        }
        self.list.extend(merged);
        self.since(mark)
    }

    /// Whether two ranges hold the same names and values.
    pub fn same(&self, a: AttrRange, b: AttrRange) -> bool {
        let (a, b) = (self.get(a), self.get(b));
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.name == y.name && self.value(x) == self.value(y))
    }
}

/// The attributes of one element, read through its tree.
#[derive(Clone, Copy)]
pub(crate) struct Attrs<'a> {
    store: &'a AttrStore,
    list: &'a [Attr],
}

impl<'a> Attrs<'a> {
    pub fn new(store: &'a AttrStore, range: AttrRange) -> Attrs<'a> {
        Attrs {
            store,
            list: store.get(range),
        }
    }

    /// The attributes by local name, in name order.
    pub fn iter(self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.list
            .iter()
            .map(move |a| (&*a.name.local, self.store.value(a)))
    }

    /// [`Attrs::iter`] with the names as atoms: compared with
    /// `local_name!` constants, a name is one integer comparison instead
    /// of a string read out of the atom and compared.
    pub fn atoms(self) -> impl Iterator<Item = (&'a LocalName, &'a str)> {
        self.list
            .iter()
            .map(move |a| (&a.name.local, self.store.value(a)))
    }

    /// The value of the attribute `name` without a namespace.
    pub fn get(self, name: &str) -> Option<&'a str> {
        self.list
            .iter()
            .find(|a| plain(&a.name) && &*a.name.local == name)
            .map(|a| self.store.value(a))
    }

    /// [`Attrs::get`] by atom.
    pub fn atom(self, name: &LocalName) -> Option<&'a str> {
        self.list
            .iter()
            .find(|a| plain(&a.name) && a.name.local == *name)
            .map(|a| self.store.value(a))
    }
}

fn plain(name: &QualName) -> bool {
    name.ns == html5ever::ns!() && name.prefix.is_none()
}
