//! `concord log prune` end to end on the embedded log and on PostgreSQL
//! (`CONCORD_TEST_PG`, skipped loudly without it): a `concord cluster`
//! run, a prune with `--keep-for` its output, more appends and a second
//! run give the same epoch files as the same runs without the prune; a
//! prune past what the restart needs fails the next run with a clear
//! error, not a panic or different output.

mod common;

use common::cluster::{cluster_args, epoch_files, fresh_pg_log, EPOCH_SIZE, WINDOW};
use std::path::Path;

fn concord(args: &[String]) -> std::process::Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    common::run(&refs)
}

fn ok(args: &[String]) -> String {
    let out = concord(args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// A log spec (a folder or a URL) as the path `cluster_args` takes.
fn spec(log: &str) -> &Path {
    Path::new(log)
}

fn append(log: &str, story: &str) {
    let folder = common::fixtures().join(story);
    ok(&strings(&[
        "log",
        "append",
        &folder.display().to_string(),
        "--log",
        log,
    ]));
}

fn keep_for(log: &str, out: &Path) -> Vec<String> {
    strings(&[
        "log",
        "prune",
        "--log",
        log,
        "--keep-for",
        &out.display().to_string(),
        "--epoch-size",
        &EPOCH_SIZE.to_string(),
        "--window",
        &WINDOW.to_string(),
    ])
}

fn start_and_end(log: &str) -> (u64, u64) {
    let log = concord_log::open(log, true).expect("log");
    (log.start().expect("start"), log.end().expect("end"))
}

#[test]
fn a_restart_after_a_safe_prune_writes_the_same_epochs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = |name: &str| dir.path().join(name).display().to_string();
    restart_after_a_safe_prune(&folder("pruned-log"), &folder("plain-log"), dir.path());
}

#[test]
fn a_restart_after_a_safe_prune_writes_the_same_epochs_on_postgres() {
    let (Some(pruned), Some(plain)) = (
        fresh_pg_log("concord_test_cli_prune_pruned"),
        fresh_pg_log("concord_test_cli_prune_plain"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    restart_after_a_safe_prune(&pruned, &plain, dir.path());
}

fn restart_after_a_safe_prune(pruned_log: &str, plain_log: &str, dir: &Path) {
    let (pruned_out, plain_out) = (dir.join("pruned"), dir.join("plain"));
    for log in [pruned_log, plain_log] {
        append(log, "seed-story");
        append(log, "quake-story");
        append(log, "merger-story");
    }
    ok(&cluster_args(spec(pruned_log), &pruned_out));
    ok(&cluster_args(spec(plain_log), &plain_out));
    let first_run = epoch_files(&pruned_out);
    let last = first_run.len() as u64 - 1;
    // The restart replays the live window's epochs but the one it resumes
    // at, and the `WINDOW − 1` before them its articles were weighed
    // against.
    let replayed = 2 * WINDOW - 2;
    assert!(last >= replayed, "{} epochs", first_run.len());

    // A dry run changes nothing.
    let mut dry = keep_for(pruned_log, &pruned_out);
    dry.push("--dry-run".into());
    let said = ok(&dry);
    assert!(said.contains("dry run"), "{said}");
    assert_eq!(start_and_end(pruned_log).0, 0);

    let safe = (last + 1 - replayed) * EPOCH_SIZE;
    let said = ok(&keep_for(pruned_log, &pruned_out));
    assert!(said.contains(&format!("deleted {safe} records")), "{said}");
    let (start, end) = start_and_end(pruned_log);
    assert_eq!(start, safe);
    assert_eq!(start_and_end(plain_log), (0, end));

    for log in [pruned_log, plain_log] {
        append(log, "seed-story");
        append(log, "quake-story");
    }
    ok(&cluster_args(spec(pruned_log), &pruned_out));
    ok(&cluster_args(spec(plain_log), &plain_out));
    let pruned = epoch_files(&pruned_out);
    assert!(
        pruned.len() > first_run.len() + 1,
        "{} epochs",
        pruned.len()
    );
    assert_eq!(pruned, epoch_files(&plain_out));
    // And a run of its own from the start over the unpruned log agrees.
    let fresh = dir.join("fresh");
    ok(&cluster_args(spec(plain_log), &fresh));
    assert_eq!(epoch_files(&fresh), pruned);

    // Pruning once more for the longer output, then one epoch too far: the
    // next restart (into a copy of the output without its last file)
    // needs what is gone and says so.
    ok(&keep_for(pruned_log, &pruned_out));
    let (start, _) = start_and_end(pruned_log);
    let behind = dir.join("behind");
    std::fs::create_dir_all(behind.join("epochs")).expect("mkdir");
    let last = pruned.len() as u64 - 1;
    for (name, bytes) in pruned.iter().take(last as usize) {
        std::fs::write(behind.join("epochs").join(name), bytes).expect("copy");
    }
    let out = concord(&cluster_args(spec(pruned_log), &behind));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("was pruned") && stderr.contains(&format!("starts at offset {start}")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn prune_refuses_bad_requests_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("log").display().to_string();
    append(&log, "seed-story");
    append(&log, "quake-story");
    append(&log, "merger-story");
    let out = dir.path().join("out");
    ok(&cluster_args(spec(&log), &out));

    // Settings other than the run's that would cut into the live window
    // are caught by the offsets in the last epoch file.
    for (flag, value) in [("--epoch-size", EPOCH_SIZE * 10), ("--window", 1)] {
        let mut wrong = keep_for(&log, &out);
        let at = wrong.iter().position(|a| a == flag).expect("arg") + 1;
        wrong[at] = value.to_string();
        let result = concord(&wrong);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains("were --epoch-size"), "{stderr}");
        assert_eq!(start_and_end(&log).0, 0);
    }

    // Not a cluster output.
    let result = concord(&keep_for(&log, &dir.path().join("nowhere")));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no epochs folder"), "{stderr}");

    // No log there: an error, and none is created.
    let nowhere = dir.path().join("no-log");
    let result = concord(&strings(&[
        "log",
        "prune",
        "--log",
        &nowhere.display().to_string(),
        "--before",
        "3",
    ]));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no-log"), "{stderr}");
    assert!(!nowhere.join("log.redb").exists());

    // Neither --before nor --keep-for.
    let result = concord(&strings(&["log", "prune", "--log", &log]));
    assert_eq!(result.status.code(), Some(2));

    // --before past the end empties the log but keeps its offsets.
    let (_, end) = start_and_end(&log);
    ok(&strings(&[
        "log", "prune", "--log", &log, "--before", "1000000",
    ]));
    assert_eq!(start_and_end(&log), (end, end));
    append(&log, "quake-story");
    let (start, after) = start_and_end(&log);
    assert_eq!(start, end);
    assert!(after > end);
}
