//! モール詳細設定: adding, editing and removing shops, their credentials
//! (keyring only) and the state the shop list shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::app::Juchu;
use crate::domain::{Mall, Shop, ShopSettings};
use crate::error::{CoreError, Result};
use crate::malls::field_rule::normalize;
use crate::malls::registry;
use crate::time::jst;

/// A shop as the setup wizard sends it. Credentials go to the keyring; on an
/// update a blank value keeps the stored one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ShopInput {
    pub mall: Mall,
    pub name: String,
    pub settings: ShopSettings,
    pub credentials: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    Connected,
    /// Connected, but the last fetch failed (the mall down, the network…).
    SyncError,
    AuthError,
    /// Its mall has no client in Juchu yet: nothing can be set up or fetched.
    NotSupported,
    /// Some keys were saved, but the shop was never connected (the wizard
    /// was left before アクセスキーを取得 / 接続テスト): 「設定を続ける」.
    Incomplete,
    NotConfigured,
}

impl ConnectionState {
    pub fn label(self) -> &'static str {
        match self {
            ConnectionState::Connected => "接続済み",
            ConnectionState::SyncError => "取得エラー",
            ConnectionState::AuthError => "認証エラー",
            ConnectionState::NotSupported => "連携準備中",
            ConnectionState::Incomplete => "設定の途中",
            ConnectionState::NotConfigured => "未設定",
        }
    }
}

/// One line of 出店中のモール一覧.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ShopStatus {
    pub shop: Shop,
    pub state: ConnectionState,
    pub state_label: String,
    /// RFC 3339 JST.
    pub last_sync_at: Option<String>,
    pub next_sync_at: Option<String>,
    /// The last fetch's failure, in Japanese.
    pub last_error: Option<String>,
    /// Its technical part (for 「詳細」).
    pub last_error_detail: Option<String>,
    /// The age of a key Juchu obtained that expires (Qoo10's 販売認証キー).
    pub key_note: Option<String>,
    /// That key expires within the mall's warning days.
    pub key_warning: bool,
    /// Which credentials are stored (never their values).
    pub credentials_set: BTreeMap<String, bool>,
}

/// Error codes after which nothing works until the merchant authorizes again.
pub const AUTH_ERROR_CODES: &[&str] = &[
    "MALL_UNAUTHORIZED",
    "MALL_REFRESH_EXPIRED",
    "MALL_BAD_CLIENT",
    "MALL_NOT_AUTHORIZED",
];

/// Checks credentials against the mall's keys. With `require_all`, every key
/// must have a value (a new shop); without, blanks mean "keep" (an update).
/// Unknown keys are refused: a typo must not silently drop a secret.
pub fn check_credentials(
    mall: Mall,
    creds: &BTreeMap<String, String>,
    require_all: bool,
) -> Result<BTreeMap<String, String>> {
    let wanted: Vec<&str> = registry::spec(mall).credential_keys().collect();
    if let Some(extra) = creds.keys().find(|k| !wanted.contains(&k.as_str())) {
        return Err(CoreError::setting(
            extra,
            format!(
                "{}の認証情報にない項目です（使える項目: {}）",
                mall.label(),
                wanted.join(", ")
            ),
        ));
    }
    let given: BTreeMap<String, String> = creds
        .iter()
        .map(|(k, v)| (k.clone(), normalize(v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|k| !given.contains_key(*k))
        .collect();
    if require_all && !missing.is_empty() {
        return Err(CoreError::MissingCredentials {
            mall: mall.label(),
            missing: missing.join("・"),
        });
    }
    Ok(given)
}

/// The credentials JSON object `juchu-cli shop add` reads on standard input.
pub fn parse_credentials_json(mall: Mall, json: &str) -> Result<BTreeMap<String, String>> {
    let map: BTreeMap<String, serde_json::Value> = serde_json::from_str(json.trim())
        .map_err(|e| CoreError::CredentialsNotJson(e.to_string()))?;
    let creds = map
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            (k, text)
        })
        .collect();
    check_credentials(mall, &creds, true)
}

impl Juchu {
    /// Adds a shop with its settings and credentials (all required).
    pub fn add_shop(&self, input: &ShopInput) -> Result<Shop> {
        let creds = check_credentials(input.mall, &input.credentials, true)?;
        self.refuse_input_errors(input, None)?;
        crate::secrets::store()?;
        let shop = self
            .store()
            .add_shop(input.mall, &input.name, &input.settings)?;
        if let Err(e) = self.store_credentials(shop.id, &creds) {
            // Do not leave a shop behind whose credentials are half stored.
            for k in creds.keys() {
                let _ = self.secrets().delete(shop.id, k);
            }
            let _ = self.store().remove_shop(shop.id, false);
            return Err(e);
        }
        self.store().log(
            "shop",
            Some(shop.id),
            None,
            &format!(
                "ショップ「{}」（{}）を追加しました",
                shop.name,
                input.mall.label()
            ),
        )?;
        Ok(shop)
    }

    /// `juchu-cli shop add`: settings as `key=value`, credentials as JSON.
    pub fn add_shop_from_text(
        &self,
        mall: Mall,
        name: &str,
        settings: &[(String, String)],
        credentials_json: &str,
    ) -> Result<Shop> {
        let mut s = ShopSettings::for_mall(mall);
        for (k, v) in settings {
            s.apply(k, v)?;
        }
        let credentials = parse_credentials_json(mall, credentials_json)?;
        self.add_shop(&ShopInput {
            mall,
            name: name.to_string(),
            settings: s,
            credentials,
        })
    }

    /// 編集: name, settings, and any credential given (blank keeps the stored one).
    pub fn update_shop(&self, id: i64, input: &ShopInput) -> Result<Shop> {
        let current = self.store().shop(id)?;
        let creds = check_credentials(current.mall, &input.credentials, false)?;
        self.refuse_input_errors(input, Some(id))?;
        let shop = self.store().update_shop(id, &input.name, &input.settings)?;
        self.store_credentials(id, &creds)?;
        if !creds.is_empty() {
            // What Juchu obtained (tokens, issued keys) belongs to the old credentials.
            for k in registry::spec(current.mall).obtained {
                self.secrets().delete(id, k)?;
            }
        }
        self.store().log(
            "shop",
            Some(id),
            None,
            &format!("ショップ「{}」の設定を変更しました", shop.name),
        )?;
        Ok(shop)
    }

    fn store_credentials(&self, shop_id: i64, creds: &BTreeMap<String, String>) -> Result<()> {
        for (k, v) in creds {
            self.secrets().set(shop_id, k, v)?;
        }
        Ok(())
    }

    pub fn remove_shop(&self, id: i64, keep_orders: bool) -> Result<()> {
        let shop = self.store().shop(id)?;
        let spec = registry::spec(shop.mall);
        for k in spec.credential_keys().chain(spec.obtained.iter().copied()) {
            self.secrets().delete(id, k)?;
        }
        let mut store = self.store();
        store.remove_shop(id, keep_orders)?;
        Ok(store.log(
            "shop",
            Some(id),
            None,
            &format!(
                "ショップ「{}」を削除しました（受注は{}）",
                shop.name,
                if keep_orders {
                    "残しました"
                } else {
                    "削除しました"
                }
            ),
        )?)
    }

    /// Whether the shop has what its mall needs to be called (BASE: an
    /// access key obtained by OAuth; a key-only mall: every key).
    pub fn is_connected(&self, shop: &Shop) -> Result<bool> {
        for k in registry::spec(shop.mall).connected_by {
            if !self.secrets().is_set(shop.id, k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The shops 受注取得 / 発送情報の更新 of every shop and 自動取得 work on:
    /// connected, and of a mall Juchu can talk to. A 未設定 shop is left out
    /// quietly; asked for by itself, it answers why it cannot.
    pub fn active_shops(&self) -> Result<Vec<Shop>> {
        let mut out = Vec::new();
        for shop in self.shops()? {
            if registry::spec(shop.mall).has_client() && self.is_connected(&shop)? {
                out.push(shop);
            }
        }
        Ok(out)
    }

    /// How long the shop's expiring key has left, and whether to warn.
    fn key_note(&self, shop: &Shop) -> Result<Option<(String, bool)>> {
        let Some(k) = registry::spec(shop.mall).expiring_key else {
            return Ok(None);
        };
        let secret = match k.source {
            registry::KeyExpiry::IssuedAt { secret, .. }
            | registry::KeyExpiry::JwtExp { secret } => secret,
        };
        let Some(value) = self.secrets().get(shop.id, secret)? else {
            return Ok(None);
        };
        // (issued, end) in UNIX seconds; a JWT has only its end.
        let span = match k.source {
            registry::KeyExpiry::IssuedAt { lifetime_days, .. } => value
                .trim()
                .parse::<i64>()
                .ok()
                .map(|issued| (issued, issued + lifetime_days * 86_400)),
            registry::KeyExpiry::JwtExp { .. } => jwt_exp(&value).map(|end| (end, end)),
        };
        Ok(span.map(|(issued, end)| expiring_key_note(&k, issued, end, crate::time::now_unix())))
    }

    /// 出店中のモール一覧.
    pub fn shop_statuses(&self) -> Result<Vec<ShopStatus>> {
        let mut out = Vec::new();
        for shop in self.shops()? {
            let sync = self.sync_state(shop.id)?;
            let mut credentials_set = BTreeMap::new();
            for k in registry::spec(shop.mall).credential_keys() {
                credentials_set.insert(k.to_string(), self.secrets().is_set(shop.id, k)?);
            }
            let connected = self.is_connected(&shop)?;
            let auth_failed = sync
                .last_error_code
                .as_deref()
                .is_some_and(|c| AUTH_ERROR_CODES.contains(&c));
            let started = credentials_set.values().any(|set| *set);
            // One state per card, the worst one.
            let state = match (connected, auth_failed) {
                _ if !registry::spec(shop.mall).has_client() => ConnectionState::NotSupported,
                (false, _) if started => ConnectionState::Incomplete,
                (false, _) => ConnectionState::NotConfigured,
                (true, true) => ConnectionState::AuthError,
                (true, false) if sync.last_sync_ok == Some(false) => ConnectionState::SyncError,
                (true, false) => ConnectionState::Connected,
            };
            let key_note = self.key_note(&shop)?;
            let last_error = match sync.last_error.filter(|_| sync.last_sync_ok == Some(false)) {
                Some(text) => {
                    let (m, d) = crate::error::split_detail(&text);
                    (Some(m), d)
                }
                None => (None, None),
            };
            let next = shop.settings.auto_fetch.then(|| {
                let interval = i64::from(shop.settings.fetch_interval_minutes) * 60;
                let after_last = sync
                    .last_sync_at
                    .map_or(crate::time::now_unix(), |t| t + interval);
                after_last.max(sync.resume_at.unwrap_or(0))
            });
            out.push(ShopStatus {
                state,
                state_label: state.label().to_string(),
                last_sync_at: sync.last_sync_at.map(|t| jst(t).to_rfc3339()),
                next_sync_at: if matches!(
                    state,
                    ConnectionState::Connected | ConnectionState::SyncError
                ) {
                    next.map(|t| jst(t).to_rfc3339())
                } else {
                    None
                },
                key_note: key_note.as_ref().map(|k| k.0.clone()),
                key_warning: key_note.is_some_and(|k| k.1),
                last_error: last_error.0,
                last_error_detail: last_error.1,
                credentials_set,
                shop,
            });
        }
        Ok(out)
    }
}

/// 「販売認証キー: 発行から40日（有効期限まで残り325日）」 (or, without an
/// issue time, 「…: 有効期限まで残り325日（2027/10/23）」), and whether its end is near.
pub fn expiring_key_note(
    k: &registry::ExpiringKey,
    issued: i64,
    end: i64,
    now: i64,
) -> (String, bool) {
    let left = (end - now).div_euclid(86_400);
    let warn = left <= k.warn_days;
    let text = if end <= now {
        format!("{}の有効期限が切れています。{}", k.label, k.renewal)
    } else if warn {
        format!("{}の有効期限まで残り{left}日です。{}", k.label, k.renewal)
    } else if issued < end {
        let age = ((now - issued) / 86_400).max(0);
        format!("{}: 発行から{age}日（有効期限まで残り{left}日）", k.label)
    } else {
        format!(
            "{}: 有効期限まで残り{left}日（{}）",
            k.label,
            jst(end).format("%Y/%m/%d")
        )
    };
    (text, warn)
}

/// A JWT's `exp` claim (UNIX seconds), if the value is a readable JWT.
pub fn jwt_exp(token: &str) -> Option<i64> {
    use base64::Engine;
    let payload = token.trim().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()?
        .get("exp")?
        .as_i64()
}

#[cfg(test)]
mod jwt_tests {
    use super::*;

    #[test]
    fn a_token_s_expiry_is_read_from_its_exp_claim() {
        use base64::Engine;
        let enc = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        let token = format!(
            "{}.{}.sig",
            enc(r#"{"alg":"RS256"}"#),
            enc(r#"{"sub":"shop","exp":1830000000}"#)
        );
        assert_eq!(jwt_exp(&token), Some(1_830_000_000));
        assert_eq!(jwt_exp("not-a-jwt"), None);
        let k = registry::spec(Mall::Bcart).expiring_key.unwrap();
        let day = 86_400;
        let (text, warn) =
            expiring_key_note(&k, 1_830_000_000, 1_830_000_000, 1_830_000_000 - 100 * day);
        assert!(
            !warn && text.starts_with("パーソナルアクセストークン: 有効期限まで残り100日（"),
            "{text}"
        );
        let (text, warn) =
            expiring_key_note(&k, 1_830_000_000, 1_830_000_000, 1_830_000_000 - 10 * day);
        assert!(
            warn && text.contains("残り10日") && text.contains("作り直")
                || text.contains("新しいトークン"),
            "{text}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_checked_per_mall() {
        let ok = parse_credentials_json(Mall::Base, r#"{"client_id":"abc","client_secret":"def"}"#)
            .unwrap();
        assert_eq!(ok.len(), 2);
        let e = parse_credentials_json(Mall::Base, r#"{"client_id":"abc"}"#).unwrap_err();
        assert_eq!(e.code(), "MISSING_CREDENTIALS");
        assert!(e.to_string().contains("client_secret"));
        let e = parse_credentials_json(Mall::Bcart, r#"{"access_token":"x","acess_token":"y"}"#)
            .unwrap_err();
        assert_eq!(e.code(), "INVALID_SETTING");
        assert_eq!(
            parse_credentials_json(Mall::Qoo10, "user=x")
                .unwrap_err()
                .code(),
            "CREDENTIALS_NOT_JSON"
        );
        let partial: BTreeMap<String, String> =
            [("client_secret".to_string(), "  ".to_string())].into();
        assert!(check_credentials(Mall::Base, &partial, false)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn an_expiring_key_shows_its_age_and_warns_from_30_days_before_its_end() {
        let k = registry::spec(Mall::Qoo10).expiring_key.unwrap();
        let day = 86_400;
        let end = 365 * day;
        let (text, warn) = expiring_key_note(&k, 0, end, 40 * day);
        assert_eq!(text, "販売認証キー: 発行から40日（有効期限まで残り325日）");
        assert!(!warn);
        let (text, warn) = expiring_key_note(&k, 0, end, 335 * day);
        assert!(
            warn && text.contains("残り30日") && text.contains("自動で発行"),
            "{text}"
        );
        let (text, warn) = expiring_key_note(&k, 0, end, 400 * day);
        assert!(warn && text.contains("切れています"), "{text}");
    }
}
