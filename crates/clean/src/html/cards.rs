//! Teaser cards: "more stories" lists whose items each hold a linked
//! headline, maybe a byline and a date, and a one-paragraph summary. The
//! summaries read as prose, so weights alone would let a list of them
//! join the story; the shape gives them away.

use super::dom::{Page, TextBlock, NONE};

/// A headline link: a block at least this long that is (almost) all link.
const HEADLINE_MIN_CHARS: u32 = 20;
const HEADLINE_MIN_LINK_SHARE: f64 = 0.8;
/// A card is small: its headline, a byline, a date and a summary.
const CARD_MAX_CHARS: u32 = 600;
/// A card's summary is one paragraph; two or more make a story.
const SUMMARY_MIN_CHARS: u32 = 80;
/// Text above a card's headline is a kicker or a date, never prose.
const KICKER_MAX_CHARS: u32 = 60;
/// Cards come in lists: one alone could be an in-body link box that the
/// other rules judge.
const CARDS_MIN_SIBLINGS: usize = 2;

fn is_headline_link(b: &TextBlock) -> bool {
    b.n_chars >= HEADLINE_MIN_CHARS
        && f64::from(b.n_link_chars) >= HEADLINE_MIN_LINK_SHARE * f64::from(b.n_chars)
}

/// A headline link, then a summary that trails off.
fn is_inline_teaser(b: &TextBlock) -> bool {
    b.n_leading_link_chars >= HEADLINE_MIN_CHARS
        && b.n_chars <= CARD_MAX_CHARS
        && b.n_chars > b.n_link_chars
        && (b.text.ends_with("...") || b.text.ends_with('…'))
}

/// What the blocks inside each element (at any depth) add up to.
#[derive(Debug, PartialEq, Eq)]
struct Totals {
    chars: Vec<u32>,
    headlines: Vec<u32>,
    /// The index of the first block inside, `usize::MAX` if none.
    first_block: Vec<usize>,
    paragraphs: Vec<u32>,
}

impl Totals {
    /// Nothing counted yet for `n_elems` elements.
    fn empty(n_elems: usize) -> Totals {
        Totals {
            chars: vec![0u32; n_elems],
            headlines: vec![0u32; n_elems],
            first_block: vec![usize::MAX; n_elems],
            paragraphs: vec![0u32; n_elems],
        }
    }
}

/// Each block counted in its own element, then each element's totals
/// added to its parent's, last element first: children come after their
/// parent (pre-order), so each parent has its subtree's totals by the time
/// it is added to its own. One step per block and per element, where
/// adding each block to every element above it took the page's depth per
/// block. (Saturating sums of counts do not depend on their order.)
fn subtree_totals(page: &Page) -> Totals {
    let n_elems = page.elems.len();
    let mut t = Totals::empty(n_elems);
    for (idx, b) in page.blocks.iter().enumerate() {
        let e = b.elem as usize;
        if e >= n_elems {
            continue; // no element to attribute it to, as `ancestry` finds none
        }
        let headline = is_headline_link(b);
        t.chars[e] = t.chars[e].saturating_add(b.n_chars);
        t.headlines[e] += u32::from(headline);
        t.first_block[e] = t.first_block[e].min(idx);
        t.paragraphs[e] += u32::from(b.n_chars >= SUMMARY_MIN_CHARS && !headline);
    }
    for e in (1..n_elems).rev() {
        let parent = page.elems[e].parent as usize;
        // A parent is always an earlier element (`dom::read_page` pushes
        // it first); anything else is no parent, as for `ancestry`'s end.
        if parent >= e {
            continue;
        }
        t.chars[parent] = t.chars[parent].saturating_add(t.chars[e]);
        t.headlines[parent] += t.headlines[e];
        t.first_block[parent] = t.first_block[parent].min(t.first_block[e]);
        t.paragraphs[parent] += t.paragraphs[e];
    }
    t
}

/// For each element, whether it is a teaser card (or inside one).
pub(crate) fn teaser_cards(page: &Page) -> Vec<bool> {
    let n_elems = page.elems.len();
    let Totals {
        chars,
        headlines,
        first_block,
        paragraphs,
    } = subtree_totals(page);
    // The card around each headline: the largest element above it that
    // holds no other headline and stays card-sized, if it holds more
    // than the headline itself.
    let mut card_of_parent: Vec<Vec<u32>> = vec![Vec::new(); n_elems];
    for (idx, b) in page.blocks.iter().enumerate() {
        if !is_headline_link(b) {
            continue;
        }
        let mut card = NONE;
        for e in page.ancestry(b.elem) {
            let idx = e as usize;
            if headlines[idx] > 1 || chars[idx] > CARD_MAX_CHARS || paragraphs[idx] > 1 {
                break;
            }
            card = e;
        }
        let Some(card_elem) = page.elems.get(card as usize) else {
            continue;
        };
        // A card leads with its headline (a kicker may stand above it); a
        // link after paragraphs ("continue reading") ends a story.
        let leads = page
            .blocks
            .get(first_block[card as usize]..idx)
            .is_some_and(|before| before.iter().all(|p| p.n_chars < KICKER_MAX_CHARS));
        if leads && chars[card as usize] > b.n_chars {
            if let Some(list) = card_of_parent.get_mut(card_elem.parent as usize) {
                list.push(card);
            }
        }
    }
    // One-line cards: a linked headline and a summary cut short ("…")
    // in one list item.
    for b in page.blocks.iter().filter(|b| is_inline_teaser(b)) {
        if let Some(elem) = page.elems.get(b.elem as usize) {
            if let Some(list) = card_of_parent.get_mut(elem.parent as usize) {
                list.push(b.elem);
            }
        }
    }
    let mut is_card = vec![false; n_elems];
    for cards in card_of_parent
        .iter()
        .filter(|c| c.len() >= CARDS_MIN_SIBLINGS)
    {
        for &card in cards {
            is_card[card as usize] = true;
        }
    }
    // Pre-order: parents before children.
    for idx in 0..n_elems {
        let parent = page.elems[idx].parent as usize;
        if parent < n_elems && is_card[parent] {
            is_card[idx] = true;
        }
    }
    is_card
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Tree;

    /// The totals as they were added up before: each block added to every
    /// element above it.
    fn totals_by_ancestry(page: &Page) -> Totals {
        let n_elems = page.elems.len();
        let mut t = Totals::empty(n_elems);
        for (idx, b) in page.blocks.iter().enumerate() {
            let headline = u32::from(is_headline_link(b));
            let paragraph = u32::from(b.n_chars >= SUMMARY_MIN_CHARS && !is_headline_link(b));
            for e in page.ancestry(b.elem) {
                let e = e as usize;
                t.chars[e] = t.chars[e].saturating_add(b.n_chars);
                t.headlines[e] += headline;
                t.first_block[e] = t.first_block[e].min(idx);
                t.paragraphs[e] += paragraph;
            }
        }
        t
    }

    #[test]
    fn subtree_totals_are_each_block_added_to_every_element_above_it() {
        for (folder, step) in [
            ("article-extraction/html", 1),
            ("publication-dates/html", 4),
        ] {
            for (path, html) in crate::fixture_pages::gzipped_pages(folder, step) {
                let tree = Tree::parse_document(&html);
                let Some(body) = crate::html::page_body(&tree) else {
                    continue;
                };
                let mut values = crate::class_values::PageValues::for_nodes(tree.len());
                let page = super::super::dom::read_page(body, &mut values);
                assert_eq!(
                    subtree_totals(&page),
                    totals_by_ancestry(&page),
                    "{}",
                    path.display()
                );
            }
        }
    }
}
