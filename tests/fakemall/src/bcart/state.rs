//! The Bカート fake's truth: orders, their rows and shipments, tokens, labels, the call counter.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{FullOrder, Logistic, Order, OrderProduct, OrderStatus, ShippingGroup};
use crate::data::hex;
use crate::rate_limit::{Alignment, WindowLimiter};
use crate::server::MallContext;

/// Every scope a token can have (bcart.md §B1).
pub const ALL_SCOPES: &[&str] = &[
    "orders-read",
    "orders-write",
    "order_products-read",
    "order_products-write",
    "logistics-read",
    "logistics-write",
    "order_statuses-read",
    "order_statuses-write",
    "shipping_groups-read",
    "webhooks-read",
    "webhooks-write",
];

/// A personal access token the shop created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The JWT-looking string.
    pub token: String,
    /// Its scopes.
    pub scopes: Vec<String>,
    /// Its `exp`.
    pub expires_at: DateTime<Utc>,
    /// Deleted in Bカートデベロッパー.
    pub revoked: bool,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub orders: BTreeMap<i64, Order>,
    pub products: BTreeMap<i64, OrderProduct>,
    pub logistics: BTreeMap<i64, Logistic>,
    /// Shipments of each order (the join the API exposes only through `logistics_id`).
    pub order_logistics: BTreeMap<i64, BTreeSet<i64>>,
    pub tokens: HashMap<String, AccessToken>,
    pub statuses: Vec<OrderStatus>,
    pub shipping_groups: Vec<ShippingGroup>,
    pub rng: ChaCha8Rng,
    pub shop_id: String,
}

impl Inner {
    /// The slot name of a shop-defined status label (`処理中` → `カスタム1`); `None` for
    /// 新規注文 / 完了 and for a label the shop does not have.
    pub fn slot_of(&self, label: &str) -> Option<String> {
        let mut statuses: Vec<&OrderStatus> = self.statuses.iter().collect();
        statuses.sort_by_key(|s| s.id);
        statuses
            .into_iter()
            .filter(|s| !super::uncertain::FIXED_STATUSES.contains(&s.name.as_str()))
            .position(|s| s.name == label)
            .map(|i| super::uncertain::slot_name(i + 1))
    }

    /// The order `status` as the API shows it: the slot name for a shop-defined label.
    pub fn status_as_shown(&self, label: &str) -> String {
        match self.slot_of(label) {
            Some(slot) if super::uncertain::ORDERS_CARRY_SLOT_NAME => slot,
            _ => label.to_string(),
        }
    }

    /// The label a `status` a client sent means: a label of `/order_statuses` or its slot
    /// name; `None` when neither.
    pub fn label_of(&self, value: &str) -> Option<String> {
        self.statuses
            .iter()
            .find(|s| s.name == value || self.slot_of(&s.name).as_deref() == Some(value))
            .map(|s| s.name.clone())
    }

    /// A new JWT-looking token (RS256 header, `aud/jti/iat/nbf/exp/sub/scopes` claims as in
    /// the sample of bcart.md §B1, random signature).
    pub fn issue(&mut self, scopes: &[String], now: DateTime<Utc>, life: Duration) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"RS256"}"#);
        let exp = now + life;
        let claims = serde_json::json!({
            "aud": "1",
            "jti": hex(&mut self.rng, 80),
            "iat": now.timestamp(),
            "nbf": now.timestamp(),
            "exp": exp.timestamp(),
            "sub": self.shop_id,
            "scopes": scopes,
        });
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let sig: Vec<u8> = (0..256).map(|_| self.rng.random::<u8>()).collect();
        let token = format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(sig));
        self.tokens.insert(
            token.clone(),
            AccessToken {
                token: token.clone(),
                scopes: scopes.to_vec(),
                expires_at: exp,
                revoked: false,
            },
        );
        token
    }

    /// The shipments of an order: those linked explicitly and those its rows point at.
    pub fn logistics_ids_of(&self, order_id: i64) -> BTreeSet<i64> {
        let mut ids = self
            .order_logistics
            .get(&order_id)
            .cloned()
            .unwrap_or_default();
        ids.extend(
            self.products
                .values()
                .filter(|p| p.order_id == order_id)
                .filter_map(|p| p.logistics_id),
        );
        ids.retain(|id| self.logistics.contains_key(id));
        ids
    }

    /// An order with its rows and shipments.
    pub fn full(&self, order_id: i64) -> Option<FullOrder> {
        let order = self.orders.get(&order_id)?.clone();
        let order_products = self
            .products
            .values()
            .filter(|p| p.order_id == order_id)
            .cloned()
            .collect();
        let logistics = self
            .logistics_ids_of(order_id)
            .into_iter()
            .filter_map(|id| self.logistics.get(&id).cloned())
            .collect();
        Some(FullOrder {
            order,
            order_products,
            logistics,
        })
    }

    /// Adds (or replaces) an order with its rows and shipments.
    pub fn insert(&mut self, full: FullOrder) {
        let id = full.order.id;
        let links = self.order_logistics.entry(id).or_default();
        for l in &full.logistics {
            links.insert(l.id);
        }
        for l in full.logistics {
            self.logistics.insert(l.id, l);
        }
        for mut p in full.order_products {
            p.order_id = id;
            self.products.insert(p.id, p);
        }
        self.orders.insert(id, full.order);
    }

    pub fn next_ids(&self) -> (i64, i64, i64) {
        (
            self.orders.keys().max().copied().unwrap_or(1233) + 1,
            self.products.keys().max().copied().unwrap_or(5000) + 1,
            self.logistics.keys().max().copied().unwrap_or(7000) + 1,
        )
    }
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct Shared {
    pub(crate) ctx: MallContext,
    inner: Mutex<Inner>,
    pub(crate) limiter: WindowLimiter,
}

impl Shared {
    pub(crate) fn new(ctx: MallContext, seed: u64, shop_id: String, limit: u32) -> Self {
        Self {
            ctx,
            inner: Mutex::new(Inner {
                orders: BTreeMap::new(),
                products: BTreeMap::new(),
                logistics: BTreeMap::new(),
                order_logistics: BTreeMap::new(),
                tokens: HashMap::new(),
                statuses: super::uncertain::DEFAULT_ORDER_STATUSES
                    .iter()
                    .map(|(id, name)| OrderStatus {
                        id: *id,
                        name: (*name).to_string(),
                    })
                    .collect(),
                shipping_groups: super::uncertain::DEFAULT_SHIPPING_GROUPS
                    .iter()
                    .map(|(id, name)| ShippingGroup {
                        id: *id,
                        name: (*name).to_string(),
                    })
                    .collect(),
                rng: ChaCha8Rng::seed_from_u64(seed ^ 0xBCA7_70CE),
                shop_id,
            }),
            // 300 requests / 300 s from the first call, then a 300 s lockout (bcart.md §B2).
            limiter: WindowLimiter::new(limit, Duration::seconds(300), Alignment::FirstCall)
                .with_lockout(Duration::seconds(300)),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }
}
