//! `concord ingest --log` and `concord serve --log … --cluster OUT`: the
//! server shows the newest epoch file's stories, briefs them from the log
//! with the same pipeline as `concord brief`, follows a newer epoch
//! without a restart, and escapes hostile article text. Over the embedded
//! log, and over PostgreSQL when `CONCORD_TEST_PG` is set (else a skip
//! line).

mod common;

use common::hostile::hostile_records;
use common::server::{enc, Server};
use concord_dataflow::output::{last_completed_epoch, read_epoch};
use concord_web::audit::active_content;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Offsets per epoch: the seed story's five articles are epoch 0.
const EPOCH_SIZE: &str = "5";

fn run_ok(args: &[String]) -> String {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run(&refs);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "concord {args:?}: {stderr}");
    stderr
}

/// `concord ingest PATHS… --log SPEC`.
fn ingest(paths: &[PathBuf], log: &str) -> String {
    let mut args = vec!["ingest".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--log".into(), log.into()]);
    run_ok(&args)
}

/// `concord cluster` over every complete epoch; everything stays live.
fn cluster(log: &str, out: &Path) {
    run_ok(&[
        "cluster".into(),
        "--log".into(),
        log.into(),
        "--out".into(),
        out.display().to_string(),
        "--epoch-size".into(),
        EPOCH_SIZE.into(),
        "--window".into(),
        "1000".into(),
    ]);
}

fn serve(log: &str, out: &Path) -> Server {
    let out = out.display().to_string();
    Server::start_args(&["--log", log, "--cluster", &out])
}

/// `(story id, article ids)` of the newest epoch file, as the API names them.
fn newest_epoch(out: &Path) -> (u64, BTreeSet<(String, Vec<String>)>) {
    let epoch = last_completed_epoch(out).expect("an epoch file");
    let output = read_epoch(out, epoch).expect("epoch file");
    let stories = output
        .stories
        .iter()
        .map(|s| {
            let ids = s.articles.iter().map(u64::to_string).collect();
            (s.id.to_string(), ids)
        })
        .collect();
    (epoch, stories)
}

/// The listed stories, each checked against its brief; `None` when a
/// brief covers other articles than the list (the server switched to a
/// newer epoch between the two requests).
fn served_stories(server: &Server) -> Option<BTreeSet<(String, Vec<String>)>> {
    let list = server.get_json("/api/stories?limit=500");
    let mut out = BTreeSet::new();
    for s in list["stories"].as_array().expect("stories") {
        let id = s["id"].as_str().expect("id").to_string();
        let ids: Vec<String> = common::strings(&s["articles"])
            .into_iter()
            .map(String::from)
            .collect();
        let brief = server.get_json(&format!("/api/stories/{}/brief", enc(&id)));
        let briefed: BTreeSet<&str> = brief["stories"][0]["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .filter_map(|a| a["id"].as_str())
            .collect();
        if briefed != ids.iter().map(String::as_str).collect() {
            return None;
        }
        out.insert((id, ids));
    }
    Some(out)
}

/// Article ids in numeric order, as the epoch files keep them.
fn numeric(stories: BTreeSet<(String, Vec<String>)>) -> BTreeSet<(String, Vec<String>)> {
    stories
        .into_iter()
        .map(|(id, mut ids)| {
            ids.sort_by_key(|a| a.parse::<u64>().unwrap_or(u64::MAX));
            (id, ids)
        })
        .collect()
}

fn titles(story: &Value) -> BTreeSet<String> {
    story["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["title"].as_str().map(String::from))
        .collect()
}

/// Wait until the server shows `expected` (the poller reloads within a
/// second or so of a new epoch file; the limit only bounds a failure).
fn wait_for(server: &Server, expected: &BTreeSet<(String, Vec<String>)>) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let shown = served_stories(server).map(numeric);
        if shown.as_ref() == Some(expected) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the server never showed the newer epoch: {shown:?} vs {expected:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The whole flow over one log spec.
fn serve_follows_the_epochs(log: &str, dir: &Path) {
    let f = common::fixtures();
    let out = dir.join("out");
    let stderr = ingest(
        &[
            f.join("seed-story"),
            f.join("quake-story"),
            f.join("merger-story"),
        ],
        log,
    );
    assert!(stderr.contains("appended"), "{stderr}");
    cluster(log, &out);
    let (epoch, expected) = newest_epoch(&out);
    let server = serve(log, &out);
    let shown = served_stories(&server).expect("briefs cover the listed articles");
    assert_eq!(numeric(shown), expected, "epoch {epoch}");

    // The seed story (offsets 0..5) briefed from the log has the titles
    // that `concord brief` finds in the same files.
    let brief = server.get_json("/api/stories/0/brief");
    assert_eq!(brief["schema"], "concord.brief/1");
    let story = &brief["stories"][0];
    assert_eq!(story["id"], "0");
    let local = common::brief(&[f.join("seed-story")]);
    let local_story = local["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .max_by_key(|s| s["articles"].as_array().map_or(0, Vec::len))
        .expect("a story");
    assert_eq!(titles(story), titles(local_story));
    assert!(!titles(story).is_empty());
    assert_eq!(story["articles"].as_array().map(Vec::len), Some(5));
    let health = server.get_json("/api/health");
    assert_eq!(health["stories"].as_u64(), Some(expected.len() as u64));
    assert_eq!(health["epoch"].as_u64(), Some(epoch));
    // The page lists the story.
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/stories/0\""), "{}", page.text());

    // More articles, another epoch: the running server shows it.
    ingest(&[f.join("quake-story"), f.join("seed-story")], log);
    cluster(log, &out);
    let (newer, expected) = newest_epoch(&out);
    assert!(newer > epoch, "{newer} > {epoch}");
    wait_for(&server, &expected);
    assert_eq!(
        server.get_json("/api/health")["epoch"].as_u64(),
        Some(newer)
    );
}

#[test]
fn serve_follows_the_epochs_of_the_embedded_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("log").display().to_string();
    serve_follows_the_epochs(&log, dir.path());
}

#[test]
fn serve_follows_the_epochs_of_the_postgres_log() {
    let Some(log) = common::cluster::fresh_pg_log("concord_test_cli_serve_cluster") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    serve_follows_the_epochs(&log, dir.path());
}

/// Articles posted to the server go to the log (202, no story yet); once
/// clustered, every page showing their hostile text has no active content.
#[test]
fn posted_hostile_articles_are_escaped_in_cluster_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("log").display().to_string();
    let out = dir.path().join("out");
    let f = common::fixtures();
    ingest(&[f.join("seed-story")], &log);
    cluster(&log, &out);
    let server = serve(&log, &out);
    let mut records = hostile_records();
    // Two harmless ones complete the epoch of five.
    records.extend(
        ["calm-1", "calm-2"]
            .map(|id| format!(r#"{{"id":"{id}","title":"Garden show opens","text":"The garden show opened on Friday with roses and tulips."}}"#)),
    );
    let r = server.post(
        "/api/articles",
        "application/x-ndjson",
        records.join("\n").as_bytes(),
    );
    assert_eq!(r.status, 202, "{}", r.text());
    let ids: Vec<String> = r.json()["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| {
            assert!(a["story"].is_null(), "{a}");
            a["id"].as_str().expect("id").to_string()
        })
        .collect();
    assert_eq!(ids, ["5", "6", "7", "8", "9"]);
    // Writes still need the token.
    let anonymous = common::server::request(
        server.addr,
        "POST",
        "/api/articles",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    assert_eq!(anonymous.status, 401);

    cluster(&log, &out);
    let (_, expected) = newest_epoch(&out);
    wait_for(&server, &expected);
    let bad_story = server.get_json("/api/articles/5")["story"]
        .as_str()
        .expect("the hostile article has a story")
        .to_string();
    assert_eq!(
        server.get_json("/api/articles/6")["story"].as_str(),
        Some(bad_story.as_str()),
        "the hostile articles form one story"
    );
    let pages = [
        "/".to_string(),
        format!("/stories/{}", enc(&bad_story)),
        "/articles/5".to_string(),
        format!("/stories/{}/compare?a=5&b=6", enc(&bad_story)),
        format!("/search?q={}", enc("Eastport <script>")),
        format!("/?entity={}", enc("<script>alert(1)</script>")),
    ];
    for path in &pages {
        let served = server.get(path);
        assert_eq!(served.status, 200, "{path}: {}", served.text());
        let csp = served.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "CSP on {path}: {csp:?}");
        assert_eq!(
            active_content(&served.text()),
            Vec::<String>::new(),
            "{path}"
        );
    }
    let page = server.get(&format!("/stories/{}", enc(&bad_story))).text();
    assert!(page.contains("&lt;script&gt;"), "payload text is displayed");
    // The title search (a scan in this mode) finds the hostile story.
    let found = server.get_json(&format!("/api/stories?q={}", enc("eastport flood")));
    assert_eq!(found["stories"][0]["id"].as_str(), Some(bad_story.as_str()));
}
