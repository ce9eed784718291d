//! The ショップサーブ fake's truth: orders, credentials, maintenance windows.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::model::Order;
use super::wire::{Charset, Codec};
use crate::server::MallContext;

/// The shop's API credentials (admin → サーバー → ショップサーブAPI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// ショップID (the admin login id).
    pub shop_id: String,
    /// オープン認証キー (shop-building APIs only).
    pub open_key: String,
    /// マネージャー認証キー (orders).
    pub manager_key: String,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub orders: BTreeMap<String, Order>,
    pub credentials: Credentials,
    /// Scheduled maintenance windows `[start, end)`.
    pub maintenance: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub rng: ChaCha8Rng,
    /// The body format of the next answers and request bodies.
    pub codec: Codec,
    /// The charset of the next answers (and of request bodies without `charset=`).
    pub charset: Charset,
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct Shared {
    pub(crate) ctx: MallContext,
    inner: Mutex<Inner>,
}

impl Shared {
    pub(crate) fn new(
        ctx: MallContext,
        seed: u64,
        credentials: Credentials,
        codec: Codec,
        charset: Charset,
    ) -> Self {
        Self {
            ctx,
            inner: Mutex::new(Inner {
                orders: BTreeMap::new(),
                credentials,
                maintenance: Vec::new(),
                rng: ChaCha8Rng::seed_from_u64(seed ^ 0x5E0B_5E7E),
                codec,
                charset,
            }),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The instance's codec and charset now.
    pub(crate) fn format(&self) -> (Codec, Charset) {
        let inner = self.lock();
        (inner.codec, inner.charset)
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }
}
