//! Plain text and JSON Lines records: lines become blocks; the top of a
//! text yields the headline and any metadata prefix.

use crate::dates::parse_date;
use crate::metadata::{byline, date_line, metadata_prefix};
use crate::rules::{self, headline_like, word_count, Verdict, Words};
use crate::{trim_invisible, Block, Draft, Origin};
use concord_model::{RawDoc, RemovedKind};

/// Headlines run long in some outlets; beyond this a first line is a lede.
const TITLE_MAX_WORDS: usize = 25;
/// A section label ("World", "Europe news") above the headline is this short.
const KICKER_MAX_WORDS: usize = 3;

/// The non-blank lines of `text`, trimmed. Blank lines only separate
/// paragraphs, so they carry nothing.
fn lines(text: &str) -> Vec<String> {
    text.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(trim_invisible)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn non_blank(value: Option<&String>) -> Option<String> {
    value
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A plain-text document: the headline is the first line when it looks like
/// one (after navigation and metadata), the rest are paragraphs.
pub(crate) fn draft_text(doc: &RawDoc) -> Draft {
    let mut draft = Draft::default();
    let mut lines = lines(&doc.text);
    let start = read_top(&mut draft, &mut lines);
    let mut body = lines.split_off(start);
    let top = find_title(&body);
    if let Some(title_idx) = top.title {
        draft.title = Some(body.remove(title_idx));
    }
    if let Some(kicker_idx) = top.kicker {
        let kicker = body.remove(kicker_idx);
        draft.cut(
            &kicker,
            Verdict::new(RemovedKind::Boilerplate, "section label above the headline"),
        );
    }
    push_lines(&mut draft, body);
    draft
}

/// A JSON Lines record: metadata from its fields, paragraphs from its text.
pub(crate) fn draft_record(doc: &RawDoc) -> Draft {
    let mut draft = Draft {
        title: non_blank(doc.title.as_ref()),
        published: doc.published.as_deref().and_then(parse_date),
        outlet: non_blank(doc.outlet.as_ref()),
        url: non_blank(doc.url.as_ref()),
        author: non_blank(doc.author.as_ref()),
        ..Draft::default()
    };
    let mut lines = lines(&doc.text);
    let start = read_top(&mut draft, &mut lines);
    push_lines(&mut draft, lines.split_off(start));
    draft
}

fn push_lines(draft: &mut Draft, lines: Vec<String>) {
    draft.blocks.extend(lines.into_iter().map(|text| Block {
        text,
        origin: Origin::Line,
    }));
}

/// Cut navigation lines and a `date …` metadata prefix from the top; return
/// the index of the first line left. A prefix followed by text leaves that
/// text in place as the start of the lede.
fn read_top(draft: &mut Draft, lines: &mut [String]) -> usize {
    let mut idx = 0;
    while idx < lines.len() {
        if let Some(verdict) = rules::is_leading_furniture(&lines[idx]) {
            draft.cut(&lines[idx], verdict);
            idx += 1;
            continue;
        }
        let Some(prefix) = metadata_prefix(&lines[idx]) else {
            break;
        };
        let mut reason = String::from("metadata prefix");
        if let Some(date) = prefix.published {
            reason.push_str(&format!(": publication date {date}"));
            draft.published.get_or_insert(date);
        }
        if let Some(place) = prefix.dateline {
            reason.push_str(&format!(", dateline {place}"));
            draft.dateline.get_or_insert(place);
        }
        draft.cut(&prefix.prefix, Verdict::new(RemovedKind::Metadata, reason));
        if prefix.rest.is_empty() {
            idx += 1;
        } else {
            lines[idx] = prefix.rest;
            break;
        }
    }
    idx
}

/// Where the headline is among the first lines, if there is one: the
/// first line that is neither metadata nor furniture, when it is shaped like
/// a headline and text follows it. A first line that is a full sentence is
/// the lede: no title.
struct Top {
    /// A section label right above the headline ("World", "Europe").
    kicker: Option<usize>,
    title: Option<usize>,
}

fn find_title(lines: &[String]) -> Top {
    let none = Top {
        kicker: None,
        title: None,
    };
    let Some(idx) = lines.iter().position(|line| {
        let is_meta = byline(line).is_some() || date_line(line, Words::of(line)).is_some();
        !is_meta && rules::classify(line).is_none()
    }) else {
        return none;
    };
    let line = &lines[idx];
    if idx + 1 >= lines.len() || !headline_like(line, TITLE_MAX_WORDS) {
        return none;
    }
    let next = &lines[idx + 1];
    let is_kicker = word_count(line) <= KICKER_MAX_WORDS
        && idx + 2 < lines.len()
        && headline_like(next, TITLE_MAX_WORDS)
        && word_count(next) > word_count(line)
        && rules::classify(next).is_none();
    if is_kicker {
        Top {
            kicker: Some(idx),
            title: Some(idx + 1),
        }
    } else {
        Top {
            kicker: None,
            title: Some(idx),
        }
    }
}
