//! Turns raw documents into clean articles: main text, metadata, removed boilerplate.
//!
//! **API boundary:** one function, [`clean`], from [`RawDoc`] to
//! [`Article`]. It never fails and never panics: whatever the input, the
//! result is an article whose body paragraphs are non-empty trimmed strings,
//! and every block cut from the body is listed in `Article::removed` with a
//! kind and a reason a user can check.
//!
//! The rules are general news-page shapes (navigation lines, cookie banners,
//! doubled captions, embedded posts, wire datelines, bylines), never strings
//! of particular test articles. Each format is first turned into a [`Draft`]
//! (metadata plus blocks of text); the same paragraph rules then run on
//! every format (see `passes`).

mod class_values;
mod dates;
#[cfg(test)]
mod fixture_pages;
mod html;
mod html_flat;
mod html_meta;
mod language;
mod metadata;
mod passes;
mod rules;
mod spaces;
mod tag_sets;
mod text;
mod tree;
mod word_families;

/// The HTML front end alone, for `examples/parse_candidates` (which
/// compares parsers on the pages the cleaner really parses): not API.
#[doc(hidden)]
pub mod probe {
    /// The page as the parser sees it: script, style and comment bodies
    /// emptied, unread attributes dropped.
    pub fn strip(html: &str) -> std::borrow::Cow<'_, str> {
        crate::html::strip::strip_unread(html)
    }

    /// Parse into the cleaner's tree; the number of nodes.
    pub fn parse(html: &str) -> usize {
        crate::tree::Tree::parse_document(html).len()
    }

    /// Parse with html5ever (the oracle) into the same tree.
    pub fn parse_html5ever(html: &str) -> usize {
        crate::tree::Tree::parse_document_html5ever(html).len()
    }
}

pub use concord_charset::{decode_html, html_charset, Charset, CharsetSource};
pub use html_meta::{explain_dates, page_meta, DatedBy, MetaContext, PageMeta};

use chrono::NaiveDate;
use concord_model::{Article, RawDoc, RawFormat, RemovedBlock};

/// Where a block of text came from, which decides the rules that apply:
/// list items and headings are never mistaken for stray headlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A line of text or an HTML paragraph.
    Line,
    /// An HTML heading (`<h2>`–`<h6>`).
    Heading,
    /// An HTML list item.
    ListItem,
    /// Text inside an HTML `<blockquote>`.
    Quote,
}

/// A candidate body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub text: String,
    pub origin: Origin,
}

/// An article under construction: metadata found so far, candidate
/// paragraphs, and what was already cut (each with the index of the block
/// it stood before, so `removed` ends up in document order).
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where `published` was read, when a format knows (HTML metadata).
    pub published_provenance: Option<String>,
    pub modified: Option<NaiveDate>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub blocks: Vec<Block>,
    pub removed: Vec<(usize, RemovedBlock)>,
}

impl Draft {
    pub(crate) fn cut(&mut self, text: &str, verdict: rules::Verdict) {
        let at = self.blocks.len();
        self.removed.push((at, removed_block(text, verdict)));
    }
}

pub(crate) fn removed_block(text: &str, verdict: rules::Verdict) -> RemovedBlock {
    RemovedBlock {
        text: text.trim().to_string(),
        kind: verdict.kind,
        reason: verdict.reason,
    }
}

/// Compile one of this crate's built-in patterns. They are constants, so a
/// bad one is a bug that every test run reports, never an input problem.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|err| panic!("bad built-in regex {pattern:?}: {err}"))
}

/// `pattern` as `regex` builds it (Unicode, leftmost first, no empty
/// match inside a character), but with no prefilter or literal search:
/// for patterns searched only in a few short texts, whose case-insensitive
/// words made extracting their literals most of their compile cost.
/// Prefilters never change what matches.
pub(crate) fn regex_without_prefilter(pattern: &str) -> regex_automata::meta::Regex {
    meta_regex(
        pattern,
        regex_automata::meta::Config::new().auto_prefilter(false),
    )
}

/// `pattern` as `regex` builds it, but without the full DFA the meta
/// regex compiles ahead for a small pattern: for patterns searched only
/// in a few short texts, where building that DFA cost ten times the rest
/// of the build (`^(our|editorial) standards\b`: 1.5 M instructions, 0.19 M
/// without). The lazy DFA still searches; which engine runs never changes
/// what matches.
pub(crate) fn regex_without_dfa(pattern: &str) -> regex_automata::meta::Regex {
    meta_regex(pattern, regex_automata::meta::Config::new().dfa(false))
}

/// Neither a prefilter nor the full DFA: for the anchored, many-worded
/// line patterns (date labels in eleven languages, credit lines) tried
/// on a few short lines per page, whose build both would multiply.
pub(crate) fn regex_for_few_lines(pattern: &str) -> regex_automata::meta::Regex {
    meta_regex(
        pattern,
        regex_automata::meta::Config::new()
            .auto_prefilter(false)
            .dfa(false),
    )
}

/// A built-in pattern compiled by `regex`'s own engine with `config`.
fn meta_regex(pattern: &str, config: regex_automata::meta::Config) -> regex_automata::meta::Regex {
    regex_automata::meta::Regex::builder()
        .configure(config)
        .build(pattern)
        .unwrap_or_else(|err| panic!("bad built-in regex {pattern:?}: {err}"))
}

/// Trim whitespace and the invisible characters (zero-width spaces, BOMs,
/// word joiners) that pasted pages scatter, which `str::trim` keeps.
pub(crate) fn trim_invisible(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    })
}

/// Clean one raw document: main text only, metadata extracted, and every
/// cut block listed in `removed`.
pub fn clean(doc: &RawDoc) -> Article {
    clean_with(doc, tree::Tree::parse_document)
}

/// [`clean`] with the HTML parsed by `parse`: the oracle tests clean every
/// page with html5ever too.
pub(crate) fn clean_with(doc: &RawDoc, parse: fn(&str) -> tree::Tree) -> Article {
    let draft = match doc.format {
        RawFormat::Text => text::draft_text(doc),
        RawFormat::Record => text::draft_record(doc),
        RawFormat::Html => html::draft_html(doc, parse),
    };
    let cleaned = passes::apply(draft);
    let language = cleaned.draft.language.clone().or_else(|| {
        let mut sample = cleaned.draft.title.clone().unwrap_or_default();
        for p in &cleaned.body {
            sample.push('\n');
            sample.push_str(p);
        }
        language::detect(&sample)
    });
    let d = cleaned.draft;
    // A date found by the paragraph passes (a date line, a byline) has no
    // provenance from the format; one from a record's field says so.
    let published_provenance = match (&d.published_provenance, d.published) {
        (Some(p), Some(_)) => Some(p.clone()),
        (None, Some(date))
            if doc.published.as_deref().and_then(dates::parse_date) == Some(date) =>
        {
            Some("the input's published field".to_string())
        }
        _ => None,
    };
    Article {
        id: doc.id.clone(),
        source: doc.source.clone(),
        title: d.title,
        published: d.published,
        published_inferred: None,
        published_provenance,
        modified: d.modified,
        authors: d.authors,
        outlet: d.outlet,
        dateline: d.dateline,
        author: d.author,
        language,
        url: d.url,
        body_paragraphs: cleaned.body,
        removed: cleaned.removed,
    }
}
