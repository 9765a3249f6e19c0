//! One pass over the parsed page: the elements that matter for choosing
//! the story (with their furniture flags), and the page's text cut into
//! blocks at block-level elements, each block knowing its element, its
//! link text and where it came from.

use super::classes::{element_reading, ClassAttrs, Flag, ReadingCache, Strength};
use crate::class_values::PageValues;
use crate::html_meta::squash;
use crate::rules::Verdict;
use crate::tag_sets::{BREAK, SILENT};
use crate::tree::{Data, Edge, El, NodeId};
use crate::Origin;
use concord_model::RemovedKind;
use html5ever::{local_name, LocalName};

/// No element: the parent of the root.
pub(crate) const NONE: u32 = u32::MAX;

fn content_origin(name: &LocalName) -> Option<Origin> {
    match *name {
        local_name!("p") | local_name!("pre") => Some(Origin::Line),
        local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6") => Some(Origin::Heading),
        local_name!("li") | local_name!("dd") | local_name!("dt") => Some(Origin::ListItem),
        local_name!("blockquote") => Some(Origin::Quote),
        _ => None,
    }
}

/// An element the text can be attributed to.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    pub node: NodeId,
    pub parent: u32,
    /// The nearest element at or above this one that carries a flag.
    pub flagged: u32,
    pub flag: Option<Flag>,
    /// This element or one above it is named as the story's body by its
    /// class or `itemprop` ("article-body", "articleBody").
    pub in_named_body: bool,
    /// An `<article>`: one self-contained composition.
    pub is_article: bool,
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct TextBlock {
    pub text: String,
    /// The innermost element the block starts in.
    pub elem: u32,
    pub origin: Origin,
    /// Characters (not counting spaces) in the block and inside links.
    pub n_chars: u32,
    pub n_link_chars: u32,
    /// Link characters before the first character outside a link: a
    /// block that opens with a linked headline.
    pub n_leading_link_chars: u32,
    /// A `<h1>`: the headline or another page's, never body text.
    pub headline: bool,
    /// A row of a table with at least two cells.
    pub in_row: bool,
    /// The label of a `<button>`: never body text, but listed when cut.
    pub control: bool,
}

/// The page as the chooser sees it.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub elems: Vec<Elem>,
    pub blocks: Vec<TextBlock>,
}

impl Page {
    /// The element and its ancestors, innermost first.
    pub(crate) fn ancestry(&self, mut elem: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::from_fn(move || {
            let here = elem;
            let e = self.elems.get(here as usize)?;
            elem = e.parent;
            Some(here)
        })
    }
}

struct Open {
    node: NodeId,
    elem: Option<u32>,
    breaks: bool,
    origin: Option<Origin>,
    link: bool,
    control: bool,
}

/// Builds a [`Page`] from the tree under `body` (iteratively: deep pages
/// cannot overflow the stack). Kept out of line so that profiles show the
/// page reader apart from the date walk it shares class readings with.
#[inline(never)]
pub(crate) fn read_page<'a>(body: El<'a>, values: &mut PageValues<'a>) -> Page {
    let mut w = Walk::default();
    let tree = body.tree;
    let mut cache = ReadingCache::for_nodes(tree.len());
    for edge in tree.traverse(body.id) {
        match edge {
            Edge::Open(node) => {
                if w.skipping.is_some() {
                    continue;
                }
                match tree.node(node).map(|n| &n.data) {
                    Some(Data::Text(t)) => w.push_text(tree.text_of(*t)),
                    Some(Data::Element(_)) => {
                        if let Some(el) = tree.get(node) {
                            w.open(el, &mut cache, values);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if w.skipping == Some(node) {
                    w.skipping = None;
                    continue;
                }
                if w.skipping.is_none() && tree.get(node).is_some() {
                    w.close(node);
                }
            }
        }
    }
    w.flush();
    w.page
}

#[derive(Default)]
struct Walk {
    page: Page,
    stack: Vec<Open>,
    skipping: Option<NodeId>,
    text: String,
    n_chars: u32,
    n_link_chars: u32,
    n_leading_link_chars: u32,
    /// Element of the block being collected (set by its first text).
    block_elem: Option<u32>,
    headline: bool,
    n_cells: u32,
    /// Open `<a href>` and `<button>` elements: counted as they open and
    /// close, so a text need not look through the whole stack.
    n_links: u32,
    n_controls: u32,
}

impl Walk {
    fn current_elem(&self) -> u32 {
        self.stack.iter().rev().find_map(|o| o.elem).unwrap_or(NONE)
    }

    fn in_link(&self) -> bool {
        // Test builds check the count against the stack it stands for.
        debug_assert_eq!(self.n_links > 0, self.stack.iter().any(|o| o.link));
        self.n_links > 0
    }

    fn in_control(&self) -> bool {
        debug_assert_eq!(self.n_controls > 0, self.stack.iter().any(|o| o.control));
        self.n_controls > 0
    }

    fn origin(&self) -> Origin {
        self.stack
            .iter()
            .rev()
            .find_map(|o| o.origin)
            .unwrap_or(Origin::Line)
    }

    fn open<'a>(&mut self, el: El<'a>, cache: &mut ReadingCache<'a>, values: &mut PageValues<'a>) {
        let v = el.value();
        // Names compared as atoms (see `Element::attr_atoms`).
        let name = v.local();
        if v.is(SILENT) {
            self.skipping = Some(el.id);
            return;
        }
        let (attrs, hidden) = scan_attrs(el);
        let (reading, class_hides) =
            cache.read(attrs, values, |c| hidden_by_class(c) || is_hover_card(c));
        if hidden || class_hides {
            self.skipping = Some(el.id);
            return;
        }
        let reading = element_reading(el, reading);
        let named_body = reading.names_body;
        let flag = match *name {
            local_name!("figure") => Some(figure_flag(el)),
            local_name!("figcaption") => Some(Flag {
                verdict: Verdict::new(RemovedKind::Caption, "figure caption (<figcaption>)"),
                strength: Strength::Strong,
            }),
            _ => reading.flag,
        };
        let breaks = v.is(BREAK) || flag.is_some() || named_body;
        if breaks {
            self.flush();
        }
        let parent = self.current_elem();
        // Only block-level, flagged or named elements can hold the story;
        // inline ones (`<span>`, `<em>`) share their parent's.
        let elem = (breaks || self.stack.is_empty()).then(|| {
            let idx = u32::try_from(self.page.elems.len()).unwrap_or(NONE);
            let (parent_flagged, parent_named) = self
                .page
                .elems
                .get(parent as usize)
                .map_or((NONE, false), |p| (p.flagged, p.in_named_body));
            self.page.elems.push(Elem {
                node: el.id,
                parent,
                flagged: if flag.is_some() { idx } else { parent_flagged },
                flag,
                in_named_body: named_body || parent_named,
                is_article: *name == local_name!("article"),
            });
            idx
        });
        if *name == local_name!("h1") {
            self.headline = true;
        }
        if matches!(*name, local_name!("td") | local_name!("th")) {
            self.n_cells += 1;
            // Cells of a row read as one line: "1 Kyle Busch 5040".
            if self.block_elem.is_some() {
                self.text.push(' ');
            }
        }
        let open = Open {
            node: el.id,
            elem,
            breaks,
            origin: content_origin(name),
            link: *name == local_name!("a") && el.attr_atom(&local_name!("href")).is_some(),
            control: *name == local_name!("button"),
        };
        self.n_links += u32::from(open.link);
        self.n_controls += u32::from(open.control);
        self.stack.push(open);
    }

    fn close(&mut self, node: NodeId) {
        let Some(pos) = self.stack.iter().rposition(|o| o.node == node) else {
            return;
        };
        if self.stack[pos..].iter().any(|o| o.breaks) {
            self.flush();
        }
        for o in &self.stack[pos..] {
            self.n_links = self.n_links.saturating_sub(u32::from(o.link));
            self.n_controls = self.n_controls.saturating_sub(u32::from(o.control));
        }
        self.stack.truncate(pos);
    }

    fn push_text(&mut self, t: &str) {
        if self.block_elem.is_none() {
            if crate::spaces::is_blank(t) {
                return;
            }
            self.block_elem = Some(self.current_elem());
        }
        let n = u32::try_from(non_space_chars(t)).unwrap_or(0);
        let leading = self.n_link_chars == self.n_chars;
        self.n_chars += n;
        if self.in_link() {
            self.n_link_chars += n;
            if leading {
                self.n_leading_link_chars += n;
            }
        }
        self.text.push_str(t);
    }

    fn flush(&mut self) {
        let headline = std::mem::take(&mut self.headline);
        let in_row = std::mem::take(&mut self.n_cells) >= 2;
        let Some(elem) = self.block_elem.take() else {
            self.text.clear();
            return;
        };
        // Squashed into a new string; the buffer serves the next block.
        let text = squash(&self.text);
        self.text.clear();
        let (n_chars, n_link_chars, n_leading_link_chars) = (
            std::mem::take(&mut self.n_chars),
            std::mem::take(&mut self.n_link_chars),
            std::mem::take(&mut self.n_leading_link_chars),
        );
        if text.is_empty() {
            return;
        }
        self.page.blocks.push(TextBlock {
            text,
            elem,
            origin: self.origin(),
            n_chars,
            n_link_chars,
            n_leading_link_chars,
            headline,
            in_row,
            control: self.in_control(),
        });
    }
}

/// Characters of `t` that are not whitespace. Text is mostly ASCII, read
/// a byte at a time: the ASCII whitespace `char::is_whitespace` knows is
/// tab, line feed, vertical tab, form feed, carriage return and space.
fn non_space_chars(t: &str) -> usize {
    if t.is_ascii() {
        t.bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .count()
    } else {
        t.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// An element's class, id and itemprop, and whether another attribute
/// hides it (`hidden`, `aria-hidden="true"`, a style that does not
/// display it), in one pass over its attributes. Not rendered, an element
/// is never read (and so never the story): pages hide microdata copies of
/// the headline and body this way; classes that hide are read with the
/// class (`ReadingCache::read`).
fn scan_attrs(el: El<'_>) -> (ClassAttrs<'_>, bool) {
    let mut attrs = ClassAttrs::default();
    let mut hidden = false;
    for (name, value) in el.attr_atoms() {
        match *name {
            local_name!("hidden") => hidden = true,
            local_name!("aria-hidden") => hidden |= value == "true",
            local_name!("class") => attrs.class = Some(value),
            local_name!("id") => attrs.id = Some(value),
            local_name!("itemprop") => attrs.itemprop = Some(value),
            local_name!("style") => hidden = hidden || style_hides(value),
            _ => {}
        }
    }
    (attrs, hidden)
}

fn style_hides(style: &str) -> bool {
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// Hover cards: a box of links about a name or link in the text, shown
/// only while the pointer is on it. Read inline, they would splice a list
/// of headlines into the sentence.
fn is_hover_card(class: &str) -> bool {
    // Each of the words has a `v`: most class lists have none.
    if memchr::memchr2(b'v', b'V', class.as_bytes()).is_none() {
        return false;
    }
    // Split as bytes: the words (runs of ASCII letters and digits) are
    // those of a split at characters, without decoding them.
    class
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .any(|w| {
            ["rollover", "hovercard", "popover"]
                .iter()
                .any(|h| w.eq_ignore_ascii_case(h.as_bytes()))
        })
}

/// Utility classes that hide an element on screen (`sr-only`, or
/// Bootstrap's `d-none` without a `d-md-block`-style class showing it
/// again at some width; `d-print-block` shows it only on paper).
fn hidden_by_class(class: &str) -> bool {
    let mut d_none = false;
    for token in class.split_ascii_whitespace() {
        match token {
            "hidden" | "sr-only" | "visually-hidden" | "screen-reader-text" | "invisible" => {
                return true
            }
            "d-none" => d_none = true,
            t if t.starts_with("d-") && !t.starts_with("d-print-") => return false,
            _ => {}
        }
    }
    d_none
}

/// A figure's text is its caption or credit; an embedded post when the
/// figure wraps a quote or frame.
fn figure_flag(figure: El<'_>) -> Flag {
    let embeds = figure
        .descendant_elements()
        .any(|e| matches!(e.name(), "blockquote" | "iframe"));
    let verdict = if embeds {
        Verdict::new(RemovedKind::Embed, "embedded content inside <figure>")
    } else {
        Verdict::new(
            RemovedKind::Caption,
            "text inside <figure> (caption or credit)",
        )
    };
    Flag {
        verdict,
        strength: Strength::Strong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Tree;

    /// Whether an element is hidden, as it was asked before the class was
    /// read with the class reading: any attribute that hides it.
    fn hidden_by_any_attr(el: El<'_>) -> bool {
        el.attrs().iter().any(|(name, value)| match name {
            "hidden" => true,
            "aria-hidden" => value == "true",
            "class" => hidden_by_class(value) || is_hover_card(value),
            "style" => style_hides(value),
            _ => false,
        })
    }

    #[test]
    fn one_attribute_scan_hides_what_any_attribute_hid() {
        for (folder, step) in [
            ("article-extraction/html", 1),
            ("publication-dates/html", 4),
        ] {
            for (path, html) in crate::fixture_pages::gzipped_pages(folder, step) {
                let tree = Tree::parse_document(&html);
                let mut cache = ReadingCache::for_nodes(tree.len());
                let mut values = PageValues::for_nodes(tree.len());
                let n_nodes = u32::try_from(tree.len()).unwrap_or(u32::MAX);
                for el in (0..n_nodes).filter_map(|id| tree.get(id)) {
                    let (attrs, hidden) = scan_attrs(el);
                    let (_, class_hides) = cache.read(attrs, &mut values, |c| {
                        hidden_by_class(c) || is_hover_card(c)
                    });
                    assert_eq!(
                        hidden || class_hides,
                        hidden_by_any_attr(el),
                        "{}",
                        path.display()
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// The byte split finds a hover-card word exactly where a split at
        /// characters (what it replaced) does, around non-ASCII letters.
        #[test]
        fn hover_card_byte_split_is_the_char_split(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "rollover", "HoverCard", "popover", "pop", "over", "-", "_", " ", "é", "ü", "日", "x",
                "1", "\u{a0}",
            ]), 0..8),
        ) {
            let class = pieces.concat();
            let by_char = class.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
                ["rollover", "hovercard", "popover"].iter().any(|h| w.eq_ignore_ascii_case(h))
            });
            proptest::prop_assert_eq!(is_hover_card(&class), by_char);
        }
    }

    #[test]
    fn ascii_non_space_count_is_the_char_count() {
        let by_char = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        let all_ascii: String = (0u8..=127).map(char::from).collect();
        assert_eq!(non_space_chars(&all_ascii), by_char(&all_ascii));
        for t in ["", " a\tb\u{b}c\u{c}\r\n", "x\u{a0}y", "ü ü", "\u{85}"] {
            assert_eq!(non_space_chars(t), by_char(t), "{t:?}");
        }
        for b in 0u8..=127 {
            let t = char::from(b).to_string();
            assert_eq!(non_space_chars(&t), by_char(&t), "{b}");
        }
    }
}
