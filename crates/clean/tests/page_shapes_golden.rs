//! Golden files: small made-up pages in the shapes news sites use
//! (`tests/fixtures/page-shapes/NAME.html`), each with the text `clean`
//! reads from it checked in beside it (`NAME.expected.txt`). Any change in
//! what is kept or cut shows up as a reviewable diff; refresh deliberately
//! with `CONCORD_BLESS=1 cargo test -p concord-clean --test page_shapes_golden`.

#[path = "../../../tests/support/golden.rs"]
mod golden;

use concord_clean::clean;
use concord_model::{Article, RawDoc, RawFormat};
use std::path::{Path, PathBuf};

fn shapes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/page-shapes")
}

/// The article as reviewable text: metadata, body, then what was cut.
fn render(a: &Article) -> String {
    let mut out = format!("title: {}\n", a.title.as_deref().unwrap_or(""));
    out.push_str(&format!(
        "published: {}\n",
        a.published.map(|d| d.to_string()).unwrap_or_default()
    ));
    out.push_str(&format!("author: {}\n", a.author.as_deref().unwrap_or("")));
    out.push_str("\n## body\n");
    for p in &a.body_paragraphs {
        out.push_str(&format!("\n{p}\n"));
    }
    out.push_str("\n## removed\n\n");
    for r in &a.removed {
        out.push_str(&format!("[{:?}] {}\n", r.kind, r.text));
    }
    out
}

#[test]
fn page_shapes_match_golden_files() {
    let dir = shapes_dir();
    let pages = golden::pages_in(&dir);
    assert!(pages.len() >= 5, "{} pages", pages.len());
    let mut stale = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("page is UTF-8");
        let name = page.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let article = clean(&RawDoc::new(&name, &name, RawFormat::Html, html));
        let actual = render(&article);
        stale.extend(golden::check(&page.with_extension("expected.txt"), &actual));
    }
    assert!(
        stale.is_empty(),
        "page shapes differ from their golden files; review and bless with CONCORD_BLESS=1\n{}",
        stale.join("\n")
    );
}
