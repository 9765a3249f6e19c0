//! redb table definitions: the store's on-disk schema.

use redb::TableDefinition;

/// Store-wide values: format version, next article sequence number.
pub const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
pub const FORMAT: &str = "format";
pub const NEXT_SEQ: &str = "next_seq";
/// Article id → article JSON (the `concord.brief/1` article object).
pub const ARTICLES: TableDefinition<&str, &[u8]> = TableDefinition::new("articles");
/// Content hash → article id: the same article ingested twice is one.
pub const HASHES: TableDefinition<u64, &str> = TableDefinition::new("content_hashes");
/// Sequence number (arrival order) → article id; the index follows it.
pub const SEQUENCE: TableDefinition<u64, &str> = TableDefinition::new("sequence");
/// Article id → story id.
pub const ASSIGNMENTS: TableDefinition<&str, &str> = TableDefinition::new("assignments");
/// Story id → story record JSON.
pub const STORIES: TableDefinition<&str, &[u8]> = TableDefinition::new("stories");
/// Opaque state blobs (the clusterer's).
pub const BLOBS: TableDefinition<&str, &[u8]> = TableDefinition::new("blobs");
pub const CLUSTERER: &str = "clusterer";
