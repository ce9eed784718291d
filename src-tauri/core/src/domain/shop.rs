//! A connected shop and its settings (外部システム連携設定 / APIアクセス設定).
//! Secrets are never part of these types: they live in the OS keyring.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::DomainError;
use super::{Mall, Status};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Shop {
    pub id: i64,
    pub mall: Mall,
    pub name: String,
    pub settings: ShopSettings,
}

/// BASE's API書出 setting: which local statuses 発送情報の更新 may send.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportScope {
    /// 「処理済以外も書き出す」: every status but 新規受付 and 保留.
    #[default]
    AllButNewAndHold,
    /// 「処理済だけ書き出す」.
    DoneOnly,
}

/// BASE: the コールバックURL the merchant registered, i.e. how the
/// authorization comes back to Juchu.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum OAuthRedirect {
    /// `juchu://oauth/base`, delivered by the OS to the running app.
    #[default]
    DeepLink,
    /// `http://127.0.0.1:17653/oauth/base`, for where the scheme cannot be used.
    Loopback,
}

/// Stored as JSON; settings written by an older Juchu lack newer keys, which
/// `store::shops` fills from [`ShopSettings::for_mall`] (so every field is
/// required here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ShopSettings {
    /// 受注を取得する日数.
    pub fetch_days: u32,
    /// 自動取得.
    pub auto_fetch: bool,
    /// 自動取得の間隔（分）.
    pub fetch_interval_minutes: u32,
    /// 格納先ステータス: where a newly fetched order lands.
    pub initial_status: Status,
    /// 送信後のステータス: where 発送情報の更新 moves an order once everything
    /// of it is sent (GoQSystem's 出荷確定); `None`: it stays where it is.
    pub sent_status: Option<Status>,
    /// What only this shop's mall has.
    pub mall: MallSettings,
}

/// The settings of one mall, beside the common ones. A mall whose client
/// reads no setting of its own has an empty struct: a setting is added here
/// when its mall's client reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "mall", rename_all = "lowercase")]
pub enum MallSettings {
    Base(BaseSettings),
    Qoo10(Qoo10Settings),
    Bcart(BcartSettings),
    Makeshop(MakeshopSettings),
    Shopserve(ShopserveSettings),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct BaseSettings {
    /// API書出.
    pub export_scope: ExportScope,
    /// Where the authorization comes back.
    pub oauth_redirect: OAuthRedirect,
}

/// Qoo10取得ステータス: which `ShippingStat`s 受注取得 reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Qoo10Settings {
    /// 配送要請 (2): a paid new order.
    pub fetch_on_request: bool,
    /// 配送準備 (3): an order whose 発送予定日 was set on Qoo10.
    pub fetch_seller_confirm: bool,
    /// The merchant's `ShippingCorp` name per carrier (by `Carrier::code`),
    /// where it differs from the client's table; blank: the table's.
    pub shipping_corps: std::collections::BTreeMap<String, String>,
}

/// The `--set` key of a carrier's Qoo10 `ShippingCorp` name.
pub fn qoo10_corp_key(carrier: super::Carrier) -> String {
    format!("corp_{}", carrier.code())
}

/// Qoo10's own `--set` keys: its statuses, then one name per carrier.
const QOO10_KEYS: &[&str] = &[
    "fetch_on_request",
    "fetch_seller_confirm",
    "corp_yamato",
    "corp_sagawa",
    "corp_japanpost",
    "corp_seino",
    "corp_fukuyama",
    "corp_meitetsu",
    "corp_tonami",
    "corp_other",
];

impl Default for Qoo10Settings {
    fn default() -> Self {
        Qoo10Settings {
            fetch_on_request: true,
            fetch_seller_confirm: true,
            shipping_corps: std::collections::BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct BcartSettings {
    /// The shop's status label that means キャンセル (shop-defined; none by default).
    pub cancel_status: String,
    /// When every logistics row of an order is 発送済, set the order to 完了.
    pub complete_order: bool,
    /// 自動書き出し: 発送情報の更新 runs by itself after each automatic fetch.
    pub auto_export: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct MakeshopSettings {
    /// The GraphQL endpoint (MakeShop mails it after the API registration);
    /// empty: the usual one (`malls::makeshop::uncertain::ENDPOINT`, which a
    /// new shop's wizard fills in).
    pub endpoint: String,
    /// The merchant's 3-digit `deliveryCompanyCode` by `Carrier::code`
    /// (the rest: MakeShop's code table).
    pub carrier_codes: std::collections::BTreeMap<String, String>,
}

/// The `--set` key of a MakeShop 配送会社コード (`code_yamato`).
pub fn makeshop_code_key(carrier: super::Carrier) -> String {
    format!("code_{}", carrier.code())
}

const MAKESHOP_KEYS: &[&str] = &[
    "endpoint",
    "code_yamato",
    "code_sagawa",
    "code_japanpost",
    "code_seino",
    "code_fukuyama",
    "code_meitetsu",
    "code_tonami",
    "code_other",
];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ShopserveSettings {}

/// `juchu-cli shop add --set` keys every mall understands.
const COMMON_KEYS: &[&str] = &["days", "auto", "interval", "initial_status", "sent_status"];

/// The `sent_status` value that keeps sent orders where they are.
pub const SENT_STATUS_KEEP: &str = "移動しない";

impl MallSettings {
    /// The defaults of `mall`'s own settings.
    pub fn for_mall(mall: Mall) -> MallSettings {
        match mall {
            Mall::Base => MallSettings::Base(BaseSettings::default()),
            Mall::Qoo10 => MallSettings::Qoo10(Qoo10Settings::default()),
            Mall::Bcart => MallSettings::Bcart(BcartSettings::default()),
            Mall::Makeshop => MallSettings::Makeshop(MakeshopSettings::default()),
            Mall::Shopserve => MallSettings::Shopserve(ShopserveSettings::default()),
        }
    }

    pub fn mall(&self) -> Mall {
        match self {
            MallSettings::Base(_) => Mall::Base,
            MallSettings::Qoo10(_) => Mall::Qoo10,
            MallSettings::Bcart(_) => Mall::Bcart,
            MallSettings::Makeshop(_) => Mall::Makeshop,
            MallSettings::Shopserve(_) => Mall::Shopserve,
        }
    }

    /// The `--set` keys of this mall's own settings.
    pub fn keys(&self) -> &'static [&'static str] {
        match self {
            MallSettings::Base(_) => &["export_scope", "oauth_redirect"],
            MallSettings::Qoo10(_) => QOO10_KEYS,
            MallSettings::Bcart(_) => &["cancel_status", "complete_order", "auto_export"],
            MallSettings::Makeshop(_) => MAKESHOP_KEYS,
            _ => &[],
        }
    }

    /// This mall's own settings as `key=value` text.
    fn values(&self) -> Vec<(&'static str, String)> {
        match self {
            MallSettings::Base(b) => vec![
                (
                    "export_scope",
                    match b.export_scope {
                        ExportScope::AllButNewAndHold => "all",
                        ExportScope::DoneOnly => "done_only",
                    }
                    .to_string(),
                ),
                (
                    "oauth_redirect",
                    match b.oauth_redirect {
                        OAuthRedirect::DeepLink => "deep_link",
                        OAuthRedirect::Loopback => "loopback",
                    }
                    .to_string(),
                ),
            ],
            MallSettings::Qoo10(q) => {
                let mut v = vec![
                    ("fetch_on_request", on_off(q.fetch_on_request)),
                    ("fetch_seller_confirm", on_off(q.fetch_seller_confirm)),
                ];
                for key in &QOO10_KEYS[2..] {
                    let code = key.trim_start_matches("corp_");
                    v.push((
                        *key,
                        q.shipping_corps.get(code).cloned().unwrap_or_default(),
                    ));
                }
                v
            }
            MallSettings::Bcart(b) => vec![
                ("cancel_status", b.cancel_status.clone()),
                ("complete_order", on_off(b.complete_order)),
                ("auto_export", on_off(b.auto_export)),
            ],
            MallSettings::Makeshop(m) => {
                let mut v = vec![("endpoint", m.endpoint.clone())];
                for key in &MAKESHOP_KEYS[1..] {
                    let code = key.trim_start_matches("code_");
                    v.push((*key, m.carrier_codes.get(code).cloned().unwrap_or_default()));
                }
                v
            }
            _ => Vec::new(),
        }
    }

    /// Applies one of this mall's own `key=value` settings.
    fn apply(&mut self, key: &str, v: &str) -> Result<(), DomainError> {
        let bad = |reason: &str| DomainError::setting(key, reason);
        match (&mut *self, key) {
            (MallSettings::Base(b), "export_scope") => {
                b.export_scope = match v {
                    "all" | "処理済以外も書き出す" => ExportScope::AllButNewAndHold,
                    "done_only" | "処理済だけ書き出す" => ExportScope::DoneOnly,
                    _ => return Err(bad("all（処理済以外も書き出す）か done_only（処理済だけ書き出す）を指定してください")),
                }
            }
            (MallSettings::Base(b), "oauth_redirect") => {
                b.oauth_redirect = match v {
                    "deep_link" | "juchu" => OAuthRedirect::DeepLink,
                    "loopback" | "127.0.0.1" => OAuthRedirect::Loopback,
                    _ => return Err(bad("deep_link（juchu://oauth/base）か loopback（127.0.0.1）を指定してください")),
                }
            }
            (MallSettings::Qoo10(q), "fetch_on_request") => {
                q.fetch_on_request = parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?
            }
            (MallSettings::Qoo10(q), "fetch_seller_confirm") => {
                q.fetch_seller_confirm =
                    parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?
            }
            (MallSettings::Bcart(b), "cancel_status") => b.cancel_status = v.to_string(),
            (MallSettings::Bcart(b), "complete_order") => {
                b.complete_order = parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?
            }
            (MallSettings::Bcart(b), "auto_export") => {
                b.auto_export = parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?
            }
            (MallSettings::Makeshop(m), "endpoint") => {
                // Empty: MakeShop's usual endpoint.
                let url = crate::text::fold_width(v).trim().to_string();
                if let Some(problem) = Some(&url)
                    .filter(|u| !u.is_empty())
                    .and_then(|u| super::web::https_problem("エンドポイント", u))
                {
                    return Err(bad(&problem));
                }
                m.endpoint = url;
            }
            (MallSettings::Makeshop(m), k) if MAKESHOP_KEYS.contains(&k) => {
                let carrier = k.trim_start_matches("code_").to_string();
                if v.is_empty() {
                    m.carrier_codes.remove(&carrier);
                } else if v.len() == 3 && v.chars().all(|c| c.is_ascii_digit()) {
                    m.carrier_codes.insert(carrier, v.to_string());
                } else {
                    return Err(bad("配送会社コードは MakeShop の3桁の数字で入力してください（例: ヤマト運輸は 002）"));
                }
            }
            (MallSettings::Qoo10(q), k) if k.starts_with("corp_") => {
                let code = k.trim_start_matches("corp_").to_string();
                if v.chars().count() > 200 {
                    return Err(bad("配送会社名は200文字以内で入力してください（Qoo10 の上限）"));
                }
                if v.is_empty() {
                    q.shipping_corps.remove(&code);
                } else {
                    q.shipping_corps.insert(code, v.to_string());
                }
            }
            _ => return Err(bad("不明な設定です")),
        }
        if let MallSettings::Qoo10(q) = self {
            if !q.fetch_on_request && !q.fetch_seller_confirm {
                return Err(bad("配送要請か配送準備の少なくとも一方を取得してください"));
            }
        }
        Ok(())
    }
}

impl ShopSettings {
    /// The defaults of a new shop of `mall` (受注を取得する日数 7, 自動取得
    /// every 30 分, 格納先ステータス 新規受付, as the manuals say).
    pub fn for_mall(mall: Mall) -> ShopSettings {
        ShopSettings {
            fetch_days: 7,
            auto_fetch: true,
            fetch_interval_minutes: 30,
            initial_status: Status::New,
            sent_status: Some(Status::Done),
            mall: MallSettings::for_mall(mall),
        }
    }

    /// BASE's own settings, if this is a BASE shop.
    pub fn base(&self) -> Option<&BaseSettings> {
        match &self.mall {
            MallSettings::Base(b) => Some(b),
            _ => None,
        }
    }

    /// 自動書き出し: does 発送情報の更新 run by itself after each automatic
    /// fetch? (Bカート's setting; GoQSystem sells it as a paid option.)
    pub fn auto_export(&self) -> bool {
        matches!(&self.mall, MallSettings::Bcart(b) if b.auto_export)
    }

    /// The keys `juchu-cli shop add --set key=value` understands, per mall.
    pub fn keys_for(mall: Mall) -> Vec<&'static str> {
        let mut keys = COMMON_KEYS.to_vec();
        keys.extend(MallSettings::for_mall(mall).keys());
        keys
    }

    /// Every setting as `key=value` text, in the form [`Self::apply`] reads
    /// back (the wizard edits these).
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let on_off = |b: bool| if b { "on" } else { "off" };
        let mut v = vec![
            ("days", self.fetch_days.to_string()),
            ("auto", on_off(self.auto_fetch).to_string()),
            ("interval", self.fetch_interval_minutes.to_string()),
            ("initial_status", self.initial_status.label().to_string()),
            (
                "sent_status",
                self.sent_status
                    .map_or(SENT_STATUS_KEEP, Status::label)
                    .to_string(),
            ),
        ];
        v.extend(self.mall.values());
        v
    }

    /// Applies one `key=value` setting, checking it belongs to the mall.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), DomainError> {
        let mall = self.mall.mall();
        let bad = |reason: &str| DomainError::setting(key, reason);
        let keys = Self::keys_for(mall);
        if !keys.contains(&key) {
            return Err(bad(&format!(
                "{}では使えない設定です（使える設定: {}）",
                mall.label(),
                keys.join(", ")
            )));
        }
        // Full-width digits and letters (「７」「３０分」) read as half-width.
        let folded = crate::text::fold_width(value);
        let v = folded.trim();
        match key {
            "days" => {
                self.fetch_days = v
                    .parse()
                    .ok()
                    .filter(|d| FETCH_DAYS.contains(d))
                    .ok_or_else(|| bad("1〜90 の日数を数字で入力してください"))?
            }
            "auto" => {
                self.auto_fetch =
                    parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?
            }
            "interval" => {
                self.fetch_interval_minutes = v
                    .trim_end_matches('分')
                    .parse()
                    .ok()
                    .filter(|m| FETCH_INTERVAL_MINUTES.contains(m))
                    .ok_or_else(|| bad("5〜1440 の分数を指定してください"))?
            }
            "initial_status" => {
                self.initial_status = Status::parse(v)
                    .ok_or_else(|| bad("ステータス名（例: 新規受付）を指定してください"))?
            }
            "sent_status" => {
                self.sent_status = match v {
                    SENT_STATUS_KEEP | "none" | "keep" => None,
                    _ => Some(Status::parse(v).ok_or_else(|| {
                        bad("ステータス名（例: 処理済）か「移動しない」を指定してください")
                    })?),
                }
            }
            _ => self.mall.apply(key, v)?,
        }
        Ok(())
    }
}

/// 受注を取得する日数 a shop may set.
pub const FETCH_DAYS: std::ops::RangeInclusive<u32> = 1..=90;

/// The intervals the wizard offers (any in [`FETCH_INTERVAL_MINUTES`] is
/// kept if a shop has one already).
pub const FETCH_INTERVAL_CHOICES: &[u32] = &[15, 30, 60, 120];

/// 自動取得の間隔（分） a shop may set.
pub const FETCH_INTERVAL_MINUTES: std::ops::RangeInclusive<u32> = 5..=1440;

fn on_off(b: bool) -> String {
    if b { "on" } else { "off" }.to_string()
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "on" | "true" | "1" | "yes" | "する" => Some(true),
        "off" | "false" | "0" | "no" | "しない" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_manuals() {
        let s = ShopSettings::for_mall(Mall::Qoo10);
        assert_eq!(s.fetch_days, 7);
        assert_eq!(s.fetch_interval_minutes, 30);
        assert_eq!(s.initial_status, Status::New);
    }

    #[test]
    fn apply_validates_keys_per_mall_and_values() {
        let mut s = ShopSettings::for_mall(Mall::Base);
        s.apply("days", "14").unwrap();
        s.apply("export_scope", "done_only").unwrap();
        s.apply("interval", "60分").unwrap();
        assert_eq!((s.fetch_days, s.fetch_interval_minutes), (14, 60));
        assert_eq!(s.base().unwrap().export_scope, ExportScope::DoneOnly);
        assert!(s.apply("days", "0").is_err());
        assert!(s.apply("qoo10_status", "2").is_err());
        let mut q = ShopSettings::for_mall(Mall::Qoo10);
        let e = q.apply("export_scope", "all").unwrap_err();
        assert!(e.to_string().contains("Qoo10では使えない"), "{e}");
        let e = ShopSettings::for_mall(Mall::Bcart)
            .apply("initial_status", "発送済")
            .unwrap_err();
        assert_eq!(e.code(), "INVALID_SETTING");
        for mall in Mall::ALL {
            assert_eq!(ShopSettings::for_mall(mall).mall.mall(), mall);
        }
    }

    #[test]
    fn full_width_numbers_are_read_as_half_width() {
        let mut s = ShopSettings::for_mall(Mall::Base);
        s.apply("days", "１４").unwrap();
        s.apply("interval", "６０分").unwrap();
        assert_eq!((s.fetch_days, s.fetch_interval_minutes), (14, 60));
    }

    #[test]
    fn values_read_back_into_the_same_settings() {
        for mall in Mall::ALL {
            let mut s = ShopSettings::for_mall(mall);
            s.fetch_days = 21;
            s.auto_fetch = false;
            s.initial_status = Status::OnHold;
            s.sent_status = None;
            if let MallSettings::Base(b) = &mut s.mall {
                b.export_scope = ExportScope::DoneOnly;
                b.oauth_redirect = OAuthRedirect::Loopback;
            }
            let mut back = ShopSettings::for_mall(mall);
            for (k, v) in s.values() {
                back.apply(k, &v).unwrap();
            }
            assert_eq!(back, s, "{mall:?}");
            let keys: Vec<&str> = s.values().into_iter().map(|(k, _)| k).collect();
            assert_eq!(keys, ShopSettings::keys_for(mall), "{mall:?}");
        }
    }
}
