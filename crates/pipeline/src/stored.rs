//! Briefs of stories kept in the store (for `concord brief --story` and
//! the server), so both brief a stored story the same way.

use crate::{brief_story, BriefOptions};
use concord_model::StoryBrief;
use concord_store::{Store, StoreError, StoryRecord};

/// Brief a stored story from its stored articles. The stored id is kept:
/// it is the one users and links know, and it stays stable as the story
/// grows (a recomputed id would follow its current members).
pub fn stored_story_brief(
    store: &Store,
    record: &StoryRecord,
    options: &BriefOptions,
) -> Result<StoryBrief, StoreError> {
    let mut articles = Vec::with_capacity(record.articles.len());
    for id in &record.articles {
        if let Some(a) = store.article(id)? {
            articles.push(a);
        }
    }
    let mut story = brief_story(articles, options);
    story.id = record.id.clone();
    Ok(story)
}
