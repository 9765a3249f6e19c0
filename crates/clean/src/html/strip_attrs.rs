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
    /// The `=` and the value, when there is one: what leaving the value
    /// out removes.
    pub value: Option<Range<usize>>,
    /// Whether it comes right after a `/` (see `droppable`).
    pub after_slash: bool,
}

impl Attr {
    /// Whether leaving it out leaves the tag as the tokenizer read it, less
    /// this attribute: not right after a `/` (`<br/x>` would become
    /// `<br/>`, self-closing), and no `<` in it (the deep-nesting prescan
    /// counts every `<`, and must count the same on the stripped page).
    /// Asked only of attributes the pass would drop: most are kept, and a
    /// `memchr` call for each cost more than the rest of its scan.
    pub fn droppable(&self, b: &[u8]) -> bool {
        let end = self.value.as_ref().map_or(self.name.end, |v| v.end);
        !self.after_slash && !has_byte(&b[self.name.start..end], b'<')
    }
}

/// Whether `span` holds `byte`: a loop for the short spans an attribute
/// mostly is, `memchr` past 16 bytes.
pub(super) fn has_byte(span: &[u8], byte: u8) -> bool {
    if span.len() <= 16 {
        span.contains(&byte)
    } else {
        memchr::memchr(byte, span).is_some()
    }
}

/// Read a start tag's attributes from `from` (just after the tag name) as
/// the HTML tokenizer does — a quote opens a value only after `=`, an
/// unquoted value runs to a space or `>`, a name starts with any character
/// (even `=` or a quote) and runs to a space, `/`, `>` or `=` — handing
/// each to `each`. The offset after the closing `>`, or `None` when the
/// page ends inside the tag.
pub(super) fn scan_tag(b: &[u8], from: usize, mut each: impl FnMut(Attr)) -> Option<usize> {
    let skip = |at: usize, class: u8| skip(b, at, class);
    let skip_spaces = |at: usize| skip(at, SPACE);
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
        at = skip(at + 1, IN_NAME);
        let name = start..at;
        let mut value = None;
        at = skip_spaces(at);
        if b.get(at) == Some(&b'=') {
            at = skip_spaces(at + 1);
            match *b.get(at)? {
                q @ (b'"' | b'\'') => at = find_byte(b, q, at + 1)? + 1,
                // `<a x=>`: an empty value, and the tag ends.
                b'>' => {}
                _ => at = skip(at, IN_UNQUOTED_VALUE),
            }
            value = Some(name.end..at);
            at = skip_spaces(at);
        }
        each(Attr {
            name,
            span: start..at,
            value,
            after_slash: start == 0 || b[start - 1] == b'/',
        });
    }
}

/// The first byte at or after `at` not in `class` (or the end). An
/// iterator over the rest: a `get` per byte cost a bounds check each.
pub(super) fn skip(b: &[u8], at: usize, class: u8) -> usize {
    b.get(at..).map_or(at, |rest| {
        at + rest
            .iter()
            .position(|&c| BYTE_CLASS[usize::from(c)] & class == 0)
            .unwrap_or(rest.len())
    })
}

/// `skip` as it was written, a `get` per byte (the oracle of its test).
#[cfg(test)]
pub(super) fn skip_by_get(b: &[u8], mut at: usize, class: u8) -> usize {
    while b
        .get(at)
        .is_some_and(|&c| BYTE_CLASS[usize::from(c)] & class != 0)
    {
        at += 1;
    }
    at
}

/// Byte classes for `scan_tag`, one bit each: the tokenizer's spaces,
/// what may stand in an attribute name after its first byte (not a space,
/// `/`, `>` or `=`), and in an unquoted value (not a space or `>`).
pub(super) const SPACE: u8 = 1;
pub(super) const IN_NAME: u8 = 2;
pub(super) const IN_UNQUOTED_VALUE: u8 = 4;
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let byte = c as u8;
        classes[c] = if is_space(byte) {
            SPACE
        } else if byte == b'>' {
            0
        } else if byte == b'/' || byte == b'=' {
            IN_UNQUOTED_VALUE
        } else {
            IN_NAME | IN_UNQUOTED_VALUE
        };
        c += 1;
    }
    classes
};

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
    // Lowercased once into a buffer as long as the longest kept name, then
    // one `match`: comparing case-insensitively with each name of the same
    // length cost a hundred instructions an attribute.
    let mut buf = [0u8; 14];
    let kept = buf.get_mut(..name.len()).is_some_and(|lower| {
        lower.copy_from_slice(name);
        lower.make_ascii_lowercase();
        // Read by the cleaner (`tree::is_read`), then by the tree builder.
        matches!(
            &*lower,
            b"class"
                | b"id"
                | b"itemprop"
                | b"itemtype"
                | b"hidden"
                | b"aria-hidden"
                | b"style"
                | b"role"
                | b"href"
                | b"datetime"
                | b"content"
                | b"title"
                | b"property"
                | b"name"
                | b"http-equiv"
                | b"rel"
                | b"type"
                | b"lang"
                | b"pubdate"
                | b"color"
                | b"face"
                | b"size"
                | b"encoding"
                | b"charset"
                | b"shadowrootmode"
                | b"xmlns"
        )
    });
    // Any with a prefix: `xlink:title` is a `title` inside `<svg>`.
    kept || name.contains(&b':')
}

/// `keeps_attr` as it was written before the `match`: the names of each
/// length compared case-insensitively (the oracle of its test).
#[cfg(test)]
pub(super) fn keeps_attr_by_list(name: &[u8]) -> bool {
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
    is_one_of(name, kept) || name.contains(&b':')
}
