//! The brief: Concord's output, serialized as the `concord.brief/1` schema
//! (see `docs/brief-schema.md` and `schema/concord.brief.v1.json`).

use crate::article::Article;
use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};

/// The schema identifier written in every brief.
pub const BRIEF_SCHEMA: &str = "concord.brief/1";

/// The whole output of `concord brief`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub schema: String,
    pub stories: Vec<StoryBrief>,
    /// Inputs that could not be read; the rest of the batch is in `stories`.
    pub diagnostics: Vec<Diagnostic>,
}

/// One story: a set of articles about the same event, reconciled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryBrief {
    pub id: String,
    pub headline: String,
    pub articles: Vec<Article>,
    /// Number of distinct outlets (articles without an outlet count once
    /// each): [`count_outlets`](crate::count_outlets).
    pub outlets: usize,
    /// Articles left after collapsing each syndication group to one origin.
    pub independent_origins: usize,
    pub syndication: Vec<Syndication>,
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<TimelineEntry>,
    pub summary: Vec<SummarySentence>,
}

/// A group of articles that reuse the same copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Syndication {
    pub articles: Vec<String>,
    /// Paragraph-sized passages shared by the group (for a pair: matched
    /// paragraph pairs; for a larger group: the most any two members share).
    pub shared_passages: usize,
    /// The wire agency named in the shared text, when one is.
    pub origin: Option<String>,
    /// A few of the shared passages, as the first article prints them.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Location,
    Other,
}

/// One real-world thing, with every spelling the sources used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub aliases: Vec<String>,
    pub articles: Vec<String>,
    pub mentions: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// Two or more articles give compatible values.
    Agree,
    /// Articles give incompatible values.
    Conflict,
    /// Only one article states it.
    Single,
}

/// A numeric fact about one subject, with every source's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub subject: String,
    pub unit: String,
    pub status: ClaimStatus,
    pub values: Vec<ClaimValue>,
}

/// One value of a claim and the articles that state it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimValue {
    pub value: f64,
    pub articles: Vec<String>,
    pub attribution: Option<String>,
    pub hedge: Option<String>,
    pub evidence: String,
}

/// One statement, quoted by one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub speaker: Option<String>,
    pub text: String,
    /// Articles that print this wording (up to spelling and punctuation).
    pub articles: Vec<String>,
    /// Other wordings or translations of the same statement.
    pub variants: Vec<QuoteVariant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteVariant {
    pub article: String,
    pub text: String,
}

/// A dated event, with how each source wrote the date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: PartialDate,
    pub what: String,
    pub articles: Vec<String>,
    pub evidence: Vec<DateEvidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateEvidence {
    pub article: String,
    /// The date as written ("on Sunday", "Jan. 12").
    pub written: String,
    /// How it was resolved, for relative dates.
    pub resolved_from: Option<String>,
}

/// A summary sentence and the articles it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub articles: Vec<String>,
}
