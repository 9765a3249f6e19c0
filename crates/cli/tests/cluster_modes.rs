//! The real binary, three ways on one corpus — one thread, three threads,
//! three processes on loopback ports with a hostfile: the stories,
//! duplicate groups and claims tables are identical after every epoch
//! (retractions included) and equal the all-pairs reference.

mod common;

use common::cluster::{
    assert_matches_reference, cluster_args, epoch_files, fixture_log, start_cluster, EPOCH_SIZE,
};

fn cluster(args: &[String]) {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run(&refs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn one_thread_threads_and_processes_agree_with_the_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("log");
    let docs = fixture_log(&log);
    let n_epochs = docs.len() as u64 / EPOCH_SIZE;
    assert!(n_epochs >= 5, "{} documents", docs.len());

    let one = dir.path().join("one");
    cluster(&cluster_args(&log, &one));
    let threads = dir.path().join("threads");
    let mut args = cluster_args(&log, &threads);
    args.extend(["--threads".into(), "3".into()]);
    cluster(&args);
    let processes = dir.path().join("processes");
    for mut child in start_cluster(dir.path(), &log, &processes, 3, &[]) {
        let status = child.wait().expect("wait");
        assert!(status.success());
    }

    let expected = epoch_files(&one);
    assert_eq!(expected.len() as u64, n_epochs);
    assert_eq!(epoch_files(&threads), expected);
    assert_eq!(epoch_files(&processes), expected);
    assert_matches_reference(&one, &docs);

    // A rerun over a complete output writes nothing new and changes nothing.
    cluster(&cluster_args(&log, &one));
    assert_eq!(epoch_files(&one), expected);
}
