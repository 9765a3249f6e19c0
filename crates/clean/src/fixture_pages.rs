//! The gzipped pages under `tests/fixtures/`, for tests that check a
//! property on every real page.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Every `step`-th page of `folder` (below `tests/fixtures`) with its path.
/// A page that does not gunzip to UTF-8 is skipped: the charset tests cover
/// those. A missing folder panics, so a moved fixture cannot let a test
/// pass on no pages.
pub(crate) fn gzipped_pages(folder: &str, step: usize) -> impl Iterator<Item = (PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("no fixtures at {}", dir.display());
    };
    entries.flatten().step_by(step).filter_map(|entry| {
        let file = std::fs::File::open(entry.path()).ok()?;
        let mut html = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut html)
            .ok()?;
        Some((entry.path(), html))
    })
}
