//! The stripping pass: what it empties, what it keeps, and that the tree
//! html5ever builds from a stripped page is the original's, less the
//! emptied bodies and the attributes no reader looks at, on every
//! benchmark page.

use super::{keeps_attr, strip_unread};
use crate::tree::is_read;
use ego_tree::iter::Edge;
use html5ever::{ns, LocalName, QualName};
use scraper::{Html, Node};

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
        out.contains("<script ></script><style></style><!----><svg ></svg><p>kept</p>"),
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
fn drops_attributes_no_reader_looks_at() {
    let out = stripped(
        r#"<div data-x="1" class=c onclick='f()' ID=i><img src=a.png srcset="a 1x, b 2x" alt=x title=t><a href=/x target=_blank rel=nofollow>l</a></div>"#,
    );
    assert!(
        out.contains(r#"<div class=c ID=i><img title=t><a href rel=nofollow>l</a></div>"#),
        "{}",
        &out[..300]
    );
}

#[test]
fn href_values_are_kept_only_where_read() {
    assert!(stripped(r#"<a HREF = "/x" class=c>l</a>"#).contains("<a HREF class=c>l</a>"));
    assert!(stripped("<area href=/x/>").contains("<area href>"));
    for kept in [
        // The canonical address is read on `<link>`.
        r#"<link rel=canonical href="https://example.com/a">"#,
        // Without the value, `href` and `class` would be one name.
        r#"<a href="/x"class=c>l</a>"#,
        // The deep-nesting prescan counts every `<`.
        r#"<a href="/x?a<b">l</a>"#,
        // Formatting elements are compared whole when they are reopened.
        r#"<b href=/x>b</b>"#,
    ] {
        assert!(stripped(kept).contains(kept), "{kept}");
    }
}

#[test]
fn keeps_attributes_that_shape_the_tree() {
    for kept in [
        // Formatting elements are compared whole when they are reopened.
        r#"<b data-x=1>b</b>"#,
        r#"<font data-x=1 size=2>f</font>"#,
        // `type=hidden` keeps an input out of foster parenting.
        r#"<table><input type=hidden></table>"#,
        r#"<math><annotation-xml encoding=text/html><p>h</p></annotation-xml></math>"#,
        r#"<template shadowrootmode=open>t</template>"#,
        // Left out, the `/` would make the tag self-closing.
        "<br/data-x=1>",
        // The deep-nesting prescan counts every `<`.
        r#"<p data-x="<div>">x</p>"#,
        r#"<p xlink:title=t>x</p>"#,
    ] {
        assert!(stripped(kept).contains(kept), "{kept}");
    }
    // End tags and unquoted values as the tokenizer reads them.
    assert!(stripped("<br data-x=1/>").contains("<br >"));
    assert!(stripped(r#"<p data-x = "a>b"data-y=2 id=q>"#).contains("<p id=q>"));
    assert!(stripped(r#"<p =" data-x>"#).contains("<p >"));
}

#[test]
fn every_attribute_a_reader_looks_at_is_kept() {
    let mut names: Vec<String> = [
        "class",
        "id",
        "itemprop",
        "itemtype",
        "hidden",
        "aria-hidden",
        "style",
        "role",
        "href",
        "datetime",
        "content",
        "title",
        "property",
        "name",
        "http-equiv",
        "rel",
        "type",
        "lang",
        "pubdate",
    ]
    .map(String::from)
    .to_vec();
    // And every attribute name on the benchmark pages.
    for (_, html) in crate::fixture_pages::gzipped_pages("article-extraction/html", 1) {
        for node in Html::parse_document(&html).tree.values() {
            if let Node::Element(e) = node {
                names.extend(e.attrs().map(|(n, _)| n.to_string()));
            }
        }
    }
    names.sort();
    names.dedup();
    assert!(names.len() > 100, "{} names", names.len());
    // The tree builder reads these.
    for name in [
        "type",
        "color",
        "face",
        "size",
        "encoding",
        "charset",
        "shadowrootmode",
        "xmlns",
        "Color",
        "xlink:href",
    ] {
        assert!(keeps_attr(name.as_bytes()), "{name}");
    }
    for name in &names {
        let qual = QualName::new(None, ns!(), LocalName::from(name.as_str()));
        assert!(!is_read(&qual) || keeps_attr(name.as_bytes()), "{name}");
    }
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
                    // Only the attributes the cleaner reads are kept, and
                    // of an `href` only whether there is one, but on `<link>`.
                    let attrs: Vec<_> = e
                        .attrs
                        .iter()
                        .filter(|(n, _)| is_read(n))
                        .map(|(n, v)| {
                            let unread = n.local == *"href" && e.name() != "link";
                            (format!("{n:?}"), if unread { "" } else { &**v })
                        })
                        .collect();
                    out.push(format!("\u{1}<{} {} {attrs:?}>", e.name(), &*e.name.ns));
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
    let (mut n_pages, mut n_bytes, mut n_kept) = (0, 0, 0);
    let step = if folder.starts_with("publication") {
        4
    } else {
        1
    };
    for (path, html) in crate::fixture_pages::gzipped_pages(folder, step) {
        let out = strip_unread(&html);
        let (before, after) = (shape(&html), shape(&out));
        if let Some(at) =
            (0..before.len().max(after.len())).find(|&i| before.get(i) != after.get(i))
        {
            let window = |v: &[String]| v[at.saturating_sub(3)..(at + 3).min(v.len())].to_vec();
            panic!(
                "{}: trees differ at {at}:\n{:?}\n{:?}",
                path.display(),
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
                "<div data-x=1 class=c>", "<a onclick=\"f()\" href=h>", "</a>", "<i data-i=2>",
                "<font size=1 data-f=3>", "<input data-n type=hidden>", "<td data-t=\"<\">",
                "<br/data-b>", "<img src=x/>", "<p id=p data-p='>'>", "<span x=\"1\"y=2>",
                "<html data-h lang=en>", "<body onload=x class=b>", "<tr data-r>", "<i>",
                "<a href=\"/u\"class=c>", "<link rel=canonical href=\"/c\">", "<a href='x'/>",
                "<area href=x>", "<a href= x id=i>", "<b href=y>", "<a HREF=\"a<b\">",
            ]),
            0..40,
        ),
    ) {
        let page = format!("{}{}", "<p>pad</p>".repeat(420), pieces.concat());
        let out = strip_unread(&page);
        proptest::prop_assert_eq!(shape(&page), shape(&out));
    }
}

proptest::proptest! {
    /// The `match` keeps exactly the attributes the per-length name lists
    /// kept, in any case, with prefixes, near misses and long names.
    #[test]
    fn keeps_attr_match_is_the_name_lists(
        name in proptest::sample::select(vec![
            "class", "id", "itemprop", "itemtype", "hidden", "aria-hidden", "style", "role",
            "href", "datetime", "content", "title", "property", "name", "http-equiv", "rel",
            "type", "lang", "pubdate", "color", "face", "size", "encoding", "charset",
            "shadowrootmode", "xmlns", "src", "data-id", "ids", "i", "", "xlink:title",
            "shadowrootmodes", "onclick", "aria-hiddem",
        ]),
        upper in proptest::collection::vec(proptest::bool::ANY, 16),
    ) {
        let cased: Vec<u8> = name
            .bytes()
            .zip(upper.iter().cycle())
            .map(|(b, &up)| if up { b.to_ascii_uppercase() } else { b })
            .collect();
        proptest::prop_assert_eq!(
            keeps_attr(&cased),
            super::attrs::keeps_attr_by_list(&cased),
            "{:?}",
            String::from_utf8_lossy(&cased)
        );
    }
}

proptest::proptest! {
    /// The short-loop searches answer as `memchr` does, wherever the byte
    /// is (within the first 16 bytes, past them, nowhere) and from any
    /// offset, the page's end and past it included.
    #[test]
    fn near_searches_are_memchr(
        bytes in proptest::collection::vec(
            proptest::sample::select(vec![b'<', b'a', b' ', b'"', 0xc3]),
            0..80,
        ),
        from in 0usize..90,
    ) {
        proptest::prop_assert_eq!(
            super::find_byte_near(&bytes, b'<', from),
            super::find_byte(&bytes, b'<', from)
        );
        let span = bytes.get(from.min(bytes.len())..).unwrap_or_default();
        proptest::prop_assert_eq!(
            super::attrs::has_byte(span, b'"'),
            memchr::memchr(b'"', span).is_some()
        );
    }
}

proptest::proptest! {
    /// `skip` stops where the `get`-per-byte loop stopped, for each byte
    /// class, from any offset (the end and past it included).
    #[test]
    fn skip_is_the_get_loop(
        bytes in proptest::collection::vec(
            proptest::sample::select(vec![b' ', b'\n', b'a', b'=', b'/', b'>', b'"', 0xc3]),
            0..40,
        ),
        from in 0usize..45,
        class in proptest::sample::select(vec![
            super::attrs::SPACE,
            super::attrs::IN_NAME,
            super::attrs::IN_UNQUOTED_VALUE,
        ]),
    ) {
        proptest::prop_assert_eq!(
            super::attrs::skip(&bytes, from, class),
            super::attrs::skip_by_get(&bytes, from, class)
        );
    }
}
