//! MakeShop's error answers: GraphQL `errors[]` with HTTP 200 for auth, rate limit, bad body
//! and introspection (makeshop.md 1b), and the gateway's 413 for oversized requests.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// HTTP `status` with a JSON body.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

/// HTTP 200 `{"data":null,"errors":[{"message","extensions":{"code"}}]}`.
pub fn graphql_error(message: &str, code: &str) -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "data": null,
            "errors": [{ "message": message, "extensions": { "code": code } }],
        }),
    )
}

/// A `(message, code)` pair from `uncertain` as a GraphQL error answer.
pub fn from_pair(pair: (&str, &str)) -> Response {
    graphql_error(pair.0, pair.1)
}
