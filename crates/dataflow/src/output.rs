//! The output of one completed epoch and its idempotent, atomic file:
//! `DIR/epochs/epoch-NNNNNN.json`.

use crate::rule::Offset;
use crate::{DataflowError, Result};
use concord_model::{Article, ArticleFacts};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One story: its id (the lowest offset among its articles) and its
/// articles' offsets, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryOut {
    pub id: Offset,
    pub articles: Vec<Offset>,
}

/// What the live window holds after an epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochOutput {
    pub epoch: u64,
    /// Every live article in exactly one story; ordered by id.
    pub stories: Vec<StoryOut>,
    /// Exact and near-duplicate groups (≥ 2 members, sorted), by first member.
    pub duplicate_groups: Vec<Vec<Offset>>,
    /// Story id → its aligned claims (`concord_corroborate::align_claims`),
    /// for stories with at least one claim.
    pub claims: PerStory,
    /// Story id → its quotes with their variants and speakers
    /// (`concord_corroborate::group_quotes`), for stories with a quote.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quotes: PerStory,
    /// Story id → its dated timeline (`concord_corroborate::build_timeline`),
    /// for stories with a dated event.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub timelines: PerStory,
}

/// Story id → one of its tables, as JSON.
pub type PerStory = BTreeMap<Offset, serde_json::Value>;

/// The stories' reconciliation across their sources, table by table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryTables {
    pub claims: PerStory,
    pub quotes: PerStory,
    pub timelines: PerStory,
}

impl EpochOutput {
    /// Assemble the output from `(label, offset)` memberships.
    pub fn from_memberships(
        epoch: u64,
        stories: impl IntoIterator<Item = (Offset, Offset)>,
        duplicates: impl IntoIterator<Item = (Offset, Offset)>,
        tables: StoryTables,
    ) -> EpochOutput {
        let stories = groups(stories)
            .into_iter()
            .map(|(id, articles)| StoryOut { id, articles })
            .collect();
        let duplicate_groups = groups(duplicates)
            .into_values()
            .filter(|g| g.len() >= 2)
            .collect();
        EpochOutput {
            epoch,
            stories,
            duplicate_groups,
            claims: tables.claims,
            quotes: tables.quotes,
            timelines: tables.timelines,
        }
    }
}

fn groups(pairs: impl IntoIterator<Item = (Offset, Offset)>) -> BTreeMap<Offset, Vec<Offset>> {
    let mut out: BTreeMap<Offset, Vec<Offset>> = BTreeMap::new();
    for (label, offset) in pairs {
        out.entry(label).or_default().push(offset);
    }
    for members in out.values_mut() {
        members.sort_unstable();
        members.dedup();
    }
    out
}

/// What one article brings to its story's tables: its facts, and how
/// its relative dates were anchored (the article itself stays on the
/// worker that read it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryFacts {
    pub facts: ArticleFacts,
    pub anchor: Option<String>,
}

impl StoryFacts {
    pub fn of(article: &Article) -> StoryFacts {
        StoryFacts {
            facts: concord_extract::extract_facts(article),
            anchor: concord_corroborate::reference_note(article),
        }
    }

    /// The bytes that travel to the story's worker. Postcard, not JSON:
    /// a story's members are decoded again whenever it changes, and JSON
    /// took 7% of a run with claims to write and read.
    pub fn to_bytes(&self) -> Option<Vec<u8>> {
        postcard::to_allocvec(self).ok()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<StoryFacts> {
        postcard::from_bytes(bytes).ok()
    }
}

/// One story's tables as JSON text, each `None` when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableTexts {
    pub claims: Option<String>,
    pub quotes: Option<String>,
    pub timeline: Option<String>,
}

/// A story's claims, quotes and timeline across its sources, from its
/// members in offset order: what `concord brief` reconciles for one story,
/// with one entity index for all three.
pub fn story_tables(members: Vec<StoryFacts>) -> TableTexts {
    let mut anchors = BTreeMap::new();
    let mut facts = Vec::with_capacity(members.len());
    for member in members {
        if let Some(anchor) = member.anchor {
            anchors.insert(member.facts.article_id.clone(), anchor);
        }
        facts.push(member.facts);
    }
    let index = concord_corroborate::merge_entities(&facts);
    fn text<T: Serialize>(items: &[T]) -> Option<String> {
        if items.is_empty() {
            return None;
        }
        serde_json::to_string(items).ok()
    }
    TableTexts {
        claims: text(&concord_corroborate::align_claims(&facts, &index)),
        quotes: text(&concord_corroborate::group_quotes(&facts, &index)),
        timeline: text(&concord_corroborate::build_timeline_anchored(
            &anchors, &facts,
        )),
    }
}

/// `DIR/epochs/epoch-NNNNNN.json`.
pub fn epoch_path(dir: &Path, epoch: u64) -> PathBuf {
    dir.join("epochs").join(format!("epoch-{epoch:06}.json"))
}

/// What [`write_epoch`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    New,
    /// An identical file was already there (a replay after a restart).
    Unchanged,
}

/// Write an epoch's output atomically (temp file + rename). An existing
/// identical file is left alone; a different one is an error, never
/// overwritten.
pub fn write_epoch(dir: &Path, output: &EpochOutput) -> Result<Written> {
    let path = epoch_path(dir, output.epoch);
    let mut bytes = serde_json::to_vec_pretty(output).map_err(|e| DataflowError::BadOutput {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    bytes.push(b'\n');
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DataflowError::Io { path, source }
    };
    match std::fs::read(&path) {
        Ok(existing) if existing == bytes => return Ok(Written::Unchanged),
        Ok(_) => return Err(DataflowError::Conflict { path }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&path)(e)),
    }
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let tmp = parent.join(format!(".epoch-{:06}.json.tmp", output.epoch));
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        file.write_all(&bytes).map_err(io(&tmp))?;
        file.sync_all().map_err(io(&tmp))?;
    }
    std::fs::rename(&tmp, &path).map_err(io(&path))?;
    Ok(Written::New)
}

/// Read back an epoch's file.
pub fn read_epoch(dir: &Path, epoch: u64) -> Result<EpochOutput> {
    let path = epoch_path(dir, epoch);
    let bytes = std::fs::read(&path).map_err(|source| DataflowError::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|e| DataflowError::BadOutput {
        path,
        reason: e.to_string(),
    })
}

/// The last epoch written without a gap before it (epochs are written in
/// order, so this is where a restart resumes).
pub fn last_completed_epoch(dir: &Path) -> Option<u64> {
    let mut last = None;
    let mut epoch = 0;
    while epoch_path(dir, epoch).is_file() {
        last = Some(epoch);
        epoch += 1;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_is_idempotent_and_refuses_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out =
            EpochOutput::from_memberships(0, [(1, 1), (1, 3), (2, 2)], [], StoryTables::default());
        assert_eq!(out.stories.len(), 2);
        assert_eq!(write_epoch(dir.path(), &out).unwrap(), Written::New);
        assert_eq!(write_epoch(dir.path(), &out).unwrap(), Written::Unchanged);
        let other = EpochOutput::from_memberships(0, [(1, 1)], [], StoryTables::default());
        assert!(matches!(
            write_epoch(dir.path(), &other),
            Err(DataflowError::Conflict { .. })
        ));
        assert_eq!(read_epoch(dir.path(), 0).unwrap(), out);
        assert_eq!(last_completed_epoch(dir.path()), Some(0));
    }
}
