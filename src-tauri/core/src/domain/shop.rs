//! A connected shop and its settings (外部システム連携設定 / APIアクセス設定).
//! Secrets are never part of these types: they live in the OS keyring.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{Mall, Status};
use crate::error::CoreError;

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
/// `store::shops` fills from `Default` (so every field is required here).
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
    /// BASE: API書出.
    pub export_scope: ExportScope,
    /// BASE: where the authorization comes back.
    pub oauth_redirect: OAuthRedirect,
    /// Qoo10: Qoo10取得ステータス (ShippingStat 1–5, default 2 = 配送要請).
    pub qoo10_fetch_status: u8,
    /// Bカート: 自動書き出し.
    pub auto_export: bool,
    /// MakeShop: the GraphQL endpoint the shop was given (None: the default).
    pub endpoint: Option<String>,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            fetch_days: 7,
            auto_fetch: true,
            fetch_interval_minutes: 30,
            initial_status: Status::New,
            export_scope: ExportScope::default(),
            oauth_redirect: OAuthRedirect::default(),
            qoo10_fetch_status: 2,
            auto_export: false,
            endpoint: None,
        }
    }
}

impl ShopSettings {
    /// The keys `juchu-cli shop add --set key=value` understands, per mall.
    pub fn keys_for(mall: Mall) -> &'static [&'static str] {
        match mall {
            Mall::Base => &[
                "days",
                "auto",
                "interval",
                "initial_status",
                "export_scope",
                "oauth_redirect",
            ],
            Mall::Qoo10 => &["days", "auto", "interval", "initial_status", "qoo10_status"],
            Mall::Bcart => &["days", "auto", "interval", "initial_status", "auto_export"],
            Mall::Makeshop => &["days", "auto", "interval", "initial_status", "endpoint"],
            Mall::Shopserve => &["days", "auto", "interval", "initial_status"],
        }
    }

    /// Applies one `key=value` setting, checking it belongs to the mall.
    pub fn apply(&mut self, mall: Mall, key: &str, value: &str) -> Result<(), CoreError> {
        let bad = |reason: &str| CoreError::InvalidSetting {
            key: key.to_string(),
            reason: reason.to_string(),
        };
        if !Self::keys_for(mall).contains(&key) {
            return Err(bad(&format!(
                "{}では使えない設定です（使える設定: {}）",
                mall.label(),
                Self::keys_for(mall).join(", ")
            )));
        }
        let v = value.trim();
        match key {
            "days" => {
                self.fetch_days = v
                    .parse()
                    .ok()
                    .filter(|d| (1..=90).contains(d))
                    .ok_or_else(|| bad("1〜90 の日数を指定してください"))?
            }
            "auto" => self.auto_fetch = parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?,
            "interval" => {
                self.fetch_interval_minutes = v
                    .trim_end_matches('分')
                    .parse()
                    .ok()
                    .filter(|m| (5..=1440).contains(m))
                    .ok_or_else(|| bad("5〜1440 の分数を指定してください"))?
            }
            "initial_status" => {
                self.initial_status =
                    Status::parse(v).ok_or_else(|| bad("ステータス名（例: 新規受付）を指定してください"))?
            }
            "export_scope" => {
                self.export_scope = match v {
                    "all" | "処理済以外も書き出す" => ExportScope::AllButNewAndHold,
                    "done_only" | "処理済だけ書き出す" => ExportScope::DoneOnly,
                    _ => return Err(bad("all（処理済以外も書き出す）か done_only（処理済だけ書き出す）を指定してください")),
                }
            }
            "oauth_redirect" => {
                self.oauth_redirect = match v {
                    "deep_link" | "juchu" => OAuthRedirect::DeepLink,
                    "loopback" | "127.0.0.1" => OAuthRedirect::Loopback,
                    _ => return Err(bad("deep_link（juchu://oauth/base）か loopback（127.0.0.1）を指定してください")),
                }
            }
            "qoo10_status" => {
                self.qoo10_fetch_status = v
                    .parse()
                    .ok()
                    .filter(|s| (1..=5).contains(s))
                    .ok_or_else(|| bad("1〜5 を指定してください（2 = 配送要請）"))?
            }
            "auto_export" => {
                self.auto_export = parse_bool(v).ok_or_else(|| bad("on か off を指定してください"))?
            }
            "endpoint" => {
                if !(v.starts_with("https://") || v.starts_with("http://127.0.0.1")) {
                    return Err(bad("https:// で始まる URL を指定してください"));
                }
                self.endpoint = Some(v.to_string())
            }
            _ => return Err(bad("不明な設定です")),
        }
        Ok(())
    }
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
        let s = ShopSettings::default();
        assert_eq!(s.fetch_days, 7);
        assert_eq!(s.fetch_interval_minutes, 30);
        assert_eq!(s.initial_status, Status::New);
    }

    #[test]
    fn apply_validates_keys_per_mall_and_values() {
        let mut s = ShopSettings::default();
        s.apply(Mall::Base, "days", "14").unwrap();
        s.apply(Mall::Base, "export_scope", "done_only").unwrap();
        s.apply(Mall::Base, "interval", "60分").unwrap();
        assert_eq!((s.fetch_days, s.fetch_interval_minutes), (14, 60));
        assert_eq!(s.export_scope, ExportScope::DoneOnly);
        assert!(s.apply(Mall::Base, "days", "0").is_err());
        assert!(s.apply(Mall::Base, "qoo10_status", "2").is_err());
        assert!(s.apply(Mall::Qoo10, "qoo10_status", "9").is_err());
        let e = s
            .apply(Mall::Bcart, "initial_status", "発送済")
            .unwrap_err();
        assert_eq!(e.code(), "INVALID_SETTING");
    }
}
