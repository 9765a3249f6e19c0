//! Sets of tag names the readers test on every element they pass, looked
//! up once when the tree builder makes the element: a test is then one
//! bit instead of a string comparison per name in the set. Names are local
//! names, whatever the namespace (as `scraper`'s `name()` gave them).

use html5ever::{local_name, LocalName};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// `html::dom`: ends a run of text (a paragraph boundary when rendered).
pub(crate) const BREAK: u8 = 1;
/// `html::dom`: has no readable text of its own.
pub(crate) const SILENT: u8 = 2;
/// `meta::walk`: ends a run of text.
pub(crate) const SEGMENT_END: u8 = 4;
/// `meta::walk`: its text is never read.
pub(crate) const UNREAD: u8 = 8;
/// `<aside>`, `<nav>`, `<form>`: their dates belong to something else
/// than the page.
pub(crate) const FOREIGN: u8 = 16;

/// How many tag names `of` remembers per thread: every HTML name and
/// then some; custom element names past it are read each time.
const REMEMBERED_MAX: usize = 4096;

/// The sets `name` is in. Remembered per name (the lists are compared
/// with string by string otherwise, for every element of every page); a
/// name is an interned atom, so the lookup hashes and compares no text.
pub(crate) fn of(name: &LocalName) -> u8 {
    if let Some(sets) = common(name) {
        return sets;
    }
    thread_local! {
        static REMEMBERED: RefCell<FxHashMap<LocalName, u8>> = RefCell::default();
    }
    REMEMBERED.with(|remembered| {
        if let Some(&sets) = remembered.borrow().get(name) {
            return sets;
        }
        let sets = read(name);
        let mut remembered = remembered.borrow_mut();
        if remembered.len() < REMEMBERED_MAX {
            remembered.insert(name.clone(), sets);
        }
        sets
    })
}

/// The sets of the commonest names (most elements of a page), written
/// out: atoms compared as numbers, without the thread-local lookup.
/// `read` is the reference (see the tests).
fn common(name: &LocalName) -> Option<u8> {
    Some(match *name {
        local_name!("div")
        | local_name!("p")
        | local_name!("li")
        | local_name!("ul")
        | local_name!("section")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("tr") => BREAK | SEGMENT_END,
        local_name!("a")
        | local_name!("span")
        | local_name!("i")
        | local_name!("b")
        | local_name!("strong")
        | local_name!("em")
        | local_name!("path")
        | local_name!("time")
        | local_name!("source") => 0,
        local_name!("img") | local_name!("meta") | local_name!("link") | local_name!("picture") => {
            SILENT
        }
        local_name!("script") | local_name!("svg") => SILENT | UNREAD,
        local_name!("button") => BREAK | UNREAD,
        local_name!("td") => SEGMENT_END,
        _ => return None,
    })
}

fn read(name: &str) -> u8 {
    let mut sets = 0;
    for (set, is_in) in [
        (BREAK, dom_break(name)),
        (SILENT, dom_silent(name)),
        (SEGMENT_END, SEGMENT_ENDS.contains(&name)),
        (UNREAD, UNREAD_ELEMENTS.contains(&name)),
        (FOREIGN, FOREIGN_ELEMENTS.contains(&name)),
    ] {
        if is_in {
            sets |= set;
        }
    }
    sets
}

/// Elements whose dates belong to something else than the page.
const FOREIGN_ELEMENTS: &[&str] = &["aside", "nav", "form"];

/// Elements that end a run of text (a paragraph boundary when rendered).
fn dom_break(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "br"
            | "tr"
            | "table"
            | "dd"
            | "dt"
            | "dl"
            | "pre"
            | "hr"
            | "figure"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "form"
            | "address"
            | "details"
            | "summary"
            | "figcaption"
            | "caption"
            | "center"
            | "hgroup"
            | "dialog"
            | "menu"
            | "button"
    )
}

/// Elements with no readable text of their own.
fn dom_silent(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "select"
            | "option"
            | "input"
            | "textarea"
            | "canvas"
            | "video"
            | "audio"
            | "picture"
            | "img"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "object"
            | "embed"
            | "map"
            | "math"
    )
}

/// Elements that end a run of text.
const SEGMENT_ENDS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "figure",
    "figcaption",
    "form",
    "address",
    "hr",
    "pre",
];
/// Elements whose text is never read.
const UNREAD_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "select", "option", "button",
    "textarea", "head",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_have_the_sets_their_lists_give() {
        let written = [
            "div", "p", "li", "ul", "section", "h2", "h3", "tr", "a", "span", "i", "b", "strong",
            "em", "path", "time", "source", "img", "meta", "link", "picture", "script", "svg",
            "button", "td",
        ];
        for name in written {
            assert_eq!(common(&LocalName::from(name)), Some(read(name)), "{name}");
        }
        // Every listed name and a few others: written out or looked up,
        // the sets are the lists'.
        let others = ["body", "html", "custom-card", "x"];
        for name in SEGMENT_ENDS
            .iter()
            .chain(UNREAD_ELEMENTS)
            .chain(FOREIGN_ELEMENTS)
            .chain(&others)
        {
            assert_eq!(of(&LocalName::from(*name)), read(name), "{name}");
        }
    }
}
