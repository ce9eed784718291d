//! The ショップサーブ fake (E-Store), written from `shared/malls/shopserve.md`.
//!
//! The real API is not public: every wire decision (paths, Basic auth, JSON or XML, UTF-8 or
//! CP932, date formats, status and carrier codes, pagination, error shape) is a guess in
//! [`uncertain`], and the field names are in [`model`]. The codec ([`Codec`]: JSON or XML, see
//! [`xml`] for the mapping) and the charset ([`Charset`]: UTF-8 or CP932) are switches of each
//! instance ([`ShopserveConfig::codec`], [`FakeShopserve::set_codec`]…), applied to every
//! answer (errors included) and to request bodies. Endpoints (below `JUCHU_API_BASE_SHOPSERVE` =
//! `http://127.0.0.1:P`): `GET /api/v1/orders?from=…&to=…` (≤ 7 days, ≤ 2 years back,
//! `shipping_status`, `confirm_status`, `order_status`, `payment_status`, `page`, `limit`),
//! `GET /api/v1/orders/{order_no}`, `POST /api/v1/orders/update` (batch, per-row results),
//! `GET /api/v1/carriers`. Maintenance (the framework's fault or a scheduled window) answers
//! 503 with the mall's error body.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fakemall::shopserve::{FakeShopserve, ShopserveConfig};
//! let ss = FakeShopserve::start(ShopserveConfig { orders: 30, seed: 3, ..Default::default() }).await?;
//! let now = ss.clock().now();
//! ss.schedule_maintenance(now, now + chrono::Duration::hours(2));
//! let new_key = ss.reissue_manager_key();   // the old key stops working
//! ss.set_codec(fakemall::shopserve::Codec::Xml);       // the next answers are XML…
//! ss.set_charset(fakemall::shopserve::Charset::Cp932); // …in Shift_JIS (CP932)
//! # let _ = new_key; Ok(()) }
//! ```

mod auth;
pub mod errors;
pub mod model;
pub mod orders;
pub mod seed;
pub mod state;
pub mod uncertain;
pub mod update;
pub mod wire;
pub mod xml;

use std::ops::Deref;
use std::sync::Arc;

use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};

pub use errors::ShopserveError;
pub use model::{Customer, Delivery, Item, Order};
pub use state::Credentials;
pub use wire::{Charset, Codec};

use crate::data::{hex, DataGen};
use crate::mall::MallKind;
use crate::server::{FakeMall, MallContext, MallProfile, StartError, StartOptions};
use state::Shared;

/// Demo shop id (fake).
pub const DEMO_SHOP_ID: &str = "demo-shop01";
/// Demo open key (fake).
pub const DEMO_OPEN_KEY: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
/// Demo manager key (fake).
pub const DEMO_MANAGER_KEY: &str = "f9e8d7c6b5a4938271605f4e3d2c1b0a";

/// How to start the ショップサーブ fake.
#[derive(Debug, Clone)]
pub struct ShopserveConfig {
    /// Generated orders, spread over the 30 days before the clock's now.
    pub orders: usize,
    /// Seed of the generated orders.
    pub seed: u64,
    /// The shop's keys.
    pub credentials: Credentials,
    /// Address, clock, fault seed, recorded headers.
    pub start: StartOptions,
    /// Body format of answers and request bodies (default JSON).
    pub codec: Codec,
    /// Charset of answers and of request bodies without `charset=` (default UTF-8).
    pub charset: Charset,
}

impl Default for ShopserveConfig {
    fn default() -> Self {
        Self {
            orders: 0,
            seed: 0,
            credentials: Credentials {
                shop_id: DEMO_SHOP_ID.into(),
                open_key: DEMO_OPEN_KEY.into(),
                manager_key: DEMO_MANAGER_KEY.into(),
            },
            start: StartOptions::default(),
            codec: Codec::default(),
            charset: Charset::default(),
        }
    }
}

struct Profile {
    shared: Arc<Shared>,
}
impl MallProfile for Profile {
    fn kind(&self) -> MallKind {
        MallKind::Shopserve
    }
    fn maintenance_response(&self) -> Response {
        let (codec, charset) = self.shared.format();
        ShopserveError::maintenance(None).response(codec, charset)
    }
}

/// A running ショップサーブ fake. Derefs to [`FakeMall`]. Stops when dropped.
pub struct FakeShopserve {
    mall: FakeMall,
    shared: Arc<Shared>,
    seed: u64,
}

crate::fake::impl_mall_fake!(FakeShopserve, ShopserveConfig, MallKind::Shopserve);

impl Deref for FakeShopserve {
    type Target = FakeMall;
    fn deref(&self) -> &FakeMall {
        &self.mall
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(uncertain::ORDERS_PATH, get(orders::list))
        .route(uncertain::UPDATE_PATH, post(update::update))
        .route(uncertain::ORDER_PATH, get(orders::detail))
        .route(uncertain::CARRIERS_PATH, get(orders::carriers))
        .fallback(orders::not_found)
        .with_state(shared)
}

impl FakeShopserve {
    /// Starts the fake on `config.start.addr` (default a random port on 127.0.0.1).
    pub async fn start(config: ShopserveConfig) -> Result<Self, StartError> {
        let ctx = MallContext::new(&config.start);
        let shared = Arc::new(Shared::new(
            ctx.clone(),
            config.seed,
            config.credentials,
            config.codec,
            config.charset,
        ));
        let fake = Self {
            mall: FakeMall::serve(
                config.start.addr,
                ctx,
                Arc::new(Profile {
                    shared: shared.clone(),
                }),
                router(shared.clone()),
            )
            .await?,
            shared,
            seed: config.seed,
        };
        fake.generate_orders(config.orders);
        Ok(fake)
    }

    /// Switches the body format: every answer from the next request on (errors included) is
    /// written in `codec`, and update bodies are read in it.
    pub fn set_codec(&self, codec: Codec) {
        self.shared.lock().codec = codec;
    }

    /// Switches the charset: every answer from the next request on is written in `charset`,
    /// and update bodies without a `charset=` in their `Content-Type` are read in it.
    pub fn set_charset(&self, charset: Charset) {
        self.shared.lock().charset = charset;
    }

    /// The body format now.
    pub fn codec(&self) -> Codec {
        self.shared.lock().codec
    }

    /// The charset now.
    pub fn charset(&self) -> Charset {
        self.shared.lock().charset
    }

    /// The `Content-Type` the next answers carry (e.g. `application/xml; charset=Shift_JIS`).
    pub fn content_type(&self) -> &'static str {
        let (codec, charset) = self.shared.format();
        wire::content_type(codec, charset)
    }

    /// The current keys.
    pub fn credentials(&self) -> Credentials {
        self.shared.lock().credentials.clone()
    }

    /// `{"shop_id","open_key","manager_key"}`, as `juchu-cli shop add --mall shopserve` reads it.
    pub fn demo_credentials(&self) -> serde_json::Value {
        let c = self.credentials();
        serde_json::json!({ "shop_id": c.shop_id, "open_key": c.open_key, "manager_key": c.manager_key })
    }

    /// 再発行: a new マネージャー認証キー; the old one is refused from now on.
    pub fn reissue_manager_key(&self) -> String {
        let mut inner = self.shared.lock();
        let key = hex(&mut inner.rng, 32);
        inner.credentials.manager_key = key.clone();
        key
    }

    /// Closes the API from `start` to `end` (test clock), answering the maintenance error.
    pub fn schedule_maintenance(&self, start: DateTime<Utc>, end: DateTime<Utc>) {
        self.shared.lock().maintenance.push((start, end));
    }

    /// Removes every scheduled window.
    pub fn clear_maintenance(&self) {
        self.shared.lock().maintenance.clear();
    }

    /// Adds `n` generated orders (within the 30 days before the clock's now).
    pub fn generate_orders(&self, n: usize) -> Vec<Order> {
        let now = self.mall.clock().now();
        let mut inner = self.shared.lock();
        let mut gen = DataGen::new(self.seed.wrapping_add(inner.orders.len() as u64));
        let mut next: u64 = inner
            .orders
            .keys()
            .filter_map(|k| k.parse::<u64>().ok())
            .max()
            .unwrap_or(100_000)
            + 1;
        let made: Vec<Order> = gen
            .orders(n, now)
            .iter()
            .map(|s| {
                let o = seed::to_shopserve(s, &mut gen, now, next);
                next += 1;
                o
            })
            .collect();
        for o in &made {
            inner.orders.insert(o.order_no.clone(), o.clone());
        }
        made
    }

    /// Adds (or replaces) an order.
    pub fn add_order(&self, order: Order) {
        self.shared
            .lock()
            .orders
            .insert(order.order_no.clone(), order);
    }

    /// Loads orders from JSON: `{"orders":[…]}`, `{"order":{…}}` or one order object.
    pub fn load_json(&self, value: serde_json::Value) -> Result<Vec<String>, serde_json::Error> {
        let list: Vec<Order> = match value {
            serde_json::Value::Object(mut m) if m.contains_key("orders") => {
                serde_json::from_value(m.remove("orders").unwrap_or_default())?
            }
            serde_json::Value::Object(mut m) if m.contains_key("order") => {
                vec![serde_json::from_value(
                    m.remove("order").unwrap_or_default(),
                )?]
            }
            other => vec![serde_json::from_value(other)?],
        };
        let nos = list.iter().map(|o| o.order_no.clone()).collect();
        for o in list {
            self.add_order(o);
        }
        Ok(nos)
    }

    /// One order.
    pub fn order(&self, order_no: &str) -> Option<Order> {
        self.shared.lock().orders.get(order_no).cloned()
    }

    /// Every order, by order number.
    pub fn orders(&self) -> Vec<Order> {
        self.shared.lock().orders.values().cloned().collect()
    }

    /// Changes an order in place (the merchant works in the admin). False if absent.
    pub fn update_order(&self, order_no: &str, f: impl FnOnce(&mut Order)) -> bool {
        match self.shared.lock().orders.get_mut(order_no) {
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
}
