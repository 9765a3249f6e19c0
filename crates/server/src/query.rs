//! Listing and searching stories, shared by the JSON API and the pages.

use crate::error::ApiError;
use crate::state::AppState;
use concord_store::StoryRecord;
use concord_web::ArticleLink;
use serde::Deserialize;
use std::collections::HashMap;

/// Most stories one page of a list may hold.
pub const MAX_LIMIT: usize = 500;
const DEFAULT_LIMIT: usize = 50;
/// Articles a full-text query looks at before grouping them by story.
const SEARCH_HITS: usize = 500;

/// Filters of `GET /api/stories` and `/`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ListParams {
    /// Full-text query over titles and bodies.
    pub q: Option<String>,
    /// Stories mentioning this entity (any spelling that folds the same).
    pub entity: Option<String>,
    /// Stories with an article published on or after this day.
    pub since: Option<String>,
    /// … and on or before this day.
    pub until: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<u32>,
}

/// One page of matching stories and, for a text query, the matching
/// articles of each (id, title).
pub struct Listing {
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub stories: Vec<(StoryRecord, Vec<ArticleLink>)>,
}

impl ListParams {
    /// Empty strings (from an HTML form left blank) mean "no filter".
    pub fn blank_as_none(mut self) -> ListParams {
        for field in [
            &mut self.q,
            &mut self.entity,
            &mut self.since,
            &mut self.until,
        ] {
            if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
                *field = None;
            }
        }
        self
    }

    /// Check dates and the page size.
    pub fn normalized(self) -> Result<ListParams, ApiError> {
        for (name, value) in [("since", &self.since), ("until", &self.until)] {
            if let Some(v) = value {
                if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
                    return Err(ApiError::bad_request(format!(
                        "{name}: expected a date as YYYY-MM-DD, got {v:?}"
                    )));
                }
            }
        }
        if self.limit.is_some_and(|l| l == 0 || l > MAX_LIMIT) {
            return Err(ApiError::bad_request(format!(
                "limit: expected 1 to {MAX_LIMIT}"
            )));
        }
        Ok(self)
    }

    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }
}

pub fn list(state: &AppState, params: &ListParams) -> Result<Listing, ApiError> {
    let entity = params.entity.as_deref().map(concord_text::name_key);
    let keep = |s: &StoryRecord| {
        let last = s.last_published.as_deref();
        params
            .since
            .as_deref()
            .is_none_or(|d| last.is_some_and(|l| l >= d))
            && params
                .until
                .as_deref()
                .is_none_or(|d| last.is_some_and(|l| l <= d))
            && entity.as_deref().is_none_or(|k| mentions(s, k))
    };
    let offset = params.offset.map_or(0, |o| o as usize);
    let limit = params.limit();
    if let Some(q) = &params.q {
        let matched: Vec<_> = search(state, q)?
            .into_iter()
            .filter(|(s, _)| keep(s))
            .collect();
        return Ok(Listing {
            total: matched.len(),
            offset,
            limit,
            stories: matched.into_iter().skip(offset).take(limit).collect(),
        });
    }
    // Only the page's records are copied out of the cached list.
    let all = state.sorted_stories()?;
    let matched: Vec<&StoryRecord> = all.iter().filter(|s| keep(s)).collect();
    Ok(Listing {
        total: matched.len(),
        offset,
        limit,
        stories: matched
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|s| (s.clone(), Vec::new()))
            .collect(),
    })
}

/// Stories whose articles match `q`, best match first.
fn search(state: &AppState, q: &str) -> Result<Vec<(StoryRecord, Vec<ArticleLink>)>, ApiError> {
    let hits = state.backend.search(q, SEARCH_HITS)?;
    let mut order: Vec<String> = Vec::new();
    let mut by_story: HashMap<String, Vec<ArticleLink>> = HashMap::new();
    for hit in hits {
        // The index stores the story at indexing time; a later merge may
        // have moved the article, so ask the assignments table.
        let story = state.backend.story_of(&hit.article)?.unwrap_or(hit.story);
        let entry = by_story.entry(story.clone()).or_default();
        if entry.is_empty() {
            order.push(story);
        }
        entry.push((hit.article, hit.title));
    }
    let mut out = Vec::new();
    for id in order {
        if let Some(record) = state.backend.story(&id)? {
            let articles = by_story.remove(&id).unwrap_or_default();
            out.push((record, articles));
        }
    }
    Ok(out)
}

/// A story mentions an entity when a stored entity key equals the folded
/// name or has it as one of its words ("zelensky" finds
/// "volodymyr zelensky").
pub fn mentions(story: &StoryRecord, key: &str) -> bool {
    story
        .entities
        .iter()
        .any(|e| e == key || e.split(' ').any(|w| w == key))
}

/// Entities whose folded name contains `q` (all when `None`), each with the
/// stories that mention it, most-covered first.
pub fn entities(
    state: &AppState,
    q: Option<&str>,
    limit: usize,
) -> Result<Vec<(String, Vec<String>)>, ApiError> {
    let key = q.map(concord_text::name_key).filter(|k| !k.is_empty());
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for story in state.sorted_stories()?.iter() {
        for e in &story.entities {
            if key.as_deref().is_none_or(|k| e.contains(k)) {
                map.entry(e.clone()).or_default().push(story.id.clone());
            }
        }
    }
    let mut list: Vec<(String, Vec<String>)> = map.into_iter().collect();
    list.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    list.truncate(limit);
    Ok(list)
}
