//! ショップサーブ's error answer (shape guessed in [`super::uncertain`]):
//! `{"result":"error","errors":[{"code","message"}]}` with a non-2xx status, written in the
//! instance's codec and charset ([`ShopserveError::response`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::uncertain::{self as u, codes as c};
use super::wire::{self, Charset, Codec};

/// One ショップサーブ error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub struct ShopserveError {
    /// HTTP status.
    pub status: StatusCode,
    /// Error code.
    pub code: &'static str,
    /// Japanese message.
    pub message: &'static str,
    /// `Retry-After` seconds (maintenance with a known end).
    pub retry_after: Option<i64>,
}

impl ShopserveError {
    /// An error with that status, code and message.
    pub const fn new(status: StatusCode, code: &'static str, message: &'static str) -> Self {
        Self {
            status,
            code,
            message,
            retry_after: None,
        }
    }

    /// Bad parameter.
    pub const fn bad_param() -> Self {
        Self::new(u::STATUS_BAD_REQUEST, c::BAD_PARAM, c::M_BAD_PARAM)
    }

    /// Bad shop id / key.
    pub const fn unauthorized() -> Self {
        Self::new(u::STATUS_UNAUTHORIZED, c::UNAUTHORIZED, c::M_UNAUTHORIZED)
    }

    /// Unknown order.
    pub const fn not_found() -> Self {
        Self::new(u::STATUS_NOT_FOUND, c::NOT_FOUND, c::M_NOT_FOUND)
    }

    /// Maintenance, with the seconds left when known.
    pub fn maintenance(retry_after: Option<i64>) -> Self {
        let mut e = Self::new(u::STATUS_MAINTENANCE, c::MAINTENANCE, c::M_MAINTENANCE);
        e.retry_after = retry_after.map(|s| s.max(1));
        e
    }
}

impl ShopserveError {
    /// The error body as JSON: `{"result":"error","errors":[{"code","message"}]}`.
    pub fn body(&self) -> Value {
        json!({
            "result": "error",
            "errors": [{ "code": self.code, "message": self.message }],
        })
    }

    /// The answer in `codec` and `charset` (status, `Content-Type`, `Retry-After`).
    pub fn response(&self, codec: Codec, charset: Charset) -> Response {
        let mut r = wire::respond(self.status, codec, charset, &self.body());
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        r
    }
}

/// The answer in the default codec and charset (JSON, UTF-8); the fake's handlers use
/// [`ShopserveError::response`] with the instance's.
impl IntoResponse for ShopserveError {
    fn into_response(self) -> Response {
        self.response(Codec::default(), Charset::default())
    }
}
