//! Markdown rendering of the sample brief: structure, citation numbers,
//! conflict marking, and that hostile article text cannot inject markup.

mod common;

use common::{sample_brief, JS_LINK, RTE, SCRIPT, WIRE};
use concord_brief::to_markdown;
use concord_model::{Brief, BRIEF_SCHEMA};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const SECTIONS: [&str; 8] = [
    "Summary",
    "Claims",
    "Quotes",
    "Timeline",
    "Entities",
    "Syndication",
    "Removed from bodies",
    "Sources",
];

/// The lines of one story (0-based), from its `# ` heading to the next.
fn story_lines(markdown: &str, story_idx: usize) -> Vec<&str> {
    let starts: Vec<usize> = markdown
        .lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with("# "))
        .map(|(idx, _)| idx)
        .collect();
    let lines: Vec<&str> = markdown.lines().collect();
    let end = starts.get(story_idx + 1).copied().unwrap_or(lines.len());
    lines[starts[story_idx]..end].to_vec()
}

/// The non-empty lines of one `## ` section of one story.
fn section<'a>(markdown: &'a str, story_idx: usize, title: &str) -> Vec<&'a str> {
    story_lines(markdown, story_idx)
        .into_iter()
        .skip_while(|line| *line != format!("## {title}"))
        .skip(1)
        .take_while(|line| !line.starts_with('#'))
        .filter(|line| !line.is_empty())
        .collect()
}

fn gfm() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
}

#[test]
fn each_story_has_headline_counts_and_sections_in_order() {
    let markdown = to_markdown(&sample_brief());
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with('#')).collect();
    let mut expected = Vec::new();
    for headline in [
        "# Ukraine offers to swap captured North Korean soldiers",
        "# \\<script\\>alert(1)\\</script\\> \\| col \\|",
    ] {
        expected.push(headline.to_owned());
        expected.extend(SECTIONS.iter().map(|s| format!("## {s}")));
    }
    expected.push("# Inputs not read".to_owned());
    assert_eq!(headings, expected);
    assert_eq!(
        story_lines(&markdown, 0)[2],
        "4 articles · 4 outlets · 3 independent origins · story story-1"
    );
    assert!(markdown.ends_with("not UTF-8 \\<at byte 12\\>\n"));
}

#[test]
fn sources_are_numbered_in_article_order() {
    let markdown = to_markdown(&sample_brief());
    let sources = section(&markdown, 0, "Sources");
    assert_eq!(sources.len(), 4);
    for (idx, id) in [
        "000\\_kyiv.txt",
        "001\\_newsweek.txt",
        "002\\_rte.txt",
        WIRE,
    ]
    .iter()
    .enumerate()
    {
        assert!(
            sources[idx].starts_with(&format!("{}. ", idx + 1)),
            "{}",
            sources[idx]
        );
        assert!(sources[idx].contains(id), "{} lacks {id}", sources[idx]);
    }
    assert!(sources[0].contains("inferred: 2025-01-12 — latest date the text mentions (Jan. 12)"));
    assert!(sources[2].contains(" · 2025-01-12 · "));
    assert!(sources[3].starts_with("4. (untitled) · outlet unknown · "));
}

#[test]
fn summary_marks_cite_the_numbers_of_the_listed_sources() {
    let brief = sample_brief();
    let markdown = to_markdown(&brief);
    let summary = section(&markdown, 0, "Summary").join("\n");
    let story = &brief.stories[0];
    // Expected marks straight from article positions, independent of the renderer.
    let position = |id: &str| story.articles.iter().position(|a| a.id == id).unwrap() + 1;
    for sentence in &story.summary {
        let mut numbers: Vec<usize> = sentence.articles.iter().map(|id| position(id)).collect();
        numbers.sort_unstable();
        let marks: String = numbers.iter().map(|n| format!("[{n}]")).collect();
        let cited = format!("{} {marks}", sentence.text);
        assert!(summary.contains(&cited), "{cited:?} not in {summary:?}");
    }
    // Spot-check one by hand: WIRE, NEWSWEEK, RTE are sources 4, 2, 3.
    assert!(summary.contains("held in Russia. [2][3][4] "));
}

#[test]
fn summary_flags_missing_and_unknown_sources() {
    let markdown = to_markdown(&sample_brief());
    let summary = section(&markdown, 1, "Summary").join("\n");
    assert!(summary.contains("Nobody cites this. (no source)"));
    assert!(summary.contains("A ghost cites this. [?ghost]"));
}

#[test]
fn conflicting_claim_is_marked_with_each_value_bold() {
    let markdown = to_markdown(&sample_brief());
    let claims = section(&markdown, 0, "Claims");
    assert_eq!(
        claims[0],
        "| status | subject | unit | value | sources | attribution | hedge |"
    );
    let troops: Vec<&str> = claims
        .iter()
        .copied()
        .filter(|row| row.contains("North Korean troops deployed"))
        .collect();
    assert_eq!(troops.len(), 3);
    for row in &troops {
        assert!(row.starts_with("| ⚠ conflict | "), "{row}");
    }
    assert!(troops[0].contains("| **11,000** | [1] | South Korean intelligence | about |"));
    assert!(troops[1].contains("| **12,000** | [2][3] | Ukrainian and Western assessments |"));
    assert!(troops[2].contains("| **10,000** | [4] | — | — |"));
}

#[test]
fn agreeing_and_single_source_claims_are_marked() {
    let markdown = to_markdown(&sample_brief());
    let claims = section(&markdown, 0, "Claims");
    assert!(claims.contains(
        &"| ✓ agree | North Korean soldiers killed | soldiers | 300 | [2][3][4] | NIS | about |"
    ));
    assert!(claims.contains(
        &"| single source | North Korean soldiers wounded | soldiers | 2,700 | [3] | NIS | — |"
    ));
}

#[test]
fn quote_is_a_block_quote_with_variants_labelled_by_article() {
    let markdown = to_markdown(&sample_brief());
    let quotes = section(&markdown, 0, "Quotes");
    assert_eq!(quotes[0], "- **Volodymyr Zelensky** — [2][3][4]");
    assert!(quotes[1].starts_with("  > We are ready to hand over Kim Jong Un's soldiers"));
    assert_eq!(
        quotes[2],
        "  - [1] Kyiv Independent — “Ukraine is ready to hand over Kim's soldiers if he can \
         organize an exchange.”"
    );
    assert!(quotes.contains(&"- Unattributed — [4]"));
}

#[test]
fn timeline_shows_how_each_source_wrote_the_date() {
    let markdown = to_markdown(&sample_brief());
    let timeline = section(&markdown, 0, "Timeline");
    assert_eq!(
        timeline[2],
        "- **2025-01-12** — Zelensky announces the offer [2][4]"
    );
    assert_eq!(
        timeline[3],
        "  - [2] Newsweek — “January 12, 2025” → 2025-01-12"
    );
    assert_eq!(
        timeline[4],
        "  - [4] — “on Sunday” → 2025-01-12 (the Sunday before publication on 2025-01-13)"
    );
    assert!(timeline[0].starts_with("- **2024-12** — "));
}

#[test]
fn entities_syndication_and_removed_blocks_are_summarised() {
    let brief = sample_brief();
    let markdown = to_markdown(&brief);
    assert!(section(&markdown, 0, "Entities")
        .contains(&"| Volodymyr Zelensky | person | Zelensky, Zelenskiy, Zelenskyy | 4 | 12 |"));
    assert_eq!(
        section(&markdown, 0, "Syndication"),
        ["- [3][4] share 4 passages — origin: AFP"]
    );
    assert_eq!(
        section(&markdown, 0, "Removed from bodies"),
        [
            "- [2] Newsweek — 3 blocks (boilerplate 2, embed 1)",
            "- [3] RTÉ — 4 blocks (boilerplate 1, consent 1, caption 2)",
            "- [4] — 2 blocks (related link 1, metadata 1)",
        ]
    );
    // Counts only: the removed text itself stays out of the Markdown.
    for article in &brief.stories[0].articles {
        for block in &article.removed {
            assert!(!markdown.contains(&block.text), "{:?} leaked", block.text);
        }
    }
}

#[test]
fn hostile_text_is_escaped() {
    let markdown = to_markdown(&sample_brief());
    for raw in [SCRIPT, JS_LINK, "*about*", "E|C", "[EC]", "evil`1`"] {
        assert!(
            !markdown.contains(raw),
            "{raw:?} reached the Markdown unescaped"
        );
    }
    // The renderer never writes these itself, so each one came from an
    // article and must carry a backslash.
    let bytes = markdown.as_bytes();
    for (idx, &byte) in bytes.iter().enumerate() {
        if b"<`~$&_".contains(&byte) {
            assert_eq!(
                bytes[idx - 1],
                b'\\',
                "unescaped {:?} at byte {idx}",
                byte as char
            );
        }
    }
    assert!(markdown.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(markdown.contains("\\[x\\](javascript:alert(1))"));
    assert!(markdown.contains("| cost \\| col \\| | \\$ | **5** | [1] |"));
    assert!(markdown.contains("  > \\`rm -rf /\\` \\| drop \\# heading"));
    assert!(markdown.contains("| \\#hashtag | other |"));
    // A newline inside a cell would end the table row.
    assert!(markdown.contains("| line one line two |"));
}

/// The strongest check: a CommonMark/GFM parser finds no HTML, links,
/// images, footnotes or math anywhere, no headings beyond ours, and every
/// table row has as many cells as its header.
#[test]
fn parsed_document_contains_only_the_renderers_own_structure() {
    let markdown = to_markdown(&sample_brief());
    let mut n_headings = 0;
    let mut header_cells = 0;
    let mut row_cells = 0;
    let mut in_head = false;
    let mut text = String::new();
    for event in Parser::new_ext(&markdown, gfm()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("HTML reached output: {html}"),
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("math reached output: {m}"),
            Event::FootnoteReference(f) => panic!("footnote reached output: {f}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("link to {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image from {dest_url}"),
            Event::Start(Tag::Heading { .. }) => n_headings += 1,
            Event::Start(Tag::TableHead) => (in_head, header_cells) = (true, 0),
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) if in_head => header_cells += 1,
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::End(TagEnd::TableRow) => assert_eq!(row_cells, header_cells),
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert_eq!(n_headings, 2 * (1 + SECTIONS.len()) + 1);
    // Escaped text renders back as the original characters.
    assert!(text.contains(&format!("{SCRIPT} | col |")));
    assert!(text.contains(&format!("{JS_LINK} was posted.")));
}

#[test]
fn empty_brief_says_so() {
    let brief = Brief {
        schema: BRIEF_SCHEMA.to_owned(),
        stories: Vec::new(),
        diagnostics: Vec::new(),
    };
    assert_eq!(to_markdown(&brief), "No stories.\n");
}

#[test]
fn empty_sections_say_none() {
    let mut brief = sample_brief();
    let story = &mut brief.stories[0];
    story.claims.clear();
    story.quotes.clear();
    story.timeline.clear();
    story.summary.clear();
    let markdown = to_markdown(&brief);
    for title in ["Summary", "Claims", "Quotes", "Timeline"] {
        assert_eq!(section(&markdown, 0, title), ["None."], "{title}");
    }
}

#[test]
fn one_article_has_one_number_in_every_section() {
    let markdown = to_markdown(&sample_brief());
    // RTE is the third article, so it is [3] wherever it is cited.
    assert!(section(&markdown, 0, "Sources")[2].starts_with("3. Ukraine is 'ready'"));
    assert!(section(&markdown, 0, "Sources")[2].contains(&RTE.replace('_', "\\_")));
    assert!(section(&markdown, 0, "Quotes").contains(&"- **Dmitry Peskov** — [3]"));
    assert!(section(&markdown, 0, "Summary")[0].contains("declined to comment. [3]"));
    assert!(section(&markdown, 0, "Claims")
        .iter()
        .any(|row| row.contains("| 2,700 | [3] |")));
    assert!(section(&markdown, 0, "Timeline")[1].starts_with("  - [3] RTÉ — "));
}

#[test]
fn json_round_trips_and_ends_with_newline() {
    let brief = sample_brief();
    let json = concord_brief::to_json(&brief);
    assert!(json.ends_with("}\n"));
    assert!(json.starts_with("{\n  \"schema\": \"concord.brief/1\","));
    let back: Brief = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back, brief);
    let value = concord_brief::to_json_value(&brief);
    assert_eq!(
        value,
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    );
}
