//! Start-tag attributes for the stripping pass: where each begins and
//! ends as the HTML tokenizer reads them, and which ones a reader of the
//! page or the tree builder looks at.

use super::{find_byte, is_one_of, is_space};
use std::ops::Range;

/// One attribute of a start tag, as the tokenizer splits them.
pub(super) struct Attr {
    /// The name as written (the tokenizer lowercases it).
    pub name: Range<usize>,
    /// The attribute and the spaces after it: what leaving it out removes.
    pub span: Range<usize>,
    /// Whether leaving it out leaves the tag as the tokenizer read it, less
    /// this attribute: not right after a `/` (`<br/x>` would become
    /// `<br/>`, self-closing), and no `<` in it (the deep-nesting prescan
    /// counts every `<`, and must count the same on the stripped page).
    pub droppable: bool,
}

/// Read a start tag's attributes from `from` (just after the tag name) as
/// the HTML tokenizer does — a quote opens a value only after `=`, an
/// unquoted value runs to a space or `>`, a name starts with any character
/// (even `=` or a quote) and runs to a space, `/`, `>` or `=` — handing
/// each to `each`. The offset after the closing `>`, or `None` when the
/// page ends inside the tag.
pub(super) fn scan_tag(b: &[u8], from: usize, mut each: impl FnMut(Attr)) -> Option<usize> {
    let skip_spaces = |mut at: usize| {
        while b.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        at
    };
    let mut at = from;
    loop {
        // Before an attribute name; `/` is the self-closing state, which
        // goes back here unless a `>` follows.
        at = skip_spaces(at);
        match *b.get(at)? {
            b'>' => return Some(at + 1),
            b'/' => {
                at += 1;
                continue;
            }
            _ => {}
        }
        let start = at;
        // The first character belongs to the name whatever it is.
        at += 1;
        while b
            .get(at)
            .is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'='))
        {
            at += 1;
        }
        let name = start..at;
        let mut end = at;
        at = skip_spaces(at);
        if b.get(at) == Some(&b'=') {
            at = skip_spaces(at + 1);
            match *b.get(at)? {
                q @ (b'"' | b'\'') => at = find_byte(b, q, at + 1)? + 1,
                // `<a x=>`: an empty value, and the tag ends.
                b'>' => {}
                _ => {
                    while b.get(at).is_some_and(|&c| !is_space(c) && c != b'>') {
                        at += 1;
                    }
                }
            }
            end = at;
            at = skip_spaces(at);
        }
        let droppable = start > 0 && b[start - 1] != b'/' && !b[start..end].contains(&b'<');
        each(Attr {
            name,
            span: start..at,
            droppable,
        });
    }
}

/// The formatting elements: the parser reopens them after misnesting and
/// tells them apart by all their attributes (at most three alike).
/// `<a>` is not among them here: the parser never keeps two open.
pub(super) fn is_formatting(name: &[u8]) -> bool {
    is_one_of(
        name,
        &[
            "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
            "u",
        ],
    )
}

/// The attributes kept on the stripped page: every one `tree` keeps (its
/// `is_read`), every one that changes how the tree is built, and any with a
/// prefix (`xlink:title` is a `title` inside `<svg>`).
pub(super) fn keeps_attr(name: &[u8]) -> bool {
    // By length first: most names are compared with one or two, not all.
    let kept: &[&str] = match name.len() {
        2 => &["id"],
        3 => &["rel"],
        4 => &["role", "href", "name", "type", "lang", "face", "size"],
        5 => &["class", "style", "title", "color", "xmlns"],
        6 => &["hidden"],
        7 => &["content", "pubdate", "charset"],
        8 => &["itemprop", "itemtype", "datetime", "property", "encoding"],
        10 => &["http-equiv"],
        11 => &["aria-hidden"],
        14 => &["shadowrootmode"],
        _ => &[],
    };
    // Read by the cleaner (`tree::is_read`): class, id, itemprop, itemtype,
    // hidden, aria-hidden, style, role, href, datetime, content, title,
    // property, name, http-equiv, rel, type, lang, pubdate. Read by the
    // tree builder: color, face, size, encoding, charset, shadowrootmode,
    // xmlns.
    is_one_of(name, kept) || name.contains(&b':')
}
