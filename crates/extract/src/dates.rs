//! Date expressions: finding them and resolving them to the calendar.
//! (Being written; see the helper task.)

use concord_model::{Article, DateMention};

/// Every date mentioned in the article's body, resolved against its reference date.
pub fn article_dates(_article: &Article) -> Vec<DateMention> {
    Vec::new()
}
