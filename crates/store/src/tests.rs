//! Store tests on a temporary directory.

use super::*;

fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        title: Some(title.into()),
        outlet: Some("Example Daily".into()),
        language: Some("en".into()),
        ..Article::from_paragraphs(id, [body])
    }
}

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-store-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn batch(ids: &[&str], story: &str) -> Batch {
    Batch {
        articles: ids
            .iter()
            .enumerate()
            .map(|(k, id)| NewArticle {
                article: article(
                    id,
                    &format!("Flood waters rise in {id}"),
                    "Rescuers evacuated residents from the river valley.",
                ),
                content_hash: 1000 + k as u64 + id.len() as u64 * 7919,
                story_id: story.into(),
            })
            .collect(),
        stories: vec![StoryRecord {
            id: story.into(),
            headline: "Flood waters rise".into(),
            articles: ids.iter().map(|s| s.to_string()).collect(),
            outlets: vec!["example daily".into()],
            articles_without_outlet: 0,
            last_published: None,
            entities: Vec::new(),
            independent_origins: ids.len(),
        }],
        clusterer_state: Some(b"state".to_vec()),
        ..Batch::default()
    }
}

#[test]
fn round_trips_articles_stories_and_search() {
    let dir = temp("roundtrip");
    let store = Store::open(&dir).expect("open");
    let report = store.commit(&batch(&["a1", "a2"], "s-1")).expect("commit");
    assert_eq!(
        (
            report.articles_added,
            report.total_articles,
            report.total_stories
        ),
        (2, 2, 1)
    );
    assert_eq!(store.story_of("a2").expect("read").as_deref(), Some("s-1"));
    assert_eq!(
        store.article("a1").expect("read").map(|a| a.id),
        Some("a1".into())
    );
    let hits = store.search("evacuated river", 10).expect("search");
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.story == "s-1"));
    drop(store);
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.counts().expect("counts"), (2, 1));
    assert_eq!(
        store.clusterer_state().expect("state").as_deref(),
        Some(&b"state"[..])
    );
    assert_eq!(
        store.search("flood", 10).expect("search").len(),
        2,
        "no duplicates after reopen"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_lost_index_is_rebuilt_from_the_database() {
    let dir = temp("rebuild");
    let store = Store::open(&dir).expect("open");
    store
        .commit(&batch(&["b1", "b2", "b3"], "s-2"))
        .expect("commit");
    drop(store);
    std::fs::remove_dir_all(dir.join("index")).expect("remove index");
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.search("rescuers", 10).expect("search").len(), 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn another_format_version_is_refused() {
    let dir = temp("version");
    {
        let store = Store::open(&dir).expect("open");
        let txn = store.db.begin_write().expect("txn");
        txn.open_table(META)
            .expect("meta")
            .insert(FORMAT, "concord-store/0")
            .expect("insert");
        txn.commit().expect("commit");
    }
    let err = Store::open(&dir)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("concord-store/0"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn search_survives_odd_queries() {
    let dir = temp("odd");
    let store = Store::open(&dir).expect("open");
    store.commit(&batch(&["c1"], "s-3")).expect("commit");
    for q in ["\"unclosed", "title:", "AND OR", "", "<script>"] {
        assert!(store.search(q, 5).is_ok(), "{q}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn deferred_index_commits_are_flushed_or_caught_up_on_open() {
    let dir = temp("deferred");
    let store = Store::open(&dir).expect("open");
    store
        .commit_deferring_index(&batch(&["d1", "d2"], "s-4"))
        .expect("commit");
    // Not yet searchable: the index commits later.
    assert_eq!(store.search("rescuers", 10).expect("search").len(), 0);
    store.flush_index().expect("flush");
    assert_eq!(store.search("rescuers", 10).expect("search").len(), 2);
    store
        .commit_deferring_index(&batch(&["d3"], "s-4"))
        .expect("commit");
    drop(store);
    // A run that ended without a flush: the database has the article, and
    // opening the store brings the index up to it.
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.search("rescuers", 10).expect("search").len(), 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn outlet_names_fold_unnamed_articles_count_and_merges_keep_both() {
    let mut record = batch(&["o1"], "s-5").stories.remove(0);
    record.outlets.clear();
    for outlet in [Some("Reuters"), Some("REUTERS"), None, None] {
        record.add_outlet(outlet);
    }
    assert_eq!((record.outlets.len(), record.outlet_count()), (1, 3));
    let mut merged = record.clone();
    merged.outlets = vec!["bbc".into(), "reuters".into()];
    merged.articles_without_outlet = 1;
    record.absorb(&merged);
    assert_eq!(record.outlet_count(), 5);
}

#[test]
fn a_merge_keeps_the_latest_date_and_both_stories_entities() {
    let mut record = batch(&["o1"], "s-6").stories.remove(0);
    record.last_published = Some("2024-03-02".into());
    record.entities = vec!["ukraine".into()];
    let mut merged = record.clone();
    merged.last_published = Some("2024-03-05".into());
    merged.entities = vec!["kyiv".into(), "ukraine".into()];
    record.absorb(&merged);
    assert_eq!(record.last_published.as_deref(), Some("2024-03-05"));
    assert_eq!(record.entities, ["ukraine", "kyiv"]);
    // An earlier date does not replace a later one.
    merged.last_published = Some("2024-01-01".into());
    record.absorb(&merged);
    assert_eq!(record.last_published.as_deref(), Some("2024-03-05"));
}

/// A record written before `articles_without_outlet` was kept shows what
/// the list showed then: at least one outlet when it has articles.
#[test]
fn an_older_story_record_reads_with_its_old_outlet_count() {
    let json = r#"{"id":"s","headline":"h","articles":["a","b"],"outlets":[],
        "last_published":null,"entities":[],"independent_origins":2}"#;
    let record: StoryRecord = serde_json::from_str(json).expect("older record");
    assert_eq!(record.articles_without_outlet, 0);
    assert_eq!(record.outlet_count(), 1);
}
