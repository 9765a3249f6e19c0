//! `extract_json` against `serde_json`, which it replaces: the same bytes
//! for any string and any article.

use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn ours(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    string(&mut out, s);
    out
}

fn article_json(article: &Article) -> String {
    let mut out = Vec::new();
    write_article(&mut out, article);
    String::from_utf8(out).expect("the writer copies UTF-8 and adds ASCII")
}

#[test]
fn escapes_every_byte_value_as_serde_json() {
    for c in (0u32..0x100).filter_map(char::from_u32) {
        for s in [c.to_string(), format!("abcdefg{c}xyz"), format!("{c}{c}")] {
            let want = serde_json::to_string(&s).unwrap();
            assert_eq!(String::from_utf8(ours(&s)).unwrap(), want, "{c:?}");
        }
    }
}

/// Strings rich in what needs escaping, at every position in a block of 8.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            2 => prop::char::range('\u{0}', '\u{7f}'),
            1 => prop::sample::select(vec!['"', '\\', '\n', '\u{1f}', '\u{7f}', ' ']),
            1 => any::<char>(),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn kind() -> impl Strategy<Value = RemovedKind> {
    prop::sample::select(vec![
        RemovedKind::Boilerplate,
        RemovedKind::Consent,
        RemovedKind::Caption,
        RemovedKind::RelatedLink,
        RemovedKind::Embed,
        RemovedKind::Metadata,
    ])
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-3000i32..12000, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a day every month has"))
}

fn article() -> impl Strategy<Value = Article> {
    let texts = || prop::collection::vec(text(), 0..4);
    let removed = prop::collection::vec(
        (text(), kind(), text()).prop_map(|(text, kind, reason)| RemovedBlock {
            text,
            kind,
            reason,
        }),
        0..3,
    );
    let inferred =
        prop::option::of((date(), text()).prop_map(|(date, how)| InferredDate { date, how }));
    (
        (
            text(),
            text(),
            prop::option::of(text()),
            prop::option::of(date()),
        ),
        (inferred, prop::option::of(text()), prop::option::of(date())),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
            texts(),
        ),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            texts(),
            removed,
        ),
    )
        .prop_map(
            |(
                (id, source, title, published),
                (published_inferred, published_provenance, modified),
                (outlet, dateline, author, authors),
                (language, url, body_paragraphs, removed),
            )| Article {
                id,
                source,
                title,
                published,
                published_inferred,
                published_provenance,
                modified,
                outlet,
                dateline,
                author,
                authors,
                language,
                url,
                body_paragraphs,
                removed,
            },
        )
}

proptest! {
    #[test]
    fn strings_escape_as_serde_json(s in text()) {
        let want = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(String::from_utf8(ours(&s)).unwrap(), want);
    }

    #[test]
    fn articles_print_as_serde_json_pretty(article in article()) {
        let want = serde_json::to_string_pretty(&article).unwrap();
        prop_assert_eq!(article_json(&article), want);
    }
}

proptest! {
    /// The word test against the byte test: the lowest flagged byte is the
    /// first byte needing an escape, and no flag means none does.
    #[test]
    fn escape_hits_finds_the_first_escape(word in prop::array::uniform8(prop_oneof![
        4 => 0x20u8..0x7f,
        1 => any::<u8>(),
        1 => prop::sample::select(vec![b'"', b'\\', 0x1f, 0x00, 0x20, 0x21, 0x5b, 0x5d]),
    ])) {
        let hits = escape_hits(u64::from_le_bytes(word));
        let first = word.iter().position(|&b| needs_escape(b));
        let got = (hits != 0).then(|| (hits.trailing_zeros() / 8) as usize);
        prop_assert_eq!(got, first);
    }
}
