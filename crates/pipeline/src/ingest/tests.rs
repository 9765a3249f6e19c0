//! Ingest into a real store: a reopened store (from its snapshot, from an
//! older snapshot plus replay, or by full replay) goes on exactly as an
//! ingestor that was never closed, and threads change nothing.

use super::*;
use concord_model::RawFormat;
use std::path::PathBuf;

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-ingest-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Headlines of the UCI sample (real stories, in time order), each with a
/// body made of two other headlines of its story so that articles have
/// body text and some share passages.
fn docs(n: usize) -> Vec<RawDoc> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/uci/dev.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("UCI fixture");
    let rows: Vec<csv::StringRecord> = reader.records().take(n).map(|r| r.expect("row")).collect();
    let mut by_story: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for r in &rows {
        by_story.entry(&r[5]).or_default().push(&r[1]);
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let titles = &by_story[&r[5]];
            let body = format!(
                "{}.\n\n{}.",
                titles[(i * 7) % titles.len()],
                titles[(i * 13 + 1) % titles.len()]
            );
            let mut doc = RawDoc::new(format!("uci{}", &r[0]), "dev.csv", RawFormat::Record, body);
            doc.title = Some(r[1].to_string());
            doc.outlet = Some(r[3].to_string());
            doc.published = Some("2014-03-10".to_string());
            doc
        })
        .collect()
}

fn options(threads: usize) -> IngestOptions {
    IngestOptions {
        batch_size: 64,
        threads,
        ..IngestOptions::default()
    }
}

fn open(dir: &std::path::Path, threads: usize) -> Ingestor {
    Ingestor::open(Store::open(dir).expect("store"), options(threads)).expect("ingestor")
}

fn ingest(ingestor: &mut Ingestor, docs: &[RawDoc]) -> IngestProgress {
    ingestor.ingest(docs.to_vec(), |_| {}).expect("ingest").0
}

/// Every article's story and every story record.
fn contents(
    store: &Store,
    docs: &[RawDoc],
) -> (Vec<Option<String>>, Vec<concord_store::StoryRecord>) {
    let assignments = docs
        .iter()
        .map(|d| store.story_of(&d.id).expect("story_of"))
        .collect();
    (assignments, store.stories().expect("stories"))
}

/// Tests run in parallel: each passes its own `tag`.
fn never_closed(
    tag: &str,
    docs: &[RawDoc],
    parts: &[usize],
) -> (Vec<Option<String>>, Vec<concord_store::StoryRecord>) {
    let dir = temp(&format!("never-closed-{tag}"));
    let mut ingestor = open(&dir, 1);
    let mut from = 0;
    for &to in parts.iter().chain([docs.len()].iter()) {
        ingest(&mut ingestor, &docs[from..to]);
        from = to;
    }
    let out = contents(ingestor.store(), docs);
    drop(ingestor);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn reopening_from_the_snapshot_assigns_as_a_never_closed_ingestor() {
    let docs = docs(700);
    let dir = temp("snapshot");
    let mut ingestor = open(&dir, 2);
    let first = ingest(&mut ingestor, &docs[..400]);
    assert!(first.added > 300 && first.added <= 400);
    drop(ingestor);
    let mut ingestor = open(&dir, 2);
    assert_eq!(
        ingestor.restored(),
        Restored {
            from_snapshot: true,
            replayed: 0
        }
    );
    ingest(&mut ingestor, &docs[400..]);
    assert_eq!(
        contents(ingestor.store(), &docs),
        never_closed("a", &docs, &[400])
    );
    drop(ingestor);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_older_snapshot_is_completed_by_replaying_the_articles_after_it() {
    let docs = docs(700);
    let dir = temp("older-snapshot");
    let mut ingestor = open(&dir, 1);
    ingest(&mut ingestor, &docs[..300]);
    let old = ingestor.store().clusterer_state().expect("state");
    let second = ingest(&mut ingestor, &docs[300..500]);
    // As after a crash between snapshots: the saved state is older than
    // the stored articles.
    ingestor
        .store
        .commit(&concord_store::Batch {
            clusterer_state: old,
            ..Default::default()
        })
        .expect("put back the older state");
    drop(ingestor);
    let mut ingestor = open(&dir, 1);
    assert_eq!(
        ingestor.restored(),
        Restored {
            from_snapshot: true,
            replayed: second.added
        }
    );
    ingest(&mut ingestor, &docs[500..]);
    assert_eq!(
        contents(ingestor.store(), &docs),
        never_closed("b", &docs, &[300, 500])
    );
    drop(ingestor);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unusable_snapshot_falls_back_to_replaying_everything() {
    let docs = docs(600);
    let dir = temp("bad-snapshot");
    let mut ingestor = open(&dir, 1);
    let first = ingest(&mut ingestor, &docs[..350]);
    // Another format's state, then garbage after a valid header.
    let other = postcard::to_allocvec(&("concord-clusterer/0", 5u64)).expect("encode");
    let mut truncated = ingestor
        .store()
        .clusterer_state()
        .expect("state")
        .unwrap_or_default();
    truncated.truncate(truncated.len() / 2);
    for bad in [b"junk".to_vec(), other, truncated] {
        ingestor
            .store
            .commit(&concord_store::Batch {
                clusterer_state: Some(bad),
                ..Default::default()
            })
            .expect("overwrite the state");
        drop(ingestor);
        ingestor = open(&dir, 1);
        assert_eq!(
            ingestor.restored(),
            Restored {
                from_snapshot: false,
                replayed: first.added
            }
        );
    }
    ingest(&mut ingestor, &docs[350..]);
    assert_eq!(
        contents(ingestor.store(), &docs),
        never_closed("c", &docs, &[350])
    );
    drop(ingestor);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn threads_do_not_change_the_result_and_copies_are_skipped() {
    let mut docs = docs(500);
    // An exact copy under another id, and a repeated id with other text.
    let mut copy = docs[10].clone();
    copy.id = "copy-of-10".to_string();
    let mut same_id = docs[20].clone();
    same_id.text = "Entirely different text about something else.".to_string();
    docs.extend([copy, same_id]);
    let mut results = Vec::new();
    for threads in [1, 3] {
        let dir = temp(&format!("threads-{threads}"));
        let mut ingestor = open(&dir, threads);
        let progress = ingest(&mut ingestor, &docs);
        assert_eq!(progress.read, docs.len());
        assert!(progress.duplicates >= 2);
        results.push((progress.added, contents(ingestor.store(), &docs)));
        drop(ingestor);
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert_eq!(results[0], results[1]);
}

/// Every story record counts its outlets as its brief does
/// ([`concord_model::count_outlets`] over the stored articles), through
/// merges of stories, outlet names in other case, and articles naming none.
#[test]
fn stored_outlet_counts_are_the_briefs() {
    let mut docs = docs(500);
    for (i, d) in docs.iter_mut().enumerate() {
        match i % 5 {
            0 => d.outlet = None,
            1 => d.outlet = d.outlet.as_ref().map(|o| o.to_uppercase()),
            _ => {}
        }
    }
    let dir = temp("outlets");
    let mut ingestor = open(&dir, 1);
    ingest(&mut ingestor, &docs);
    let store = ingestor.store();
    let records = store.stories().expect("stories");
    assert!(records.iter().any(|r| r.articles_without_outlet > 0));
    for record in records {
        let articles: Vec<concord_model::Article> = record
            .articles
            .iter()
            .filter_map(|id| store.article(id).expect("article"))
            .collect();
        let briefed = concord_model::count_outlets(articles.iter().map(|a| a.outlet.as_deref()));
        assert_eq!(record.outlet_count(), briefed, "story {}", record.id);
    }
    drop(ingestor);
    let _ = std::fs::remove_dir_all(&dir);
}
