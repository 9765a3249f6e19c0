//! What extraction finds in one article, before alignment across sources.

use crate::brief::EntityType;
use crate::date::PartialDate;
use serde::{Deserialize, Serialize};

/// A byte range inside one body paragraph (`paragraph` indexes
/// `Article::body_paragraphs`). `start..end` lies on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// A name as it is written in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    /// The name without honorifics or possessive ending ("Zelensky").
    pub name: String,
    /// The text as printed, honorific included ("Mr Zelensky").
    pub surface: String,
    pub kind: EntityType,
    pub span: Span,
    /// An acronym the text defines for this name: "Long Name (ABC)".
    pub acronym: Option<String>,
}

/// A direct quotation and who said it, as far as this article tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMention {
    pub text: String,
    pub span: Span,
    /// The speaker's name as resolved inside the article (full name where the
    /// article gives one), or `None` when the article does not say.
    pub speaker: Option<String>,
}

/// A number stated about something ("some 12,000 North Korean soldiers").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    pub value: f64,
    /// The counted noun as written ("soldiers", "%", "dollars").
    pub unit: String,
    /// A canonical class of the unit ("troops" for soldiers/troops/servicemen).
    pub unit_class: String,
    /// What happened to the counted things ("deployed", "killed"), canonical.
    pub predicate: Option<String>,
    /// Whose things they are ("North Korea"), when the text says.
    pub modifier: Option<String>,
    /// "some", "around", "at least", … as written.
    pub hedge: Option<String>,
    /// Who says so ("Ukrainian and Western assessments").
    pub attribution: Option<String>,
    /// A past period the number is scoped to, as `YYYY-MM` or `YYYY`
    /// ("In December last year" → "2024-12", "the 2004 earthquake" → "2004").
    pub scope: Option<String>,
    /// The sentence the number stands in.
    pub evidence: String,
    pub span: Span,
}

/// A date mentioned in an article, resolved to the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub date: PartialDate,
    /// The expression as written ("on Sunday", "Jan. 12").
    pub written: String,
    /// The sentence the date stands in.
    pub sentence: String,
    pub span: Span,
    /// True when resolved against the publication date ("on Sunday").
    pub relative: bool,
}

/// Everything extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    pub article_id: String,
    pub entities: Vec<EntityMention>,
    pub quotes: Vec<QuoteMention>,
    pub numbers: Vec<NumberMention>,
    pub dates: Vec<DateMention>,
}
