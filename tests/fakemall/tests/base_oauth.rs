//! BASE OAuth: authorize redirect, token grants, lifetimes, rotation, errors (base.md §1).

mod common;

use chrono::Duration;
use common::{assert_error, get, http, post_form, start};
use fakemall::base::{OAuthClient, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;
use url::Url;

async fn authorize(
    base: &fakemall::base::FakeBase,
    redirect_uri: &str,
    state: &str,
) -> (u16, Option<Url>) {
    let r = http()
        .get(base.authorize_url(
            DEMO_CLIENT_ID,
            redirect_uri,
            "read_orders write_orders",
            state,
        ))
        .send()
        .await
        .expect("send");
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Url::parse(v).ok());
    (r.status().as_u16(), location)
}

fn q(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn is_hex32(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit()))
}

async fn code_for(base: &fakemall::base::FakeBase, redirect_uri: &str) -> String {
    let (status, loc) = authorize(base, redirect_uri, "st").await;
    assert_eq!(status, 302);
    q(&loc.expect("location"), "code").expect("code")
}

async fn exchange(base: &fakemall::base::FakeBase, code: &str, redirect_uri: &str) -> (u16, Value) {
    post_form(
        base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("code", code),
            ("redirect_uri", redirect_uri),
        ],
    )
    .await
}

async fn refresh(base: &fakemall::base::FakeBase, token: &str) -> (u16, Value) {
    post_form(
        base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "refresh_token"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("refresh_token", token),
            ("redirect_uri", "juchu://oauth/base"),
        ],
    )
    .await
}

#[tokio::test]
async fn authorize_redirects_with_code_and_echoed_state() {
    let base = start(0).await;
    let (status, loc) = authorize(&base, "juchu://oauth/base", "s t/あ").await;
    assert_eq!(status, 302);
    let loc = loc.expect("location");
    assert_eq!(loc.scheme(), "juchu");
    assert_eq!(loc.host_str(), Some("oauth"));
    assert_eq!(loc.path(), "/base");
    assert!(q(&loc, "code").is_some_and(|c| c.len() == 32));
    assert_eq!(q(&loc, "state").as_deref(), Some("s t/あ"));

    // Loopback on any port (UNCERTAIN for BASE, see base::uncertain::LOOPBACK_ANY_PORT).
    let (status, loc) = authorize(&base, "http://127.0.0.1:53999/oauth/base", "x").await;
    assert_eq!(status, 302);
    let loc = loc.expect("location");
    assert_eq!(loc.port(), Some(53999));
    assert!(q(&loc, "code").is_some());
}

#[tokio::test]
async fn authorize_refuses_unregistered_redirects_and_clients_and_can_deny() {
    let base = start(0).await;
    let r = get(
        &base,
        None,
        &base.authorize_url(
            DEMO_CLIENT_ID,
            "https://evil.example/cb",
            "read_orders",
            "s",
        )[base.base_url().len()..],
    )
    .await;
    assert_error(&r, "invalid_request", None);
    let r = get(
        &base,
        None,
        &base.authorize_url("nope", "juchu://oauth/base", "read_orders", "s")
            [base.base_url().len()..],
    )
    .await;
    assert_error(&r, "unauthorized_client", None);

    base.set_deny_authorization(true);
    let (status, loc) = authorize(&base, "juchu://oauth/base", "abc").await;
    assert_eq!(status, 302);
    let loc = loc.expect("location");
    assert_eq!(q(&loc, "error").as_deref(), Some("access_denied"));
    assert_eq!(q(&loc, "state").as_deref(), Some("abc"));
    assert_eq!(q(&loc, "code"), None);
}

#[tokio::test]
async fn code_exchange_gives_bearer_tokens_once() {
    let base = start(0).await;
    let code = code_for(&base, "juchu://oauth/base").await;
    let (status, body) = exchange(&base, &code, "juchu://oauth/base").await;
    assert_eq!(status, 200, "{body}");
    let obj = body.as_object().expect("object");
    assert_eq!(obj.len(), 4);
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(is_hex32(&body["access_token"]) && is_hex32(&body["refresh_token"]));
    // The token works.
    let token = body["access_token"].as_str().expect("token").to_string();
    assert_eq!(get(&base, Some(&token), "/1/orders").await.0, 200);
    // Single use.
    assert_error(
        &exchange(&base, &code, "juchu://oauth/base").await,
        "invalid_request",
        Some("不正な認可コードです。"),
    );
    assert_error(
        &exchange(
            &base,
            "0123456789abcdef0123456789abcdef",
            "juchu://oauth/base",
        )
        .await,
        "invalid_request",
        Some("不正な認可コードです。"),
    );
}

#[tokio::test]
async fn code_expires_and_must_come_with_its_redirect_uri() {
    let base = start(0).await;
    let code = code_for(&base, "juchu://oauth/base").await;
    base.clock().advance(Duration::minutes(11));
    let r = exchange(&base, &code, "juchu://oauth/base").await;
    assert_error(
        &r,
        "invalid_request",
        Some("認可コードの有効期限が切れています。"),
    );

    let code = code_for(&base, "http://127.0.0.1:40000/oauth/base").await;
    let r = exchange(&base, &code, "juchu://oauth/base").await;
    assert_error(&r, "invalid_request", Some("不正な認可コードです。"));
}

#[tokio::test]
async fn client_credentials_by_form_or_basic_and_their_errors() {
    let base = start(0).await;
    let code = code_for(&base, "juchu://oauth/base").await;
    let r = http()
        .post(format!("{}/1/oauth/token", base.base_url()))
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=authorization_code&code={code}&redirect_uri=juchu%3A%2F%2Foauth%2Fbase"
        ))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);

    let code = code_for(&base, "juchu://oauth/base").await;
    let missing_secret = post_form(
        &base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("code", &code),
            ("redirect_uri", "juchu://oauth/base"),
        ],
    )
    .await;
    assert_error(&missing_secret, "invalid_request", None);
    let wrong_secret = post_form(
        &base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", "wrong"),
            ("code", &code),
            ("redirect_uri", "juchu://oauth/base"),
        ],
    )
    .await;
    assert_error(&wrong_secret, "unauthorized_client", None);
    base.register_client(OAuthClient {
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: DEMO_CLIENT_SECRET.into(),
        redirect_uris: vec!["juchu://oauth/base".into()],
        suspended: true,
    });
    assert_error(
        &exchange(&base, &code, "juchu://oauth/base").await,
        "unauthorized_client",
        None,
    );

    let bad_grant = post_form(
        &base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "password"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
        ],
    )
    .await;
    assert_error(&bad_grant, "unauthorized_client", None);
    let not_post = get(&base, None, "/1/oauth/token").await;
    assert_error(&not_post, "access_denied", None);
}

#[tokio::test]
async fn registered_clients_are_configurable() {
    let base = start(0).await;
    base.register_client(OAuthClient {
        client_id: "c2".into(),
        client_secret: "s2".into(),
        redirect_uris: vec!["https://shop.example/callback.php".into()],
        suspended: false,
    });
    let r = http()
        .get(base.authorize_url(
            "c2",
            "https://shop.example/callback.php",
            "read_orders",
            "z",
        ))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 302);
    let r = get(
        &base,
        None,
        &base.authorize_url("c2", "juchu://oauth/base", "read_orders", "z")
            [base.base_url().len()..],
    )
    .await;
    assert_error(&r, "invalid_request", None);
    let bad_grant = post_form(
        &base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "password"),
            ("client_id", "c2"),
            ("client_secret", "s2"),
            ("redirect_uri", "https://shop.example/callback.php"),
        ],
    )
    .await;
    assert_error(&bad_grant, "invalid_request", None);
}

#[tokio::test]
async fn refresh_rotates_needs_redirect_uri_and_expires_after_30_days() {
    let base = start(0).await;
    let code = code_for(&base, "juchu://oauth/base").await;
    let first = exchange(&base, &code, "juchu://oauth/base").await.1;
    let old_refresh = first["refresh_token"].as_str().expect("rt").to_string();

    let no_redirect = post_form(
        &base,
        None,
        "/1/oauth/token",
        &[
            ("grant_type", "refresh_token"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("refresh_token", &old_refresh),
        ],
    )
    .await;
    assert_error(&no_redirect, "invalid_request", None);

    base.clock().advance(Duration::hours(2));
    let (status, second) = refresh(&base, &old_refresh).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);
    assert!(is_hex32(&second["refresh_token"]));
    // Rotation (UNCERTAIN): the old refresh token is gone.
    assert_error(
        &refresh(&base, &old_refresh).await,
        "invalid_request",
        Some("不正なリフレッシュトークンです。"),
    );
    // The new one lives 30 days from this refresh.
    let new_refresh = second["refresh_token"].as_str().expect("rt").to_string();
    base.clock().advance(Duration::days(29));
    let (status, third) = refresh(&base, &new_refresh).await;
    assert_eq!(status, 200);
    base.clock()
        .advance(Duration::days(30) + Duration::seconds(1));
    let third_refresh = third["refresh_token"].as_str().expect("rt").to_string();
    assert_error(
        &refresh(&base, &third_refresh).await,
        "invalid_request",
        Some("リフレッシュトークンの有効期限が切れています。"),
    );
}

#[tokio::test]
async fn access_token_lives_one_hour_on_the_test_clock() {
    let base = start(3).await;
    let t = base.issue_tokens("read_orders");
    assert_eq!(get(&base, Some(&t.access_token), "/1/orders").await.0, 200);
    base.clock().advance(Duration::minutes(59));
    assert_eq!(get(&base, Some(&t.access_token), "/1/orders").await.0, 200);
    base.clock().advance(Duration::minutes(1));
    let r = get(&base, Some(&t.access_token), "/1/orders").await;
    assert_error(&r, "invalid_request", Some("アクセストークンが無効です。"));

    let t = base.issue_tokens("read_orders");
    base.faults().set_credentials_expired(true);
    assert_error(
        &get(&base, Some(&t.access_token), "/1/orders").await,
        "invalid_request",
        Some("アクセストークンが無効です。"),
    );
    base.faults().set_credentials_expired(false);
    assert_eq!(get(&base, Some(&t.access_token), "/1/orders").await.0, 200);
    base.expire_access_tokens();
    assert_error(
        &get(&base, Some(&t.access_token), "/1/orders").await,
        "invalid_request",
        Some("アクセストークンが無効です。"),
    );
    assert_error(
        &get(&base, None, "/1/orders").await,
        "invalid_request",
        Some("アクセストークンが無効です。"),
    );
}
