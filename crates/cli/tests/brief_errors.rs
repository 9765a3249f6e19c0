//! End-to-end: bad inputs get one clear line each on stderr naming them,
//! the rest of the batch is still briefed, and the exit code says that
//! something failed. Also the Markdown rendering of a real brief.

mod common;

use common::{fixtures, run, temp_dir};
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.display().to_string()
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = temp_dir("e2e-bad");
    let invalid = write(
        &dir,
        "latin1.txt",
        b"Caf\xe9 owners said prices rose \xff\xfe sharply.\n",
    );
    let empty = write(&dir, "empty.txt", b"   \n\n");
    let binary = write(
        &dir,
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let jsonl = write(
        &dir,
        "feed.jsonl",
        b"{\"id\": \"good-1\", \"title\": \"Dam holds after record rain\", \"text\": \"Engineers said the dam held on Tuesday after record rain fell across the valley.\"}\n{not json\n{\"id\": \"no-text\"}\n",
    );
    let missing = dir.join("missing.txt").display().to_string();
    let seed = fixtures().join("seed-story").display().to_string();

    let out = run(&[
        "brief", &seed, &invalid, &empty, &binary, &jsonl, &missing, "--format", "json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code 1 when an input failed; stderr: {stderr}"
    );
    for name in [&invalid, &empty, &binary, &missing] {
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(name.as_str()))
            .collect();
        assert_eq!(lines.len(), 1, "one line naming {name}: {stderr}");
    }
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("feed.jsonl") && l.contains('2')),
        "the bad JSON line is named with its line number: {stderr}"
    );
    assert!(stderr.lines().all(|l| !l.contains("panicked")), "{stderr}");

    let brief: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the brief is still written");
    let ids: Vec<&str> = brief["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["articles"].as_array().into_iter().flatten())
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"003_b89c540622ccaa2a.txt"),
        "good files still briefed: {ids:?}"
    );
    assert!(
        ids.contains(&"good-1"),
        "good records still briefed: {ids:?}"
    );
    assert!(
        brief["diagnostics"]
            .as_array()
            .is_some_and(|d| d.len() >= 5),
        "diagnostics are in the brief too"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn clean_batch_exits_zero() {
    let out = run(&[
        "brief",
        &fixtures().join("seed-story").display().to_string(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn markdown_brief_shows_conflicts_quotes_and_sources() {
    let out = run(&[
        "brief",
        &fixtures().join("seed-story").display().to_string(),
        "--format",
        "markdown",
    ]);
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# "), "headline first");
    for section in ["Summary", "Claims", "Quotes", "Timeline", "Sources"] {
        assert!(md.contains(section), "{section} section: {md}");
    }
    assert!(
        md.contains("conflict"),
        "the troop-count conflict is marked"
    );
    assert!(
        md.contains("**12,000**") || md.contains("**12000**"),
        "disputed values stand out"
    );
    assert!(md.contains("2025-01-12"), "timeline dates");
    assert!(md.contains("Zelensky"));
}

#[test]
fn stdin_is_read_with_dash() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["brief", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let text =
        std::fs::read(fixtures().join("seed-story/003_b89c540622ccaa2a.txt")).expect("fixture");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&text)
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let brief: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(brief["stories"].as_array().map(Vec::len), Some(1));
}
