//! BASE's OAuth 2.0 authorization-code flow (アクセスキー取得), with the
//! `oauth2` crate.
//!
//! 1. [`begin`] builds the authorize URL with a random `state` for the
//!    redirect URI the merchant registered: the deep link
//!    [`DEEP_LINK_REDIRECT`], or a loopback URI from `malls::loopback`.
//!    The app opens it in the system browser and keeps the [`Authorization`]
//!    in `browser_auth::Pending` (the deep link arrives later, in another code path).
//! 2. BASE redirects back with `code` and `state` (or `error=access_denied`).
//! 3. [`finish`] checks `state`, exchanges the code (client_id and
//!    client_secret in the request body, `redirect_uri` on both grants, as
//!    BASE wants) and stores the tokens in the OS keyring, and nowhere else.
//!
//! [`refresh`] renews the tokens; the BASE client calls it, one refresh at a
//! time, and always keeps the newest refresh token.

use oauth2::basic::{BasicClient, BasicErrorResponse, BasicTokenResponse};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, RedirectUrl,
    RefreshToken, RequestTokenError, Scope, TokenResponse, TokenUrl,
};

use super::uncertain;
use crate::domain::Mall;
use crate::malls::browser_auth::{redirect_params, same, Authorization};
use crate::malls::http::{Http, HttpOptions};
use crate::malls::{api_base, MallError};
use crate::secrets::Secrets;

/// The app's deep link, registered as BASE's callback URL.
pub const DEEP_LINK_REDIRECT: &str = "juchu://oauth/base";

/// The real BASE API.
pub const BASE_API: &str = "https://api.thebase.in";

/// What an order app needs: `read_users` (`/1/users/me`), `read_orders`, `write_orders`.
pub const SCOPES: &[&str] = &["read_users", "read_orders", "write_orders"];

const MALL: &str = "BASE";

/// What the merchant does when BASE's authorization is missing or dead.
pub const RECONNECT: &str =
    "モール詳細設定で「アクセスキーを取得する」からもう一度認可してください。";

/// What the merchant does before BASE's first authorization.
pub const NOT_CONNECTED: &str = "モール詳細設定で「アクセスキーを取得する」を押してください。";

/// What the merchant does when BASE refuses client_id / client_secret.
pub const BAD_CLIENT: &str =
    "クライアントIDとクライアントシークレットが BASE Developers のアプリ情報と同じ値か確認してください。";

/// Keyring keys of a BASE shop (see `crate::secrets`).
pub mod keys {
    pub const CLIENT_ID: &str = "client_id";
    pub const CLIENT_SECRET: &str = "client_secret";
    pub const ACCESS_TOKEN: &str = "access_token";
    pub const REFRESH_TOKEN: &str = "refresh_token";
    /// UNIX seconds, as text.
    pub const TOKEN_EXPIRES_AT: &str = "token_expires_at";
    /// The redirect URI the tokens were obtained with (the refresh grant needs it).
    pub const REDIRECT_URI: &str = "redirect_uri";
}

/// Starts an authorization for `shop_id`: the authorize URL with a random
/// `state` and BASE's scopes. Needs client_id and client_secret in the keyring.
pub fn begin(
    shop_id: i64,
    secrets: &Secrets,
    redirect_uri: &str,
) -> Result<Authorization, MallError> {
    begin_at(
        &api_base(Mall::Base, BASE_API),
        shop_id,
        secrets,
        redirect_uri,
    )
}

/// [`begin`] against the API at `api` (tests point it at the fake).
pub fn begin_at(
    api: &str,
    shop_id: i64,
    secrets: &Secrets,
    redirect_uri: &str,
) -> Result<Authorization, MallError> {
    let api = api.trim_end_matches('/');
    let client_id = read(shop_id, secrets, keys::CLIENT_ID)?;
    let has_secret = read(shop_id, secrets, keys::CLIENT_SECRET)?.is_some();
    let missing: Vec<&str> = [
        (client_id.is_none(), "クライアントID"),
        (!has_secret, "クライアントシークレット"),
    ]
    .into_iter()
    .filter_map(|(m, name)| m.then_some(name))
    .collect();
    let Some(client_id) = client_id.filter(|_| missing.is_empty()) else {
        return Err(MallError::MissingCredentials {
            mall: MALL,
            missing: missing.join("と"),
        });
    };
    let auth_url =
        AuthUrl::new(format!("{api}/1/oauth/authorize")).map_err(|e| MallError::BadSetting {
            mall: MALL,
            key: "JUCHU_API_BASE_BASE".to_string(),
            reason: e.to_string(),
        })?;
    let redirect =
        RedirectUrl::new(redirect_uri.to_string()).map_err(|e| MallError::BadSetting {
            mall: MALL,
            key: "redirect_uri".to_string(),
            reason: format!("URL として読めません（{e}）"),
        })?;
    let client = BasicClient::new(ClientId::new(client_id))
        .set_auth_uri(auth_url)
        .set_redirect_uri(redirect);
    let (url, state) = client
        .authorize_url(CsrfToken::new_random)
        .add_scopes(SCOPES.iter().map(|s| Scope::new((*s).to_string())))
        .url();
    Ok(Authorization {
        url: url.to_string(),
        state: state.secret().clone(),
        redirect_uri: redirect_uri.to_string(),
        api: api.to_string(),
    })
}

/// Ends an authorization: checks `state`, exchanges the code, stores the
/// tokens (and the redirect URI the refresh grant needs) in the keyring.
pub async fn finish(
    shop_id: i64,
    secrets: &Secrets,
    auth: &Authorization,
    redirected_url: &str,
) -> Result<(), MallError> {
    let http = Http::new(MALL, HttpOptions::default());
    finish_with(&http, shop_id, secrets, auth, redirected_url).await
}

/// [`finish`] over a given HTTP layer (its call counter sees the token call).
pub async fn finish_with(
    http: &Http,
    shop_id: i64,
    secrets: &Secrets,
    auth: &Authorization,
    redirected_url: &str,
) -> Result<(), MallError> {
    let params = redirect_params(redirected_url);
    // The state is checked first: an answer to someone else's request is not read further.
    match params.get("state") {
        Some(s) if same(s, &auth.state) => {}
        _ => return Err(MallError::StateMismatch),
    }
    if let Some(error) = params.get("error") {
        if error == "access_denied" {
            return Err(MallError::AccessDenied {
                mall: MALL,
                fix: "もう一度「アクセスキーを取得する」を押し、BASEの画面で「アプリを認証する」を選んでください。",
            });
        }
        return Err(MallError::Refused {
            mall: MALL,
            code: error.clone(),
            message: params
                .get("error_description")
                .cloned()
                .unwrap_or_else(|| "認可できませんでした。".to_string()),
        });
    }
    let Some(code) = params.get("code").filter(|c| !c.is_empty()) else {
        return Err(MallError::Malformed {
            mall: MALL,
            detail: "戻り先の URL に認可コード（code）がありません".to_string(),
        });
    };
    let (client_id, client_secret) = client_credentials(shop_id, secrets)?;
    let client = BasicClient::new(ClientId::new(client_id))
        .set_client_secret(ClientSecret::new(client_secret))
        .set_auth_type(AuthType::RequestBody)
        .set_token_uri(token_url(&auth.api)?)
        .set_redirect_uri(RedirectUrl::new(auth.redirect_uri.clone()).map_err(|_| {
            MallError::Malformed {
                mall: MALL,
                detail: "redirect_uri が URL ではありません".to_string(),
            }
        })?);
    let token = client
        .exchange_code(AuthorizationCode::new(code.clone()))
        .request_async(&Sender(http))
        .await
        .map_err(|e| token_error(e, Grant::Code))?;
    store_tokens(shop_id, secrets, &token, http.now())?;
    secrets
        .set(shop_id, keys::REDIRECT_URI, &auth.redirect_uri)
        .map_err(|e| MallError::keyring(MALL, e))?;
    tracing::info!(shop_id, "BASE のアクセスキーを取得しました");
    Ok(())
}

/// Renews the tokens with the stored refresh token and stores the answer
/// (the newest refresh token included). Returns the new access token.
/// The caller serializes refreshes (see `malls::base`).
pub async fn refresh(
    http: &Http,
    api: &str,
    shop_id: i64,
    secrets: &Secrets,
) -> Result<String, MallError> {
    let Some(refresh_token) = read(shop_id, secrets, keys::REFRESH_TOKEN)? else {
        return Err(MallError::NotAuthorized {
            mall: MALL,
            fix: NOT_CONNECTED,
        });
    };
    let redirect_uri = read(shop_id, secrets, keys::REDIRECT_URI)?
        .unwrap_or_else(|| uncertain::FALLBACK_REDIRECT_URI.to_string());
    let (client_id, client_secret) = client_credentials(shop_id, secrets)?;
    let client = BasicClient::new(ClientId::new(client_id))
        .set_client_secret(ClientSecret::new(client_secret))
        .set_auth_type(AuthType::RequestBody)
        .set_token_uri(token_url(api)?);
    let refresh_token = RefreshToken::new(refresh_token);
    let token = client
        .exchange_refresh_token(&refresh_token)
        // BASE requires redirect_uri on the refresh grant too (base.md §1).
        .add_extra_param("redirect_uri", redirect_uri)
        .request_async(&Sender(http))
        .await
        .map_err(|e| token_error(e, Grant::Refresh))?;
    store_tokens(shop_id, secrets, &token, http.now())?;
    tracing::info!(shop_id, "BASE のアクセスキーを更新しました");
    Ok(token.access_token().secret().clone())
}

/// A non-blank keyring value.
fn read(shop_id: i64, secrets: &Secrets, key: &str) -> Result<Option<String>, MallError> {
    secrets
        .get(shop_id, key)
        .map(|v| v.filter(|s| !s.trim().is_empty()))
        .map_err(|e| MallError::keyring(MALL, e))
}

fn client_credentials(shop_id: i64, secrets: &Secrets) -> Result<(String, String), MallError> {
    match (
        read(shop_id, secrets, keys::CLIENT_ID)?,
        read(shop_id, secrets, keys::CLIENT_SECRET)?,
    ) {
        (Some(id), Some(secret)) => Ok((id, secret)),
        _ => Err(MallError::BadClient {
            mall: MALL,
            detail: "クライアントIDまたはクライアントシークレットが未入力です".to_string(),
            fix: BAD_CLIENT,
        }),
    }
}

fn token_url(api: &str) -> Result<TokenUrl, MallError> {
    TokenUrl::new(format!("{api}/1/oauth/token")).map_err(|_| MallError::Network {
        mall: MALL,
        detail: "API の URL が正しくありません".to_string(),
    })
}

/// Writes the newest tokens, the refresh token first (after a rotation the
/// old one is dead: losing the new one would mean authorizing again).
fn store_tokens(
    shop_id: i64,
    secrets: &Secrets,
    token: &BasicTokenResponse,
    now: i64,
) -> Result<(), MallError> {
    let set = |key, value: &str| {
        secrets
            .set(shop_id, key, value)
            .map_err(|e| MallError::keyring(MALL, e))
    };
    if let Some(r) = token.refresh_token() {
        set(keys::REFRESH_TOKEN, r.secret())?;
    }
    set(keys::ACCESS_TOKEN, token.access_token().secret())?;
    let lifetime = token
        .expires_in()
        .map_or(uncertain::DEFAULT_EXPIRES_IN_SECS, |d| {
            i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 2)
        });
    set(
        keys::TOKEN_EXPIRES_AT,
        &now.saturating_add(lifetime).to_string(),
    )
}

/// The `oauth2` crate's HTTP client: the shared HTTP layer.
struct Sender<'a>(&'a Http);

impl<'c> oauth2::AsyncHttpClient<'c> for Sender<'_> {
    type Error = MallError;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<oauth2::HttpResponse, MallError>> + Send + 'c>,
    >;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(send(self.0, request))
    }
}

/// One token request through the shared HTTP layer (counted, timed out,
/// never retried, never redirected).
async fn send(
    http: &Http,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, MallError> {
    let request = reqwest::Request::try_from(request).map_err(|_| MallError::Malformed {
        mall: MALL,
        detail: "トークンの要求を組み立てられません".to_string(),
    })?;
    let reply = http.execute(request).await?;
    let mut response = oauth2::http::Response::builder().status(reply.status);
    if let Some(ct) = &reply.content_type {
        response = response.header(oauth2::http::header::CONTENT_TYPE, ct.as_str());
    }
    response.body(reply.body).map_err(|_| MallError::Malformed {
        mall: MALL,
        detail: "トークンの応答を読めません".to_string(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grant {
    Code,
    Refresh,
}

/// A failed token request as a `MallError`. Never copies the answer's body:
/// it may hold tokens.
fn token_error(e: RequestTokenError<MallError, BasicErrorResponse>, grant: Grant) -> MallError {
    match e {
        RequestTokenError::Request(e) => e,
        RequestTokenError::ServerResponse(r) => {
            let code = r.error().as_ref().to_string();
            let description = r.error_description().cloned().unwrap_or_default();
            token_error_code(&code, &description, grant)
        }
        RequestTokenError::Parse(..) | RequestTokenError::Other(_) => MallError::Malformed {
            mall: MALL,
            detail: "トークンの応答を読めません".to_string(),
        },
    }
}

fn token_error_code(code: &str, description: &str, grant: Grant) -> MallError {
    use uncertain::refresh_expired;
    match (code, grant) {
        ("unauthorized_client" | "invalid_client", _) => MallError::BadClient {
            mall: MALL,
            detail: format!("{code}: {description}"),
            fix: BAD_CLIENT,
        },
        ("invalid_request" | "invalid_grant", Grant::Refresh) if refresh_expired(description) => {
            MallError::RefreshExpired {
                mall: MALL,
                fix: RECONNECT,
            }
        }
        ("invalid_request" | "invalid_grant" | "access_denied", Grant::Refresh) => {
            MallError::Unauthorized {
                mall: MALL,
                detail: format!("{code}: {description}"),
                fix: RECONNECT,
            }
        }
        _ => MallError::Refused {
            mall: MALL,
            code: code.to_string(),
            message: if description.is_empty() {
                "アクセスキーを取得できませんでした。もう一度「アクセスキーを取得する」からやり直してください。".to_string()
            } else {
                format!("{description} もう一度「アクセスキーを取得する」からやり直してください。")
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refresh_fallback_is_the_deep_link() {
        assert_eq!(uncertain::FALLBACK_REDIRECT_URI, DEEP_LINK_REDIRECT);
        assert_eq!(
            crate::malls::browser_auth::deep_link(Mall::Base),
            DEEP_LINK_REDIRECT
        );
    }

    #[test]
    fn token_errors_map_to_what_the_merchant_must_do() {
        let e = token_error_code(
            "invalid_request",
            "リフレッシュトークンの有効期限が切れています。",
            Grant::Refresh,
        );
        assert_eq!(
            e,
            MallError::RefreshExpired {
                mall: "BASE",
                fix: RECONNECT
            }
        );
        let e = token_error_code(
            "invalid_request",
            "不正なリフレッシュトークンです。",
            Grant::Refresh,
        );
        assert_eq!(e.code(), "MALL_UNAUTHORIZED");
        assert!(e.needs_reauthorization());
        let e = token_error_code(
            "unauthorized_client",
            "クライアントが無効です。",
            Grant::Code,
        );
        assert_eq!(e.code(), "MALL_BAD_CLIENT");
        let e = token_error_code("invalid_request", "不正な認可コードです。", Grant::Code);
        assert_eq!(e.code(), "MALL_REFUSED");
        assert!(e.to_string().contains("BASE"), "{e}");
        assert!(e.to_string().contains("不正な認可コードです。"), "{e}");
    }
}
