//! Qoo10's answers: HTTP 200 with `{"ResultCode","ResultMsg","ResultObject"}` for every outcome
//! (qoo10.md A1), and the gateway's `{"ErrorCode","ErrorMsg"}` for the few failures that never
//! reach a method (see [`super::uncertain::GATEWAY_ERROR_CODE`]).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::uncertain::{self, msgs};

/// One QAPI error, answered as the usual envelope (no `ResultObject`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {msg}")]
pub struct QapiError {
    /// `ResultCode` (negative).
    pub code: i64,
    /// `ResultMsg`.
    pub msg: &'static str,
}

impl QapiError {
    /// An error with that code and message.
    pub const fn new(code: i64, msg: &'static str) -> Self {
        Self { code, msg }
    }
    /// -10000: bad or missing key.
    pub const fn bad_key() -> Self {
        Self::new(-10000, msgs::BAD_KEY)
    }
    /// -10001: no such seller (or a wrong password).
    pub const fn no_seller() -> Self {
        Self::new(-10001, msgs::NO_SELLER)
    }
    /// -90001: API doesn't exist (also a non-seller key, or `null` sent as a value).
    pub const fn no_api() -> Self {
        Self::new(-90001, msgs::NO_API)
    }
    /// -90002: not authorized for this API.
    pub const fn not_authorized() -> Self {
        Self::new(-90002, msgs::NOT_AUTHORIZED)
    }
    /// -90004: the SAK is expired.
    pub const fn expired() -> Self {
        Self::new(uncertain::EXPIRED_CODE, uncertain::EXPIRED_MSG)
    }
    /// A bad or missing parameter.
    pub const fn bad_param() -> Self {
        Self::new(uncertain::BAD_PARAM_CODE, msgs::BAD_PARAM)
    }
    /// Unknown OrderNo.
    pub const fn no_order() -> Self {
        Self::new(uncertain::NO_ORDER_CODE, msgs::NO_ORDER)
    }
    /// Forced or exceeded rate limit.
    pub const fn rate_limited() -> Self {
        Self::new(uncertain::RATE_LIMIT_CODE, msgs::RATE_LIMIT)
    }
}

/// HTTP 200 with a JSON body.
pub fn json_200(body: Value) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

/// `{"ResultCode":0,"ResultMsg":msg,"ResultObject":object}`.
pub fn success(msg: &str, object: Value) -> Response {
    json_200(json!({ "ResultCode": 0, "ResultMsg": msg, "ResultObject": object }))
}

/// `{"ResultCode":0,"ResultMsg":"SUCCESS"}` (no ResultObject, as SetSendingInfo answers).
pub fn success_bare() -> Response {
    json_200(json!({ "ResultCode": 0, "ResultMsg": msgs::SUCCESS }))
}

/// The gateway's `{"ErrorCode","ErrorMsg"}`.
pub fn gateway_error(msg: &str) -> Response {
    json_200(json!({ "ErrorCode": uncertain::GATEWAY_ERROR_CODE, "ErrorMsg": msg }))
}

impl IntoResponse for QapiError {
    fn into_response(self) -> Response {
        json_200(json!({ "ResultCode": self.code, "ResultMsg": self.msg }))
    }
}
