//! `GET /api/v1/orders` (date window ≤ 7 days, ≤ 2 years back, status filters, pages),
//! `GET /api/v1/orders/{order_no}`, `GET /api/v1/carriers` (paths: [`super::uncertain`]).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::{json, Value};

use super::auth::gate;
use super::errors::ShopserveError;
use super::model::Order;
use super::state::Shared;
use super::uncertain::{self as u, codes as c};
use super::wire::{self, Charset, Codec};

/// `f`'s success (200) or error answer in `format` (the instance's codec and charset, read
/// when the request came in).
pub(crate) fn answer(
    format: (Codec, Charset),
    f: impl FnOnce() -> Result<Value, ShopserveError>,
) -> Response {
    let (codec, charset) = format;
    match f() {
        Ok(body) => wire::respond(StatusCode::OK, codec, charset, &body),
        Err(e) => e.response(codec, charset),
    }
}

/// [`u::TIME_FORMAT`] in JST.
pub fn parse_time(v: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(v.trim(), u::TIME_FORMAT).ok()?;
    u::offset()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// An instant as [`u::TIME_FORMAT`] in JST.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&u::offset())
        .format(u::TIME_FORMAT)
        .to_string()
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

fn number(pairs: &[(String, String)], name: &str, default: usize) -> Result<usize, ShopserveError> {
    match param(pairs, name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| ShopserveError::bad_param()),
    }
}

fn label_filter<'a>(
    pairs: &'a [(String, String)],
    name: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, ShopserveError> {
    match param(pairs, name) {
        Some(v) if !allowed.contains(&v) => Err(ShopserveError::bad_param()),
        other => Ok(other),
    }
}

/// `GET /api/v1/orders?from=…&to=…[&shipping_status=…][&confirm_status=…][&order_status=…]
/// [&payment_status=…][&page=1][&limit=100]`.
pub async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    answer(shared.format(), || {
        gate(&shared, &headers)?;
        let q: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
            .map_err(|_| ShopserveError::bad_param())?;
        let from = param(&q, "from")
            .and_then(parse_time)
            .ok_or_else(ShopserveError::bad_param)?;
        let to = param(&q, "to")
            .and_then(parse_time)
            .ok_or_else(ShopserveError::bad_param)?;
        if to < from {
            return Err(ShopserveError::bad_param());
        }
        if to - from > u::max_window() {
            return Err(ShopserveError::new(
                u::STATUS_BAD_REQUEST,
                c::RANGE_TOO_LONG,
                c::M_RANGE_TOO_LONG,
            ));
        }
        if from < shared.now() - u::max_age() {
            return Err(ShopserveError::new(
                u::STATUS_BAD_REQUEST,
                c::RANGE_TOO_OLD,
                c::M_RANGE_TOO_OLD,
            ));
        }
        let shipping = label_filter(&q, "shipping_status", u::SHIPPING_STATUSES)?;
        let confirm = label_filter(&q, "confirm_status", u::CONFIRM_STATUSES)?;
        let status = label_filter(&q, "order_status", u::ORDER_STATUSES)?;
        let payment = label_filter(&q, "payment_status", u::PAYMENT_STATUSES)?;
        let page = number(&q, "page", 1)?;
        let limit = number(&q, "limit", u::MAX_LIMIT)?;
        if page == 0 || limit == 0 || limit > u::MAX_LIMIT {
            return Err(ShopserveError::bad_param());
        }
        let inner = shared.lock();
        let mut orders: Vec<(DateTime<Utc>, &Order)> = inner
            .orders
            .values()
            .filter_map(|o| parse_time(&o.order_date).map(|t| (t, o)))
            .filter(|(t, _)| *t >= from && *t <= to)
            .filter(|(_, o)| shipping.is_none_or(|s| o.shipping_status == s))
            .filter(|(_, o)| confirm.is_none_or(|s| o.confirm_status == s))
            .filter(|(_, o)| status.is_none_or(|s| o.order_status == s))
            .filter(|(_, o)| payment.is_none_or(|s| o.payment_status == s))
            .collect();
        orders.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.order_no.cmp(&b.1.order_no)));
        if !u::ASCENDING {
            orders.reverse();
        }
        let total = orders.len();
        let rows: Vec<&Order> = orders
            .into_iter()
            .skip((page - 1).saturating_mul(limit))
            .take(limit)
            .map(|(_, o)| o)
            .collect();
        Ok(json!({
            "result": "ok",
            "total_count": total,
            "page": page,
            "limit": limit,
            "orders": rows,
        }))
    })
}

/// `GET /api/v1/orders/{order_no}`.
pub async fn detail(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(order_no): Path<String>,
) -> Response {
    answer(shared.format(), || {
        gate(&shared, &headers)?;
        let inner = shared.lock();
        let o = inner
            .orders
            .get(&order_no)
            .ok_or_else(ShopserveError::not_found)?;
        Ok(json!({ "result": "ok", "order": o }))
    })
}

/// `GET /api/v1/carriers`.
pub async fn carriers(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    answer(shared.format(), || {
        gate(&shared, &headers)?;
        let list: Vec<Value> = u::CARRIERS
            .iter()
            .map(|(code, name)| json!({ "carrier_code": code, "carrier_name": name }))
            .collect();
        Ok(json!({ "result": "ok", "carriers": list }))
    })
}

/// Unknown path.
pub async fn not_found(State(shared): State<Arc<Shared>>) -> Response {
    answer(shared.format(), || {
        Err(ShopserveError::new(
            u::STATUS_NOT_FOUND,
            c::BAD_PARAM,
            c::M_BAD_PARAM,
        ))
    })
}
