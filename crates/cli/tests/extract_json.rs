//! `concord extract --format json` prints each article as
//! `serde_json::to_string_pretty` would (its writer is our own, for speed):
//! the output read back and printed again by `serde_json` is the same bytes.

use concord_model::Article;
use std::path::Path;
use std::process::Command;

#[test]
fn json_output_is_serde_json_pretty_byte_for_byte() {
    let pages =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/article-extraction/html");
    let mut inputs: Vec<_> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    inputs.sort();
    inputs.truncate(24);
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("extract")
        .args(["--format", "json"])
        .args(&inputs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let articles: Vec<Article> = serde_json::from_str(&printed).unwrap();
    assert_eq!(articles.len(), inputs.len());
    let pretty: Vec<String> = articles
        .iter()
        .map(|a| serde_json::to_string_pretty(a).unwrap())
        .collect();
    let want = format!("[\n{}\n]\n", pretty.join(",\n"));
    assert!(printed == want, "the JSON differs from serde_json's");
}
