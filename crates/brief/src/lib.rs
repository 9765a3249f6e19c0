//! Renders briefs as JSON (the `concord.brief/1` schema) and as Markdown for people.
//!
//! **API Boundary:** three plain functions over `concord_model::Brief`. The
//! JSON is exactly serde's serialization of the model types; this crate adds
//! no fields and renames none, so `schema/concord.brief.v1.json` describes the
//! model, and `tests/schema.rs` fails when the two drift apart.
//!
//! **Invariant:** every piece of article-derived text in the Markdown passes
//! through the `markdown` module's escaping, so a hostile article cannot add
//! markup, links, HTML or table cells to a brief.

mod markdown;

use concord_model::Brief;

pub use markdown::to_markdown;

/// The brief as pretty-printed JSON, ending with a newline.
pub fn to_json(brief: &Brief) -> String {
    // Serializing the model cannot fail: every map key is a struct field name
    // and every custom `Serialize` impl (`PartialDate`) writes a plain string.
    let mut json = serde_json::to_string_pretty(brief).expect("a Brief always serializes");
    json.push('\n');
    json
}

/// The brief as a JSON value, for callers that embed or post-process it.
pub fn to_json_value(brief: &Brief) -> serde_json::Value {
    // Same reasoning as `to_json`: no field can make serialization fail.
    serde_json::to_value(brief).expect("a Brief always serializes")
}
