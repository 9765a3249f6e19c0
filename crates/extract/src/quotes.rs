//! Direct quotations and their speakers.
use concord_model::{Article, EntityMention, QuoteMention};

pub fn find_quotes(_article: &Article, _entities: &[EntityMention]) -> Vec<QuoteMention> {
    Vec::new()
}
