//! MakeShop's line in the mall registry.

use super::{keys, uncertain, MakeshopClient};
use crate::domain::{Mall, MallSettings};
use crate::malls::field_rule::FieldRule;
use crate::malls::spec::{Connect, CredentialField, MallSpec};
use crate::malls::{ClientContext, MallClient};

pub static SPEC: MallSpec = MallSpec {
    mall: Mall::Makeshop,
    connect: Connect::Keys,
    credentials: &[
        CredentialField {
            key: keys::ACCESS_TOKEN,
            label: "永続トークン",
            secret: true,
            rule: FieldRule::Token { min: 16, max: 4096 },
            found_at: "MakeShop の管理画面（アプリ管理 / API利用設定）",
            identifies: true,
        },
        CredentialField {
            key: keys::API_KEY,
            label: "APIキー",
            secret: true,
            rule: FieldRule::Token { min: 8, max: 512 },
            found_at: "MakeShop の管理画面（アプリ管理 / API利用設定）",
            identifies: false,
        },
    ],
    obtained: &[],
    connected_by: &[keys::ACCESS_TOKEN, keys::API_KEY],
    limits: uncertain::LIMITS,
    export_policy: super::export_policy,
    build: Some(build),
    planned: "",
    status_label: super::mapping::status_label,
    expiring_key: None,
    ship_plan: None,
    send_warning: "MakeShop では、送り状番号と配送会社を登録したあと、配送状況を「配送完了」にします（購入者に発送のお知らせが届く場合があります）。1秒に1回の呼び出し制限があるため、件数が多いと時間がかかります。",
    wizard: Some(super::wizard::wizard),
    new_shop: |settings| {
        if let MallSettings::Makeshop(m) = &mut settings.mall {
            m.endpoint = uncertain::ENDPOINT.to_string();
        }
    },
};

fn build(ctx: &ClientContext) -> Box<dyn MallClient> {
    Box::new(MakeshopClient::for_shop(ctx))
}
