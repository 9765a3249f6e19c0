//! The durable ingest log in front of the dataflow (`concord cluster`).
//!
//! Documents are appended once and never change; each gets the next
//! offset (0, 1, 2, …). An epoch of the dataflow is a range of offsets,
//! so replaying the same range gives the same input, which is what makes
//! per-epoch results reproducible and restarts safe. Retention deletes a
//! prefix ([`IngestLog::prune`]); the rest keep their offsets, and a read
//! reaching into the deleted prefix is [`LogError::Pruned`].
//!
//! Two implementations: [`EmbeddedLog`], a redb file beside the store for
//! one machine (several processes on that machine may read it at once),
//! and [`PgLog`], PostgreSQL tables when several machines share one log.
//! [`open`] picks one from a spec: a `postgres://` URL or a directory.

mod embedded;
mod postgres;
mod redact;
mod tls;

pub use embedded::EmbeddedLog;
pub use postgres::{PgLog, FORMAT as PG_FORMAT};
pub use redact::redact_url;
pub use tls::{SslMode, TlsSettings};

use concord_model::RawDoc;
use std::ops::Range;

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("log database: {0}")]
    Database(String),
    #[error("log record at offset {offset}: {reason}")]
    Corrupt { offset: u64, reason: String },
    #[error("{0}")]
    Unsupported(String),
    /// An embedded log held by another handle (a writer excludes everyone
    /// else); retrying later may succeed.
    #[error("{}: in use by another process or handle; retry when it is released", path.display())]
    Busy { path: std::path::PathBuf },
    /// The database could not be reached; `url` has its password hidden.
    #[error("{url}: cannot connect: {reason}")]
    Connect { url: String, reason: String },
    /// A read asked for offsets that [`IngestLog::prune`] deleted: the
    /// log now starts at `start`.
    #[error("log offset {offset} was pruned: the log now starts at offset {start}")]
    Pruned { offset: u64, start: u64 },
    /// The log was written in another format (or by another program).
    #[error("{location}: log format {found:?}, this build reads {expected:?}")]
    Format {
        location: String,
        found: String,
        expected: &'static str,
    },
}

pub type Result<T> = std::result::Result<T, LogError>;

/// Whether `spec` names a PostgreSQL log rather than a directory.
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// Open the log named by `spec`: a `postgres://` or `postgresql://` URL
/// opens a [`PgLog`], anything else is a directory for an
/// [`EmbeddedLog`]. `read_only` opens an existing log without creating or
/// appending.
pub fn open(spec: &str, read_only: bool) -> Result<Box<dyn IngestLog + Send>> {
    if is_postgres_url(spec) {
        let log = if read_only {
            PgLog::open_read_only(spec)?
        } else {
            PgLog::open(spec)?
        };
        return Ok(Box::new(log));
    }
    let dir = std::path::Path::new(spec);
    let log = if read_only {
        EmbeddedLog::open_read_only(dir)?
    } else {
        EmbeddedLog::open(dir)?
    };
    Ok(Box::new(log))
}

/// One document in the log with its offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub offset: u64,
    pub doc: RawDoc,
}

/// Which share of a range a reader takes: the entries whose
/// `offset % peers == index`. Data-parallel readers (one per dataflow
/// worker) each read their own share with no exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub index: usize,
    pub peers: usize,
}

impl Share {
    /// The whole range.
    pub const ALL: Share = Share { index: 0, peers: 1 };

    pub fn contains(&self, offset: u64) -> bool {
        self.peers <= 1 || offset % self.peers as u64 == self.index as u64
    }

    /// The share's first offset at or after `from` (`None` for a share
    /// with no offsets, `index >= peers`, or past `u64::MAX`).
    pub fn first_at_or_after(&self, from: u64) -> Option<u64> {
        if self.peers <= 1 {
            return Some(from);
        }
        let peers = self.peers as u64;
        let index = self.index as u64;
        if index >= peers {
            return None;
        }
        from.checked_add((index + peers - from % peers) % peers)
    }
}

/// The error for a read of `range` by `share` from a log that starts at
/// `start`, if the read would have returned a pruned offset; reads that
/// do not reach below `start` (or whose share has nothing there) pass.
pub(crate) fn check_pruned(range: &Range<u64>, share: Share, start: u64) -> Result<()> {
    match share.first_at_or_after(range.start) {
        Some(first) if first < range.end && first < start => Err(LogError::Pruned {
            offset: first,
            start,
        }),
        _ => Ok(()),
    }
}

/// What [`IngestLog::prune`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    /// The log's first offset afterwards (offsets below it are gone).
    pub start: u64,
    /// Entries deleted by this call.
    pub removed: u64,
}

/// An append-only log of raw documents.
pub trait IngestLog {
    /// Append documents in one transaction; returns their offsets. A crash
    /// leaves either all of them or none.
    fn append(&mut self, docs: &[RawDoc]) -> Result<Range<u64>>;

    /// The next offset to be written: offsets `0..end()` are durable.
    fn end(&self) -> Result<u64>;

    /// The first offset still held: [`IngestLog::prune`] deleted the ones
    /// below it (0 for a log never pruned). `start() <= end()`.
    fn start(&self) -> Result<u64>;

    /// The entries in `range` that belong to `share`, in offset order.
    /// Ranges past the end are cut at the end; a range whose share would
    /// include an offset below [`IngestLog::start`] is
    /// [`LogError::Pruned`] rather than a silently shorter answer.
    fn read(&self, range: Range<u64>, share: Share) -> Result<Vec<LogEntry>>;

    /// Delete the entries below `before` (cut at `end()`), in one
    /// transaction. Offsets never change: the log then runs from
    /// `start()` to `end()` and appends continue at `end()`. Pruning below
    /// the current start does nothing.
    fn prune(&mut self, before: u64) -> Result<Pruned>;
}
