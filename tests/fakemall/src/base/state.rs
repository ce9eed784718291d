//! The BASE fake's truth: orders, OAuth clients, codes and tokens, call counters.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::model::Order;
use crate::data::hex;
use crate::rate_limit::{Alignment, WindowLimiter};
use crate::server::MallContext;

/// An app registered at BASE Developers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthClient {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
    /// Registered callback URLs.
    pub redirect_uris: Vec<String>,
    /// A suspended client gets `unauthorized_client`.
    pub suspended: bool,
}

/// The token endpoint's success answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    /// 32 hex digits.
    pub access_token: String,
    /// Always `bearer`.
    pub token_type: String,
    /// Always 3600.
    pub expires_in: i64,
    /// 32 hex digits.
    pub refresh_token: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub user_id: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub redirect_uri: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub user_id: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
}

/// Access 1 hour (base.md §1).
pub const ACCESS_TOKEN_LIFETIME_SECS: i64 = 3600;
/// Refresh 30 days (base.md §1).
pub const REFRESH_TOKEN_LIFETIME_DAYS: i64 = 30;

#[derive(Debug)]
pub(crate) struct Inner {
    pub orders: BTreeMap<String, Order>,
    pub clients: BTreeMap<String, OAuthClient>,
    pub codes: HashMap<String, Grant>,
    pub access: HashMap<String, Token>,
    pub refresh: HashMap<String, Token>,
    pub rng: ChaCha8Rng,
    pub deny_authorization: bool,
    pub user_id: String,
}

impl Inner {
    /// Issues a fresh access + refresh token pair.
    pub fn issue(
        &mut self,
        user_id: &str,
        client_id: &str,
        scopes: &[String],
        now: DateTime<Utc>,
    ) -> TokenResponse {
        let access_token = hex(&mut self.rng, 32);
        let refresh_token = hex(&mut self.rng, 32);
        let token = |expires_at| Token {
            user_id: user_id.to_string(),
            client_id: client_id.to_string(),
            scopes: scopes.to_vec(),
            expires_at,
        };
        self.access.insert(
            access_token.clone(),
            token(now + Duration::seconds(ACCESS_TOKEN_LIFETIME_SECS)),
        );
        self.refresh.insert(
            refresh_token.clone(),
            token(now + Duration::days(REFRESH_TOKEN_LIFETIME_DAYS)),
        );
        TokenResponse {
            access_token,
            token_type: "bearer".to_string(),
            expires_in: ACCESS_TOKEN_LIFETIME_SECS,
            refresh_token,
        }
    }

    /// The order holding that item.
    pub fn order_of_item_mut(&mut self, order_item_id: i64) -> Option<&mut Order> {
        self.orders.values_mut().find(|o| {
            o.order_items
                .iter()
                .any(|i| i.order_item_id == order_item_id)
        })
    }
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct Shared {
    pub(crate) ctx: MallContext,
    inner: Mutex<Inner>,
    pub(crate) hour: WindowLimiter,
    pub(crate) day: WindowLimiter,
}

impl Shared {
    pub(crate) fn new(
        ctx: MallContext,
        seed: u64,
        user_id: String,
        hour_limit: u32,
        day_limit: u32,
    ) -> Self {
        Self {
            ctx,
            inner: Mutex::new(Inner {
                orders: BTreeMap::new(),
                clients: BTreeMap::new(),
                codes: HashMap::new(),
                access: HashMap::new(),
                refresh: HashMap::new(),
                // Tokens come from their own stream so that they do not shift the order data.
                rng: ChaCha8Rng::seed_from_u64(seed ^ 0x0BA5_E70C),
                deny_authorization: false,
                user_id,
            }),
            // 5,000 calls/hour, reset at minute :00; 100,000/day, reset at the date change (JST).
            hour: WindowLimiter::new(
                hour_limit,
                Duration::hours(1),
                Alignment::Calendar { offset_seconds: 0 },
            ),
            day: WindowLimiter::new(
                day_limit,
                Duration::days(1),
                Alignment::Calendar {
                    offset_seconds: 9 * 3600,
                },
            ),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }
}
