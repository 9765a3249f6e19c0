//! HTML pages: metadata from the head, paragraphs from the main content
//! element, page furniture cut by element and by class or id.

use crate::html_flat;
use crate::html_meta::{self, element_text, squash};
use crate::rules::Verdict;
use crate::{removed_block, Block, Draft, Origin};
use concord_model::{RawDoc, RemovedKind};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

/// Removed page furniture is listed, but a whole footer need not be.
const REMOVED_TEXT_MAX_CHARS: usize = 400;

/// Elements that end a run of text (a paragraph boundary when rendered).
const BREAKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "dd",
    "dt",
    "dl",
    "pre",
    "hr",
    "figure",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "address",
    "details",
    "summary",
    "figcaption",
    "caption",
    "center",
    "hgroup",
];

/// Elements with no readable text of their own.
const SILENT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option",
    "input", "textarea", "canvas", "video", "audio", "picture", "img", "head", "title", "meta",
    "link", "object", "embed", "map", "math",
];

fn content_origin(name: &str) -> Option<Origin> {
    match name {
        "p" | "pre" => Some(Origin::Line),
        "h2" | "h3" | "h4" | "h5" | "h6" => Some(Origin::Heading),
        "li" => Some(Origin::ListItem),
        "blockquote" => Some(Origin::Quote),
        _ => None,
    }
}

pub(crate) fn draft_html(doc: &RawDoc) -> Draft {
    if html_flat::too_deep(&doc.text) {
        return flat_draft(&doc.text);
    }
    let page = Html::parse_document(&doc.text);
    let scope = pick_scope(&page);
    let meta = html_meta::read(&page, scope);
    let mut draft = Draft {
        title: meta.title,
        published: meta.published,
        outlet: meta.outlet,
        author: meta.author,
        url: meta.url,
        language: meta.language,
        ..Draft::default()
    };
    Walker::new(&mut draft, page_body(&page), scope).run();
    draft
}

/// Pathologically nested markup, read as text: one block per line.
fn flat_draft(html: &str) -> Draft {
    let mut draft = Draft::default();
    let flat = html_flat::flatten(html);
    draft.blocks = flat
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .map(|text| Block {
            text,
            origin: Origin::Line,
        })
        .collect();
    draft
}

fn page_body(page: &Html) -> ElementRef<'_> {
    let root = page.root_element();
    root.descendent_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or(root)
}

/// Total length of paragraph text under `el`: how much article it holds.
fn paragraph_chars(el: ElementRef<'_>) -> usize {
    el.descendent_elements()
        .filter(|e| e.value().name() == "p")
        .map(|e| e.text().map(str::len).sum::<usize>())
        .sum()
}

/// The element holding the story: the `<article>` with the most paragraph
/// text, else `<main>`, else `<body>`, each only if it holds at least half
/// the page's paragraph text (a page of teaser cards has many small
/// `<article>`s around a story that is in none of them).
fn pick_scope(page: &Html) -> ElementRef<'_> {
    let body = page_body(page);
    let total = paragraph_chars(body);
    let holds_most = |e: &ElementRef<'_>| paragraph_chars(*e) * 2 >= total && total > 0;
    let best_article = body
        .descendent_elements()
        .filter(|e| e.value().name() == "article")
        .max_by_key(|e| paragraph_chars(*e))
        .filter(holds_most);
    let main = || {
        body.descendent_elements()
            .find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main"))
            .filter(holds_most)
    };
    best_article.or_else(main).unwrap_or(body)
}

/// Class and id words, split on punctuation: `most-read__list` → most, read, list.
fn class_words(el: ElementRef<'_>) -> (String, Vec<String>) {
    let v = el.value();
    let hay = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_lowercase();
    let words = hay
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    (hay, words)
}

// Class and id vocabulary of page furniture. "Parts" match anywhere in the
// class/id text (`cookie-banner`, `mostReadList`); "words" only as whole
// words, because they are short enough to hide inside others ("ad" in
// "header", "share" in "shareholders").
const CONSENT_PARTS: &[&str] = &["cookie", "consent", "gdpr"];
const CONSENT_WORDS: &[&str] = &["cmp"];
const EMBED_PARTS: &[&str] = &["twitter-tweet", "instagram-media"];
const EMBED_WORDS: &[&str] = &["tweet", "instagram", "tiktok", "embed", "oembed"];
const RELATED_PARTS: &[&str] = &[
    "related",
    "recommend",
    "mostread",
    "most-read",
    "most_read",
    "mostpopular",
    "most-popular",
    "outbrain",
    "taboola",
    "read-more",
    "readmore",
    "more-stories",
    "morestories",
];
const RELATED_WORDS: &[&str] = &["popular", "trending"];
const CAPTION_WORDS: &[&str] = &["caption", "credit", "credits"];
const FURNITURE_PARTS: &[&str] = &[
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "advert",
    "sponsor",
];
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "promo",
    "ad",
    "ads",
    "breadcrumb",
    "breadcrumbs",
    "comments",
    "toolbar",
];

/// What an element's class or id says it is, if it is furniture.
fn class_verdict(el: ElementRef<'_>) -> Option<Verdict> {
    let (hay, words) = class_words(el);
    let has = |parts: &[&str], whole: &[&str]| {
        parts.iter().any(|p| hay.contains(p)) || words.iter().any(|w| whole.contains(&w.as_str()))
    };
    let verdict = |kind, what: &str| {
        Some(Verdict::new(
            kind,
            format!("{what} (class or id \"{}\")", hay.trim()),
        ))
    };
    if has(CONSENT_PARTS, CONSENT_WORDS) {
        verdict(RemovedKind::Consent, "cookie or consent banner")
    } else if has(EMBED_PARTS, EMBED_WORDS) {
        verdict(RemovedKind::Embed, "embedded post")
    } else if has(RELATED_PARTS, RELATED_WORDS) {
        verdict(RemovedKind::RelatedLink, "links to other articles")
    } else if has(&[], CAPTION_WORDS) {
        verdict(RemovedKind::Caption, "caption or photo credit")
    } else if has(FURNITURE_PARTS, FURNITURE_WORDS) {
        verdict(RemovedKind::Boilerplate, "site furniture")
    } else {
        None
    }
}

/// Walks the page body once (iteratively: deep pages cannot overflow the
/// stack), turning paragraph elements inside the content element into
/// blocks and recording everything else it passes.
struct Walker<'d, 'h> {
    draft: &'d mut Draft,
    body: ElementRef<'h>,
    scope: ElementRef<'h>,
    scope_is_article: bool,
    /// Inside the content element (always, when it is the body).
    in_scope: bool,
    /// Elements enclosing the content element: never skipped, whatever
    /// their class says ("page share-enabled" must not hide the story).
    scope_ancestors: HashSet<NodeId>,
    /// The skipped element whose subtree is being passed over.
    skipping: Option<NodeId>,
    /// Open paragraph-like elements, innermost last.
    open: Vec<(NodeId, Origin)>,
    text: String,
    origin: Origin,
    /// Text outside any paragraph element, per run, with its position.
    stray: Vec<(usize, String)>,
    stray_text: String,
}

impl<'d, 'h> Walker<'d, 'h> {
    fn new(draft: &'d mut Draft, body: ElementRef<'h>, scope: ElementRef<'h>) -> Self {
        Walker {
            draft,
            body,
            scope,
            scope_is_article: scope.value().name() == "article",
            in_scope: body.id() == scope.id(),
            scope_ancestors: scope.ancestors().map(|n| n.id()).collect(),
            skipping: None,
            open: Vec::new(),
            text: String::new(),
            origin: Origin::Line,
            stray: Vec::new(),
            stray_text: String::new(),
        }
    }

    fn run(mut self) {
        for edge in self.body.traverse() {
            match edge {
                Edge::Open(node) => {
                    if self.skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.push_text(t),
                        Node::Element(_) => {
                            if let Some(el) = ElementRef::wrap(node) {
                                self.open_element(el);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if self.skipping == Some(node.id()) {
                        self.skipping = None;
                        continue;
                    }
                    if self.skipping.is_some() {
                        continue;
                    }
                    if let Some(el) = ElementRef::wrap(node) {
                        if BREAKS.contains(&el.value().name()) {
                            self.flush();
                        }
                        if node.id() == self.scope.id() && self.scope.id() != self.body.id() {
                            self.in_scope = false;
                        }
                        if self.open.last().is_some_and(|(id, _)| *id == node.id()) {
                            self.open.pop();
                        }
                    }
                }
            }
        }
        self.flush();
        self.finish_stray();
    }

    fn push_text(&mut self, t: &str) {
        match self.open.last() {
            Some(&(_, origin)) => {
                self.origin = origin;
                self.text.push_str(t);
            }
            None => self.stray_text.push_str(t),
        }
    }

    fn open_element(&mut self, el: ElementRef<'h>) {
        let name = el.value().name();
        if BREAKS.contains(&name) {
            self.flush();
        }
        if el.id() == self.scope.id() {
            self.in_scope = true;
        } else if el.id() != self.body.id() && !self.scope_ancestors.contains(&el.id()) {
            if let Some(verdict) = self.skip_verdict(el) {
                self.skipping = Some(el.id());
                if let Some(verdict) = verdict {
                    self.record(&element_text(el), verdict);
                }
                return;
            }
        }
        if let Some(origin) = content_origin(name) {
            self.open.push((el.id(), origin));
        }
    }

    /// `Some(None)`: skip silently; `Some(Some(v))`: skip and record.
    fn skip_verdict(&mut self, el: ElementRef<'h>) -> Option<Option<Verdict>> {
        let v = el.value();
        let name = v.name();
        if SILENT.contains(&name)
            || v.attr("hidden").is_some()
            || v.attr("aria-hidden") == Some("true")
        {
            return Some(None);
        }
        let boilerplate = |why: &str| Some(Some(Verdict::new(RemovedKind::Boilerplate, why)));
        if !matches!(name, "figure" | "h1") {
            // A class saying what the element holds ("related-links",
            // "cookie-banner") beats the element's generic role.
            if let Some(verdict) = class_verdict(el) {
                return Some(Some(verdict));
            }
        }
        match (name, v.attr("role")) {
            ("nav", _) | (_, Some("navigation")) => return boilerplate("navigation (<nav>)"),
            ("header", _) | (_, Some("banner")) => {
                return boilerplate(
                    "page header (<header>; headline and byline are read from metadata)",
                )
            }
            ("footer", _) | (_, Some("contentinfo")) => {
                return boilerplate("page footer (<footer>)")
            }
            ("aside", _) | (_, Some("complementary")) => return boilerplate("sidebar (<aside>)"),
            ("form", _) => return boilerplate("form (<form>: search or sign-up)"),
            ("figure", _) => {
                self.record_figure(el);
                return Some(None);
            }
            ("h1", _) => {
                let text = element_text(el);
                let is_title = self.draft.title.as_deref().map(squash) == Some(text.clone());
                return Some((!is_title).then(|| {
                    Verdict::new(
                        RemovedKind::Metadata,
                        "a headline (<h1>) other than the page title",
                    )
                }));
            }
            ("article", _) if self.scope_is_article => {
                return Some(Some(Verdict::new(
                    RemovedKind::RelatedLink,
                    "another article's teaser inside the article",
                )))
            }
            _ => {}
        }
        None
    }

    /// A figure's caption is a caption; other text in it (credits, or an
    /// embedded post's fallback text) is recorded too.
    fn record_figure(&mut self, figure: ElementRef<'h>) {
        let mut captions = Vec::new();
        for cap in figure
            .descendent_elements()
            .filter(|e| e.value().name() == "figcaption")
        {
            captions.push(element_text(cap));
        }
        let all = element_text(figure);
        for cap in captions.iter().filter(|c| !c.is_empty()) {
            self.record(
                cap,
                Verdict::new(RemovedKind::Caption, "figure caption (<figcaption>)"),
            );
        }
        let mut rest = all;
        for cap in &captions {
            rest = rest.replacen(cap.as_str(), "", 1);
        }
        let rest = squash(&rest);
        if !rest.is_empty() {
            let embeds = figure
                .descendent_elements()
                .any(|e| matches!(e.value().name(), "blockquote" | "iframe"));
            let verdict = if embeds {
                Verdict::new(RemovedKind::Embed, "embedded content inside <figure>")
            } else {
                Verdict::new(
                    RemovedKind::Caption,
                    "text inside <figure> (caption or credit)",
                )
            };
            self.record(&rest, verdict);
        }
    }

    fn record(&mut self, text: &str, verdict: Verdict) {
        let text = squash(text);
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let text = match text.char_indices().nth(REMOVED_TEXT_MAX_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        };
        let at = self.draft.blocks.len();
        self.draft.removed.push((at, removed_block(&text, verdict)));
    }

    fn flush(&mut self) {
        if !self.in_scope {
            let text = format!(
                "{} {}",
                std::mem::take(&mut self.text),
                std::mem::take(&mut self.stray_text)
            );
            let verdict = Verdict::new(
                RemovedKind::Boilerplate,
                "outside the page's main content element",
            );
            self.record(&text, verdict);
            return;
        }
        let text = squash(&std::mem::take(&mut self.text));
        if !text.is_empty() {
            self.draft.blocks.push(Block {
                text,
                origin: self.origin,
            });
        }
        let stray = squash(&std::mem::take(&mut self.stray_text));
        if stray.chars().any(char::is_alphanumeric) {
            self.stray.push((self.draft.blocks.len(), stray));
        }
    }

    /// Text outside paragraph elements is furniture (labels, counters,
    /// buttons), unless it outweighs the paragraphs: then the page sets its
    /// text in bare `<div>`s and `<br>`s, and it is the story.
    fn finish_stray(self) {
        let stray_chars: usize = self.stray.iter().map(|(_, t)| t.len()).sum();
        let block_chars: usize = self.draft.blocks.iter().map(|b| b.text.len()).sum();
        if stray_chars > block_chars {
            let blocks = std::mem::take(&mut self.draft.blocks);
            // Where each old block lands, to keep removed blocks in order.
            let mut new_index = Vec::with_capacity(blocks.len());
            let mut stray = self.stray.into_iter().peekable();
            for (idx, block) in blocks.into_iter().enumerate() {
                while let Some((_, text)) = stray.next_if(|(at, _)| *at <= idx) {
                    self.draft.blocks.push(Block {
                        text,
                        origin: Origin::Line,
                    });
                }
                new_index.push(self.draft.blocks.len());
                self.draft.blocks.push(block);
            }
            self.draft.blocks.extend(stray.map(|(_, text)| Block {
                text,
                origin: Origin::Line,
            }));
            let n_blocks = self.draft.blocks.len();
            for (at, _) in &mut self.draft.removed {
                *at = new_index.get(*at).copied().unwrap_or(n_blocks);
            }
            return;
        }
        for (at, text) in self.stray {
            let verdict = Verdict::new(RemovedKind::Boilerplate, "text outside paragraph elements");
            self.draft.removed.push((at, removed_block(&text, verdict)));
        }
    }
}
