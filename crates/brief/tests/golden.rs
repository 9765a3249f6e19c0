//! Golden-file test: the Markdown of the sample brief, checked in at
//! `tests/golden/sample.md` so reviewers see rendering changes as diffs.
//!
//! Refresh after an intended change with
//! `CONCORD_BLESS=1 cargo test -p concord-brief --test golden`.

mod common;

use std::path::Path;

#[test]
fn sample_markdown_matches_golden_file() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sample.md");
    let actual = concord_brief::to_markdown(&common::sample_brief());
    if std::env::var_os("CONCORD_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&golden, &actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; run with CONCORD_BLESS=1 to create it",
            golden.display()
        )
    });
    // Compare line by line first so a failure names the first changed line
    // instead of dumping two whole documents.
    for (idx, (want, got)) in expected.lines().zip(actual.lines()).enumerate() {
        assert_eq!(
            want,
            got,
            "golden line {} differs; rerun with CONCORD_BLESS=1 if intended",
            idx + 1
        );
    }
    assert_eq!(
        expected, actual,
        "golden file differs in length; rerun with CONCORD_BLESS=1 if intended"
    );
}
