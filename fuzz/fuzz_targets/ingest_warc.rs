//! Fuzz target: reading arbitrary bytes as a WARC file (plain, and as one
//! gzip member) never panics; every document and diagnostic names the
//! input, and every diagnostic is one line.
#![no_main]

use concord_ingest::{read_bytes_with, InputFormat, Limits};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    // Small caps keep each run fast and exercise the limit paths.
    let limits = Limits {
        max_input_bytes: 1 << 20,
        max_decompressed_bytes: 1 << 18,
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = gz.write_all(data);
    let gz = gz.finish().unwrap_or_default();
    for (name, bytes) in [("fuzz.warc", data), ("fuzz.warc.gz", &gz[..])] {
        if let Ok(out) = read_bytes_with(name, bytes, InputFormat::Warc, &limits) {
            for doc in &out.docs {
                assert!(doc.source.starts_with(name));
                assert!(
                    doc.published.is_none(),
                    "WARC-Date is not a publication date"
                );
            }
            for diag in &out.diagnostics {
                assert!(diag.source.starts_with(name));
                assert!(!diag.message.contains('\n'), "{diag}");
            }
        }
    }
});
