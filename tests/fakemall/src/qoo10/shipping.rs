//! `ShippingBasic.GetShippingInfo_v2`, `SetSellerCheckYN_V2`, `SetSendingInfo` and their Bulk
//! variants (qoo10.md A2, A3).

use axum::response::Response;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::{json, Value};

use super::errors::{success, success_bare, QapiError};
use super::gateway::Params;
use super::seed::fmt_time;
use super::state::{Inner, Shared};
use super::uncertain::{self, msgs};
use crate::clock::jst;

type Answer = Result<Response, QapiError>;

/// `yyyyMMdd` (the whole day) or `yyyyMMddHHmmss`, JST.
fn parse_bound(value: &str, end: bool) -> Result<DateTime<Utc>, QapiError> {
    let v = value.trim();
    if !v.chars().all(|c| c.is_ascii_digit()) {
        return Err(QapiError::bad_param());
    }
    let naive = match v.len() {
        14 => {
            NaiveDateTime::parse_from_str(v, "%Y%m%d%H%M%S").map_err(|_| QapiError::bad_param())?
        }
        8 => {
            let d = NaiveDate::parse_from_str(v, "%Y%m%d").map_err(|_| QapiError::bad_param())?;
            let t = if end {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            };
            t.ok_or(QapiError::bad_param())?
        }
        _ => return Err(QapiError::bad_param()),
    };
    jst()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(QapiError::bad_param())
}

/// A row's `YYYY-MM-DD HH:MM:SS` (JST) date, `None` when unset or unreadable.
pub fn row_time(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    jst()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// `ShippingBasic.GetShippingInfo_v2`.
pub(crate) fn get_shipping_info(shared: &Shared, params: &Params, _now: DateTime<Utc>) -> Answer {
    let stat: Option<u8> = match params.get("ShippingStat") {
        Some(s) => {
            let n: u8 = s.parse().map_err(|_| QapiError::bad_param())?;
            if !(1..=5).contains(&n) {
                return Err(QapiError::bad_param());
            }
            Some(n)
        }
        None if uncertain::BLANK_STAT_MEANS_ALL => None,
        None => return Err(QapiError::bad_param()),
    };
    let condition: u8 = match params.get("search_condition") {
        Some(s) => s.parse().map_err(|_| QapiError::bad_param())?,
        None => uncertain::DEFAULT_SEARCH_CONDITION,
    };
    if !(1..=4).contains(&condition) {
        return Err(QapiError::bad_param());
    }
    let (start, end) = search_bounds(params)?;
    if uncertain::DATES_REQUIRED && (start.is_none() || end.is_none()) {
        return Err(QapiError::bad_param());
    }
    if let (Some(s), Some(e)) = (start, end) {
        if s > e {
            return Err(QapiError::bad_param());
        }
        if window_too_long(s, e) {
            return Err(period_too_long());
        }
    }
    let page: i64 = match params.get("Page") {
        Some(p) => p.parse().map_err(|_| QapiError::bad_param())?,
        None => 1,
    };
    if page > 1 {
        // qoo10.md A2 (observed): everything comes on page 1.
        return Ok(success(msgs::SUCCESS, json!([])));
    }
    let inner = shared.lock();
    let rows: Vec<Value> = inner
        .rows
        .values()
        .filter(|r| (1..=5).contains(&r.hidden.stat))
        .filter(|r| stat.is_none_or(|s| r.hidden.stat == s))
        .filter(|r| {
            let date = match condition {
                1 => &r.order_date,
                2 => &r.payment_date,
                3 => &r.shipping_date,
                _ => &r.delivered_date,
            };
            match row_time(date) {
                Some(t) => start.is_none_or(|s| t >= s) && end.is_none_or(|e| t <= e),
                None => false,
            }
        })
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect();
    Ok(rows_answer(rows, inner.mixed_number_types))
}

/// The answer to a row search: `null` when nothing matched (qoo10.md), the
/// number fields in production's mixed types when the fault is on.
fn rows_answer(rows: Vec<Value>, mixed_number_types: bool) -> Response {
    if rows.is_empty() && uncertain::EMPTY_SEARCH_IS_NULL {
        return success(msgs::SUCCESS, Value::Null);
    }
    let mut list = Value::Array(rows);
    if mixed_number_types {
        mix_number_types(&mut list);
    }
    success(msgs::SUCCESS, list)
}

/// A search's `search_Sdate` / `search_Edate`, each optional here.
type Bounds = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn search_bounds(params: &Params) -> Result<Bounds, QapiError> {
    let start = params
        .get("search_Sdate")
        .map(|v| parse_bound(v, false))
        .transpose()?;
    let end = params
        .get("search_Edate")
        .map(|v| parse_bound(v, true))
        .transpose()?;
    Ok((start, end))
}

/// More JST calendar days between the bounds than one search may span.
fn window_too_long(start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    let days = (end.with_timezone(&jst()).date_naive() - start.with_timezone(&jst()).date_naive())
        .num_days();
    days > uncertain::max_window().num_days()
}

fn period_too_long() -> QapiError {
    QapiError::new(uncertain::PERIOD_TOO_LONG_CODE, msgs::PERIOD_TOO_LONG)
}

/// Writes the number fields of each row in the types production answers mix.
fn mix_number_types(list: &mut Value) {
    if let Value::Array(rows) = list {
        for (i, row) in rows.iter_mut().enumerate() {
            if let Value::Object(m) = row {
                for key in uncertain::MIXED_NUMBER_KEYS {
                    if let Some(v) = m.get_mut(*key) {
                        *v = uncertain::mixed_number(i, key, v);
                    }
                }
            }
        }
    }
}

/// `ShippingBasic.GetClaimInfo_V3`: the cancelled lines GetShippingInfo_v2
/// no longer returns (qoo10.md A2), in the same row shape with their claim
/// status (the shape is a guess: [`uncertain::CLAIM_ROW_EXTRA`]).
pub(crate) fn get_claim_info(shared: &Shared, params: &Params, _now: DateTime<Utc>) -> Answer {
    let stat: u8 = params
        .get("ClaimStat")
        .ok_or(QapiError::bad_param())?
        .parse()
        .map_err(|_| QapiError::bad_param())?;
    if !(1..=3).contains(&stat) {
        return Err(QapiError::bad_param());
    }
    let (Some(start), Some(end)) = search_bounds(params)? else {
        return Err(QapiError::bad_param());
    };
    if start > end || window_too_long(start, end) {
        return Err(period_too_long());
    }
    let inner = shared.lock();
    let rows: Vec<Value> = inner
        .rows
        .values()
        .filter(|r| r.hidden.stat == 0)
        .filter(|r| row_time(&r.order_date).is_some_and(|t| t >= start && t <= end))
        .filter_map(|r| serde_json::to_value(r).ok())
        .map(|mut v| {
            if let Value::Object(m) = &mut v {
                let (key, label) = uncertain::CLAIM_ROW_EXTRA;
                m.insert(key.to_string(), json!(label));
            }
            v
        })
        .collect();
    Ok(rows_answer(rows, inner.mixed_number_types))
}

fn order_no(value: Option<&str>) -> Result<i64, QapiError> {
    value
        .ok_or(QapiError::bad_param())?
        .parse()
        .map_err(|_| QapiError::bad_param())
}

/// One 発注確認: 配送要請(2) → 配送準備(3) with the 発送予定日.
fn check_one(
    inner: &mut Inner,
    now: DateTime<Utc>,
    order: Option<&str>,
    est: Option<&str>,
    delay_type: Option<&str>,
    delay_memo: Option<&str>,
) -> Result<(), QapiError> {
    let no = order_no(order)?;
    let row = inner.rows.get_mut(&no).ok_or(QapiError::no_order())?;
    match row.hidden.stat {
        2 => {}
        3 => return Err(QapiError::new(-10012, msgs::ALREADY_CONFIRMED)),
        _ => return Err(QapiError::new(-10013, msgs::NOT_ON_REQUEST)),
    }
    let est = est.ok_or(QapiError::new(-10016, msgs::EST_NULL))?;
    let est = NaiveDate::parse_from_str(est, "%Y%m%d").map_err(|_| QapiError::bad_param())?;
    let today = now.with_timezone(&jst()).date_naive();
    if est < today || (est == today && !uncertain::EST_SHIP_TODAY_OK) {
        return Err(QapiError::new(-10018, msgs::EST_BEFORE_TODAY));
    }
    if est > today + uncertain::est_ship_max_ahead() {
        return Err(QapiError::new(-10017, msgs::EST_TOO_LATE));
    }
    let delay_type = delay_type
        .map(|d| {
            d.parse::<u8>()
                .ok()
                .filter(|n| (1..=4).contains(n))
                .ok_or(QapiError::bad_param())
        })
        .transpose()?;
    row.est_shipping_date = format!("{} 00:00:00", est.format("%Y-%m-%d"));
    row.hidden.delay_type = delay_type;
    row.hidden.delay_memo = delay_memo.map(str::to_string);
    row.set_stat(3);
    Ok(())
}

/// One 発送処理: carrier name + tracking number, → 配送中(4).
fn send_one(
    inner: &mut Inner,
    now: DateTime<Utc>,
    order: Option<&str>,
    corp: Option<&str>,
    tracking: Option<&str>,
) -> Result<(), QapiError> {
    let no = order_no(order)?;
    let corp = corp
        .filter(|c| c.chars().count() <= 200)
        .ok_or(QapiError::bad_param())?;
    let tracking = tracking
        .filter(|t| t.chars().count() <= 50)
        .ok_or(QapiError::bad_param())?;
    let row = inner.rows.get_mut(&no).ok_or(QapiError::no_order())?;
    let allowed = match row.hidden.stat {
        3 => true,
        2 => uncertain::SENDING_FROM_ON_REQUEST,
        4 => uncertain::SENDING_UPDATES_ON_DELIVERY,
        _ => false,
    };
    if !allowed {
        return Err(QapiError::new(
            uncertain::CANNOT_SEND_CODE,
            msgs::CANNOT_SEND,
        ));
    }
    if row.hidden.stat != 4 {
        row.shipping_date = fmt_time(now);
    }
    row.delivery_company = corp.to_string();
    row.tracking_no = tracking.to_string();
    row.set_stat(4);
    Ok(())
}

/// `ShippingBasic.SetSellerCheckYN_V2`.
pub(crate) fn set_seller_check(shared: &Shared, params: &Params, now: DateTime<Utc>) -> Answer {
    let mut inner = shared.lock();
    check_one(
        &mut inner,
        now,
        params.get("OrderNo"),
        params.get("EstShipDt"),
        params.get("DelayType"),
        params.get("DelayMemo"),
    )?;
    Ok(success_bare())
}

/// `ShippingBasic.SetSendingInfo`: answers `ResultCode`/`ResultMsg` only.
pub(crate) fn set_sending_info(shared: &Shared, params: &Params, now: DateTime<Utc>) -> Answer {
    let mut inner = shared.lock();
    send_one(
        &mut inner,
        now,
        params.get("OrderNo"),
        params.get("ShippingCorp"),
        params.get("TrackingNo"),
    )?;
    Ok(success_bare())
}

/// A JSON array of row objects from a form field, at most 500 rows.
fn bulk_rows(
    params: &Params,
    field: &str,
) -> Result<Vec<serde_json::Map<String, Value>>, QapiError> {
    let raw = params.get(field).ok_or(QapiError::bad_param())?;
    let rows: Vec<serde_json::Map<String, Value>> =
        serde_json::from_str(raw).map_err(|_| QapiError::bad_param())?;
    if rows.is_empty() {
        return Err(QapiError::bad_param());
    }
    if rows.len() > 500 {
        return Err(QapiError::new(
            uncertain::TOO_MANY_ROWS_CODE,
            msgs::TOO_MANY_ROWS,
        ));
    }
    Ok(rows)
}

/// A bulk row's field as text (numbers too), case-insensitively.
fn field(row: &serde_json::Map<String, Value>, name: &str) -> Option<String> {
    row.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| match v {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

fn bulk_result(order: Option<String>, outcome: Result<(), QapiError>) -> Value {
    let (k_no, k_cd, k_msg) = uncertain::BULK_ROW_KEYS;
    let (cd, msg) = match outcome {
        Ok(()) => (0, msgs::SUCCESS),
        Err(e) => (e.code, e.msg),
    };
    let no = order
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .map(Value::from)
        .or(order.map(Value::from))
        .unwrap_or(Value::Null);
    json!({ k_no: no, k_cd: cd, k_msg: msg })
}

/// `ShippingBasic.SetSellerCheckYNBulk` with `SendPlanDtInfoJson`.
pub(crate) fn set_seller_check_bulk(
    shared: &Shared,
    params: &Params,
    now: DateTime<Utc>,
) -> Answer {
    let rows = bulk_rows(params, "SendPlanDtInfoJson")?;
    let mut inner = shared.lock();
    let results: Vec<Value> = rows
        .iter()
        .map(|r| {
            let no = field(r, "OrderNo");
            let outcome = check_one(
                &mut inner,
                now,
                no.as_deref(),
                field(r, "EstShipDt").as_deref(),
                field(r, "DelayType").as_deref(),
                field(r, "DelayMemo").as_deref(),
            );
            bulk_result(no, outcome)
        })
        .collect();
    Ok(success(msgs::SUCCESS, Value::Array(results)))
}

/// `ShippingBasic.SetSendingInfoBulk` with `ShippingInfoJson`.
pub(crate) fn set_sending_info_bulk(
    shared: &Shared,
    params: &Params,
    now: DateTime<Utc>,
) -> Answer {
    let rows = bulk_rows(params, "ShippingInfoJson")?;
    let mut inner = shared.lock();
    let results: Vec<Value> = rows
        .iter()
        .map(|r| {
            let no = field(r, "OrderNo");
            let outcome = send_one(
                &mut inner,
                now,
                no.as_deref(),
                field(r, "ShippingCorp").as_deref(),
                field(r, "TrackingNo").as_deref(),
            );
            bulk_result(no, outcome)
        })
        .collect();
    Ok(success(msgs::SUCCESS, Value::Array(results)))
}
