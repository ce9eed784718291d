//! `GET /api/v1/orders`, `GET|PATCH /api/v1/orders/{id}`, `GET /api/v1/order_products`,
//! `GET /api/v1/order_statuses` (bcart.md §B3).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::common::{
    answer, authenticate, id_filter, list_answer, page, paging, param, parse_body,
    parse_naive_time, parse_query, Answer,
};
use super::errors::BcartError;
use super::model::Order;
use super::state::{Inner, Shared};
use super::uncertain;

/// An order as JSON, with `order_products` and `logistics` embedded when `complete`.
pub(crate) fn order_json(inner: &Inner, order: &Order, complete: bool) -> Value {
    let mut v = serde_json::to_value(order).unwrap_or_default();
    if let Value::Object(map) = &mut v {
        map.insert("status".into(), inner.status_as_shown(&order.status).into());
    }
    if complete {
        if let (Some(full), Value::Object(map)) = (inner.full(order.id), &mut v) {
            map.insert(
                "order_products".into(),
                serde_json::to_value(&full.order_products).unwrap_or_default(),
            );
            map.insert(
                "logistics".into(),
                serde_json::to_value(&full.logistics).unwrap_or_default(),
            );
        }
    }
    v
}

fn complete_flag(pairs: &[(String, String)]) -> bool {
    matches!(param(pairs, "complete"), Some("1") | Some("true"))
}

fn naive_of(order: &Order) -> Option<DateTime<Utc>> {
    parse_naive_time(&order.ordered_at)
}

/// `GET /orders`.
pub async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    answer(list_inner(&shared, &headers, query.as_deref()))
}

fn list_inner(shared: &Shared, headers: &HeaderMap, query: Option<&str>) -> Answer {
    authenticate(shared, headers, "orders-read")?;
    let q = parse_query(query)?;
    let (limit, offset) = paging(&q)?;
    let complete = complete_flag(&q);
    let ids = id_filter(&q, "id")?;
    let status = param(&q, "status");
    let mut bounds = Vec::new();
    for name in uncertain::ORDERED_AT_FILTERS {
        if let Some(v) = param(&q, name) {
            let t = parse_naive_time(v).ok_or_else(|| BcartError::bad_param(name))?;
            bounds.push((*name, t));
        }
    }
    let inner = shared.lock();
    let mut orders: Vec<&Order> = inner
        .orders
        .values()
        .filter(|o| ids.as_ref().is_none_or(|ids| ids.contains(&o.id)))
        .filter(|o| status.is_none_or(|s| inner.label_of(s).is_some_and(|l| o.status == l)))
        .filter(|o| {
            bounds.iter().all(|(name, t)| match naive_of(o) {
                None => false,
                Some(at) => match *name {
                    "ordered_at__gte" => at >= *t,
                    "ordered_at__lte" => at <= *t,
                    "ordered_at__gt" => at > *t,
                    _ => at < *t,
                },
            })
        })
        .collect();
    if !uncertain::LIST_ASCENDING_ID {
        orders.reverse();
    }
    let total = orders.len();
    let rows = page(orders, limit, offset)
        .into_iter()
        .map(|o| order_json(&inner, o, complete))
        .collect();
    Ok(list_answer("orders", total, rows))
}

fn parse_id(raw: &str) -> Result<i64, BcartError> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| BcartError::not_found())
}

/// `GET /orders/{id}`.
pub async fn detail(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "orders-read")?;
        let q = parse_query(query.as_deref())?;
        let id = parse_id(&id)?;
        let complete = uncertain::DETAIL_HONOURS_COMPLETE && complete_flag(&q);
        let inner = shared.lock();
        let order = inner.orders.get(&id).ok_or_else(BcartError::not_found)?;
        Ok(axum::Json(json!({ "order": order_json(&inner, order, complete) })).into_response())
    })())
}

/// `PATCH /orders/{id}`: `status` (a label of `/order_statuses` or its slot name), `memo`,
/// `admin_message`.
pub async fn patch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "orders-write")?;
        let id = parse_id(&id)?;
        let fields = parse_body(&headers, &body)?;
        let mut inner = shared.lock();
        if !inner.orders.contains_key(&id) {
            return Err(BcartError::not_found());
        }
        let mut fields = fields;
        for (k, v) in &mut fields {
            if k == "status" {
                match v.as_deref().and_then(|s| inner.label_of(s)) {
                    Some(label) => *v = Some(label),
                    None => {
                        return Err(BcartError::invalid(
                            "status",
                            "指定された受注ステータスは存在しません。",
                        ))
                    }
                }
            }
        }
        let order = inner
            .orders
            .get_mut(&id)
            .ok_or_else(BcartError::not_found)?;
        for (k, v) in fields {
            match k.as_str() {
                "status" => order.status = v.unwrap_or_default(),
                "memo" => order.memo = v.filter(|s| !s.is_empty()),
                "admin_message" => order.admin_message = v.filter(|s| !s.is_empty()),
                _ if uncertain::UNKNOWN_FIELDS_IGNORED => {}
                _ => return Err(BcartError::invalid(&k, uncertain::messages::INVALID_BODY)),
            }
        }
        let order = order.clone();
        Ok(axum::Json(json!({ "order": order_json(&inner, &order, false) })).into_response())
    })())
}

/// `GET /order_products?order_id=…` (also `id`, `logistics_id`).
pub async fn order_products(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "order_products-read")?;
        let q = parse_query(query.as_deref())?;
        let (limit, offset) = paging(&q)?;
        let order_ids = id_filter(&q, "order_id")?;
        let ids = id_filter(&q, "id")?;
        let logistics_ids = id_filter(&q, "logistics_id")?;
        let inner = shared.lock();
        let rows: Vec<Value> = inner
            .products
            .values()
            .filter(|p| order_ids.as_ref().is_none_or(|v| v.contains(&p.order_id)))
            .filter(|p| ids.as_ref().is_none_or(|v| v.contains(&p.id)))
            .filter(|p| {
                logistics_ids
                    .as_ref()
                    .is_none_or(|v| p.logistics_id.is_some_and(|l| v.contains(&l)))
            })
            .map(|p| serde_json::to_value(p).unwrap_or_default())
            .collect();
        let total = rows.len();
        Ok(list_answer(
            "order_products",
            total,
            page(rows, limit, offset),
        ))
    })())
}

/// `GET /order_statuses` (shape UNCERTAIN).
pub async fn order_statuses(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    answer((|| {
        authenticate(&shared, &headers, "order_statuses-read")?;
        let inner = shared.lock();
        let rows: Vec<Value> = inner
            .statuses
            .iter()
            .map(|s| serde_json::to_value(s).unwrap_or_default())
            .collect();
        let total = rows.len();
        Ok(list_answer("order_statuses", total, rows))
    })())
}
