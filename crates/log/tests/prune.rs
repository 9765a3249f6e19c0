//! Retention: `IngestLog::prune` on both logs. Pruned offsets are gone for
//! good, reads that would include them are a typed error, and offsets,
//! `end()` and appends are unchanged by a prune.

mod common;

use common::fresh_log_url;
use concord_log::{IngestLog, LogError, Pruned, Share};
use concord_model::{RawDoc, RawFormat};

fn doc(i: u64) -> RawDoc {
    RawDoc::new(
        format!("doc-{i}"),
        "prune",
        RawFormat::Text,
        format!("text {i}"),
    )
}

fn offsets(log: &dyn IngestLog, range: std::ops::Range<u64>, share: Share) -> Vec<u64> {
    log.read(range, share)
        .unwrap()
        .iter()
        .map(|e| e.offset)
        .collect()
}

fn assert_pruned(log: &dyn IngestLog, range: std::ops::Range<u64>, share: Share, offset: u64) {
    match log.read(range.clone(), share) {
        Err(LogError::Pruned { offset: o, start }) => {
            assert_eq!((o, start), (offset, log.start().unwrap()), "{range:?}");
        }
        other => panic!("{range:?} {share:?}: expected Pruned, got {other:?}"),
    }
}

/// The contract; `open` opens the same log for writing, `open_read_only`
/// for reading.
fn pruning(
    open: &dyn Fn() -> Box<dyn IngestLog + Send>,
    open_read_only: &dyn Fn() -> Box<dyn IngestLog + Send>,
) {
    {
        let mut log = open();
        assert_eq!(log.start().unwrap(), 0);
        // Pruning an empty log does nothing.
        assert_eq!(
            log.prune(5).unwrap(),
            Pruned {
                start: 0,
                removed: 0
            }
        );
        assert_eq!(log.end().unwrap(), 0);
        let docs: Vec<RawDoc> = (0..10).map(doc).collect();
        assert_eq!(log.append(&docs).unwrap(), 0..10);

        assert_eq!(
            log.prune(4).unwrap(),
            Pruned {
                start: 4,
                removed: 4
            }
        );
        assert_eq!((log.start().unwrap(), log.end().unwrap()), (4, 10));
        assert_eq!(
            offsets(&*log, 4..10, Share::ALL),
            (4..10).collect::<Vec<_>>()
        );
        assert_eq!(log.read(4..5, Share::ALL).unwrap()[0].doc, doc(4));
        // Reads reaching below the start are an error, never a shorter
        // answer; a share whose offsets there are all kept passes.
        assert_pruned(&*log, 0..10, Share::ALL, 0);
        assert_pruned(&*log, 3..5, Share::ALL, 3);
        assert_pruned(&*log, 0..1, Share::ALL, 0);
        assert_pruned(&*log, 2..10, Share { index: 0, peers: 3 }, 3);
        assert_eq!(offsets(&*log, 3..10, Share { index: 1, peers: 3 }), [4, 7]);
        assert_eq!(
            offsets(&*log, 0..4, Share { index: 5, peers: 3 }),
            [] as [u64; 0]
        );
        assert!(log.read(12..20, Share::ALL).unwrap().is_empty());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..2;
        assert!(log.read(reversed, Share::ALL).unwrap().is_empty());

        // Below the start: nothing to do.
        assert_eq!(
            log.prune(2).unwrap(),
            Pruned {
                start: 4,
                removed: 0
            }
        );
        assert_eq!(
            log.prune(4).unwrap(),
            Pruned {
                start: 4,
                removed: 0
            }
        );
    }
    {
        // Past the end: cut at the end; offsets carry on from there.
        let mut log = open();
        assert_eq!(log.start().unwrap(), 4);
        assert_eq!(
            log.prune(u64::MAX).unwrap(),
            Pruned {
                start: 10,
                removed: 6
            }
        );
        assert_eq!((log.start().unwrap(), log.end().unwrap()), (10, 10));
        assert_pruned(&*log, 9..11, Share::ALL, 9);
        assert!(log.read(10..20, Share::ALL).unwrap().is_empty());
        assert_eq!(log.append(&[doc(10), doc(11)]).unwrap(), 10..12);
        assert_eq!(offsets(&*log, 10..20, Share::ALL), [10, 11]);
    }
    let mut reader = open_read_only();
    assert_eq!((reader.start().unwrap(), reader.end().unwrap()), (10, 12));
    assert_eq!(reader.read(11..12, Share::ALL).unwrap()[0].doc, doc(11));
    assert_pruned(&*reader, 0..12, Share::ALL, 0);
    assert!(matches!(reader.prune(11), Err(LogError::Unsupported(_))));
}

#[test]
fn embedded_log_prunes() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("log").to_str().unwrap().to_string();
    pruning(&|| concord_log::open(&spec, false).unwrap(), &|| {
        concord_log::open(&spec, true).unwrap()
    });
}

#[test]
fn postgres_log_prunes() {
    let Some(url) = fresh_log_url("prune") else {
        return;
    };
    pruning(&|| concord_log::open(&url, false).unwrap(), &|| {
        concord_log::open(&url, true).unwrap()
    });
}

#[test]
fn a_compacted_embedded_log_shrinks_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = concord_log::EmbeddedLog::open(dir.path()).unwrap();
    let text = "a sentence of news about something. ".repeat(100);
    for batch in 0..20 {
        let docs: Vec<RawDoc> = (0..100)
            .map(|i| RawDoc::new(format!("d{batch}-{i}"), "p", RawFormat::Text, text.clone()))
            .collect();
        log.append(&docs).unwrap();
    }
    let size = || std::fs::metadata(log_path(dir.path())).unwrap().len();
    let before = size();
    assert_eq!(log.prune(1900).unwrap().removed, 1900);
    assert!(log.compact().unwrap());
    let after = size();
    assert!(after * 4 < before, "{before} → {after} bytes");
    assert_eq!(log.end().unwrap(), 2000);
    let kept = log.read(1900..2000, Share::ALL).unwrap();
    assert_eq!(kept.len(), 100);
    assert_eq!(kept[0].doc.id, "d19-0");
}

fn log_path(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("log.redb")
}
