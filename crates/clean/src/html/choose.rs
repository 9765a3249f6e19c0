//! Choosing the story on a page: every text block gets a weight (prose
//! counts for, link lists, short labels and flagged furniture count
//! against), and the element whose subtree weighs most is the story's
//! container. Inside it, flagged furniture and link lists are still cut.

use super::cards::teaser_cards;
use super::classes::Strength;
use super::dom::{Page, TextBlock, NONE};
use crate::rules::{ends_sentence, Verdict};
use crate::Origin;
use concord_model::RemovedKind;

/// A block this long (characters, spaces not counted) is prose on its
/// own; shorter ones count as prose only when they end like a sentence.
const PROSE_MIN_CHARS: u32 = 80;
const SENTENCE_MIN_CHARS: u32 = 30;
/// More link text than this (a share of the block) makes a link list.
const LINK_LIST_MIN_SHARE: f64 = 0.5;
/// Text of its own, outside links, that a block needs to be more than a
/// link list.
const LINKED_PROSE_MIN_OWN_CHARS: u32 = 60;
/// A weakly flagged element holding this share of the page's prose is the
/// story's wrapper after all ("ad_body", a `<form>` around the page).
const WEAK_FLAG_MAX_PROSE_SHARE: f64 = 0.4;

/// Prose inside an element named as the story's body ("article-body",
/// `itemprop="articleBody"`) counts this much more.
const NAMED_BODY_BONUS: f64 = 1.5;

/// The weight per character of short headings, list items and quotes.
const STRUCTURE_WEIGHT: f64 = 0.1;

/// What became of one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fate {
    Keep,
    /// Cut and listed in `removed`.
    Cut(Verdict),
    /// The page's own headline: neither body nor worth listing.
    Drop,
}

fn link_share(b: &TextBlock) -> f64 {
    f64::from(b.n_link_chars) / f64::from(b.n_chars.max(1))
}

/// Mostly link text with little of its own: a link list or a menu. A
/// newsletter item whose lead sentence is a link still has a sentence
/// of its own after it.
fn is_link_list(b: &TextBlock) -> bool {
    link_share(b) > LINK_LIST_MIN_SHARE
        && b.n_chars.saturating_sub(b.n_link_chars) < LINKED_PROSE_MIN_OWN_CHARS
        && !is_bare_url(&b.text)
}

/// A link printed as its address (`http://…`): menus and teasers name
/// their links in words; an address is shown for the reader to use, as
/// the sources or offers of a post.
fn is_bare_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://"))
        && !text.contains(char::is_whitespace)
}

/// How much a block says "story text", before furniture flags: its
/// length when it reads as prose, negative when it reads as links or
/// labels.
fn prose_weight(b: &TextBlock) -> f64 {
    let chars = f64::from(b.n_chars);
    let links = link_share(b);
    if b.headline || b.control {
        0.0
    } else if is_link_list(b) {
        -chars
    } else if links > LINK_LIST_MIN_SHARE {
        // Mostly links, but with a sentence of its own: neither way.
        0.0
    } else if b.n_chars >= PROSE_MIN_CHARS {
        chars * (1.0 - links)
    } else if b.n_chars >= SENTENCE_MIN_CHARS && ends_sentence(&b.text) {
        0.5 * chars * (1.0 - links)
    } else if b.in_row {
        // A row of a data table: part of whatever holds the table.
        0.0
    } else if b.origin == Origin::Line {
        // Short lines are as common around a story (labels, dates) as in
        // it (one-line paragraphs): they neither join nor split a run.
        0.0
    } else {
        // In-body structure (subheadings, list items, quotes) without
        // links: slightly for, so a story's lists stay with it.
        STRUCTURE_WEIGHT * chars
    }
}

/// For each element, the nearest flag above it that is trusted: strong
/// flags always, weak ones unless their subtree holds much of the prose.
fn trusted_flags(page: &Page, prose: &[f64]) -> Vec<u32> {
    let total: f64 = page
        .elems
        .iter()
        .zip(prose)
        .filter(|(e, _)| e.parent == NONE)
        .map(|(_, p)| *p)
        .sum();
    let trusted = |idx: usize| {
        page.elems[idx].flag.as_ref().is_some_and(|f| {
            f.strength == Strength::Strong || prose[idx] < WEAK_FLAG_MAX_PROSE_SHARE * total
        })
    };
    let mut out = vec![NONE; page.elems.len()];
    // Pre-order: a parent's answer is known before its children's.
    for idx in 0..page.elems.len() {
        let parent = page.elems[idx].parent;
        let inherited = out.get(parent as usize).copied().unwrap_or(NONE);
        out[idx] = if trusted(idx) {
            u32::try_from(idx).unwrap_or(NONE)
        } else {
            inherited
        };
    }
    out
}

/// Sum `value(block)` over each element's subtree.
fn subtree_sums(page: &Page, value: impl Fn(&TextBlock) -> f64) -> Vec<f64> {
    let mut sums = vec![0.0; page.elems.len()];
    for b in &page.blocks {
        let v = value(b);
        if v != 0.0 {
            for e in page.ancestry(b.elem) {
                sums[e as usize] += v;
            }
        }
    }
    sums
}

/// The story: a run of consecutive children of one element (child
/// elements and text directly inside it), as the range of blocks it
/// covers, with the element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Content {
    pub parent: u32,
    pub blocks: std::ops::Range<usize>,
    score: f64,
}

/// The heaviest run of consecutive children of any element (Kadane's
/// maximum subarray per element). A story with a wrapper of its own is a
/// run of one child; a story whose paragraphs sit among the page's
/// navigation, with no wrapper, is a run of several.
fn heaviest_run(page: &Page, scores: &[f64], weights: &[f64]) -> Option<Content> {
    let n_elems = page.elems.len();
    // Children in document order: (first block, last block + 1, weight),
    // for child elements holding text and for blocks directly inside.
    let mut span = vec![(usize::MAX, 0usize); n_elems];
    for (idx, b) in page.blocks.iter().enumerate() {
        for e in page.ancestry(b.elem) {
            let s = &mut span[e as usize];
            s.0 = s.0.min(idx);
            s.1 = idx + 1;
        }
    }
    let mut items: Vec<Vec<Item>> = vec![Vec::new(); n_elems];
    for (idx, e) in page.elems.iter().enumerate() {
        if let Some(list) = items.get_mut(e.parent as usize) {
            if span[idx].0 != usize::MAX {
                list.push((span[idx].0, span[idx].1, scores[idx], e.is_article));
            }
        }
    }
    for (idx, b) in page.blocks.iter().enumerate() {
        if let Some(list) = items.get_mut(b.elem as usize) {
            list.push((idx, idx + 1, weights[idx], false));
        }
    }
    let mut best: Option<Content> = None;
    for (parent, list) in items.iter_mut().enumerate() {
        list.sort_by_key(|item| item.0);
        let parent = u32::try_from(parent).unwrap_or(NONE);
        heaviest_in(parent, list, &mut best);
    }
    best
}

/// The heaviest run among one element's children (sorted), kept in
/// `best` if heavier. Most elements have no children with text (Kadane
/// finds no run in none) or fewer than two articles (one window, the
/// whole list): neither needs `article_windows`' vector, which was one
/// allocation per element.
fn heaviest_in(parent: u32, list: &[Item], best: &mut Option<Content>) {
    if list.is_empty() {
        return;
    }
    if list.iter().filter(|item| item.3).nth(1).is_none() {
        kadane(parent, list, best);
        return;
    }
    for window in article_windows(list) {
        kadane(parent, &list[window], best);
    }
}

/// One child of an element in a run: its blocks and weight, and whether
/// it is an `<article>`.
type Item = (usize, usize, f64, bool);

/// Where runs may lie among an element's children: a story is one
/// `<article>`, so a run holds at most one (with what stands around it).
/// Without two articles among the children, anywhere.
fn article_windows(list: &[Item]) -> Vec<std::ops::Range<usize>> {
    let articles: Vec<usize> = (0..list.len()).filter(|&k| list[k].3).collect();
    if articles.len() < 2 {
        return std::iter::once(0..list.len()).collect();
    }
    (0..articles.len())
        .map(|i| {
            let start = if i == 0 { 0 } else { articles[i - 1] + 1 };
            let end = articles.get(i + 1).copied().unwrap_or(list.len());
            start..end
        })
        .collect()
}

/// Kadane's maximum subarray over `items`, kept in `best` if heavier.
/// Within one element a run takes in the neutral items after it (short
/// lines end a story as often as they sit inside it); between elements a
/// tie goes to the one seen first, the ancestor, which holds the same
/// weight and those neutral items too.
fn kadane(parent: u32, items: &[Item], best: &mut Option<Content>) {
    let mut run_start = 0;
    let mut run_sum = 0.0;
    let mut here: Option<Content> = None;
    for (k, &(_, end, w, _)) in items.iter().enumerate() {
        if run_sum <= 0.0 {
            run_start = k;
            run_sum = 0.0;
        }
        run_sum += w;
        if run_sum > 0.0 && here.as_ref().is_none_or(|b| run_sum >= b.score) {
            here = Some(Content {
                parent,
                blocks: items[run_start].0..end,
                score: run_sum,
            });
        }
    }
    if let Some(run) = here {
        if best.as_ref().is_none_or(|b| run.score > b.score) {
            *best = Some(run);
        }
    }
}

/// The fate of every block of the page, and the story's element.
pub(crate) fn choose(page: &Page) -> (Vec<Fate>, Option<u32>) {
    let prose = subtree_sums(page, |b| prose_weight(b).max(0.0));
    let flags = trusted_flags(page, &prose);
    let flag_of = |b: &TextBlock| flags.get(b.elem as usize).copied().unwrap_or(NONE);
    let cards = teaser_cards(page);
    let in_card = |b: &TextBlock| cards.get(b.elem as usize).copied().unwrap_or(false);
    let weight = |b: &TextBlock| {
        let flag = page
            .elems
            .get(flag_of(b) as usize)
            .and_then(|e| e.flag.as_ref());
        if let Some(flag) = flag {
            // Figures, captions and embedded posts sit between a story's
            // paragraphs: cut, but they do not split the story. Other
            // furniture surrounds it.
            return if matches!(flag.verdict.kind, RemovedKind::Caption | RemovedKind::Embed) {
                0.0
            } else {
                -f64::from(b.n_chars)
            };
        }
        if in_card(b) {
            return -f64::from(b.n_chars);
        }
        let w = prose_weight(b);
        let named = page
            .elems
            .get(b.elem as usize)
            .is_some_and(|e| e.in_named_body);
        if named && w > 0.0 {
            w * NAMED_BODY_BONUS
        } else {
            w
        }
    };
    let weights: Vec<f64> = page.blocks.iter().map(weight).collect();
    let scores = subtree_sums(page, weight);
    // A page with nothing that reads as prose (a few short lines) keeps
    // whatever the other rules let through, rather than nothing.
    let content = heaviest_run(page, &scores, &weights).or_else(|| {
        (!page.elems.is_empty()).then_some(Content {
            parent: 0,
            blocks: 0..page.blocks.len(),
            score: 0.0,
        })
    });
    let fates = page
        .blocks
        .iter()
        .enumerate()
        .map(|(idx, b)| {
            if b.headline {
                return Fate::Drop;
            }
            // What a flag or a card says is the more telling reason,
            // inside the story's run or not.
            let flagged = flag_of(b);
            if let Some(flag) = page
                .elems
                .get(flagged as usize)
                .and_then(|e| e.flag.as_ref())
            {
                return Fate::Cut(flag.verdict.clone());
            }
            if in_card(b) {
                return Fate::Cut(Verdict::new(
                    RemovedKind::RelatedLink,
                    "teaser of another article (one of a list of cards with a linked headline)",
                ));
            }
            if !content.as_ref().is_some_and(|c| c.blocks.contains(&idx)) {
                return Fate::Cut(Verdict::new(
                    RemovedKind::Boilerplate,
                    "outside the page's main content",
                ));
            }
            if b.control {
                return Fate::Cut(Verdict::new(
                    RemovedKind::Boilerplate,
                    "a button label (<button>)",
                ));
            }
            if is_link_list(b) {
                return Fate::Cut(Verdict::new(
                    RemovedKind::RelatedLink,
                    "mostly link text: navigation or links to other articles",
                ));
            }
            Fate::Keep
        })
        .collect();
    (fates, content.map(|c| c.parent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `heaviest_in`'s shortcuts (no items; fewer than two articles)
        /// find what Kadane over every `article_windows` window finds.
        #[test]
        fn heaviest_in_is_kadane_over_the_windows(
            weights in proptest::collection::vec((-50i32..50, any::<bool>(), 0u8..4), 0..12),
            start in proptest::option::of((-50i32..50, 0usize..20)),
        ) {
            let items: Vec<Item> = weights
                .iter()
                .enumerate()
                .map(|(k, &(w, article, more))| (2 * k, 2 * k + 1 + usize::from(more), f64::from(w), article && more == 0))
                .collect();
            let seed = start.map(|(w, at)| Content { parent: 9, blocks: at..at + 1, score: f64::from(w) });
            let mut fast = seed.clone();
            heaviest_in(3, &items, &mut fast);
            let mut reference = seed;
            for window in article_windows(&items) {
                kadane(3, &items[window], &mut reference);
            }
            prop_assert_eq!(format!("{fast:?}"), format!("{reference:?}"));
        }
    }
}
