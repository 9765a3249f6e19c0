//! One contract, two implementations: the same checks run against the
//! embedded log and the PostgreSQL log, plus the PostgreSQL-only checks
//! (concurrent appenders from separate connections, a client killed in the
//! middle of an append, a log of another format).
//!
//! The PostgreSQL tests connect to `CONCORD_TEST_PG` (a URL; `bash
//! scripts/setup-postgres.sh` starts a private cluster and prints one, and
//! `scripts/test.sh` exports it). Unset, they print a loud skip line.

mod common;

use common::{fresh_log_url, pg_url, raw_client, with_query};
use concord_log::{IngestLog, LogError, PgLog, Share};
use concord_model::{RawDoc, RawFormat};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn doc(i: usize) -> RawDoc {
    RawDoc::new(
        format!("doc-{i}"),
        "test",
        RawFormat::Text,
        format!("text {i}"),
    )
}

/// Documents that test the encoding: every field set, scripts of several
/// directions, emoji, combining marks, control characters including NUL,
/// quotes and backslashes.
fn odd_docs() -> Vec<RawDoc> {
    let mut full = RawDoc::new(
        "récit-Ωμέγα-🦀",
        "https://example.org/ä?q=\"x\"&y=\\",
        RawFormat::Record,
        "Line one\n\tLine two \"quoted\" \\ back\u{0}slash\u{7}bell\r\n",
    );
    full.title = Some("عنوان الخبر — כותרת".into());
    full.published = Some("2026-11-23T12:00:00+09:00".into());
    full.outlet = Some("日本経済新聞".into());
    full.url = Some("https://例え.jp/記事?id=1".into());
    full.author = Some("Zoë O'Brien-Łukasiewicz".into());
    let combining = RawDoc::new(
        "e\u{301}\u{0}nul-in-id",
        "test",
        RawFormat::Html,
        "<p>cafe\u{301} \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{FEFF}bom \u{FFFF}</p>",
    );
    let empty = RawDoc::new("", "", RawFormat::Text, "");
    vec![full, combining, empty]
}

/// A document of about `bytes` bytes of mixed text.
fn big_doc(id: &str, bytes: usize) -> RawDoc {
    let para = "Ministers met on Tuesday — «débat» über 3.5% growth; 経済 📈.\n";
    let text = para.repeat(bytes / para.len() + 1);
    RawDoc::new(id, "big", RawFormat::Text, text)
}

fn offsets(entries: &[concord_log::LogEntry]) -> Vec<u64> {
    entries.iter().map(|e| e.offset).collect()
}

/// The contract of [`IngestLog`], for any implementation. `open` opens
/// the same log again (for writing) each time it is called.
fn conformance(
    open: &dyn Fn() -> Box<dyn IngestLog + Send>,
    open_read_only: &dyn Fn() -> Box<dyn IngestLog + Send>,
) {
    let mut expected: Vec<RawDoc> = Vec::new();
    {
        let mut log = open();
        appends(&mut *log, &mut expected);
    }
    // Everything survives a reopen, and appends continue after it.
    {
        let mut log = open();
        reads(&*log, &expected);
        let n = expected.len() as u64;
        assert_eq!(log.append(&[doc(1000)]).unwrap(), n..n + 1);
        expected.push(doc(1000));
        reads(&*log, &expected);
    }
    let mut reader = open_read_only();
    reads(&*reader, &expected);
    assert!(matches!(
        reader.append(&[doc(1)]),
        Err(LogError::Unsupported(_))
    ));
}

fn appends(log: &mut dyn IngestLog, expected: &mut Vec<RawDoc>) {
    assert_eq!(log.end().unwrap(), 0);
    assert!(log.read(0..10, Share::ALL).unwrap().is_empty());
    assert_eq!(log.append(&[]).unwrap(), 0..0);
    assert_eq!(log.end().unwrap(), 0);

    let batch: Vec<RawDoc> = (0..5).map(doc).collect();
    assert_eq!(log.append(&batch).unwrap(), 0..5);
    expected.extend(batch);
    assert_eq!(log.append(&[doc(5)]).unwrap(), 5..6);
    expected.push(doc(5));
    assert_eq!(log.end().unwrap(), 6);
    assert_eq!(log.append(&[]).unwrap(), 6..6);

    let odd = odd_docs();
    assert_eq!(log.append(&odd).unwrap(), 6..9);
    expected.extend(odd);

    // Big documents: one of 8 MB alone, then a batch of 1 MB ones.
    assert_eq!(log.append(&[big_doc("big-8mb", 8 << 20)]).unwrap(), 9..10);
    expected.push(big_doc("big-8mb", 8 << 20));
    let bigs: Vec<RawDoc> = (0..4)
        .map(|i| big_doc(&format!("big-{i}"), 1 << 20))
        .collect();
    assert_eq!(log.append(&bigs).unwrap(), 10..14);
    expected.extend(bigs);

    let many: Vec<RawDoc> = (100..400).map(doc).collect();
    assert_eq!(log.append(&many).unwrap(), 14..314);
    expected.extend(many);
    assert_eq!(log.end().unwrap(), expected.len() as u64);
    reads(log, expected);
}

fn reads(log: &dyn IngestLog, expected: &[RawDoc]) {
    let n = expected.len() as u64;
    assert_eq!(log.end().unwrap(), n);

    let all = log.read(0..n, Share::ALL).unwrap();
    assert_eq!(offsets(&all), (0..n).collect::<Vec<_>>());
    for (entry, want) in all.iter().zip(expected) {
        assert_eq!(&entry.doc, want, "offset {}", entry.offset);
    }
    // Ranges past the end are cut at the end.
    assert_eq!(log.read(0..u64::MAX, Share::ALL).unwrap(), all);
    assert_eq!(log.read(2..n + 100, Share::ALL).unwrap(), all[2..]);

    // Empty ranges.
    assert!(log.read(3..3, Share::ALL).unwrap().is_empty());
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = 5..2;
    assert!(log.read(reversed, Share::ALL).unwrap().is_empty());
    assert!(log
        .read(n..n + 10, Share { index: 1, peers: 3 })
        .unwrap()
        .is_empty());
    assert!(log.read(n..n + 10, Share::ALL).unwrap().is_empty());
    assert!(log
        .read(u64::MAX - 1..u64::MAX, Share::ALL)
        .unwrap()
        .is_empty());

    // Shares partition the range, each in offset order.
    for peers in [2usize, 3, 7] {
        let mut union = Vec::new();
        for index in 0..peers {
            let share = log.read(1..n, Share { index, peers }).unwrap();
            let got = offsets(&share);
            assert!(got.windows(2).all(|w| w[0] < w[1]));
            assert!(got.iter().all(|o| o % peers as u64 == index as u64));
            union.extend(share);
        }
        union.sort_by_key(|e| e.offset);
        assert_eq!(union, all[1..]);
    }
    assert_eq!(
        offsets(&log.read(2..9, Share { index: 1, peers: 2 }).unwrap()),
        [3, 5, 7]
    );
    // An index outside its peers matches nothing; zero peers means all.
    assert!(log
        .read(0..n, Share { index: 5, peers: 3 })
        .unwrap()
        .is_empty());
    assert_eq!(log.read(0..n, Share { index: 0, peers: 0 }).unwrap(), all);
}

#[test]
fn embedded_log_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("log").to_str().unwrap().to_string();
    conformance(&|| concord_log::open(&spec, false).unwrap(), &|| {
        concord_log::open(&spec, true).unwrap()
    });
}

#[test]
fn postgres_log_keeps_the_contract() {
    let Some(url) = fresh_log_url("conformance") else {
        return;
    };
    conformance(&|| concord_log::open(&url, false).unwrap(), &|| {
        concord_log::open(&url, true).unwrap()
    });
}

// ---- PostgreSQL only ----

#[test]
fn concurrent_appenders_get_consecutive_offsets_and_readers_see_no_hole() {
    let Some(url) = fresh_log_url("concurrent") else {
        return;
    };
    PgLog::open(&url).unwrap();
    let n_writers = 4;
    let n_batches = 40;
    let done = Arc::new(AtomicBool::new(false));

    let reader = {
        let (url, done) = (url.clone(), done.clone());
        std::thread::spawn(move || {
            let log = PgLog::open_read_only(&url).unwrap();
            let (mut polls, mut last) = (0usize, 0u64);
            while !done.load(Ordering::SeqCst) {
                let end = log.end().unwrap();
                assert!(end >= last, "end went back from {last} to {end}");
                // Everything below `end` is there: no hole, ever.
                let all = log.read(0..end, Share::ALL).unwrap();
                assert_eq!(offsets(&all), (0..end).collect::<Vec<_>>());
                last = end;
                polls += 1;
            }
            polls
        })
    };

    let writers: Vec<_> = (0..n_writers)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut log = PgLog::open(&url).unwrap();
                let mut ranges = Vec::new();
                for b in 0..n_batches {
                    let size = 1 + (w * 7 + b * 13) % 17;
                    let batch: Vec<RawDoc> = (0..size)
                        .map(|k| RawDoc::new(format!("w{w}-b{b}-k{k}"), "t", RawFormat::Text, "x"))
                        .collect();
                    let range = log.append(&batch).unwrap();
                    assert_eq!(range.end - range.start, size as u64);
                    ranges.push((range, batch));
                }
                ranges
            })
        })
        .collect();
    let mut ranges: Vec<_> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    done.store(true, Ordering::SeqCst);
    let polls = reader.join().unwrap();
    assert!(polls > 0);

    // The batches tile 0..total with no gap and no overlap, each batch
    // contiguous and holding exactly its own documents.
    ranges.sort_by_key(|(r, _)| r.start);
    let log = PgLog::open_read_only(&url).unwrap();
    let mut next = 0;
    for (range, batch) in &ranges {
        assert_eq!(range.start, next);
        let got = log.read(range.clone(), Share::ALL).unwrap();
        assert_eq!(
            got.iter().map(|e| &e.doc).collect::<Vec<_>>(),
            batch.iter().collect::<Vec<_>>()
        );
        next = range.end;
    }
    assert_eq!(log.end().unwrap(), next);
}

const CHILD_URL: &str = "CONCORD_LOG_TEST_CHILD_URL";
const CHILD_DOCS: usize = 40_000;

/// Not a test on its own: the child process of
/// `a_client_killed_mid_append_leaves_no_partial_batch`, which runs this
/// test binary again with `CONCORD_LOG_TEST_CHILD_URL` set.
#[test]
fn child_appends_a_large_batch() {
    let Ok(url) = std::env::var(CHILD_URL) else {
        return;
    };
    let mut log = PgLog::open(&url).unwrap();
    let batch: Vec<RawDoc> = (0..CHILD_DOCS)
        .map(|i| big_doc(&format!("killed-{i}"), 4096))
        .collect();
    let mut out = std::io::stdout();
    writeln!(out, "appending").unwrap();
    out.flush().unwrap();
    log.append(&batch).unwrap();
    writeln!(out, "appended").unwrap();
}

#[test]
fn a_client_killed_mid_append_leaves_no_partial_batch() {
    let Some(url) = fresh_log_url("killed") else {
        return;
    };
    let mut log = PgLog::open(&url).unwrap();
    let before: Vec<RawDoc> = (0..10).map(doc).collect();
    assert_eq!(log.append(&before).unwrap(), 0..10);

    let app = "concord-kill-test";
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_appends_a_large_batch",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            CHILD_URL,
            with_query(&url, &format!("application_name={app}")),
        )
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("child ended before appending").unwrap();
        if line.ends_with("appending") {
            break;
        }
    }
    // Kill once the child's transaction has written (it holds the counter
    // row and is streaming the batch).
    let mut admin = raw_client(&url);
    let in_transaction = format!(
        "SELECT count(*) FROM pg_stat_activity \
         WHERE application_name = '{app}' AND backend_xid IS NOT NULL"
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while admin
        .query_one(&in_transaction, &[])
        .unwrap()
        .get::<_, i64>(0)
        == 0
    {
        assert!(
            Instant::now() < deadline,
            "the child never began its append"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // The server rolls the transaction back when it sees the socket close.
    let gone = format!("SELECT count(*) FROM pg_stat_activity WHERE application_name = '{app}'");
    let deadline = Instant::now() + Duration::from_secs(60);
    while admin.query_one(&gone, &[]).unwrap().get::<_, i64>(0) > 0 {
        assert!(
            Instant::now() < deadline,
            "the killed client's session lingers"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        log.end().unwrap(),
        10,
        "the killed append committed (make it bigger?)"
    );
    let rows: i64 = admin
        .query_one("SELECT count(*) FROM concord_log_entries", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 10, "a partial batch is in the table");
    // The next append takes the very next offset: no gap.
    assert_eq!(log.append(&[doc(10)]).unwrap(), 10..11);
    assert_eq!(
        offsets(&log.read(0..100, Share::ALL).unwrap()),
        (0..11).collect::<Vec<_>>()
    );
}

#[test]
fn a_log_of_another_format_is_refused() {
    let Some(url) = fresh_log_url("format") else {
        return;
    };
    PgLog::open(&url).unwrap().append(&[doc(0)]).unwrap();
    let mut admin = raw_client(&url);
    admin
        .execute(
            "UPDATE concord_log_meta SET value = 'concord-log/2' WHERE key = 'format'",
            &[],
        )
        .unwrap();
    for result in [PgLog::open(&url), PgLog::open_read_only(&url)] {
        match result {
            Err(LogError::Format {
                found, expected, ..
            }) => {
                assert_eq!(found, "concord-log/2");
                assert_eq!(expected, "concord-log/1");
            }
            Err(e) => panic!("wrong error: {e}"),
            Ok(_) => panic!("opened a concord-log/2 log"),
        }
    }
    // A foreign log: nothing is created beside it.
    let url = fresh_log_url("foreign").unwrap();
    let mut admin = raw_client(&url);
    admin
        .batch_execute(
            "CREATE TABLE concord_log_meta (key text PRIMARY KEY, value text NOT NULL);
             INSERT INTO concord_log_meta VALUES ('format', 'something-else/7')",
        )
        .unwrap();
    assert!(matches!(PgLog::open(&url), Err(LogError::Format { .. })));
    let created: bool = admin
        .query_one("SELECT to_regclass('concord_log_entries') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    assert!(!created);
}

#[test]
fn a_read_only_open_of_a_missing_log_fails_and_creates_nothing() {
    let Some(url) = fresh_log_url("missing") else {
        return;
    };
    let err = match PgLog::open_read_only(&url) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("opened a missing log"),
    };
    assert!(err.contains("no Concord log here"), "{err}");
    assert!(!err.contains(&password_of(&url)), "{err}");
}

#[test]
fn a_refused_connection_names_the_url_without_the_password() {
    let Some(url) = pg_url() else {
        return;
    };
    // The same credentials at a port where nothing listens.
    let port = url
        .split('@')
        .nth(1)
        .and_then(|h| h.split(['/', '?']).next())
        .unwrap();
    let wrong = url.replacen(port, "127.0.0.1:1", 1);
    let err = match PgLog::open(&wrong) {
        Err(e) => e,
        Ok(_) => panic!("connected to port 1"),
    };
    let text = err.to_string();
    assert!(matches!(err, LogError::Connect { .. }), "{text}");
    assert!(text.contains("127.0.0.1:1"), "{text}");
    let password = password_of(&url);
    assert!(password.is_empty() || !text.contains(&password), "{text}");
}

fn password_of(url: &str) -> String {
    let userinfo = url
        .split("://")
        .nth(1)
        .and_then(|r| r.rsplit_once('@'))
        .map(|(u, _)| u);
    userinfo
        .and_then(|u| u.split_once(':'))
        .map(|(_, p)| p.to_string())
        .unwrap_or_default()
}

#[test]
fn a_reader_reconnects_after_the_server_drops_its_session() {
    let Some(url) = fresh_log_url("reconnect") else {
        return;
    };
    let app = "concord-reconnect-test";
    let mut log = PgLog::open(&with_query(&url, &format!("application_name={app}"))).unwrap();
    assert_eq!(log.append(&[doc(0)]).unwrap(), 0..1);
    let mut admin = raw_client(&url);
    let killed: i64 = admin
        .query_one(
            &format!(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                 WHERE application_name = '{app}'"
            ),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(killed, 1);
    // The call that meets the dead session may fail; the next one
    // connects again and sees everything committed.
    let _ = log.end();
    assert_eq!(log.end().unwrap(), 1);
    assert_eq!(log.append(&[doc(1)]).unwrap(), 1..2);
}

#[test]
fn concurrent_appends_succeed_when_the_server_defaults_to_serializable() {
    let Some(url) = fresh_log_url("serializable") else {
        return;
    };
    // fresh_log_url ends with the options parameter: add a second setting.
    let url = format!("{url}%20-c%20default_transaction_isolation%3Dserializable");
    PgLog::open(&url).unwrap();
    let appenders: Vec<_> = (0..3)
        .map(|a| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut log = PgLog::open(&url).unwrap();
                (0..20)
                    .map(|b| {
                        log.append(&[doc(a * 100 + b), doc(a * 100 + 50 + b)])
                            .unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut ranges: Vec<_> = appenders
        .into_iter()
        .flat_map(|a| a.join().unwrap())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let starts: Vec<u64> = ranges.iter().map(|r| r.start).collect();
    assert_eq!(starts, (0..60).map(|k| 2 * k).collect::<Vec<_>>());
    let mut admin = raw_client(&url);
    let isolation: String = admin
        .query_one("SHOW default_transaction_isolation", &[])
        .unwrap()
        .get(0);
    assert_eq!(isolation, "serializable");
}
