//! Alignment of facts across the articles of one story: entities merged
//! across spellings, numeric claims in agreement or conflict, quote groups
//! with their variant wordings, a dated timeline and a sourced summary.

pub mod claims;
pub mod entities;
mod overlap;
pub mod quotes;
pub mod summary;
pub mod timeline;

pub use claims::align_claims;
pub use entities::{merge_entities, EntityIndex};
pub use quotes::group_quotes;
pub use summary::summarize;
pub use timeline::{build_timeline, build_timeline_anchored, reference_note};

use concord_model::{Article, ArticleFacts, Claim, Entity, Quote, SummarySentence, TimelineEntry};

/// Everything corroboration says about one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Corroboration {
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<TimelineEntry>,
    pub summary: Vec<SummarySentence>,
}

/// Align the facts of a story's articles. `facts[i]` belongs to `articles[i]`.
pub fn corroborate(articles: &[Article], facts: &[ArticleFacts]) -> Corroboration {
    let index = merge_entities(facts);
    let claims = align_claims(facts, &index);
    let quotes = group_quotes(facts, &index);
    let timeline = build_timeline(articles, facts);
    let summary = summarize(articles, &claims);
    Corroboration {
        entities: index.entities,
        claims,
        quotes,
        timeline,
        summary,
    }
}
