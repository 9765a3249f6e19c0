//! Tests of the WARC reader on the fixtures in `tests/fixtures/warc` (made
//! by `make_fixtures.py` there) and on synthetic damage.

use super::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use std::io::Write;

const URL_A: &str =
    "https://www.piedmontcourier.example/business/harborline-pinecrest?utm_source=rss";
const URL_B: &str = "https://markets.wirewire.example/deals/2025/11/05/harborline-pinecrest";
const URL_C: &str = "https://toledoledger.example/news/pinecrest-jobs";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/warc/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn read(name: &str, bytes: &[u8]) -> Ingested {
    parse_warc(name, bytes, &Limits::default()).unwrap()
}

fn urls(out: &Ingested) -> Vec<&str> {
    out.docs.iter().filter_map(|d| d.url.as_deref()).collect()
}

fn messages(out: &Ingested) -> Vec<String> {
    out.diagnostics.iter().map(ToString::to_string).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    );
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

fn html_resource(uri: &str, body: &str) -> Vec<u8> {
    record("resource", uri, "text/html", body.as_bytes())
}

#[test]
fn request_response_and_resource_records() {
    let out = read("three-records.warc", &fixture("three-records.warc"));
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    assert_eq!(urls(&out), [URL_A, URL_C]);
    let a = &out.docs[0];
    assert_eq!(a.id, URL_A);
    assert_eq!(a.format, RawFormat::Html);
    // Chunked, then gzip-decoded.
    assert!(
        a.text.contains("<h1>Harborline to buy Toledo trucker"),
        "{}",
        a.text
    );
    // The fetch date is not a publication date.
    assert_eq!(a.published, None);
    let offset: usize = a.source.rsplit_once('#').unwrap().1.parse().unwrap();
    assert!(fixture("three-records.warc")[offset..].starts_with(b"WARC/1.1\r\nWARC-Type: response"));
    assert!(out.docs[1].text.contains("1,200 jobs"));
}

#[test]
fn gzip_per_record_and_whole_file_read_the_same_pages() {
    let per_record = read("per-record.warc.gz", &fixture("per-record.warc.gz"));
    let whole = read("whole-file.warc.gz", &fixture("whole-file.warc.gz"));
    for out in [&per_record, &whole] {
        // 8 records: warcinfo, request, 404, image and revisit make no page.
        assert!(out.diagnostics.is_empty(), "{:?}", messages(out));
        assert_eq!(urls(out), [URL_A, URL_B, URL_C]);
    }
    let texts = |out: &Ingested| out.docs.iter().map(|d| d.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&per_record), texts(&whole));
    // Page B is windows-1252, declared only in its <meta charset>.
    let b = &per_record.docs[1].text;
    assert!(
        b.contains("Pinecrest Freight \u{2013} a $4.2 billion"),
        "{b}"
    );
    assert!(b.contains("NEW YORK \u{2014} Harborline"), "{b}");
    // Per-record offsets point at gzip members; whole-file ones into the one member.
    let gz = fixture("per-record.warc.gz");
    for doc in &per_record.docs {
        let offset: usize = doc.source.rsplit_once('#').unwrap().1.parse().unwrap();
        assert!(gz[offset..].starts_with(&[0x1f, 0x8b]), "{}", doc.source);
    }
    assert!(
        whole.docs[2].source.starts_with("whole-file.warc.gz#0+"),
        "{}",
        whole.docs[2].source
    );
}

#[test]
fn a_broken_middle_record_is_reported_and_the_next_one_read() {
    let bytes = fixture("broken-record.warc");
    let out = read("broken-record.warc", &bytes);
    assert_eq!(urls(&out), [URL_A, URL_C]);
    let msgs = messages(&out);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    let broken_at = find(&bytes[1..], b"WARC/1.0").unwrap() + 1;
    assert_eq!(
        msgs[0],
        format!(
            "broken-record.warc#{broken_at}: WARC record does not end where its Content-Length (2521 bytes) says; skipped to the next record"
        )
    );
}

#[test]
fn a_truncated_gzip_member_costs_only_its_record() {
    let out = read(
        "truncated-member.warc.gz",
        &fixture("truncated-member.warc.gz"),
    );
    assert_eq!(urls(&out), [URL_A, URL_C]);
    let msgs = messages(&out);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].starts_with("truncated-member.warc.gz#")
            && msgs[0].contains(": truncated or corrupt gzip data"),
        "{}",
        msgs[0]
    );
}

#[test]
fn a_truncated_whole_file_gzip_keeps_the_records_before_the_cut() {
    let plain: Vec<u8> = (0..20)
        .flat_map(|i| {
            html_resource(
                &format!("https://x.example/{i}"),
                &format!("<p>Page {i} {}</p>", "text ".repeat(40 + i)),
            )
        })
        .collect();
    let gz = gzip(&plain);
    let out = read("cut.warc.gz", &gz[..gz.len() * 2 / 3]);
    assert!(
        out.docs.len() >= 5 && out.docs.len() < 20,
        "{}",
        out.docs.len()
    );
    let msgs = messages(&out);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].starts_with("cut.warc.gz#0: truncated or corrupt gzip data"),
        "{}",
        msgs[0]
    );
}

#[test]
fn record_level_errors_name_the_offset() {
    let ok = html_resource("https://x.example/ok", "<p>fine</p>");
    let no_length = b"WARC/1.1\r\nWARC-Type: resource\r\n\r\n<p>x</p>\r\n\r\n".to_vec();
    let bad_http = record(
        "response",
        "https://x.example/bad",
        "application/http",
        b"HTTP/1.1 OK\r\n\r\n<p>",
    );
    let no_type = b"WARC/1.0\r\nContent-Length: 0\r\n\r\n\r\n\r\n".to_vec();
    let bytes = [
        ok.clone(),
        no_length.clone(),
        bad_http.clone(),
        no_type.clone(),
        ok.clone(),
    ]
    .concat();
    let out = read("r.warc", &bytes);
    assert_eq!(out.docs.len(), 2);
    let at_no_length = ok.len();
    let at_bad_http = at_no_length + no_length.len();
    let at_no_type = at_bad_http + bad_http.len();
    assert_eq!(
        messages(&out),
        [
            format!("r.warc#{at_no_length}: WARC record has no Content-Length; skipped to the next record"),
            format!("r.warc#{at_bad_http}: bad HTTP status line \"HTTP/1.1 OK\""),
            format!("r.warc#{at_no_type}: record has no WARC-Type"),
        ]
    );
}

#[test]
fn truncated_last_record_and_whole_file_errors() {
    let ok = html_resource("https://x.example/ok", "<p>fine</p>");
    let last = html_resource("https://x.example/cut", "<p>this page is cut short</p>");
    let bytes = [&ok[..], &last[..last.len() - 10]].concat();
    let out = read("t.warc", &bytes);
    assert_eq!(out.docs.len(), 1);
    assert_eq!(
        messages(&out),
        [format!(
            "t.warc#{}: WARC record truncated: Content-Length is 29 bytes but only 23 remain",
            ok.len()
        )]
    );
    let limits = Limits::default();
    let err = |bytes: &[u8]| {
        parse_warc("x.warc", bytes, &limits)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(b"<html>not an archive</html>"),
        "x.warc: not a WARC file (does not start with a WARC/1.x record)"
    );
    assert_eq!(err(b" \r\n"), "x.warc: empty or whitespace-only input");
    assert_eq!(err(&gzip(b"")), "x.warc: empty or whitespace-only input");
}

#[test]
fn archives_without_pages_say_so() {
    let image = record(
        "resource",
        "https://x.example/a.png",
        "image/png",
        b"\x89PNG",
    );
    let out = read("img.warc", &image);
    assert!(out.docs.is_empty());
    assert_eq!(
        messages(&out),
        ["img.warc: no HTML pages among its 1 WARC record"]
    );
}

#[test]
fn http_bodies_share_one_size_budget() {
    let body = gzip(&[b'a'; 5000]);
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend_from_slice(&body);
    let one = record(
        "response",
        "https://x.example/big",
        "application/http",
        &http,
    );
    let limits = Limits {
        max_input_bytes: 1 << 20,
        max_decompressed_bytes: 8000,
    };
    let out = parse_warc("b.warc", &[one.clone(), one].concat(), &limits).unwrap();
    assert_eq!(out.docs.len(), 1);
    assert!(messages(&out)[0].ends_with("HTTP body decodes to more than the size limit"));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_warc("f.warc", &bytes, &Limits::default());
        let mut prefixed = b"WARC/1.1\r\nContent-Length: 5\r\n\r\n".to_vec();
        prefixed.extend_from_slice(&bytes);
        let _ = parse_warc("f.warc", &prefixed, &Limits::default());
        let _ = parse_warc("f.warc.gz", &gzip(&prefixed), &Limits::default());
    }

    #[test]
    fn damaged_fixtures_never_panic(cut in 0usize..7000, flip in 0usize..7000, byte in any::<u8>(), which in 0usize..4) {
        let name = ["three-records.warc", "per-record.warc.gz", "whole-file.warc.gz", "broken-record.warc"][which];
        let mut bytes = fixture(name);
        if let Some(b) = bytes.get_mut(flip) {
            *b = byte;
        }
        bytes.truncate(cut);
        if let Ok(out) = parse_warc(name, &bytes, &Limits::default()) {
            for doc in &out.docs {
                let prefix = format!("{}#", name);
                prop_assert!(doc.source.starts_with(&prefix));
            }
            for diag in &out.diagnostics {
                prop_assert!(!diag.message.contains('\n'));
            }
        }
    }
}
