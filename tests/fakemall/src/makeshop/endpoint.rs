//! `POST /v1/graphql`: size check, the three auth headers, the 1 req/s limit, the JSON body,
//! the introspection ban, then the GraphQL executor (makeshop.md 1b).

use std::sync::Arc;

use async_graphql::parser::types::{Selection, SelectionSet};
use async_graphql::parser::Positioned;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use chrono::DateTime;
use serde_json::json;

use super::errors::{from_pair, graphql_error, json_response};
use super::graphql::MakeshopSchema;
use super::state::Shared;
use super::uncertain;
use crate::rate_limit::Verdict;

/// What the route holds.
#[derive(Clone)]
pub struct App {
    /// The truth.
    pub shared: Arc<Shared>,
    /// The executor.
    pub schema: MakeshopSchema,
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Checks `authorization: Bearer <PAT>`, `x-api-key`, `x-timestamp`; returns the API key.
fn authenticate(
    shared: &Shared,
    headers: &HeaderMap,
) -> Result<String, (&'static str, &'static str)> {
    let token = header_str(headers, header::AUTHORIZATION.as_str())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string())
        .ok_or(uncertain::auth::BAD_TOKEN)?;
    let api_key = header_str(headers, "x-api-key").ok_or(uncertain::auth::BAD_API_KEY)?;
    let stamp = header_str(headers, "x-timestamp")
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or(uncertain::auth::BAD_TIMESTAMP)?;
    let now = shared.now();
    if now - stamp > uncertain::timestamp_max_age() || stamp - now > uncertain::timestamp_max_skew()
    {
        return Err(uncertain::auth::BAD_TIMESTAMP);
    }
    let inner = shared.lock();
    if token != inner.credentials.access_token {
        return Err(uncertain::auth::BAD_TOKEN);
    }
    if api_key != inner.credentials.api_key {
        return Err(uncertain::auth::BAD_API_KEY);
    }
    if inner.revoked || shared.ctx.faults.credentials_expired() {
        return Err(uncertain::auth::REVOKED);
    }
    Ok(api_key.to_string())
}

fn selects_introspection(set: &Positioned<SelectionSet>) -> bool {
    set.node.items.iter().any(|item| match &item.node {
        Selection::Field(f) => {
            let name = f.node.name.node.as_str();
            name == "__schema" || name == "__type" || selects_introspection(&f.node.selection_set)
        }
        Selection::InlineFragment(i) => selects_introspection(&i.node.selection_set),
        // Fragment definitions are checked on their own below.
        Selection::FragmentSpread(_) => false,
    })
}

/// Does the query ask for `__schema` or `__type` anywhere?
pub fn is_introspection(query: &str) -> bool {
    let Ok(doc) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    doc.operations
        .iter()
        .any(|(_, op)| selects_introspection(&op.node.selection_set))
        || doc
            .fragments
            .values()
            .any(|f| selects_introspection(&f.node.selection_set))
}

/// `POST /v1/graphql`.
pub async fn graphql(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let shared = &app.shared;
    if body.len() > uncertain::MAX_REQUEST_BYTES {
        return json_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            &json!({ "message": uncertain::TOO_LARGE_MESSAGE }),
        );
    }
    let api_key = match authenticate(shared, &headers) {
        Ok(k) => k,
        Err(pair) => return from_pair(pair),
    };
    if shared.ctx.faults.rate_limit_forced() {
        return graphql_error(uncertain::RATE_LIMIT_MESSAGE, uncertain::RATE_LIMIT_CODE);
    }
    if let Verdict::Limited { .. } = shared.limiter.check(&api_key, shared.now()) {
        return graphql_error(uncertain::RATE_LIMIT_MESSAGE, uncertain::RATE_LIMIT_CODE);
    }
    let request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(_) => return from_pair(uncertain::BAD_BODY),
    };
    if is_introspection(&request.query) {
        return from_pair(uncertain::INTROSPECTION);
    }
    let response = app.schema.execute(request).await;
    match serde_json::to_value(&response) {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(_) => from_pair(uncertain::BAD_BODY),
    }
}
