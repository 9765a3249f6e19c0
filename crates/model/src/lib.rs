//! Concord's data types, shared by every pipeline stage.
//!
//! Stages are plain functions over these types:
//! `RawDoc → Article → (Story, Syndication) → ArticleFacts → StoryBrief`.
//! This crate does no I/O and has no logic beyond small constructors and
//! the one definition of a story's outlet count ([`count_outlets`]), so
//! every other crate can depend on it without pulling anything else in.

pub mod article;
pub mod brief;
pub mod date;
pub mod diagnostic;
pub mod facts;
pub mod outlet;

pub use article::{Article, InferredDate, RawDoc, RawFormat, RemovedBlock, RemovedKind};
pub use brief::{
    Brief, Claim, ClaimStatus, ClaimValue, DateEvidence, Entity, EntityType, Quote, QuoteVariant,
    StoryBrief, SummarySentence, Syndication, TimelineEntry, BRIEF_SCHEMA,
};
pub use date::PartialDate;
pub use diagnostic::Diagnostic;
pub use facts::{ArticleFacts, DateMention, EntityMention, NumberMention, QuoteMention, Span};
pub use outlet::{count_outlets, outlet_key};
