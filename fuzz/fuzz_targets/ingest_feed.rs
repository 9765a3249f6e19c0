//! Fuzz target: reading arbitrary bytes as an RSS / Atom feed never
//! panics; documents are sourced `fuzz.xml#itemN` and diagnostics are one
//! line each.
#![no_main]

use concord_ingest::{read_bytes, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = read_bytes("fuzz.xml", data, InputFormat::Feed) {
        for doc in &out.docs {
            assert!(doc.source.starts_with("fuzz.xml#item"), "{}", doc.source);
        }
        for diag in &out.diagnostics {
            assert!(!diag.message.contains('\n'), "{diag}");
        }
    }
    // Sniffing must agree with the reader on what a feed is, and not panic.
    let _ = InputFormat::sniff(data);
});
