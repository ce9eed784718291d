//! What the registry says of one mall (`MallSpec`) and the kinds it is made
//! of. A leaf: each mall's folder builds its `SPEC` from these, and
//! `registry` lists them, so neither imports the other's way back.

use async_trait::async_trait;
use serde::Serialize;
use specta::Type;

use super::browser_auth::Authorization;
use super::export_policy::ExportPolicy;
use super::field_rule::FieldRule;
use super::limit::LimitPolicy;
use super::wizard::Wizard;
use super::{ClientContext, MallClient, MallError};
use crate::domain::{Mall, Shop, ShopSettings};
use crate::secrets::Secrets;

/// A credential the merchant types in the wizard (or gives `juchu-cli shop add`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct CredentialField {
    /// Its key in the keyring and in the CLI's JSON.
    pub key: &'static str,
    /// Its name on the mall's own pages.
    pub label: &'static str,
    /// Shown as dots, never read back into the window once saved.
    pub secret: bool,
    /// The shape it must have.
    pub rule: FieldRule,
    /// Where the merchant finds it (「BASE Developers のアプリ情報」): the
    /// message for a blank field points there.
    pub found_at: &'static str,
    /// It names the mall account: two shops with the same value would fetch
    /// every order twice, so a second one is refused.
    pub identifies: bool,
}

/// A key that expires (Qoo10's 販売認証キー, Bカート's token): the shop list
/// shows how long it has left and warns before the end.
#[derive(Debug, Clone, Copy)]
pub struct ExpiringKey {
    /// Its name on the mall's pages.
    pub label: &'static str,
    pub source: KeyExpiry,
    pub warn_days: i64,
    /// What happens at the end (Juchu renews it itself, or the merchant must).
    pub renewal: &'static str,
}

/// Where a key's end is read from.
#[derive(Debug, Clone, Copy)]
pub enum KeyExpiry {
    /// A secret holding the UNIX seconds it was issued, and its lifetime.
    IssuedAt {
        secret: &'static str,
        lifetime_days: i64,
    },
    /// A JWT credential: its `exp` claim.
    JwtExp { secret: &'static str },
}

/// A mall that takes a planned ship date for its orders (Qoo10's
/// 発送予定日): the words of the window's dialog.
#[derive(Debug, Clone, Copy)]
pub struct ShipPlan {
    pub action: &'static str,
    pub explanation: &'static str,
    pub warning: &'static str,
    /// The mall's delay reasons: its code and words.
    pub reasons: &'static [(u8, &'static str)],
    /// Whether an order (its stored payload) can still take one.
    pub applies: fn(&serde_json::Value) -> bool,
}

/// How a shop of the mall gets connected.
#[derive(Clone, Copy)]
pub enum Connect {
    /// The merchant approves Juchu in the browser; the mall redirects back.
    Browser(&'static dyn BrowserConnector),
    /// The typed keys are all it takes; 接続テスト proves them.
    Keys,
}

/// [`Connect`] as the window sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectKind {
    Browser,
    Keys,
}

/// Where a browser authorization comes back to Juchu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// `juchu://…`, delivered by the OS to the running app.
    DeepLink(&'static str),
    /// `http://127.0.0.1:PORT/oauth/<mall>`, received by `malls::loopback`.
    Loopback { port: u16 },
}

/// A mall authorized in the browser (BASE's OAuth).
#[async_trait]
pub trait BrowserConnector: Send + Sync {
    /// Where the shop's authorization comes back (the merchant's choice).
    fn callback(&self, shop: &Shop) -> Callback;

    /// The authorize URL, with a random state, for `redirect_uri`.
    fn begin(
        &self,
        shop_id: i64,
        secrets: &Secrets,
        redirect_uri: &str,
    ) -> Result<Authorization, MallError>;

    /// Checks the redirect, obtains the tokens and keeps them in the keyring.
    async fn finish(
        &self,
        shop_id: i64,
        secrets: &Secrets,
        auth: &Authorization,
        redirected_url: &str,
    ) -> Result<(), MallError>;
}

/// How a mall's client is built.
pub type BuildClient = fn(&ClientContext) -> Box<dyn MallClient>;

/// Everything Juchu knows of a mall, in one place.
pub struct MallSpec {
    pub mall: Mall,
    pub connect: Connect,
    /// What the merchant types (all required for a new shop).
    pub credentials: &'static [CredentialField],
    /// Secrets Juchu obtains from the mall (tokens, keys it issues): deleted
    /// when a typed credential changes and when the shop is removed.
    pub obtained: &'static [&'static str],
    /// The secrets whose presence means the shop can be called.
    pub connected_by: &'static [&'static str],
    /// The API's limits, enforced by the shop's shared limiter.
    pub limits: &'static [LimitPolicy],
    /// What 発送情報の更新 may send for a shop's settings.
    pub export_policy: fn(&ShopSettings) -> ExportPolicy,
    /// Its client; `None` while Juchu has none yet.
    pub build: Option<BuildClient>,
    /// For a mall without a client: what is planned, and what the merchant
    /// can do meanwhile (shown on its tile).
    pub planned: &'static str,
    /// The mall takes a planned ship date (`ship_plan::set_ship_plan`).
    pub ship_plan: Option<ShipPlan>,
    /// A key Juchu obtains that expires, if the mall has one.
    pub expiring_key: Option<ExpiringKey>,
    /// The mall's order / shipment status in Japanese (its admin pages'
    /// words), from its raw value; `None` for a value it does not know.
    pub status_label: fn(&str) -> Option<&'static str>,
    /// What 発送情報の更新 warns of before sending to this mall (what the
    /// buyer receives, what cannot be undone); empty when nothing beyond
    /// the warning every mall gets.
    pub send_warning: &'static str,
    /// Its setup wizard: the steps, its own settings' fields and the words of
    /// its connect step (the registry adds the credential and common fields).
    /// `None` while the mall has no client.
    pub wizard: Option<fn() -> Wizard>,
    /// What a new shop of the mall starts with beyond `ShopSettings::for_mall`
    /// (a guess of the mall's, such as MakeShop's usual endpoint, lives with
    /// the mall and is filled in here).
    pub new_shop: fn(&mut crate::domain::ShopSettings),
}

impl MallSpec {
    pub fn has_client(&self) -> bool {
        self.build.is_some()
    }

    pub fn connect_kind(&self) -> ConnectKind {
        match self.connect {
            Connect::Browser(_) => ConnectKind::Browser,
            Connect::Keys => ConnectKind::Keys,
        }
    }

    pub fn credential_keys(&self) -> impl Iterator<Item = &'static str> {
        self.credentials.iter().map(|c| c.key)
    }
}
