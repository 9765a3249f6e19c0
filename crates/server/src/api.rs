//! The JSON API (described by `openapi.json`, served at
//! `/api/openapi.json`).

use crate::auth;
use crate::error::ApiError;
use crate::query::{self, ListParams};
use crate::state::{AppState, Rendering};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use concord_ingest::InputFormat;
use concord_model::RawDoc;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

pub const OPENAPI: &str = include_str!("openapi.json");
/// The published brief schema, referenced by the OpenAPI description.
pub const BRIEF_SCHEMA_JSON: &str = include_str!("../../../schema/concord.brief.v1.json");

type ApiResult = Result<Response, ApiError>;

/// Run store work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub async fn brief_schema() -> Response {
    (
        [(header::CONTENT_TYPE, "application/schema+json")],
        BRIEF_SCHEMA_JSON,
    )
        .into_response()
}

pub async fn health(State(state): State<Arc<AppState>>) -> ApiResult {
    let (articles, stories, epoch) = blocking(move || {
        let (articles, stories) = state.backend.counts()?;
        Ok((articles, stories, state.backend.epoch()))
    })
    .await?;
    let mut body = json!({ "status": "ok", "articles": articles, "stories": stories });
    if let Some(epoch) = epoch {
        // Over the cluster's shared state: which epoch file is shown.
        body["epoch"] = json!(epoch);
    }
    Ok(Json(body).into_response())
}

pub async fn stories(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> ApiResult {
    let params = params
        .map_err(|e| ApiError::bad_request(e.body_text()))?
        .0
        .normalized()?;
    blocking(move || {
        let listing = query::list(&state, &params)?;
        let stories: Vec<Value> = listing
            .stories
            .iter()
            .map(|(s, hits)| {
                let mut v = json!({
                    "id": s.id,
                    "headline": s.headline,
                    "articles": s.articles,
                    "outlets": s.outlet_count(),
                    "independent_origins": s.independent_origins,
                    "last_published": s.last_published,
                    "conflicts": state.cached_conflicts(s),
                });
                if params.q.is_some() {
                    v["matches"] = json!(hits
                        .iter()
                        .map(|(id, title)| json!({ "id": id, "title": title }))
                        .collect::<Vec<_>>());
                }
                v
            })
            .collect();
        Ok(Json(json!({
            "total": listing.total,
            "offset": listing.offset,
            "limit": listing.limit,
            "stories": stories,
        }))
        .into_response())
    })
    .await
}

pub async fn story_brief(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    blocking(move || {
        let record = state
            .backend
            .story(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no story {id:?}")))?;
        let json = state.rendered(&record, Rendering::Json)?;
        Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
    })
    .await
}

pub async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    blocking(move || {
        let article = state
            .backend
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
        let story = state.backend.story_of(&id)?;
        Ok(Json(json!({ "story": story, "article": article })).into_response())
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct EntityParams {
    q: Option<String>,
    limit: Option<usize>,
}

pub async fn entities(
    State(state): State<Arc<AppState>>,
    params: Result<Query<EntityParams>, QueryRejection>,
) -> ApiResult {
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let limit = params.limit.unwrap_or(100);
    if !(1..=query::MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit: expected 1 to {}",
            query::MAX_LIMIT
        )));
    }
    blocking(move || {
        let list = query::entities(&state, params.q.as_deref(), limit)?;
        let entities: Vec<Value> = list
            .into_iter()
            .map(|(name, stories)| json!({ "name": name, "stories": stories }))
            .collect();
        Ok(Json(json!({ "entities": entities })).into_response())
    })
    .await
}

/// Query of `POST /api/articles` when the body is one page or text file.
#[derive(Debug, Deserialize)]
pub struct PostParams {
    /// The document's id (required for `text/html` and `text/plain`).
    id: Option<String>,
    /// Where the page was fetched from.
    url: Option<String>,
}

/// `POST /api/articles`: one JSON object, an array of them, JSON Lines, or
/// one HTML page or text file. The whole request is checked before
/// anything is written, then committed in one transaction: a request adds
/// all its usable articles or nothing (to the store, or appended to the
/// shared log, see [`crate::Backend::add`]).
pub async fn post_articles(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    params: Result<Query<PostParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    auth::require_writer(&state, &headers)?;
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(&state),
        status => ApiError::new(status, "bad_body", e.body_text()),
    })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_ascii_lowercase();
    blocking(move || {
        let docs = documents(&body, &content_type, &params)?;
        ingest(&state, docs)
    })
    .await
}

fn too_large(state: &AppState) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
        format!(
            "request body over {} bytes; split it into smaller batches",
            state.limits.max_body_bytes
        ),
    )
}

/// The request's documents. JSON bodies go through the JSON Lines reader
/// (one object per line), so records mean the same as for `concord ingest`.
fn documents(
    body: &[u8],
    content_type: &str,
    params: &PostParams,
) -> Result<Vec<RawDoc>, ApiError> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    let (bytes, format) = match media {
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines"
        | "application/jsonlines" => (body.to_vec(), InputFormat::JsonLines),
        "application/json" | "" => (json_as_lines(body)?, InputFormat::JsonLines),
        "text/html" | "application/xhtml+xml" => (body.to_vec(), InputFormat::Html),
        "text/plain" => (body.to_vec(), InputFormat::Text),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!(
                    "content type {other:?}: send application/json, application/x-ndjson, text/html or text/plain"
                ),
            ))
        }
    };
    let name = match format {
        InputFormat::JsonLines => "request".to_string(),
        // Without an id, the content names the document: posting the
        // same page twice gives the same id (and is then a duplicate).
        _ => params
            .id
            .clone()
            .filter(|id| !id.trim().is_empty())
            .unwrap_or_else(|| format!("doc-{:016x}", fnv(body))),
    };
    let read = concord_ingest::read_bytes(&name, &bytes, format)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    if !read.diagnostics.is_empty() {
        let mut err = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_records",
            format!(
                "{} of the request's records are unusable; nothing was written",
                read.diagnostics.len()
            ),
        );
        err.details = read.diagnostics.iter().map(|d| d.to_string()).collect();
        return Err(err);
    }
    let mut docs = read.docs;
    if format != InputFormat::JsonLines {
        for d in &mut docs {
            d.url = params.url.clone();
        }
    }
    Ok(docs)
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A JSON object or array of objects, as JSON Lines.
fn json_as_lines(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON: {e}")))?;
    let objects = match value {
        Value::Object(_) => vec![value],
        Value::Array(items) => items,
        _ => {
            return Err(ApiError::bad_request(
                "expected an article object or an array of them",
            ))
        }
    };
    let mut out = Vec::new();
    for o in objects {
        // Re-serializing a parsed value cannot fail.
        out.extend(serde_json::to_vec(&o).unwrap_or_default());
        out.push(b'\n');
    }
    Ok(out)
}

fn ingest(state: &AppState, docs: Vec<RawDoc>) -> ApiResult {
    if docs.is_empty() {
        return Err(ApiError::bad_request("no articles in the request"));
    }
    if docs.len() > state.limits.max_batch {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            format!(
                "{} articles in one request; at most {} are accepted",
                docs.len(),
                state.limits.max_batch
            ),
        ));
    }
    let added = state.backend.add(docs)?;
    state.warm(added.changed);
    Ok((added.status, Json(added.body)).into_response())
}
