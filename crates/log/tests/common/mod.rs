//! Helpers shared by the log's test files: the test database's URLs from
//! the environment (each test skips loudly without them) and a fresh
//! schema per test.

// Each test file uses its own subset.
#![allow(dead_code)]

use std::io::Write;

/// The URL in the variable `var`, or `None` after a skip line that shows
/// even under the test harness's output capture.
fn env_url(var: &str, how: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            // Straight to stderr: the harness captures only `eprintln!`.
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! skipped: {var} not set (run `bash scripts/setup-postgres.sh{how}` \
                 and export its URL) !!!\n"
            );
            None
        }
    }
}

/// The test database's URL (`CONCORD_TEST_PG`).
pub fn pg_url() -> Option<String> {
    env_url("CONCORD_TEST_PG", "")
}

/// The same database over TLS (`CONCORD_TEST_PG_TLS`: `…?sslmode=verify-full
/// &sslrootcert=…/ca.crt`, from `scripts/setup-postgres.sh tls`).
pub fn pg_tls_url() -> Option<String> {
    env_url("CONCORD_TEST_PG_TLS", " tls")
}

pub fn with_query(url: &str, param: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}")
}

/// `url` without its query: a plain-text URL for the test's own admin
/// connections, which use no TLS.
pub fn without_query(url: &str) -> &str {
    url.split_once('?').map_or(url, |(base, _)| base)
}

/// `url` for an empty log of the test's own: a PostgreSQL schema named
/// after the test, dropped and re-created, first on the `search_path`.
pub fn fresh_schema(url: &str, name: &str) -> String {
    let schema = format!("concord_test_{name}");
    let mut client = raw_client(without_query(url));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
    with_query(url, &format!("options=-c%20search_path%3D{schema}"))
}

/// A fresh log of the test's own on `CONCORD_TEST_PG` (see [`fresh_schema`]).
pub fn fresh_log_url(name: &str) -> Option<String> {
    Some(fresh_schema(&pg_url()?, name))
}

pub fn raw_client(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}
