//! `concord serve`: the JSON API and the web UI over the embedded store,
//! in one process with no other service to start — or over the scale-out
//! shared state (the ingest log and the epoch files of `concord cluster`).
//!
//! **API Boundary:** [`router`] builds the axum application over an open
//! [`Store`], [`router_over`] over any [`Backend`] (the store's, or a
//! [`ClusterBackend`] over a log and an `OUT` folder); [`serve`] binds and runs it until Ctrl-C. Routes are listed
//! in [`API_PATHS`] and described in `openapi.json` (a test keeps the two
//! equal).
//!
//! **Invariants:** a write request commits in one store transaction or not
//! at all; every response carries a Content-Security-Policy that forbids
//! inline script, so even an escaping bug in a page could not run script
//! from an article.

mod api;
mod auth;
mod backend;
mod cluster;
mod error;
mod pages;
mod query;
mod state;
mod store_backend;

pub use backend::{Added, Backend, ChangeHook};
pub use cluster::{ClusterBackend, ClusterConfig};
pub use error::ApiError;
pub use state::AppState;
pub use store_backend::StoreBackend;

use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::get;
pub use axum::Router;
use concord_store::{Store, StoreError};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// The API's paths, as the OpenAPI description lists them.
pub const API_PATHS: &[&str] = &[
    "/api/health",
    "/api/openapi.json",
    "/api/schemas/concord.brief.v1.json",
    "/api/stories",
    "/api/stories/{id}/brief",
    "/api/articles",
    "/api/articles/{id}",
    "/api/entities",
];

/// Stories briefed in the background when the server starts.
const WARM_AT_START: usize = 100;

/// Script only from our own `/static/app.js`, styles only from our own
/// stylesheet, no plugins, frames, or foreign forms.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Who may do what, and how much one request may carry.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Bearer token for writes (and for reads when they are not open).
    /// `None` disables writes.
    pub token: Option<String>,
    /// Reads without a token.
    pub open_reads: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Most articles one `POST /api/articles` may carry.
    pub max_batch: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            token: None,
            open_reads: true,
            max_body_bytes: 32 * 1024 * 1024,
            max_batch: 10_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("opening the store: {0}")]
    Store(#[from] StoreError),
    #[error("loading stories: {0}")]
    Load(String),
    #[error("listening on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// The application over an opened store.
pub fn router(store: Store, limits: Limits) -> Result<Router, ServeError> {
    let backend = StoreBackend::new(store).map_err(|e| ServeError::Load(e.message))?;
    Ok(router_over(Arc::new(backend), limits))
}

/// The application over any backend.
pub fn router_over(backend: Arc<dyn Backend>, limits: Limits) -> Router {
    let max_body = limits.max_body_bytes;
    let open_reads = limits.open_reads;
    let state = Arc::new(AppState::new(backend, limits));
    state.start_warmer();
    let weak = Arc::downgrade(&state);
    state.backend.on_change(Box::new(move |ids| {
        if let Some(state) = weak.upgrade() {
            state.warm(ids);
        }
    }));
    // Brief the newest stories ahead of the first visit to the list.
    if let Ok(list) = state.sorted_stories() {
        state.warm(list.iter().take(WARM_AT_START).map(|s| s.id.clone()));
    }
    let api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/schemas/concord.brief.v1.json", get(api::brief_schema))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}/brief", get(api::story_brief))
        .route("/api/articles", axum::routing::post(api::post_articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities", get(api::entities));
    let mut pages = Router::new()
        .route("/", get(pages::index))
        .route("/search", get(pages::search))
        .route("/stories/{id}", get(pages::story))
        .route("/stories/{id}/compare", get(pages::compare))
        .route("/articles/{id}", get(pages::article))
        .route("/static/app.css", get(pages::css))
        .route("/static/app.js", get(pages::js))
        .merge(api)
        .fallback(not_found)
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this path does not take that method",
            )
        });
    if !open_reads {
        pages = pages.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_reader,
        ));
    }
    pages
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(header_layer(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::REFERRER_POLICY, "no-referrer"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .with_state(state)
}

fn header_layer(
    name: header::HeaderName,
    value: &'static str,
) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// Bind `addr` and serve until Ctrl-C. `on_ready` gets the bound address
/// (port 0 picks a free one).
pub async fn serve(
    router: Router,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            // Without a signal handler there is nothing to wait for.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Unknown paths: a JSON error under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        ApiError::not_found("no such API endpoint").into_response()
    } else {
        error::PageError(ApiError::not_found("No such page.")).into_response()
    }
}

#[cfg(test)]
mod tests;
