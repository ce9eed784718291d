//! `CertificationAPI.CreateCertificationKey` (qoo10.md A1): header key = the API key, body
//! `user_id` and `pwd` (the QSM login); `ResultObject` is the SAK, a plain string.

use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::errors::{success, QapiError};
use super::gateway::Params;
use super::state::Shared;
use super::uncertain::msgs;

pub(crate) fn create_key(
    shared: &Shared,
    api_key: &str,
    params: &Params,
    now: DateTime<Utc>,
) -> Result<Response, QapiError> {
    let mut inner = shared.lock();
    let seller = inner
        .seller_by_api_key(api_key)
        .cloned()
        .ok_or(QapiError::bad_key())?;
    let user_id = params.get("user_id").ok_or(QapiError::no_seller())?;
    let pwd = params.get("pwd").ok_or(QapiError::no_seller())?;
    // The key belongs to one seller: another seller's login with it is "no seller" too.
    if seller.user_id != user_id || seller.password != pwd {
        return Err(QapiError::no_seller());
    }
    let sak = inner.issue_sak(user_id, now);
    Ok(success(msgs::SUCCESS_JA, Value::String(sak)))
}
