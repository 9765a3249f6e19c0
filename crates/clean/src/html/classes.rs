//! What an element's tag, class and id say it holds: page furniture
//! (navigation, share bars, related stories, comments, consent banners,
//! captions) or the story itself.

use crate::class_values::PageValues;
use crate::rules::Verdict;
use crate::tree::El;
use concord_model::RemovedKind;
use html5ever::local_name;
use rustc_hash::FxHashMap;

/// How far a furniture flag is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// Always cut: the element cannot be the story (`<nav>`, a figure, a
    /// consent banner, a comment thread).
    Strong,
    /// Cut unless it turns out to hold most of the page's prose: short
    /// class words ("ad", "share") and generic wrappers (`<form>`,
    /// `<header>`) sometimes sit on the element around the whole story.
    Weak,
}

/// A furniture verdict on an element, for all the text under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Flag {
    pub verdict: Verdict,
    pub strength: Strength,
}

// Class and id vocabulary. "Parts" match anywhere in the class/id text
// (`cookie-banner`, `mostReadList`); "words" only as whole words, because
// they are short enough to hide inside others ("ad" in "header", "share"
// in "shareholders").
const CONSENT_PARTS: &str = "cookie|consent|gdpr";
const EMBED_PARTS: &str = "twitter-tweet|instagram-media|tiktok-embed";
const RELATED_PARTS: &str = "related|recommend|mostread|most-read|most_read|mostpopular|most-popular|outbrain|taboola|read-more|readmore|more-stories|morestories|more-news";
const FURNITURE_PARTS: &str = "newsletter|subscribe|signup|sign-up|advert|sponsor|breadcrumb|sidebar|paywall|author-bio|authorbio|about-the-author|about-author";

/// The categories of whole class words, in the order they are tried.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Consent,
    Embed,
    Comment,
    Related,
    Caption,
    /// An author box or byline: site furniture by position, but what it
    /// says is the article's metadata, so it is removed as such.
    Byline,
    Furniture,
    /// Furniture words that also style content wrappers ("ad_body",
    /// "widget-post-content"): they flag nothing next to a content word.
    AmbiguousFurniture,
    /// Words that name the story's own container ("article-body").
    Content,
}

/// The category of a lowercased class word, given as bytes: words are
/// runs of ASCII letters and digits, so they need no UTF-8 check.
fn word_kind(word: &[u8]) -> Option<Word> {
    Some(match word {
        b"cmp" => Word::Consent,
        b"tweet" | b"instagram" | b"tiktok" | b"embed" | b"oembed" => Word::Embed,
        b"comment" | b"comments" | b"disqus" | b"commentlist" => Word::Comment,
        b"popular" | b"trending" | b"teaser" | b"teasers" => Word::Related,
        b"caption" | b"credit" | b"credits" => Word::Caption,
        b"byline" | b"bylines" => Word::Byline,
        b"share" | b"sharing" | b"toolbar" | b"navbar" | b"menu" | b"tags" | b"pagination"
        | b"pager" | b"footer" | b"masthead" | b"modal" | b"popup" | b"bio" => Word::Furniture,
        b"ad" | b"ads" | b"widget" | b"social" | b"promo" => Word::AmbiguousFurniture,
        b"article" | b"body" | b"content" | b"entry" | b"post" | b"story" | b"text" | b"main" => {
            Word::Content
        }
        _ => return None,
    })
}

/// The part vocabularies, one alternation per category in the order of
/// the `PART_` bits: `class_values` finds them in one automaton with the
/// date walk's role vocabulary.
pub(crate) const PART_GROUPS: [&str; 4] =
    [CONSENT_PARTS, EMBED_PARTS, RELATED_PARTS, FURNITURE_PARTS];
const PART_CONSENT: usize = 0;
const PART_EMBED: usize = 1;
const PART_RELATED: usize = 2;
const PART_FURNITURE: usize = 3;

/// A class list longer than this is a page's feature switches
/// (`f_share_tools_on f_bucketcookies_on …` on `<body>`), not a
/// description of what the element holds.
const CLASS_MAX_WORDS: usize = 12;

/// What an element's class, id and `itemprop` say about it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reading {
    pub flag: Option<Flag>,
    /// Named as the story's body (`article-body`, `entry-content`,
    /// `itemprop="articleBody"`).
    pub names_body: bool,
}

/// Readings of the class and id pairs already seen on a page: class lists
/// repeat (every item of a menu has the same), and a lookup costs far
/// less than a reading. With each, whether the class hides its element
/// (see `dom::hidden_by_class`): one lookup per element serves both.
#[derive(Default)]
pub(crate) struct ReadingCache<'a> {
    seen: FxHashMap<ClassKey<'a>, (Reading, bool)>,
}

/// The attributes a class reading depends on, read in one pass over an
/// element's attributes with those that hide it (`dom::scan_attrs`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClassAttrs<'a> {
    pub class: Option<&'a str>,
    pub id: Option<&'a str>,
    pub itemprop: Option<&'a str>,
}

impl<'a> ReadingCache<'a> {
    /// A cache sized for a page of `n_nodes` nodes: grown from empty, the
    /// maps rehashed every key (strings) several times on every page.
    pub(crate) fn for_nodes(n_nodes: usize) -> Self {
        let n = distinct_values(n_nodes);
        ReadingCache {
            seen: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// What an element's class and id say (see [`element_reading`]), and
    /// `hides(class)`; both computed once per distinct attributes on a page.
    pub(crate) fn read(
        &mut self,
        attrs: ClassAttrs<'a>,
        values: &mut PageValues<'a>,
        hides: impl FnOnce(&str) -> bool,
    ) -> (Reading, bool) {
        let key = (attrs.class, attrs.id, attrs.itemprop == Some("articleBody"));
        let (reading, hidden) = self
            .seen
            .entry(key)
            .or_insert_with(|| read_class_key(key, values, hides));
        (reading.clone(), *hidden)
    }
}

/// How many distinct class and id readings to make room for on a page of
/// `n_nodes` nodes: the benchmark pages have one per ten nodes (median; one
/// per five at the 90th percentile), and a map that outgrows its room
/// rehashes its keys.
pub(crate) fn distinct_values(n_nodes: usize) -> usize {
    (n_nodes / 8).min(4096)
}

/// Class, id and whether `itemprop="articleBody"`: all a reading depends on.
type ClassKey<'a> = (Option<&'a str>, Option<&'a str>, bool);

/// Read an element's class and id (lowercased, split on punctuation:
/// `most-read__list` → most, read, list), and whether the class hides the
/// element (`hides(class)`, remembered for the page with the class's words).
fn read_class_key<'a>(
    (class, id, article_body): ClassKey<'a>,
    values: &mut PageValues<'a>,
    hides: impl FnOnce(&str) -> bool,
) -> (Reading, bool) {
    let mut reading = Reading {
        flag: None,
        names_body: article_body,
    };
    // Each value's words and parts are read once per page (shared with
    // the date walk); the class list's are those of its values together.
    let (class_words, hidden) = match class {
        Some(class) => {
            let (facts, hidden) = values.class_facts(class, hides);
            (Some(facts.words), hidden)
        }
        None => (None, false),
    };
    let id_words = id.map(|id| values.facts(id).words);
    if class_words.is_none() && id_words.is_none() {
        return (reading, hidden);
    }
    let words = [class_words, id_words]
        .into_iter()
        .flatten()
        .fold(ValueWords::default(), ValueWords::and);
    reading.names_body |= words.names_body();
    if words.n > CLASS_MAX_WORDS {
        return (reading, hidden);
    }
    let kinds = words.kinds;
    let parts = words.parts;
    let matched = |part: usize| parts & (1 << part) != 0;
    let is = |part: usize, word: Word| matched(part) || kinds.contains(&word);
    let flag = |kind, what: &str, strength| {
        // The values as one lowercased list, for the reason only.
        let mut hay = String::with_capacity(class.map_or(0, str::len) + id.map_or(0, str::len) + 2);
        // An id that repeats the class (`class="comments" id="comments"`)
        // is said once.
        let id = id.filter(|id| class.is_none_or(|class| !class.eq_ignore_ascii_case(id)));
        for value in [class, id].into_iter().flatten() {
            hay.push_str(value);
            hay.push(' ');
        }
        hay.make_ascii_lowercase();
        Some(Flag {
            verdict: Verdict::new(kind, format!("{what} (class or id \"{}\")", hay.trim())),
            strength,
        })
    };
    let furniture_word = kinds.contains(&Word::Furniture) || kinds.contains(&Word::Byline);
    let ambiguous_only =
        !furniture_word && !matched(PART_FURNITURE) && kinds.contains(&Word::Content);
    reading.flag = if is(PART_CONSENT, Word::Consent) {
        flag(
            RemovedKind::Consent,
            "cookie or consent banner",
            Strength::Strong,
        )
    } else if is(PART_EMBED, Word::Embed) {
        flag(RemovedKind::Embed, "embedded post", Strength::Strong)
    } else if kinds.contains(&Word::Comment) {
        flag(
            RemovedKind::Boilerplate,
            "reader comments",
            Strength::Strong,
        )
    } else if is(PART_RELATED, Word::Related) {
        flag(
            RemovedKind::RelatedLink,
            "links to other articles",
            Strength::Weak,
        )
    } else if kinds.contains(&Word::Caption) {
        flag(
            RemovedKind::Caption,
            "caption or photo credit",
            Strength::Strong,
        )
    } else if kinds.contains(&Word::Byline) {
        flag(RemovedKind::Metadata, "byline", Strength::Weak)
    } else if (is(PART_FURNITURE, Word::Furniture) || kinds.contains(&Word::AmbiguousFurniture))
        && !ambiguous_only
    {
        flag(RemovedKind::Boilerplate, "site furniture", Strength::Weak)
    } else {
        None
    };
    (reading, hidden)
}

/// The word categories present in a class list, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Kinds(u16);

impl Kinds {
    fn contains(self, word: &Word) -> bool {
        self.0 & (1 << *word as u16) != 0
    }
}

/// What the words and parts of a lowercased class or id value say, read
/// in one pass (collecting them and asking each question of the list cost
/// a fifth of the element readings). A list's reading is its values'
/// together ([`ValueWords::and`]): no word or part spans the space
/// between two values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ValueWords {
    n: usize,
    /// A container word (`article`, `story`, `entry`, `post`), a body
    /// word (`body`, `content`, `text`), `articlebody`/`storybody`.
    container: bool,
    body: bool,
    whole: bool,
    kinds: Kinds,
    /// The part categories found, one bit each (`PART_` bits).
    parts: u8,
}

impl ValueWords {
    fn and(self, o: ValueWords) -> ValueWords {
        ValueWords {
            n: self.n + o.n,
            container: self.container || o.container,
            body: self.body || o.body,
            whole: self.whole || o.whole,
            kinds: Kinds(self.kinds.0 | o.kinds.0),
            parts: self.parts | o.parts,
        }
    }

    /// A container word and a body word, or one naming both.
    fn names_body(self) -> bool {
        self.container && self.body || self.whole
    }
}

/// The reading of one ASCII-lowercased value, given the part categories
/// found in it (`class_values` finds them and remembers the reading for the page; it
/// reads an ASCII value's words for both walks at once, tested against
/// this).
pub(crate) fn read_value_words(hay: &str, parts: u8) -> ValueWords {
    let mut words = ValueWords {
        parts,
        ..ValueWords::default()
    };
    // Split as bytes: a character that is not an ASCII letter or digit
    // splits words, and every byte of a non-ASCII character is such a
    // byte, so the words are those of a split at characters.
    for w in hay
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words.add_word(w);
    }
    words
}

impl ValueWords {
    /// One more word: a non-empty run of lowercased ASCII letters and
    /// digits.
    pub(crate) fn add_word(&mut self, w: &[u8]) {
        self.n += 1;
        self.container |= matches!(w, b"article" | b"story" | b"entry" | b"post");
        self.body |= matches!(w, b"body" | b"content" | b"text");
        self.whole |= matches!(w, b"articlebody" | b"storybody");
        if let Some(kind) = word_kind(w) {
            self.kinds.0 |= 1 << kind as u16;
        }
    }

    /// A reading with these parts and no words yet.
    pub(crate) fn with_parts(parts: u8) -> ValueWords {
        ValueWords {
            parts,
            ..ValueWords::default()
        }
    }
}

fn structural(kind: RemovedKind, why: &str, strength: Strength) -> Option<Flag> {
    Some(Flag {
        verdict: Verdict::new(kind, why),
        strength,
    })
}

/// The furniture flag of an element, from its class and id `reading`
/// ([`ReadingCache::read`]), tag or role, and whether it is named as the
/// story's body. Headlines and figures are handled by the caller.
pub(crate) fn element_reading(el: El<'_>, mut reading: Reading) -> Reading {
    if matches!(
        *el.value().local(),
        local_name!("body") | local_name!("html")
    ) {
        reading.flag = None;
    } else if reading.flag.is_none() {
        // A class saying what the element holds ("related-links",
        // "cookie-banner") beats the element's generic role.
        reading.flag = structural_flag(el);
    }
    reading
}

fn structural_flag(el: El<'_>) -> Option<Flag> {
    use RemovedKind::Boilerplate;
    match (el.value().local(), el.attr_atom(&local_name!("role"))) {
        (&local_name!("nav"), _) | (_, Some("navigation")) => {
            structural(Boilerplate, "navigation (<nav>)", Strength::Strong)
        }
        (&local_name!("header"), _) | (_, Some("banner")) => structural(
            Boilerplate,
            "page header (<header>; headline and byline are read from metadata)",
            Strength::Weak,
        ),
        (&local_name!("footer"), _) | (_, Some("contentinfo")) => {
            structural(Boilerplate, "page footer (<footer>)", Strength::Weak)
        }
        (&local_name!("aside"), _) | (_, Some("complementary")) => {
            structural(Boilerplate, "sidebar (<aside>)", Strength::Weak)
        }
        (&local_name!("form"), _) => structural(
            Boilerplate,
            "form (<form>: search or sign-up)",
            Strength::Weak,
        ),
        (&local_name!("dialog"), _) | (_, Some("dialog")) => {
            structural(Boilerplate, "dialog (<dialog>)", Strength::Weak)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Class or id values made of vocabulary words and parts, in any case.
    fn value_pieces() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            proptest::sample::select(vec![
                "Cookie", "related", "Most", "read", "-", "more", "article", "Body", "entry",
                "content", "nav", "ad", "share", "sidebar", "x", "_", " ", "é", "twitter", "tweet",
                "Sign", "up",
            ]),
            0..8,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        /// The one-pass reading says what collecting the words and asking
        /// the list (as `read_class_key` did) says.
        #[test]
        fn one_pass_words_are_the_collected_words(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "article", "story", "entry", "post", "body", "content", "text", "articlebody",
                "storybody", "ad", "share", "comments", "caption", "related", "nav", "cookie",
                "widget", "byline", "-", "_", " ", "é", "x",
            ]), 0..16),
        ) {
            let hay = pieces.concat();
            let words: Vec<&str> = hay
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let has = |w: &str| words.contains(&w);
            let names_body = (has("article") || has("story") || has("entry") || has("post"))
                && (has("body") || has("content") || has("text"))
                || has("articlebody")
                || has("storybody");
            let kinds: Vec<Word> = words.iter().filter_map(|w| word_kind(w.as_bytes())).collect();
            let got = read_value_words(&hay, 0);
            proptest::prop_assert_eq!(got.n, words.len());
            proptest::prop_assert_eq!(got.names_body(), names_body);
            for word in [
                Word::Consent, Word::Embed, Word::Comment, Word::Related, Word::Caption,
                Word::Byline, Word::Furniture, Word::AmbiguousFurniture, Word::Content,
            ] {
                proptest::prop_assert_eq!(got.kinds.contains(&word), kinds.contains(&word));
            }
        }

        /// A class and an id read one by one and joined say what the
        /// lowercased list `class id ` (what was read before) says.
        #[test]
        fn values_joined_are_the_list(
            class in value_pieces(),
            id in proptest::option::of(value_pieces()),
        ) {
            let mut hay = format!("{class} ");
            if let Some(id) = &id {
                hay.push_str(id);
                hay.push(' ');
            }
            hay.make_ascii_lowercase();
            let list = read_value_words(&hay, crate::class_values::vocabulary_hits(&hay) & 0xf);
            let joined = [Some(class.as_str()), id.as_deref()]
                .into_iter()
                .flatten()
                .map(|v| crate::class_values::facts(v).words)
                .fold(ValueWords::default(), ValueWords::and);
            proptest::prop_assert_eq!(joined.n, list.n);
            proptest::prop_assert_eq!(joined.names_body(), list.names_body());
            proptest::prop_assert_eq!(joined.kinds, list.kinds);
            proptest::prop_assert_eq!(joined.parts, list.parts);
        }

        /// The automaton (`class_values`, shared with the date walk) finds
        /// a category exactly where the regex set of its alternation (what
        /// it replaced) matches.
        #[test]
        fn part_hits_are_the_regex_sets(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "cookie", "consent", "gdpr", "twitter", "tweet", "instagram", "media",
                    "tiktok", "embed", "related", "recommend", "most", "read", "popular",
                    "outbrain", "taboola", "more", "stories", "news", "newsletter", "subscribe",
                    "sign", "up", "advert", "sponsor", "breadcrumb", "sidebar", "paywall",
                    "author", "bio", "about", "the", "-", "_", " ", "x", "é",
                ]),
                0..12,
            ),
        ) {
            let hay = pieces.concat();
            let set = regex::RegexSet::new([CONSENT_PARTS, EMBED_PARTS, RELATED_PARTS, FURNITURE_PARTS])
                .expect("patterns");
            let matches = set.matches(&hay);
            let hits = crate::class_values::vocabulary_hits(&hay);
            for part in 0..4 {
                proptest::prop_assert_eq!(matches.matched(part), hits & (1 << part) != 0, "{}", hay);
            }
        }
    }

    /// A byline box is removed as the article's metadata, not as site
    /// furniture; an id repeating the class is named once in the reason.
    #[test]
    fn bylines_are_metadata_and_reasons_name_each_value_once() {
        let read = |class, id| {
            let (reading, _) =
                read_class_key((class, id, false), &mut PageValues::for_nodes(0), |_| false);
            reading.flag.map(|f| (f.verdict.kind, f.verdict.reason))
        };
        assert_eq!(
            read(Some("article-byline"), None),
            Some((
                RemovedKind::Metadata,
                "byline (class or id \"article-byline\")".into()
            ))
        );
        assert_eq!(
            read(Some("comments"), Some("Comments")),
            Some((
                RemovedKind::Boilerplate,
                "reader comments (class or id \"comments\")".into()
            ))
        );
        assert_eq!(
            read(Some("comments"), Some("post-42")).map(|f| f.1),
            Some("reader comments (class or id \"comments post-42\")".into())
        );
    }

    /// A reading through the cache is the reading made without it, for
    /// many distinct keys each asked twice (a faster hasher was tried
    /// here in round 4c; this pins what any map must keep).
    #[test]
    fn cache_reads_what_a_fresh_reading_says() {
        let values: Vec<String> = (0..3000)
            .map(|i| {
                format!(
                    "x{i} {}",
                    ["nav", "related-posts", "entry-content", "ad"][i % 4]
                )
            })
            .collect();
        let mut cache = ReadingCache::for_nodes(values.len());
        let mut page = PageValues::for_nodes(values.len());
        for _ in 0..2 {
            for (i, value) in values.iter().enumerate() {
                let attrs = ClassAttrs {
                    class: Some(value),
                    id: (i % 3 == 0).then_some("main"),
                    itemprop: (i % 5 == 0).then_some("articleBody"),
                };
                let key = (attrs.class, attrs.id, attrs.itemprop == Some("articleBody"));
                let hides = |class: &str| class.contains("ad");
                let fresh = read_class_key(key, &mut PageValues::for_nodes(0), hides);
                let cached = cache.read(attrs, &mut page, hides);
                assert_eq!(format!("{cached:?}"), format!("{fresh:?}"), "{value}");
            }
        }
    }
}
