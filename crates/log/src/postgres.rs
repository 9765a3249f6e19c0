//! The log in PostgreSQL, for when several machines share one log.
//!
//! Tables (created on open when missing, in the first schema of the
//! connection's `search_path`, so several logs can share a database by
//! giving each its own schema through the URL's `options`):
//!
//! - `concord_log_meta (key, value)`: the row `format = concord-log/1`;
//!   a log of another format is refused. After a prune, the row
//!   `start = N`: offsets below N were deleted.
//! - `concord_log_counter (next_offset)`: one row, the next offset.
//! - `concord_log_entries (log_offset, doc_id, doc)`: `doc` is the
//!   [`RawDoc`] as serde JSON in a `text` column. Not `jsonb`: jsonb
//!   rejects the escape `\u0000`, which a document may contain, and
//!   re-orders keys; the log keeps exactly what was appended. `doc_id`
//!   repeats the id for operators' queries. The column is compressed with
//!   lz4 where the server has it.
//!
//! ## Why a counter row
//!
//! Offsets must be gap-free and consecutive *in commit order*, whatever
//! the number of appending processes: a reader that sees `end() == 8`
//! must be able to read offsets 0..8 with no hole. A `bigserial` cannot
//! give that: a rolled-back append burns its numbers (a gap forever), and
//! two appenders can draw 6 and 7 and commit 7 first, so a reader would
//! see 7 before 6. An append therefore begins with
//! `UPDATE concord_log_counter SET next_offset = next_offset + n`: the row
//! lock serialises appenders until their commit (a second appender waits,
//! then reads the committed value), a rollback or a killed client leaves
//! the counter as it was, and the counter commits together with the rows
//! it numbers, so `end()` is one read of one row. `LOCK TABLE … IN
//! EXCLUSIVE MODE` would serialise appenders just as well, but also takes
//! a table lock that conflicts with maintenance (`VACUUM`, index builds)
//! and gives `end()` nothing cheap to read. Readers take no lock at all.

use crate::redact_url;
use crate::tls::TlsSettings;
use crate::{check_pruned, IngestLog, LogEntry, LogError, Pruned, Result, Share};
use concord_model::RawDoc;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;
use postgres::{Client, Config, GenericClient, IsolationLevel, NoTls};
use std::ops::Range;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The format this build reads and writes, kept in `concord_log_meta`.
pub const FORMAT: &str = "concord-log/1";

/// The advisory lock key taken while the tables are created ("concord" in
/// ASCII); held only by that transaction.
const SCHEMA_LOCK: i64 = 0x0063_6f6e_636f_7264;

const CREATE_META: &str = "CREATE TABLE IF NOT EXISTS concord_log_meta (
    key text PRIMARY KEY,
    value text NOT NULL
)";

const CREATE_REST: &str = "
CREATE TABLE IF NOT EXISTS concord_log_counter (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    next_offset bigint NOT NULL CHECK (next_offset >= 0)
);
CREATE TABLE IF NOT EXISTS concord_log_entries (
    log_offset bigint PRIMARY KEY CHECK (log_offset >= 0),
    doc_id text NOT NULL,
    doc text NOT NULL
);
";

/// The PostgreSQL log. Any number of processes on any machines may open
/// the same log, to append or to read.
pub struct PgLog {
    config: Config,
    /// The connector for `sslmode=require` and stricter; `None` for plain.
    tls: Option<MakeRustlsConnect>,
    tls_settings: TlsSettings,
    /// The URL with its password hidden, for messages.
    url: String,
    read_only: bool,
    /// `end` and `read` take `&self`; the mutex also makes a reader `Sync`.
    client: Mutex<Client>,
    /// Set when a call failed in a way that leaves the session unusable
    /// (see [`session_lost`]): the next call connects again even if the
    /// client has not noticed the closed socket yet.
    lost: AtomicBool,
}

impl PgLog {
    /// Connect to the log at `url` (`postgres://user:password@host:port/db`),
    /// creating its tables if missing. TLS follows libpq's `sslmode` and
    /// `sslrootcert` parameters (see the `tls` module).
    pub fn open(url: &str) -> Result<PgLog> {
        PgLog::connect(url, false)
    }

    /// Connect to an existing log at `url` for reading only.
    pub fn open_read_only(url: &str) -> Result<PgLog> {
        PgLog::connect(url, true)
    }

    /// The URL with its password hidden.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn connect(url: &str, read_only: bool) -> Result<PgLog> {
        let shown = redact_url(url);
        let bad_tls = |reason: String| LogError::Connect {
            url: shown.clone(),
            reason,
        };
        let (tls_settings, url) = TlsSettings::split_url(url).map_err(bad_tls)?;
        let tls = tls_settings.connector().map_err(bad_tls)?;
        let mut config = Config::from_str(&url).map_err(|e| LogError::Connect {
            url: shown.clone(),
            reason: format!("not a PostgreSQL URL: {e}"),
        })?;
        if config.get_application_name().is_none() {
            config.application_name("concord-log");
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let mut client = connect_client(&config, &tls, &tls_settings, &shown, read_only)?;
        if read_only {
            check_format(&mut client, &shown)?;
        } else {
            create_schema(&mut client, &shown)?;
        }
        Ok(PgLog {
            config,
            tls,
            tls_settings,
            url: shown,
            read_only,
            client: Mutex::new(client),
            lost: AtomicBool::new(false),
        })
    }

    /// The connection, re-opened if the server closed it (a restart, an
    /// idle timeout) so a long-running reader survives that.
    fn client(&self) -> Result<MutexGuard<'_, Client>> {
        // A panic while the mutex was held cannot leave the client
        // half-updated in a way that matters: every call is one statement
        // or one transaction, which the server rolls back if unfinished.
        let mut client = self.client.lock().unwrap_or_else(|e| e.into_inner());
        if client.is_closed() || self.lost.load(Ordering::Acquire) {
            *client = connect_client(
                &self.config,
                &self.tls,
                &self.tls_settings,
                &self.url,
                self.read_only,
            )?;
            self.lost.store(false, Ordering::Release);
        }
        Ok(client)
    }

    fn db_err(&self) -> impl Fn(postgres::Error) -> LogError + '_ {
        move |e| {
            if session_lost(&e) {
                self.lost.store(true, Ordering::Release);
            }
            LogError::Database(format!("{}: {}", self.url, describe(&e)))
        }
    }
}

/// Whether an error ends the session: anything that is not a statement's
/// own error (a reset socket, a closed connection), a FATAL or PANIC from
/// the server, or SQLSTATE class 08 (connection exception) and 57P0x
/// (the backend was terminated or the server is shutting down). After a
/// `pg_terminate_backend` the FATAL message may arrive before the client
/// sees the socket close, and the call after it then meets a reset
/// connection, so `Client::is_closed` alone is not enough.
fn session_lost(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.as_db_error() {
        None => true,
        Some(db) => {
            let code = db.code().code();
            matches!(db.severity(), "FATAL" | "PANIC")
                || code.starts_with("08")
                || code.starts_with("57P0")
        }
    }
}

fn connect_client(
    config: &Config,
    tls: &Option<MakeRustlsConnect>,
    tls_settings: &TlsSettings,
    shown: &str,
    read_only: bool,
) -> Result<Client> {
    let connected = match tls {
        Some(tls) => config.connect(tls.clone()),
        None => config.connect(NoTls),
    };
    let mut client = connected.map_err(|e| LogError::Connect {
        url: shown.to_string(),
        reason: match tls_settings.explain(&e) {
            Some(hint) => format!("{hint}: {}", describe(&e)),
            None => describe(&e),
        },
    })?;
    if read_only {
        client
            .batch_execute("SET default_transaction_read_only = on")
            .map_err(|e| LogError::Database(format!("{shown}: {}", describe(&e))))?;
    }
    Ok(client)
}

/// A postgres error with the server's message, detail and hint.
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = format!("{}: {}", db.severity(), db.message());
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!(" (hint: {hint})"));
            }
            text
        }
        None => match std::error::Error::source(e) {
            Some(source) => format!("{e}: {source}"),
            None => e.to_string(),
        },
    }
}

/// Create the tables if missing, in one transaction under an advisory lock
/// so that processes opening a new log at once do not race on `CREATE`.
/// The format is checked before anything is created beside another one.
fn create_schema(client: &mut Client, shown: &str) -> Result<()> {
    let err = |e: postgres::Error| LogError::Database(format!("{shown}: {}", describe(&e)));
    // Read committed whatever the server's default: under serializable
    // this transaction would fail on tables that appenders are writing.
    let mut txn = read_committed(client).map_err(err)?;
    txn.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
        .map_err(err)?;
    txn.batch_execute(CREATE_META).map_err(err)?;
    let found = stored_format(&mut txn).map_err(err)?;
    match found {
        Some(found) if found != FORMAT => {
            return Err(LogError::Format {
                location: shown.to_string(),
                found,
                expected: FORMAT,
            })
        }
        Some(_) => {}
        None => {
            txn.execute(
                "INSERT INTO concord_log_meta (key, value) VALUES ('format', $1)",
                &[&FORMAT],
            )
            .map_err(err)?;
        }
    }
    let exists = |txn: &mut postgres::Transaction<'_>, table: &str| {
        txn.query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])
            .map(|row| row.get::<_, bool>(0))
    };
    let had_counter = exists(&mut txn, "concord_log_counter").map_err(err)?;
    let had_entries = exists(&mut txn, "concord_log_entries").map_err(err)?;
    txn.batch_execute(CREATE_REST).map_err(err)?;
    // The counter row is written only with its table: an open never
    // touches the row that appenders lock.
    if !had_counter {
        txn.execute(
            "INSERT INTO concord_log_counter (only_row, next_offset) \
             SELECT true, coalesce(max(log_offset) + 1, 0) FROM concord_log_entries",
            &[],
        )
        .map_err(err)?;
    }
    if !had_entries {
        prefer_lz4(&mut txn).map_err(err)?;
    }
    txn.commit().map_err(err)
}

/// Compress documents with lz4 rather than the default pglz: appends of
/// news-sized documents run about 2.5 times faster (BENCHMARKS.md, "Ingest
/// log"). A server without lz4 (built without it, or older than
/// PostgreSQL 14) keeps its default; the savepoint keeps the transaction
/// usable after its refusal.
fn prefer_lz4(txn: &mut postgres::Transaction<'_>) -> std::result::Result<(), postgres::Error> {
    let mut savepoint = txn.savepoint("concord_lz4")?;
    match savepoint
        .batch_execute("ALTER TABLE concord_log_entries ALTER COLUMN doc SET COMPRESSION lz4")
    {
        Ok(()) => savepoint.commit(),
        Err(_) => savepoint.rollback(),
    }
}

/// The format row of the log's meta table, if there is one.
fn stored_format(
    client: &mut impl GenericClient,
) -> std::result::Result<Option<String>, postgres::Error> {
    Ok(client
        .query_opt(
            "SELECT value FROM concord_log_meta WHERE key = 'format'",
            &[],
        )?
        .map(|row| row.get(0)))
}

/// A read-only open creates nothing: the log must exist in this format.
fn check_format(client: &mut Client, shown: &str) -> Result<()> {
    let err = |e: postgres::Error| LogError::Database(format!("{shown}: {}", describe(&e)));
    let row = client
        .query_one(
            "SELECT to_regclass('concord_log_meta') IS NOT NULL \
                AND to_regclass('concord_log_entries') IS NOT NULL \
                AND to_regclass('concord_log_counter') IS NOT NULL",
            &[],
        )
        .map_err(err)?;
    if !row.get::<_, bool>(0) {
        return Err(LogError::Database(format!(
            "{shown}: no Concord log here (tables concord_log_* missing)"
        )));
    }
    let found = stored_format(client).map_err(err)?;
    match found {
        Some(found) if found == FORMAT => Ok(()),
        found => Err(LogError::Format {
            location: shown.to_string(),
            found: found.unwrap_or_else(|| "(none)".to_string()),
            expected: FORMAT,
        }),
    }
}

/// An offset as PostgreSQL's `bigint`; offsets past `i64::MAX` are read
/// as `i64::MAX` (no log gets there).
fn to_bigint(offset: u64) -> i64 {
    i64::try_from(offset).unwrap_or(i64::MAX)
}

impl IngestLog for PgLog {
    fn append(&mut self, docs: &[RawDoc]) -> Result<Range<u64>> {
        if self.read_only {
            return Err(LogError::Unsupported(format!(
                "{}: opened read-only",
                self.url
            )));
        }
        if docs.is_empty() {
            let end = self.end()?;
            return Ok(end..end);
        }
        let n_docs = i64::try_from(docs.len()).map_err(|_| {
            LogError::Unsupported(format!("{} documents in one append", docs.len()))
        })?;
        let err = self.db_err();
        let mut client = self.client()?;
        // Read committed whatever the server's default: a second appender's
        // UPDATE then waits for the first to commit and continues from its
        // counter, where repeatable read would fail it instead.
        let mut txn = read_committed(&mut client).map_err(&err)?;
        // The row lock taken here is held to the commit: see the module doc.
        let start: i64 = txn
            .query_one(
                "UPDATE concord_log_counter SET next_offset = next_offset + $1 \
                 RETURNING next_offset - $1",
                &[&n_docs],
            )
            .map_err(&err)?
            .get(0);
        let sink = txn
            .copy_in(
                "COPY concord_log_entries (log_offset, doc_id, doc) FROM STDIN (FORMAT binary)",
            )
            .map_err(&err)?;
        let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::TEXT, Type::TEXT]);
        for (k, doc) in docs.iter().enumerate() {
            let offset = start + k as i64;
            let json = serde_json::to_string(doc).map_err(|e| LogError::Corrupt {
                offset: offset as u64,
                reason: e.to_string(),
            })?;
            // A text column cannot hold NUL; the id in `doc` stays exact.
            let doc_id = doc.id.replace('\0', "\u{fffd}");
            writer.write(&[&offset, &doc_id, &json]).map_err(&err)?;
        }
        writer.finish().map_err(&err)?;
        txn.commit().map_err(&err)?;
        let start = start as u64;
        Ok(start..start + docs.len() as u64)
    }

    fn end(&self) -> Result<u64> {
        let err = self.db_err();
        let next: i64 = self
            .client()?
            .query_one("SELECT next_offset FROM concord_log_counter", &[])
            .map_err(&err)?
            .get(0);
        Ok(next as u64)
    }

    fn read(&self, range: Range<u64>, share: Share) -> Result<Vec<LogEntry>> {
        let (lo, hi) = (to_bigint(range.start), to_bigint(range.end));
        if lo >= hi {
            return Ok(Vec::new());
        }
        let peers = i64::try_from(share.peers).unwrap_or(i64::MAX);
        let index = i64::try_from(share.index).unwrap_or(i64::MAX);
        let err = self.db_err();
        let mut client = self.client()?;
        // The share is filtered here, not after the transfer: each reader
        // pulls only its own documents over the network.
        let rows = client
            .query_raw(
                "SELECT log_offset, doc FROM concord_log_entries \
                 WHERE log_offset >= $1::bigint AND log_offset < $2::bigint \
                   AND ($3::bigint <= 1 OR log_offset % $3::bigint = $4::bigint) \
                 ORDER BY log_offset",
                [&lo as &dyn postgres::types::ToSql, &hi, &peers, &index],
            )
            .map_err(&err)?;
        let mut out = Vec::new();
        let mut rows = rows;
        while let Some(row) = rows.next().map_err(&err)? {
            let offset = row.get::<_, i64>(0) as u64;
            let json: &str = row.get(1);
            let doc = serde_json::from_str(json).map_err(|e| LogError::Corrupt {
                offset,
                reason: e.to_string(),
            })?;
            out.push(LogEntry { offset, doc });
        }
        drop(rows);
        // Offsets are dense from the log's start, so only a read missing
        // its first offset can have met a prune. The start is read after
        // the rows: a prune that took them has committed by then.
        let first = share.first_at_or_after(range.start);
        if first.is_some_and(|f| f < range.end) && out.first().map(|e| e.offset) != first {
            check_pruned(&range, share, start_of(&mut *client).map_err(&err)?)?;
        }
        Ok(out)
    }

    fn start(&self) -> Result<u64> {
        let err = self.db_err();
        let start = start_of(&mut *self.client()?).map_err(&err)?;
        Ok(start)
    }

    fn prune(&mut self, before: u64) -> Result<Pruned> {
        if self.read_only {
            return Err(LogError::Unsupported(format!(
                "{}: opened read-only",
                self.url
            )));
        }
        let err = self.db_err();
        let mut client = self.client()?;
        let mut txn = read_committed(&mut client).map_err(&err)?;
        // Never past the end: the counter only grows, so a concurrent
        // append cannot make this too far.
        let end: i64 = txn
            .query_one("SELECT next_offset FROM concord_log_counter", &[])
            .map_err(&err)?
            .get(0);
        let before = to_bigint(before).min(end);
        // The start only moves up; the row lock orders concurrent prunes.
        let start: i64 = txn
            .query_one(
                "INSERT INTO concord_log_meta (key, value) VALUES ('start', $1::bigint::text) \
                 ON CONFLICT (key) DO UPDATE SET value = \
                   greatest(concord_log_meta.value::bigint, excluded.value::bigint)::text \
                 RETURNING value::bigint",
                &[&before],
            )
            .map_err(&err)?
            .get(0);
        // The space is reused by later appends once (auto)vacuum has seen
        // the dead rows; only `VACUUM FULL` gives it back to the system.
        let removed = txn
            .execute(
                "DELETE FROM concord_log_entries WHERE log_offset < $1",
                &[&start],
            )
            .map_err(&err)?;
        txn.commit().map_err(&err)?;
        Ok(Pruned {
            start: start as u64,
            removed,
        })
    }
}

/// The first offset not pruned (the meta row `start`, else 0).
fn start_of(client: &mut impl GenericClient) -> std::result::Result<u64, postgres::Error> {
    let start: i64 = client
        .query_one(
            "SELECT coalesce((SELECT value::bigint FROM concord_log_meta WHERE key = 'start'), 0)",
            &[],
        )?
        .get(0);
    Ok(start.max(0) as u64)
}

/// A read-committed transaction whatever the server's default: schema
/// set-up, appends and prunes wait on each other's row locks under it and
/// continue, where repeatable read or serializable would fail them.
fn read_committed(
    client: &mut Client,
) -> std::result::Result<postgres::Transaction<'_>, postgres::Error> {
    client
        .build_transaction()
        .isolation_level(IsolationLevel::ReadCommitted)
        .start()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_url_is_a_connect_error_without_the_password() {
        let err = match PgLog::open("postgres://u:hunter2@127.0.0.1:notaport/db") {
            Err(err) => err,
            Ok(_) => panic!("opened a log at a bad URL"),
        };
        let text = err.to_string();
        assert!(matches!(err, LogError::Connect { .. }), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("u:***@127.0.0.1"), "{text}");
    }
}
