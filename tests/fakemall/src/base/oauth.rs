//! `GET /1/oauth/authorize` and `POST /1/oauth/token` (base.md §1).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use url::Url;

use super::errors::BaseError;
use super::state::{Grant, OAuthClient, Shared};
use super::uncertain::{self, descriptions as d};

/// Scopes of base.md §1.
pub const SCOPES: &[&str] = &[
    "read_users",
    "read_users_mail",
    "read_items",
    "read_orders",
    "read_savings",
    "write_items",
    "write_orders",
];

/// Does `given` match the registered `registered` callback?
pub fn redirect_matches(registered: &str, given: &str) -> bool {
    if registered == given {
        return true;
    }
    if !uncertain::LOOPBACK_ANY_PORT {
        return false;
    }
    let (Ok(r), Ok(g)) = (Url::parse(registered), Url::parse(given)) else {
        return false;
    };
    let loopback = |u: &Url| {
        u.scheme() == "http" && matches!(u.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback())
            || u.scheme() == "http"
                && matches!(u.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
    };
    loopback(&r)
        && loopback(&g)
        && r.host() == g.host()
        && r.port().is_none()
        && r.path() == g.path()
        && r.query() == g.query()
}

fn registered_redirect(client: &OAuthClient, given: &str) -> bool {
    client
        .redirect_uris
        .iter()
        .any(|r| redirect_matches(r, given))
}

fn pairs(input: &[u8]) -> Option<Vec<(String, String)>> {
    serde_urlencoded::from_bytes(input).ok()
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn redirect(to: &str, params: &[(&str, &str)]) -> Response {
    let Ok(mut url) = Url::parse(to) else {
        return BaseError::invalid_request(d::BAD_REDIRECT_URI).into_response();
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            q.append_pair(k, v);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
}

/// `GET /1/oauth/authorize`: approves at once (no login form), or denies when the test says so.
/// Errors that cannot be sent to a valid redirect URI are answered directly in BASE's shape.
pub async fn authorize(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let Some(q) = pairs(query.unwrap_or_default().as_bytes()) else {
        return BaseError::invalid_request(d::MISSING_PARAM).into_response();
    };
    let (Some(client_id), Some(redirect_uri)) = (get(&q, "client_id"), get(&q, "redirect_uri"))
    else {
        return BaseError::invalid_request(d::MISSING_PARAM).into_response();
    };
    let state = get(&q, "state");
    let now = shared.now();
    let mut inner = shared.lock();
    let client = match inner.clients.get(client_id) {
        Some(c) if !c.suspended => c.clone(),
        _ => return BaseError::new("unauthorized_client", d::UNAUTHORIZED_CLIENT).into_response(),
    };
    if !registered_redirect(&client, redirect_uri) {
        return BaseError::invalid_request(d::BAD_REDIRECT_URI).into_response();
    }
    if get(&q, "response_type") != Some("code") {
        return BaseError::invalid_request(d::MISSING_PARAM).into_response();
    }
    let scopes: Vec<String> = get(&q, "scope")
        .unwrap_or("read_users")
        .split([' ', '+', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
        return BaseError::invalid_scope().into_response();
    }
    let mut params: Vec<(&str, &str)> = Vec::new();
    let code;
    if inner.deny_authorization {
        params.push(("error", "access_denied"));
    } else {
        code = crate::data::hex(&mut inner.rng, 32);
        let grant = Grant {
            user_id: inner.user_id.clone(),
            client_id: client.client_id.clone(),
            scopes,
            redirect_uri: redirect_uri.to_string(),
            expires_at: now + uncertain::auth_code_lifetime(),
        };
        inner.codes.insert(code.clone(), grant);
        params.push(("code", code.as_str()));
    }
    if let Some(s) = state {
        params.push(("state", s));
    }
    redirect(redirect_uri, &params)
}

/// Any other method on the token endpoint: `access_denied` (base.md: "not POST").
pub async fn token_not_post() -> Response {
    BaseError::new("access_denied", d::NOT_POST).into_response()
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// `POST /1/oauth/token` (form-urlencoded): `authorization_code` and `refresh_token` grants.
pub async fn token(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    match exchange(&shared, &headers, &body) {
        Ok(t) => (StatusCode::OK, axum::Json(t)).into_response(),
        Err(e) => e.into_response(),
    }
}

fn exchange(
    shared: &Shared,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<super::state::TokenResponse, BaseError> {
    let form = pairs(body).ok_or(BaseError::invalid_request(d::MISSING_PARAM))?;
    let basic = basic_credentials(headers);
    let client_id = get(&form, "client_id")
        .map(str::to_string)
        .or_else(|| basic.as_ref().map(|b| b.0.clone()));
    let client_secret = get(&form, "client_secret")
        .map(str::to_string)
        .or_else(|| basic.as_ref().map(|b| b.1.clone()));
    let (Some(client_id), Some(client_secret)) = (client_id, client_secret) else {
        return Err(BaseError::invalid_request(d::MISSING_CLIENT));
    };
    let now = shared.now();
    let mut inner = shared.lock();
    let client = match inner.clients.get(&client_id) {
        Some(c) if !c.suspended => c.clone(),
        _ => {
            return Err(BaseError::new(
                "unauthorized_client",
                d::UNAUTHORIZED_CLIENT,
            ))
        }
    };
    if client.client_secret != client_secret {
        return Err(BaseError::new(
            uncertain::WRONG_SECRET_CODE,
            d::UNAUTHORIZED_CLIENT,
        ));
    }
    let grant_type = get(&form, "grant_type");
    if !matches!(
        grant_type,
        Some("authorization_code") | Some("refresh_token")
    ) {
        return Err(BaseError::invalid_request(d::INVALID_GRANT_TYPE));
    }
    // redirect_uri is required for both grants (base.md §1).
    let redirect_uri =
        get(&form, "redirect_uri").ok_or(BaseError::invalid_request(d::MISSING_PARAM))?;
    if !registered_redirect(&client, redirect_uri) {
        return Err(BaseError::invalid_request(d::BAD_REDIRECT_URI));
    }
    if grant_type == Some("authorization_code") {
        let code = get(&form, "code").ok_or(BaseError::invalid_request(d::MISSING_PARAM))?;
        // Single use: the code is gone whatever the outcome.
        let grant = inner
            .codes
            .remove(code)
            .ok_or(BaseError::invalid_request(d::INVALID_CODE))?;
        if grant.client_id != client.client_id || grant.redirect_uri != redirect_uri {
            return Err(BaseError::invalid_request(d::INVALID_CODE));
        }
        if now >= grant.expires_at {
            return Err(BaseError::invalid_request(d::CODE_EXPIRED));
        }
        return Ok(inner.issue(&grant.user_id, &grant.client_id, &grant.scopes, now));
    }
    let refresh_token =
        get(&form, "refresh_token").ok_or(BaseError::invalid_request(d::MISSING_PARAM))?;
    let old = inner
        .refresh
        .get(refresh_token)
        .cloned()
        .filter(|t| t.client_id == client.client_id)
        .ok_or(BaseError::invalid_request(d::INVALID_REFRESH_TOKEN))?;
    if now >= old.expires_at {
        return Err(BaseError::invalid_request(d::REFRESH_TOKEN_EXPIRED));
    }
    let mut fresh = inner.issue(&old.user_id, &old.client_id, &old.scopes, now);
    if uncertain::REFRESH_ROTATES {
        inner.refresh.remove(refresh_token);
    } else {
        inner.refresh.remove(&fresh.refresh_token);
        fresh.refresh_token = refresh_token.to_string();
    }
    if !uncertain::REFRESH_RESTARTS_LIFETIME {
        if let Some(t) = inner.refresh.get_mut(&fresh.refresh_token) {
            t.expires_at = old.expires_at;
        }
    }
    Ok(fresh)
}

#[cfg(test)]
mod tests {
    use super::redirect_matches;

    #[test]
    fn loopback_matches_any_port_custom_scheme_exactly() {
        let r = "http://127.0.0.1/oauth/base";
        assert!(redirect_matches(r, "http://127.0.0.1:53121/oauth/base"));
        assert!(redirect_matches(r, "http://127.0.0.1/oauth/base"));
        assert!(!redirect_matches(r, "http://127.0.0.1:53121/oauth/other"));
        assert!(!redirect_matches(r, "http://localhost:53121/oauth/base"));
        assert!(!redirect_matches(r, "https://127.0.0.1:53121/oauth/base"));
        assert!(!redirect_matches(
            "https://shop.example/cb",
            "https://shop.example:8443/cb"
        ));
        assert!(redirect_matches("juchu://oauth/base", "juchu://oauth/base"));
        assert!(!redirect_matches(
            "juchu://oauth/base",
            "juchu://oauth/base2"
        ));
    }
}
