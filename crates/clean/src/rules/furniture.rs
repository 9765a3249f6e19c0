//! Site furniture recognised by its wording: navigation, advertising
//! slots, sharing prompts, "most read" lists, consent buttons.

use super::{normalize_phrase, word_count, Verdict, Words};
use crate::regex_without_dfa;
use concord_model::RemovedKind;
use std::sync::{LazyLock, OnceLock};

/// Whole-line furniture by category: the phrase list, kind, and reason.
const FURNITURE: &[(&[&str], RemovedKind, &str)] = &[
    (
        &[
            "skip to main content",
            "skip to content",
            "skip to navigation",
            "skip navigation",
            "jump to content",
            "jump to main content",
            "main menu",
            "menu",
            "open menu",
            "close menu",
            "close",
            "search",
            "home",
            "homepage",
            "sections",
            "navigation",
            "toggle navigation",
            "back to top",
            "top",
            "scroll to top",
            "more",
            "show more",
            "load more",
            "see more",
            "view more",
            "previous",
            "next",
            "previous article",
            "next article",
            "log in",
            "login",
            "sign in",
            "sign up",
            "register",
            "my account",
            "subscribe",
            "subscribe now",
            "become a member",
            "donate",
            "support us",
            "contact us",
            "about us",
            "terms of use",
            "terms and conditions",
            "sitemap",
            "select edition",
            "loading",
            "please wait",
        ],
        RemovedKind::Boilerplate,
        "site navigation",
    ),
    (
        &[
            "advertisement",
            "advertisements",
            "advert",
            "ad",
            "ads",
            "sponsored",
            "sponsored content",
            "paid content",
            "paid post",
            "promoted",
            "partner content",
            "story continues below advertisement",
            "article continues below advertisement",
            "continue reading below",
            "scroll to continue",
            "advertisement - scroll to continue",
            "remove ads",
            "ad feedback",
            "report this ad",
            "content continues below",
            "continue reading",
            "continue reading the main story",
        ],
        RemovedKind::Boilerplate,
        "advertising slot",
    ),
    (
        &[
            "most read",
            "most popular",
            "most viewed",
            "most commented",
            "most shared",
            "most recent",
            "most emailed",
            "trending",
            "trending now",
            "trending stories",
            "top stories",
            "top news",
            "latest",
            "latest news",
            "latest stories",
            "latest videos",
            "popular",
            "popular now",
            "editor's picks",
            "editors' picks",
            "featured",
            "in other news",
            "don't miss",
            "elsewhere",
            "explore more",
            "topics",
            "tags",
            "more like this",
            "more news",
            "more stories",
        ],
        RemovedKind::Boilerplate,
        "list of other stories (site furniture)",
    ),
    (
        &[
            "related",
            "related articles",
            "related stories",
            "related content",
            "related topics",
            "related coverage",
            "read more",
            "read next",
            "up next",
            "what to read next",
            "more on this story",
            "see also",
            "recommended",
            "recommended for you",
            "recommended stories",
            "you may also like",
            "you might also like",
            "you may be interested in",
            "more from",
        ],
        RemovedKind::RelatedLink,
        "heading of a related-articles link",
    ),
    (
        &[
            "share",
            "share this",
            "share this article",
            "share this story",
            "share article",
            "share story",
            "share on facebook",
            "share on twitter",
            "share on x",
            "share on whatsapp",
            "share on linkedin",
            "share via email",
            "tweet",
            "email",
            "print",
            "copy link",
            "copy",
            "link copied",
            "copied",
            "save",
            "save article",
            "bookmark",
            "comment",
            "comments",
            "view comments",
            "show comments",
            "hide comments",
            "leave a comment",
            "join the conversation",
            "listen",
            "listen to this article",
            "listen to article",
            "play",
            "pause",
            "watch",
            "watch live",
            "watch now",
            "live",
            "live updates",
            "follow",
            "follow us",
            "facebook",
            "twitter",
            "x",
            "instagram",
            "linkedin",
            "whatsapp",
            "youtube",
            "telegram",
            "reddit",
            "pinterest",
            "font size",
            "text size",
            "gift this article",
            "give this article",
            "reprints",
            "reprints & permissions",
            "permalink",
            "download the app",
            "get the app",
            "newsletter",
            "newsletters",
            "sign up for our newsletter",
            "subscribe to our newsletter",
            "feedback",
            "send feedback",
            "report an error",
            "report a correction",
            "fullscreen",
            "enlarge",
            "enlarge this image",
            "expand image",
            "view gallery",
            "open gallery",
            "play video",
            "video player",
        ],
        RemovedKind::Boilerplate,
        "sharing or engagement prompt",
    ),
    (
        &[
            "image",
            "photo",
            "video",
            "gallery",
            "caption",
            "image caption",
            "media caption",
            "hide caption",
            "toggle caption",
            "show caption",
            "image source",
            "getty images",
        ],
        RemovedKind::Caption,
        "caption furniture",
    ),
    (
        &[
            "accept",
            "accept all",
            "accept all cookies",
            "accept cookies",
            "reject all",
            "reject cookies",
            "manage cookies",
            "cookie settings",
            "cookie policy",
            "privacy settings",
            "manage preferences",
            "manage consent",
            "i agree",
            "agree",
            "allow all",
            "allow cookies",
            "decline",
            "privacy policy",
        ],
        RemovedKind::Consent,
        "cookie or consent button",
    ),
];

/// A short-line pattern (on [`normalize_phrase`] text) with its word limit.
struct Pattern {
    source: &'static str,
    /// Built the first time a phrase gets past `first` and the word limit:
    /// some patterns never see one in a run.
    /// Without the full DFA (`regex_without_dfa`): a few dozen short
    /// phrases per page are searched.
    re: OnceLock<regex_automata::meta::Regex>,
    max_words: usize,
    kind: RemovedKind,
    reason: &'static str,
    /// For a pattern anchored at the start, the bytes a phrase it matches
    /// may start with: a phrase starting otherwise is not searched (most
    /// fail there, and a search costs hundreds of instructions).
    first: Option<Box<[bool; 256]>>,
}

impl Pattern {
    fn matches(&self, phrase: &str) -> bool {
        let may_start = match (&self.first, phrase.as_bytes().first()) {
            (Some(first), Some(&b)) => first[usize::from(b)],
            _ => true,
        };
        may_start && self.regex().is_match(phrase)
    }

    fn regex(&self) -> &regex_automata::meta::Regex {
        self.re.get_or_init(|| regex_without_dfa(self.source))
    }
}

/// The first bytes of the prefixes every match of `pattern` starts with,
/// when every match starts at the start of the text; `None` when that is
/// not so or the prefixes are not a finite set of non-empty literals.
fn first_bytes(pattern: &str) -> Option<Box<[bool; 256]>> {
    use regex_syntax::hir::{literal::Extractor, Look};
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let prefixes = Extractor::new().extract(&hir);
    let mut first = Box::new([false; 256]);
    for literal in prefixes.literals()? {
        first[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(first)
}

/// Short-line patterns (on [`normalize_phrase`] text), with a word limit.
static FURNITURE_PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    use RemovedKind::{Boilerplate, Metadata};
    let table: &[(&str, usize, RemovedKind, &str)] = &[
        (
            // Also as the last sentences of a short promo ("Start
            // your day with … Sign up for the free daily newsletter.").
            r"(^|[.!?] )(sign up|subscribe|register)\b.*\b(newsletters?|briefing|bulletin|updates|alerts|emails?|inbox)\b",
            40,
            Boilerplate,
            "newsletter sign-up prompt",
        ),
        (
            r"^(get|receive|want)\b.*\b(newsletters?|alerts|headlines|briefing)\b",
            30,
            Boilerplate,
            "newsletter sign-up prompt",
        ),
        (
            r"^follow\b.{0,60}\bon (twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|telegram|whatsapp|google news|flipboard)\b",
            20,
            Boilerplate,
            "social-media follow prompt",
        ),
        (
            r"^(share|email|print|save|bookmark)\b.{0,30}\b(article|story|page|post|link)\b",
            8,
            Boilerplate,
            "sharing prompt",
        ),
        (r"^share (on|via|to)\b", 6, Boilerplate, "sharing prompt"),
        (r"^(click|tap) here\b", 25, Boilerplate, "call to action"),
        (
            r"^(download|get|install) (our|the)\b.{0,40}\bapp\b",
            20,
            Boilerplate,
            "app promotion",
        ),
        (
            r"^(copyright|©|\(c\) )|all rights reserved",
            30,
            Boilerplate,
            "copyright notice",
        ),
        (
            r"^\d+ ?(min|mins|minute|minutes) (read|listen|watch)$",
            4,
            Boilerplate,
            "reading-time label",
        ),
        (
            r"^(listen|watch)( to)? (this|the) (article|story|episode|podcast)\b",
            10,
            Boilerplate,
            "audio or video player label",
        ),
        (
            r"^(story|article|content) continues\b",
            10,
            Boilerplate,
            "advertising slot",
        ),
        (
            r"^this (article|story|content) is more than \S+ (years?|months?) old$",
            12,
            Boilerplate,
            "archive notice",
        ),
        (
            r"^(please )?(enable|turn on) javascript\b",
            30,
            Boilerplate,
            "browser notice",
        ),
        (
            r"^this (slideshow|gallery|video|player|content|page|feature) requires javascript\b",
            12,
            Boilerplate,
            "browser notice",
        ),
        (
            r"\b(may|can) be (reached|contacted) (at|by|via|on)\b.*(@|\bemail\b|\btwitter\b)",
            40,
            Boilerplate,
            "how to reach the author",
        ),
        (
            r"^(you have|you've) (reached|read|used|\d+|one|two|three)\b.*\b(articles?|stories)\b",
            30,
            Boilerplate,
            "paywall notice",
        ),
        (
            r"^(already a (subscriber|member)|already have an account)",
            20,
            Boilerplate,
            "paywall notice",
        ),
        (r"^(log|sign) in\b", 10, Boilerplate, "account prompt"),
        (
            r"^(\d+ comments?|comments? \(\d+\)?)$",
            3,
            Boilerplate,
            "comment counter",
        ),
        (
            r"^(advertisement|sponsored|promoted)\b",
            6,
            Boilerplate,
            "advertising slot",
        ),
        (
            r"^(our|editorial) standards\b",
            15,
            Boilerplate,
            "publisher's standards note",
        ),
        (
            r"^(contact|email) (the )?(author|reporter|newsroom|us)\b",
            15,
            Boilerplate,
            "contact prompt",
        ),
        (
            r"^(updated|last updated|first published|published|posted)\b.{0,40}\bago$",
            10,
            Metadata,
            "relative timestamp",
        ),
    ];
    table
        .iter()
        .map(|&(p, max_words, kind, reason)| Pattern {
            source: p,
            re: OnceLock::new(),
            max_words,
            kind,
            reason,
            first: first_bytes(p),
        })
        .collect()
});

/// Beyond this many words no phrase or pattern above applies: the longest
/// phrase and the largest pattern word limit (a test checks it).
const WORDS_MAX: usize = 40;
/// How far [`Words`] counts the words that hold a letter or digit.
pub(super) const LETTERED_CAP: usize = WORDS_MAX + 1;

pub(super) fn furniture(text: &str, words: Words) -> Option<Verdict> {
    // Paragraphs are mostly longer than any furniture: the normalized
    // phrase keeps every word that holds a letter or digit (lowercasing
    // keeps them letters and digits, the trim stops at the first and last
    // of them), so a text with more such words than `WORDS_MAX` is neither
    // a listed phrase nor within a pattern's limit, and is not lowercased.
    if words.0.lettered > WORDS_MAX {
        return None;
    }
    furniture_of_phrase(text)
}

/// [`furniture`] without the long-text shortcut.
fn furniture_of_phrase(text: &str) -> Option<Verdict> {
    let phrase = normalize_phrase(text);
    if phrase.is_empty() {
        return Some(Verdict::new(
            RemovedKind::Boilerplate,
            "no letters or digits (a separator or icon)",
        ));
    }
    for (phrases, kind, reason) in FURNITURE {
        if phrases.contains(&phrase.as_str()) {
            return Some(Verdict::new(*kind, format!("{reason}: \"{phrase}\"")));
        }
    }
    let n_words = word_count(&phrase);
    FURNITURE_PATTERNS
        .iter()
        .find(|p| n_words <= p.max_words && p.matches(&phrase))
        .map(|p| Verdict::new(p.kind, p.reason))
}

#[cfg(test)]
#[path = "furniture_tests.rs"]
mod long_text_tests;
