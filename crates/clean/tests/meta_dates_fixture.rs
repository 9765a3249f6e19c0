//! Publication dates on real saved pages (`tests/fixtures/publication-dates`,
//! the htmldate evaluation set): a regression floor on a fixed quarter of
//! the pages, so the test stays fast in debug builds. The full comparison
//! with htmldate and trafilatura is `scripts/score_dates.py` (BENCHMARKS.md).

use concord_clean::{decode_html, page_meta, MetaContext};
use flate2::read::MultiGzDecoder;
use std::io::Read;
use std::path::PathBuf;

/// Every eighth page by sorted key: 93 of 744.
const SAMPLE_EVERY: usize = 8;
/// Measured on this sample when the floor was set (see BENCHMARKS.md):
/// 82 correct, 6 wrong, 5 without a date.
const MEASURED_CORRECT: usize = 82;
const MEASURED_WRONG: usize = 6;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/publication-dates")
}

fn read_gz(path: &std::path::Path) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let mut out = Vec::new();
    MultiGzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    out
}

#[test]
fn accuracy_on_saved_pages_stays_at_the_measured_level() {
    let dir = fixture_dir();
    let truth_path = dir.join("ground-truth.json");
    if !truth_path.exists() {
        eprintln!("{}: no fixture, skipped", truth_path.display());
        return;
    }
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&truth_path).expect("ground truth is readable"),
    )
    .expect("ground truth is JSON");
    let truth = truth.as_object().expect("ground truth is an object");
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();
    let ctx = MetaContext {
        now: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)),
        ..MetaContext::default()
    };
    let (mut correct, mut wrong, mut n_pages) = (0usize, 0usize, 0usize);
    let mut wrong_keys = Vec::new();
    for key in keys.into_iter().step_by(SAMPLE_EVERY) {
        let want = truth[key]["published"].as_str().expect("label is a string");
        let bytes = read_gz(&dir.join("html").join(format!("{key}.html.gz")));
        let meta = page_meta(&decode_html(&bytes, None), &ctx);
        n_pages += 1;
        match meta.published.map(|d| d.to_string()) {
            Some(got) if got == want => correct += 1,
            Some(got) => {
                wrong += 1;
                wrong_keys.push(format!("{key}: {got} (want {want})"));
            }
            None => {}
        }
    }
    eprintln!("{n_pages} pages: {correct} correct, {wrong} wrong");
    // Floors: accuracy at most one point below (one page here), wrong
    // days at most two more.
    let floor = MEASURED_CORRECT - n_pages.div_ceil(100);
    assert!(
        correct >= floor,
        "{correct} correct of {n_pages}, floor {floor}"
    );
    assert!(
        wrong <= MEASURED_WRONG + 2,
        "{wrong} wrong dates (measured {MEASURED_WRONG}):\n{}",
        wrong_keys.join("\n")
    );
}
