//! Fuzz target: reading arbitrary bytes as JSON Lines (plain or gzip) never
//! panics, and every non-blank line becomes a document or a diagnostic.
#![no_main]

use concord_ingest::{read_bytes, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = read_bytes("fuzz.jsonl", data, InputFormat::JsonLines) {
        for doc in &out.docs {
            assert!(doc.source.starts_with("fuzz.jsonl#"));
        }
        let n_lines = data
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(data)
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .count();
        // Gzip input inflates to other lines; the count holds for plain text.
        if !data.starts_with(&[0x1f, 0x8b]) {
            assert_eq!(out.docs.len() + out.diagnostics.len(), n_lines);
        }
    }
    // The other formats share the decoding path; exercise it too.
    let _ = read_bytes("fuzz.txt", data, InputFormat::Text);
});
