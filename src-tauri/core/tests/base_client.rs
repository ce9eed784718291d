//! The BASE client and the OAuth flow against the BASE fake (tests/fakemall),
//! with the real keyring: run inside `keyctl session -` on Linux.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use fakemall::base::{BaseConfig, FakeBase, OAuthClient, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use fakemall::Fault;
use juchu_core::domain::{Carrier, IncomingOrder, Mall};
use juchu_core::malls::base::oauth::{self, DEEP_LINK_REDIRECT, RECONNECT};
use juchu_core::malls::base::{BaseClient, BaseOptions};
use juchu_core::malls::browser_auth::Pending;
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::{
    loopback, FetchWindow, FetchedPage, KnownOrders, MallClient, MallError, ShipmentForExport,
    Stage,
};
use juchu_core::secrets::Secrets;

const SHOP: i64 = 7;
const ALL_SCOPES: &str = "read_users read_orders write_orders";

async fn fake(orders: usize) -> FakeBase {
    FakeBase::start(BaseConfig {
        orders,
        seed: 5,
        ..Default::default()
    })
    .await
    .expect("start the BASE fake")
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A fresh namespace in the real keyring, with the demo app's credentials.
fn secrets_with_client() -> Secrets {
    let s = Secrets::new(&uuid::Uuid::new_v4().to_string());
    s.set(SHOP, "client_id", DEMO_CLIENT_ID)
        .expect("a usable keyring: run inside `keyctl session -`");
    s.set(SHOP, "client_secret", DEMO_CLIENT_SECRET).unwrap();
    s
}

fn client(base: &FakeBase, s: &Secrets) -> BaseClient {
    client_with(base, s, HttpOptions::fast(), 4_900)
}

fn client_with(base: &FakeBase, s: &Secrets, http: HttpOptions, hour_budget: u32) -> BaseClient {
    BaseClient::with_options(
        SHOP,
        s.clone(),
        BaseOptions {
            api_base: base.base_url(),
            http,
            hour_budget,
        },
    )
}

/// Tokens as a finished authorization leaves them (without the dance).
fn store_tokens(base: &FakeBase, s: &Secrets, scope: &str) -> fakemall::base::TokenResponse {
    let t = base.issue_tokens(scope);
    s.set(SHOP, "access_token", &t.access_token).unwrap();
    s.set(SHOP, "refresh_token", &t.refresh_token).unwrap();
    s.set(SHOP, "token_expires_at", &(now() + 3600).to_string())
        .unwrap();
    s.set(SHOP, "redirect_uri", DEEP_LINK_REDIRECT).unwrap();
    t
}

/// A connected client, with the fake's request record cleared.
fn connected(base: &FakeBase) -> (Secrets, BaseClient) {
    let s = secrets_with_client();
    store_tokens(base, &s, ALL_SCOPES);
    let c = client(base, &s);
    base.clear_requests();
    (s, c)
}

fn window() -> FetchWindow {
    FetchWindow {
        from: now() - 31 * 86_400,
        to: now() + 3_600,
    }
}

#[derive(Default)]
struct Fetched {
    orders: Vec<IncomingOrder>,
    unchanged: Vec<String>,
    pages: usize,
}

impl Fetched {
    fn known(&self) -> KnownOrders {
        self.orders
            .iter()
            .map(|o| {
                (
                    o.mall_order_id.clone(),
                    o.mall_modified.clone().unwrap_or_default(),
                )
            })
            .collect()
    }
}

async fn fetch(c: &BaseClient, known: &KnownOrders) -> (Fetched, Result<(), MallError>) {
    let mut got = Fetched::default();
    let result = {
        let mut sink = |p: FetchedPage| {
            got.pages += 1;
            got.orders.extend(p.orders);
            got.unchanged.extend(p.unchanged);
        };
        c.fetch(window(), known, &mut sink).await
    };
    (got, result)
}

fn routes(base: &FakeBase) -> Vec<String> {
    base.requests().iter().map(|r| r.route()).collect()
}

fn count(base: &FakeBase, route: &str) -> usize {
    routes(base).iter().filter(|r| r.as_str() == route).count()
}

fn details(base: &FakeBase) -> usize {
    base.requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/1/orders/detail/"))
        .count()
}

fn names_base(e: &MallError) {
    assert!(
        e.to_string().contains("BASE"),
        "message must name BASE: {e}"
    );
}

// ----- OAuth -----

#[tokio::test]
async fn oauth_through_the_loopback() {
    let base = fake(3).await;
    let s = secrets_with_client();
    let lb = loopback::listen(Mall::Base).unwrap();
    let auth = oauth::begin_at(&base.base_url(), SHOP, &s, &lb.redirect_uri).unwrap();
    assert!(auth
        .url
        .starts_with(&format!("{}/1/oauth/authorize?", base.base_url())));
    assert_eq!(auth.redirect_uri, lb.redirect_uri);
    let waiting = tokio::spawn(lb.wait(Duration::from_secs(10)));

    // The browser: BASE approves and redirects to the loopback, which answers a page.
    let page = reqwest::get(&auth.url).await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let text = page.text().await.unwrap();
    assert!(
        text.contains("認可が完了しました。Juchu に戻ってください。"),
        "{text}"
    );
    let redirected = waiting.await.unwrap().unwrap();
    assert!(redirected.starts_with(&auth.redirect_uri), "{redirected}");

    let authorize = base.requests()[0].clone();
    assert_eq!(authorize.route(), "GET /1/oauth/authorize");
    assert_eq!(authorize.query_param("scope").as_deref(), Some(ALL_SCOPES));
    assert_eq!(
        authorize.query_param("state").as_deref(),
        Some(auth.state.as_str())
    );
    assert_eq!(
        authorize.query_param("client_id").as_deref(),
        Some(DEMO_CLIENT_ID)
    );
    assert_eq!(
        authorize.query_param("response_type").as_deref(),
        Some("code")
    );
    assert!(auth.state.len() >= 16, "a random state");

    oauth::finish(SHOP, &s, &auth, &redirected).await.unwrap();
    let token = base
        .requests()
        .into_iter()
        .find(|r| r.path == "/1/oauth/token")
        .unwrap();
    assert_eq!(
        token.form_param("grant_type").as_deref(),
        Some("authorization_code")
    );
    assert_eq!(
        token.form_param("redirect_uri").as_deref(),
        Some(auth.redirect_uri.as_str())
    );
    assert_eq!(
        token.form_param("client_id").as_deref(),
        Some(DEMO_CLIENT_ID)
    );
    assert!(
        token.form_param("client_secret").is_some(),
        "client_secret in the body"
    );

    let access = s.get(SHOP, "access_token").unwrap().unwrap();
    assert_eq!(access.len(), 32);
    assert_eq!(s.get(SHOP, "refresh_token").unwrap().unwrap().len(), 32);
    let expires: i64 = s
        .get(SHOP, "token_expires_at")
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!((expires - (now() + 3600)).abs() < 60, "{expires}");
    assert_eq!(
        s.get(SHOP, "redirect_uri").unwrap(),
        Some(auth.redirect_uri.clone())
    );

    let c = client(&base, &s);
    c.test_connection().await.unwrap();
    let last = base.requests().pop().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some(format!("Bearer {access}").as_str())
    );
}

async fn authorize_location(base: &FakeBase, url: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = http.get(url).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 302, "{:?}", routes(base));
    r.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn oauth_through_the_deep_link_and_pending() {
    let base = fake(3).await;
    let s = secrets_with_client();
    let pending = Pending::default();
    let auth = oauth::begin_at(&base.base_url(), SHOP, &s, DEEP_LINK_REDIRECT).unwrap();
    pending.insert(SHOP, auth.clone());

    let location = authorize_location(&base, &auth.url).await;
    assert!(location.starts_with("juchu://oauth/base?"), "{location}");

    // The deep link arrives in another code path: the authorization is found by its state.
    let (shop, found) = pending.take_for_url(&location).unwrap();
    assert_eq!(shop, SHOP);
    assert_eq!(found, auth);
    oauth::finish(shop, &s, &found, &location).await.unwrap();
    assert_eq!(
        s.get(SHOP, "redirect_uri").unwrap().as_deref(),
        Some(DEEP_LINK_REDIRECT)
    );
    client(&base, &s).test_connection().await.unwrap();

    // A code is single use.
    let e = oauth::finish(SHOP, &s, &auth, &location).await.unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "invalid_request"),
        "{e:?}"
    );
    names_base(&e);
}

#[tokio::test]
async fn oauth_pasted_url_works_and_state_mismatch_is_refused() {
    let base = fake(0).await;
    let s = secrets_with_client();
    let auth = oauth::begin_at(&base.base_url(), SHOP, &s, DEEP_LINK_REDIRECT).unwrap();
    let location = authorize_location(&base, &auth.url).await;
    let forged = location.replace(&auth.state, "someone-elses-state");
    assert_ne!(forged, location);
    base.clear_requests();

    let e = oauth::finish(SHOP, &s, &auth, &forged).await.unwrap_err();
    assert_eq!(e, MallError::StateMismatch);
    assert_eq!(e.code(), "OAUTH_STATE_MISMATCH");
    let no_state = location.replace("state=", "x=");
    assert_eq!(
        oauth::finish(SHOP, &s, &auth, &no_state).await.unwrap_err(),
        MallError::StateMismatch
    );
    assert!(base.requests().is_empty(), "no code was exchanged");
    assert_eq!(s.get(SHOP, "access_token").unwrap(), None);

    // The merchant pastes only the query part, with spaces around it.
    let pasted = format!("  ?{}  ", location.split_once('?').unwrap().1);
    oauth::finish(SHOP, &s, &auth, &pasted).await.unwrap();
    assert!(s.get(SHOP, "access_token").unwrap().is_some());
}

#[tokio::test]
async fn oauth_access_denied_bad_client_and_missing_credentials() {
    let base = fake(0).await;
    let s = secrets_with_client();

    base.set_deny_authorization(true);
    let auth = oauth::begin_at(&base.base_url(), SHOP, &s, DEEP_LINK_REDIRECT).unwrap();
    let location = authorize_location(&base, &auth.url).await;
    assert!(location.contains("error=access_denied"), "{location}");
    let e = oauth::finish(SHOP, &s, &auth, &location).await.unwrap_err();
    assert!(
        matches!(e, MallError::AccessDenied { mall: "BASE", .. }),
        "{e:?}"
    );
    names_base(&e);
    assert_eq!(s.get(SHOP, "access_token").unwrap(), None);

    // Through the loopback the merchant sees the denial page.
    let lb = loopback::listen(Mall::Base).unwrap();
    let auth = oauth::begin_at(&base.base_url(), SHOP, &s, &lb.redirect_uri).unwrap();
    let waiting = tokio::spawn(lb.wait(Duration::from_secs(10)));
    let text = reqwest::get(&auth.url).await.unwrap().text().await.unwrap();
    assert!(text.contains("連携が許可されませんでした"), "{text}");
    let redirected = waiting.await.unwrap().unwrap();
    assert!(matches!(
        oauth::finish(SHOP, &s, &auth, &redirected)
            .await
            .unwrap_err(),
        MallError::AccessDenied { mall: "BASE", .. }
    ));

    // A wrong client_secret is named as such.
    base.set_deny_authorization(false);
    let auth = oauth::begin_at(&base.base_url(), SHOP, &s, DEEP_LINK_REDIRECT).unwrap();
    let location = authorize_location(&base, &auth.url).await;
    s.set(SHOP, "client_secret", "0000").unwrap();
    let e = oauth::finish(SHOP, &s, &auth, &location).await.unwrap_err();
    assert!(matches!(e, MallError::BadClient { .. }), "{e:?}");
    names_base(&e);
    assert!(!e.to_string().contains("0000"), "no secret in the message");

    // begin needs both credentials.
    let empty = Secrets::new(&uuid::Uuid::new_v4().to_string());
    match oauth::begin_at(&base.base_url(), SHOP, &empty, DEEP_LINK_REDIRECT) {
        Err(e @ MallError::MissingCredentials { .. }) => {
            let m = e.to_string();
            assert!(
                m.contains("クライアントID") && m.contains("クライアントシークレット"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
}

// ----- tokens -----

#[tokio::test]
async fn expired_access_token_is_refreshed_during_a_fetch_keeping_the_newest_refresh_token() {
    let base = fake(5).await;
    let (s, c) = connected(&base);
    let first_refresh = s.get(SHOP, "refresh_token").unwrap().unwrap();
    base.clock().advance(chrono::Duration::minutes(61));

    let (got, r) = fetch(&c, &KnownOrders::new()).await;
    r.unwrap();
    assert_eq!(got.orders.len(), 5);
    assert_eq!(
        routes(&base)[..3],
        ["GET /1/orders", "POST /1/oauth/token", "GET /1/orders"]
    );
    let token = base.requests()[1].clone();
    assert_eq!(
        token.form_param("grant_type").as_deref(),
        Some("refresh_token")
    );
    assert_eq!(
        token.form_param("refresh_token").as_deref(),
        Some(first_refresh.as_str())
    );
    assert_eq!(
        token.form_param("redirect_uri").as_deref(),
        Some(DEEP_LINK_REDIRECT)
    );
    assert_eq!(
        token.form_param("client_id").as_deref(),
        Some(DEMO_CLIENT_ID)
    );
    assert!(token.form_param("client_secret").is_some());
    assert_eq!(c.calls(), 1 + 1 + 1 + 5);

    let second_refresh = s.get(SHOP, "refresh_token").unwrap().unwrap();
    assert_ne!(
        second_refresh, first_refresh,
        "the newest refresh token is stored"
    );
    // The fake rotates refresh tokens: only the stored one works now.
    base.clock().advance(chrono::Duration::minutes(61));
    base.clear_requests();
    c.test_connection().await.unwrap();
    assert_eq!(count(&base, "POST /1/oauth/token"), 1);
    let third = s.get(SHOP, "refresh_token").unwrap().unwrap();
    assert_ne!(third, second_refresh);
}

#[tokio::test]
async fn a_token_about_to_expire_is_refreshed_before_the_call() {
    let base = fake(1).await;
    let (s, c) = connected(&base);
    let old_access = s.get(SHOP, "access_token").unwrap().unwrap();
    s.set(SHOP, "token_expires_at", &(now() + 120).to_string())
        .unwrap();
    c.test_connection().await.unwrap();
    assert_eq!(routes(&base), ["POST /1/oauth/token", "GET /1/orders"]);
    let new_access = s.get(SHOP, "access_token").unwrap().unwrap();
    assert_ne!(new_access, old_access);
    let expires: i64 = s
        .get(SHOP, "token_expires_at")
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(expires > now() + 3000);
}

#[tokio::test]
async fn concurrent_calls_refresh_once() {
    let base = fake(1).await;
    let (_s, c) = connected(&base);
    base.expire_access_tokens();
    let c = Arc::new(c);
    let (a, b) = tokio::join!(c.test_connection(), c.test_connection());
    a.unwrap();
    b.unwrap();
    assert_eq!(
        count(&base, "POST /1/oauth/token"),
        1,
        "{:?}",
        routes(&base)
    );

    // Another process (another client on the same keyring) refreshed meanwhile:
    // this one picks the new token up instead of refreshing again.
    let (s2, c2) = connected(&base);
    let other = client(&base, &s2);
    base.expire_access_tokens();
    other.test_connection().await.unwrap();
    base.clear_requests();
    c2.test_connection().await.unwrap();
    assert_eq!(routes(&base), ["GET /1/orders"]);
}

#[tokio::test]
async fn expired_refresh_token_means_authorize_again() {
    let base = fake(1).await;
    let (_s, c) = connected(&base);
    base.expire_access_tokens();
    base.expire_refresh_tokens();
    let (_, r) = fetch(&c, &KnownOrders::new()).await;
    let e = r.unwrap_err();
    assert_eq!(
        e,
        MallError::RefreshExpired {
            mall: "BASE",
            fix: RECONNECT
        }
    );
    assert!(e.needs_reauthorization());
    names_base(&e);
}

#[tokio::test]
async fn no_tokens_bad_client_and_persistent_invalid_token() {
    let base = fake(1).await;
    // Never authorized: nothing is sent.
    let s = secrets_with_client();
    let c = client(&base, &s);
    base.clear_requests();
    let e = c.test_connection().await.unwrap_err();
    assert_eq!(
        e,
        MallError::NotAuthorized {
            mall: "BASE",
            fix: oauth::NOT_CONNECTED
        }
    );
    names_base(&e);
    assert!(base.requests().is_empty());

    // The app was suspended at BASE Developers: the refresh says unauthorized_client.
    let (_s, c) = connected(&base);
    base.register_client(OAuthClient {
        suspended: true,
        ..fakemall::base::demo_client()
    });
    base.expire_access_tokens();
    let e = c.test_connection().await.unwrap_err();
    assert!(matches!(e, MallError::BadClient { .. }), "{e:?}");
    assert!(!e.to_string().contains(DEMO_CLIENT_SECRET));
    names_base(&e);
    base.register_client(fakemall::base::demo_client());

    // BASE keeps refusing the fresh token too: refreshed once, then Unauthorized.
    let (_s, c) = connected(&base);
    base.faults().set_credentials_expired(true);
    let e = c.test_connection().await.unwrap_err();
    assert!(matches!(e, MallError::Unauthorized { .. }), "{e:?}");
    assert!(e.needs_reauthorization());
    names_base(&e);
    assert_eq!(
        routes(&base),
        ["GET /1/orders", "POST /1/oauth/token", "GET /1/orders"]
    );
}

// ----- fetch -----

#[tokio::test]
async fn first_fetch_reads_details_and_a_refetch_only_the_list() {
    let base = fake(250).await;
    let (_s, c) = connected(&base);
    let (got, r) = fetch(&c, &KnownOrders::new()).await;
    r.unwrap();
    assert_eq!(got.orders.len(), 250);
    assert_eq!(got.pages, 3);
    assert_eq!(count(&base, "GET /1/orders"), 3);
    assert_eq!(details(&base), 250);
    assert_eq!(c.calls(), 253);
    assert_eq!(base.requests().len(), 253);
    let mut keys: Vec<_> = got.orders.iter().map(|o| o.mall_order_id.clone()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 250, "no order twice");

    // The list query: JST bounds, 100 per page, offset paging.
    let lists: Vec<_> = base
        .requests()
        .into_iter()
        .filter(|r| r.route() == "GET /1/orders")
        .collect();
    let offsets: Vec<_> = lists
        .iter()
        .map(|r| r.query_param("offset").unwrap())
        .collect();
    assert_eq!(offsets, ["0", "100", "200"]);
    assert!(lists
        .iter()
        .all(|r| r.query_param("limit").as_deref() == Some("100")));
    let start = lists[0].query_param("start_ordered").unwrap();
    let start = chrono::NaiveDateTime::parse_from_str(&start, "%Y-%m-%d %H:%M:%S").unwrap();
    let start = start.and_utc().timestamp() - 9 * 3600; // JST wall clock
    assert!((start - window().from).abs() < 60, "start_ordered is JST");

    // Second sync: nothing changed, only the three list pages.
    let known = got.known();
    base.clear_requests();
    let (again, r) = fetch(&c, &known).await;
    r.unwrap();
    assert!(again.orders.is_empty());
    assert_eq!(again.unchanged.len(), 250);
    assert_eq!(base.requests().len(), 3);
    assert_eq!(c.calls(), 256);

    // One order changes at BASE: one detail call more.
    let changed = base.orders()[17].unique_key.clone();
    assert!(base.update_order(&changed, |o| {
        o.remark = Some("再配達希望".into());
        o.modified += 10;
    }));
    base.clear_requests();
    let (third, r) = fetch(&c, &known).await;
    r.unwrap();
    assert_eq!(third.orders.len(), 1);
    assert_eq!(third.orders[0].mall_order_id, changed);
    assert_eq!(third.orders[0].remark, "再配達希望");
    assert_eq!(third.unchanged.len(), 249);
    assert_eq!(base.requests().len(), 4);
}

#[tokio::test]
async fn fetched_orders_map_every_status_and_payment() {
    let base = fake(18).await; // the fake's coverage set: every payment and status
    let (_s, c) = connected(&base);
    let (got, r) = fetch(&c, &KnownOrders::new()).await;
    r.unwrap();
    let by_key: HashMap<_, _> = got
        .orders
        .iter()
        .map(|o| (o.mall_order_id.clone(), o))
        .collect();
    for o in base.orders() {
        let i = by_key[&o.unique_key];
        assert_eq!(i.mall_status, o.dispatch_status);
        assert_eq!(
            i.initial_status,
            juchu_core::malls::base::first_status(&o.dispatch_status)
        );
        assert_eq!(i.mall_cancelled(), o.dispatch_status == "cancelled");
        assert_eq!(i.total, o.total);
        assert_eq!(i.items.len(), o.order_items.len());
        assert_eq!(i.mall_modified, Some(o.modified.to_string()));
        assert_eq!(i.raw["unique_key"], o.unique_key.as_str());
        assert!(!i.payment_method.is_empty());
        assert!(
            !i.payment_method
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
            "{}",
            i.payment_method
        );
    }
    let statuses: std::collections::HashSet<_> =
        got.orders.iter().map(|o| o.mall_status.as_str()).collect();
    for s in [
        "ordered",
        "unpaid",
        "cancelled",
        "dispatched",
        "shipping",
        "unshippable",
    ] {
        assert!(statuses.contains(s), "{s}");
    }
}

#[tokio::test]
async fn hour_api_limit_stops_with_retry_at_and_keeps_what_was_read() {
    let base = fake(10).await;
    let (_s, c) = connected(&base);
    base.set_hour_limit(3);
    let before = now();
    let (got, r) = fetch(&c, &KnownOrders::new()).await;
    let after = now();
    let e = r.unwrap_err();
    let MallError::RateLimited {
        retry_at: Some(at), ..
    } = &e
    else {
        panic!("{e:?}")
    };
    let next_hour = |t: i64| (t / 3600 + 1) * 3600;
    assert!(*at == next_hour(before) || *at == next_hour(after), "{at}");
    assert!(e.is_transient());
    names_base(&e);
    // list + 2 details passed, the third detail hit the limit: the 2 orders were handed over.
    // (Details are read several at a time: those already on their way hit the limit too.)
    assert_eq!(got.orders.len(), 2);
    let sent = base.requests().len();
    assert!(
        (4..=3 + juchu_core::malls::base::uncertain::DETAILS_AT_ONCE).contains(&sent),
        "{sent}"
    );
    assert_eq!(c.calls() as usize, sent, "a limit answer is not retried");
}

#[tokio::test]
async fn day_api_limit_resumes_at_jst_midnight() {
    let base = fake(5).await;
    let (_s, c) = connected(&base);
    base.set_day_limit(1);
    let (_, r) = fetch(&c, &KnownOrders::new()).await;
    let e = r.unwrap_err();
    let MallError::RateLimited {
        retry_at: Some(at), ..
    } = &e
    else {
        panic!("{e:?}")
    };
    let midnight = juchu_core::time::jst(*at);
    assert_eq!(midnight.format("%H:%M:%S").to_string(), "00:00:00");
    assert!(*at > now() && *at <= now() + 86_400);
    names_base(&e);
}

#[tokio::test]
async fn the_clients_own_hour_budget_stops_before_the_limit() {
    let base = fake(30).await;
    let s = secrets_with_client();
    store_tokens(&base, &s, ALL_SCOPES);
    let c = client_with(&base, &s, HttpOptions::fast(), 5);
    base.clear_requests();
    let (got, r) = fetch(&c, &KnownOrders::new()).await;
    let e = r.unwrap_err();
    assert!(
        matches!(&e, MallError::RateLimited { retry_at: Some(_), limit, .. } if limit.contains("Juchu")),
        "{e:?}"
    );
    names_base(&e);
    assert_eq!(base.requests().len(), 5, "never more than the budget");
    assert_eq!(got.orders.len(), 4);
}

#[tokio::test]
async fn transient_get_failures_are_retried() {
    let base = fake(5).await;
    let (_s, c) = connected(&base);
    for fault in [
        Fault::Status(503),
        Fault::TruncatedBody,
        Fault::HtmlErrorPage(502),
        Fault::MalformedJson,
    ] {
        base.clear_requests();
        base.faults().inject_next(fault.clone());
        let before = c.calls();
        let (got, r) = fetch(&c, &KnownOrders::new()).await;
        r.unwrap_or_else(|e| panic!("{fault:?}: {e:?}"));
        assert_eq!(got.orders.len(), 5, "{fault:?}");
        let reqs = base.requests();
        assert_eq!(reqs.len(), 7, "{fault:?}: one retry");
        assert_eq!(reqs[0].fault.as_ref(), Some(&fault));
        assert_eq!(reqs[0].route(), "GET /1/orders");
        assert_eq!(reqs[1].route(), "GET /1/orders");
        assert_eq!(reqs[1].status, Some(200));
        assert_eq!(c.calls() - before, 7);
    }

    // A detail call is retried too, and a hang ends in the client's timeout, then a retry.
    let s = secrets_with_client();
    store_tokens(&base, &s, ALL_SCOPES);
    let mut http = HttpOptions::fast();
    http.request_timeout = Duration::from_millis(400);
    let quick = client_with(&base, &s, http, 4_900);
    base.faults()
        .update(|f| f.hang_for = Duration::from_secs(5));
    base.clear_requests();
    base.faults().inject_next(Fault::Hang);
    let started = std::time::Instant::now();
    let (got, r) = fetch(&quick, &KnownOrders::new()).await;
    r.unwrap();
    assert_eq!(got.orders.len(), 5);
    assert_eq!(base.requests().len(), 7);
    assert_eq!(base.requests()[0].fault, Some(Fault::Hang));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the client gave up on the hang"
    );
}

#[tokio::test]
async fn persistent_failures_give_up_after_three_tries() {
    let base = fake(2).await;
    let (_s, c) = connected(&base);
    base.faults().inject_next_n(3, Fault::Status(500));
    let (_, r) = fetch(&c, &KnownOrders::new()).await;
    let e = r.unwrap_err();
    assert_eq!(
        e,
        MallError::Server {
            mall: "BASE",
            status: 500
        }
    );
    names_base(&e);
    assert_eq!(base.requests().len(), 3);

    base.clear_requests();
    base.faults().inject_next_n(3, Fault::MalformedJson);
    let (_, r) = fetch(&c, &KnownOrders::new()).await;
    let e = r.unwrap_err();
    assert!(matches!(e, MallError::Malformed { .. }), "{e:?}");
    names_base(&e);

    base.clear_requests();
    base.faults().set_maintenance(true);
    let e = c.test_connection().await.unwrap_err();
    assert_eq!(e, MallError::Maintenance { mall: "BASE" });
    names_base(&e);
    assert_eq!(
        base.requests().len(),
        1,
        "maintenance is not retried at once"
    );
    base.faults().set_maintenance(false);

    base.faults().set_force_rate_limit(true);
    let e = c.test_connection().await.unwrap_err();
    assert!(matches!(e, MallError::RateLimited { .. }), "{e:?}");
    names_base(&e);
    base.faults().set_force_rate_limit(false);

    // Hangs: the client's timeout, three times.
    let s = secrets_with_client();
    store_tokens(&base, &s, ALL_SCOPES);
    let mut http = HttpOptions::fast();
    http.request_timeout = Duration::from_millis(300);
    let quick = client_with(&base, &s, http, 4_900);
    base.faults()
        .update(|f| f.hang_for = Duration::from_secs(5));
    base.faults().inject_next_n(3, Fault::Hang);
    base.clear_requests();
    let e = quick.test_connection().await.unwrap_err();
    assert_eq!(e, MallError::Timeout { mall: "BASE" });
    names_base(&e);
    assert_eq!(base.requests().len(), 3);
}

#[tokio::test]
async fn an_unreachable_server_is_a_network_error() {
    let base = fake(0).await;
    let (s, _c) = connected(&base);
    let url = base.base_url();
    base.stop().await;
    let c = BaseClient::with_options(
        SHOP,
        s,
        BaseOptions {
            api_base: url,
            http: HttpOptions::fast(),
            hour_budget: 4_900,
        },
    );
    let e = c.test_connection().await.unwrap_err();
    assert!(matches!(e, MallError::Network { .. }), "{e:?}");
    names_base(&e);
    assert_eq!(c.calls(), 3, "connection errors are retried");
}

// ----- 発送情報の更新 -----

async fn orders_by_key(base: &FakeBase, c: &BaseClient) -> HashMap<String, IncomingOrder> {
    let (got, r) = fetch(c, &KnownOrders::new()).await;
    r.unwrap();
    base.clear_requests();
    got.orders
        .into_iter()
        .map(|o| (o.mall_order_id.clone(), o))
        .collect()
}

fn find(base: &FakeBase, payment: &str, status: &str) -> String {
    base.orders()
        .into_iter()
        .find(|o| o.payment == payment && o.dispatch_status == status)
        .unwrap_or_else(|| panic!("no {payment}/{status} order"))
        .unique_key
}

fn export(o: &IncomingOrder, carrier: Carrier, tracking: &str) -> ShipmentForExport {
    ShipmentForExport {
        order_id: 1,
        mall_order_id: o.mall_order_id.clone(),
        shipment_ref: String::new(),
        tracking_number: tracking.to_string(),
        carrier,
        ship_date: None,
        raw: o.raw.clone(),
    }
}

#[tokio::test]
async fn send_unit_dispatches_one_item_and_never_twice() {
    let base = fake(18).await;
    let (_s, c) = connected(&base);
    let key = find(&base, "creditcard", "ordered");
    // Make it a three-item order whose last item was cancelled.
    base.update_order(&key, |o| {
        o.order_items[0].status = "ordered".into(); // the fake may have dispatched it
        let mut second = o.order_items[0].clone();
        second.order_item_id = 99_000_001;
        let mut cancelled = o.order_items[0].clone();
        cancelled.order_item_id = 99_000_002;
        cancelled.status = "cancelled".into();
        o.order_items.truncate(1);
        o.hidden.yamato_kantan = false;
        o.order_items.push(second);
        o.order_items.push(cancelled);
    });
    let orders = orders_by_key(&base, &c).await;
    let o = export(&orders[&key], Carrier::Yamato, "123412341234");
    let units = c.shipment_units(&o, Stage::Shipped);
    let items = base.order(&key).unwrap().order_items;
    let expected: Vec<String> = items
        .iter()
        .filter(|i| i.status != "cancelled")
        .map(|i| i.order_item_id.to_string())
        .collect();
    assert_eq!(units, expected);
    assert_eq!(units.len(), 2);
    assert!(c
        .shipped_units(&o, Stage::Shipped)
        .await
        .unwrap()
        .is_empty());

    c.send_unit(&o, Stage::Shipped, &units[0]).await.unwrap();
    let after = base.order(&key).unwrap();
    let item = after
        .order_items
        .iter()
        .find(|i| i.order_item_id.to_string() == units[0])
        .unwrap();
    assert_eq!(item.status, "dispatched");
    assert_eq!(after.tracking_number.as_deref(), Some("123412341234"));
    assert_eq!(after.delivery_company_id, 1, "クロネコヤマト");
    let post = base
        .requests()
        .into_iter()
        .find(|r| r.route() == "POST /1/orders/edit_status")
        .unwrap();
    assert_eq!(post.form_param("order_item_id"), Some(units[0].clone()));
    assert_eq!(post.form_param("status").as_deref(), Some("dispatched"));
    assert_eq!(post.form_param("delivery_company_id").as_deref(), Some("1"));
    assert_eq!(
        post.form_param("tracking_number").as_deref(),
        Some("123412341234")
    );
    assert!(post
        .header("content-type")
        .unwrap()
        .starts_with("application/x-www-form-urlencoded"));

    assert_eq!(
        c.shipped_units(&o, Stage::Shipped).await.unwrap(),
        vec![units[0].clone()]
    );

    // Dispatch is not idempotent at BASE: repeating is refused.
    let e = c
        .send_unit(&o, Stage::Shipped, &units[0])
        .await
        .unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "not_change_status"),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("この注文のステータスは変更できません。"),
        "{e}"
    );
    names_base(&e);

    // The delivery companies were read once for this client.
    assert_eq!(count(&base, "GET /1/delivery_companies"), 1);

    // Every unit sent: the order is dispatched at BASE.
    for u in &units[1..] {
        c.send_unit(&o, Stage::Shipped, u).await.unwrap();
    }
    assert_eq!(base.order(&key).unwrap().dispatch_status, "dispatched");
    assert_eq!(c.shipped_units(&o, Stage::Shipped).await.unwrap(), units);
}

#[tokio::test]
async fn send_unit_rules_unpaid_atobarai_carriers_scope() {
    let base = fake(18).await;
    let (_s, c) = connected(&base);
    let orders = orders_by_key(&base, &c).await;

    // Unpaid cvs: refused until the buyer pays.
    let key = find(&base, "cvs", "unpaid");
    let o = export(&orders[&key], Carrier::Sagawa, "123456789012");
    let unit = c.shipment_units(&o, Stage::Shipped)[0].clone();
    let e = c.send_unit(&o, Stage::Shipped, &unit).await.unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "not_change_status_cvs"),
        "{e:?}"
    );
    names_base(&e);
    assert!(base.mark_paid(&key));
    c.send_unit(&o, Stage::Shipped, &unit).await.unwrap();
    assert_eq!(base.order(&key).unwrap().delivery_company_id, 2, "佐川急便");

    // Unpaid BASE bank transfer.
    let key = find(&base, "base_bt", "unpaid");
    let o = export(&orders[&key], Carrier::Yamato, "123456789012");
    let e = c
        .send_unit(&o, Stage::Shipped, &c.shipment_units(&o, Stage::Shipped)[0])
        .await
        .unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "not_change_status_base_bt"),
        "{e:?}"
    );

    // unshippable cannot be changed.
    let key = find(&base, "bt", "unshippable");
    let o = export(&orders[&key], Carrier::Yamato, "123456789012");
    let e = c
        .send_unit(&o, Stage::Shipped, &c.shipment_units(&o, Stage::Shipped)[0])
        .await
        .unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "not_change_status"),
        "{e:?}"
    );

    // ヤマトかんたん発送App orders cannot be dispatched through the API.
    let key = find(&base, "carrier_01", "ordered");
    base.update_order(&key, |o| o.hidden.yamato_kantan = true);
    let o = export(&orders[&key], Carrier::Yamato, "123456789012");
    let e = c
        .send_unit(&o, Stage::Shipped, &c.shipment_units(&o, Stage::Shipped)[0])
        .await
        .unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "not_change_status_YamatoDelivery"),
        "{e:?}"
    );
    names_base(&e);

    // atobarai: one call with atobarai_status=shipping moves the whole order.
    let key = find(&base, "atobarai", "ordered");
    let o = export(&orders[&key], Carrier::JapanPost, "12345678901");
    let units = c.shipment_units(&o, Stage::Shipped);
    assert_eq!(units.len(), 1);
    assert!(c
        .shipped_units(&o, Stage::Shipped)
        .await
        .unwrap()
        .is_empty());
    base.clear_requests();
    c.send_unit(&o, Stage::Shipped, &units[0]).await.unwrap();
    let post = base.requests().pop().unwrap();
    assert_eq!(
        post.form_param("atobarai_status").as_deref(),
        Some("shipping")
    );
    assert_eq!(post.form_param("status"), None);
    assert_eq!(
        post.form_param("delivery_company_id").as_deref(),
        Some("4"),
        "日本郵便"
    );
    assert_eq!(base.order(&key).unwrap().dispatch_status, "shipping");
    assert_eq!(c.shipped_units(&o, Stage::Shipped).await.unwrap(), units);

    // A carrier BASE does not list: refused before anything is sent.
    let key = find(&base, "coin", "ordered");
    let o = export(&orders[&key], Carrier::Seino, "1234567890");
    base.clear_requests();
    let e = c
        .send_unit(&o, Stage::Shipped, &c.shipment_units(&o, Stage::Shipped)[0])
        .await
        .unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "no_delivery_company"),
        "{e:?}"
    );
    let m = e.to_string();
    assert!(
        m.contains("西濃運輸") && m.contains("クロネコヤマト") && m.contains("変えて"),
        "{m}"
    );
    assert_eq!(count(&base, "POST /1/orders/edit_status"), 0);

    // An order gone at BASE.
    let mut gone = o.clone();
    gone.mall_order_id = "FFFFFFFFFFFFFFFF".into();
    let e = c.shipped_units(&gone, Stage::Shipped).await.unwrap_err();
    assert!(
        matches!(&e, MallError::Refused { code, .. } if code == "no_order"),
        "{e:?}"
    );
    names_base(&e);

    // A token without write_orders: authorize again.
    let s = secrets_with_client();
    store_tokens(&base, &s, "read_orders");
    let reader = client(&base, &s);
    let key = find(&base, "paypal", "ordered");
    let o = export(&orders[&key], Carrier::Yamato, "123456789012");
    let e = reader
        .send_unit(
            &o,
            Stage::Shipped,
            &reader.shipment_units(&o, Stage::Shipped)[0],
        )
        .await
        .unwrap_err();
    assert!(matches!(e, MallError::Unauthorized { .. }), "{e:?}");
    assert!(e.needs_reauthorization());
    names_base(&e);
}

#[tokio::test]
async fn a_post_is_never_retried() {
    let base = fake(18).await;
    let (_s, c) = connected(&base);
    let orders = orders_by_key(&base, &c).await;
    let key = find(&base, "creditcard", "ordered");
    let o = export(&orders[&key], Carrier::Yamato, "123412341234");
    let unit = c.shipment_units(&o, Stage::Shipped)[0].clone();
    base.faults().update(|f| {
        f.server_error_rate = 1.0;
        f.path_prefix = Some("/1/orders/edit_status".into());
    });
    let e = c.send_unit(&o, Stage::Shipped, &unit).await.unwrap_err();
    assert!(matches!(e, MallError::Server { .. }), "{e:?}");
    assert_eq!(count(&base, "POST /1/orders/edit_status"), 1);

    // A POST that times out: its outcome is unknown, so it is not sent again.
    base.faults().clear();
    let s = secrets_with_client();
    store_tokens(&base, &s, ALL_SCOPES);
    let mut http = HttpOptions::fast();
    http.request_timeout = Duration::from_millis(300);
    let quick = client_with(&base, &s, http, 4_900);
    base.faults().update(|f| {
        f.timeout_rate = 1.0;
        f.hang_for = Duration::from_secs(5);
        f.path_prefix = Some("/1/orders/edit_status".into());
    });
    base.clear_requests();
    let e = quick
        .send_unit(&o, Stage::Shipped, &unit)
        .await
        .unwrap_err();
    assert_eq!(e, MallError::Timeout { mall: "BASE" });
    assert_eq!(count(&base, "POST /1/orders/edit_status"), 1);
}
