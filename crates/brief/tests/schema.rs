//! The published JSON Schema (`schema/concord.brief.v1.json`) against what
//! serde actually writes: the sample brief validates, broken documents do
//! not, and the schema names exactly the fields the model serializes.

mod common;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn workspace_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

fn schema() -> Value {
    let path = workspace_file("schema/concord.brief.v1.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The schema with `additionalProperties: false` on every object type.
///
/// The published schema accepts unknown fields so that briefs from later /1
/// releases (which may add fields) still validate. The tests use this strict
/// copy instead, so a field added to the model but not to the schema fails.
fn strict(schema: &Value) -> Value {
    let mut strict = schema.clone();
    close_objects(&mut strict);
    strict
}

fn close_objects(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("object")) {
                map.insert("additionalProperties".to_owned(), json!(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// Every `(pointer, object schema)` in the schema with `type: object`.
fn object_schemas(node: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match node {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("object")) {
                out.push((pointer.clone(), node.clone()));
            }
            for (key, child) in map {
                object_schemas(child, format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (idx, child) in items.iter().enumerate() {
                object_schemas(child, format!("{pointer}/{idx}"), out);
            }
        }
        _ => {}
    }
}

fn all_object_schemas() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    object_schemas(&schema(), String::new(), &mut out);
    out
}

/// Validation errors of `doc`, one line each, empty when valid.
fn errors(schema: &Value, doc: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn sample_json() -> Value {
    concord_brief::to_json_value(&common::sample_brief())
}

#[test]
fn schema_is_valid_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        json!("https://json-schema.org/draft/2020-12/schema")
    );
    if let Err(err) = jsonschema::meta::validate(&schema) {
        panic!("schema violates its meta-schema: {err}");
    }
}

#[test]
fn sample_brief_validates_strictly() {
    let schema = schema();
    assert_eq!(
        errors(&strict(&schema), &sample_json()),
        Vec::<String>::new()
    );
    assert_eq!(errors(&schema, &sample_json()), Vec::<String>::new());
}

#[test]
fn text_output_validates_too() {
    // `to_json` is what users get; make sure it is the same document.
    let text = concord_brief::to_json(&common::sample_brief());
    let doc: Value = serde_json::from_str(&text).expect("to_json writes JSON");
    assert_eq!(errors(&strict(&schema()), &doc), Vec::<String>::new());
}

/// Article fields added within /1 that the model omits when empty
/// (`skip_serializing_if`), so briefs written before them stay valid.
const OMITTED_WHEN_EMPTY: &[&str] = &["published_provenance", "modified", "authors"];

#[test]
fn every_field_is_required_because_serde_always_writes_it() {
    // `None` is written as null, except for the few fields added later and
    // listed above. If the model starts skipping another field, this and
    // the strict test disagree.
    for (pointer, object) in all_object_schemas() {
        let mut properties: Vec<&String> = object["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{pointer} has no properties"))
            .keys()
            .filter(|k| !OMITTED_WHEN_EMPTY.contains(&k.as_str()))
            .collect();
        let mut required: Vec<&String> = object["required"]
            .as_array()
            .unwrap_or_else(|| panic!("{pointer} has no required"))
            .iter()
            .map(|v| match v {
                Value::String(s) => s,
                other => panic!("{pointer}: required holds {other}"),
            })
            .collect();
        properties.sort();
        required.sort();
        assert_eq!(properties, required, "{pointer}");
    }
}

#[test]
fn every_field_and_definition_has_a_description() {
    let schema = schema();
    for (pointer, object) in all_object_schemas() {
        assert!(
            object["description"].is_string(),
            "{pointer} lacks a description"
        );
        for (name, field) in object["properties"].as_object().expect("properties") {
            assert!(
                field["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{pointer}/properties/{name} lacks a description"
            );
        }
    }
    for (name, def) in schema["$defs"].as_object().expect("$defs") {
        assert!(
            def["description"].is_string(),
            "$defs/{name} lacks a description"
        );
    }
}

#[test]
fn every_field_is_documented_for_integrators() {
    let doc_path = workspace_file("docs/brief-schema.md");
    let doc = std::fs::read_to_string(&doc_path)
        .unwrap_or_else(|err| panic!("{}: {err}", doc_path.display()));
    for (pointer, object) in all_object_schemas() {
        for name in object["properties"].as_object().expect("properties").keys() {
            assert!(
                doc.contains(&format!("| `{name}` |")),
                "docs/brief-schema.md has no table row for `{name}` ({pointer})"
            );
        }
    }
}

/// Applies `edit` to the sample and returns the validation errors.
fn errors_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut doc = sample_json();
    edit(&mut doc);
    errors(&schema(), &doc)
}

#[test]
fn missing_stories_is_rejected() {
    let errs = errors_after(|doc| {
        doc.as_object_mut().unwrap().remove("stories");
    });
    assert!(errs.iter().any(|e| e.contains("stories")), "{errs:?}");
}

#[test]
fn unknown_claim_status_is_rejected() {
    let errs = errors_after(|doc| doc["stories"][0]["claims"][0]["status"] = json!("disputed"));
    assert!(!errs.is_empty());
    // Serde's casing matters: the variant name is not the wire value.
    assert!(
        !errors_after(|doc| doc["stories"][0]["claims"][0]["status"] = json!("Conflict"))
            .is_empty()
    );
}

#[test]
fn wrong_enum_casing_is_rejected() {
    assert!(
        !errors_after(|doc| doc["stories"][0]["entities"][0]["type"] = json!("person")).is_empty()
    );
    assert!(!errors_after(|doc| {
        doc["stories"][0]["articles"][1]["removed"][0]["kind"] = json!("relatedLink")
    })
    .is_empty());
}

#[test]
fn other_schema_versions_are_rejected() {
    assert!(!errors_after(|doc| doc["schema"] = json!("concord.brief/2")).is_empty());
}

#[test]
fn malformed_dates_are_rejected() {
    let timeline_date =
        |value: Value| errors_after(move |doc| doc["stories"][0]["timeline"][0]["date"] = value);
    assert!(timeline_date(json!("2025-01")).is_empty());
    assert!(timeline_date(json!("2025-01-12")).is_empty());
    for bad in [
        json!("2025-1-12"),
        json!("2025-13"),
        json!("12 Jan 2025"),
        json!(20250112),
    ] {
        assert!(!timeline_date(bad.clone()).is_empty(), "{bad} accepted");
    }
    // A publication date must be a full day, not a month.
    assert!(
        !errors_after(|doc| doc["stories"][0]["articles"][2]["published"] = json!("2025-01"))
            .is_empty()
    );
}

#[test]
fn missing_optional_field_is_rejected_but_null_is_fine() {
    assert!(!errors_after(|doc| {
        doc["stories"][0]["articles"][0]
            .as_object_mut()
            .unwrap()
            .remove("author");
    })
    .is_empty());
    assert!(
        errors_after(|doc| doc["stories"][0]["articles"][0]["author"] = Value::Null).is_empty()
    );
}

#[test]
fn stated_and_inferred_publication_dates_are_exclusive() {
    // Article 3 (RTE) states its date; giving it an inferred one too is invalid.
    let errs = errors_after(|doc| {
        doc["stories"][0]["articles"][2]["published_inferred"] =
            json!({"date": "2025-01-12", "how": "guess"});
    });
    assert!(!errs.is_empty());
}

#[test]
fn unknown_fields_are_accepted_by_the_published_schema_only() {
    let mut doc = sample_json();
    doc["stories"][0]["claims"][0]["confidence"] = json!(0.5);
    assert!(errors(&schema(), &doc).is_empty());
    assert!(!errors(&strict(&schema()), &doc).is_empty());
}

#[test]
fn documented_example_validates_strictly() {
    let doc_path = workspace_file("docs/brief-schema.md");
    let doc = std::fs::read_to_string(&doc_path)
        .unwrap_or_else(|err| panic!("{}: {err}", doc_path.display()));
    let start = doc.find("```json\n").expect("docs have a ```json example") + "```json\n".len();
    let end = start + doc[start..].find("\n```").expect("example block is closed");
    let example: Value = serde_json::from_str(&doc[start..end]).expect("example is JSON");
    assert_eq!(errors(&strict(&schema()), &example), Vec::<String>::new());
    // And it is a brief the model itself can read.
    let brief: concord_model::Brief =
        serde_json::from_value(example).expect("example fits the model");
    assert_eq!(brief.stories[0].articles.len(), 2);
}

#[test]
fn fields_omitted_when_empty_validate_when_present() {
    let errs = errors_after(|doc| {
        let article = &mut doc["stories"][0]["articles"][0];
        article["published_provenance"] = json!("JSON-LD datePublished");
        article["modified"] = json!("2025-01-14");
        article["authors"] = json!(["Jane Doe", "John Roe"]);
    });
    assert_eq!(errs, Vec::<String>::new());
    let strict_errs = {
        let mut doc = sample_json();
        doc["stories"][0]["articles"][0]["modified"] = json!("2025-01-14");
        errors(&strict(&schema()), &doc)
    };
    assert_eq!(strict_errs, Vec::<String>::new());
    assert!(
        !errors_after(|doc| doc["stories"][0]["articles"][0]["modified"] = json!("soon"))
            .is_empty()
    );
}
