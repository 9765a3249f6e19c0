//! `concord ingest` reads its input as it goes: JSON Lines on stdin is
//! committed before the input ends, and a bad record in the middle is one
//! line on stderr while the records around it go in. (Peak memory against
//! input size is measured in BENCHMARKS.md, not here.)

mod common;

use common::{run, stored_article_count, temp_dir};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Record `i` of a feed of distinct synthetic articles, as one JSON line.
fn record(i: usize) -> String {
    const WORDS: &[&str] = &[
        "harbour", "council", "budget", "river", "storm", "school", "bridge", "election",
        "festival", "factory", "hospital", "airport", "railway", "market", "forest", "museum",
    ];
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let words: Vec<&str> = (0..30)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            WORDS[(x % WORDS.len() as u64) as usize]
        })
        .collect();
    let text = format!("Officials in Town{i} met. {}.", words.join(" "));
    serde_json::json!({"id": format!("a{i}"), "title": format!("Town{i} {} news", words[0]), "text": text})
        .to_string()
}

#[test]
fn stdin_is_committed_before_it_ends_and_a_bad_record_is_one_line() {
    let dir = temp_dir("ingest-stream-stdin");
    let data = dir.join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["ingest", "-", "--data", &data.display().to_string()])
        .args(["--batch", "50", "--threads", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ingest");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (commits, committed) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let v: Value = serde_json::from_str(&line).expect("progress line is JSON");
            let _ = commits.send(v["committed"]["total_articles"].as_u64().unwrap_or(0));
        }
    });
    // More than one round of documents, with a bad line in the middle.
    let first = 1_500;
    let bad_line = 700;
    for i in 1..=first {
        let line = if i == bad_line {
            "{\"text\": oops".to_string()
        } else {
            record(i)
        };
        writeln!(stdin, "{line}").expect("write stdin");
    }
    stdin.flush().expect("flush");
    // Reading the whole input first would commit nothing while stdin is
    // still open.
    let early = committed
        .recv_timeout(Duration::from_secs(120))
        .expect("a batch committed while stdin was still open");
    assert!(early > 0);
    for i in first + 1..=2_000 {
        writeln!(stdin, "{}", record(i)).expect("write stdin");
    }
    drop(stdin);
    let out = child.wait_with_output().expect("ingest ends");
    let _ = reader.join();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let problems: Vec<&str> = stderr.lines().filter(|l| l.contains("<stdin>#")).collect();
    assert_eq!(problems.len(), 1, "{stderr}");
    assert!(
        problems[0].starts_with("concord: <stdin>#700: invalid JSON"),
        "{}",
        problems[0]
    );
    assert_eq!(stored_article_count(&data), 1_999);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_large_jsonl_file_streams_past_the_whole_input_cap() {
    // Whole-read inputs are capped at 64 MiB; a JSON Lines file is read
    // record by record, so only a record is capped. Blank lines of 1 MiB
    // make up the bulk, to keep the test quick.
    let dir = temp_dir("ingest-stream-large");
    let feed = dir.join("big.jsonl");
    let mut f = std::fs::File::create(&feed).expect("feed");
    let blank = " ".repeat(1 << 20) + "\n";
    for i in 0..100 {
        writeln!(f, "{}", record(i)).expect("write");
    }
    for _ in 0..66 {
        f.write_all(blank.as_bytes()).expect("write");
    }
    writeln!(f, "{}", record(100)).expect("write");
    drop(f);
    let data = dir.join("data");
    let out = run(&[
        "ingest",
        &feed.display().to_string(),
        "--data",
        &data.display().to_string(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stored_article_count(&data), 101);
    let _ = std::fs::remove_dir_all(dir);
}
