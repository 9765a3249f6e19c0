//! Fuzz target: cleaning arbitrary HTML never panics and yields trimmed,
//! non-empty body paragraphs; neither front end (html5gum under our tree
//! construction, which `clean` uses, and the html5ever oracle) panics on
//! the raw page either, before the strip pass has tidied it.
#![no_main]

use concord_clean::clean;
use concord_model::{RawDoc, RawFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Ingest guarantees UTF-8; lossy decoding keeps every input useful.
    let html = String::from_utf8_lossy(data);
    let _ = concord_clean::probe::parse(&html);
    let _ = concord_clean::probe::parse_html5ever(&html);
    let article = clean(&RawDoc::new("f.html", "f.html", RawFormat::Html, html));
    for p in &article.body_paragraphs {
        assert!(!p.is_empty() && p.trim() == p, "{p:?}");
    }
});
