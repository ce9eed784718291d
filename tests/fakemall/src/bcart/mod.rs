//! The Bカート fake (api.bcart.jp, API v1), written from `shared/malls/bcart.md`.
//!
//! Base path `/api/v1`. Endpoints: `GET /orders` (limit ≤ 100, offset, `id`, `status`,
//! `ordered_at__gte|__lte|__gt|__lt`, `complete=1`), `GET|PATCH /orders/{id}`,
//! `GET /order_products` (`order_id`, `id`, `logistics_id`), `GET /logistics` (`id`),
//! `GET|PATCH /logistics/{id}` (JSON or form), `GET /order_statuses`, `GET /shipping_groups`.
//! Auth: `Authorization: Bearer <personal access token>` (a JWT with `scopes`). Every error is
//! `{"errors":[…]}` with a non-2xx status. 300 requests / 300 s per shop, then a 300 s lockout
//! answered with `Retry-After`. Guesses where bcart.md is UNCERTAIN live in [`uncertain`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fakemall::bcart::{BcartConfig, FakeBcart};
//! let bcart = FakeBcart::start(BcartConfig { orders: 40, seed: 7, ..Default::default() }).await?;
//! let url = bcart.api_base_url();              // http://127.0.0.1:PORT/api/v1
//! let token = bcart.access_token();            // every scope, valid 366 days
//! let read_only = bcart.issue_token(&["orders-read"], chrono::Duration::days(1));
//! bcart.set_rate_limit(5);                     // reach the lockout quickly
//! # let _ = (url, token, read_only); Ok(()) }
//! ```

mod common;
pub mod errors;
pub mod logistics;
pub mod model;
pub mod orders;
pub mod seed;
pub mod state;
pub mod uncertain;

use std::ops::Deref;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use chrono::Duration;

pub use common::format_time;
pub use errors::BcartError;
pub use model::{FullOrder, Logistic, Order, OrderProduct, OrderStatus, OrderTotal, ShippingGroup};
pub use state::{AccessToken, ALL_SCOPES};

use crate::data::DataGen;
use crate::mall::MallKind;
use crate::server::{FakeMall, MallContext, StartError, StartOptions};
use state::Shared;

/// How to start the Bカート fake.
#[derive(Debug, Clone)]
pub struct BcartConfig {
    /// Generated orders, spread over the 30 days before the clock's now.
    pub orders: usize,
    /// Seed of the generated orders and tokens.
    pub seed: u64,
    /// The shop (the `sub` of its tokens; the rate limit counts per shop).
    pub shop_id: String,
    /// Requests per 300 s (real: 300).
    pub rate_limit: u32,
    /// Address, clock, fault seed, recorded headers.
    pub start: StartOptions,
}

impl Default for BcartConfig {
    fn default() -> Self {
        Self {
            orders: 0,
            seed: 0,
            shop_id: "1024".to_string(),
            rate_limit: 300,
            start: StartOptions::default(),
        }
    }
}

/// A running Bカート fake. Derefs to [`FakeMall`] (`base_url()`, `api_base_url()`, `faults()`,
/// `clock()`, `requests()`…). Stops when dropped.
pub struct FakeBcart {
    mall: FakeMall,
    shared: Arc<Shared>,
    seed: u64,
    token: String,
}

crate::fake::impl_mall_fake!(FakeBcart, BcartConfig, MallKind::Bcart);

impl Deref for FakeBcart {
    type Target = FakeMall;
    fn deref(&self) -> &FakeMall {
        &self.mall
    }
}

fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route("/orders", get(orders::list))
        .route("/orders/{id}", get(orders::detail).patch(orders::patch))
        .route("/order_products", get(orders::order_products))
        .route("/order_statuses", get(orders::order_statuses))
        .route("/logistics", get(logistics::list))
        .route(
            "/logistics/{id}",
            get(logistics::detail).patch(logistics::patch),
        )
        .route("/shipping_groups", get(logistics::shipping_groups))
        .with_state(shared);
    Router::new()
        .nest("/api/v1", api)
        .fallback(logistics::not_found)
        .method_not_allowed_fallback(logistics::method_not_allowed)
}

impl FakeBcart {
    /// Starts the fake on `config.start.addr` (default a random port on 127.0.0.1).
    pub async fn start(config: BcartConfig) -> Result<Self, StartError> {
        let ctx = MallContext::new(&config.start);
        let shared = Arc::new(Shared::new(
            ctx.clone(),
            config.seed,
            config.shop_id.clone(),
            config.rate_limit,
        ));
        let token = {
            let now = ctx.clock.now();
            let scopes: Vec<String> = ALL_SCOPES.iter().map(|s| (*s).to_string()).collect();
            shared
                .lock()
                .issue(&scopes, now, uncertain::token_lifetime())
        };
        let fake = Self {
            mall: FakeMall::serve(
                config.start.addr,
                ctx,
                Arc::new(MallKind::Bcart),
                router(shared.clone()),
            )
            .await?,
            shared,
            seed: config.seed,
            token,
        };
        fake.generate_orders(config.orders);
        Ok(fake)
    }

    /// The token issued at start: every scope, valid [`uncertain::token_lifetime`].
    pub fn access_token(&self) -> String {
        self.token.clone()
    }

    /// `{"access_token": …}`, as `juchu-cli shop add --mall bcart` reads it.
    pub fn demo_credentials(&self) -> serde_json::Value {
        serde_json::json!({ "access_token": self.token })
    }

    // ----- tokens -----

    /// Creates another personal access token with these scopes, valid for `life`.
    pub fn issue_token(&self, scopes: &[&str], life: Duration) -> String {
        let now = self.mall.clock().now();
        let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_string()).collect();
        self.shared.lock().issue(&scopes, now, life)
    }

    /// Deletes a token (it is refused from now on). Returns false if unknown.
    pub fn revoke_token(&self, token: &str) -> bool {
        match self.shared.lock().tokens.get_mut(token) {
            Some(t) => {
                t.revoked = true;
                true
            }
            None => false,
        }
    }

    /// A token as the fake holds it.
    pub fn token_info(&self, token: &str) -> Option<AccessToken> {
        self.shared.lock().tokens.get(token).cloned()
    }

    // ----- limits -----

    /// Requests per 300 s (tests lower it to reach the lockout quickly).
    pub fn set_rate_limit(&self, limit: u32) {
        self.shared.limiter.set_limit(limit);
    }

    /// Forgets the call count and any lockout.
    pub fn reset_rate_limit(&self) {
        self.shared.limiter.reset();
    }

    // ----- orders -----

    /// Adds `n` more generated orders (within the 30 days before the clock's now); returns
    /// them. The same seed, clock time and call sequence give the same orders.
    pub fn generate_orders(&self, n: usize) -> Vec<FullOrder> {
        let now = self.mall.clock().now();
        let mut inner = self.shared.lock();
        let mut gen = DataGen::new(self.seed.wrapping_add(inner.orders.len() as u64));
        let (order, product, logistic) = inner.next_ids();
        let mut ids = seed::Ids {
            order,
            product,
            logistic,
        };
        let samples = gen.orders(n, now);
        let made: Vec<FullOrder> = samples
            .iter()
            .map(|s| seed::to_bcart(s, &mut gen, now, &mut ids))
            .collect();
        for o in &made {
            inner.insert(o.clone());
        }
        made
    }

    /// Adds (or replaces) an order with its rows and shipments.
    pub fn add_order(&self, order: FullOrder) {
        self.shared.lock().insert(order);
    }

    /// Loads orders from JSON in any shape Bカート answers with: `{"orders":[…]}` (with or
    /// without the embedded `order_products`/`logistics` of `complete=1`), `{"order":{…}}` or
    /// one order object. Missing fields get empty defaults; unknown fields are kept and served
    /// back. Returns the order ids.
    pub fn load_json(&self, value: serde_json::Value) -> Result<Vec<i64>, serde_json::Error> {
        use serde_json::Value;
        let list: Vec<Value> = match value {
            Value::Object(mut m) if m.contains_key("orders") => {
                serde_json::from_value(m.remove("orders").unwrap_or_default())?
            }
            Value::Object(mut m) if m.contains_key("order") => {
                vec![m.remove("order").unwrap_or_default()]
            }
            other => vec![other],
        };
        let mut fulls = Vec::new();
        for v in list {
            let Value::Object(mut m) = v else {
                return Err(serde::de::Error::custom("an order must be an object"));
            };
            let order_products: Vec<OrderProduct> = match m.remove("order_products") {
                Some(v) => serde_json::from_value(v)?,
                None => Vec::new(),
            };
            let logistics: Vec<Logistic> = match m.remove("logistics") {
                Some(v) => serde_json::from_value(v)?,
                None => Vec::new(),
            };
            let order: Order = serde_json::from_value(Value::Object(m))?;
            fulls.push(FullOrder {
                order,
                order_products,
                logistics,
            });
        }
        let ids = fulls.iter().map(|f| f.order.id).collect();
        let mut inner = self.shared.lock();
        for f in fulls {
            inner.insert(f);
        }
        Ok(ids)
    }

    /// One order with its rows and shipments, as the fake holds it.
    pub fn order(&self, id: i64) -> Option<FullOrder> {
        self.shared.lock().full(id)
    }

    /// Every order, by ascending id.
    pub fn orders(&self) -> Vec<FullOrder> {
        let inner = self.shared.lock();
        inner
            .orders
            .keys()
            .filter_map(|id| inner.full(*id))
            .collect()
    }

    /// One shipment.
    pub fn logistic(&self, id: i64) -> Option<Logistic> {
        self.shared.lock().logistics.get(&id).cloned()
    }

    /// Changes an order in place (e.g. the merchant works in Bカート's admin). False if absent.
    pub fn update_order(&self, id: i64, f: impl FnOnce(&mut Order)) -> bool {
        match self.shared.lock().orders.get_mut(&id) {
            Some(o) => {
                f(o);
                true
            }
            None => false,
        }
    }

    /// Changes a shipment in place. False if absent.
    pub fn update_logistic(&self, id: i64, f: impl FnOnce(&mut Logistic)) -> bool {
        match self.shared.lock().logistics.get_mut(&id) {
            Some(l) => {
                f(l);
                true
            }
            None => false,
        }
    }

    /// Removes every order, row and shipment.
    pub fn clear_orders(&self) {
        let mut inner = self.shared.lock();
        inner.orders.clear();
        inner.products.clear();
        inner.logistics.clear();
        inner.order_logistics.clear();
    }

    /// Replaces the shop's order status labels (`/order_statuses`, and what PATCH accepts).
    /// A status keeps its id when renamed, and its orders follow it (as the shop's admin
    /// screen renames a status, not its orders).
    pub fn set_order_statuses(&self, statuses: Vec<OrderStatus>) {
        let mut inner = self.shared.lock();
        let renamed: Vec<(String, String)> = inner
            .statuses
            .iter()
            .filter_map(|old| {
                let new = statuses.iter().find(|s| s.id == old.id)?;
                (new.name != old.name).then(|| (old.name.clone(), new.name.clone()))
            })
            .collect();
        for order in inner.orders.values_mut() {
            if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == order.status) {
                order.status = new.clone();
            }
        }
        inner.statuses = statuses;
    }

    /// The shop's order status labels.
    pub fn order_statuses(&self) -> Vec<OrderStatus> {
        self.shared.lock().statuses.clone()
    }

    /// The shop's shipping groups (carriers).
    pub fn shipping_groups(&self) -> Vec<ShippingGroup> {
        self.shared.lock().shipping_groups.clone()
    }
}
