//! A fallback for pathological HTML: nesting so deep that the HTML parser's
//! per-tag scope checks would take quadratic time. Such input is read as
//! text with the tags stripped, so cleaning stays fast on any input.

use std::collections::HashMap;

/// Real pages nest a few dozen elements deep, sloppy ones (unclosed tags
/// counted as open) a few hundred; beyond this the input is hostile or
/// broken, and parsing it as a tree would take minutes.
const MAX_NAIVE_DEPTH: usize = 3000;

/// Elements that never take a closing tag, or whose closing tag is usually
/// omitted; counting them would make every sloppy page look deep.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "td", "tr", "th", "option", "dt", "dd",
];

/// Elements whose start or end means a new paragraph in the flattened text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
];

fn tag_name(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// A tag name as a 64-bit FNV-1a hash of its lowercase bytes: no
/// allocation per tag, and a collision between two names of one page is
/// beyond likely.
type NameKey = u64;

const fn name_key(name: &[u8]) -> NameKey {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < name.len() {
        hash ^= name[i].to_ascii_lowercase() as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

const NOT_NESTING_KEYS: [NameKey; NOT_NESTING.len()] = {
    let mut keys = [0; NOT_NESTING.len()];
    let mut i = 0;
    while i < NOT_NESTING.len() {
        keys[i] = name_key(NOT_NESTING[i].as_bytes());
        i += 1;
    }
    keys
};

/// The keys are hashes already: hashing them again would be wasted work.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap = HashMap<NameKey, usize, std::hash::BuildHasherDefault<KeyHasher>>;

/// Whether `bytes` holds more than `n` of `byte`, counted a block at a
/// time with vector instructions (`bytecount`): finding each `<` with
/// `memchr` paid a call per tag, a count into a `usize` widened every
/// byte to 64 bits, and byte-wide lanes of our own were vectorised across
/// rows by the compiler, a byte at a time.
fn more_than(bytes: &[u8], byte: u8, n: usize) -> bool {
    let mut seen = 0;
    for block in bytes.chunks(8192) {
        seen += bytecount::count(block, byte);
        if seen > n {
            return true;
        }
    }
    false
}

/// Whether the element nesting would get deeper than real pages go. The
/// tags are scanned (no tree is built) and an end tag closes the innermost
/// open element of its name, as parsers do; an end tag with no open element
/// of its name is ignored, so `<i>x</p>` repeated counts as deep.
pub(crate) fn too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    // Each element counted open starts at a `<` of its own, so a page with
    // no more `<` than the limit cannot get deeper: counting them is a
    // fraction of the scan, and many pages stop here.
    if !more_than(bytes, b'<', MAX_NAIVE_DEPTH) {
        return false;
    }
    let mut open: Vec<NameKey> = Vec::new();
    let mut n_open = KeyMap::default();
    let mut at = 0;
    while let Some(pos) = bytes[at..].iter().position(|&b| b == b'<') {
        at += pos + 1;
        let rest = &bytes[at..];
        let closing = rest.first() == Some(&b'/');
        let name_at = rest.iter().position(|&b| b != b'/').unwrap_or(rest.len());
        let name_len = rest[name_at..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_at);
        if name_len == 0 {
            continue;
        }
        let key = name_key(&rest[name_at..name_at + name_len]);
        if NOT_NESTING_KEYS.contains(&key) {
            continue;
        }
        if closing {
            if n_open.get(&key).copied().unwrap_or(0) > 0 {
                // Each element is pushed and popped once: linear overall.
                while let Some(top) = open.pop() {
                    if let Some(n) = n_open.get_mut(&top) {
                        *n = n.saturating_sub(1);
                    }
                    if top == key {
                        break;
                    }
                }
            }
            continue;
        }
        let self_closing = rest
            .iter()
            .position(|&b| b == b'>')
            .is_some_and(|end| end > 0 && rest[end - 1] == b'/');
        if !self_closing {
            *n_open.entry(key).or_default() += 1;
            open.push(key);
            if open.len() > MAX_NAIVE_DEPTH {
                return true;
            }
        }
    }
    false
}

/// The text of `html` with tags removed (script and style contents too),
/// block tags turned into line breaks and the common entities decoded.
pub(crate) fn flatten(html: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so `lower` indexes like `html`.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while let Some(pos) = html[at..].find('<') {
        out.push_str(&html[at..at + pos]);
        at += pos + 1;
        let closing = html[at..].starts_with('/');
        let name = tag_name(lower[at..].trim_start_matches('/')).to_string();
        at += html[at..].find('>').map_or(html.len() - at, |e| e + 1);
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            at += lower[at..].find(&close).unwrap_or(html.len() - at);
        }
        out.push(if BLOCKS.contains(&name.as_str()) {
            '\n'
        } else {
            ' '
        });
    }
    out.push_str(&html[at..]);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&mdash;", "—")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_are_not_deep() {
        let page =
            "<html><body><div><p>One<p>Two<br><img src=x><ul><li>a<li>b</ul></div></body></html>";
        assert!(!too_deep(page));
        assert!(!too_deep(&"<p>unclosed paragraph".repeat(10_000)));
        assert!(too_deep(&"<div>".repeat(MAX_NAIVE_DEPTH + 1)));
        assert!(!too_deep(&"<div></div>".repeat(10_000)));
        assert!(too_deep(&"<i>x</p>".repeat(MAX_NAIVE_DEPTH + 1)));
        assert!(!too_deep(&"<div><span>unclosed span</div>".repeat(10_000)));
        // Right at the limit: as many `<` as the depth allowed.
        assert!(!too_deep(&"<div>".repeat(MAX_NAIVE_DEPTH)));
        assert!(too_deep(&format!(
            "x{}",
            "<div>".repeat(MAX_NAIVE_DEPTH + 1)
        )));
    }

    proptest::proptest! {
        /// The block count says what counting each byte says, at every
        /// threshold around the real count and across block edges.
        #[test]
        fn more_than_is_the_count(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b'<', b'a', b'>']), 0..20000),
            slack in 0usize..4,
        ) {
            let count = bytes.iter().filter(|&&b| b == b'<').count();
            for n in [count.saturating_sub(slack), count, count + slack] {
                proptest::prop_assert_eq!(more_than(&bytes, b'<', n), count > n);
            }
        }
    }

    /// Blocks of nothing but the byte, ending on either side of a block
    /// edge (a counter of byte-wide lanes would overflow here).
    #[test]
    fn more_than_counts_blocks_of_nothing_but_the_byte() {
        for len in [8159, 8160, 8161, 8192, 8193, 16384, 16385, 40_000] {
            let bytes = vec![b'<'; len];
            assert!(more_than(&bytes, b'<', len - 1), "{len}");
            assert!(!more_than(&bytes, b'<', len), "{len}");
        }
    }

    #[test]
    fn flattening_keeps_text_and_paragraph_breaks() {
        let flat = flatten("<div><p>Fish &amp; chips</p><script>var a = '<p>x</p>';</script><b>bold</b> text</div>");
        let lines: Vec<&str> = flat
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["Fish & chips", "bold  text"]);
    }
}
