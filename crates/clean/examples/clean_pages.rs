//! Clean saved pages as `concord extract --format json` does (same reader,
//! same allocator), one pretty JSON article per input, for profiling and
//! for comparing outputs between builds: it relinks in seconds, where the
//! CLI's dependencies take minutes.
//!
//! Usage: `clean_pages FILE...` (`.html`, `.html.gz`, or anything
//! `concord_ingest::read_paths` reads).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

// The CLI's allocator, so instruction counts compare with `concord extract`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for arg in std::env::args_os().skip(1) {
        let ingested = concord_ingest::read_paths(&[PathBuf::from(arg)]);
        for d in &ingested.diagnostics {
            eprintln!("clean_pages: {d}");
        }
        for doc in &ingested.docs {
            let article = concord_clean::clean(doc);
            let json = match serde_json::to_string_pretty(&article) {
                Ok(json) => json,
                Err(err) => {
                    eprintln!("clean_pages: {}: {err}", doc.source);
                    continue;
                }
            };
            if writeln!(out, "{json}").is_err() {
                return; // the reader went away
            }
        }
    }
    let _ = out.flush();
}
