//! The web UI: server-rendered pages (see `concord-web`).

use crate::api::blocking;
use crate::error::{ApiError, PageError};
use crate::query::{self, ListParams};
use crate::state::{self, AppState, Rendering};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use concord_web::{ListView, SearchView};
use serde::Deserialize;
use std::sync::Arc;

type PageResult = Result<Response, PageError>;

/// Story list pages show this many rows unless asked otherwise.
const PAGE_ROWS: usize = 50;

pub async fn index(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> PageResult {
    let mut params = params
        .map_err(|e| ApiError::bad_request(e.body_text()))?
        .0
        .blank_as_none()
        .normalized()?;
    params.q = None;
    params.limit = Some(params.limit.unwrap_or(PAGE_ROWS));
    let page = blocking(move || {
        let listing = query::list(&state, &params)?;
        // Brief the stories on this page so their conflict marks are
        // real (cached afterwards; a new article re-briefs its story).
        let mut rows = Vec::new();
        for (record, _) in &listing.stories {
            let brief = state.brief(record)?;
            let mut row = state::row(record, Some(state::conflicts(&brief)));
            // Origins as the story page counts them (outlets already agree:
            // both count with `concord_model::count_outlets`).
            row.independent_origins = brief.independent_origins;
            rows.push(row);
        }
        Ok(concord_web::story_list_page(&ListView {
            rows,
            entity: params.entity.clone(),
            since: params.since.clone(),
            until: params.until.clone(),
            total: listing.total,
            offset: listing.offset,
            limit: listing.limit,
        }))
    })
    .await?;
    Ok(Html(page).into_response())
}

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
}

pub async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> PageResult {
    let q = params
        .map_err(|e| ApiError::bad_request(e.body_text()))?
        .0
        .q
        .unwrap_or_default();
    let page = blocking(move || {
        let mut view = SearchView {
            query: q.clone(),
            stories: Vec::new(),
        };
        if !q.trim().is_empty() {
            let params = ListParams {
                q: Some(q),
                limit: Some(PAGE_ROWS),
                ..ListParams::default()
            };
            for (record, hits) in query::list(&state, &params)?.stories {
                let row = state::row(&record, state.cached_conflicts(&record));
                view.stories.push((row, hits));
            }
        }
        Ok(concord_web::search_page(&view))
    })
    .await?;
    Ok(Html(page).into_response())
}

pub async fn story(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> PageResult {
    let page = blocking(move || {
        let record = state
            .backend
            .story(&id)?
            .ok_or_else(|| ApiError::not_found(format!("No story {id:?}.")))?;
        state.rendered(&record, Rendering::Page)
    })
    .await?;
    Ok(Html(page).into_response())
}

#[derive(Debug, Deserialize)]
pub struct CompareParams {
    a: String,
    b: String,
}

pub async fn compare(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    params: Result<Query<CompareParams>, QueryRejection>,
) -> PageResult {
    let params = params
        .map_err(|_| ApiError::bad_request("compare needs two article ids: ?a=…&b=…"))?
        .0;
    let page = blocking(move || {
        let record = state
            .backend
            .story(&id)?
            .ok_or_else(|| ApiError::not_found(format!("No story {id:?}.")))?;
        let fetch = |aid: &str| -> Result<concord_model::Article, ApiError> {
            if !record.articles.iter().any(|x| x == aid) {
                return Err(ApiError::not_found(format!(
                    "Article {aid:?} is not in this story."
                )));
            }
            state
                .backend
                .article(aid)?
                .ok_or_else(|| ApiError::not_found(format!("No article {aid:?}.")))
        };
        let a = fetch(&params.a)?;
        let b = fetch(&params.b)?;
        Ok(concord_web::compare_page(&record.id, &a, &b))
    })
    .await?;
    Ok(Html(page).into_response())
}

pub async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> PageResult {
    let page = blocking(move || {
        let article = state
            .backend
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("No article {id:?}.")))?;
        let story = state.backend.story_of(&id)?;
        Ok(concord_web::article_page(&article, story.as_deref()))
    })
    .await?;
    Ok(Html(page).into_response())
}

pub async fn css() -> Response {
    static_file("text/css; charset=utf-8", concord_web::APP_CSS)
}

pub async fn js() -> Response {
    static_file("text/javascript; charset=utf-8", concord_web::APP_JS)
}

fn static_file(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
