//! Who may do what: writes need the token configured at start; reads are
//! open when the server listens on loopback (or `--open-reads` says so),
//! and otherwise need the same token.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The bearer token of a request, if it sent one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Compare without an early exit, so response time does not reveal how
/// much of a guess was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub fn require_writer(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.limits.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "this server was started without a write token (set CONCORD_TOKEN or --token-file)",
        ));
    };
    match bearer(headers) {
        Some(given) if same(given, token) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad_token",
            "the bearer token is not the one this server was started with",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "token_required",
            "send the write token as `Authorization: Bearer TOKEN`",
        )),
    }
}

/// Middleware on every route when reads are not open.
pub async fn require_reader(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if state.limits.open_reads {
        return next.run(request).await;
    }
    let allowed = match (state.limits.token.as_deref(), bearer(request.headers())) {
        (Some(token), Some(given)) => same(given, token),
        _ => false,
    };
    if allowed {
        next.run(request).await
    } else {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "token_required",
            "reads need the token on a non-loopback address (or start with --open-reads)",
        )
        .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn tokens_compare_exactly() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }
}
