//! The log in a redb file (`DIR/log.redb`): offset → raw document JSON.

use crate::{IngestLog, LogEntry, LogError, Result, Share};
use concord_model::RawDoc;
use redb::{Database, ReadOnlyDatabase, ReadableDatabase, ReadableTable, TableDefinition};
use std::ops::Range;
use std::path::{Path, PathBuf};

const ENTRIES: TableDefinition<u64, &[u8]> = TableDefinition::new("log");

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
            let mut table = txn.open_table(ENTRIES).map_err(db_err)?;
            start = match table.last().map_err(db_err)? {
                Some((k, _)) => k.value() + 1,
                None => 0,
            };
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
        let end = match table.last().map_err(db_err)? {
            Some((k, _)) => k.value() + 1,
            None => 0,
        };
        Ok(end)
    }

    fn read(&self, range: Range<u64>, share: Share) -> Result<Vec<LogEntry>> {
        if range.start >= range.end {
            return Ok(Vec::new());
        }
        let txn = self.begin_read()?;
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
        let peers = share.peers as u64;
        let index = share.index as u64;
        if index >= peers {
            return Ok(out);
        }
        let end = match table.last().map_err(db_err)? {
            Some((k, _)) => range.end.min(k.value() + 1),
            None => return Ok(out),
        };
        let first = range.start + (index + peers - range.start % peers) % peers;
        for offset in (first..end).step_by(share.peers) {
            if let Some(v) = table.get(offset).map_err(db_err)? {
                out.push(decode(offset, v.value())?);
            }
        }
        Ok(out)
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
    fn a_writer_open_beside_another_handle_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let _writer = EmbeddedLog::open(dir.path()).unwrap();
        let err = EmbeddedLog::open(dir.path()).err().expect("busy");
        assert!(matches!(err, LogError::Busy { .. }), "{err}");
        assert!(err.to_string().contains("log.redb"), "{err}");
    }
}
