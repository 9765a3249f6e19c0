//! Fuzz target: an arbitrary byte string read as an HTML file (plain or
//! gzip; any charset its meta tag names or its bytes suggest, UTF-16 by
//! BOM) never panics: it is one document or one error naming the file,
//! and a document cleans without panicking.
#![no_main]

use concord_ingest::{read_bytes, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match read_bytes("fuzz.html", data, InputFormat::Html) {
        Ok(out) => {
            assert_eq!(out.docs.len() + out.diagnostics.len(), 1);
            for doc in &out.docs {
                assert!(!doc.text.trim().is_empty());
                let _ = concord_clean::clean(doc);
            }
        }
        Err(err) => assert!(err.to_string().contains("fuzz.html"), "{err}"),
    }
});
