//! The log in a redb file (`DIR/log.redb`): offset → raw document JSON,
//! and a `meta` table whose `start` row is the first offset not pruned
//! (absent in logs never pruned, and in files older than pruning).

use crate::{check_pruned, IngestLog, LogEntry, LogError, Pruned, Result, Share};
use concord_model::RawDoc;
use redb::{
    Database, ReadOnlyDatabase, ReadableDatabase, ReadableTable, TableDefinition, TableError,
};
use std::ops::Range;
use std::path::{Path, PathBuf};

const ENTRIES: TableDefinition<u64, &[u8]> = TableDefinition::new("log");
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// The `META` key of the first offset not pruned.
const START: &str = "start";

/// The file name inside a data directory.
pub const FILE_NAME: &str = "log.redb";

enum Handle {
    Writer(Database),
    Reader(ReadOnlyDatabase),
}

/// The embedded log. Open it for writing (one process) or read-only (any
/// number of processes on this machine, while no writer has it open).
pub struct EmbeddedLog {
    path: PathBuf,
    db: Handle,
}

fn db_err(e: impl std::fmt::Display) -> LogError {
    LogError::Database(e.to_string())
}

/// A failed open: busy (another handle holds the file) apart from the rest.
fn open_err(path: &Path, e: redb::DatabaseError) -> LogError {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => LogError::Busy {
            path: path.to_path_buf(),
        },
        e => LogError::Database(format!("{}: {e}", path.display())),
    }
}

impl EmbeddedLog {
    /// Open (or create) the log in `dir` for appending.
    pub fn open(dir: &Path) -> Result<EmbeddedLog> {
        std::fs::create_dir_all(dir).map_err(|source| LogError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(FILE_NAME);
        let db = Database::create(&path).map_err(|e| open_err(&path, e))?;
        let txn = db.begin_write().map_err(db_err)?;
        txn.open_table(ENTRIES).map_err(db_err)?;
        txn.open_table(META).map_err(db_err)?;
        txn.commit().map_err(db_err)?;
        Ok(EmbeddedLog {
            path,
            db: Handle::Writer(db),
        })
    }

    /// Open an existing log in `dir` for reading only.
    pub fn open_read_only(dir: &Path) -> Result<EmbeddedLog> {
        let path = dir.join(FILE_NAME);
        let db = ReadOnlyDatabase::open(&path).map_err(|e| open_err(&path, e))?;
        Ok(EmbeddedLog {
            path,
            db: Handle::Reader(db),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn begin_read(&self) -> Result<redb::ReadTransaction> {
        match &self.db {
            Handle::Writer(db) => db.begin_read().map_err(db_err),
            Handle::Reader(db) => db.begin_read().map_err(db_err),
        }
    }

    /// Rewrite the file without the free space pruning left, so it shrinks
    /// on disk. Without it the space is reused by later appends. Needs the
    /// log open for writing; returns whether anything was compacted.
    pub fn compact(&mut self) -> Result<bool> {
        let Handle::Writer(db) = &mut self.db else {
            return Err(LogError::Unsupported(format!(
                "{}: opened read-only",
                self.path.display()
            )));
        };
        let mut compacted = false;
        // One call may leave pages it can still move; stop when it says so.
        while db.compact().map_err(db_err)? {
            compacted = true;
        }
        Ok(compacted)
    }
}

/// The first offset not pruned, in the snapshot `txn` sees.
fn start_in(txn: &redb::ReadTransaction) -> Result<u64> {
    match txn.open_table(META) {
        Ok(meta) => Ok(meta.get(START).map_err(db_err)?.map_or(0, |v| v.value())),
        // A file written before pruning existed has no meta table.
        Err(TableError::TableDoesNotExist(_)) => Ok(0),
        Err(e) => Err(db_err(e)),
    }
}

/// The next offset after `last` (the table's last key) in a log that
/// starts at `start`: pruning everything must not send offsets back to 0.
fn next_offset(last: Option<u64>, start: u64) -> u64 {
    last.map_or(0, |k| k + 1).max(start)
}

impl IngestLog for EmbeddedLog {
    fn append(&mut self, docs: &[RawDoc]) -> Result<Range<u64>> {
        let Handle::Writer(db) = &self.db else {
            return Err(LogError::Unsupported(format!(
                "{}: opened read-only",
                self.path.display()
            )));
        };
        let txn = db.begin_write().map_err(db_err)?;
        let start;
        {
            let pruned = txn
                .open_table(META)
                .map_err(db_err)?
                .get(START)
                .map_err(db_err)?
                .map_or(0, |v| v.value());
            let mut table = txn.open_table(ENTRIES).map_err(db_err)?;
            let last = table.last().map_err(db_err)?.map(|(k, _)| k.value());
            start = next_offset(last, pruned);
            for (k, doc) in docs.iter().enumerate() {
                let offset = start + k as u64;
                let json = serde_json::to_vec(doc).map_err(|e| LogError::Corrupt {
                    offset,
                    reason: e.to_string(),
                })?;
                table.insert(offset, json.as_slice()).map_err(db_err)?;
            }
        }
        txn.commit().map_err(db_err)?;
        Ok(start..start + docs.len() as u64)
    }

    fn end(&self) -> Result<u64> {
        let txn = self.begin_read()?;
        let table = txn.open_table(ENTRIES).map_err(db_err)?;
        let last = table.last().map_err(db_err)?.map(|(k, _)| k.value());
        Ok(next_offset(last, start_in(&txn)?))
    }

    fn start(&self) -> Result<u64> {
        start_in(&self.begin_read()?)
    }

    fn read(&self, range: Range<u64>, share: Share) -> Result<Vec<LogEntry>> {
        if range.start >= range.end {
            return Ok(Vec::new());
        }
        let txn = self.begin_read()?;
        // The same snapshot as the entries: a prune committed meanwhile is
        // either wholly seen or not at all.
        check_pruned(&range, share, start_in(&txn)?)?;
        let table = txn.open_table(ENTRIES).map_err(db_err)?;
        let decode = |offset: u64, json: &[u8]| {
            serde_json::from_slice(json)
                .map(|doc| LogEntry { offset, doc })
                .map_err(|e| LogError::Corrupt {
                    offset,
                    reason: e.to_string(),
                })
        };
        let mut out = Vec::new();
        if share.peers <= 1 {
            for row in table.range(range).map_err(db_err)? {
                let (k, v) = row.map_err(db_err)?;
                out.push(decode(k.value(), v.value())?);
            }
            return Ok(out);
        }
        // A share looks up its own offsets rather than scanning the range:
        // documents fill whole pages, so `peers` readers then read the
        // file about once between them instead of `peers` times.
        let end = match table.last().map_err(db_err)? {
            Some((k, _)) => range.end.min(k.value() + 1),
            None => return Ok(out),
        };
        let Some(first) = share.first_at_or_after(range.start) else {
            return Ok(out);
        };
        for offset in (first..end).step_by(share.peers) {
            if let Some(v) = table.get(offset).map_err(db_err)? {
                out.push(decode(offset, v.value())?);
            }
        }
        Ok(out)
    }

    fn prune(&mut self, before: u64) -> Result<Pruned> {
        let Handle::Writer(db) = &self.db else {
            return Err(LogError::Unsupported(format!(
                "{}: opened read-only",
                self.path.display()
            )));
        };
        let txn = db.begin_write().map_err(db_err)?;
        let outcome;
        {
            let mut meta = txn.open_table(META).map_err(db_err)?;
            let start = meta.get(START).map_err(db_err)?.map_or(0, |v| v.value());
            let mut table = txn.open_table(ENTRIES).map_err(db_err)?;
            let last = table.last().map_err(db_err)?.map(|(k, _)| k.value());
            let before = before.min(next_offset(last, start));
            if before <= start {
                return Ok(Pruned { start, removed: 0 });
            }
            // Offsets are dense from `start`, so the count is known
            // without visiting anything.
            table
                .retain_in(start..before, |_, _| false)
                .map_err(db_err)?;
            meta.insert(START, before).map_err(db_err)?;
            outcome = Pruned {
                start: before,
                removed: before - start,
            };
        }
        txn.commit().map_err(db_err)?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::RawFormat;

    fn doc(i: usize) -> RawDoc {
        RawDoc::new(
            format!("a{i}"),
            "test",
            RawFormat::Text,
            format!("text {i}"),
        )
    }

    #[test]
    fn appends_get_consecutive_offsets_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut log = EmbeddedLog::open(dir.path()).unwrap();
            assert_eq!(log.append(&[doc(0), doc(1)]).unwrap(), 0..2);
            assert_eq!(log.append(&[doc(2)]).unwrap(), 2..3);
        }
        let log = EmbeddedLog::open_read_only(dir.path()).unwrap();
        assert_eq!(log.end().unwrap(), 3);
        let all = log.read(0..3, Share::ALL).unwrap();
        assert_eq!(
            all.iter().map(|e| e.doc.id.as_str()).collect::<Vec<_>>(),
            ["a0", "a1", "a2"]
        );
        let odd = log.read(0..3, Share { index: 1, peers: 2 }).unwrap();
        assert_eq!(odd.iter().map(|e| e.offset).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn several_read_only_handles_at_once() {
        let dir = tempfile::tempdir().unwrap();
        EmbeddedLog::open(dir.path())
            .unwrap()
            .append(&[doc(0)])
            .unwrap();
        let a = EmbeddedLog::open_read_only(dir.path()).unwrap();
        let mut b = EmbeddedLog::open_read_only(dir.path()).unwrap();
        assert_eq!(a.end().unwrap(), 1);
        assert_eq!(b.end().unwrap(), 1);
        assert!(matches!(b.append(&[doc(1)]), Err(LogError::Unsupported(_))));
    }

    #[test]
    fn a_file_from_before_pruning_reads_and_appends() {
        // Files written before the meta table existed have only `log`.
        let dir = tempfile::tempdir().unwrap();
        {
            let db = Database::create(dir.path().join(FILE_NAME)).unwrap();
            let txn = db.begin_write().unwrap();
            {
                let mut table = txn.open_table(ENTRIES).unwrap();
                let json = serde_json::to_vec(&doc(0)).unwrap();
                table.insert(0, json.as_slice()).unwrap();
            }
            txn.commit().unwrap();
        }
        let reader = EmbeddedLog::open_read_only(dir.path()).unwrap();
        assert_eq!((reader.start().unwrap(), reader.end().unwrap()), (0, 1));
        assert_eq!(reader.read(0..1, Share::ALL).unwrap()[0].doc, doc(0));
        drop(reader);
        let mut log = EmbeddedLog::open(dir.path()).unwrap();
        assert_eq!(log.append(&[doc(1)]).unwrap(), 1..2);
        assert_eq!(log.prune(1).unwrap().start, 1);
    }

    #[test]
    fn a_writer_open_beside_another_handle_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let _writer = EmbeddedLog::open(dir.path()).unwrap();
        let err = EmbeddedLog::open(dir.path()).err().expect("busy");
        assert!(matches!(err, LogError::Busy { .. }), "{err}");
        assert!(err.to_string().contains("log.redb"), "{err}");
    }
}
