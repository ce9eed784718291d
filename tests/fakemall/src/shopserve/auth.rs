//! What every ショップサーブ endpoint does first: the scheduled maintenance window, Basic auth
//! with the マネージャー認証キー, the forced rate-limit fault.

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::errors::ShopserveError;
use super::state::Shared;
use super::uncertain::{self as u, codes as c};

/// Refuses during a scheduled maintenance window, then checks `shop_id:manager_key`.
pub(crate) fn gate(shared: &Shared, headers: &HeaderMap) -> Result<(), ShopserveError> {
    let now = shared.now();
    let inner = shared.lock();
    if let Some((_, end)) = inner
        .maintenance
        .iter()
        .find(|(s, e)| *s <= now && now < *e)
    {
        let ms = (*end - now).num_milliseconds();
        return Err(ShopserveError::maintenance(Some((ms + 999) / 1000)));
    }
    let (shop, key) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| u::AUTH_IS_BASIC && scheme.eq_ignore_ascii_case("basic"))
        .and_then(|(_, b64)| STANDARD.decode(b64.trim()).ok())
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|s| {
            s.split_once(':')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .ok_or_else(ShopserveError::unauthorized)?;
    let creds = &inner.credentials;
    if shop != creds.shop_id {
        return Err(ShopserveError::unauthorized());
    }
    if key == creds.open_key && key != creds.manager_key {
        return Err(ShopserveError::new(
            u::STATUS_FORBIDDEN,
            c::OPEN_KEY,
            c::M_OPEN_KEY,
        ));
    }
    if key != creds.manager_key || shared.ctx.faults.credentials_expired() {
        return Err(ShopserveError::unauthorized());
    }
    if shared.ctx.faults.rate_limit_forced() {
        return Err(ShopserveError::new(
            u::STATUS_RATE_LIMITED,
            c::RATE_LIMITED,
            c::M_RATE_LIMITED,
        ));
    }
    Ok(())
}
