//! `concord extract --format text`: each article as `# title`, `(source)`
//! and its paragraphs, separated by `----`, the same articles the JSON
//! output holds; stdin as `-`; and a bad input reported on its own line
//! while the other pages are still printed.

use concord_model::Article;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn concord(args: &[&str], inputs: &[PathBuf], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("extract")
        .args(args)
        .args(inputs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn page_shapes() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/page-shapes");
    ["hover-card.html", "navigation-and-related.html"]
        .iter()
        .map(|name| dir.join(name))
        .collect()
}

#[test]
fn text_output_prints_the_json_articles() {
    let inputs = page_shapes();
    let json = concord(&["--format", "json"], &inputs, b"");
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let articles: Vec<Article> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(articles.len(), 2);
    assert!(articles.iter().all(|a| !a.body_paragraphs.is_empty()));

    let text = concord(&["--format", "text"], &inputs, b"");
    assert!(
        text.status.success(),
        "{}",
        String::from_utf8_lossy(&text.stderr)
    );
    let want: Vec<String> = articles
        .iter()
        .map(|a| {
            let body: String = a
                .body_paragraphs
                .iter()
                .map(|p| format!("\n{p}\n"))
                .collect();
            format!(
                "# {}\n({})\n{body}",
                a.title.as_deref().unwrap_or(""),
                a.source
            )
        })
        .collect();
    assert_eq!(
        String::from_utf8(text.stdout).unwrap(),
        want.join("\n----\n\n")
    );
}

#[test]
fn stdin_is_read_as_dash_and_a_bad_input_does_not_stop_the_rest() {
    let dir = std::env::temp_dir().join(format!("concord-extract-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A gzip header with its body cut off.
    let truncated = dir.join("truncated.html.gz");
    std::fs::write(
        &truncated,
        [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xf3],
    )
    .unwrap();
    let page = "<html><head><title>Quake</title></head><body><article>\
                <p>The earthquake struck the coastal city early on Sunday morning, \
                and rescue teams worked through the night to reach the survivors.</p>\
                </article></body></html>";
    let inputs = [truncated.clone(), PathBuf::from("-")];
    let out = concord(&["--format", "text"], &inputs, page.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let bad: Vec<&str> = stderr.lines().collect();
    assert_eq!(bad.len(), 1, "{stderr}");
    assert!(bad[0].contains("truncated.html.gz"), "{stderr}");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed.starts_with("# Quake\n(<stdin>)\n\nThe earthquake struck"),
        "{printed}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
