//! Recovery: `kill -9` one of three worker processes mid-run, kill the
//! rest, restart all three; the final epochs equal an uninterrupted run and
//! no epoch written before the crash changes.

mod common;

use common::cluster::{cluster_args, epoch_files, fixture_log, start_cluster, EPOCH_SIZE};
use std::time::{Duration, Instant};

#[test]
fn kill_one_worker_restart_all_and_the_output_is_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("log");
    let docs = fixture_log(&log);
    let n_epochs = docs.len() as u64 / EPOCH_SIZE;

    let expected_dir = dir.path().join("uninterrupted");
    let args = cluster_args(&log, &expected_dir);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(common::run(&refs).status.success());
    let expected = epoch_files(&expected_dir);
    assert_eq!(expected.len() as u64, n_epochs);

    // Slow epochs, so the kill lands mid-run.
    let out = dir.path().join("crashed");
    let mut children = start_cluster(
        dir.path(),
        &log,
        &out,
        3,
        &[("CONCORD_EPOCH_PAUSE_MS", "400")],
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    while epoch_files(&out).len() < 2 {
        assert!(Instant::now() < deadline, "no epochs written");
        std::thread::sleep(Duration::from_millis(20));
    }
    children[1].kill().expect("kill -9 worker 1");
    for child in &mut children {
        let _ = child.kill();
        let _ = child.wait();
    }
    let before = epoch_files(&out);
    assert!(
        (before.len() as u64) < n_epochs,
        "the run finished before the kill"
    );

    for mut child in start_cluster(dir.path(), &log, &out, 3, &[]) {
        assert!(child.wait().expect("wait").success());
    }
    let after = epoch_files(&out);
    assert_eq!(after, expected);
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{name} changed");
    }
}
