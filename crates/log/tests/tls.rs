//! The PostgreSQL log over TLS, against the test cluster with ssl on
//! (`bash scripts/setup-postgres.sh tls` prints `CONCORD_TEST_PG_TLS`, a
//! `sslmode=verify-full` URL whose `sslrootcert` is the throwaway CA;
//! `other-ca.crt` beside it is a CA that signed nothing). Unset, the tests
//! print a loud skip line.

mod common;

use common::{fresh_schema, pg_tls_url, raw_client, with_query, without_query};
use concord_log::{IngestLog, LogError, PgLog, Share, TlsSettings};
use concord_model::{RawDoc, RawFormat};

fn doc(i: usize) -> RawDoc {
    RawDoc::new(
        format!("doc-{i}"),
        "tls",
        RawFormat::Text,
        format!("text {i}"),
    )
}

/// Whether the session named `app` uses TLS, as the server sees it.
fn session_uses_tls(url: &str, app: &str) -> bool {
    raw_client(without_query(url))
        .query_one(
            "SELECT coalesce(bool_and(s.ssl), false) FROM pg_stat_ssl s \
             JOIN pg_stat_activity a USING (pid) WHERE a.application_name = $1",
            &[&app],
        )
        .unwrap()
        .get(0)
}

/// The URL with `sslrootcert` swapped for `other-ca.crt` beside it.
fn with_other_ca(url: &str) -> String {
    let (settings, _) = TlsSettings::split_url(url).unwrap();
    let ca = settings.root_cert.expect("the TLS URL names sslrootcert");
    let other = ca.with_file_name("other-ca.crt");
    url.replace(
        &format!("sslrootcert={}", ca.display()),
        &format!("sslrootcert={}", other.display()),
    )
}

#[test]
fn appends_and_reads_over_verify_full() {
    let Some(url) = pg_tls_url() else {
        return;
    };
    let url = fresh_schema(&url, "tls_verify_full");
    let app = "concord_test_tls_verify_full";
    let mut log = PgLog::open(&with_query(&url, &format!("application_name={app}"))).unwrap();
    assert!(session_uses_tls(&url, app), "the log's session is not TLS");
    let docs: Vec<RawDoc> = (0..50).map(doc).collect();
    assert_eq!(log.append(&docs).unwrap(), 0..50);
    let reader = PgLog::open_read_only(&url).unwrap();
    let read = reader.read(0..50, Share::ALL).unwrap();
    assert_eq!(read.len(), 50);
    assert!(read.iter().zip(&docs).all(|(e, d)| &e.doc == d));
    // The password stays hidden in the URL the log shows.
    assert!(log.url().contains(":***@"), "{}", log.url());

    // A dropped session comes back over TLS too.
    let killed: i64 = raw_client(without_query(&url))
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE application_name = $1",
            &[&app],
        )
        .unwrap()
        .get(0);
    assert_eq!(killed, 1);
    let _ = log.end();
    assert_eq!(log.append(&[doc(50)]).unwrap(), 50..51);
    assert!(session_uses_tls(&url, app), "the new session is not TLS");
}

#[test]
fn require_encrypts_without_a_ca_and_disable_does_not() {
    let Some(url) = pg_tls_url() else {
        return;
    };
    let base = fresh_schema(without_query(&url), "tls_require");
    let app = "concord_test_tls_require";
    let require = with_query(&base, &format!("sslmode=require&application_name={app}"));
    let mut log = PgLog::open(&require).unwrap();
    assert!(session_uses_tls(&base, app));
    assert_eq!(log.append(&[doc(0)]).unwrap(), 0..1);
    drop(log);

    let app = "concord_test_tls_disable";
    let disable = with_query(&base, &format!("sslmode=disable&application_name={app}"));
    let log = PgLog::open(&disable).unwrap();
    assert!(!session_uses_tls(&base, app));
    assert_eq!(log.end().unwrap(), 1);
}

#[test]
fn a_wrong_ca_is_a_clear_connect_error() {
    let Some(url) = pg_tls_url() else {
        return;
    };
    let wrong = with_other_ca(&url);
    let err = match PgLog::open(&wrong) {
        Err(err) => err,
        Ok(_) => panic!("connected with a CA that did not sign the server's certificate"),
    };
    let text = err.to_string();
    assert!(matches!(err, LogError::Connect { .. }), "{text}");
    assert!(
        text.contains("the server's TLS certificate is not signed by a CA in sslrootcert=")
            && text.contains("other-ca.crt"),
        "{text}"
    );
    assert!(!text.contains(&password_of(&url)), "{text}");
    // The same CA without the host check (verify-ca) is refused as well.
    let verify_ca = wrong.replace("sslmode=verify-full", "sslmode=verify-ca");
    assert!(matches!(
        PgLog::open(&verify_ca),
        Err(LogError::Connect { .. })
    ));
}

#[test]
fn verify_full_checks_the_host_name_and_verify_ca_does_not() {
    let Some(url) = pg_tls_url() else {
        return;
    };
    // The certificate names 127.0.0.1 and localhost; 127.0.0.1 reached as
    // a name the certificate lacks is refused by verify-full only. A
    // hostaddr keeps the TCP target while the name checked changes.
    let url = fresh_schema(&url, "tls_verify_ca");
    let renamed = url.replacen("@127.0.0.1:", "@db.invalid:", 1);
    let renamed = with_query(&renamed, "hostaddr=127.0.0.1");
    let err = match PgLog::open(&renamed) {
        Err(err) => err.to_string(),
        Ok(_) => panic!("verify-full accepted a certificate for another name"),
    };
    assert!(err.contains("does not name the URL's host"), "{err}");
    let verify_ca = renamed.replace("sslmode=verify-full", "sslmode=verify-ca");
    let mut log = PgLog::open(&verify_ca).unwrap();
    assert_eq!(log.append(&[doc(1)]).unwrap(), 0..1);
}

fn password_of(url: &str) -> String {
    let authority = url.split("://").nth(1).unwrap_or("");
    let userinfo = authority.split('@').next().unwrap_or("");
    userinfo.split(':').nth(1).unwrap_or("").to_string()
}
