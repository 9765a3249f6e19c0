//! What an element's class, id and tag say about the dates inside it:
//! comment, sidebar, teaser and footer areas (whose dates are not the
//! page's), and "published", "updated" and plain "date" elements.

use crate::class_values::PageValues;
use crate::tag_sets::FOREIGN;
use crate::tree::El;
use html5ever::local_name;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Class or id words (split at `-`, `_`, spaces and case changes) that
/// start comment, sidebar, teaser and footer areas: `comment-list`,
/// `relatedPosts`, `sidebar_right`.
const FOREIGN_PREFIXES: &[&str] = &[
    "comment",
    "kommentar",
    "reply",
    "respond",
    "disqus",
    "sidebar",
    "related",
    "teaser",
    "recommend",
    "trending",
    "popular",
    "mostread",
    "newsletter",
    "breadcrumb",
    "archive",
    "calendar",
    "similar",
    "weitere",
    "readmore",
    "pagination",
    "cookie",
];
/// Whole class or id words of such areas.
const FOREIGN_WORDS: &[&str] = &[
    "nav",
    "navigation",
    "menu",
    "aside",
    "more",
    "links",
    "promo",
    "ad",
    "ads",
    "next",
    "prev",
    "previous",
    "termin",
    "termine",
];

/// What an element's class, id or itemprop says about the dates in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClassRole {
    Published,
    Modified,
    Date,
}

/// What an element's tag, class, id and itemprop say, read at once: each
/// attribute is split into words once, and elements without any of them
/// (most of a page) cost no allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ClassReading {
    /// A comment, sidebar, teaser or (outside the article) footer area.
    pub foreign: bool,
    pub comment: bool,
    pub role: Option<ClassRole>,
}

/// What one class, id or itemprop value says, before the tag and the
/// other attributes are weighed in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ValueReading {
    footer: bool,
    foreign: bool,
    comment: bool,
    /// Substring hits of the role vocabulary (see [`class_role`]).
    modified: bool,
    published: bool,
    date: bool,
    not_date: bool,
}

impl ValueReading {
    fn or(self, o: ValueReading) -> ValueReading {
        ValueReading {
            footer: self.footer || o.footer,
            foreign: self.foreign || o.foreign,
            comment: self.comment || o.comment,
            modified: self.modified || o.modified,
            published: self.published || o.published,
            date: self.date || o.date,
            not_date: self.not_date || o.not_date,
        }
    }
}

/// Readings of the class, id and itemprop triples already seen on a page:
/// class lists repeat (every item of a list has the same), and one lookup
/// per element costs far less than splitting and matching the words again
/// (or than three lookups, one per value).
#[derive(Default)]
pub(super) struct ValueCache<'a> {
    seen: FxHashMap<ValueKey<'a>, ValueReading>,
}

/// An element's class, id and itemprop: all its value reading depends on.
type ValueKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

impl<'a> ValueCache<'a> {
    /// A cache sized for `n` distinct values (see `ReadingCache::for_nodes`).
    pub(super) fn with_capacity(n: usize) -> Self {
        ValueCache {
            seen: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    fn read(&mut self, key: ValueKey<'a>, values: &mut PageValues<'a>) -> ValueReading {
        *self.seen.entry(key).or_insert_with(|| {
            let (class, id, itemprop) = key;
            read_one(class, true, values)
                .or(read_one(id, true, values))
                .or(read_one(itemprop, false, values))
        })
    }
}

/// The reading of one value (remembered for the page by
/// `class_values`, shared with the page reader); `words`: whether the
/// value's words count (class and id), or only its role vocabulary
/// (itemprop).
fn read_one<'a>(value: Option<&'a str>, words: bool, values: &mut PageValues<'a>) -> ValueReading {
    let Some(value) = value else {
        return ValueReading::default();
    };
    let reading = values.facts(value).dates;
    if words {
        reading
    } else {
        ValueReading {
            footer: false,
            foreign: false,
            comment: false,
            ..reading
        }
    }
}

/// The reading of a value, its words included; `ascii_lower` is the value
/// ASCII-lowercased and `roles` the role categories found in the value
/// lowercased, one bit each in the order of [`ROLE_GROUPS`]
/// (`class_values` lowercases the value and finds both readers'
/// vocabularies in one pass). `class_values` reads the words of an ASCII
/// value for both readers at once; this is the reading it is tested
/// against, and the one of a non-ASCII value.
pub(crate) fn read_value(value: &str, ascii_lower: &str, roles: u8) -> ValueReading {
    let mut r = ValueReading::with_roles(roles);
    if value.is_ascii() {
        // The words are slices of the lowercased copy: no word is built a
        // byte at a time.
        ascii_word_spans(value.as_bytes(), |at| {
            if let Some(w) = ascii_lower.get(at) {
                r.add_word(w);
            }
        });
    } else {
        for_class_words(Some(value), None, |w| r.add_word(w));
    }
    r
}

impl ValueReading {
    /// A reading with the role categories found (bits in the order of
    /// [`ROLE_GROUPS`]) and no words yet.
    pub(crate) fn with_roles(roles: u8) -> ValueReading {
        let has = |bit: u8| roles & (1 << bit) != 0;
        ValueReading {
            modified: has(0),
            published: has(1),
            date: has(2),
            not_date: has(3),
            ..ValueReading::default()
        }
    }

    /// One more class or id word, lowercased (see [`for_class_words`]).
    pub(crate) fn add_word(&mut self, w: &str) {
        let (comment, foreign) = area_word(w);
        self.footer |= w.starts_with("footer");
        self.foreign |= foreign;
        self.comment |= comment;
    }
}

/// The four role vocabularies, matched anywhere in the lowercased class,
/// id and itemprop.
pub(crate) const ROLE_GROUPS: [&[&str]; 4] =
    [MODIFIED_PARTS, PUBLISHED_PARTS, DATE_PARTS, NOT_DATE_PARTS];

pub(super) fn read_element<'a>(
    el: El<'a>,
    in_article: bool,
    cache: &mut ValueCache<'a>,
    values: &mut PageValues<'a>,
) -> ClassReading {
    let v = el.value();
    // One pass over the attributes, names compared as atoms: `attr` looks
    // each name up afresh.
    let (mut class, mut id, mut itemprop, mut itemtype) = (None, None, None, None);
    for (name, value) in el.attr_atoms() {
        match *name {
            local_name!("class") => class = class.or(Some(value)),
            local_name!("id") => id = id.or(Some(value)),
            local_name!("itemprop") => itemprop = itemprop.or(Some(value)),
            local_name!("itemtype") => itemtype = itemtype.or(Some(value)),
            _ => {}
        }
    }
    let comment_type = itemtype.is_some_and(|t: &str| t.contains("Comment"));
    let tag_foreign = v.is(FOREIGN) || (*v.local() == local_name!("footer") && !in_article);
    if class.is_none() && id.is_none() && itemprop.is_none() {
        return ClassReading {
            foreign: tag_foreign,
            comment: comment_type,
            role: None,
        };
    }
    let r = cache.read((class, id, itemprop), values);
    ClassReading {
        foreign: tag_foreign || (r.footer && !in_article) || r.foreign,
        comment: comment_type || r.comment,
        role: role_of(r),
    }
}

/// Class and id words, lowercased, each handed to `f`:
/// `relatedPosts comment_list` → related, posts, comment, list.
fn for_class_words(class: Option<&str>, id: Option<&str>, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for attr in [class, id].into_iter().flatten() {
        if attr.is_ascii() {
            let lower = attr.to_ascii_lowercase();
            ascii_word_spans(attr.as_bytes(), |at| {
                if let Some(w) = lower.get(at) {
                    f(w);
                }
            });
            continue;
        }
        for token in attr.split(|c: char| !c.is_alphanumeric()) {
            word.clear();
            let mut prev_lower = false;
            for c in token.chars() {
                if c.is_uppercase() && prev_lower && !word.is_empty() {
                    f(&word);
                    word.clear();
                }
                prev_lower = c.is_lowercase() || c.is_ascii_digit();
                word.extend(c.to_lowercase());
            }
            if !word.is_empty() {
                f(&word);
            }
        }
    }
}

/// Where the words of an ASCII class or id value are (what
/// [`for_class_words`] hands out, as byte ranges of `value`; lowercasing
/// an ASCII value keeps every byte where it is): runs of letters and
/// digits, split again where a capital follows a small letter or digit.
fn ascii_word_spans(value: &[u8], mut f: impl FnMut(std::ops::Range<usize>)) {
    let mut start = None;
    let mut prev_lower = false;
    for (at, &b) in value.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                f(s..at);
            }
            prev_lower = false;
            continue;
        }
        match start {
            Some(s) if b.is_ascii_uppercase() && prev_lower => {
                f(s..at);
                start = Some(at);
            }
            Some(_) => {}
            None => start = Some(at),
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
    }
    if let Some(s) = start {
        f(s..value.len());
    }
}

/// Class or id words that start comment areas (also foreign).
const COMMENT_PREFIXES: &[&str] = &["comment", "kommentar", "reply", "respond", "disqus"];

/// The area vocabularies split by first byte, so a word is compared only
/// with the entries that start as it does (most words match none).
#[derive(Default)]
struct ByFirst {
    foreign_words: Vec<&'static str>,
    foreign_prefixes: Vec<&'static str>,
    comment_prefixes: Vec<&'static str>,
}

static BY_FIRST: LazyLock<Vec<ByFirst>> = LazyLock::new(|| {
    let mut table: Vec<ByFirst> = (0..256).map(|_| ByFirst::default()).collect();
    let first = |w: &str| usize::from(w.as_bytes().first().copied().unwrap_or(0));
    for &w in FOREIGN_WORDS {
        table[first(w)].foreign_words.push(w);
    }
    for &p in FOREIGN_PREFIXES {
        table[first(p)].foreign_prefixes.push(p);
    }
    for &p in COMMENT_PREFIXES {
        table[first(p)].comment_prefixes.push(p);
    }
    table
});

/// Whether a word starts a comment area and whether it names a foreign
/// one: [`comment_word`] and [`foreign_word`], asked of the entries with
/// the word's first byte only.
fn area_word(w: &str) -> (bool, bool) {
    let Some(entries) = w
        .as_bytes()
        .first()
        .and_then(|&b| BY_FIRST.get(usize::from(b)))
    else {
        return (false, false);
    };
    let comment = entries.comment_prefixes.iter().any(|p| w.starts_with(p));
    let foreign = entries.foreign_words.contains(&w)
        || entries.foreign_prefixes.iter().any(|p| w.starts_with(p));
    (comment, foreign)
}

#[cfg(test)]
fn comment_word(w: &str) -> bool {
    COMMENT_PREFIXES.iter().any(|p| w.starts_with(p))
}

#[cfg(test)]
fn foreign_word(w: &str) -> bool {
    FOREIGN_WORDS.contains(&w) || FOREIGN_PREFIXES.iter().any(|p| w.starts_with(p))
}

// The role vocabulary, matched anywhere in the lowercased class, id and
// itemprop ("entry-date", "postedOn", "article__meta").
const MODIFIED_PARTS: &[&str] = &["modif", "update", "aktualis", "edited", "revised"];
const PUBLISHED_PARTS: &[&str] = &[
    "publish",
    "pubdate",
    "posted",
    "created",
    "erschienen",
    "veroeffentlicht",
];
const DATE_PARTS: &[&str] = &[
    "date", "datum", "time", "zeit", "dateline", "byline", "meta", "author", "autor",
];
const NOT_DATE_PARTS: &[&str] = &["timeline", "runtime", "datepicker"];

fn role_of(r: ValueReading) -> Option<ClassRole> {
    if r.modified {
        Some(ClassRole::Modified)
    } else if r.published {
        Some(ClassRole::Published)
    } else if r.date && !r.not_date {
        Some(ClassRole::Date)
    } else {
        None
    }
}

#[cfg(test)]
fn class_role(hay: &str) -> Option<ClassRole> {
    role_of(crate::class_values::facts(hay).dates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Tree;

    fn first(html: &str, f: impl Fn(El<'_>) -> bool) -> bool {
        let page = Tree::parse_document(html);
        page.root_element()
            .and_then(|r| {
                r.descendant_elements()
                    .find(|e| matches!(e.name(), "div" | "aside" | "footer"))
            })
            .is_some_and(f)
    }

    #[test]
    fn foreign_areas_by_word_not_by_substring() {
        fn foreign(in_article: bool) -> impl Fn(El<'_>) -> bool {
            move |e| {
                let mut values = PageValues::for_nodes(0);
                read_element(e, in_article, &mut ValueCache::default(), &mut values).foreign
            }
        }
        assert!(first(
            r#"<div class="relatedPosts">x</div>"#,
            foreign(false)
        ));
        assert!(first(r#"<div id="comment-list">x</div>"#, |e| {
            let mut values = PageValues::for_nodes(0);
            read_element(e, false, &mut ValueCache::default(), &mut values).comment
        }));
        assert!(first("<aside>x</aside>", foreign(true)));
        assert!(!first(
            r#"<div class="preview_top">x</div>"#,
            foreign(false)
        ));
        assert!(!first(
            r#"<div class="header-info">x</div>"#,
            foreign(false)
        ));
        assert!(first("<footer>x</footer>", foreign(false)));
        assert!(
            !first("<footer>x</footer>", foreign(true)),
            "an article's own footer"
        );
        assert!(first(r#"<div class="site-footer">x</div>"#, foreign(false)));
    }

    /// `for_class_words` as it reads any value, character by character.
    fn class_words_by_char(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for token in value.split(|c: char| !c.is_alphanumeric()) {
            let mut word = String::new();
            let mut prev_lower = false;
            for c in token.chars() {
                if c.is_uppercase() && prev_lower && !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                prev_lower = c.is_lowercase() || c.is_ascii_digit();
                word.extend(c.to_lowercase());
            }
            if !word.is_empty() {
                out.push(word);
            }
        }
        out
    }

    proptest::proptest! {
        /// ASCII values read a byte at a time give the words read a
        /// character at a time.
        #[test]
        fn ascii_class_words_are_the_char_words(value in "[ -~]{0,40}") {
            let mut words = Vec::new();
            for_class_words(Some(&value), None, |w| words.push(w.to_string()));
            proptest::prop_assert_eq!(words, class_words_by_char(&value));
        }
    }

    proptest::proptest! {
        /// Looking words up by first byte says what asking every entry of
        /// the vocabularies (what it replaced) says.
        #[test]
        fn area_words_by_first_byte_are_the_lists(
            pieces in proptest::collection::vec(proptest::sample::select(
                [FOREIGN_WORDS, FOREIGN_PREFIXES, COMMENT_PREFIXES, &["x", "s", "c", "2", "é", "foot"]]
                    .concat(),
            ), 0..3),
        ) {
            let w = pieces.concat();
            proptest::prop_assert_eq!(area_word(&w), (comment_word(&w), foreign_word(&w)));
        }
    }

    #[test]
    fn class_words_split_at_case_changes_and_punctuation() {
        for value in ["relatedPosts comment_list", "Ä-bc dÉf", "x2Y", "ABCdef"] {
            let mut words = Vec::new();
            for_class_words(Some(value), None, |w| words.push(w.to_string()));
            assert_eq!(words, class_words_by_char(value), "{value}");
        }
    }

    #[test]
    fn roles_from_classes() {
        assert_eq!(
            class_role("entry-date published"),
            Some(ClassRole::Published)
        );
        assert_eq!(class_role("date updated"), Some(ClassRole::Modified));
        assert_eq!(class_role("article__meta"), Some(ClassRole::Date));
        assert_eq!(class_role("timeline"), None);
        assert_eq!(class_role("headline"), None);
    }

    /// As the page reader's cache (`html::classes`): a reading through it
    /// is the reading made without it.
    #[test]
    fn value_cache_reads_what_a_fresh_reading_says() {
        let values: Vec<String> = (0..3000)
            .map(|i| {
                format!(
                    "x{i} {}",
                    ["date", "comment-list", "footer", "pubdate"][i % 4]
                )
            })
            .collect();
        let mut cache = ValueCache::with_capacity(values.len());
        let mut page = PageValues::for_nodes(values.len());
        for _ in 0..2 {
            for (i, value) in values.iter().enumerate() {
                let id = (i % 3 == 0).then_some("modified");
                let itemprop = (i % 5 == 0).then_some("datePublished");
                let fresh = read_one(Some(value), true, &mut PageValues::for_nodes(0))
                    .or(read_one(id, true, &mut PageValues::for_nodes(0)))
                    .or(read_one(itemprop, false, &mut PageValues::for_nodes(0)));
                let cached = cache.read((Some(value), id, itemprop), &mut page);
                assert_eq!(cached, fresh, "{value}");
            }
        }
    }
}
