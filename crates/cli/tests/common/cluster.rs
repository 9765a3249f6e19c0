//! Helpers for the `concord cluster` tests: a log of fixture articles,
//! free loopback ports, the epoch files, and the all-pairs reference.

use concord_dataflow::reference::{needed_range, reference_epoch};
use concord_dataflow::RuleConfig;
use concord_log::{EmbeddedLog, IngestLog, Share};
use concord_model::RawDoc;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const EPOCH_SIZE: u64 = 3;
pub const WINDOW: u64 = 2;

/// `concord log append` of the fixture stories (seed-story twice, for exact
/// copies) into `dir`; returns the documents by offset.
pub fn fixture_log(dir: &Path) -> Vec<RawDoc> {
    let f = super::fixtures();
    let paths = [
        f.join("seed-story"),
        f.join("quake-story"),
        f.join("merger-story"),
        f.join("seed-story"),
    ];
    let mut args = vec!["log".to_string(), "append".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--log".into(), dir.display().to_string()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = super::run(&refs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = EmbeddedLog::open_read_only(dir).expect("log");
    let end = log.end().expect("end");
    log.read(0..end, Share::ALL)
        .expect("read")
        .into_iter()
        .map(|e| e.doc)
        .collect()
}

/// `concord cluster` arguments for `out`.
pub fn cluster_args(log: &Path, out: &Path) -> Vec<String> {
    [
        "cluster",
        "--log",
        &log.display().to_string(),
        "--out",
        &out.display().to_string(),
        "--epoch-size",
        &EPOCH_SIZE.to_string(),
        "--window",
        &WINDOW.to_string(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Loopback addresses that were free a moment ago.
pub fn free_ports(n: usize) -> Vec<String> {
    let listeners: Vec<_> = (0..n)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").expect("bind"))
        .collect();
    listeners
        .iter()
        .map(|l| l.local_addr().expect("addr").to_string())
        .collect()
}

/// Start `processes` processes of one cluster (1 thread each).
pub fn start_cluster(
    dir: &Path,
    log: &Path,
    out: &Path,
    processes: usize,
    envs: &[(&str, &str)],
) -> Vec<Child> {
    let hostfile = dir.join(format!("hosts-{}", std::process::id()));
    std::fs::write(&hostfile, free_ports(processes).join("\n")).expect("hostfile");
    (0..processes)
        .map(|i| {
            let mut args = cluster_args(log, out);
            args.extend([
                "--processes".into(),
                processes.to_string(),
                "--process".into(),
                i.to_string(),
                "--hostfile".into(),
                hostfile.display().to_string(),
            ]);
            Command::new(env!("CARGO_BIN_EXE_concord"))
                .args(&args)
                .envs(envs.iter().copied())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn concord cluster")
        })
        .collect()
}

/// Every epoch file in `out`, by name.
pub fn epoch_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir: PathBuf = out.join("epochs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string());
            (
                name.unwrap_or_default(),
                std::fs::read(&p).expect("read epoch"),
            )
        })
        .collect()
}

/// Each epoch's file equals the reference over its live window.
pub fn assert_matches_reference(out: &Path, docs: &[RawDoc]) {
    let n_epochs = docs.len() as u64 / EPOCH_SIZE;
    for epoch in 0..n_epochs {
        let docs: Vec<(u64, RawDoc)> = needed_range(epoch, EPOCH_SIZE, WINDOW)
            .map(|o| (o, docs[o as usize].clone()))
            .collect();
        let expected = reference_epoch(
            epoch,
            &docs,
            (EPOCH_SIZE, WINDOW),
            &RuleConfig::for_window(EPOCH_SIZE, WINDOW),
            true,
        );
        let got = concord_dataflow::output::read_epoch(out, epoch).expect("epoch file");
        assert_eq!(got, expected, "epoch {epoch} in {}", out.display());
    }
}

/// A URL for an empty log in a PostgreSQL schema of the caller's own
/// (dropped and made again), or `None` with a loud skip line when
/// `CONCORD_TEST_PG` is not set (scripts/test.sh sets it).
pub fn fresh_pg_log(schema: &str) -> Option<String> {
    use std::io::Write;
    let url = match std::env::var("CONCORD_TEST_PG") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! skipped: CONCORD_TEST_PG not set (run `bash scripts/setup-postgres.sh` \
                 and export its URL) !!!\n"
            );
            return None;
        }
    };
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .expect("fresh schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}
