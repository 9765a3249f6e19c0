//! Fuzz target: cleaning arbitrary plain text and records never panics and
//! yields trimmed, non-empty body paragraphs.
#![no_main]

use concord_clean::clean;
use concord_model::{RawDoc, RawFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so one corpus covers both.
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut doc = RawDoc::new("f.txt", "f.txt", RawFormat::Text, text.clone());
    if selector % 2 == 1 {
        // A record whose fields are slices of the same bytes.
        doc.format = RawFormat::Record;
        let mut fields = text.splitn(3, '\u{1f}');
        doc.title = fields.next().map(str::to_string);
        doc.published = fields.next().map(str::to_string);
    }
    let article = clean(&doc);
    for p in &article.body_paragraphs {
        assert!(!p.is_empty() && p.trim() == p, "{p:?}");
    }
});
