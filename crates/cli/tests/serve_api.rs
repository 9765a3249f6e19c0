//! `concord serve` end to end: a real server on a loopback port, stories
//! posted over HTTP, and every API endpoint and error path checked.

mod common;

use common::server::{enc, request, Server, TOKEN};
use common::{fixtures, temp_dir, txt_files};
use serde_json::{json, Value};
use std::path::Path;

fn post_text_file(server: &Server, path: &Path) -> Value {
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    let body = std::fs::read(path).expect("fixture");
    let r = server.post(
        &format!("/api/articles?id={}", enc(name)),
        "text/plain",
        &body,
    );
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// The seed story as text files, one request each; the merger story as a
/// JSON Lines batch, an HTML page and a text file.
fn post_two_stories(server: &Server) {
    for f in txt_files("seed-story") {
        post_text_file(server, &f);
    }
    let feed = std::fs::read(fixtures().join("merger-story/feed.jsonl")).expect("feed");
    let r = server.post("/api/articles", "application/x-ndjson", &feed);
    assert_eq!(r.status, 201, "{}", r.text());
    let html =
        std::fs::read(fixtures().join("merger-story/02_harborline-pinecrest.html")).expect("html");
    let r = server.post(
        "/api/articles?id=02_harborline-pinecrest.html&url=https%3A%2F%2Fexample.com%2Fa",
        "text/html; charset=utf-8",
        &html,
    );
    assert_eq!(r.status, 201, "{}", r.text());
    for f in txt_files("merger-story") {
        post_text_file(server, &f);
    }
}

fn story_with(list: &Value, article: &str) -> Value {
    list["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == article))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no story with {article}: {list}"))
}

#[test]
fn api_serves_posted_stories() {
    let data = temp_dir("serve-api");
    let server = Server::start(&data, &[]);
    post_two_stories(&server);

    let health = server.get_json("/api/health");
    assert_eq!(health["articles"], 9);
    // A store has no epochs of `concord cluster`.
    assert!(health.get("epoch").is_none(), "{health}");

    // Two stories, seed and merger, each with all its articles.
    let list = server.get_json("/api/stories");
    assert_eq!(list["total"], 2, "{list}");
    let seed = story_with(&list, "000_68287e15d9fd3f80.txt");
    assert_eq!(seed["articles"].as_array().map(Vec::len), Some(5));
    let merger = story_with(&list, "gbl-20251105-harborline-pinecrest");
    assert_eq!(merger["articles"].as_array().map(Vec::len), Some(4));
    assert_eq!(seed["independent_origins"], 4, "002/003 are one origin");

    // The brief follows the concord.brief schema and shows the troop-count
    // conflict with each value's sources.
    let id = seed["id"].as_str().expect("id");
    let brief = server.get_json(&format!("/api/stories/{}/brief", enc(id)));
    assert_eq!(brief["schema"], "concord.brief/1");
    let story = &brief["stories"][0];
    assert_eq!(story["id"], id, "the stored id is kept");
    let troops = story["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| {
            c["status"] == "conflict"
                && c["values"]
                    .as_array()
                    .is_some_and(|v| v.iter().any(|x| x["value"] == 12000.0))
        })
        .unwrap_or_else(|| panic!("no troop conflict in {}", story["claims"]));
    let values: Vec<f64> = troops["values"]
        .as_array()
        .expect("values")
        .iter()
        .filter_map(|v| v["value"].as_f64())
        .collect();
    for v in [10000.0, 11000.0, 12000.0] {
        assert!(values.contains(&v), "{values:?}");
    }
    // After briefing, the list knows the story's conflicts.
    let list = server.get_json("/api/stories");
    assert!(story_with(&list, "000_68287e15d9fd3f80.txt")["conflicts"].as_u64() >= Some(1));

    // One article, with its story.
    let a = server.get_json("/api/articles/002_d7a3ae0c58c3a829.txt");
    assert_eq!(a["story"], id);
    assert!(a["article"]["body_paragraphs"]
        .as_array()
        .is_some_and(|p| !p.is_empty()));
    let html_article = server.get_json("/api/articles/02_harborline-pinecrest.html");
    assert_eq!(html_article["article"]["url"], "https://example.com/a");

    // Full-text search, entity and date filters.
    let hits = server.get_json("/api/stories?q=Pinecrest");
    assert_eq!(hits["total"], 1);
    assert!(hits["stories"][0]["matches"]
        .as_array()
        .is_some_and(|m| !m.is_empty()));
    let by_entity = server.get_json("/api/stories?entity=Zelenskyy");
    assert_eq!(by_entity["total"], 1, "{by_entity}");
    assert_eq!(by_entity["stories"][0]["id"], id);
    let none = server.get_json("/api/stories?since=2030-01-01");
    assert_eq!(none["total"], 0);
    let paged = server.get_json("/api/stories?limit=1&offset=1");
    assert_eq!(paged["stories"].as_array().map(Vec::len), Some(1));
    assert_eq!(paged["total"], 2);

    let entities = server.get_json("/api/entities?q=zelensk");
    let names = entities["entities"].as_array().expect("entities");
    assert!(!names.is_empty());
    assert!(names.iter().all(|e| e["stories"]
        .as_array()
        .is_some_and(|s| s.contains(&json!(id)))));

    // The same article again is a duplicate, not a new article.
    let again = post_text_file(&server, &txt_files("seed-story")[0]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["duplicates"], 1);
    assert_eq!(server.get_json("/api/health")["articles"], 9);

    // Stories survive a restart with the same ids.
    drop(server);
    let server = Server::start(&data, &[]);
    let list = server.get_json("/api/stories");
    assert_eq!(story_with(&list, "000_68287e15d9fd3f80.txt")["id"], id);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn openapi_lists_every_endpoint() {
    let data = temp_dir("serve-openapi");
    let server = Server::start(&data, &[]);
    let spec = server.get_json("/api/openapi.json");
    assert_eq!(spec["openapi"], "3.1.0");
    let mut paths: Vec<&str> = spec["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: Vec<&str> = concord_server_paths().to_vec();
    paths.sort();
    expected.sort();
    assert_eq!(paths, expected);
    // Every documented GET answers (404 only for a missing id), and the
    // brief schema it references is served.
    for path in &paths {
        let concrete = path.replace("{id}", "no-such-id");
        let r = server.get(&concrete);
        let post_only = spec["paths"][path].get("get").is_none();
        if post_only {
            assert_eq!(r.status, 405, "GET {concrete}");
        } else if concrete.contains("no-such-id") {
            assert_eq!(r.status, 404, "GET {concrete}");
            assert_eq!(r.error_code(), "not_found");
        } else {
            assert_eq!(r.status, 200, "GET {concrete}: {}", r.text());
        }
    }
    let schema = server.get_json("/api/schemas/concord.brief.v1.json");
    assert!(schema["$defs"]["Article"].is_object());
    let _ = std::fs::remove_dir_all(&data);
}

/// The server's own list, so the spec and the router cannot drift apart.
fn concord_server_paths() -> &'static [&'static str] {
    concord_server::API_PATHS
}

#[test]
fn bad_requests_get_clear_errors_and_write_nothing() {
    let data = temp_dir("serve-errors");
    let server = Server::start(&data, &["--max-body", "200000", "--max-batch", "3"]);
    let addr = server.addr;
    let ok_record = |id: &str| {
        json!({"id": id, "title": "Harbour council approves budget",
               "text": "The harbour council approved the budget on Monday after a long debate about dredging."})
        .to_string()
    };

    // Writes need the token.
    let r = request(
        addr,
        "POST",
        "/api/articles",
        &[("Content-Type", "application/json")],
        ok_record("a").as_bytes(),
    );
    assert_eq!((r.status, r.error_code().as_str()), (401, "token_required"));
    let r = request(
        addr,
        "POST",
        "/api/articles",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer wrong-token-xxxxxxxxxx"),
        ],
        ok_record("a").as_bytes(),
    );
    assert_eq!((r.status, r.error_code().as_str()), (401, "bad_token"));

    // Malformed bodies.
    let r = server.post("/api/articles", "application/json", b"{not json");
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_request"));
    let r = server.post("/api/articles", "application/json", b"42");
    assert_eq!(r.status, 400);
    let r = server.post("/api/articles", "application/pdf", b"%PDF");
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (415, "unsupported_media_type")
    );
    let r = server.post(
        "/api/articles?id=bin.txt",
        "text/plain",
        b"\xff\xfe\x00\x01binary",
    );
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (400, "bad_request"),
        "{}",
        r.text()
    );

    // One bad line rejects the whole batch: nothing is written.
    let batch = format!("{}\n{{broken\n{}\n", ok_record("b1"), ok_record("b2"));
    let r = server.post("/api/articles", "application/x-ndjson", batch.as_bytes());
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (422, "invalid_records"),
        "{}",
        r.text()
    );
    let details = r.json()["error"]["details"].to_string();
    assert!(details.contains("request#2"), "{details}");
    let bad_utf8 = [
        ok_record("c1").as_bytes(),
        b"\n{\"id\":\"c2\",\"text\":\"\xff\xfe\"}\n",
    ]
    .concat();
    let r = server.post("/api/articles", "application/x-ndjson", &bad_utf8);
    assert_eq!(r.status, 422);

    // Limits on size and on batch length.
    let big = vec![b'a'; 300_000];
    let r = server.post("/api/articles?id=big.txt", "text/plain", &big);
    assert_eq!((r.status, r.error_code().as_str()), (413, "body_too_large"));
    let four: Vec<String> = (0..4).map(|i| ok_record(&format!("d{i}"))).collect();
    let r = server.post(
        "/api/articles",
        "application/x-ndjson",
        four.join("\n").as_bytes(),
    );
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (413, "batch_too_large")
    );

    assert_eq!(
        server.get_json("/api/health")["articles"],
        0,
        "nothing was written"
    );

    // Read errors.
    let r = server.get("/api/stories?since=yesterday");
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_request"));
    let r = server.get("/api/stories?limit=0");
    assert_eq!(r.status, 400);
    let r = server.get("/api/nothing-here");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
    let r = server.get("/stories/none");
    assert_eq!(r.status, 404);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));

    // A good request still works after all that.
    let r = server.post(
        "/api/articles",
        "application/json",
        format!("[{},{}]", ok_record("e1"), ok_record("e2")).as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["added"], 1, "e2 is a copy of e1");
    assert_eq!(server.get_json("/api/health")["articles"], 1);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn writes_are_disabled_without_a_token() {
    let data = temp_dir("serve-notoken");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args([
            "serve",
            "--data",
            &data.display().to_string(),
            "--addr",
            "127.0.0.1:0",
        ])
        .env_remove("CONCORD_TOKEN")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stderr), &mut line).expect("line");
    let addr: std::net::SocketAddr = line
        .split("serving http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let auth = format!("Bearer {TOKEN}");
    let r = request(
        addr,
        "POST",
        "/api/articles",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        b"{}",
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(r.status, 403);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn non_loopback_needs_a_token_for_reads() {
    let out = common::run(&[
        "serve",
        "--data",
        "/nonexistent-concord",
        "--addr",
        "0.0.0.0:0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a loopback address"), "{err}");
}
