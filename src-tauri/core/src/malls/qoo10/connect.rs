//! Qoo10's line in the mall registry: the keys the merchant types (QSM
//! login and API key), the 販売認証キー Juchu obtains, the limits, the
//! export policy and the client.

use super::{keys, uncertain, Qoo10Client};
use crate::domain::Mall;
use crate::malls::field_rule::FieldRule;
use crate::malls::spec::{Connect, CredentialField, ExpiringKey, KeyExpiry, MallSpec, ShipPlan};
use crate::malls::{ClientContext, MallClient};

pub static SPEC: MallSpec = MallSpec {
    mall: Mall::Qoo10,
    connect: Connect::Keys,
    credentials: &[
        CredentialField {
            key: keys::USER_ID,
            label: "販売者アカウントID",
            secret: false,
            rule: FieldRule::Any,
            found_at: "Qoo10 の管理画面（基本情報 → MY情報 → 販売者の基本情報）",
            identifies: true,
        },
        CredentialField {
            key: keys::PASSWORD,
            label: "販売者アカウントパスワード",
            secret: true,
            rule: FieldRule::Any,
            found_at: "",
            identifies: false,
        },
        CredentialField {
            key: keys::API_KEY,
            label: "APIキー",
            secret: true,
            rule: FieldRule::Token { min: 16, max: 200 },
            found_at: "Qoo10 API の「API IDの発行/照会」ページ",
            identifies: false,
        },
    ],
    obtained: &[keys::CERTIFICATION_KEY, keys::CERTIFICATION_ISSUED_AT],
    connected_by: &[keys::USER_ID, keys::PASSWORD, keys::API_KEY],
    limits: uncertain::LIMITS,
    export_policy: super::export_policy,
    build: Some(build),
    planned: "",
    status_label: super::mapping::status_label,
    ship_plan: Some(ShipPlan {
        action: "発送予定日を設定",
        explanation: "Qoo10 に発送予定日（と遅れる理由）を登録します。発送予定日を過ぎるとQoo10 では「配送遅延」になります。",
        warning: "発送予定日を登録すると、Qoo10 ではこの注文が「配送要請」から「配送準備」に移ります。Juchu はこのショップの「配送準備」の注文も取得するようにします。",
        reasons: crate::ship_plan::SHIP_PLAN_REASONS,
        applies: |raw| !super::mapping::on_request_order_nos(raw).is_empty(),
    }),
    expiring_key: Some(ExpiringKey {
        label: "販売認証キー",
        source: KeyExpiry::IssuedAt {
            secret: keys::CERTIFICATION_ISSUED_AT,
            lifetime_days: uncertain::KEY_LIFETIME_DAYS,
        },
        warn_days: uncertain::KEY_WARN_DAYS,
        renewal: "期限が来ると Juchu が新しいキーを自動で発行します（販売者アカウントのパスワードを変えた場合は「編集」で入力し直してください）。",
    }),
    send_warning: "Qoo10 では、送信すると注文が「配送中」になり、購入者に発送のお知らせが届きます。送り状番号は API では直せません。Qoo10 は出荷日を受け取りません（Juchu は出荷日が来るまで送信を待ちます）。",
    wizard: Some(super::wizard::wizard),
    new_shop: |_| {},
};

fn build(ctx: &ClientContext) -> Box<dyn MallClient> {
    Box::new(Qoo10Client::for_shop(ctx))
}
