//! Dates printed in the page body: `<time>` elements, `itemprop` dates,
//! elements whose class says "date" or "published", and labelled dates
//! ("Veröffentlicht am …", "Updated …"), each weighed by where it stands:
//! by the headline, in the main content, or in comments, sidebars, teasers
//! and footers, whose dates are never the page's.

use super::classes::{read_element, ClassRole, ValueCache};
use super::evidence::{rank, Evidence, Role};
use super::labels::{label_before, Label};
use super::squash;
use crate::class_values::PageValues;
use crate::dates::{find_dates, parse_date, utc_time, DayOrder};
use crate::spaces::squashed_size;
use crate::tag_sets::{FOREIGN, SEGMENT_END, UNREAD};
use crate::tree::{Data, Edge, El, NodeId};
use html5ever::local_name;
use rustc_hash::FxHashSet;

/// How many text segments after the headline (or before it, for kickers
/// printed above it) count as its byline area.
const NEAR_AFTER: usize = 10;
const NEAR_BEFORE: usize = 3;
/// Longer segments are prose, where a date is what the story is about.
const SHORT_SEGMENT_CHARS: usize = 160;
/// How much less a date by the headline counts when its element is classed
/// as a sidebar, teaser or footer.
const FOREIGN_PENALTY: u8 = 20;
/// A run of text this short before a date may be its label.
const PREV_LABEL_CHARS: usize = 40;
const PREV_LABEL_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    foreign: bool,
    /// In an `<aside>`, `<nav>` or `<form>`: foreign even by the headline.
    hard_foreign: bool,
    /// In a comment: even its `itemprop="datePublished"` is the comment's.
    comment: bool,
    /// In the headline, whose dates are what the story is about.
    in_headline: bool,
    silent: bool,
    in_scope: bool,
    in_time: bool,
    role: Option<ClassRole>,
}

/// A run of text between block boundaries, with the context of each piece.
#[derive(Default)]
struct Segment {
    text: String,
    /// Byte offset where each piece starts, and its context.
    pieces: Vec<(usize, Ctx)>,
}

struct Walker {
    scope: Option<NodeId>,
    /// Elements holding the headline or the main content: never foreign,
    /// whatever their class says ("content right-sidebar" holds the story).
    holders: FxHashSet<NodeId>,
    headline: Option<NodeId>,
    order: DayOrder,
    stack: Vec<(NodeId, Ctx)>,
    segment: Segment,
    /// Finished segments that hold dates, with their index and the text of
    /// the segment before when short (a label in its own element:
    /// `<dt>Veröffentlicht</dt><dd>17.10.2019</dd>`).
    dated: Vec<Dated>,
    prev_short: String,
    n_segments: usize,
    headline_segment: Option<usize>,
    /// Dates read from attributes, with the segment index they stood at
    /// and whether they are plain `<time>`s, weighed by position at the end.
    attr_dates: Vec<(usize, Evidence, bool)>,
}

/// Dates printed in `body`, walked once. `scope` is the main content
/// element, `headline` the page's `<h1>`, if known.
pub(crate) fn walk<'a>(
    body: El<'a>,
    scope: Option<El<'_>>,
    headline: Option<El<'_>>,
    order: DayOrder,
    values: &mut PageValues<'a>,
) -> Vec<Evidence> {
    let tree = body.tree;
    let holders = scope
        .into_iter()
        .chain(headline)
        .flat_map(|e| tree.ancestors(e.id))
        .collect();
    let mut w = Walker {
        scope: scope.map(|s| s.id),
        holders,
        headline: headline.map(|h| h.id),
        order,
        stack: Vec::new(),
        segment: Segment::default(),
        dated: Vec::new(),
        prev_short: String::new(),
        n_segments: 0,
        headline_segment: None,
        attr_dates: Vec::new(),
    };
    w.stack.push((
        body.id,
        Ctx {
            in_scope: false,
            ..Ctx::default()
        },
    ));
    let mut cache = ValueCache::with_capacity(crate::html::distinct_values(tree.len()));
    for edge in tree.traverse(body.id) {
        match edge {
            Edge::Open(node) => match tree.node(node).map(|n| &n.data) {
                Some(Data::Text(t)) => w.text(tree.text_of(*t)),
                Some(Data::Element(_)) => {
                    if let Some(el) = tree.get(node) {
                        w.open(el, &mut cache, values);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Some(el) = tree.get(node) {
                    w.close(el);
                }
            }
        }
    }
    w.flush();
    w.finish()
}

impl Walker {
    fn ctx(&self) -> Ctx {
        self.stack.last().map(|(_, c)| *c).unwrap_or_default()
    }

    fn open<'a>(&mut self, el: El<'a>, cache: &mut ValueCache<'a>, values: &mut PageValues<'a>) {
        if el.id == self.stack.last().map_or(el.id, |(id, _)| *id) && self.stack.len() == 1 {
            return; // the body itself, already on the stack
        }
        let is_time = *el.value().local() == local_name!("time");
        if el.value().is(SEGMENT_END) {
            self.flush();
        }
        if Some(el.id) == self.headline {
            self.headline_segment = Some(self.n_segments);
        }
        let parent = self.ctx();
        let reading = read_element(el, parent.in_scope, cache, values);
        let mut ctx = parent;
        ctx.silent |= el.value().is(UNREAD);
        let holder = self.holders.contains(&el.id);
        ctx.foreign |= !holder && reading.foreign;
        ctx.hard_foreign |= !holder && el.value().is(FOREIGN);
        ctx.comment |= !holder && reading.comment;
        ctx.in_headline |= Some(el.id) == self.headline;
        if Some(el.id) == self.scope {
            ctx.in_scope = true;
            ctx.foreign = false;
            ctx.hard_foreign = false;
        }
        if let Some(role) = reading.role {
            ctx.role = Some(role);
        }
        if is_time {
            ctx.in_time = true;
            if el.attr("pubdate").is_some() {
                ctx.role = Some(ClassRole::Published);
            }
        }
        if !ctx.silent && !ctx.comment {
            self.attribute_date(el, ctx);
        }
        self.stack.push((el.id, ctx));
    }

    fn close(&mut self, el: El<'_>) {
        if el.value().is(SEGMENT_END) {
            self.flush();
        }
        if self.stack.len() > 1 && self.stack.last().is_some_and(|(id, _)| *id == el.id) {
            self.stack.pop();
        }
    }

    fn text(&mut self, t: &str) {
        let ctx = self.ctx();
        if ctx.silent || ctx.comment {
            return;
        }
        self.segment.pieces.push((self.segment.text.len(), ctx));
        self.segment.text.push_str(t);
    }

    /// `<time datetime>`, `itemprop="datePublished" content=…`,
    /// `<abbr class="published" title=…>`: dates in attributes. In a
    /// sidebar, teaser list or page footer only `itemprop` counts (some
    /// sites put the article's own there), and less.
    fn attribute_date(&mut self, el: El<'_>, ctx: Ctx) {
        let v = el.value();
        // One pass over the attributes: `attr` looks each name up afresh.
        let (mut itemprop, mut datetime, mut content, mut title) = (None, None, None, None);
        for (name, value) in el.attr_atoms() {
            match *name {
                local_name!("itemprop") => itemprop = Some(value),
                local_name!("datetime") => datetime = Some(value),
                local_name!("content") => content = Some(value),
                local_name!("title") => title = Some(value),
                _ => {}
            }
        }
        if datetime.is_none() && itemprop.is_none() && title.is_none() {
            return; // no date to read, whatever the context
        }
        let itemprop = itemprop.map(str::to_ascii_lowercase);
        if ctx.foreign && itemprop.as_deref() != Some("datepublished") {
            return;
        }
        let value = datetime
            .or_else(|| content.filter(|_| itemprop.is_some()))
            .or_else(|| {
                title.filter(|_| ctx.role.is_some() && matches!(v.name(), "abbr" | "span" | "time"))
            });
        let Some(value) = value else {
            return;
        };
        let Some(date) = parse_date(value) else {
            return;
        };
        let utc = utc_time(value);
        let (role, rank, what) = match (itemprop.as_deref(), v.name(), ctx.role) {
            (Some("datepublished"), _, _) if ctx.foreign => (
                Role::Published,
                rank::ITEMPROP_OUTSIDE,
                "itemprop=\"datePublished\" outside the article".to_string(),
            ),
            (Some("datepublished" | "datecreated"), _, _) => (
                Role::Published,
                rank::ITEMPROP_PUBLISHED,
                "itemprop=\"datePublished\" in the page".to_string(),
            ),
            (Some("datemodified"), _, _) | (_, _, Some(ClassRole::Modified)) => (
                Role::Modified,
                rank::TIME_PUBLISHED,
                format!("<{}> marked as modified", v.name()),
            ),
            (_, "time", Some(ClassRole::Published)) => (
                Role::Published,
                rank::TIME_PUBLISHED,
                "<time> marked as published".to_string(),
            ),
            (_, "time", _) => {
                let rank = if ctx.in_scope {
                    rank::TIME_IN_CONTENT
                } else {
                    rank::TIME_ELSEWHERE
                };
                let at = self.n_segments;
                let mut e = Evidence::new(date, Role::Published, rank, "<time datetime>");
                e.utc = utc;
                self.attr_dates.push((at, e, true));
                return;
            }
            (_, _, Some(ClassRole::Published)) => (
                Role::Published,
                rank::PUBLISH_CLASS,
                format!("<{}> with a \"published\" class", v.name()),
            ),
            _ => return,
        };
        let at = self.n_segments;
        if role == Role::Modified && itemprop.is_none() {
            let what = format!("<{}> classed as updated", v.name());
            let mut e = Evidence::new(date, Role::Published, rank::UPDATED_CLASS, what);
            e.utc = utc;
            self.attr_dates.push((at, e, false));
        }
        let mut e = Evidence::new(date, role, rank, what);
        e.utc = utc;
        self.attr_dates.push((at, e, false));
    }

    fn flush(&mut self) {
        // Sized only as far as the label limit: most segments are longer
        // and hold no date, and no more is asked of them. A blank segment
        // has no words.
        let (n_words, squashed_chars) = squashed_size(&self.segment.text, PREV_LABEL_CHARS);
        if n_words == 0 {
            self.segment.text.clear();
            self.segment.pieces.clear();
            return;
        }
        let idx = self.n_segments;
        self.n_segments += 1;
        let prev = std::mem::take(&mut self.prev_short);
        if squashed_chars <= PREV_LABEL_CHARS && n_words <= PREV_LABEL_WORDS {
            self.prev_short = squash(&self.segment.text);
        }
        let found = find_dates(&self.segment.text, self.order);
        if found.is_empty() {
            // Most segments hold no date: their buffers serve the next.
            self.segment.text.clear();
            self.segment.pieces.clear();
            return;
        }
        // Within the label limit the size is complete; past it, read on
        // to the short-segment limit.
        let short = squashed_chars <= PREV_LABEL_CHARS
            || squashed_size(&self.segment.text, SHORT_SEGMENT_CHARS).1 <= SHORT_SEGMENT_CHARS;
        self.dated.push(Dated {
            idx,
            short,
            segment: std::mem::take(&mut self.segment),
            found,
            prev,
        });
    }

    fn near_headline(&self, idx: usize) -> bool {
        self.headline_segment
            .is_some_and(|h| idx + NEAR_BEFORE >= h && idx <= h + NEAR_AFTER)
    }

    fn finish(self) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        for (idx, mut e, plain_time) in self.attr_dates.iter().cloned() {
            e.near_headline = self.near_headline(idx);
            if plain_time && e.near_headline {
                e.rank = rank::TIME_NEAR_HEADLINE;
                e.provenance = "<time datetime> by the headline".to_string();
            }
            evidence.push(e);
        }
        for d in &self.dated {
            let near = self.near_headline(d.idx);
            let mut prev_end = 0;
            for (n, f) in d.found.iter().enumerate() {
                let ctx = d
                    .segment
                    .pieces
                    .iter()
                    .rev()
                    .find(|(start, _)| *start <= f.range.start)
                    .map(|(_, c)| *c)
                    .unwrap_or_default();
                let before = d.segment.text.get(prev_end..f.range.start).unwrap_or("");
                prev_end = f.range.end;
                let opening = n == 0 && before.split_whitespace().count() <= 2;
                // Sidebars and teasers are far from the headline; a date
                // right by it is the page's, whatever the class says
                // (but not in an <aside> or <nav>). In the headline itself
                // a date is the story's subject, unless it opens it or is
                // set apart as a date.
                if (ctx.foreign && (ctx.hard_foreign || !near))
                    || (ctx.in_headline && !opening && ctx.role.is_none())
                {
                    continue;
                }
                let label = match label_before(before) {
                    None if opening => label_before(&d.prev),
                    label => label,
                };
                let at = Position {
                    near,
                    short: d.short,
                    opening,
                };
                if let Some(mut e) = text_evidence(f.date, label, ctx, at) {
                    e.printed = true;
                    e.local = true;
                    e.near_headline = near;
                    if ctx.foreign {
                        // Only a fallback: sidebars can follow a short story.
                        e.rank = e.rank.saturating_sub(FOREIGN_PENALTY);
                        e.provenance.push_str(" (in a side area)");
                    }
                    evidence.push(e);
                }
            }
        }
        evidence
    }
}

/// A segment of text that holds dates.
struct Dated {
    idx: usize,
    short: bool,
    segment: Segment,
    found: Vec<crate::dates::Found>,
    prev: String,
}

/// Where a date printed in the text stands.
#[derive(Debug, Clone, Copy)]
struct Position {
    /// In the headline's byline area.
    near: bool,
    /// In a short run of text (a byline, a date line), not prose.
    short: bool,
    /// First in its run of text, at most two words in.
    opening: bool,
}

/// What a date printed in the text is worth, from its label, its
/// element's class, and where it stands.
fn text_evidence(
    date: chrono::NaiveDate,
    label: Option<Label>,
    ctx: Ctx,
    at: Position,
) -> Option<Evidence> {
    let Position {
        near,
        short,
        opening,
    } = at;
    let where_ = if near { " by the headline" } else { "" };
    let e = |role, rank, what: String| Some(Evidence::new(date, role, rank, what));
    match (label, ctx.role) {
        (Some(Label::Other), _) => None,
        (Some(Label::Modified), _) => e(
            Role::Modified,
            rank::LABELLED,
            format!("date labelled as an update{where_}"),
        ),
        // Themes class the one date they print "updated" (hAtom) whether or
        // not the post changed; with no label for readers it is weak
        // evidence of publication.
        (None, Some(ClassRole::Modified)) if short => e(
            Role::Published,
            rank::UPDATED_CLASS,
            format!("unlabelled date in an element classed as updated{where_}"),
        ),
        (None, Some(ClassRole::Modified)) => None,
        (Some(Label::Published), _) if short || opening => {
            let rank = if near || ctx.in_scope {
                rank::LABELLED_NEAR_HEADLINE
            } else {
                rank::LABELLED
            };
            e(
                Role::Published,
                rank,
                format!("date labelled as publication{where_}"),
            )
        }
        (Some(Label::Published), _) => None,
        (None, _) if !short => (near && opening).then(|| {
            Evidence::new(
                date,
                Role::Published,
                rank::DATE_NEAR_HEADLINE,
                "date opening the text by the headline",
            )
        }),
        (None, Some(ClassRole::Published)) => e(
            Role::Published,
            rank::PUBLISH_CLASS,
            format!("date in an element with a \"published\" class{where_}"),
        ),
        (None, Some(ClassRole::Date)) if ctx.in_time || near => e(
            Role::Published,
            rank::DATE_CLASS_NEAR_HEADLINE,
            format!("date in a date element{where_}"),
        ),
        (None, Some(ClassRole::Date)) => e(
            Role::Published,
            rank::DATE_CLASS,
            "date in a date element".to_string(),
        ),
        (None, None) if near => e(
            Role::Published,
            rank::DATE_NEAR_HEADLINE,
            "date printed by the headline".to_string(),
        ),
        (None, None) => None,
    }
}
