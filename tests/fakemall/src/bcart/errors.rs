//! Bカート's error answer: a non-2xx status with `{"errors":[{…}]}` (bcart.md §B5); the keys
//! of one entry and the statuses are guesses in [`super::uncertain`].

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::uncertain::{self, messages as m};

/// One Bカート error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub struct BcartError {
    /// HTTP status.
    pub status: StatusCode,
    /// Machine code of the entry.
    pub code: &'static str,
    /// Japanese message.
    pub message: String,
    /// The offending field or parameter, for validation errors.
    pub field: Option<String>,
    /// Seconds for `Retry-After` (only on the over-the-limit answer).
    pub retry_after: Option<i64>,
}

impl BcartError {
    /// An error with that status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: &str) -> Self {
        Self {
            status,
            code,
            message: message.to_string(),
            field: None,
            retry_after: None,
        }
    }

    /// Missing, malformed or unknown token.
    pub fn unauthenticated() -> Self {
        Self::new(
            uncertain::UNAUTHENTICATED_STATUS,
            "unauthenticated",
            m::UNAUTHENTICATED,
        )
    }

    /// Expired token.
    pub fn token_expired() -> Self {
        Self::new(
            uncertain::UNAUTHENTICATED_STATUS,
            "token_expired",
            m::TOKEN_EXPIRED,
        )
    }

    /// The token lacks the scope.
    pub fn forbidden(scope: &str) -> Self {
        let mut e = Self::new(uncertain::FORBIDDEN_STATUS, "forbidden", m::FORBIDDEN);
        e.field = Some(scope.to_string());
        e
    }

    /// Over the limit, with `Retry-After`.
    pub fn too_many_requests(retry_after_secs: i64) -> Self {
        let mut e = Self::new(
            uncertain::RATE_LIMIT_STATUS,
            "too_many_requests",
            m::TOO_MANY_REQUESTS,
        );
        e.retry_after = Some(retry_after_secs.max(1));
        e
    }

    /// 404.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", m::NOT_FOUND)
    }

    /// 405.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            m::METHOD_NOT_ALLOWED,
        )
    }

    /// A bad query parameter.
    pub fn bad_param(field: &str) -> Self {
        let mut e = Self::new(
            uncertain::BAD_QUERY_STATUS,
            "invalid_parameter",
            m::INVALID_PARAMETER,
        );
        e.field = Some(field.to_string());
        e
    }

    /// A bad body field (`field` may be empty for an unreadable body).
    pub fn invalid(field: &str, message: &str) -> Self {
        let mut e = Self::new(uncertain::INVALID_BODY_STATUS, "validation_error", message);
        if !field.is_empty() {
            e.field = Some(field.to_string());
        }
        e
    }
}

impl IntoResponse for BcartError {
    fn into_response(self) -> Response {
        let body = json!({
            "errors": [uncertain::error_entry(self.code, &self.message, self.field.as_deref())]
        });
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}
