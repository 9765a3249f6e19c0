//! Golden file: the whole JSON brief of the seed story. Any change to what
//! Concord extracts shows up as a reviewable diff; refresh deliberately
//! with `CONCORD_BLESS=1 cargo test -p concord-cli --test brief_golden`.

mod common;

use common::{fixtures, run};

#[test]
fn seed_brief_matches_golden_file() {
    let out = run(&[
        "brief",
        &fixtures().join("seed-story").display().to_string(),
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    // Paths differ between machines: keep only the file name of `source`.
    let mut brief: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for story in brief["stories"].as_array_mut().into_iter().flatten() {
        for article in story["articles"].as_array_mut().into_iter().flatten() {
            let name = article["id"].clone();
            article["source"] = name;
        }
    }
    let actual = serde_json::to_string_pretty(&brief).expect("json") + "\n";
    let golden =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/seed-brief.json");
    if std::env::var_os("CONCORD_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
        std::fs::write(&golden, &actual).expect("bless");
        return;
    }
    let expected =
        std::fs::read_to_string(&golden).expect("golden file exists (CONCORD_BLESS=1 to create)");
    assert!(
        expected == actual,
        "seed brief differs from {}; review and bless with CONCORD_BLESS=1",
        golden.display()
    );
}
