//! What every Bカート endpoint does first (bearer token, scope, the 300/300 s counter) and the
//! hand-written parsing of query strings and PATCH bodies.

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::{json, Map, Value};

use super::errors::BcartError;
use super::state::Shared;
use super::uncertain;
use crate::rate_limit::Verdict;

/// A handler's result.
pub(crate) type Answer = Result<Response, BcartError>;

pub(crate) fn answer(a: Answer) -> Response {
    a.unwrap_or_else(IntoResponse::into_response)
}

/// Bearer token, its expiry and scope, then the shop's call counter.
pub(crate) fn authenticate(
    shared: &Shared,
    headers: &HeaderMap,
    scope: &str,
) -> Result<(), BcartError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(BcartError::unauthenticated)?;
    let now = shared.now();
    let key = {
        let inner = shared.lock();
        let t = inner
            .tokens
            .get(&token)
            .ok_or_else(BcartError::unauthenticated)?;
        if t.revoked {
            return Err(BcartError::unauthenticated());
        }
        if now >= t.expires_at || shared.ctx.faults.credentials_expired() {
            return Err(BcartError::token_expired());
        }
        if !t.scopes.iter().any(|s| s == scope) {
            return Err(BcartError::forbidden(scope));
        }
        if uncertain::RATE_LIMIT_PER_SHOP {
            inner.shop_id.clone()
        } else {
            token
        }
    };
    count(shared, &key)
}

/// Counts one call of `key`; the over-the-limit answer carries `Retry-After`.
pub(crate) fn count(shared: &Shared, key: &str) -> Result<(), BcartError> {
    if shared.ctx.faults.rate_limit_forced() {
        return Err(BcartError::too_many_requests(300));
    }
    match shared.limiter.check(key, shared.now()) {
        Verdict::Allowed { .. } => Ok(()),
        Verdict::Limited { retry_after } => {
            // Round up: a client waiting `Retry-After` seconds must be let in.
            let ms = retry_after.num_milliseconds().max(0);
            Err(BcartError::too_many_requests((ms + 999) / 1000))
        }
    }
}

/// Query pairs, in order.
pub(crate) fn parse_query(query: Option<&str>) -> Result<Vec<(String, String)>, BcartError> {
    serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|_| BcartError::bad_param(""))
}

/// The first non-empty value of `name`.
pub(crate) fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

/// Every id of `name` (repeated and/or comma-separated); `None` when the filter is absent.
pub(crate) fn id_filter(
    pairs: &[(String, String)],
    name: &str,
) -> Result<Option<Vec<i64>>, BcartError> {
    let values: Vec<&str> = pairs
        .iter()
        .filter(|(k, v)| (k == name || k == &format!("{name}[]")) && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .collect();
    if values.is_empty() {
        return Ok(None);
    }
    let many = values.len() > 1 || values.iter().any(|v| v.contains(','));
    if many && !uncertain::ID_LISTS_ACCEPTED {
        return Err(BcartError::bad_param(name));
    }
    let mut ids = Vec::new();
    for v in values {
        for part in v.split(',') {
            ids.push(
                part.trim()
                    .parse::<i64>()
                    .map_err(|_| BcartError::bad_param(name))?,
            );
        }
    }
    Ok(Some(ids))
}

/// `limit` (1..=100) and `offset` (≥ 0).
pub(crate) fn paging(pairs: &[(String, String)]) -> Result<(usize, usize), BcartError> {
    let mut limit = match param(pairs, "limit") {
        None => uncertain::DEFAULT_LIMIT,
        Some(v) => v
            .trim()
            .parse::<usize>()
            .map_err(|_| BcartError::bad_param("limit"))?,
    };
    if limit > 100 {
        if uncertain::LIMIT_OVER_MAX_IS_ERROR {
            return Err(BcartError::bad_param("limit"));
        }
        limit = 100;
    }
    if limit == 0 {
        return Err(BcartError::bad_param("limit"));
    }
    let offset = match param(pairs, "offset") {
        None => 0,
        Some(v) => v
            .trim()
            .parse::<usize>()
            .map_err(|_| BcartError::bad_param("offset"))?,
    };
    Ok((limit, offset))
}

/// `YYYY-MM-DD HH:MM:SS` in JST.
pub(crate) fn parse_naive_time(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    uncertain::naive_time_offset()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// `YYYY-MM-DD HH:MM:SS` (JST) of an instant.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&uncertain::naive_time_offset())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// A list answer: `{"<key>":[…]}` plus `meta.total` (UNCERTAIN).
pub(crate) fn list_answer(key: &str, total: usize, rows: Vec<Value>) -> Response {
    let mut body = Map::new();
    body.insert(key.to_string(), Value::Array(rows));
    if uncertain::LIST_HAS_META_TOTAL {
        body.insert("meta".to_string(), json!({ "total": total }));
    }
    axum::Json(Value::Object(body)).into_response()
}

/// Applies limit/offset.
pub(crate) fn page<T>(rows: Vec<T>, limit: usize, offset: usize) -> Vec<T> {
    rows.into_iter().skip(offset).take(limit).collect()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

/// A PATCH body, JSON or form-encoded (bcart.md §B4: both work), as field → value (`None`
/// for JSON `null`). Numbers and booleans become their text.
pub(crate) fn parse_body(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<(String, Option<String>)>, BcartError> {
    let invalid = || BcartError::invalid("", uncertain::messages::INVALID_BODY);
    let looks_json = body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if is_json(headers) || looks_json {
        let value: Value = serde_json::from_slice(body).map_err(|_| invalid())?;
        let Value::Object(map) = value else {
            return Err(invalid());
        };
        map.into_iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::Null => None,
                    Value::String(s) => Some(s),
                    Value::Number(n) => Some(n.to_string()),
                    Value::Bool(b) => Some(if b { "1" } else { "0" }.to_string()),
                    _ => return Err(BcartError::invalid(&k, uncertain::messages::INVALID_BODY)),
                };
                Ok((k, text))
            })
            .collect()
    } else {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|_| invalid())?;
        Ok(pairs.into_iter().map(|(k, v)| (k, Some(v))).collect())
    }
}
