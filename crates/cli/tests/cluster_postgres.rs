//! `concord log append` and `concord cluster` on the shared PostgreSQL log
//! (the several-machines setup, here three processes on loopback): the
//! epochs equal those of the embedded log and the all-pairs reference.
//! Needs `CONCORD_TEST_PG` (scripts/test.sh starts a private cluster and
//! sets it); without it the test prints a skip line.

mod common;

use common::cluster::{
    assert_matches_reference, cluster_args, epoch_files, fixture_log, fresh_pg_log, start_cluster,
};
use concord_log::Share;
use std::path::Path;

#[test]
fn three_processes_on_the_postgres_log_match_the_embedded_log() {
    let Some(pg) = fresh_pg_log("concord_test_cli_cluster") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let embedded = dir.path().join("log");
    let docs = fixture_log(&embedded);

    // The same inputs, in the same order, appended to PostgreSQL.
    let f = common::fixtures();
    let mut args = vec!["log".to_string(), "append".to_string()];
    for story in ["seed-story", "quake-story", "merger-story", "seed-story"] {
        args.push(f.join(story).display().to_string());
    }
    args.extend(["--log".into(), pg.clone()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run(&refs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = concord_log::open(&pg, true).expect("open the PostgreSQL log");
    let end = log.end().expect("end");
    let pg_docs: Vec<_> = log
        .read(0..end, Share::ALL)
        .expect("read")
        .into_iter()
        .map(|e| e.doc)
        .collect();
    assert_eq!(pg_docs, docs);

    let one = dir.path().join("embedded-one");
    let refs_owned = cluster_args(&embedded, &one);
    let refs: Vec<&str> = refs_owned.iter().map(String::as_str).collect();
    let out = common::run(&refs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let processes = dir.path().join("pg-processes");
    for mut child in start_cluster(dir.path(), Path::new(&pg), &processes, 3, &[]) {
        assert!(child.wait().expect("wait").success());
    }
    let expected = epoch_files(&one);
    assert!(!expected.is_empty());
    assert_eq!(epoch_files(&processes), expected);
    assert_matches_reference(&processes, &docs);
}
