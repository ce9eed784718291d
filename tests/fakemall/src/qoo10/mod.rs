//! The Qoo10 QAPI fake, written from `shared/malls/qoo10.md`.
//!
//! Serves `…/GMKT.INC.Front.QAPIService/ebayjapan.qapi/{Service.Method}` (POST UTF-8 form,
//! key in the `GiosisCertificationKey` header) and the legacy
//! `…/ebayjapan.qapi?v=1.0&returnType=json&method=…&key=…`. Methods:
//! `CertificationAPI.CreateCertificationKey`, `ShippingBasic.GetShippingInfo_v2`,
//! `ShippingBasic.SetSellerCheckYN_V2`, `ShippingBasic.SetSendingInfo`,
//! `ShippingBasic.SetSellerCheckYNBulk`, `ShippingBasic.SetSendingInfoBulk`,
//! `ShippingBasic.GetClaimInfo_V3` (the cancelled lines). Every answer is
//! HTTP 200 with `{"ResultCode","ResultMsg","ResultObject"}` (or the gateway's
//! `{"ErrorCode","ErrorMsg"}`). Guesses live in [`uncertain`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fakemall::qoo10::{FakeQoo10, Qoo10Config};
//! let qoo10 = FakeQoo10::start(Qoo10Config { orders: 30, seed: 3, ..Default::default() }).await?;
//! let sak = qoo10.issue_sak();                 // skip CreateCertificationKey
//! let no = qoo10.rows()[0].order_no;
//! qoo10.mark_delivered(no);                    // the parcel arrives
//! qoo10.clock().advance(chrono::Duration::days(366)); // every SAK has expired (-90004)
//! # let _ = sak; Ok(()) }
//! ```

pub mod certification;
pub mod errors;
pub mod gateway;
pub mod model;
pub mod seed;
pub mod shipping;
pub mod state;
pub mod uncertain;

use std::ops::Deref;
use std::sync::Arc;

use axum::routing::any;
use axum::Router;
use chrono::Duration;
use serde_json::Value;

pub use errors::QapiError;
pub use model::ShippingInfo;
pub use state::Seller;

use crate::data::DataGen;
use crate::mall::MallKind;
use crate::server::{FakeMall, MallContext, StartError, StartOptions};
use state::Shared;

/// The gateway path (what `JUCHU_API_BASE_QOO10` points at).
pub const GATEWAY_PATH: &str = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi";

/// Demo seller's QSM login (fake value).
pub const DEMO_USER_ID: &str = "juchu_demo_shop";
/// Demo seller's QSM password (fake value).
pub const DEMO_PASSWORD: &str = "Demo-Passw0rd!";
/// Demo seller's API key (fake value).
pub const DEMO_API_KEY: &str = "D3m0ApiKey_g_1_5pQ2vX9wLk7RzT4nB8cYhJ6fM1sE0uA";

/// The demo seller.
pub fn demo_seller() -> Seller {
    Seller {
        user_id: DEMO_USER_ID.to_string(),
        password: DEMO_PASSWORD.to_string(),
        api_key: DEMO_API_KEY.to_string(),
    }
}

/// How to start the Qoo10 fake.
#[derive(Debug, Clone)]
pub struct Qoo10Config {
    /// Generated orders (packs), spread over the 30 days before the clock's now.
    pub orders: usize,
    /// Seed of the generated orders and keys.
    pub seed: u64,
    /// Seller accounts; default: [`demo_seller`].
    pub sellers: Vec<Seller>,
    /// Optional calls per second per seller (Qoo10 documents no limit: default none).
    pub per_second_limit: Option<u32>,
    /// Address, clock, fault seed, recorded headers.
    pub start: StartOptions,
}

impl Default for Qoo10Config {
    fn default() -> Self {
        Self {
            orders: 0,
            seed: 0,
            sellers: vec![demo_seller()],
            per_second_limit: None,
            start: StartOptions::default(),
        }
    }
}

/// A running Qoo10 fake. Derefs to [`FakeMall`]. Stops when dropped.
pub struct FakeQoo10 {
    mall: FakeMall,
    shared: Arc<Shared>,
    seed: u64,
}

crate::fake::impl_mall_fake!(FakeQoo10, Qoo10Config, MallKind::Qoo10);

impl Deref for FakeQoo10 {
    type Target = FakeMall;
    fn deref(&self) -> &FakeMall {
        &self.mall
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(GATEWAY_PATH, any(gateway::legacy))
        .route(&format!("{GATEWAY_PATH}/"), any(gateway::legacy))
        .route(
            &format!("{GATEWAY_PATH}/{{method}}"),
            any(gateway::method_path),
        )
        .with_state(shared)
}

impl FakeQoo10 {
    /// Starts the fake on `config.start.addr`.
    pub async fn start(config: Qoo10Config) -> Result<Self, StartError> {
        let ctx = MallContext::new(&config.start);
        let shared = Arc::new(Shared::new(
            ctx.clone(),
            config.seed,
            config.per_second_limit,
        ));
        {
            let mut inner = shared.lock();
            for s in &config.sellers {
                inner.sellers.insert(s.user_id.clone(), s.clone());
            }
        }
        let fake = Self {
            mall: FakeMall::serve(
                config.start.addr,
                ctx,
                Arc::new(MallKind::Qoo10),
                router(shared.clone()),
            )
            .await?,
            shared,
            seed: config.seed,
        };
        fake.generate_orders(config.orders);
        Ok(fake)
    }

    /// `{"user_id","password","api_key"}` of the demo seller.
    pub fn demo_credentials(&self) -> Value {
        serde_json::json!({
            "user_id": DEMO_USER_ID, "password": DEMO_PASSWORD, "api_key": DEMO_API_KEY
        })
    }

    // ----- keys -----

    /// Issues a SAK for the first seller without calling CreateCertificationKey.
    pub fn issue_sak(&self) -> String {
        let now = self.mall.clock().now();
        let mut inner = self.shared.lock();
        let user = inner
            .sellers
            .keys()
            .next()
            .cloned()
            .unwrap_or_else(|| DEMO_USER_ID.to_string());
        inner.issue_sak(&user, now)
    }

    /// From now on, number fields come as numbers, strings (`"1980"`) or
    /// decimal strings (`"1980.0000"`) row by row, as production clients saw
    /// (qoo10.md "Seen in production").
    pub fn set_mixed_number_types(&self, on: bool) {
        self.shared.lock().mixed_number_types = on;
    }

    /// Every SAK issued so far expires now.
    pub fn expire_saks(&self) {
        let now = self.mall.clock().now() - Duration::seconds(1);
        for s in self.shared.lock().saks.values_mut() {
            s.expires_at = now;
        }
    }

    /// Adds or replaces a seller.
    pub fn add_seller(&self, seller: Seller) {
        self.shared
            .lock()
            .sellers
            .insert(seller.user_id.clone(), seller);
    }

    /// Makes a method answer -90002 (not authorized) or serves it again.
    pub fn set_method_denied(&self, method: &str, denied: bool) {
        let m = method.to_ascii_lowercase();
        let mut inner = self.shared.lock();
        if denied {
            inner.denied.insert(m);
        } else {
            inner.denied.remove(&m);
        }
    }

    /// Sets (or removes) a per-second call limit per seller.
    pub fn set_per_second_limit(&self, limit: Option<u32>) {
        *self
            .shared
            .per_second
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = limit.map(state::limiter);
    }

    // ----- orders -----

    /// Adds `n` generated orders (packs; one row per line) within the 30 days before now.
    pub fn generate_orders(&self, n: usize) -> Vec<ShippingInfo> {
        let now = self.mall.clock().now();
        let mut inner = self.shared.lock();
        let packs = inner
            .rows
            .values()
            .map(|r| r.pack_no)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let mut gen = DataGen::new(self.seed.wrapping_add(packs as u64));
        let mut next_order = inner
            .rows
            .keys()
            .next_back()
            .copied()
            .unwrap_or(1_062_428_700);
        let mut next_pack = inner
            .rows
            .values()
            .map(|r| r.pack_no)
            .max()
            .unwrap_or(512_345_600);
        let samples = gen.orders(n, now);
        let mut made = Vec::new();
        for s in &samples {
            made.extend(seed::to_rows(
                s,
                &mut gen,
                now,
                &mut next_order,
                &mut next_pack,
            ));
        }
        for r in &made {
            inner.rows.insert(r.order_no, r.clone());
        }
        made
    }

    /// Adds (or replaces) a row; its status number is read from `shippingStatus`.
    pub fn add_row(&self, mut row: ShippingInfo) {
        row.hidden.stat = ShippingInfo::stat_from_label(&row.shipping_status);
        self.shared.lock().rows.insert(row.order_no, row);
    }

    /// Loads rows from JSON in any shape Qoo10 answers with: the envelope
    /// `{"ResultObject":[…]}`, an array of rows, or one row. Unknown keys are kept.
    pub fn load_json(&self, value: Value) -> Result<Vec<i64>, serde_json::Error> {
        let list: Vec<ShippingInfo> = match value {
            Value::Object(mut m) if m.contains_key("ResultObject") => {
                serde_json::from_value(m.remove("ResultObject").unwrap_or_default())?
            }
            Value::Array(a) => serde_json::from_value(Value::Array(a))?,
            other => vec![serde_json::from_value(other)?],
        };
        let nos = list.iter().map(|r| r.order_no).collect();
        for r in list {
            self.add_row(r);
        }
        Ok(nos)
    }

    /// One row as the fake holds it (cancelled rows included).
    pub fn row(&self, order_no: i64) -> Option<ShippingInfo> {
        self.shared.lock().rows.get(&order_no).cloned()
    }

    /// Every row, by orderNo.
    pub fn rows(&self) -> Vec<ShippingInfo> {
        self.shared.lock().rows.values().cloned().collect()
    }

    /// The orderNos of a pack.
    pub fn pack(&self, pack_no: i64) -> Vec<i64> {
        self.shared.lock().pack_rows(pack_no)
    }

    /// Changes a row in place. Returns false if absent.
    pub fn update_row(&self, order_no: i64, f: impl FnOnce(&mut ShippingInfo)) -> bool {
        match self.shared.lock().rows.get_mut(&order_no) {
            Some(r) => {
                f(r);
                true
            }
            None => false,
        }
    }

    /// Removes every row.
    pub fn clear_orders(&self) {
        self.shared.lock().rows.clear();
    }

    /// The buyer pays a 入金待ち(1) order: → 配送要請(2) with PaymentDate now.
    pub fn mark_paid(&self, order_no: i64) -> bool {
        let now = seed::fmt_time(self.mall.clock().now());
        self.update_row(order_no, |r| {
            if r.hidden.stat == 1 {
                r.payment_date = now;
                r.set_stat(2);
            }
        })
    }

    /// The parcel arrives: → 配送完了(5) with DeliveredDate now.
    pub fn mark_delivered(&self, order_no: i64) -> bool {
        let now = seed::fmt_time(self.mall.clock().now());
        self.update_row(order_no, |r| {
            r.delivered_date = now;
            r.set_stat(5);
        })
    }

    /// The order line is cancelled: it vanishes from `GetShippingInfo_v2`.
    pub fn cancel(&self, order_no: i64) -> bool {
        self.update_row(order_no, |r| r.set_stat(0))
    }
}
