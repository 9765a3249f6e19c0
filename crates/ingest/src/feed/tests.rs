//! Tests of the feed reader on the fixtures in `tests/fixtures/feeds` and
//! on synthetic damage.

use super::*;
use concord_model::RawFormat;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/feeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn read(name: &str, bytes: &[u8]) -> Ingested {
    parse_feed(name, name, bytes).unwrap()
}

fn messages(out: &Ingested) -> Vec<String> {
    out.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn rss_with_full_content() {
    let out = read("courier.rss", &fixture("courier.rss"));
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    assert_eq!(out.docs.len(), 3);
    let a = &out.docs[0];
    assert_eq!(a.format, RawFormat::Html);
    assert_eq!(a.source, "courier.rss#item1");
    assert_eq!(
        a.title.as_deref(),
        Some("Harborline to buy Pinecrest Freight in $4.2 billion cash deal")
    );
    let url = "https://www.piedmontcourier.example/business/harborline-pinecrest?utm_source=rss&utm_medium=feed";
    assert_eq!((a.id.as_str(), a.url.as_deref()), (url, Some(url)));
    assert_eq!(
        a.published.as_deref(),
        Some("Wed, 05 Nov 2025 14:30:00 +0000")
    );
    assert_eq!(a.author.as_deref(), Some("Lena Marsh"));
    assert_eq!(
        a.outlet.as_deref(),
        Some("The Piedmont Courier \u{2013} Business")
    );
    // content:encoded wins over the description, CDATA kept as HTML.
    assert!(
        a.text.starts_with("<p>Harborline Logistics Corp said"),
        "{}",
        a.text
    );
    assert!(a.text.contains("<figcaption>"));

    let b = &out.docs[1];
    // A summary without markup is a record: plain text plus fields.
    assert_eq!(b.format, RawFormat::Record);
    assert_eq!(b.author.as_deref(), Some("Omar Reyes"));
    assert!(b.text.contains("AT&T-style bundling"), "{}", b.text);

    let c = &out.docs[2];
    assert_eq!(c.format, RawFormat::Html);
    assert_eq!(
        c.title.as_deref(),
        Some("Teamsters vow to fight Harborline\u{2013}Pinecrest merger")
    );
    assert!(c.text.starts_with("<p>Ray Kowalczyk"), "{}", c.text);
    assert!(c.text.contains("&ldquo;Twelve hundred"), "{}", c.text);
    assert_eq!(
        c.url.as_deref(),
        Some("https://www.piedmontcourier.example/business/teamsters-harborline")
    );
}

#[test]
fn atom_with_summaries_only() {
    let out = read("ledger.atom", &fixture("ledger.atom"));
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    assert_eq!(out.docs.len(), 2);
    let a = &out.docs[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Pinecrest sale puts 1,200 jobs on the line")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://toledoledger.example/news/pinecrest-jobs")
    );
    assert_eq!(a.published.as_deref(), Some("2025-11-06T07:00:00-05:00"));
    assert_eq!(a.author.as_deref(), Some("Dana Kim"));
    assert_eq!(a.outlet.as_deref(), Some("Toledo Ledger"));
    assert_eq!(a.format, RawFormat::Html);
    assert!(a.text.starts_with("<p>Workers at Pinecrest"), "{}", a.text);
    let b = &out.docs[1];
    // `updated` is not a publication date.
    assert_eq!(b.published, None);
    assert_eq!(b.format, RawFormat::Record);
    assert_eq!(
        b.url.as_deref(),
        Some("https://toledoledger.example/news/lucas-county-pinecrest")
    );
}

#[test]
fn invalid_xml_in_one_item_costs_only_that_item() {
    let out = read("broken-middle.xml", &fixture("broken-middle.xml"));
    let titles: Vec<&str> = out.docs.iter().filter_map(|d| d.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            "Harborline bid lifts trucking stocks",
            "Analysts see antitrust review of Harborline deal"
        ]
    );
    assert_eq!(out.docs[1].source, "broken-middle.xml#item3");
    let msgs = messages(&out);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].starts_with("broken-middle.xml#item2: invalid XML at byte "),
        "{}",
        msgs[0]
    );
    assert!(msgs[0].ends_with("; item skipped"), "{}", msgs[0]);
}

#[test]
fn truncated_feed_keeps_finished_items() {
    let bytes = fixture("courier.rss");
    let cut = crate::bytes::find(&bytes, b"Ray Kowalczyk").unwrap();
    let tag = crate::bytes::find(&bytes, b"<content:encoded>&lt;p&gt;Ray").unwrap();
    let out = read("cut.rss", &bytes[..cut]);
    assert_eq!(out.docs.len(), 2);
    assert_eq!(
        messages(&out),
        [format!("cut.rss#item3: invalid XML at byte {tag}: <content:encoded> is never closed; item skipped")]
    );
    // Cut between two tags of an item, the lexer sees the end of input.
    let cut = crate::bytes::find(
        &bytes,
        b"<dc:creator>Lena Marsh</dc:creator>\n    <content:encoded>&lt;",
    )
    .unwrap();
    let out = read("cut.rss", &bytes[..cut]);
    assert_eq!(
        messages(&out),
        ["cut.rss#item3: feed ends inside this item (truncated?)"]
    );
}

#[test]
fn raw_html_in_a_description_is_tolerated() {
    let feed = b"<rss><channel><title>T</title><item><title>A</title><description><p>One<br>two</p></description></item></channel></rss>";
    let out = read("raw.rss", feed);
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    assert_eq!(out.docs[0].text, "<p>One<br>two</p>");
    assert_eq!(out.docs[0].format, RawFormat::Html);
}

#[test]
fn out_of_line_atom_content_falls_back_to_the_summary() {
    let feed = br#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><content type="html" src="https://x.example/full"/><summary>Short.</summary></entry></feed>"#;
    let out = read("o.atom", feed);
    assert_eq!(out.docs[0].text, "Short.");
    assert_eq!(out.docs[0].format, RawFormat::Record);
}

#[test]
fn rss1_items_and_encodings() {
    let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rdf:RDF xmlns:rdf=\"r\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"d\"><channel><title>Caf\xe9 News</title><items><rdf:Seq><rdf:li resource=\"x\"/></rdf:Seq></items></channel><item rdf:about=\"x\"><title>Fa\xe7ade</title><link>https://x.example/a</link><dc:date>2025-01-13</dc:date><dc:creator>A</dc:creator><dc:creator>B</dc:creator></item></rdf:RDF>";
    let out = read("rdf.xml", feed);
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    let a = &out.docs[0];
    assert_eq!(a.title.as_deref(), Some("Fa\u{e7}ade"));
    assert_eq!(a.outlet.as_deref(), Some("Caf\u{e9} News"));
    assert_eq!(a.published.as_deref(), Some("2025-01-13"));
    assert_eq!(a.author.as_deref(), Some("A, B"));
    assert_eq!(a.text, "");
}

#[test]
fn item_problems_and_whole_feed_problems() {
    let feed = b"<rss><channel><item><link>https://x.example/a</link></item><item/><item><title>Ok</title></item></channel></rss>";
    let out = read("e.rss", feed);
    assert_eq!(out.docs.len(), 1);
    assert_eq!(out.docs[0].id, "e.rss#item3");
    assert_eq!(
        messages(&out),
        [
            "e.rss#item1: item has neither content nor a title",
            "e.rss#item2: item has neither content nor a title"
        ]
    );
    let empty = read("n.rss", b"<rss><channel><title>T</title></channel></rss>");
    assert_eq!(messages(&empty), ["n.rss: feed has no items"]);
    let err = parse_feed(
        "s.xml",
        "s.xml",
        b"<?xml version='1.0'?><urlset><url/></urlset>",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "s.xml: not an RSS or Atom feed (root element is <urlset>)"
    );
    let err = parse_feed("s.xml", "s.xml", b"just text").unwrap_err();
    assert_eq!(
        err.to_string(),
        "s.xml: not an RSS or Atom feed (no root element)"
    );
    let bad = read(
        "u.rss",
        b"<rss><channel><item><title>Caf\xe9</title></item></channel></rss>",
    );
    assert_eq!(bad.docs[0].title.as_deref(), Some("Caf\u{fffd}"));
    assert_eq!(
        messages(&bad),
        ["u.rss: invalid UTF-8 at byte 30 (bad bytes replaced with U+FFFD)"]
    );
}

#[test]
fn mismatched_tags_between_items_are_reported_for_the_feed() {
    let feed = b"<rss><channel><item><title>A</title></item></oops><item><title>B</title></item></channel></rss>";
    let out = read("m.rss", feed);
    let titles: Vec<&str> = out.docs.iter().filter_map(|d| d.title.as_deref()).collect();
    assert_eq!(titles, ["A", "B"]);
    assert_eq!(
        messages(&out),
        ["m.rss: invalid XML at byte 43: expected </channel>, found </oops>"]
    );
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_feed("f.xml", "f.xml", &bytes);
        let mut framed = b"<rss><channel><item><title>".to_vec();
        framed.extend_from_slice(&bytes);
        let _ = parse_feed("f.xml", "f.xml", &framed);
    }

    #[test]
    fn never_panics_on_feedlike_text(parts in proptest::collection::vec(prop_oneof![
        Just("<item>"), Just("</item>"), Just("<entry>"), Just("</entry>"), Just("<title>"), Just("</title>"),
        Just("<description>"), Just("</description>"), Just("<![CDATA["), Just("]]>"), Just("&amp;"), Just("&#x"),
        Just("<link href='x'/>"), Just("<!--"), Just("-->"), Just("text"), Just("<"), Just(">"), Just("&"),
        Just("<content type=\"xhtml\">"), Just("</content>"), Just("<author><name>"), Just("</name></author>"),
    ], 0..40)) {
        let text = format!("<rss><channel>{}</channel></rss>", parts.concat());
        let out = parse_feed("f.rss", "f.rss", text.as_bytes()).unwrap();
        for doc in &out.docs {
            prop_assert!(doc.source.starts_with("f.rss#item"));
        }
    }

    #[test]
    fn truncated_fixtures_never_panic(cut in 0usize..4000, which in 0usize..3) {
        let name = ["courier.rss", "ledger.atom", "broken-middle.xml"][which];
        let bytes = fixture(name);
        let _ = parse_feed(name, name, &bytes[..cut.min(bytes.len())]);
    }
}
