//! HTML pages: metadata from the head, paragraphs from the element that
//! holds the story, page furniture cut by structure, class and id.
//!
//! The page is parsed by HTML5 rules (html5gum's tokenizer under our own
//! tree construction, checked against html5ever; into `tree`),
//! read once into text blocks (`dom`), and the story's container is the
//! element whose text weighs most as prose (`choose`): nothing depends on
//! a site's markup being known in advance.

mod cards;
mod choose;
mod classes;
mod dom;
pub(crate) mod strip;

use crate::class_values::PageValues;
use crate::html_flat;
use crate::html_meta::{self, squash};
use crate::rules::Verdict;
use crate::tree::{El, Tree};
use crate::{removed_block, Block, Draft, Origin};
use choose::Fate;
pub(crate) use classes::{distinct_values, read_value_words, ValueWords, PART_GROUPS};
use concord_model::{RawDoc, RemovedKind};

/// Removed page furniture is listed, but a whole footer need not be.
const REMOVED_TEXT_MAX_CHARS: usize = 400;

pub(crate) fn draft_html(doc: &RawDoc, parse: fn(&str) -> Tree) -> Draft {
    // The emptied script bodies cannot nest, so the prescan reads the
    // stripped page (and does not count `<div>` strings in scripts).
    let stripped = strip::strip_unread(&doc.text);
    if html_flat::too_deep(&stripped) {
        return flat_draft(&doc.text);
    }
    let page = parse(&stripped);
    strip::recycle(stripped);
    let Some(body) = page_body(&page) else {
        return flat_draft(&doc.text); // no `<html>`: the parser always makes one
    };
    // Both walks over the body read the same class and id values.
    let mut values = PageValues::for_nodes(page.len());
    let blocks = dom::read_page(body, &mut values);
    let (fates, container) = choose::choose(&blocks);
    let scope = container
        .and_then(|c| blocks.elems.get(c as usize))
        .and_then(|e| page.get(e.node))
        .unwrap_or(body);
    let meta = html_meta::read(&page, scope, &mut values);
    // What the page states wins; fields the container gave (a feed item's
    // title and date, a WARC record's URL) fill the gaps.
    let from_doc = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let doc_published = doc.published.as_deref().and_then(crate::dates::parse_date);
    let mut draft = Draft {
        title: meta.title.or_else(|| from_doc(&doc.title)),
        published_provenance: match (&meta.published, doc_published) {
            (Some(_), _) => meta.published_provenance,
            (None, Some(_)) => Some("the input's published field".to_string()),
            (None, None) => None,
        },
        published: meta.published.or(doc_published),
        modified: meta.modified.map(|m| m.date),
        authors: meta.authors,
        outlet: meta.outlet.or_else(|| from_doc(&doc.outlet)),
        author: meta.author.or_else(|| from_doc(&doc.author)),
        url: meta.url.or_else(|| from_doc(&doc.url)),
        language: meta.language,
        ..Draft::default()
    };
    let title = draft.title.as_deref().map(squash);
    let own_url = draft.url.clone();
    let own_url = own_url.as_deref().map(|u| u.trim_end_matches('/'));
    for (block, fate) in blocks.blocks.into_iter().zip(fates) {
        let fate = match fate {
            Fate::Drop if title.as_deref() != Some(block.text.as_str()) => Fate::Cut(Verdict::new(
                RemovedKind::Metadata,
                "a headline (<h1>) other than the page title",
            )),
            // Share widgets and print footers print the page's address.
            Fate::Keep if own_url.is_some_and(|u| u == block.text.trim_end_matches('/')) => {
                Fate::Cut(Verdict::new(
                    RemovedKind::Metadata,
                    "the page's own address",
                ))
            }
            other => other,
        };
        match fate {
            Fate::Keep => draft.blocks.push(Block {
                text: block.text,
                origin: block.origin,
            }),
            Fate::Cut(verdict) => record(&mut draft, &block.text, verdict),
            Fate::Drop => {}
        }
    }
    draft
}

/// List a cut block in `removed`, shortened, where it stood.
fn record(draft: &mut Draft, text: &str, verdict: Verdict) {
    if !text.chars().any(char::is_alphanumeric) {
        return;
    }
    let text = match text.char_indices().nth(REMOVED_TEXT_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    };
    let at = draft.blocks.len();
    draft.removed.push((at, removed_block(&text, verdict)));
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

fn page_body(page: &Tree) -> Option<El<'_>> {
    let root = page.root_element()?;
    Some(
        root.descendant_elements()
            .find(|e| e.name() == "body")
            .unwrap_or(root),
    )
}
