//! Markdown rendering of a brief, for a person to read.
//!
//! Layout per story: `# headline`, a counts line, then `## Summary`,
//! `## Claims`, `## Quotes`, `## Timeline`, `## Entities`, `## Syndication`,
//! `## Removed from bodies` and `## Sources`. Every section cites articles by
//! their number in Sources (`[1][3]`). Empty sections say "None." rather than
//! disappearing, so a reader can tell "looked, found nothing" from "not shown".
//!
//! Sections are built as lists of lines and joined once; every
//! article-derived string goes through [`escape::inline`] on its way in.

mod context;
mod escape;
mod facts;
mod sources;

use concord_model::{Brief, Diagnostic, StoryBrief, SummarySentence};
use escape::inline;
use sources::SourceNumbers;

/// The brief as a Markdown document, ending with a newline.
pub fn to_markdown(brief: &Brief) -> String {
    let mut blocks: Vec<String> = brief.stories.iter().map(story).collect();
    if blocks.is_empty() {
        blocks.push("No stories.".to_owned());
    }
    if !brief.diagnostics.is_empty() {
        blocks.push(diagnostics(&brief.diagnostics));
    }
    let mut doc = blocks.join("\n\n");
    doc.push('\n');
    doc
}

/// One story, from its headline to its Sources list.
fn story(story: &StoryBrief) -> String {
    let sources = SourceNumbers::new(&story.articles);
    let headline = match inline(&story.headline) {
        headline if headline.is_empty() => "(untitled story)".to_owned(),
        headline => headline,
    };
    let sections = [
        ("Summary", summary(&story.summary, &sources)),
        ("Claims", facts::claims(&story.claims, &sources)),
        ("Quotes", facts::quotes(&story.quotes, &sources)),
        ("Timeline", facts::timeline(&story.timeline, &sources)),
        ("Entities", context::entities(&story.entities)),
        (
            "Syndication",
            context::syndication(&story.syndication, &sources),
        ),
        (
            "Removed from bodies",
            context::removed(&story.articles, &sources),
        ),
        ("Sources", sources.list()),
    ];
    let mut blocks = vec![format!("# {headline}"), counts(story)];
    for (title, lines) in sections {
        blocks.push(format!("## {title}"));
        blocks.push(lines.join("\n"));
    }
    blocks.join("\n\n")
}

/// "5 articles · 4 outlets · 4 independent origins · story s1".
fn counts(story: &StoryBrief) -> String {
    format!(
        "{} · {} · {} · story {}",
        plural(story.articles.len(), "article", "articles"),
        plural(story.outlets, "outlet", "outlets"),
        plural(
            story.independent_origins,
            "independent origin",
            "independent origins"
        ),
        inline(&story.id)
    )
}

/// The summary as one paragraph, each sentence followed by its sources.
fn summary(sentences: &[SummarySentence], sources: &SourceNumbers) -> Vec<String> {
    if sentences.is_empty() {
        return vec!["None.".to_owned()];
    }
    let cited: Vec<String> = sentences
        .iter()
        .map(|s| format!("{} {}", inline(&s.text), sources.marks(&s.articles)))
        .collect();
    vec![cited.join(" ")]
}

/// Inputs that could not be read, after all stories.
fn diagnostics(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("- {}: {}", inline(&d.source), inline(&d.message)))
        .collect();
    format!("# Inputs not read\n\n{}", items.join("\n"))
}

/// "1 article", "3 articles".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
