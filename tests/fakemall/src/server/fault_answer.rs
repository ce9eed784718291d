//! The answers a transport fault gives instead of (or made from) the mall's own. (A hang is
//! handled by the layer.)

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{html_page, MAX_BODY};

/// A bare status with its reason phrase as plain text.
pub(super) fn status(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        status.canonical_reason().unwrap_or("Error").to_string(),
    )
        .into_response()
}

/// 200, `Content-Type: application/json`, and a body cut off in the middle of an object.
pub(super) fn malformed_json() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        "{\"orders\":[{\"unique_key\":\"7A3F\",\"ordered\":17",
    )
        .into_response()
}

/// The HTML error page a proxy or load balancer sends.
pub(super) fn html_error(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let reason = status.canonical_reason().unwrap_or("Error");
    html_page(
        status,
        &format!("{} {reason}", status.as_u16()),
        "The server is temporarily unable to service your request.",
    )
}

/// Keeps status and headers, announces the full length, sends half the body, then fails the
/// stream so the server drops the connection.
pub(super) async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let full = axum::body::to_bytes(body, MAX_BODY)
        .await
        .unwrap_or_default();
    let half = Bytes::copy_from_slice(&full[..full.len() / 2]);
    if let Ok(v) = HeaderValue::from_str(&full.len().max(2).to_string()) {
        parts.headers.insert(header::CONTENT_LENGTH, v);
    }
    // So that the client does not put the broken connection back into its pool.
    parts
        .headers
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    let first = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(half) });
    // The pause lets the server flush the status line, headers and first half before it
    // learns that the body failed and drops the connection.
    let fail = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "fakemall: truncated body",
        ))
    });
    let chunks = futures_util::StreamExt::chain(first, fail);
    Response::from_parts(parts, Body::from_stream(chunks))
}
