//! Golden files for `concord extract --format json`: made-up pages in the
//! shapes issue 5 names (`tests/fixtures/extract-golden/NAME.html`), each
//! with the article JSON checked in beside it (`NAME.expected.json`): a
//! news article with JSON-LD, a page with only OpenGraph tags, a consent
//! banner with share bars, related and most-read boxes and comments,
//! Cyrillic (windows-1251) and Korean (EUC-KR) pages read from their
//! bytes, and a live blog. Any change in the title, dates and their
//! provenance, outlet, authors, language, body or removed blocks shows as
//! a diff; after a deliberate change, refresh with
//! `CONCORD_BLESS=1 cargo test -p concord-cli --test extract_golden` and
//! review it.

#[path = "../../../tests/support/golden.rs"]
mod golden;

use std::path::{Path, PathBuf};
use std::process::Command;

fn pages() -> Vec<PathBuf> {
    golden::pages_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/extract-golden"),
    )
}

fn extract(page: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["extract", "--format", "json"])
        .arg(page)
        .output()
        .expect("run concord");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // The id and source are the path as given; the golden files hold the
    // file name.
    let printed = String::from_utf8(out.stdout).expect("JSON is UTF-8");
    let dir = format!(
        "{}/",
        page.parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    );
    printed.replace(&dir, "")
}

#[test]
fn extracted_pages_match_golden_files() {
    let pages = pages();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    let mut stale = Vec::new();
    for page in &pages {
        stale.extend(golden::check(
            &page.with_extension("expected.json"),
            &extract(page),
        ));
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

/// What the golden files must say, whatever else changes: the facts each
/// shape is there to show.
#[test]
fn each_shape_shows_what_it_is_for() {
    let read = |name: &str| -> serde_json::Value {
        let page = pages()
            .into_iter()
            .find(|p| p.file_stem().is_some_and(|s| s == name))
            .unwrap_or_else(|| panic!("{name}.html"));
        let all: serde_json::Value = serde_json::from_str(&extract(&page)).expect("JSON");
        all[0].clone()
    };
    let body = |a: &serde_json::Value| a["body_paragraphs"].to_string();
    let removed = |a: &serde_json::Value| a["removed"].to_string();

    let a = read("json-ld-news");
    assert_eq!(a["published"], "2025-03-14");
    assert_eq!(a["published_provenance"], "JSON-LD datePublished");
    assert_eq!(a["modified"], "2025-03-15");
    assert_eq!(
        a["authors"],
        serde_json::json!(["Maren Holt", "Tobias Wren"])
    );
    assert!(
        body(&a).contains("What the barrier cost"),
        "in-body heading kept"
    );
    assert!(
        body(&a).contains("dredging the northern channel"),
        "list kept"
    );
    assert!(
        body(&a).contains("tonight the lower town stayed dry"),
        "block quote kept"
    );
    assert!(!body(&a).contains("Related stories"));

    let a = read("opengraph-only");
    assert_eq!(a["published"], "2025-06-02");
    assert_eq!(a["modified"], "2025-06-03");
    assert_eq!(a["outlet"], "Coastline Courier");
    assert_eq!(
        a["url"],
        "https://courier.example.org/business/rail-union-accepts-pay-offer"
    );

    let a = read("consent-and-related");
    assert!(removed(&a).contains("\"consent\""));
    for cut in [
        "We use cookies",
        "Most read",
        "More on this story",
        "Stay safe",
        "Photo: Lena Voss",
        "Sign up",
    ] {
        assert!(!body(&a).contains(cut), "{cut}");
        assert!(removed(&a).contains(cut), "{cut}");
    }
    assert_eq!(a["body_paragraphs"].as_array().map(Vec::len), Some(5));

    let a = read("cyrillic-windows-1251");
    assert_eq!(a["title"], "В Томске открыли новый мост через реку");
    assert_eq!(a["published"], "2024-03-12");
    assert_eq!(a["language"], "ru");
    assert!(body(&a).contains("«Теперь дорога из северных районов"));

    let a = read("korean-euc-kr");
    assert_eq!(a["title"], "부산 해안 도로 다음 달 전면 개통");
    assert_eq!(a["published"], "2024-03-12");
    assert_eq!(a["language"], "ko");
    assert!(body(&a).contains("출퇴근 시간 정체가"));

    // A live blog: dated by the posting, not by its latest entry; the
    // entries in page order, each with its time and heading.
    let a = read("live-blog");
    assert_eq!(a["published"], "2025-10-21");
    assert_eq!(a["published_provenance"], "JSON-LD datePublished");
    let text = body(&a);
    let order = [
        "Ferries cancelled",
        "60,000 homes without power",
        "Red warning issued",
    ];
    let at: Vec<usize> = order.iter().map(|t| text.find(t).expect(t)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
}
