//! Escaping of untrusted, article-derived text for Markdown output.
//!
//! Articles come from arbitrary web pages, so a title, quote or entity name
//! may contain text that a Markdown renderer would read as markup: HTML
//! (`<script>`), links (`[x](javascript:…)`), table separators (`|`),
//! headings or list markers at the start of a line, or math (`$…$` on
//! GitHub). [`inline`] turns any such text into one line that every
//! CommonMark/GFM renderer shows as the literal characters, so it is safe in
//! a paragraph, a list item, a heading, a block quote and a table cell alike.

/// ASCII characters that start or end markup somewhere in CommonMark or GFM.
///
/// CommonMark lets a backslash escape any ASCII punctuation, so escaping a
/// character that happens to be harmless in its position costs nothing but a
/// backslash in the raw file; missing one is an injection.
/// `&` starts entity references (`&lt;` would otherwise render as `<`),
/// `~` strikethrough and fences, `$` math, `|` table cells, and `#` both
/// opens a heading and, at the end of a heading line, closes it (a headline
/// ending in " #" would lose that character).
const MARKUP: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '$', '&', '#',
];

/// Characters that start a block (list item, setext underline) only when
/// they begin a line. Escaped there, left alone elsewhere for readability.
const BLOCK_START: &[char] = &['-', '+', '='];

/// `text` as one line of Markdown that renders as exactly that text.
///
/// Runs of whitespace, including newlines, become one space (a newline would
/// end a table row or start a new block), and the result is trimmed. Control
/// characters count as whitespace; bidirectional overrides are dropped
/// because they can make the text after them (our citation marks, the next
/// table column) display in reversed order.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut pending_space = false;
    for ch in text.chars() {
        if is_bidi_override(ch) {
            continue;
        }
        if ch.is_whitespace() || ch.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if MARKUP.contains(&ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    escape_block_start(out)
}

/// Escapes what would open a block if `line` stood at the start of a line:
/// `- item`, `+ item`, `===` underline, `1. item`, `1) item`.
fn escape_block_start(line: String) -> String {
    if line.starts_with(BLOCK_START) {
        return format!("\\{line}");
    }
    // CommonMark ordered-list markers are 1–9 digits followed by `.` or `)`.
    let n_digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let is_list_marker =
        (1..=9).contains(&n_digits) && matches!(line.as_bytes().get(n_digits), Some(b'.' | b')'));
    if is_list_marker {
        let (digits, rest) = line.split_at(n_digits);
        return format!("{digits}\\{rest}");
    }
    line
}

/// Unicode bidirectional embeddings, overrides and isolates.
fn is_bidi_override(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// What a renderer should show for `text`: whitespace collapsed, bidi
    /// overrides gone, nothing else changed.
    fn shown(text: &str) -> String {
        let kept: String = text.chars().filter(|&c| !is_bidi_override(c)).collect();
        kept.split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn gfm() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_MATH
    }

    /// The literal text of a Markdown document, or an error naming the first
    /// event that is not plain text inside the expected containers.
    fn rendered_text(markdown: &str, containers: &[TagEnd]) -> Result<String, String> {
        let mut text = String::new();
        for event in Parser::new_ext(markdown, gfm()) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(tag) if containers.contains(&Tag::to_end(&tag)) => {}
                Event::End(end) if containers.contains(&end) => {}
                other => return Err(format!("{other:?} in {markdown:?}")),
            }
        }
        Ok(text)
    }

    #[test]
    fn hostile_strings_render_literally() {
        for hostile in [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "![img](http://x/y.png)",
            "| col |",
            "`code`",
            "**bold** _em_ ~~gone~~",
            "# heading",
            "- item",
            "1. item",
            "2025) item",
            "===",
            "> quoted",
            "&lt;b&gt;",
            "costs $5 and $10",
            "[^1]",
            "line one\nline two\r\n\n- item",
            "trailing backslash \\",
        ] {
            let line = inline(hostile);
            assert!(!line.contains('\n'), "{line:?}");
            let para = rendered_text(&line, &[TagEnd::Paragraph]);
            assert_eq!(para.as_deref(), Ok(shown(hostile).as_str()), "{line:?}");
        }
    }

    #[test]
    fn plain_prose_is_left_readable() {
        assert_eq!(
            inline("Zelensky said 12,000 troops (some) were sent."),
            "Zelensky said 12,000 troops (some) were sent."
        );
        assert_eq!(inline("  spaced\n\tout  "), "spaced out");
        assert_eq!(inline("a - b + c"), "a - b + c");
    }

    #[test]
    fn block_starts_are_escaped_only_at_the_start() {
        assert_eq!(inline("# x"), "\\# x");
        assert_eq!(inline("12. x"), "12\\. x");
        assert_eq!(inline("1234567890. x"), "1234567890. x");
        assert_eq!(inline("12.5 x"), "12\\.5 x");
    }

    #[test]
    fn bidi_overrides_are_dropped() {
        assert_eq!(inline("a\u{202E}cba\u{202C} b"), "acba b");
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        // Markup-heavy alphabet so most cases contain several specials.
        proptest::string::string_regex(r"[-a-z0-9 \n\t\\`*_\[\]<>|~$&#+=.!():/^\u{202E}é]{0,40}")
            .expect("valid regex")
    }

    /// Containers whose content `inline` must stay inside, as the renderer
    /// uses them: a line prefix, and the tags the parser opens for it.
    const CONTEXTS: [(&str, &[TagEnd]); 5] = [
        ("", &[TagEnd::Paragraph]),
        ("# ", &[TagEnd::Heading(pulldown_cmark::HeadingLevel::H1)]),
        ("- ", &[TagEnd::List(false), TagEnd::Item]),
        ("1. ", &[TagEnd::List(true), TagEnd::Item]),
        ("  > ", &[TagEnd::BlockQuote(None), TagEnd::Paragraph]),
    ];

    proptest! {
        #[test]
        fn any_text_renders_as_itself_in_every_block(text in hostile_text()) {
            let line = inline(&text);
            prop_assert!(!line.contains('\n'));
            for (prefix, containers) in CONTEXTS {
                let markdown = format!("{prefix}{line}");
                prop_assert_eq!(rendered_text(&markdown, containers), Ok(shown(&text)));
            }
        }

        #[test]
        fn any_text_stays_in_its_table_cell(text in hostile_text()) {
            let table = format!("| a | b |\n| --- | --- |\n| {} | end |\n", inline(&text));
            let cells = [TagEnd::Table, TagEnd::TableHead, TagEnd::TableRow, TagEnd::TableCell];
            let all = rendered_text(&table, &cells);
            prop_assert_eq!(all, Ok(format!("ab{}end", shown(&text))));
        }
    }
}
