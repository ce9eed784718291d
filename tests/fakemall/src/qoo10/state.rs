//! The Qoo10 fake's truth: sellers and their API keys, issued SAKs, order rows, call counter.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::ShippingInfo;
use super::uncertain;
use crate::rate_limit::{Alignment, WindowLimiter};
use crate::server::MallContext;

/// A seller account with its API key (QSM login + the key from API IDの発行).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seller {
    /// QSM login id (`user_id`).
    pub user_id: String,
    /// QSM password (`pwd`).
    pub password: String,
    /// The API key (sent as `GiosisCertificationKey` to CreateCertificationKey).
    pub api_key: String,
}

/// An issued seller authorization key.
#[derive(Debug, Clone)]
pub(crate) struct Sak {
    pub user_id: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    /// By user_id.
    pub sellers: BTreeMap<String, Seller>,
    pub saks: HashMap<String, Sak>,
    /// By orderNo.
    pub rows: BTreeMap<i64, ShippingInfo>,
    /// Method names (lower-case) answered with -90002.
    pub denied: BTreeSet<String>,
    pub rng: ChaCha8Rng,
    /// Number fields answered as numbers, strings or decimal strings, row by
    /// row ([`super::uncertain::MIXED_NUMBER_KEYS`]).
    pub mixed_number_types: bool,
}

impl Inner {
    /// The seller owning this API key.
    pub fn seller_by_api_key(&self, key: &str) -> Option<&Seller> {
        self.sellers.values().find(|s| s.api_key == key)
    }

    /// Issues a SAK for `user_id`, valid for a year from `now`.
    pub fn issue_sak(&mut self, user_id: &str, now: DateTime<Utc>) -> String {
        const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut part = |n: usize| -> String {
            (0..n)
                .map(|_| char::from(ALNUM[self.rng.random_range(0..ALNUM.len())]))
                .collect()
        };
        // Shape of A5: `xxxx_g_1_xxxx…`.
        let sak = format!("{}_g_1_{}", part(8), part(40));
        if uncertain::NEW_SAK_REVOKES_OLD {
            self.saks.retain(|_, s| s.user_id != user_id);
        }
        self.saks.insert(
            sak.clone(),
            Sak {
                user_id: user_id.to_string(),
                expires_at: now + uncertain::sak_lifetime(),
            },
        );
        sak
    }

    /// The rows of one pack, by orderNo.
    pub fn pack_rows(&self, pack_no: i64) -> Vec<i64> {
        self.rows
            .values()
            .filter(|r| r.pack_no == pack_no)
            .map(|r| r.order_no)
            .collect()
    }
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct Shared {
    pub(crate) ctx: MallContext,
    inner: Mutex<Inner>,
    /// Optional per-second limit (none by default: Qoo10 documents none).
    pub(crate) per_second: Mutex<Option<WindowLimiter>>,
}

impl Shared {
    pub(crate) fn new(ctx: MallContext, seed: u64, per_second: Option<u32>) -> Self {
        Self {
            ctx,
            inner: Mutex::new(Inner {
                sellers: BTreeMap::new(),
                saks: HashMap::new(),
                rows: BTreeMap::new(),
                denied: BTreeSet::new(),
                rng: ChaCha8Rng::seed_from_u64(seed ^ 0x0001_0010_5AC0),
                mixed_number_types: false,
            }),
            per_second: Mutex::new(per_second.map(limiter)),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }
}

/// `limit` calls per second, from the first call.
pub(crate) fn limiter(limit: u32) -> WindowLimiter {
    WindowLimiter::new(limit, Duration::seconds(1), Alignment::FirstCall)
}
