//! Golden-file checks shared by the crates' end-to-end tests (included
//! with `#[path]`, as the tests of different crates cannot share a
//! module otherwise): each page's output is compared with the file
//! checked in beside it, or written there under `CONCORD_BLESS=1`.

use std::path::{Path, PathBuf};

/// The `.html` pages in `dir`, sorted.
pub fn pages_in(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    pages
}

/// Compare `actual` with `golden` (or write it when blessing); the
/// difference as a reviewable text when they differ.
pub fn check(golden: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("CONCORD_BLESS").is_some() {
        std::fs::write(golden, actual).expect("bless");
        return None;
    }
    let expected = std::fs::read_to_string(golden)
        .unwrap_or_else(|_| panic!("{} missing (CONCORD_BLESS=1)", golden.display()));
    (expected != actual).then(|| {
        format!(
            "{}:\n--- expected\n{expected}\n+++ actual\n{actual}",
            golden.display()
        )
    })
}
