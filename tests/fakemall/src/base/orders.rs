//! `GET /1/orders`, `GET /1/orders/detail/{unique_key}`, `POST /1/orders/edit_status`,
//! `GET /1/delivery_companies` (base.md §2, §3).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::json;

use super::errors::BaseError;
use super::model::{Order, OrderSummary};
use super::state::Shared;
use super::uncertain::{self, descriptions as d};
use crate::rate_limit::Verdict;

type Answer = Result<Response, BaseError>;

fn answer(a: Answer) -> Response {
    a.unwrap_or_else(IntoResponse::into_response)
}

/// Bearer check, scope check, then the hourly and daily call counters. Returns the user.
pub(crate) fn authenticate(
    shared: &Shared,
    headers: &HeaderMap,
    scope: Option<&str>,
) -> Result<String, BaseError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string())
        .ok_or(BaseError::invalid_token())?;
    let now = shared.now();
    let user = {
        let inner = shared.lock();
        let t = inner.access.get(&token).ok_or(BaseError::invalid_token())?;
        if now >= t.expires_at || shared.ctx.faults.credentials_expired() {
            return Err(BaseError::invalid_token());
        }
        if let Some(scope) = scope {
            if !t.scopes.iter().any(|s| s == scope) {
                return Err(BaseError::invalid_scope());
            }
        }
        t.user_id.clone()
    };
    if shared.ctx.faults.rate_limit_forced() {
        return Err(BaseError::hour_limit());
    }
    if let Verdict::Limited { .. } = shared.hour.check(&user, now) {
        return Err(BaseError::hour_limit());
    }
    if let Verdict::Limited { .. } = shared.day.check(&user, now) {
        return Err(BaseError::day_limit());
    }
    Ok(user)
}

fn parse_pairs(input: &[u8]) -> Result<Vec<(String, String)>, BaseError> {
    serde_urlencoded::from_bytes(input).map_err(|_| BaseError::bad_params())
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// `yyyy-mm-dd` or `yyyy-mm-dd hh:mm:ss`, JST; a date alone covers the whole day.
fn parse_bound(value: &str, end: bool) -> Result<DateTime<Utc>, BaseError> {
    let naive = if let Ok(dt) = NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S") {
        dt
    } else {
        let date =
            NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| BaseError::bad_params())?;
        let time = if end {
            date.and_hms_opt(23, 59, 59)
        } else {
            date.and_hms_opt(0, 0, 0)
        };
        time.ok_or(BaseError::bad_params())?
    };
    uncertain::naive_time_offset()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(BaseError::bad_params())
}

fn number(value: Option<&str>, default: i64) -> Result<i64, BaseError> {
    match value {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| BaseError::bad_params()),
    }
}

/// `GET /1/orders`: summaries, newest first, `limit` (≤100, default 20) and `offset`.
pub async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    answer(list_inner(
        &shared,
        &headers,
        query.unwrap_or_default().as_bytes(),
    ))
}

fn list_inner(shared: &Shared, headers: &HeaderMap, query: &[u8]) -> Answer {
    authenticate(shared, headers, Some("read_orders"))?;
    let q = parse_pairs(query)?;
    let mut limit = number(param(&q, "limit"), 20)?;
    let offset = number(param(&q, "offset"), 0)?;
    if limit > 100 {
        if uncertain::LIMIT_OVER_MAX_IS_ERROR {
            return Err(BaseError::bad_params());
        }
        limit = 100;
    }
    if limit < 1 || offset < 0 {
        return Err(BaseError::bad_params());
    }
    let start = param(&q, "start_ordered")
        .map(|v| parse_bound(v, false))
        .transpose()?;
    let end = param(&q, "end_ordered")
        .map(|v| parse_bound(v, true))
        .transpose()?;
    let inner = shared.lock();
    let mut orders: Vec<&Order> = inner
        .orders
        .values()
        .filter(|o| start.is_none_or(|s| o.ordered >= s.timestamp()))
        .filter(|o| end.is_none_or(|e| o.ordered <= e.timestamp()))
        .collect();
    orders.sort_by(|a, b| {
        b.ordered
            .cmp(&a.ordered)
            .then_with(|| b.unique_key.cmp(&a.unique_key))
    });
    let page: Vec<OrderSummary> = orders
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(100))
        .map(OrderSummary::from)
        .collect();
    Ok(axum::Json(json!({ "orders": page })).into_response())
}

/// `GET /1/orders/detail/{unique_key}`.
pub async fn detail(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    key: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    answer((|| {
        authenticate(&shared, &headers, Some("read_orders"))?;
        let Ok(Path(key)) = key else {
            return Err(BaseError::new("no_unique_key", d::NO_UNIQUE_KEY));
        };
        let inner = shared.lock();
        let order = inner.orders.get(&key).ok_or(BaseError::no_order())?;
        Ok(axum::Json(json!({ "order": order })).into_response())
    })())
}

/// `GET /1/orders/detail` without a key.
pub async fn detail_without_key(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    answer(
        authenticate(&shared, &headers, Some("read_orders"))
            .and_then(|_| Err(BaseError::new("no_unique_key", d::NO_UNIQUE_KEY))),
    )
}

/// `GET /1/delivery_companies`.
pub async fn delivery_companies(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    answer((|| {
        if uncertain::DELIVERY_COMPANIES_NEEDS_TOKEN {
            authenticate(&shared, &headers, None)?;
        }
        let list: Vec<_> = uncertain::DELIVERY_COMPANIES
            .iter()
            .map(|(id, name)| json!({ "delivery_company_id": id, "name": name }))
            .collect();
        Ok(axum::Json(json!({ "delivery_companies": list })).into_response())
    })())
}

/// `edit_status` with another method than POST.
pub async fn edit_status_not_post() -> Response {
    BaseError::new("not_post_method", d::NOT_POST).into_response()
}

/// `POST /1/orders/edit_status`, per `order_item_id`. Answers the full order.
pub async fn edit_status(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(edit_inner(&shared, &headers, &body))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

fn edit_inner(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    authenticate(shared, headers, Some("write_orders"))?;
    // JSON bodies are not read (base.md: "JSON bodies UNCERTAIN (assume unsupported)"), like a
    // PHP endpoint whose $_POST stays empty.
    let form = if is_json(headers) {
        Vec::new()
    } else {
        parse_pairs(body)?
    };
    if form.iter().all(|(_, v)| v.is_empty()) {
        return Err(BaseError::new("no_params", d::NO_PARAMS));
    }
    let item_id: i64 = param(&form, "order_item_id")
        .ok_or(BaseError::bad_params())?
        .trim()
        .parse()
        .map_err(|_| BaseError::bad_params())?;
    let status = param(&form, "status");
    let atobarai_status = param(&form, "atobarai_status");
    let add_comment = param(&form, "add_comment");
    let tracking_number = param(&form, "tracking_number");
    let company = param(&form, "delivery_company_id")
        .map(|v| v.trim().parse::<i64>().map_err(|_| BaseError::bad_params()))
        .transpose()?;
    if let Some(c) = company {
        if c != 0 && !uncertain::DELIVERY_COMPANIES.iter().any(|(id, _)| *id == c) {
            return Err(BaseError::bad_params());
        }
    }
    if tracking_number.is_some_and(|t| !t.chars().all(|c| c.is_ascii_alphanumeric())) {
        return Err(BaseError::bad_params());
    }
    if add_comment.is_some_and(|c| c.chars().count() > 250) {
        return Err(BaseError::bad_params());
    }
    if status.is_none() && atobarai_status.is_none() {
        return Err(BaseError::bad_params());
    }
    if status.is_some_and(|s| s != "dispatched" && s != "cancelled") {
        return Err(BaseError::bad_params());
    }
    if atobarai_status.is_some_and(|s| s != "shipping") {
        return Err(BaseError::bad_params());
    }

    let now = shared.now().timestamp();
    let mut inner = shared.lock();
    let order = inner
        .order_of_item_mut(item_id)
        .ok_or(BaseError::no_order())?;
    if order.dispatch_status == "unshippable" {
        return Err(BaseError::not_change_status());
    }

    if order.payment == "atobarai" {
        if status.is_some() {
            return Err(BaseError::new(
                "not_change_status_atobarai",
                d::NOT_CHANGE_ATOBARAI,
            ));
        }
        // atobarai_status=shipping needs the carrier and the tracking number; any one item
        // moves the whole order.
        if company.unwrap_or(0) == 0 || tracking_number.is_none() {
            return Err(BaseError::bad_params());
        }
        if order.dispatch_status != "ordered" {
            return Err(BaseError::not_change_status());
        }
        order.dispatch_status = "shipping".to_string();
        order.atobarai_payment_transaction.status = Some("shipping".to_string());
        order.delivery_company_id = company.unwrap_or(0);
        order.tracking_number = tracking_number.map(str::to_string);
        if let Some(c) = add_comment {
            order.add_comment = Some(c.to_string());
        }
        order.modified = now;
        return Ok(axum::Json(json!({ "order": order })).into_response());
    }
    if atobarai_status.is_some() {
        return Err(BaseError::bad_params());
    }
    let status = status.unwrap_or_default();
    let item_status = order
        .order_items
        .iter()
        .find(|i| i.order_item_id == item_id)
        .map(|i| i.status.clone())
        .unwrap_or_default();
    if status == "dispatched" {
        if order.hidden.yamato_kantan {
            return Err(BaseError::new(
                "not_change_status_YamatoDelivery",
                d::YAMATO_DELIVERY,
            ));
        }
        if order.payment == "cvs" && order.cvs_payment_transaction.status.as_deref() != Some("paid")
        {
            return Err(BaseError::new("not_change_status_cvs", d::NOT_PAID_CVS));
        }
        if order.payment == "base_bt"
            && order.bt_payment_transaction.status.as_deref() != Some("paid")
        {
            return Err(BaseError::new(
                "not_change_status_base_bt",
                d::NOT_PAID_BASE_BT,
            ));
        }
    } else if !uncertain::CANCELLABLE_PAYMENTS.contains(&order.payment.as_str()) {
        let code = uncertain::not_cancel_code(&order.payment);
        let description = if code == "not_change_status" {
            d::NOT_CHANGE_STATUS
        } else {
            d::NOT_CANCEL
        };
        return Err(BaseError::new(code, description));
    }
    if item_status != "ordered" || order.dispatch_status != "ordered" {
        return Err(BaseError::not_change_status());
    }

    for item in order
        .order_items
        .iter_mut()
        .filter(|i| i.order_item_id == item_id)
    {
        item.status = status.to_string();
        item.modified = now;
    }
    if status == "dispatched" {
        if let Some(c) = company {
            order.delivery_company_id = c;
        }
        if let Some(t) = tracking_number {
            order.tracking_number = Some(t.to_string());
        }
    }
    if let Some(c) = add_comment {
        order.add_comment = Some(c.to_string());
    }
    if order.order_items.iter().all(|i| i.status != "ordered") {
        let any_dispatched = order.order_items.iter().any(|i| i.status == "dispatched");
        let new_status = uncertain::order_status_when_items_done(any_dispatched);
        order.dispatch_status = new_status.to_string();
        if new_status == "dispatched" {
            order.dispatched = Some(now);
        } else {
            order.cancelled = Some(now);
        }
        order.terminated = uncertain::terminated(new_status);
    }
    order.modified = now;
    Ok(axum::Json(json!({ "order": order })).into_response())
}
