//! The QAPI gateway: `POST …/ebayjapan.qapi/{Service.Method}` (UTF-8 form) and the legacy
//! `GET …/ebayjapan.qapi?v=1.0&returnType=json&method=…&key=…` (qoo10.md A1). Reads the
//! parameters by hand, checks the key, counts the call, and hands over to the method.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::errors::{gateway_error, QapiError};
use super::state::Shared;
use super::{certification, shipping, uncertain};
use crate::rate_limit::Verdict;

/// The request's parameters (query first, then form body), looked up case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The first non-empty value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| names_equal(k, name) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

fn names_equal(a: &str, b: &str) -> bool {
    if uncertain::CASE_INSENSITIVE_NAMES {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// The methods this fake serves, spelled as Qoo10 documents them.
pub const METHODS: &[&str] = &[
    "CertificationAPI.CreateCertificationKey",
    "ShippingBasic.GetShippingInfo_v2",
    "ShippingBasic.SetSellerCheckYN_V2",
    "ShippingBasic.SetSendingInfo",
    "ShippingBasic.SetSellerCheckYNBulk",
    "ShippingBasic.SetSendingInfoBulk",
    "ShippingBasic.GetClaimInfo_V3",
];

/// `POST|GET …/ebayjapan.qapi/{Service.Method}`.
pub async fn method_path(
    State(shared): State<Arc<Shared>>,
    method: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let method = method.map(|Path(m)| m).unwrap_or_default();
    run(&shared, Some(method), &headers, query.as_deref(), &body)
}

/// The legacy `…/ebayjapan.qapi?method=…&key=…` (GET, or POST with the same fields).
pub async fn legacy(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    run(&shared, None, &headers, query.as_deref(), &body)
}

fn run(
    shared: &Shared,
    method: Option<String>,
    headers: &HeaderMap,
    query: Option<&str>,
    body: &[u8],
) -> Response {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(q) = query {
        match serde_urlencoded::from_str::<Vec<(String, String)>>(q) {
            Ok(p) => pairs.extend(p),
            Err(_) => return QapiError::bad_param().into_response(),
        }
    }
    if !body.is_empty() {
        match serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) {
            Ok(p) => pairs.extend(p),
            Err(_) => return QapiError::bad_param().into_response(),
        }
    }
    let params = Params(pairs);
    let method = match method.or_else(|| params.get("method").map(str::to_string)) {
        Some(m) if !m.is_empty() => m,
        _ => return gateway_error(uncertain::GATEWAY_NO_METHOD),
    };
    if let Some(rt) = params.get("returnType") {
        if !uncertain::RETURN_TYPES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(rt))
        {
            return gateway_error(uncertain::GATEWAY_BAD_RETURN_TYPE);
        }
    }
    dispatch(shared, &method, headers, &params).unwrap_or_else(IntoResponse::into_response)
}

fn header_key(headers: &HeaderMap, params: &Params) -> Option<String> {
    headers
        .get("giosiscertificationkey")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .or_else(|| {
            uncertain::KEY_PARAM_ACCEPTED_ON_POST
                .then(|| params.get("key").map(str::to_string))
                .flatten()
        })
}

fn dispatch(
    shared: &Shared,
    method: &str,
    headers: &HeaderMap,
    params: &Params,
) -> Result<Response, QapiError> {
    // qoo10.md A1: -90001 "also … `null` sent instead of `\"\"`".
    if params.0.iter().any(|(_, v)| v == "null") {
        return Err(QapiError::no_api());
    }
    let known = METHODS
        .iter()
        .find(|m| names_equal(m, method))
        .ok_or(QapiError::no_api())?;
    let key = header_key(headers, params).ok_or(QapiError::bad_key())?;
    let now = shared.now();
    if *known == "CertificationAPI.CreateCertificationKey" {
        limit(shared, &key)?;
        return certification::create_key(shared, &key, params, now);
    }
    let user = {
        let inner = shared.lock();
        match inner.saks.get(&key) {
            Some(sak) => {
                if now >= sak.expires_at || shared.ctx.faults.credentials_expired() {
                    return Err(QapiError::expired());
                }
                sak.user_id.clone()
            }
            // The API key itself is not a seller key: "API doesn't exist".
            None if inner.seller_by_api_key(&key).is_some() => return Err(QapiError::no_api()),
            None => return Err(QapiError::bad_key()),
        }
    };
    if shared.lock().denied.contains(&known.to_ascii_lowercase()) {
        return Err(QapiError::not_authorized());
    }
    limit(shared, &user)?;
    match *known {
        "ShippingBasic.GetShippingInfo_v2" => shipping::get_shipping_info(shared, params, now),
        "ShippingBasic.SetSellerCheckYN_V2" => shipping::set_seller_check(shared, params, now),
        "ShippingBasic.SetSendingInfo" => shipping::set_sending_info(shared, params, now),
        "ShippingBasic.SetSellerCheckYNBulk" => {
            shipping::set_seller_check_bulk(shared, params, now)
        }
        "ShippingBasic.SetSendingInfoBulk" => shipping::set_sending_info_bulk(shared, params, now),
        "ShippingBasic.GetClaimInfo_V3" => shipping::get_claim_info(shared, params, now),
        _ => Err(QapiError::no_api()),
    }
}

fn limit(shared: &Shared, who: &str) -> Result<(), QapiError> {
    if shared.ctx.faults.rate_limit_forced() {
        return Err(QapiError::rate_limited());
    }
    let guard = shared.per_second.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(l) = guard.as_ref() {
        if let Verdict::Limited { .. } = l.check(who, shared.now()) {
            return Err(QapiError::rate_limited());
        }
    }
    Ok(())
}
