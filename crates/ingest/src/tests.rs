//! Tests of the public API over real files and arbitrary bytes.

use super::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn messages(out: &Ingested) -> Vec<String> {
    out.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn folder_is_recursed_in_sorted_order_skipping_hidden_and_other_types() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "b.txt", b"Second");
    write(d, "a.html", b"<p>First</p>");
    write(d, "sub/c.jsonl", b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n");
    write(d, "sub/d.txt.gz", &gzip(b"Zipped"));
    write(d, ".hidden.txt", b"secret");
    write(d, ".git/e.txt", b"nope");
    write(d, "gold.json", b"{}");
    write(d, "README.md", b"# notes");
    write(d, "tool.py", b"print()");
    let out = read_paths(&[d.to_path_buf()]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let ids: Vec<&str> = out.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a.html", "b.txt", "c.jsonl#1", "c.jsonl#2", "d.txt.gz"]
    );
    assert_eq!(out.docs[0].format, RawFormat::Html);
    assert_eq!(out.docs[1].format, RawFormat::Text);
    assert_eq!(out.docs[4].text, "Zipped");
    assert!(out.docs[2].source.ends_with("c.jsonl#1"));
}

/// A page's text is inflated into the buffer the last page handed back
/// ([`recycle`]): a short file read after a long one holds its own bytes
/// only.
#[test]
fn reused_buffers_hold_only_the_file_at_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "Long page. ".repeat(2000);
    let long_txt = write(tmp.path(), "long.txt", long.as_bytes());
    let long_gz = write(tmp.path(), "long.html.gz", &gzip(long.as_bytes()));
    let short_txt = write(tmp.path(), "short.txt", b"Short.");
    let short_gz = write(tmp.path(), "short.html.gz", &gzip(b"<p>Short.</p>"));
    for (first, then, want) in [
        (&long_txt, &short_txt, "Short."),
        (&long_gz, &short_gz, "<p>Short.</p>"),
        (&long_gz, &short_txt, "Short."),
    ] {
        let out = read_paths(std::slice::from_ref(first));
        for doc in out.docs {
            recycle(doc.text.into_bytes());
        }
        let out = read_paths(std::slice::from_ref(then));
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert_eq!(out.docs[0].text, want);
    }
}

#[test]
fn explicit_file_keeps_path_as_source_and_name_as_id() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "003_b89c.txt", b"\xEF\xBB\xBFHeadline\nBody.");
    let out = read_paths(std::slice::from_ref(&path));
    assert_eq!(out.docs.len(), 1);
    assert_eq!(out.docs[0].id, "003_b89c.txt");
    assert_eq!(out.docs[0].source, path.display().to_string());
    assert_eq!(out.docs[0].text, "Headline\nBody.");
}

#[test]
fn batch_goes_on_after_each_kind_of_error() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let paths = vec![
        d.join("missing.txt"),
        write(d, "notes.md", b"# explicit but unsupported"),
        write(d, "bad.txt", b"ok\xffno"),
        write(d, "bin.txt", b"\x7fELF\0\0\x01"),
        write(d, "blank.txt", b"  \n\n"),
        write(d, "cut.txt.gz", &gzip(&b"some text ".repeat(500))[..40]),
        write(d, "good.txt", b"Fine."),
    ];
    let out = read_paths(&paths);
    assert_eq!(out.docs.len(), 1);
    assert_eq!(out.docs[0].id, "good.txt");
    let msgs = messages(&out);
    let expect = [
        "missing.txt: cannot read",
        "notes.md: unsupported file type",
        "bad.txt: invalid UTF-8 at byte 2",
        "bin.txt: binary file",
        "blank.txt: empty or whitespace-only input",
        "cut.txt.gz: truncated or corrupt gzip data",
    ];
    assert_eq!(msgs.len(), expect.len(), "{msgs:?}");
    for (msg, want) in msgs.iter().zip(expect) {
        assert!(msg.contains(want), "{msg:?} should contain {want:?}");
        assert!(!msg.contains('\n'), "one line: {msg:?}");
    }
}

/// Saved pages in another charset are decoded, not refused: from their
/// `<meta>` declaration (windows-1251, gzipped too), by sniffing the
/// bytes (EUC-KR, nothing declared) and from a UTF-16 byte order mark. A
/// plain text file is still held to UTF-8, and binary bytes are still
/// refused, each with its one-line error while the rest are read.
#[test]
fn html_pages_in_legacy_charsets_are_decoded() {
    const RUSSIAN: &str = "В среду в Томске открыли движение по новому мосту через реку Томь.";
    const KOREAN: &str = "부산시는 해운대와 기장을 잇는 해안 도로가 다음 달 1일 전면 개통된다고 12일 \
        밝혔다. 이 도로는 길이 8.4킬로미터로, 공사비 3천억 원이 들었으며 착공한 지 6년 만에 완공됐다.";
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let page = |charset: &str, text: &str| {
        format!("<html><head>{charset}</head><body><p>{text}</p></body></html>")
    };
    let russian = page("<meta charset=\"windows-1251\">", RUSSIAN);
    let russian = encoding_rs::WINDOWS_1251.encode(&russian).0.into_owned();
    let korean = encoding_rs::EUC_KR.encode(&page("", KOREAN)).0.into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        page("", "Grüße aus Köln")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let paths = vec![
        write(d, "ru.html", &russian),
        write(d, "ru.html.gz", &gzip(&russian)),
        write(d, "ko.htm", &korean),
        write(d, "de.html", &utf16),
        write(d, "ru.txt", &russian),
        write(d, "bin.html", b"<p>\x00\x01\x02 not a page</p>"),
    ];
    let out = read_paths(&paths);
    let texts: Vec<(&str, &str)> = out
        .docs
        .iter()
        .map(|doc| (doc.id.as_str(), doc.text.as_str()))
        .collect();
    let ids: Vec<&str> = texts.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["ru.html", "ru.html.gz", "ko.htm", "de.html"]);
    assert!(texts[0].1.contains(RUSSIAN), "{}", texts[0].1);
    assert_eq!(texts[0].1, texts[1].1);
    assert!(texts[2].1.contains(KOREAN), "{}", texts[2].1);
    assert!(
        texts[3].1.contains("<p>Grüße aus Köln</p>"),
        "{}",
        texts[3].1
    );
    let msgs = messages(&out);
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs[0].contains("ru.txt: invalid UTF-8 at byte"),
        "{msgs:?}"
    );
    assert!(msgs[1].contains("bin.html: binary file"), "{msgs:?}");
}

#[test]
fn size_cap_applies_to_files_and_decompressed_data() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let limits = Limits {
        max_input_bytes: 100,
        max_decompressed_bytes: 100,
    };
    let big = write(d, "big.txt", &[b'a'; 101]);
    let bomb = write(d, "bomb.txt.gz", &gzip(&[b'a'; 10_000]));
    let out = read_paths_with(&[big, bomb], &limits);
    let msgs = messages(&out);
    assert!(
        msgs[0].ends_with("big.txt: larger than the 100-byte limit"),
        "{msgs:?}"
    );
    assert!(msgs[1].ends_with("bomb.txt.gz: decompresses to more than the 100-byte limit"));
}

#[test]
fn empty_folder_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "gold.json", b"{}");
    let out = read_paths(&[tmp.path().to_path_buf()]);
    assert!(out.docs.is_empty());
    assert!(messages(&out)[0].ends_with("folder holds no .txt, .html, .jsonl, .warc or feed files"));
}

#[test]
fn read_bytes_keeps_good_records_next_to_bad_ones() {
    let bytes = b"{\"text\": \"a\", \"id\": \"x1\"}\n{oops}\n{\"title\": \"t\"}\n";
    let out = read_bytes("in/feed.ndjson", bytes, InputFormat::JsonLines).unwrap();
    let ids: Vec<&str> = out.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["x1", "feed.ndjson#3"]);
    assert_eq!(out.diagnostics.len(), 1);
    assert!(out.diagnostics[0].source == "in/feed.ndjson#2");
}

#[test]
fn read_bytes_rejects_whole_inputs_with_one_error() {
    let err = read_bytes("feed.jsonl", b"\n  \n", InputFormat::JsonLines).unwrap_err();
    assert_eq!(
        err.to_string(),
        "feed.jsonl: empty or whitespace-only input"
    );
    let err = read_bytes("page.html", b"<p>\0</p>", InputFormat::Html).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Binary));
    let diag = err.to_diagnostic();
    assert_eq!(diag.source, "page.html");
}

#[test]
fn read_bytes_inflates_gzip_whatever_the_format() {
    let out = read_bytes(
        "x.jsonl.gz",
        &gzip(b"{\"text\": \"t\"}"),
        InputFormat::JsonLines,
    )
    .unwrap();
    assert_eq!(out.docs[0].text, "t");
    assert_eq!(out.docs[0].id, "x.jsonl.gz#1");
}

fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

#[test]
fn folders_hold_archives_and_feeds_but_not_other_xml() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a/crawl.warc.gz", &fixture("warc/per-record.warc.gz"));
    write(d, "b/news.rss", &fixture("feeds/courier.rss"));
    write(d, "b/ledger.xml.gz", &gzip(&fixture("feeds/ledger.atom")));
    write(
        d,
        "b/sitemap.xml",
        b"<?xml version=\"1.0\"?><urlset><url/></urlset>",
    );
    write(d, "b/config.xml", b"<config/>");
    let out = read_paths(&[d.to_path_buf()]);
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    let sources: Vec<String> = out
        .docs
        .iter()
        .map(|doc| {
            doc.source
                .strip_prefix(&d.display().to_string())
                .unwrap_or(&doc.source)
                .to_string()
        })
        .collect();
    assert_eq!(sources.len(), 3 + 2 + 3, "{sources:?}");
    assert!(sources[0].starts_with("/a/crawl.warc.gz#"), "{sources:?}");
    assert_eq!(sources[3], "/b/ledger.xml.gz#item1");
    assert_eq!(sources[5], "/b/news.rss#item1");
    // Named explicitly, a non-feed .xml is an error, not silence.
    let out = read_paths(&[d.join("b/sitemap.xml")]);
    assert!(messages(&out)[0]
        .ends_with("sitemap.xml: not an RSS or Atom feed (root element is <urlset>)"));
}

#[test]
fn unnamed_input_is_sniffed_through_gzip() {
    let limits = Limits::default();
    let warc = read_unnamed("<stdin>", &fixture("warc/per-record.warc.gz"), &limits).unwrap();
    assert_eq!(warc.docs.len(), 3);
    assert!(warc.docs[0].source.starts_with("<stdin>#"));
    let feed = read_unnamed("<stdin>", &gzip(&fixture("feeds/ledger.atom")), &limits).unwrap();
    assert_eq!(feed.docs.len(), 2);
    assert_eq!(feed.docs[0].source, "<stdin>#item1");
    let html = read_unnamed("<stdin>", &gzip(b"<p>Hi</p>"), &limits).unwrap();
    assert_eq!(html.docs[0].format, RawFormat::Html);
}

#[test]
fn urls_from_archives_and_feeds_deduplicate() {
    let mut docs = read_bytes(
        "c.warc.gz",
        &fixture("warc/per-record.warc.gz"),
        InputFormat::Warc,
    )
    .unwrap()
    .docs;
    docs.extend(
        read_bytes("c.rss", &fixture("feeds/courier.rss"), InputFormat::Feed)
            .unwrap()
            .docs,
    );
    let notes = dedup_by_url(&mut docs);
    // The feed's first item is the archived page, with other tracking tags.
    assert_eq!(docs.len(), 3 + 3 - 1);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].to_string(),
        "c.rss#item1: same article as c.warc.gz#454 by URL (https://piedmontcourier.example/business/harborline-pinecrest); skipped"
    );
}

fn any_format() -> impl Strategy<Value = InputFormat> {
    prop_oneof![
        Just(InputFormat::Text),
        Just(InputFormat::Html),
        Just(InputFormat::JsonLines),
        Just(InputFormat::Warc),
        Just(InputFormat::Feed)
    ]
}

proptest! {
    #[test]
    fn read_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512), format in any_format()) {
        let _ = read_bytes("fuzz.in", &bytes, format);
        let mut gz = gzip(&bytes);
        let cut = bytes.len() % gz.len().max(1);
        let _ = read_bytes("fuzz.in.gz", &gz, format);
        gz.truncate(cut);
        let _ = read_bytes("fuzz.in.gz", &gz, format);
    }

    #[test]
    fn json_lines_of_text_never_panic(lines in proptest::collection::vec("\\PC{0,40}", 0..8)) {
        let joined = lines.join("\n");
        if let Ok(out) = read_bytes("f.jsonl", joined.as_bytes(), InputFormat::JsonLines) {
            // Every non-blank line is either a document or a diagnostic.
            let n_lines = lines.iter().filter(|l| !l.trim_matches(|c: char| c.is_ascii_whitespace()).is_empty()).count();
            prop_assert_eq!(out.docs.len() + out.diagnostics.len(), n_lines);
        }
    }

    #[test]
    fn text_docs_hold_exactly_the_input_without_bom(s in "\\PC{1,80}") {
        let out = read_bytes("a.txt", s.as_bytes(), InputFormat::Text);
        if let Ok(out) = out {
            prop_assert_eq!(&out.docs[0].text, s.strip_prefix('\u{feff}').unwrap_or(&s));
        }
    }
}
