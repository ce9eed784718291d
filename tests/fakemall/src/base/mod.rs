//! The BASE fake (api.thebase.in), written from `shared/malls/base.md`.
//!
//! Endpoints: `GET /1/oauth/authorize`, `POST /1/oauth/token`, `GET /1/orders`,
//! `GET /1/orders/detail/{unique_key}`, `POST /1/orders/edit_status`,
//! `GET /1/delivery_companies`. Every error is HTTP 400
//! `{"error","error_description"}`. Guesses where base.md is UNCERTAIN live in
//! [`uncertain`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fakemall::base::{BaseConfig, FakeBase, OAuthClient};
//! let base = FakeBase::start(BaseConfig { orders: 50, seed: 7, ..Default::default() }).await?;
//! base.register_client(OAuthClient {
//!     client_id: "abc".into(),
//!     client_secret: "s3cret".into(),
//!     redirect_uris: vec!["https://example.com/cb".into()],
//!     suspended: false,
//! });
//! base.set_deny_authorization(true);   // the merchant presses 「キャンセル」
//! base.set_hour_limit(10);             // reach hour_api_limit quickly
//! let key = base.orders()[0].unique_key.clone();
//! base.mark_paid(&key);                // a cvs / base_bt buyer pays
//! # Ok(()) }
//! ```

pub mod doc_examples;
pub mod errors;
pub mod model;
pub mod oauth;
pub mod orders;
pub mod seed;
pub mod state;
pub mod uncertain;

use std::ops::Deref;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use chrono::Duration;

pub use errors::BaseError;
pub use model::{Order, OrderItem, OrderSummary};
pub use state::{OAuthClient, TokenResponse};

use crate::data::DataGen;
use crate::mall::MallKind;
use crate::server::{FakeMall, MallContext, StartError, StartOptions};
use state::Shared;

/// Demo app credentials (fake values): what `juchu-cli shop add --mall base` reads.
pub const DEMO_CLIENT_ID: &str = "5d4a4e0c3b2f1a0987654321fedcba98";
/// Demo app secret (fake value).
pub const DEMO_CLIENT_SECRET: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
/// Redirect URIs the demo app registers: the app's deep link and the loopback (any port,
/// see [`uncertain::LOOPBACK_ANY_PORT`]).
pub const DEMO_REDIRECT_URIS: &[&str] = &["juchu://oauth/base", "http://127.0.0.1/oauth/base"];

/// The demo client.
pub fn demo_client() -> OAuthClient {
    OAuthClient {
        client_id: DEMO_CLIENT_ID.to_string(),
        client_secret: DEMO_CLIENT_SECRET.to_string(),
        redirect_uris: DEMO_REDIRECT_URIS
            .iter()
            .map(|s| (*s).to_string())
            .collect(),
        suspended: false,
    }
}

/// How to start the BASE fake.
#[derive(Debug, Clone)]
pub struct BaseConfig {
    /// Generated orders, spread over the 30 days before the clock's now.
    pub orders: usize,
    /// Seed of the generated orders and tokens.
    pub seed: u64,
    /// Registered apps; default: [`demo_client`].
    pub clients: Vec<OAuthClient>,
    /// The shop (user) that approves authorizations; rate limits count per user.
    pub user_id: String,
    /// Calls per hour per user (real: 5,000), reset at :00 on the test clock.
    pub hour_limit: u32,
    /// Calls per day per user (real: 100,000), reset at JST midnight.
    pub day_limit: u32,
    /// Address, clock, fault seed, recorded headers.
    pub start: StartOptions,
}

impl Default for BaseConfig {
    fn default() -> Self {
        Self {
            orders: 0,
            seed: 0,
            clients: vec![demo_client()],
            user_id: "demo-shop".to_string(),
            hour_limit: 5_000,
            day_limit: 100_000,
            start: StartOptions::default(),
        }
    }
}

/// A running BASE fake. Derefs to [`FakeMall`] (`base_url()`, `faults()`, `clock()`,
/// `requests()`…). Stops when dropped.
pub struct FakeBase {
    mall: FakeMall,
    shared: Arc<Shared>,
    seed: u64,
}

crate::fake::impl_mall_fake!(FakeBase, BaseConfig, MallKind::Base);

impl Deref for FakeBase {
    type Target = FakeMall;
    fn deref(&self) -> &FakeMall {
        &self.mall
    }
}

/// The BASE routes over shared state.
fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/1/oauth/authorize", get(oauth::authorize))
        .route(
            "/1/oauth/token",
            get(oauth::token_not_post).post(oauth::token),
        )
        .route("/1/orders", get(orders::list))
        .route("/1/orders/detail", get(orders::detail_without_key))
        .route("/1/orders/detail/", get(orders::detail_without_key))
        .route("/1/orders/detail/{unique_key}", get(orders::detail))
        .route(
            "/1/orders/edit_status",
            get(orders::edit_status_not_post).post(orders::edit_status),
        )
        .route("/1/delivery_companies", get(orders::delivery_companies))
        .with_state(shared)
}

impl FakeBase {
    /// Starts the fake on `config.start.addr` (default a random port on 127.0.0.1).
    pub async fn start(config: BaseConfig) -> Result<Self, StartError> {
        let ctx = MallContext::new(&config.start);
        let shared = Arc::new(Shared::new(
            ctx.clone(),
            config.seed,
            config.user_id.clone(),
            config.hour_limit,
            config.day_limit,
        ));
        {
            let mut inner = shared.lock();
            for c in &config.clients {
                inner.clients.insert(c.client_id.clone(), c.clone());
            }
        }
        let fake = Self {
            mall: FakeMall::serve(
                config.start.addr,
                ctx,
                Arc::new(MallKind::Base),
                router(shared.clone()),
            )
            .await?,
            shared,
            seed: config.seed,
        };
        fake.generate_orders(config.orders);
        Ok(fake)
    }

    /// `{"client_id","client_secret"}` of the demo app, as `juchu-cli shop add` reads it.
    pub fn demo_credentials(&self) -> serde_json::Value {
        serde_json::json!({ "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET })
    }

    // ----- orders -----

    /// Adds `n` more generated orders (within the 30 days before the clock's now). The same
    /// seed, clock time and call sequence give the same orders.
    pub fn generate_orders(&self, n: usize) -> Vec<Order> {
        let now = self.mall.clock().now();
        let mut inner = self.shared.lock();
        let mut gen = DataGen::new(self.seed.wrapping_add(inner.orders.len() as u64));
        let mut next_item_id = inner
            .orders
            .values()
            .flat_map(|o| o.order_items.iter().map(|i| i.order_item_id))
            .max()
            .unwrap_or(19_749_228);
        let samples = gen.orders(n, now);
        let made: Vec<Order> = samples
            .iter()
            .map(|s| seed::to_base(s, &mut gen, now, &mut next_item_id))
            .collect();
        for o in &made {
            inner.orders.insert(o.unique_key.clone(), o.clone());
        }
        made
    }

    /// Adds (or replaces) an order.
    pub fn add_order(&self, order: Order) {
        self.shared
            .lock()
            .orders
            .insert(order.unique_key.clone(), order);
    }

    /// Loads orders from JSON in any shape BASE answers with: one order object,
    /// `{"order": {...}}` (detail) or `{"orders": [...]}` (list). Missing fields get empty
    /// defaults; unknown fields are kept and served back.
    pub fn load_json(&self, value: serde_json::Value) -> Result<Vec<String>, serde_json::Error> {
        let list = match value {
            serde_json::Value::Object(mut m) if m.contains_key("orders") => {
                serde_json::from_value::<Vec<Order>>(m.remove("orders").unwrap_or_default())?
            }
            serde_json::Value::Object(mut m) if m.contains_key("order") => {
                vec![serde_json::from_value::<Order>(
                    m.remove("order").unwrap_or_default(),
                )?]
            }
            other => vec![serde_json::from_value::<Order>(other)?],
        };
        let keys = list.iter().map(|o| o.unique_key.clone()).collect();
        for o in list {
            self.add_order(o);
        }
        Ok(keys)
    }

    /// One order as the fake holds it.
    pub fn order(&self, unique_key: &str) -> Option<Order> {
        self.shared.lock().orders.get(unique_key).cloned()
    }

    /// Every order, newest first.
    pub fn orders(&self) -> Vec<Order> {
        let mut v: Vec<Order> = self.shared.lock().orders.values().cloned().collect();
        v.sort_by(|a, b| {
            b.ordered
                .cmp(&a.ordered)
                .then_with(|| b.unique_key.cmp(&a.unique_key))
        });
        v
    }

    /// Changes an order in place (e.g. a change made in BASE's admin). Returns false if absent.
    pub fn update_order(&self, unique_key: &str, f: impl FnOnce(&mut Order)) -> bool {
        match self.shared.lock().orders.get_mut(unique_key) {
            Some(o) => {
                f(o);
                true
            }
            None => false,
        }
    }

    /// Removes every order.
    pub fn clear_orders(&self) {
        self.shared.lock().orders.clear();
    }

    /// The buyer of a cvs / base_bt order pays: the transaction becomes `paid`, an `unpaid`
    /// order becomes `ordered`, `modified` moves.
    pub fn mark_paid(&self, unique_key: &str) -> bool {
        let now = self.mall.clock().now().timestamp();
        self.update_order(unique_key, |o| {
            for t in [
                &mut o.cvs_payment_transaction,
                &mut o.bt_payment_transaction,
            ] {
                if t.status.is_some() {
                    t.status = Some("paid".into());
                }
            }
            if o.dispatch_status == "unpaid" {
                o.dispatch_status = "ordered".into();
            }
            o.modified = now;
        })
    }

    /// An atobarai parcel arrives: BASE sets `arrived` and `dispatched` (base.md §2).
    pub fn mark_arrived(&self, unique_key: &str) -> bool {
        let now = self.mall.clock().now().timestamp();
        self.update_order(unique_key, |o| {
            o.atobarai_payment_transaction.status = Some("arrived".into());
            o.dispatch_status = "dispatched".into();
            o.dispatched = Some(now);
            o.terminated = uncertain::terminated("dispatched");
            for i in &mut o.order_items {
                i.status = "dispatched".into();
                i.modified = now;
            }
            o.modified = now;
        })
    }

    // ----- OAuth -----

    /// Registers (or replaces) an app.
    pub fn register_client(&self, client: OAuthClient) {
        self.shared
            .lock()
            .clients
            .insert(client.client_id.clone(), client);
    }

    /// Makes the authorize endpoint deny (`error=access_denied`) instead of approving.
    pub fn set_deny_authorization(&self, deny: bool) {
        self.shared.lock().deny_authorization = deny;
    }

    /// Issues tokens for the demo client without the OAuth dance (`scope` space-separated).
    pub fn issue_tokens(&self, scope: &str) -> TokenResponse {
        let now = self.mall.clock().now();
        let scopes: Vec<String> = scope.split_whitespace().map(str::to_string).collect();
        let mut inner = self.shared.lock();
        let user = inner.user_id.clone();
        let client = inner
            .clients
            .keys()
            .next()
            .cloned()
            .unwrap_or_else(|| DEMO_CLIENT_ID.to_string());
        inner.issue(&user, &client, &scopes, now)
    }

    /// Every access token issued so far expires now.
    pub fn expire_access_tokens(&self) {
        let now = self.mall.clock().now() - Duration::seconds(1);
        for t in self.shared.lock().access.values_mut() {
            t.expires_at = now;
        }
    }

    /// Every refresh token issued so far expires now.
    pub fn expire_refresh_tokens(&self) {
        let now = self.mall.clock().now() - Duration::seconds(1);
        for t in self.shared.lock().refresh.values_mut() {
            t.expires_at = now;
        }
    }

    /// The authorize URL a client would open (for tests of the redirect).
    pub fn authorize_url(
        &self,
        client_id: &str,
        redirect_uri: &str,
        scope: &str,
        state: &str,
    ) -> String {
        let query = serde_urlencoded::to_string([
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
            ("scope", scope),
            ("state", state),
        ])
        .unwrap_or_default();
        format!("{}/1/oauth/authorize?{query}", self.base_url())
    }

    // ----- limits -----

    /// Calls per hour per user (tests lower it to reach `hour_api_limit` quickly).
    pub fn set_hour_limit(&self, limit: u32) {
        self.shared.hour.set_limit(limit);
    }

    /// Calls per day per user.
    pub fn set_day_limit(&self, limit: u32) {
        self.shared.day.set_limit(limit);
    }

    /// Forgets the call counts.
    pub fn reset_limits(&self) {
        self.shared.hour.reset();
        self.shared.day.reset();
    }
}
