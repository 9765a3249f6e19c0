//! Per-article fact extraction: entity mentions, direct quotes with
//! speakers, numeric claims, and dates. Each extractor is a plain function
//! from an [`Article`](concord_model::Article) to mentions; alignment across
//! articles happens later, in `concord-corroborate`.

pub mod dates;
pub mod entities;
pub mod gazetteer;
pub mod numbers;
pub mod quotes;
mod word_index;

use concord_model::{Article, ArticleFacts};

/// Run every extractor over one article. Dates resolve against the
/// article's stated or inferred publication date, so set
/// `published_inferred` first when the article has no stated date.
pub fn extract_facts(article: &Article) -> ArticleFacts {
    let entities = entities::find_entities(article);
    let quotes = quotes::find_quotes(article, &entities);
    let numbers = numbers::find_numbers(article, &entities, &quotes);
    let dates = dates::article_dates(article);
    ArticleFacts {
        article_id: article.id.clone(),
        entities,
        quotes,
        numbers,
        dates,
    }
}
