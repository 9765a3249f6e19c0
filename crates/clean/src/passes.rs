//! The paragraph rules shared by every format: first each paragraph alone,
//! then rules that need its neighbours (doubled captions, post signatures,
//! trailing furniture, stray headlines), then the wire dateline.

use crate::html_meta::squash;
use crate::metadata::{byline, date_line, is_credit_line, wire_dateline};
use crate::rules::{self, bare_line_verdict, ends_sentence, headline_like, Verdict, Words};
use crate::{removed_block, Draft, Origin};
use concord_model::{RemovedBlock, RemovedKind};

/// Date lines further down than this are quoted text, not page metadata.
const DATE_LINE_MAX_INDEX: usize = 8;
/// A caption printed twice is short; a long doubled paragraph is a paste slip.
const DOUBLED_CAPTION_MAX_WORDS: usize = 40;
/// Tweet-length: longer paragraphs before a signature are kept as news.
const EMBED_TEXT_MAX_WORDS: usize = 70;
/// Furniture after the last paragraph ("Most Commented", tag lists) is short.
const TRAILING_MAX_WORDS: usize = 8;
/// Stray headlines between paragraphs: long enough to be a headline, not a
/// two-word subheading; at most this many in a row.
const BARE_LINE_MIN_WORDS: usize = 3;
const BARE_LINE_MAX_WORDS: usize = 20;
const BARE_RUN_MAX: usize = 3;

/// The outcome: the draft's metadata (updated from bylines and datelines),
/// the body, and everything removed in document order.
pub(crate) struct Cleaned {
    pub draft: Draft,
    pub body: Vec<String>,
    pub removed: Vec<RemovedBlock>,
}

struct Para {
    text: String,
    /// The words of `text` as the rules read it (the text changes only in
    /// the last pass, the dateline's).
    words: Words,
    origin: Origin,
    verdict: Option<Verdict>,
    /// A dateline cut from the front of a kept paragraph.
    prefix_cut: Option<RemovedBlock>,
}

impl Para {
    fn kept(&self) -> bool {
        self.verdict.is_none()
    }
}

pub(crate) fn apply(mut draft: Draft) -> Cleaned {
    let mut paras: Vec<Para> = std::mem::take(&mut draft.blocks)
        .into_iter()
        .map(|b| Para {
            words: Words::of(&b.text),
            text: b.text,
            origin: b.origin,
            verdict: None,
            prefix_cut: None,
        })
        .collect();
    judge_alone(&mut draft, &mut paras);
    drop_repeated_title(&draft, &mut paras);
    doubled_lines(&mut paras);
    embedded_post_text(&mut paras);
    trailing_furniture(&mut paras);
    stray_headlines(&mut paras);
    wire_dateline_of_lede(&mut draft, &mut paras);
    collect(draft, paras)
}

fn judge_alone(draft: &mut Draft, paras: &mut [Para]) {
    for (idx, para) in paras.iter_mut().enumerate() {
        para.verdict = metadata_line(draft, idx, &para.text, para.words)
            .or_else(|| rules::classify_counted(&para.text, para.words));
    }
}

/// Bylines, date lines and credits: removed as metadata, and read.
fn metadata_line(draft: &mut Draft, idx: usize, text: &str, words: Words) -> Option<Verdict> {
    if is_credit_line(text, words) {
        return Some(Verdict::new(
            RemovedKind::Metadata,
            "reporting, editing or photo credits",
        ));
    }
    if let Some(b) = byline(text) {
        let reason = format!("byline (author: {})", b.author);
        draft.author.get_or_insert(b.author);
        if let Some(date) = b.published {
            draft.published.get_or_insert(date);
        }
        return Some(Verdict::new(RemovedKind::Metadata, reason));
    }
    if idx < DATE_LINE_MAX_INDEX {
        if let Some(line) = date_line(text, words) {
            if let Some(date) = line.published {
                draft.published.get_or_insert(date);
                return Some(Verdict::new(
                    RemovedKind::Metadata,
                    format!("publication date line ({date})"),
                ));
            }
            return Some(Verdict::new(
                RemovedKind::Metadata,
                "update timestamp (not the publication date)",
            ));
        }
    }
    None
}

/// The headline printed again at the top of the body (pages and feeds often
/// repeat it) is not a paragraph.
fn drop_repeated_title(draft: &Draft, paras: &mut [Para]) {
    let Some(title) = draft.title.as_deref().map(squash) else {
        return;
    };
    if let Some(para) = paras
        .iter_mut()
        .take(3)
        .find(|p| p.kept() && squash(&p.text) == title)
    {
        para.verdict = Some(Verdict::new(
            RemovedKind::Metadata,
            "the headline, printed again",
        ));
    }
}

/// A short line printed twice or more in a row is a caption (pages print it
/// under the image and again as its alt text or credit): keep no copy.
fn doubled_lines(paras: &mut [Para]) {
    let mut start = 0;
    while start < paras.len() {
        // The same words, whatever the spaces between them: the squashed
        // texts are equal, compared without building them. The run starts
        // with `first` itself, which is not compared with itself.
        let first = &paras[start].text;
        let end = start
            + 1
            + paras[start + 1..]
                .iter()
                .take_while(|p| p.text.split_whitespace().eq(first.split_whitespace()))
                .count();
        let run = &mut paras[start..end];
        if run.len() > 1 && run.iter().all(Para::kept) {
            if run[0].words.at_most(DOUBLED_CAPTION_MAX_WORDS) {
                let reason = format!(
                    "printed {} times in a row: a photo caption repeated as its alt text or credit",
                    run.len()
                );
                for para in run.iter_mut() {
                    para.verdict = Some(Verdict::new(RemovedKind::Caption, reason.clone()));
                }
            } else {
                for para in run.iter_mut().skip(1) {
                    para.verdict = Some(Verdict::new(
                        RemovedKind::Boilerplate,
                        "long paragraph printed again right after itself (first copy kept)",
                    ));
                }
            }
        }
        start = end.max(start + 1);
    }
}

/// The text of an embedded post stands right before its signature line.
fn embedded_post_text(paras: &mut [Para]) {
    for idx in 1..paras.len() {
        let signed = paras[idx]
            .verdict
            .as_ref()
            .is_some_and(|v| v.kind == RemovedKind::Embed)
            && rules::is_embed_signature(&paras[idx].text, paras[idx].words);
        let before = &mut paras[idx - 1];
        if signed && before.kept() && before.words.at_most(EMBED_TEXT_MAX_WORDS) {
            before.verdict = Some(Verdict::new(
                RemovedKind::Embed,
                "text of the embedded post signed on the next line",
            ));
        }
    }
}

/// Short unpunctuated lines after the last real paragraph are furniture
/// ("Most Commented", topic tags, a sign-off), provided the article before
/// them is mostly prose and longer than the tail: otherwise the lines are
/// more likely a list that belongs to the story.
fn trailing_furniture(paras: &mut [Para]) {
    let kept: Vec<usize> = (0..paras.len()).filter(|&i| paras[i].kept()).collect();
    let Some(last_prose) = kept.iter().rposition(|&i| ends_sentence(&paras[i].text)) else {
        return;
    };
    let (before, tail) = kept.split_at(last_prose + 1);
    let n_prose = before
        .iter()
        .filter(|&&i| ends_sentence(&paras[i].text))
        .count();
    if tail.len() > n_prose || !mostly_prose(n_prose, before.len()) {
        return;
    }
    for &idx in tail {
        let para = &mut paras[idx];
        if matches!(para.origin, Origin::Line | Origin::Heading)
            && para.words.at_most(TRAILING_MAX_WORDS)
        {
            para.verdict = Some(Verdict::new(
                RemovedKind::Boilerplate,
                "short unpunctuated line after the last paragraph (site furniture)",
            ));
        }
    }
}

/// At least three paragraphs in four end in punctuation.
fn mostly_prose(n_prose: usize, n_paras: usize) -> bool {
    n_prose * 4 >= n_paras * 3
}

/// A bare headline-shaped line between two punctuated paragraphs, in an
/// article whose paragraphs otherwise end in punctuation, is a link to
/// another story or a caption that lost its image.
fn stray_headlines(paras: &mut [Para]) {
    let kept: Vec<usize> = (0..paras.len()).filter(|&i| paras[i].kept()).collect();
    let is_candidate = |p: &Para| {
        p.origin == Origin::Line
            && (BARE_LINE_MIN_WORDS..=BARE_LINE_MAX_WORDS).contains(&p.words.count())
            && headline_like(&p.text, BARE_LINE_MAX_WORDS)
            && !p.text.trim_end().ends_with('?')
    };
    let n_prose = kept
        .iter()
        .filter(|&&i| ends_sentence(&paras[i].text))
        .count();
    // Many unpunctuated paragraphs mean a list-like article: leave it be.
    if !mostly_prose(n_prose, kept.len()) {
        return;
    }
    let mut k = 1;
    while k < kept.len() {
        let run = kept[k..]
            .iter()
            .take_while(|&&i| is_candidate(&paras[i]))
            .count();
        let before_ok = ends_sentence(&paras[kept[k - 1]].text);
        let after_ok = kept
            .get(k + run)
            .is_some_and(|&i| ends_sentence(&paras[i].text));
        if run > 0 && run <= BARE_RUN_MAX && before_ok && after_ok {
            for &idx in &kept[k..k + run] {
                paras[idx].verdict = Some(bare_line_verdict(&paras[idx].text));
            }
        }
        k += run.max(1);
    }
}

/// `KYIV (Reuters) - ` in front of the lede: the dateline, not body text.
fn wire_dateline_of_lede(draft: &mut Draft, paras: &mut [Para]) {
    if draft.dateline.is_some() {
        return;
    }
    let Some(lede) = paras.iter_mut().find(|p| p.kept()) else {
        return;
    };
    let Some(found) = wire_dateline(&lede.text) else {
        return;
    };
    let reason = match &found.wire {
        Some(wire) => format!("wire dateline (place {}, agency {wire})", found.place),
        None => format!("dateline (place {})", found.place),
    };
    let rest = lede.text.get(found.len..).unwrap_or("").trim().to_string();
    let cut = removed_block(&found.printed, Verdict::new(RemovedKind::Metadata, reason));
    draft.dateline = Some(found.place);
    if rest.is_empty() {
        lede.verdict = Some(Verdict::new(cut.kind, cut.reason));
    } else {
        lede.text = rest;
        lede.prefix_cut = Some(cut);
    }
}

fn collect(mut draft: Draft, paras: Vec<Para>) -> Cleaned {
    let mut pre_cut = std::mem::take(&mut draft.removed);
    // Stable: blocks cut before the rules keep their order at each position.
    pre_cut.sort_by_key(|(at, _)| *at);
    let mut pre_cut = pre_cut.into_iter().peekable();
    let mut body = Vec::new();
    let mut removed = Vec::new();
    for (idx, para) in paras.into_iter().enumerate() {
        while let Some((_, block)) = pre_cut.next_if(|(at, _)| *at <= idx) {
            removed.push(block);
        }
        removed.extend(para.prefix_cut);
        match para.verdict {
            Some(verdict) => removed.push(removed_block(&para.text, verdict)),
            None => body.push(para.text),
        }
    }
    removed.extend(pre_cut.map(|(_, block)| block));
    Cleaned {
        draft,
        body,
        removed,
    }
}
