//! `concord stories` and `concord brief` show the same outlet count for a
//! story. They used to differ: the story list counted distinct outlet
//! names with a floor of one, so the seed story (five files naming no
//! outlet) was 1 outlet in the list and 5 in its brief.

mod common;

use common::{brief, fixtures, run_ok, stored_stories, temp_dir, txt_files};
use serde_json::Value;
use std::path::Path;

fn ingest(data: &Path, input: &Path) {
    run_ok(&[
        "ingest",
        &input.display().to_string(),
        "--data",
        &data.display().to_string(),
    ]);
}

/// (story list count, stored brief count) for every stored story.
fn both_counts(data: &Path) -> Vec<(u64, u64)> {
    let d = data.display().to_string();
    stored_stories(data)
        .iter()
        .map(|s| {
            let id = s["id"].as_str().expect("story id");
            let out = run_ok(&["brief", "--story", id, "--data", &d, "--format", "json"]);
            let b: Value = serde_json::from_slice(&out.stdout).expect("brief json");
            let listed = s["outlets"].as_u64().expect("listed outlets");
            (
                listed,
                b["stories"][0]["outlets"].as_u64().expect("outlets"),
            )
        })
        .collect()
}

#[test]
fn the_seed_story_has_five_outlets_in_the_list_and_in_its_brief() {
    let seed = fixtures().join("seed-story");
    let data = temp_dir("outlets-seed");
    ingest(&data, &seed);
    assert_eq!(both_counts(&data), [(5, 5)]);
    let direct = brief(&[seed]);
    assert_eq!(direct["stories"][0]["outlets"], 5);
    let _ = std::fs::remove_dir_all(&data);
}

/// The seed story's articles as JSON Lines records: two name one outlet in
/// different case, one names another, two name none. 4 outlets: the list
/// used to say 2.
#[test]
fn case_variants_and_articles_without_an_outlet_count_alike() {
    let dir = temp_dir("outlets-mixed");
    let files = txt_files("seed-story");
    let outlets = [
        Some("Kyiv Independent"),
        Some("KYIV INDEPENDENT"),
        None,
        Some("Newsweek"),
        None,
    ];
    let mut lines = String::new();
    for (i, (path, outlet)) in files.iter().zip(outlets).enumerate() {
        let text = std::fs::read_to_string(path).expect("seed article");
        let (title, body) = text.split_once('\n').expect("title line");
        let body = body.lines().collect::<Vec<_>>().join("\n\n");
        let mut record = serde_json::json!({"id": format!("m{i}"), "title": title, "text": body});
        if let Some(o) = outlet {
            record["outlet"] = o.into();
        }
        lines.push_str(&format!("{record}\n"));
    }
    let feed = dir.join("feed.jsonl");
    std::fs::write(&feed, lines).expect("write feed");
    let data = dir.join("data");
    ingest(&data, &feed);
    assert_eq!(both_counts(&data), [(4, 4)]);
    assert_eq!(brief(&[feed])["stories"][0]["outlets"], 4);
    let _ = std::fs::remove_dir_all(&dir);
}
