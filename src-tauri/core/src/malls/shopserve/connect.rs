//! ショップサーブ's line in the mall registry.

use super::{keys, uncertain, ShopserveClient};
use crate::domain::Mall;
use crate::malls::field_rule::FieldRule;
use crate::malls::spec::{Connect, CredentialField, MallSpec};
use crate::malls::{ClientContext, MallClient};

const FOUND_AT: &str = "ショップサーブの管理画面［サーバー → ショップサーブAPI］";

pub static SPEC: MallSpec = MallSpec {
    mall: Mall::Shopserve,
    connect: Connect::Keys,
    credentials: &[
        CredentialField {
            key: keys::SHOP_ID,
            label: "ショップID",
            secret: false,
            rule: FieldRule::Token { min: 2, max: 64 },
            found_at: "ショップサーブの管理画面にログインするときの ID",
            identifies: true,
        },
        CredentialField {
            key: keys::OPEN_KEY,
            label: "オープン認証キー",
            secret: true,
            rule: FieldRule::Token { min: 8, max: 256 },
            found_at: FOUND_AT,
            identifies: false,
        },
        CredentialField {
            key: keys::MANAGER_KEY,
            label: "マネジャー認証キー",
            secret: true,
            rule: FieldRule::Token { min: 8, max: 256 },
            found_at: FOUND_AT,
            identifies: false,
        },
    ],
    obtained: &[],
    connected_by: &[keys::SHOP_ID, keys::MANAGER_KEY],
    limits: uncertain::LIMITS,
    export_policy: super::export_policy,
    build: Some(build),
    planned: "",
    status_label: |_| None,
    expiring_key: None,
    ship_plan: None,
    send_warning: "ショップサーブでは、伝票番号・配送会社・出荷日（発送予定日として保存されます）を登録し、最後の発送先を送ると注文が「発送済」になります。伝票番号のない出荷は送りません。",
    wizard: Some(super::wizard::wizard),
    new_shop: |_| {},
};

fn build(ctx: &ClientContext) -> Box<dyn MallClient> {
    Box::new(ShopserveClient::for_shop(ctx))
}
