//! The stripping pass: what it empties, what it keeps, and that the tree
//! html5ever builds from a stripped page is the original's, less the
//! emptied bodies, on every benchmark page.

use super::strip_unread;
use ego_tree::iter::Edge;
use scraper::{Html, Node};
use std::io::Read;
use std::path::Path;

/// Pad a snippet past the size below which pages are left alone.
fn page(body: &str) -> String {
    format!(
        "<html><head><title>T</title></head><body>{body}<p>{}</p></body></html>",
        "filler ".repeat(700)
    )
}

fn stripped(body: &str) -> String {
    strip_unread(&page(body)).into_owned()
}

#[test]
fn empties_scripts_styles_comments_and_drawings() {
    let out = stripped(
        "<script src=a.js>var x = '</p>';</script><style>p{}</style><!-- note --><svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><title>icon</title></svg><p>kept</p>",
    );
    assert!(
        out.contains(
            "<script src=a.js></script><style></style><!----><svg viewBox=\"0 0 1 1\"></svg><p>kept</p>"
        ),
        "{}",
        &out[..300]
    );
}

#[test]
fn keeps_json_ld_and_rcdata() {
    let ld = r#"<script type="application/ld+json">{"datePublished":"2020-01-02"}</script>"#;
    let area = "<textarea><script>not a script</script></textarea>";
    let out = stripped(&format!("{ld}{area}"));
    assert!(out.contains(ld) && out.contains(area));
}

#[test]
fn quoted_attributes_hide_tags() {
    let body = r#"<div data-x="<script>">text</div><script>a</script>"#;
    assert!(stripped(body).contains(r#"<div data-x="<script>">text</div><script></script>"#));
}

#[test]
fn stops_where_unsure() {
    // An escaped script that nests `<script`: its end is past the first
    // `</script>`, so the rest is left as it is.
    let body = "<script><!-- document.write('<script>x</script>'); --></script><style>p{}</style>";
    assert!(stripped(body).contains("<style>p{}</style>"));
    // HTML inside <svg> breaks out of it in the tree builder.
    let body = "<svg><p>out</p></svg><style>p{}</style>";
    assert!(stripped(body).contains("<svg><p>out</p></svg><style>p{}</style>"));
    // A page that ends inside a script is left to the parser.
    assert!(stripped("<script>unterminated").contains("unterminated"));
}

#[test]
fn small_pages_are_left_alone() {
    let small = "<p>x</p><script>y</script>";
    assert!(matches!(strip_unread(small), std::borrow::Cow::Borrowed(_)));
}

/// Marks tags apart from text in a shape.
const TAG: char = '\u{1}';

/// The parsed tree as a list of tags and text, without what the pass
/// empties and with adjacent texts joined (a cut comment joins them).
fn shape(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out: Vec<String> = Vec::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skip.is_none() => match node.value() {
                Node::Element(e) => {
                    out.push(format!(
                        "\u{1}<{} {:?}>",
                        e.name(),
                        e.attrs().collect::<Vec<_>>()
                    ));
                    let ld = e.attr("type").is_some_and(|t| t.contains("ld+json"));
                    if matches!(e.name(), "script" | "style" | "noscript" | "svg") && !ld {
                        skip = Some(node.id());
                    }
                }
                Node::Text(t) => match out.last_mut() {
                    Some(last) if !last.starts_with(TAG) => last.push_str(t),
                    _ => out.push(t.to_string()),
                },
                _ => {}
            },
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                }
                if skip.is_none() && node.value().is_element() {
                    out.push(format!("{TAG}</>"));
                }
            }
            Edge::Open(_) => {}
        }
    }
    out
}

#[test]
fn benchmark_pages_parse_to_the_same_tree() {
    same_trees("article-extraction/html", 100);
}

#[test]
fn dated_pages_parse_to_the_same_tree() {
    // Every fourth page: debug builds parse slowly.
    same_trees("publication-dates/html", 150);
}

/// Every gzipped page under the fixture folder parses to the same tree
/// stripped or not, and over half the bytes go.
fn same_trees(folder: &str, min_pages: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("no fixtures at {}", dir.display());
    };
    let (mut n_pages, mut n_bytes, mut n_kept) = (0, 0, 0);
    let step = if folder.starts_with("publication") {
        4
    } else {
        1
    };
    for entry in entries.flatten().step_by(step) {
        let Ok(file) = std::fs::File::open(entry.path()) else {
            continue;
        };
        let mut html = String::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_string(&mut html)
            .is_err()
        {
            continue; // not UTF-8: the charset tests cover those pages
        }
        let out = strip_unread(&html);
        let (before, after) = (shape(&html), shape(&out));
        if let Some(at) =
            (0..before.len().max(after.len())).find(|&i| before.get(i) != after.get(i))
        {
            let window = |v: &[String]| v[at.saturating_sub(3)..(at + 3).min(v.len())].to_vec();
            panic!(
                "{}: trees differ at {at}:\n{:?}\n{:?}",
                entry.path().display(),
                window(&before),
                window(&after)
            );
        }
        n_pages += 1;
        n_bytes += html.len();
        n_kept += out.len();
    }
    assert!(n_pages > min_pages, "{n_pages} pages read");
    assert!(
        n_kept * 3 < n_bytes * 2,
        "only {n_kept} of {n_bytes} bytes cut"
    );
}

proptest::proptest! {
    /// Any mix of markup pieces and multi-byte text: no panic (every cut is
    /// at an ASCII `<` or after a `>`), and nothing outside the emptied
    /// bodies is lost.
    #[test]
    fn never_panics_and_keeps_text_outside_bodies(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "<script>", "</script>", "<script type=\"application/ld+json\">", "<style>",
                "</style>", "<!--", "-->", "<svg>", "</svg>", "<p>", "</p>", "<math>",
                "<textarea>", "</textarea>", "<div a=\"", "\">", "é", "日本", " x ", "<", ">",
            ]),
            0..60,
        ),
        pad in 4096usize..4200,
    ) {
        let page = format!("{}<p>KEEP</p>{}", "y".repeat(pad), pieces.concat());
        let out = strip_unread(&page);
        proptest::prop_assert!(out.contains("KEEP"));
        proptest::prop_assert!(out.len() <= page.len());
    }
}

proptest::proptest! {
    /// Random tag soup parses to the same tree stripped or not.
    #[test]
    fn tag_soup_parses_to_the_same_tree(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "<script>", "</script>", "<script type=\"application/ld+json\">", "<style>",
                "</style>", "<!--", "-->", "--!>", "<svg>", "</svg>", "<p>", "</p>", "<math>",
                "</math>", "<textarea>", "</textarea>", "<div a=\"", "\">", "<div a='", "'>",
                "<noscript>", "</noscript>", "<title>", "</title>", "<table>", "<select>",
                "<b>", "é", " x ", "<", ">", "/", "<!", "<![CDATA[", "]]>", "<br/>",
                "<SCRIPT src=x>", "</script >", "<template>", "</template>", "<desc>",
                "<foreignObject>", "</foreignObject>", "<mi>", "<plaintext>", "<svg/>",
            ]),
            0..40,
        ),
    ) {
        let page = format!("{}{}", "<p>pad</p>".repeat(420), pieces.concat());
        let out = strip_unread(&page);
        proptest::prop_assert_eq!(shape(&page), shape(&out));
    }
}
