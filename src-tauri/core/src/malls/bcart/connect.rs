//! Bカート's line in the mall registry.

use super::{keys, uncertain, BcartClient};
use crate::domain::Mall;
use crate::malls::field_rule::FieldRule;
use crate::malls::spec::{Connect, CredentialField, ExpiringKey, KeyExpiry, MallSpec};
use crate::malls::{ClientContext, MallClient};

pub static SPEC: MallSpec = MallSpec {
    mall: Mall::Bcart,
    connect: Connect::Keys,
    credentials: &[CredentialField {
        key: keys::ACCESS_TOKEN,
        label: "パーソナルアクセストークン",
        secret: true,
        rule: FieldRule::Token { min: 20, max: 4096 },
        found_at: "Bカートデベロッパーの［アプリケーション管理 → Personal Access Tokens］",
        identifies: true,
    }],
    obtained: &[],
    connected_by: &[keys::ACCESS_TOKEN],
    limits: uncertain::LIMITS,
    export_policy: super::export_policy,
    build: Some(build),
    planned: "",
    status_label: |_| None,
    expiring_key: Some(ExpiringKey {
        label: "パーソナルアクセストークン",
        source: KeyExpiry::JwtExp {
            secret: keys::ACCESS_TOKEN,
        },
        warn_days: 30,
        renewal: "期限が来る前に、Bカートデベロッパーで新しいトークンを作り、「編集」で入力し直してください。",
    }),
    ship_plan: None,
    send_warning:
        "Bカートでは、送り状番号を送ると出荷が「発送指示」に、出荷日が来ると「発送済」になります。",
    wizard: Some(super::wizard::wizard),
    new_shop: |_| {},
};

fn build(ctx: &ClientContext) -> Box<dyn MallClient> {
    Box::new(BcartClient::for_shop(ctx))
}
