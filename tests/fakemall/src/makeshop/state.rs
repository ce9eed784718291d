//! The MakeShop fake's truth: credentials, orders, denied operations, the 1 req/s counter.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};

use super::model::Order;
use crate::rate_limit::{Alignment, WindowLimiter};
use crate::server::MallContext;

/// A shop's API credentials (永続トークン + APIキー).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The PAT (`authorization: Bearer <PAT>`).
    pub access_token: String,
    /// `x-api-key`.
    pub api_key: String,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub credentials: Credentials,
    /// Uninstalling the app revokes the PAT.
    pub revoked: bool,
    /// By displayOrderNumber.
    pub orders: BTreeMap<String, Order>,
    /// Operation (field) names refused with FORBIDDEN.
    pub denied: BTreeSet<String>,
}

/// Everything the handler and resolvers share.
#[derive(Debug)]
pub struct Shared {
    pub(crate) ctx: MallContext,
    inner: Mutex<Inner>,
    /// 1 call per second per shop, all APIs combined.
    pub(crate) limiter: WindowLimiter,
}

impl Shared {
    pub(crate) fn new(ctx: MallContext, credentials: Credentials, per_second: u32) -> Self {
        Self {
            ctx,
            inner: Mutex::new(Inner {
                credentials,
                revoked: false,
                orders: BTreeMap::new(),
                denied: BTreeSet::new(),
            }),
            limiter: WindowLimiter::new(per_second, Duration::seconds(1), Alignment::FirstCall),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }
}
