//! Rules that judge one paragraph on its own: furniture, consent banners,
//! captions, related links and embedded posts.

use crate::spaces::{count_words, WordCounts};
use crate::word_families::WordFamilies;
use crate::{regex, regex_without_prefilter};
use aho_corasick::AhoCorasick;
use concord_model::RemovedKind;
use regex::Regex;
use std::sync::LazyLock;

mod credit;
mod furniture;
use furniture::furniture;

/// Why a paragraph is not body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub kind: RemovedKind,
    pub reason: String,
}

impl Verdict {
    pub(crate) fn new(kind: RemovedKind, reason: impl Into<String>) -> Self {
        Verdict {
            kind,
            reason: reason.into(),
        }
    }
}

/// Characters that may close a sentence after its final punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '*')
}

/// True when `s` ends like a sentence (`.`, `!`, `?`, `…`, `:` or `;`,
/// possibly followed by closing quotes or brackets). A closing quote right
/// after a word ("… 'other ways'") does not count.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(is_closer)
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether `s` has at most `n` words, counted no further than that: the
/// rules ask of paragraphs of any length whether they are short.
pub(crate) fn at_most_words(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}

/// One more than the largest word limit a rule asks about (consent's 150):
/// a paragraph's words are counted no further.
const WORDS_CAP: usize = 151;

/// A paragraph's word counts, read once for all the rules that ask whether
/// it is short, instead of once per rule (most paragraphs are long).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words(WordCounts);

impl Words {
    pub(crate) fn of(text: &str) -> Self {
        Words(count_words(text, WORDS_CAP, furniture::LETTERED_CAP))
    }

    /// `at_most_words(text, n)`, for `n` below the cap.
    pub(crate) fn at_most(self, n: usize) -> bool {
        debug_assert!(n < WORDS_CAP);
        self.0.words <= n
    }

    /// The word count, exact below the cap.
    pub(crate) fn count(self) -> usize {
        self.0.words
    }
}

/// Shaped like a headline: up to `max_words` words, starts with a capital or
/// digit (or a script without case), no terminal punctuation, and does not
/// trail off with a comma or dash. A question mark is allowed: headlines ask.
pub(crate) fn headline_like(s: &str, max_words: usize) -> bool {
    let s = s.trim();
    let n_words = word_count(s);
    let starts_well = s
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase());
    let open_end = s
        .trim_end_matches(is_closer)
        .ends_with([',', '-', '–', '—', '/', '&']);
    (1..=max_words).contains(&n_words)
        && starts_well
        && !open_end
        && (!ends_sentence(s) || s.trim_end_matches(is_closer).ends_with('?'))
}

/// Lowercase, straight quotes, no decoration around it, single spaces:
/// "— Advertisement —" and "Read more »" compare as "advertisement" and
/// "read more".
pub(crate) fn normalize_phrase(s: &str) -> String {
    if s.is_ascii() {
        // On ASCII text lowercasing, the quote swap and the trim are their
        // ASCII forms (and lowercasing keeps letters and spaces what they
        // are), so one `squash` and an in-place lowercasing do it all.
        let mut out = crate::spaces::squash(s.trim_matches(|c: char| !c.is_ascii_alphanumeric()));
        out.make_ascii_lowercase();
        return out;
    }
    let mut lower = s.to_lowercase();
    // One `memchr` each instead of a copy: few texts have curly quotes.
    if lower.contains('’') || lower.contains('‘') {
        lower = lower.replace(['’', '‘'], "'");
    }
    crate::spaces::squash(lower.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// [`normalize_phrase`] as first written, for any text: what the shortcuts
/// are checked against.
#[cfg(test)]
fn normalize_phrase_chars(s: &str) -> String {
    let s = s.to_lowercase().replace(['’', '‘'], "'");
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static CONSENT_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(cookie|consent|\bgdpr\b|privacy (settings|preferences|policy|choices)|tracking technolog|personali[sz]ed (ads|advertising|content))",
    )
});
/// The banner talks to the reader about the site ("your device", "we use").
static CONSENT_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(\byour?\b|we use\b|we and our\b|\bour (partners|site|website|use of)\b|manage preferences|accept all|reject all)",
    )
});

/// Words every `CONSENT_TOPIC` match holds, in any ASCII case. Under its
/// `(?i)` the Kelvin sign is a `k` and the long `ſ` an `s` (no other
/// character folds to an ASCII letter): they are cues too.
const CONSENT_CUES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "privacy",
    "tracking technolog",
    "personali",
    "\u{17f}",
];

fn consent(text: &str, words: Words, cues: Cues) -> Option<Verdict> {
    (words.at_most(150)
        && cues.has(Cues::CONSENT)
        && CONSENT_TOPIC.is_match(text)
        && CONSENT_ADDRESS.is_match(text))
    .then(|| {
        Verdict::new(
            RemovedKind::Consent,
            "cookie or consent banner: asks the reader about the site's cookies or content, not news",
        )
    })
}

const MONTHS: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";

/// The signature pattern, with `text` and `handle` the repetitions of the
/// name-and-text part and of the handle.
fn embed_signature(text: &str, handle: &str) -> Regex {
    regex(&format!(
        r"(?i)^[—–―\-]{{1,2}}\s*\S.{text}\(@\w{handle}\)\s*(?:(?:on )?(?:x|twitter|instagram|threads|bluesky)\s*)?(?:{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS}\s+\d{{4}})?\s*$"
    ))
}
/// The signature with the text and handle unbounded: compiling 150 copies
/// of "any character" and 30 of a Unicode word character cost more than
/// all other rules' patterns together, and most runs never need them.
static EMBED_SIGNATURE_LOOSE: LazyLock<Regex> = LazyLock::new(|| embed_signature("*", "+"));
/// The real signature (`.{0,150}`, `\w{1,30}`), tried only on lines the
/// loose one matches: every line it matches, the loose one matches too.
static EMBED_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| embed_signature("{0,150}", "{1,30}"));
static EMBED_LINKS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(pic\.twitter\.com/\w+|(?:https?://)?t\.co/\w+\s*$|instagram\.com/(?:p|reel|tv)/|facebook\.com/\S+/(?:posts|videos)/|tiktok\.com/@|youtube\.com/embed/)",
    )
});
const EMBED_MARKERS: &[&str] = &[
    "view this post on instagram",
    "a post shared by",
    "view on instagram",
    "view on facebook",
    "view on threads",
    "view on tiktok",
    "watch on youtube",
    "this content is hosted by",
    "embedded content",
    "this embed is",
];

/// The `— Name (@handle) January 12, 2025` line that closes an embedded post.
pub(crate) fn is_embed_signature(text: &str, words: Words) -> bool {
    let text = text.trim();
    // Both patterns are anchored at a dash and hold `(@` (none of these
    // has another case): a line without them is not asked, and the
    // patterns are not built (5 M instructions) on pages without posts.
    words.at_most(30)
        && text.starts_with(['—', '–', '―', '-'])
        && memchr::memmem::find(text.as_bytes(), b"(@").is_some()
        && EMBED_SIGNATURE_LOOSE.is_match(text)
        && EMBED_SIGNATURE.is_match(text)
}

fn embed(text: &str, words: Words, cues: Cues) -> Option<Verdict> {
    if is_embed_signature(text, words) {
        return Some(Verdict::new(
            RemovedKind::Embed,
            "signature line of an embedded social-media post",
        ));
    }
    let link = if may_hold_embed_link(text) {
        EMBED_LINKS.find(text)
    } else {
        None
    };
    if let Some(m) = link {
        return Some(Verdict::new(
            RemovedKind::Embed,
            format!("embedded social-media post (link {})", m.as_str().trim()),
        ));
    }
    embed_marker(text, cues).map(|m| {
        Verdict::new(
            RemovedKind::Embed,
            format!("embedded social-media post (\"{m}\")"),
        )
    })
}

/// Whether `text` holds a site address one of `EMBED_LINKS` needs
/// (`pic.twitter.com/`, `t.co/`, …). Most paragraphs have no `/`, and
/// few of the rest one of these addresses, so the pattern (7 M
/// instructions to build, for its Unicode `\w`) is seldom searched or
/// built. Under its `(?i)` the Kelvin sign is a `k` and the long `ſ` an
/// `s`: a text with either goes to the pattern too.
fn may_hold_embed_link(text: &str) -> bool {
    static SITES: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "pic.twitter.com/",
                "t.co/",
                "instagram.com/",
                "facebook.com/",
                "tiktok.com/@",
                "youtube.com/embed/",
                "\u{212a}",
                "\u{17f}",
            ])
            .unwrap_or_else(|err| panic!("bad built-in embed sites: {err}"))
    });
    memchr::memchr(b'/', text.as_bytes()).is_some() && SITES.is_match(text)
}

/// The first of `EMBED_MARKERS` in the lowercased `text`. Lowercasing
/// turns no character but `İ` (into `i` and a combining dot) and `K`
/// (Kelvin, into `k`) into ASCII, so without them a marker (ASCII) is in
/// the lowercased text only where an ASCII case-insensitive search finds
/// it in the text itself (`cues`), and most texts are never lowercased.
fn embed_marker(text: &str, cues: Cues) -> Option<&'static str> {
    if !cues.has(Cues::MARKER) {
        return None;
    }
    let lower = text.to_lowercase();
    EMBED_MARKERS.iter().find(|m| lower.contains(*m)).copied()
}

static RELATED_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:(?:read more|read also|also read|read next|related(?: article| story| coverage| content)?|see also|more on this(?: story)?|further reading|recommended|watch|listen|more)\s*[:|»›>–—\-]\s*\S|(?:read more|read also|also read|read next|see also)\b)",
    )
});

fn related_link(text: &str, words: Words) -> Option<Verdict> {
    (words.at_most(40) && RELATED_PREFIX.is_match(text.trim())).then(|| {
        Verdict::new(
            RemovedKind::RelatedLink,
            "link to another article (\"read more\"-style prefix)",
        )
    })
}

static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^[(\[]?(?:footage|photo|photos|photograph|picture|pictures|image|images|video|file photo|file picture|file image|pictured|gallery|illustration|graphic|screenshot|screengrab|still from|in pictures|in photos)\b",
    )
});
/// Words or marks one of which every caption-credit alternative needs
/// (in any ASCII case), besides a `/`.
const CREDIT_CUES: &[&str] = &[
    "photo",
    "picture",
    "image",
    "video",
    "footage",
    "illustration",
    "graphic",
    "credit",
    "via",
    "courtesy",
    "getty",
];

/// Whether `text` has a word or mark every caption-credit alternative
/// needs. The regex has Unicode word boundaries, which send text with
/// curly quotes to a slow engine; most paragraphs fail this look first.
fn may_hold_credit(text: &str, cues: Cues) -> bool {
    text.as_bytes().contains(&b'/') || cues.has(Cues::CREDIT)
}

/// Which families of cue words (`EMBED_MARKERS`, `CREDIT_CUES`,
/// `CONSENT_CUES`, in any ASCII case) a paragraph holds, found in one
/// scan: the rules scanned every paragraph for each family in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cues(u8);

impl Cues {
    const MARKER: u8 = 1;
    const CREDIT: u8 = 2;
    const CONSENT: u8 = 4;
    const ALL: u8 = Self::MARKER | Self::CREDIT | Self::CONSENT;

    pub(crate) fn of(text: &str) -> Self {
        static MATCHER: LazyLock<WordFamilies> = LazyLock::new(|| {
            // `İ` and the Kelvin sign lowercase to ASCII (see
            // `embed_marker`); the Kelvin sign is a `k` to `(?i)` too.
            let families = [
                (EMBED_MARKERS, Cues::MARKER),
                (&["\u{130}"][..], Cues::MARKER),
                (&["\u{212a}"][..], Cues::MARKER | Cues::CONSENT),
                (CREDIT_CUES, Cues::CREDIT),
                (CONSENT_CUES, Cues::CONSENT),
            ];
            let words = families
                .iter()
                .flat_map(|&(words, family)| words.iter().map(move |w| (w.as_bytes(), family)));
            WordFamilies::new(words, true)
        });
        // Overlapping: a word inside or across another still counts.
        let found = MATCHER.find_until(text.as_bytes(), Self::ALL);
        Cues(found)
    }

    fn has(self, family: u8) -> bool {
        self.0 & family != 0
    }
}

fn caption(text: &str, words: Words, cues: Cues) -> Option<Verdict> {
    if words.at_most(60) && may_hold_credit(text, cues) {
        if let Some(at) = credit::find(text) {
            return Some(Verdict::new(
                RemovedKind::Caption,
                format!("image caption (photo credit \"{}\")", text[at].trim()),
            ));
        }
    }
    if words.at_most(40) && !ends_sentence(text) && CAPTION_START.is_match(text.trim()) {
        return Some(Verdict::new(
            RemovedKind::Caption,
            "image or video caption (starts with a caption cue, no closing punctuation)",
        ));
    }
    None
}

/// The verdict on one paragraph judged alone, or `None` if it may be news.
/// Embeds come first: a post quoting "read more" is still a post.
pub(crate) fn classify(text: &str) -> Option<Verdict> {
    classify_counted(text, Words::of(text))
}

/// [`classify`] with the paragraph's words already counted.
pub(crate) fn classify_counted(text: &str, words: Words) -> Option<Verdict> {
    let cues = Cues::of(text);
    embed(text, words, cues)
        .or_else(|| furniture(text, words))
        .or_else(|| consent(text, words, cues))
        .or_else(|| related_link(text, words))
        .or_else(|| caption(text, words, cues))
}

/// Whether a line at the top of a text is navigation to skip before the
/// headline (not a caption or link, which could be the headline itself).
pub(crate) fn is_leading_furniture(text: &str) -> Option<Verdict> {
    let words = Words::of(text);
    furniture(text, words)
        .or_else(|| consent(text, words, Cues::of(text)))
        .filter(|v| matches!(v.kind, RemovedKind::Boilerplate | RemovedKind::Consent))
}

// Without prefilters (`regex_without_prefilter`): it is asked of a few
// bare lines a page, and its case-insensitive words' literals were half
// its compile cost.
const CAPTION_VERB_PATTERN: &str = r"(?i)\b(?:pictured|seen|looks on|arrives?|attends?|pose[sd]?|speaks?|gestures?|stands?|sits?|walks?|holds?|waves?|during|in this (?:photo|picture|image|handout)|file photo|handout|\((?:left|right|centre|center|l|r|c)\))\b|\((?:left|right|centre|center)\)";
static CAPTION_VERBS: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| regex_without_prefilter(CAPTION_VERB_PATTERN));

/// For a bare unpunctuated line between prose paragraphs: caption or link?
pub(crate) fn bare_line_verdict(text: &str) -> Verdict {
    if CAPTION_VERBS.is_match(text) {
        Verdict::new(
            RemovedKind::Caption,
            "unpunctuated line between prose paragraphs that describes a scene: probably a photo caption (could be a related-article link)",
        )
    } else {
        Verdict::new(
            RemovedKind::RelatedLink,
            "headline-like line between prose paragraphs: probably a related-article link (could be a caption or subheading)",
        )
    }
}

#[cfg(test)]
mod tests;
