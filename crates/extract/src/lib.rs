//! Extracts entities, quotes, numeric claims and dates from one article.
