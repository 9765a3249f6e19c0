//! Commands over the persistent store: `ingest`, `stories`, `search`, and
//! `brief --story`.

use anyhow::{Context, Result};
use concord_pipeline::ingest::{IngestOptions, IngestProgress, Ingestor};
use concord_store::{Store, StoryRecord};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn open(data: &Path) -> Result<Store> {
    Store::open(data).with_context(|| format!("opening the store in {}", data.display()))
}

/// `concord ingest SOURCES… [--data DIR]`.
pub fn ingest(inputs: &[PathBuf], data: &Path, batch: usize, threads: usize) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let store = open(data)?;
    let options = IngestOptions {
        batch_size: batch,
        threads,
        ..IngestOptions::default()
    };
    let mut ingestor = Ingestor::open(store, options)
        .with_context(|| format!("loading stories from {}", data.display()))?;
    let restored = ingestor.restored();
    eprintln!(
        "concord: opened the store in {:.2}s (clusterer {}, {} articles replayed)",
        started.elapsed().as_secs_f64(),
        if restored.from_snapshot {
            "from its snapshot"
        } else {
            "rebuilt by replay"
        },
        restored.replayed
    );
    // A bar with articles/s on a terminal (the input is streamed, so its
    // length is unknown); JSON lines when piped, one per committed batch,
    // so scripts can follow what is durable.
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::no_length();
        bar.set_style(
            ProgressStyle::with_template("{pos} articles  {per_sec}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    // Inputs are read as ingest goes, JSON Lines record by record, so a
    // feed of any size needs memory for one round of documents, not the
    // whole feed. Problems are printed as they are met, one line each.
    let say = |line: String| match &bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    };
    let mut read_failed = false;
    let mut seen_urls = concord_ingest::SeenUrls::default();
    let docs = concord_ingest::stream_paths(inputs, &concord_ingest::Limits::default()).filter_map(
        |item| match item {
            Ok(doc) => match seen_urls.check(&doc) {
                Some(note) => {
                    say(format!("concord: note: {note}"));
                    None
                }
                None => Some(doc),
            },
            Err(problem) => {
                say(format!("concord: {problem}"));
                read_failed = true;
                None
            }
        },
    );
    let started = std::time::Instant::now();
    let (progress, diagnostics) = ingestor
        .ingest(docs, |p: &IngestProgress| match &bar {
            Some(bar) => {
                bar.set_position(p.read as u64);
                bar.set_message(format!("{} stories", p.total_stories));
            }
            None => println!("{}", serde_json::json!({ "committed": p })),
        })
        .with_context(|| format!("writing to the store in {}", data.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for d in &diagnostics {
        eprintln!("concord: {d}");
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "concord: ingested {} new articles ({} duplicates skipped) in {:.2}s ({:.0} articles/s); store: {} articles, {} stories",
        progress.added,
        progress.duplicates,
        secs,
        progress.read as f64 / secs,
        progress.total_articles,
        progress.total_stories
    );
    let t = &progress.stages;
    eprintln!(
        "concord: stage seconds: clean {:.2}, tokens {:.2}, content hash {:.2}, entity keys {:.2}, syndication keys {:.2}, cluster terms {:.2} (these six summed over threads); dup check {:.2}, clustering {:.2}, story records {:.2}, syndication check {:.2}, snapshot {:.2}, redb commit {:.2}, tantivy index {:.2}",
        t.clean,
        t.tokens,
        t.content_hash,
        t.entity_keys,
        t.syndication_keys,
        t.cluster_terms,
        t.dup_check,
        t.clustering,
        t.story_records,
        t.syndication,
        t.snapshot,
        t.redb_commit,
        t.tantivy_index
    );
    let failed = read_failed || !diagnostics.is_empty();
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `concord stories [--since DATE] [--entity NAME] [--format table|json]`.
pub fn stories(
    data: &Path,
    since: Option<&str>,
    entity: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let store = open(data)?;
    let key = entity.map(concord_text::name_key);
    let mut list: Vec<StoryRecord> = store
        .stories()
        .context("reading stories")?
        .into_iter()
        .filter(|s| since.is_none_or(|d| s.last_published.as_deref().is_some_and(|l| l >= d)))
        .filter(|s| {
            key.as_ref().is_none_or(|k| {
                s.entities
                    .iter()
                    .any(|e| e == k || e.split(' ').any(|w| w == k))
            })
        })
        .collect();
    // Newest activity first, then the biggest.
    list.sort_by(|a, b| {
        b.last_published
            .cmp(&a.last_published)
            .then(b.articles.len().cmp(&a.articles.len()))
    });
    if json {
        let stories: Vec<serde_json::Value> = list
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id,
                    "headline": s.headline,
                    "articles": s.articles,
                    "outlets": s.outlet_count(),
                    "independent_origins": s.independent_origins,
                    "last_published": s.last_published,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({ "stories": stories }))?;
        crate::write_stdout(&(text + "\n"))?;
    } else {
        let mut out = String::new();
        for s in &list {
            out.push_str(&format!(
                "{}  {:>4} articles  {:>3} origins  {}  {}\n",
                s.id,
                s.articles.len(),
                s.independent_origins,
                s.last_published.as_deref().unwrap_or("----------"),
                s.headline.replace(['\n', '\r'], " ")
            ));
        }
        crate::write_stdout(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `concord search "query"`.
pub fn search(data: &Path, query: &str, limit: usize, json: bool) -> Result<ExitCode> {
    let store = open(data)?;
    let hits = store
        .search(query, limit)
        .with_context(|| format!("searching for {query:?}"))?;
    if json {
        crate::write_stdout(
            &(serde_json::to_string_pretty(&serde_json::json!({ "hits": hits }))? + "\n"),
        )?;
    } else {
        let mut out = String::new();
        for h in &hits {
            out.push_str(&format!(
                "{:.2}  {}  {}  {}\n",
                h.score,
                h.story,
                h.article,
                h.title.as_deref().unwrap_or("")
            ));
        }
        crate::write_stdout(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `concord brief --story ID`: the stored story's articles, briefed.
pub fn stored_brief(data: &Path, story_id: &str) -> Result<concord_model::Brief> {
    let store = open(data)?;
    let record = store
        .story(story_id)
        .context("reading the story")?
        .with_context(|| format!("no story {story_id:?} in {}", data.display()))?;
    let story = concord_pipeline::stored_story_brief(
        &store,
        &record,
        &concord_pipeline::BriefOptions::default(),
    )
    .with_context(|| format!("reading the articles of story {story_id}"))?;
    Ok(concord_model::Brief {
        schema: concord_model::BRIEF_SCHEMA.to_string(),
        stories: vec![story],
        diagnostics: Vec::new(),
    })
}
