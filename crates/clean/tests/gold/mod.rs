//! Checks cleaned articles against a fixture folder's hand-made gold.json.

use concord_clean::clean;
use concord_model::{Article, RawDoc, RawFormat, RemovedKind};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// Every document of the folder, read as the CLI reads it, by id.
pub fn load(dir: &Path) -> HashMap<String, RawDoc> {
    let ingested = concord_ingest::read_paths(&[dir.to_path_buf()]);
    assert!(
        ingested.diagnostics.is_empty(),
        "{:?}",
        ingested.diagnostics
    );
    ingested
        .docs
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect()
}

pub fn gold(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("gold.json")).expect("gold.json readable");
    serde_json::from_str(&text).expect("gold.json is JSON")
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn opt_string(v: &Value, key: &str) -> Option<Option<String>> {
    v.get(key).map(|x| x.as_str().map(str::to_string))
}

/// A body paragraph that is (or, for long lines, contains) `line`.
fn in_body(article: &Article, line: &str) -> bool {
    let long = line.split_whitespace().count() >= 8;
    article
        .body_paragraphs
        .iter()
        .any(|p| p == line || (long && p.contains(line)))
}

fn removed_as(article: &Article, line: &str) -> Vec<RemovedKind> {
    article
        .removed
        .iter()
        .filter(|r| r.text.contains(line))
        .map(|r| r.kind)
        .collect()
}

/// The lines a careful reader keeps as body: all non-blank lines except
/// the title and what gold lists as furniture, captions and embeds.
fn expected_body(
    raw: &RawDoc,
    title: Option<&str>,
    cut: &[String],
    markers: &[String],
) -> Vec<String> {
    raw.text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| Some(*l) != title || raw.format == RawFormat::Record)
        .filter(|l| !cut.iter().any(|c| c == l))
        .filter(|l| !markers.iter().any(|m| l.contains(m.as_str())))
        .map(str::to_string)
        .collect()
}

/// Check every document the gold file describes; return one message per
/// mismatch (empty when all is well).
pub fn check_folder(name: &str) -> Vec<String> {
    let dir = fixture_dir(name);
    let docs = load(&dir);
    let gold = gold(&dir);
    let mut problems = Vec::new();
    let Some(documents) = gold.get("documents").and_then(Value::as_object) else {
        return vec![format!("{name}: gold.json has no documents")];
    };
    for (id, g) in documents {
        let Some(raw) = docs.get(id) else {
            problems.push(format!("{id}: not read from {name}"));
            continue;
        };
        let article = clean(raw);
        let mut fail = |what: String| problems.push(format!("{id}: {what}"));
        if let Some(title) = opt_string(g, "title") {
            if article.title != title {
                fail(format!("title {:?}, gold {title:?}", article.title));
            }
        }
        if let Some(published) = opt_string(g, "published") {
            let got = article.published.map(|d| d.to_string());
            if got != published {
                fail(format!("published {got:?}, gold {published:?}"));
            }
        }
        for key in ["dateline", "outlet"] {
            if let Some(want) = opt_string(g, key) {
                let got = if key == "dateline" {
                    &article.dateline
                } else {
                    &article.outlet
                };
                if *got != want {
                    fail(format!("{key} {got:?}, gold {want:?}"));
                }
            }
        }
        let boilerplate = strings(g, "boilerplate_lines");
        let captions = strings(g, "caption_lines");
        let markers = strings(g, "embed_markers");
        for line in boilerplate.iter().chain(&captions) {
            if in_body(&article, line) {
                fail(format!("{line:?} left in the body"));
            }
            if removed_as(&article, line).is_empty() {
                fail(format!("{line:?} not listed in removed"));
            }
        }
        for line in &captions {
            if !removed_as(&article, line).contains(&RemovedKind::Caption) {
                fail(format!(
                    "{line:?} not removed as a caption: {:?}",
                    removed_as(&article, line)
                ));
            }
        }
        for marker in &markers {
            if article
                .body_paragraphs
                .iter()
                .any(|p| p.contains(marker.as_str()))
            {
                fail(format!("embed {marker:?} left in the body"));
            }
            if !removed_as(&article, marker).contains(&RemovedKind::Embed) {
                fail(format!("embed {marker:?} not removed as an embed"));
            }
        }
        if raw.format != RawFormat::Html {
            let cut: Vec<String> = boilerplate.iter().chain(&captions).cloned().collect();
            let want = expected_body(raw, article.title.as_deref(), &cut, &markers);
            check_body(&article, &want, &mut fail);
        }
    }
    problems
}

/// The body must be exactly the expected lines, in order; a line may lose a
/// metadata prefix or dateline in front (the kept part is most of it).
fn check_body(article: &Article, want: &[String], fail: &mut impl FnMut(String)) {
    let got = &article.body_paragraphs;
    if got.len() != want.len() {
        fail(format!(
            "{} body paragraphs, expected {}",
            got.len(),
            want.len()
        ));
    }
    for (g, w) in got.iter().zip(want) {
        let same = g == w || (w.ends_with(g.as_str()) && g.len() * 2 > w.len());
        if !same {
            fail(format!("body paragraph {g:?}\n  expected {w:?}"));
            return;
        }
    }
    for w in want.iter().skip(got.len()) {
        fail(format!("missing body paragraph {w:?}"));
    }
}
