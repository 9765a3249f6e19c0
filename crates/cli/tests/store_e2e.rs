//! End-to-end over the persistent store: incremental ingest, duplicates,
//! stories, search, stored briefs, and a `kill -9` in the middle of ingest.

mod common;

use common::{fixtures, run, run_ok, stored_article_count, stored_stories, temp_dir};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn incremental_ingest_stories_search_and_brief() {
    let data = temp_dir("store-e2e-incremental");
    let d = data.display().to_string();
    let seed = fixtures().join("seed-story").display().to_string();
    let quake = fixtures().join("quake-story").display().to_string();
    let merger = fixtures().join("merger-story").display().to_string();

    run_ok(&["ingest", &seed, &quake, "--data", &d]);
    assert_eq!(stored_stories(&data).len(), 2);
    let before: Vec<String> = stored_stories(&data)
        .iter()
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect();

    // A second run adds a new story and recognises the seed story as already stored.
    let second = run_ok(&["ingest", &merger, &seed, "--data", &d]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("5 duplicates skipped"), "{stderr}");
    let after = stored_stories(&data);
    assert_eq!(after.len(), 3);
    assert_eq!(stored_article_count(&data), 14, "nothing double-counted");
    for id in &before {
        assert!(
            after.iter().any(|s| s["id"] == id.as_str()),
            "story id {id} is stable across runs"
        );
    }
    let seed_story = after
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == "003_b89c540622ccaa2a.txt"))
        })
        .expect("seed story");
    assert_eq!(seed_story["articles"].as_array().map(Vec::len), Some(5));
    assert_eq!(
        seed_story["independent_origins"], 4,
        "002 and 003 are one wire origin"
    );

    let filtered = run(&[
        "stories",
        "--data",
        &d,
        "--entity",
        "Kim Jong Un",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&filtered.stdout).expect("json");
    assert_eq!(
        v["stories"].as_array().map(Vec::len),
        Some(1),
        "only the seed story mentions Kim Jong Un"
    );

    let search = run(&[
        "search",
        "Zelenskiy prisoners",
        "--data",
        &d,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&search.stdout).expect("json");
    let hits = v["hits"].as_array().expect("hits");
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h["story"] == seed_story["id"]),
        "{v:#}"
    );

    let id = seed_story["id"].as_str().expect("id");
    let brief = run_ok(&["brief", "--story", id, "--data", &d, "--format", "json"]);
    let b: Value = serde_json::from_slice(&brief.stdout).expect("brief json");
    assert_eq!(b["stories"][0]["id"], id);
    assert!(b["stories"][0]["claims"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["status"] == "conflict")));

    let missing = run(&["brief", "--story", "s-nope", "--data", &d]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("s-nope"));
    let _ = std::fs::remove_dir_all(data);
}

/// Distinct synthetic articles so the crash test has many batches.
fn write_feed(path: &Path, n: usize) {
    const WORDS: &[&str] = &[
        "harbour", "council", "budget", "river", "storm", "school", "bridge", "election",
        "festival", "factory", "hospital", "airport", "railway", "market", "forest", "museum",
        "stadium", "court", "police", "farm",
    ];
    let mut f = std::fs::File::create(path).expect("feed");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..n {
        let mut words = Vec::new();
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words.push(WORDS[(x % WORDS.len() as u64) as usize]);
        }
        let text = format!(
            "Officials in Town{i} said the {} plan would change. {}.",
            words[0],
            words.join(" ")
        );
        let rec = serde_json::json!({"id": format!("a{i}"), "title": format!("Town{i} {} news", words[1]), "text": text});
        writeln!(f, "{rec}").expect("write");
    }
}

#[test]
fn kill_9_during_ingest_loses_nothing_committed() {
    let dir = temp_dir("store-e2e-crash");
    let data = dir.join("data");
    let feed = dir.join("feed.jsonl");
    let n = 1500;
    write_feed(&feed, n);
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args([
            "ingest",
            &feed.display().to_string(),
            "--data",
            &data.display().to_string(),
            "--batch",
            "25",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    // Piped stdout gets one JSON line per committed batch.
    let stdout = child.stdout.take().expect("stdout");
    let mut committed = 0u64;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let v: Value = serde_json::from_str(&line).expect("progress line is JSON");
        committed = v["committed"]["total_articles"].as_u64().expect("total");
        if committed >= 100 {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert!(committed >= 100, "saw commits before the kill");

    // The store opens, holds at least what was reported, and is consistent.
    let stored = stored_article_count(&data);
    assert!(
        stored as u64 >= committed,
        "reported {committed} committed, found {stored}"
    );
    run_ok(&[
        "search",
        "officials",
        "--data",
        &data.display().to_string(),
        "--limit",
        "5",
    ]);

    // Running again finishes the job without duplicates.
    run_ok(&[
        "ingest",
        &feed.display().to_string(),
        "--data",
        &data.display().to_string(),
    ]);
    assert_eq!(stored_article_count(&data), n);
    let _ = std::fs::remove_dir_all(dir);
}
