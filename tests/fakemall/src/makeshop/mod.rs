//! The MakeShop GraphQL fake, written from `shared/malls/makeshop.md` (1b).
//!
//! Serves `POST /v1/graphql` with `authorization: Bearer <PAT>`, `x-api-key` and `x-timestamp`
//! (unix seconds, refused when older than 1 h); body `{query, variables, operationName}`,
//! at most 5 MB. Operations: `searchOrder`, `updateOrderAttribute`,
//! `updateOrderDeliveryStatus`, executed by async-graphql (real field selection, variables,
//! validation). Every problem is a GraphQL `errors[]` entry with HTTP 200, including auth
//! failures, the 1 request/second limit and introspection (forbidden). As seen in production,
//! a `searchOrder` page holds at most [`uncertain::PAGE_CAP`] (200) orders whatever `limit`
//! asks, while `searchedCount` is the full count; seeded `slipNumber`s are ヤマト numbers or
//! shop memos (`再注文`, `…発送済`, numbers on cancelled orders). Non-JSON answers (HTML error
//! and maintenance pages) come from the shared faults ([`crate::faults`]). Guesses live in
//! [`uncertain`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fakemall::makeshop::{FakeMakeshop, MakeshopConfig};
//! let ms = FakeMakeshop::start(MakeshopConfig { orders: 30, seed: 2, ..Default::default() }).await?;
//! ms.set_operation_denied("updateOrderAttribute", true); // the app lacks that permission
//! ms.set_per_second_limit(100);                          // lift the 1 req/s limit for a test
//! ms.revoke_token(true);                                  // the app was uninstalled
//! # Ok(()) }
//! ```

pub mod endpoint;
pub mod errors;
pub mod graphql;
pub mod model;
pub mod seed;
pub mod state;
pub mod uncertain;

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::post;
use axum::Router;
use serde_json::Value;

pub use model::{BasketInfo, DeliveryInfo, Order};
pub use state::Credentials;

use crate::data::DataGen;
use crate::mall::MallKind;
use crate::server::{FakeMall, MallContext, StartError, StartOptions};
use state::Shared;

/// The endpoint path (what `JUCHU_API_BASE_MAKESHOP` points at).
pub const GRAPHQL_PATH: &str = "/v1/graphql";

/// Demo PAT (fake value, `PAT.` prefix as in makeshop.md).
pub const DEMO_ACCESS_TOKEN: &str = "PAT.demo.6f1c2b9e8d7a4c3b2a1f0e9d8c7b6a5f";
/// Demo API key (fake value).
pub const DEMO_API_KEY: &str = "mkshp-demo-4b7e1d2c9a8f3e6d";

/// The demo credentials.
pub fn demo_credentials() -> Credentials {
    Credentials {
        access_token: DEMO_ACCESS_TOKEN.to_string(),
        api_key: DEMO_API_KEY.to_string(),
    }
}

/// How to start the MakeShop fake.
#[derive(Debug, Clone)]
pub struct MakeshopConfig {
    /// Generated orders, spread over the 30 days before the clock's now.
    pub orders: usize,
    /// Seed of the generated orders.
    pub seed: u64,
    /// The shop's PAT and API key; default [`demo_credentials`].
    pub credentials: Credentials,
    /// Calls per second (real: 1, all APIs combined).
    pub per_second_limit: u32,
    /// Address, clock, fault seed, recorded headers.
    pub start: StartOptions,
}

impl Default for MakeshopConfig {
    fn default() -> Self {
        Self {
            orders: 0,
            seed: 0,
            credentials: demo_credentials(),
            per_second_limit: 1,
            start: StartOptions::default(),
        }
    }
}

/// A running MakeShop fake. Derefs to [`FakeMall`]. Stops when dropped.
pub struct FakeMakeshop {
    mall: FakeMall,
    shared: Arc<Shared>,
    seed: u64,
}

crate::fake::impl_mall_fake!(FakeMakeshop, MakeshopConfig, MallKind::Makeshop);

impl Deref for FakeMakeshop {
    type Target = FakeMall;
    fn deref(&self) -> &FakeMall {
        &self.mall
    }
}

impl FakeMakeshop {
    /// Starts the fake on `config.start.addr`.
    pub async fn start(config: MakeshopConfig) -> Result<Self, StartError> {
        let ctx = MallContext::new(&config.start);
        let shared = Arc::new(Shared::new(
            ctx.clone(),
            config.credentials.clone(),
            config.per_second_limit,
        ));
        let app = endpoint::App {
            shared: shared.clone(),
            schema: graphql::schema(shared.clone()),
        };
        let router = Router::new()
            .route(GRAPHQL_PATH, post(endpoint::graphql))
            // The 5 MB check is the mall's own; axum's 2 MB default must not answer first.
            .layer(DefaultBodyLimit::max(crate::server::MAX_BODY))
            .with_state(app);
        let fake = Self {
            mall: FakeMall::serve(config.start.addr, ctx, Arc::new(MallKind::Makeshop), router)
                .await?,
            shared,
            seed: config.seed,
        };
        fake.generate_orders(config.orders);
        Ok(fake)
    }

    /// `{"access_token","api_key"}` as `juchu-cli shop add --mall makeshop` reads it.
    pub fn demo_credentials(&self) -> Value {
        let c = self.shared.lock().credentials.clone();
        serde_json::json!({ "access_token": c.access_token, "api_key": c.api_key })
    }

    // ----- access -----

    /// Revokes the PAT (the app is uninstalled) or restores it.
    pub fn revoke_token(&self, revoked: bool) {
        self.shared.lock().revoked = revoked;
    }

    /// Refuses an operation (`searchOrder`, `updateOrderAttribute`…) with FORBIDDEN, or not.
    pub fn set_operation_denied(&self, operation: &str, denied: bool) {
        let mut inner = self.shared.lock();
        if denied {
            inner.denied.insert(operation.to_string());
        } else {
            inner.denied.remove(operation);
        }
    }

    /// Calls per second (tests lift the real 1/s to avoid waiting).
    pub fn set_per_second_limit(&self, limit: u32) {
        self.shared.limiter.set_limit(limit);
    }

    /// Forgets the call counts.
    pub fn reset_limits(&self) {
        self.shared.limiter.reset();
    }

    // ----- orders -----

    /// Adds `n` generated orders within the 30 days before now.
    pub fn generate_orders(&self, n: usize) -> Vec<Order> {
        let now = self.mall.clock().now();
        let mut inner = self.shared.lock();
        let mut serial = inner.orders.len() as u64;
        let mut gen = DataGen::new(self.seed.wrapping_add(serial));
        let made: Vec<Order> = gen
            .orders(n, now)
            .iter()
            .map(|s| seed::to_makeshop(s, &mut gen, now, &mut serial))
            .collect();
        for o in &made {
            inner
                .orders
                .insert(o.display_order_number.clone(), o.clone());
        }
        made
    }

    /// Adds (or replaces) an order.
    pub fn add_order(&self, order: Order) {
        self.shared
            .lock()
            .orders
            .insert(order.display_order_number.clone(), order);
    }

    /// Loads orders from JSON: a `searchOrder` answer (`{"data":{"searchOrder":{"orders":…}}}`
    /// or `{"orders":[…]}`), an array, or one order. Missing fields get empty defaults.
    pub fn load_json(&self, value: Value) -> Result<Vec<String>, serde_json::Error> {
        let mut v = value;
        if let Some(inner) = v.pointer("/data/searchOrder").cloned() {
            v = inner;
        }
        let list: Vec<Order> = match v {
            Value::Object(mut m) if m.contains_key("orders") => {
                serde_json::from_value(m.remove("orders").unwrap_or_default())?
            }
            Value::Array(a) => serde_json::from_value(Value::Array(a))?,
            other => vec![serde_json::from_value(other)?],
        };
        let keys = list
            .iter()
            .map(|o| o.display_order_number.clone())
            .collect();
        for o in list {
            self.add_order(o);
        }
        Ok(keys)
    }

    /// One order by displayOrderNumber.
    pub fn order(&self, display_order_number: &str) -> Option<Order> {
        self.shared.lock().orders.get(display_order_number).cloned()
    }

    /// Every order, oldest first.
    pub fn orders(&self) -> Vec<Order> {
        let mut v: Vec<Order> = self.shared.lock().orders.values().cloned().collect();
        v.sort_by(|a, b| {
            a.order_date
                .cmp(&b.order_date)
                .then_with(|| a.display_order_number.cmp(&b.display_order_number))
        });
        v
    }

    /// Changes an order in place. Returns false if absent.
    pub fn update_order(&self, display_order_number: &str, f: impl FnOnce(&mut Order)) -> bool {
        match self.shared.lock().orders.get_mut(display_order_number) {
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

    /// The shop cancels an order in the admin: every destination `C`, paymentStatusCode 0003.
    pub fn cancel(&self, display_order_number: &str) -> bool {
        self.update_order(display_order_number, |o| {
            o.payment_status_code = "0003".to_string();
            for d in &mut o.delivery_infos {
                d.delivery_status = "C".to_string();
            }
        })
    }
}
