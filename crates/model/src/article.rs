//! Raw input documents and cleaned articles.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The input format a raw document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawFormat {
    /// Plain text: optional headline line, optional metadata prefix, paragraphs.
    Text,
    /// An HTML page.
    Html,
    /// One record of a JSON Lines file (already parsed into fields).
    Record,
}

/// One document as read from an input, before cleaning.
///
/// `text` is valid UTF-8 (ingest rejects what is not). Fields other than
/// `id`, `source` and `text` come from structured inputs (JSON Lines records)
/// and are `None` for files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDoc {
    /// Stable identifier: the file name, or a record's `id` field.
    pub id: String,
    /// The path or URL as the user gave it (for records: `path#line`).
    pub source: String,
    pub format: RawFormat,
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

impl RawDoc {
    /// A document with only id, source, format and text set.
    pub fn new(
        id: impl Into<String>,
        source: impl Into<String>,
        format: RawFormat,
        text: impl Into<String>,
    ) -> Self {
        RawDoc {
            id: id.into(),
            source: source.into(),
            format,
            text: text.into(),
            title: None,
            published: None,
            outlet: None,
            url: None,
            author: None,
        }
    }
}

/// Why a block of text was cut from an article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovedKind {
    /// Site furniture: navigation, "most read", newsletter prompts.
    Boilerplate,
    /// Cookie or consent banners.
    Consent,
    /// An image or video caption.
    Caption,
    /// A headline linking to another article.
    RelatedLink,
    /// An embedded social-media post or its signature line.
    Embed,
    /// A metadata prefix (date, dateline) that is not body text.
    Metadata,
}

/// A block removed from the body, with the reason, so users can audit cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedBlock {
    pub text: String,
    pub kind: RemovedKind,
    pub reason: String,
}

/// A publication date that the article does not state but that was inferred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    pub date: NaiveDate,
    /// How it was inferred, in words a user can check.
    pub how: String,
}

/// A cleaned article: metadata plus main body text only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_inferred: Option<InferredDate>,
    /// Where `published` was read, in words a user can check
    /// ("JSON-LD datePublished", "URL path"); absent when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_provenance: Option<String>,
    /// The last modification date the page states apart from publication
    /// (never used as the publication date); absent when not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    /// The byline as one string ("Jane Doe, John Roe").
    pub author: Option<String>,
    /// Each author apart, when the page lists them; absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// The canonical URL when the page names one, else the URL it came from.
    pub url: Option<String>,
    pub body_paragraphs: Vec<String>,
    pub removed: Vec<RemovedBlock>,
}

impl Article {
    /// An article with only an id (also its source) and body paragraphs;
    /// every metadata field empty. For tests and tools that build articles
    /// from text they already have.
    pub fn from_paragraphs(
        id: impl Into<String>,
        paragraphs: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        let id = id.into();
        Article {
            source: id.clone(),
            id,
            title: None,
            published: None,
            published_provenance: None,
            published_inferred: None,
            modified: None,
            outlet: None,
            dateline: None,
            author: None,
            authors: Vec::new(),
            language: None,
            url: None,
            body_paragraphs: paragraphs.into_iter().map(Into::into).collect(),
            removed: Vec::new(),
        }
    }

    /// The date relative expressions resolve against: stated, else inferred.
    pub fn reference_date(&self) -> Option<NaiveDate> {
        self.published
            .or_else(|| self.published_inferred.as_ref().map(|d| d.date))
    }

    /// Title and body as one text, for similarity measures.
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        if let Some(t) = &self.title {
            out.push_str(t);
            out.push('\n');
        }
        for p in &self.body_paragraphs {
            out.push_str(p);
            out.push('\n');
        }
        out
    }
}
