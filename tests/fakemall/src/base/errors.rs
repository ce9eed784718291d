//! BASE's error answer: HTTP 400 with `{"error":"<code>","error_description":"<Japanese>"}`
//! (base.md §3), for every API error including the rate limits.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::uncertain::descriptions as d;

/// One BASE error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {description}")]
pub struct BaseError {
    /// The `error` code.
    pub code: &'static str,
    /// The `error_description`.
    pub description: &'static str,
}

impl BaseError {
    /// An error with that code and description.
    pub const fn new(code: &'static str, description: &'static str) -> Self {
        Self { code, description }
    }

    /// `invalid_request` with that description.
    pub const fn invalid_request(description: &'static str) -> Self {
        Self::new("invalid_request", description)
    }

    /// Bad, unknown or expired access token.
    pub const fn invalid_token() -> Self {
        Self::invalid_request(d::INVALID_ACCESS_TOKEN)
    }

    /// `hour_api_limit`.
    pub const fn hour_limit() -> Self {
        Self::new("hour_api_limit", d::HOUR_API_LIMIT)
    }

    /// `day_api_limit`.
    pub const fn day_limit() -> Self {
        Self::new("day_api_limit", d::DAY_API_LIMIT)
    }

    /// `invalid_scope`.
    pub const fn invalid_scope() -> Self {
        Self::new("invalid_scope", d::INVALID_SCOPE)
    }

    /// `bad_params`.
    pub const fn bad_params() -> Self {
        Self::new("bad_params", d::BAD_PARAMS)
    }

    /// `not_change_status`.
    pub const fn not_change_status() -> Self {
        Self::new("not_change_status", d::NOT_CHANGE_STATUS)
    }

    /// `no_order`.
    pub const fn no_order() -> Self {
        Self::new("no_order", d::NO_ORDER)
    }
}

impl IntoResponse for BaseError {
    fn into_response(self) -> Response {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(serde_json::json!({
                "error": self.code,
                "error_description": self.description,
            })),
        )
            .into_response()
    }
}
