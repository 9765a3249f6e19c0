//! Properties that hold for any input: cleaning never panics, and body
//! paragraphs are non-empty trimmed strings.

use concord_clean::clean;
use concord_model::{RawDoc, RawFormat};
use proptest::prelude::*;

/// Lines mixing news prose, furniture, captions, embeds and metadata, so
/// random documents reach every rule and not just the "nothing matched" path.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,60}",
        Just("skip to main content".to_string()),
        Just("Most Read".to_string()),
        Just(" date 2025-01-13 KYIV: Ukraine said.".to_string()),
        Just("KYIV (Reuters) - ".to_string()),
        Just("By Jane Doe".to_string()),
        Just("Mon 13 Jan 2025 10.32 GMT".to_string()),
        Just("Photo: X/AP".to_string()),
        Just("— Name (@handle) January 12, 2025".to_string()),
        Just("pic.twitter.com/x".to_string()),
        Just("We use cookies on your device.".to_string()),
        Just("Seoul confirms the capture".to_string()),
        Just("He said it was over.".to_string()),
        Just(String::new()),
    ]
}

fn format() -> impl Strategy<Value = RawFormat> {
    prop_oneof![
        Just(RawFormat::Text),
        Just(RawFormat::Html),
        Just(RawFormat::Record)
    ]
}

fn check(doc: &RawDoc) -> Result<(), TestCaseError> {
    let a = clean(doc);
    for p in &a.body_paragraphs {
        prop_assert!(!p.is_empty());
        prop_assert_eq!(p.trim(), p.as_str());
    }
    if let Some(t) = &a.title {
        prop_assert!(!t.trim().is_empty());
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_text_cleans_without_panic(text in "\\PC{0,300}", format in format()) {
        check(&RawDoc::new("p", "p", format, text))?;
    }

    #[test]
    fn news_shaped_documents_clean_without_panic(lines in proptest::collection::vec(line(), 0..16), format in format(), sep in prop_oneof![Just("\n"), Just("\n\n"), Just("\r\n")]) {
        check(&RawDoc::new("p", "p", format, lines.join(sep)))?;
    }

    #[test]
    fn html_tag_soup_cleans_without_panic(parts in proptest::collection::vec(prop_oneof![
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<article>".to_string()),
        Just("<figure><figcaption>".to_string()), Just("<nav>".to_string()), Just("<br>".to_string()),
        Just("<div class=\"cookie\">".to_string()), Just("</div>".to_string()),
        Just("<script type=\"application/ld+json\">{\"datePublished\": \"2025-01-01\"}</script>".to_string()),
        Just("<h1>".to_string()), Just("<li>".to_string()), "\\PC{0,30}",
    ], 0..40)) {
        check(&RawDoc::new("p", "p", RawFormat::Html, parts.concat()))?;
    }

    #[test]
    fn record_metadata_fields_never_panic(title in proptest::option::of("\\PC{0,30}"), published in proptest::option::of("\\PC{0,30}"), text in "\\PC{0,100}") {
        let mut doc = RawDoc::new("r", "r", RawFormat::Record, text);
        doc.title = title;
        doc.published = published;
        check(&doc)?;
    }
}

/// Deep nesting neither overflows the stack nor takes quadratic time: a
/// moderately deep page is parsed, a hostile one read as flat text.
#[test]
fn deeply_nested_html_is_read_quickly() {
    for depth in [1_000, 100_000] {
        let html = format!(
            "{}<p>Deep text here.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = std::time::Instant::now();
        let a = clean(&RawDoc::new("d", "d", RawFormat::Html, html));
        assert_eq!(a.body_paragraphs, ["Deep text here."], "depth {depth}");
        assert!(
            started.elapsed().as_secs() < 10,
            "depth {depth} took {:?}",
            started.elapsed()
        );
    }
}
