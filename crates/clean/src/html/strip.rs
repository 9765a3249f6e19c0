//! A byte-level pass before the HTML parser that empties what no reader of
//! the page ever looks at: script and style bodies, `<noscript>` text,
//! `<svg>` drawings and the text of comments. These are over half the bytes of a news
//! page, and the parser spends its time in proportion to bytes.
//!
//! The pass follows the HTML tokenizer where it matters (quoted attribute
//! values, raw-text and RCDATA elements, comment ends, script escapes,
//! foreign content), and keeps the start and end tags of what it empties,
//! so the parsed tree has the same elements. Where it cannot be sure how
//! the tokenizer would read on, it copies the rest of the page unchanged:
//! the result is then only less stripped, never different.
//!
//! JSON-LD (`<script type="application/ld+json">`) is kept: page metadata
//! and publication dates are read from it.
//!
//! Start tags lose the attributes no reader looks at (`src`, `srcset`,
//! `data-*`, `onclick`, …): the tokenizer reads them character by
//! character and the tree builder interns every name. Kept are the attributes `tree` keeps
//! and those that change how the tree is built (`type` on `<input>`,
//! `color`/`face`/`size` on `<font>`, `encoding` on `<annotation-xml>`,
//! `shadowrootmode`, `charset`); formatting elements (`<b>`, `<font>`, …)
//! keep all of theirs, as the parser compares them whole when it decides
//! how many to reopen. An `href` keeps its value on `<link>` only (the
//! canonical address is read there); elsewhere only its presence is read
//! (`<a href>` is a link), so `href="…"` becomes `href`: link addresses
//! were a ninth of the bytes left on a stripped page.

#[path = "strip_attrs.rs"]
mod attrs;

use attrs::{is_formatting, keeps_attr, scan_tag};
use std::borrow::Cow;
use std::ops::Range;

const EMPTY_COMMENT: &str = "<!---->";

/// Below this size a page is parsed as it is: the pass would not pay.
const MIN_STRIP_BYTES: usize = 4096;

/// The page with unread bodies emptied; borrowed when nothing was cut.
/// Hand it to [`recycle`] when done with it.
pub(crate) fn strip_unread(html: &str) -> Cow<'_, str> {
    if html.len() < MIN_STRIP_BYTES {
        return Cow::Borrowed(html);
    }
    let mut out = SPARE.take();
    if out.capacity() < html.len() / 2 {
        // Replaced, not grown: growing copies the whole old capacity.
        out = String::with_capacity(html.len() / 2);
    }
    let mut s = Stripper {
        html,
        bytes: html.as_bytes(),
        out,
        copied_to: 0,
        n_cut: 0,
        drops: Vec::new(),
    };
    s.run();
    if s.n_cut == 0 {
        recycle(Cow::Owned(s.out));
        return Cow::Borrowed(html);
    }
    s.out.push_str(&html[s.copied_to..]);
    Cow::Owned(s.out)
}

thread_local! {
    /// The largest stripped page's buffer, emptied, for the next page: a
    /// fresh one per page had the kernel fault in and zero new memory for
    /// every page instead of for the largest only.
    static SPARE: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// The largest buffer kept: one huge page must not pin its memory for the
/// rest of a long run.
const SPARE_MAX_BYTES: usize = 16 << 20;

/// Give a stripped page's buffer back for the next page on this thread.
pub(crate) fn recycle(stripped: Cow<'_, str>) {
    let Cow::Owned(mut out) = stripped else {
        return;
    };
    out.clear();
    // Not while the thread's locals are being torn down.
    let _ = SPARE.try_with(|spare| {
        let kept = spare.take();
        spare.set(
            if out.capacity() > kept.capacity() && out.capacity() <= SPARE_MAX_BYTES {
                out
            } else {
                kept
            },
        );
    });
}

struct Stripper<'a> {
    html: &'a str,
    bytes: &'a [u8],
    out: String,
    /// Everything before this offset is in `out` (or was cut).
    copied_to: usize,
    n_cut: usize,
    /// The attributes of the tag at hand to leave out (reused per tag).
    drops: Vec<Range<usize>>,
}

/// What a start tag opens, for the tokenizer.
enum Body {
    /// Parsed as markup: go on.
    Markup,
    /// Raw text (`<script>`, `<style>`, …) that is emptied.
    CutRawText,
    /// Raw text or RCDATA that is kept (`<textarea>`, `<title>`, JSON-LD).
    KeepRawText,
    /// `<svg>`: foreign content, emptied.
    CutForeign,
    /// `<math>`: foreign content, kept.
    KeepForeign,
    /// `<plaintext>`: the rest of the page is text.
    Rest,
}

impl Stripper<'_> {
    fn run(&mut self) {
        let mut at = 0;
        while let Some(lt) = find_byte_near(self.bytes, b'<', at) {
            let Some(next) = self.step(lt) else {
                return; // unsure: the rest is copied as it is
            };
            at = next;
        }
    }

    /// Handle the markup at `lt` (a `<`); the offset to scan on from, or
    /// `None` to stop stripping.
    fn step(&mut self, lt: usize) -> Option<usize> {
        let b = self.bytes;
        let after = *b.get(lt + 1)?;
        if b[lt..].starts_with(b"<!--") {
            let end = comment_end(b, lt + 4)?;
            // An empty comment stays in its place: with nothing there, a
            // `<` before it and a `/` after it would make a new token.
            if end - lt > EMPTY_COMMENT.len() {
                self.cut(lt, end);
                self.out.push_str(EMPTY_COMMENT);
            }
            return Some(end);
        }
        if after == b'!' || after == b'?' {
            // Doctype or bogus comment: ends at the first `>`.
            return Some(find_byte(b, b'>', lt)? + 1);
        }
        if after == b'/' {
            return match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => tag_end(b, name_end(b, lt + 2)),
                // `</>` is dropped; `</` before anything else opens a
                // bogus comment that ends at the next `>`.
                Some(b'>') => Some(lt + 3),
                _ => Some(find_byte(b, b'>', lt + 2)? + 1),
            };
        }
        if !after.is_ascii_alphabetic() {
            return Some(lt + 1);
        }
        let name_end = name_end(b, lt + 1);
        let name = &b[lt + 1..name_end];
        let keep_all = is_formatting(name);
        // An `href` is read as a value on `<link>` only (the canonical
        // address); elsewhere only whether there is one (`<a href>`).
        let href_read = name.eq_ignore_ascii_case(b"link");
        let mut drops = std::mem::take(&mut self.drops);
        drops.clear();
        let end = scan_tag(b, name_end, |attr| {
            if keep_all {
                return;
            }
            let attr_name = &b[attr.name.clone()];
            if !keeps_attr(attr_name) {
                if attr.droppable(b) {
                    drops.push(attr.span);
                }
            } else if !href_read && attr_name.eq_ignore_ascii_case(b"href") {
                // `href="…"` becomes `href`, which the tokenizer reads as
                // an empty value; only where the value ends the attribute
                // (a space, `/` or `>` next), or the next name would join it.
                if let Some(value) = attr.value.clone().filter(|v| {
                    b.get(v.end)
                        .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
                }) {
                    if attr.droppable(b) {
                        drops.push(value);
                    }
                }
            }
        })?;
        for span in &drops {
            self.cut(span.start, span.end);
        }
        self.drops = drops;
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let body = body_of(name, &b[name_end..end]);
        match body {
            Body::Markup => Some(end),
            Body::Rest => None,
            Body::CutRawText | Body::KeepRawText if name.eq_ignore_ascii_case(b"script") => {
                let close = script_close(b, end)?;
                if matches!(body, Body::CutRawText) {
                    self.cut(end, close);
                }
                Some(close)
            }
            Body::CutRawText => {
                let close = raw_text_close(b, end, name)?;
                self.cut(end, close);
                Some(close)
            }
            Body::KeepRawText => raw_text_close(b, end, name),
            Body::CutForeign | Body::KeepForeign if self_closing => Some(end),
            Body::CutForeign => {
                let close = foreign_close(b, end, name)?;
                self.cut(end, close);
                Some(close)
            }
            Body::KeepForeign => foreign_close(b, end, name),
        }
    }

    /// Leave `from..to` out of the output.
    fn cut(&mut self, from: usize, to: usize) {
        if to <= from {
            return;
        }
        self.out.push_str(&self.html[self.copied_to..from]);
        self.copied_to = to;
        self.n_cut += 1;
    }
}

fn body_of(name: &[u8], attrs: &[u8]) -> Body {
    let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
    if is("script") {
        if is_json_ld(attrs) {
            Body::KeepRawText
        } else {
            Body::CutRawText
        }
    } else if is("style") || is("noscript") {
        // Both parsers run with scripting on: `<noscript>` is raw text.
        Body::CutRawText
    } else if ["textarea", "title", "xmp", "iframe", "noembed", "noframes"]
        .iter()
        .any(|n| is(n))
    {
        Body::KeepRawText
    } else if is("svg") {
        Body::CutForeign
    } else if is("math") {
        Body::KeepForeign
    } else if is("plaintext") {
        Body::Rest
    } else {
        Body::Markup
    }
}

fn find_byte(b: &[u8], byte: u8, from: usize) -> Option<usize> {
    memchr::memchr(byte, b.get(from..)?).map(|p| p + from)
}

/// How many bytes `find_byte_near` looks at one by one before it hands
/// the rest to `memchr`.
const NEAR: usize = 16;

/// `find_byte` for a byte that is usually a few bytes on: the next `<`
/// after a tag is within 16 bytes four times in five on the benchmark
/// pages (three times in five right there or after a line break and
/// indent), and `memchr`'s set-up cost more than such a short loop.
fn find_byte_near(b: &[u8], byte: u8, from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    let head = rest.len().min(NEAR);
    let mut i = 0;
    while i < head {
        if rest[i] == byte {
            return Some(from + i);
        }
        i += 1;
    }
    memchr::memchr(byte, &rest[head..]).map(|p| p + from + head)
}

fn find_bytes(b: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|p| p + from)
}

const fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where a tag name starting at `from` ends.
fn name_end(b: &[u8], from: usize) -> usize {
    let mut at = from;
    while at < b.len() && !is_space(b[at]) && b[at] != b'/' && b[at] != b'>' {
        at += 1;
    }
    at
}

/// The offset after the `>` closing a tag whose attributes start at
/// `from`; `None` when the page ends inside the tag.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    scan_tag(b, from, |_| {})
}

/// The offset after a comment that opened before `from`: `-->`, `--!>`,
/// or at once for `<!-->` and `<!--->`.
fn comment_end(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = from;
    loop {
        let dashes = find_bytes(b, b"--", at)?;
        match b.get(dashes + 2) {
            Some(b'>') => return Some(dashes + 3),
            Some(b'!') if b.get(dashes + 3) == Some(&b'>') => return Some(dashes + 4),
            _ => at = dashes + 1,
        }
    }
}

/// The offset of `</name` followed by a tag-name end, from `from` on.
fn end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = find_bytes(b, b"</", at)?;
        let name_at = lt + 2;
        let matched = b
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let ends = b
            .get(name_at + name.len())
            .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>');
        if matched && ends {
            return Some(lt);
        }
        at = lt + 2;
    }
}

fn raw_text_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    end_tag(b, from, name)
}

/// Where a script body ends. A `<!--` in it starts the tokenizer's
/// escaped state, where `<script` nests and hides the next `</script>`;
/// such scripts are not followed, the pass stops there.
fn script_close(b: &[u8], from: usize) -> Option<usize> {
    let close = end_tag(b, from, b"script")?;
    let body = &b[..close];
    match find_bytes(body, b"<!--", from) {
        Some(open) if opens_tag(body, open, b"script") => None,
        _ => Some(close),
    }
}

/// Whether `<name` followed by a tag-name end occurs in `b` after `from`.
fn opens_tag(b: &[u8], from: usize, name: &[u8]) -> bool {
    let mut at = from;
    while let Some(lt) = find_byte(b, b'<', at) {
        let name_at = lt + 1;
        let matched = b
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        // The page may go on past `b`: a name at its very end counts.
        let ends = b
            .get(name_at + name.len())
            .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>');
        if matched && ends {
            return true;
        }
        at = name_at;
    }
    false
}

/// Where the content of a foreign element (`<svg>`, `<math>`) ends:
/// nested elements of the same name counted, comments and CDATA skipped.
/// HTML elements that break out of foreign content, or anything unclear,
/// stop the pass.
fn foreign_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    // Inside an HTML integration point (`<title>`, `<desc>`,
    // `<foreignObject>`, MathML text elements) tags are HTML again, so a
    // raw-text element there would hide what follows: not followed.
    let mut integration_depth = 0usize;
    let mut at = from;
    loop {
        let lt = find_byte(b, b'<', at)?;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            at = comment_end(b, lt + 4)?;
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            at = find_bytes(b, b"]]>", lt + 9)? + 3;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            return None;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = lt + if closing { 2 } else { 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            // `</` before a non-letter: a bogus comment up to `>`.
            at = if closing {
                find_byte(b, b'>', name_at)? + 1
            } else {
                name_at
            };
            continue;
        }
        let end_of_name = name_end(b, name_at);
        let tag = &b[name_at..end_of_name];
        let end = tag_end(b, end_of_name)?;
        let self_closing = b[end - 2] == b'/';
        if is_integration_point(tag) && !self_closing {
            if closing {
                integration_depth = integration_depth.saturating_sub(1);
            } else if integration_depth > 0 {
                // `<title>` in an integration point is HTML's, RCDATA.
                return None;
            } else {
                integration_depth += 1;
            }
        } else if integration_depth > 0 && !closing && is_raw_text(tag) {
            return None;
        }
        if tag.eq_ignore_ascii_case(name) {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return Some(lt);
                }
            } else if !self_closing {
                depth += 1;
            }
        } else if breaks_out(tag) {
            return None;
        }
        at = end;
    }
}

fn is_one_of(tag: &[u8], names: &[&str]) -> bool {
    names.iter().any(|n| tag.eq_ignore_ascii_case(n.as_bytes()))
}

/// SVG and MathML elements whose content the tree builder reads as HTML.
fn is_integration_point(tag: &[u8]) -> bool {
    is_one_of(
        tag,
        &[
            "title",
            "desc",
            "foreignobject",
            "mi",
            "mo",
            "mn",
            "ms",
            "mtext",
            "annotation-xml",
        ],
    )
}

/// HTML elements whose content the tokenizer does not read as markup.
fn is_raw_text(tag: &[u8]) -> bool {
    is_one_of(
        tag,
        &[
            "script",
            "style",
            "noscript",
            "textarea",
            "title",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "plaintext",
        ],
    )
}

/// HTML start tags that end foreign content in the tree builder (checked
/// on end tags too, to be safe: `</p>` and `</br>` also break out).
fn breaks_out(tag: &[u8]) -> bool {
    const BREAKERS: &[&str] = &[
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
        "font",
    ];
    BREAKERS
        .iter()
        .any(|n| tag.eq_ignore_ascii_case(n.as_bytes()))
}

/// `type="application/ld+json"` among a script's attributes.
fn is_json_ld(attrs: &[u8]) -> bool {
    attrs
        .windows(b"ld+json".len())
        .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

#[cfg(test)]
#[path = "strip_tests.rs"]
mod tests;
