//! `POST /api/v1/orders/update`: 伝票番号 (お問合せ番号), 配送会社, 出荷日, 着荷日, 入金日 and the
//! 注文 / 発送 / 入金 / 確認 statuses, in batches with one result per row.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::auth::gate;
use super::errors::ShopserveError;
use super::model::Order;
use super::orders::{answer, format_time};
use super::state::Shared;
use super::uncertain::{self as u, codes as c};
use super::wire;

type RowError = (&'static str, &'static str);

fn bad() -> RowError {
    (c::BAD_VALUE, c::M_BAD_PARAM)
}

fn text(row: &Map<String, Value>, key: &str) -> Result<Option<String>, RowError> {
    match row.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(bad()),
    }
}

fn date(row: &Map<String, Value>, key: &str) -> Result<Option<Option<String>>, RowError> {
    match text(row, key)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(Some(None)),
        Some(s) => NaiveDate::parse_from_str(&s, u::DATE_FORMAT)
            .map(|d| Some(Some(d.format(u::DATE_FORMAT).to_string())))
            .map_err(|_| bad()),
    }
}

fn label(
    row: &Map<String, Value>,
    key: &str,
    allowed: &[&str],
) -> Result<Option<String>, RowError> {
    match text(row, key)? {
        Some(s) if !allowed.contains(&s.as_str()) => Err(bad()),
        other => Ok(other),
    }
}

/// Applies one row to a copy of the order; the copy is kept only when every check passes.
fn apply(order: &Order, row: &Map<String, Value>, now: &str) -> Result<Order, RowError> {
    let mut o = order.clone();
    let delivery_no = match row.get("delivery_no") {
        None | Some(Value::Null) => 1,
        Some(v) => v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .ok_or_else(bad)?,
    };
    let tracking = text(row, "tracking_no")?;
    let carrier = text(row, "carrier_code")?;
    let ship_date = date(row, "ship_date")?;
    let arrival_date = date(row, "arrival_date")?;
    let payment_date = date(row, "payment_date")?;
    let order_status = label(row, "order_status", u::ORDER_STATUSES)?;
    let shipping_status = label(row, "shipping_status", u::SHIPPING_STATUSES)?;
    let payment_status = label(row, "payment_status", u::PAYMENT_STATUSES)?;
    let confirm_status = label(row, "confirm_status", u::CONFIRM_STATUSES)?;

    let d = o
        .deliveries
        .iter_mut()
        .find(|d| d.delivery_no == delivery_no)
        .ok_or((c::NOT_FOUND, c::M_NOT_FOUND))?;
    if let Some(t) = &tracking {
        if t.is_empty() {
            d.tracking_no = None;
        } else if u::tracking_no_valid(t) {
            d.tracking_no = Some(t.clone());
        } else {
            return Err(bad());
        }
    }
    if let Some(cc) = carrier.filter(|s| !s.is_empty()) {
        if !u::CARRIERS.iter().any(|(code, _)| *code == cc) {
            return Err(bad());
        }
        if d.tracking_no.is_none() {
            return Err((c::CARRIER_WITHOUT_TRACKING, c::M_CARRIER_WITHOUT_TRACKING));
        }
        d.carrier_code = Some(cc);
    }
    if let Some(v) = ship_date {
        d.ship_date = v;
    }
    if let Some(v) = arrival_date {
        d.arrival_date = v;
    }
    if let Some(v) = payment_date {
        o.payment_date = v;
    }
    if let Some(s) = shipping_status {
        if s == "発送済"
            && u::SHIPPED_NEEDS_TRACKING
            && o.deliveries.iter().any(|d| d.tracking_no.is_none())
        {
            return Err((c::SHIPPED_WITHOUT_TRACKING, c::M_SHIPPED_WITHOUT_TRACKING));
        }
        o.shipping_status = s;
    }
    if let Some(s) = confirm_status {
        if s == "未確認" && o.confirm_status == "確認済" && !u::CONFIRM_MAY_GO_BACK {
            return Err(bad());
        }
        o.confirm_status = s;
    }
    if let Some(s) = order_status {
        o.order_status = s;
    }
    if let Some(s) = payment_status {
        o.payment_status = s;
    }
    if o != *order {
        o.updated_at = now.to_string();
    }
    Ok(o)
}

/// `POST /api/v1/orders/update` with `{"orders":[{"order_no", "delivery_no"?, "tracking_no"?,
/// "carrier_code"?, "ship_date"?, "arrival_date"?, "payment_date"?, "order_status"?,
/// "shipping_status"?, "payment_status"?, "confirm_status"?}]}` → 200 with
/// `{"result":"ok","results":[{"order_no","result":"ok"|"error","errors"?}]}`. The body is
/// in the instance's codec (XML: `<request><orders><item><order_no>…</order_no>…</item>
/// </orders></request>`, values as text) and in the `Content-Type`'s `charset=` or else the
/// instance's charset.
pub async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let format = shared.format();
    answer(format, || {
        gate(&shared, &headers)?;
        let (codec, charset) = format;
        let charset =
            wire::request_charset(&headers, charset).map_err(|_| ShopserveError::bad_param())?;
        let value = wire::decode_body(codec, charset, Some(u::XML_ROOT_REQUEST), &body)
            .map_err(|_| ShopserveError::bad_param())?;
        let rows = value
            .get("orders")
            .and_then(Value::as_array)
            .filter(|r| !r.is_empty() && r.len() <= u::MAX_UPDATE_ROWS)
            .ok_or_else(ShopserveError::bad_param)?;
        let now = format_time(shared.now());
        let mut inner = shared.lock();
        let mut results = Vec::new();
        for row in rows {
            let no = row.get("order_no").and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            let outcome = match (&no, row.as_object()) {
                (Some(no), Some(map)) => match inner.orders.get(no) {
                    None => Err((c::NOT_FOUND, c::M_NOT_FOUND)),
                    Some(order) => apply(order, map, &now),
                },
                _ => Err(bad()),
            };
            let no_value = no.clone().map(Value::String).unwrap_or(Value::Null);
            match outcome {
                Ok(order) => {
                    inner.orders.insert(order.order_no.clone(), order);
                    results.push(json!({ "order_no": no_value, "result": "ok" }));
                }
                Err((code, message)) => results.push(json!({
                    "order_no": no_value,
                    "result": "error",
                    "errors": [{ "code": code, "message": message }],
                })),
            }
        }
        Ok(json!({ "result": "ok", "results": results }))
    })
}
