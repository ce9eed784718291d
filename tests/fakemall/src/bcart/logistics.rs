//! `GET /api/v1/logistics?id=…`, `GET|PATCH /api/v1/logistics/{id}`, `GET /api/v1/shipping_groups`
//! (bcart.md §B4), and the answers for unknown paths and methods.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde_json::{json, Value};

use super::common::{
    answer, authenticate, id_filter, list_answer, page, paging, parse_body, parse_query,
};
use super::errors::BcartError;
use super::state::Shared;
use super::uncertain;

/// `GET /logistics` (filter `id`, one or several).
pub async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "logistics-read")?;
        let q = parse_query(query.as_deref())?;
        let (limit, offset) = paging(&q)?;
        let ids = id_filter(&q, "id")?;
        let inner = shared.lock();
        let rows: Vec<Value> = inner
            .logistics
            .values()
            .filter(|l| ids.as_ref().is_none_or(|v| v.contains(&l.id)))
            .map(|l| serde_json::to_value(l).unwrap_or_default())
            .collect();
        let total = rows.len();
        Ok(list_answer("logistics", total, page(rows, limit, offset)))
    })())
}

fn parse_id(raw: &str) -> Result<i64, BcartError> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| BcartError::not_found())
}

/// `GET /logistics/{id}` → `{"logistic":{…}}`.
pub async fn detail(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "logistics-read")?;
        let id = parse_id(&id)?;
        let inner = shared.lock();
        let l = inner.logistics.get(&id).ok_or_else(BcartError::not_found)?;
        Ok(axum::Json(json!({ "logistic": l })).into_response())
    })())
}

fn date_field(field: &str, value: Option<String>) -> Result<Option<String>, BcartError> {
    match value.filter(|v| !v.trim().is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| BcartError::invalid(field, "日付はYYYY-MM-DD形式で指定してください。")),
    }
}

/// `PATCH /logistics/{id}`, JSON or form: `delivery_code`, `shipment_date`, `status`,
/// `arrival_date`, `due_date`, `due_time`, `memo`, `shipping_group_id`.
pub async fn patch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "logistics-write")?;
        let id = parse_id(&id)?;
        let fields = parse_body(&headers, &body)?;
        let mut inner = shared.lock();
        let current = inner
            .logistics
            .get(&id)
            .cloned()
            .ok_or_else(BcartError::not_found)?;
        let group_ids: Vec<i64> = inner.shipping_groups.iter().map(|g| g.id).collect();
        let mut next = current.clone();
        for (k, v) in fields {
            match k.as_str() {
                "delivery_code" => {
                    let v = v.filter(|s| !s.trim().is_empty());
                    if v.as_ref().is_some_and(|s| {
                        s.chars().count() > uncertain::DELIVERY_CODE_MAX_CHARS
                            || s.chars().any(char::is_control)
                    }) {
                        return Err(BcartError::invalid(
                            "delivery_code",
                            "送り状番号が不正です。",
                        ));
                    }
                    next.delivery_code = v.map(|s| s.trim().to_string());
                }
                "shipment_date" => next.shipment_date = date_field(&k, v)?,
                "arrival_date" => next.arrival_date = date_field(&k, v)?,
                "due_date" => next.due_date = date_field(&k, v)?,
                "due_time" => next.due_time = v.filter(|s| !s.is_empty()),
                "memo" => next.memo = v.filter(|s| !s.is_empty()),
                "status" => {
                    let s = v.unwrap_or_default();
                    let Some(pos) = uncertain::LOGISTICS_STATUSES.iter().position(|x| *x == s)
                    else {
                        return Err(BcartError::invalid(
                            "status",
                            "発送ステータスは未発送・発送指示・発送済のいずれかを指定してください。",
                        ));
                    };
                    let before = uncertain::LOGISTICS_STATUSES
                        .iter()
                        .position(|x| *x == current.status)
                        .unwrap_or(0);
                    if pos < before && !uncertain::LOGISTICS_STATUS_MAY_GO_BACK {
                        return Err(BcartError::invalid(
                            "status",
                            "発送ステータスを戻すことはできません。",
                        ));
                    }
                    next.status = s;
                }
                "shipping_group_id" => {
                    let g = v
                        .as_deref()
                        .and_then(|s| s.trim().parse::<i64>().ok())
                        .filter(|g| group_ids.contains(g))
                        .ok_or_else(|| {
                            BcartError::invalid("shipping_group_id", "配送グループが存在しません。")
                        })?;
                    next.shipping_group_id = Some(g);
                }
                _ if uncertain::UNKNOWN_FIELDS_IGNORED => {}
                _ => return Err(BcartError::invalid(&k, uncertain::messages::INVALID_BODY)),
            }
        }
        inner.logistics.insert(id, next.clone());
        Ok(axum::Json(json!({ "logistic": next })).into_response())
    })())
}

/// `GET /shipping_groups` (shape UNCERTAIN).
pub async fn shipping_groups(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "shipping_groups-read")?;
        let inner = shared.lock();
        let rows: Vec<Value> = inner
            .shipping_groups
            .iter()
            .map(|g| serde_json::to_value(g).unwrap_or_default())
            .collect();
        let total = rows.len();
        Ok(list_answer("shipping_groups", total, rows))
    })())
}

/// Unknown path: 404 in the errors shape.
pub async fn not_found() -> Response {
    BcartError::not_found().into_response()
}

/// Known path, wrong method: 405 in the errors shape.
pub async fn method_not_allowed() -> Response {
    BcartError::method_not_allowed().into_response()
}
