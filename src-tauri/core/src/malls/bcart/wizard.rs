//! Bカート's setup wizard, in the steps of the seed manual: パーソナルアクセス
//! トークンの作成 (which scopes) → トークン → 設定 → 接続テスト.

use crate::malls::wizard::{
    Block, ConnectTexts, FieldGroup, FieldInput, FieldSpec, Wizard, WizardStep,
};

pub const DEVELOPER_URL: &str = "https://developer.bcart.jp/";

pub fn wizard() -> Wizard {
    Wizard {
        steps: vec![
            WizardStep {
                title: "トークンの作成".into(),
                heading: "Bカートでパーソナルアクセストークンを作成します".into(),
                blocks: vec![
                    Block::steps(&[
                        "Bカートの管理画面で［各種設定 → 外部連携 → アプリストア］を開き、開発権限を付けてBカートデベロッパーにログインします。",
                        "［アプリケーション管理］→［Personal Access Tokens］→［Create New Token］を押します。",
                        "トークン名（例: Juchu）を入れ、次の権限（スコープ）にチェックを入れて作成します。",
                    ]),
                    Block::note("orders・order_products・logistics・order_statuses の読み取りと書き込み、shipping_groups の読み取り"),
                    Block::text("作成したトークンは**一度しか表示されません**。すぐにコピーして「次へ」を押してください。"),
                    Block::Link {
                        label: "Bカートデベロッパーを開く".into(),
                        url: DEVELOPER_URL.into(),
                        id: "open-bcart-developer".into(),
                    },
                ],
            },
            WizardStep {
                title: "トークン".into(),
                heading: "パーソナルアクセストークンを入力します".into(),
                blocks: vec![Block::fields(&["access_token"])],
            },
            WizardStep {
                title: "設定".into(),
                heading: "取得と書き出しの設定".into(),
                blocks: vec![Block::fields(&[
                    "name",
                    "days",
                    "auto",
                    "interval",
                    "auto_export",
                    "initial_status",
                    "sent_status",
                    "cancel_status",
                    "complete_order",
                ])],
            },
            WizardStep {
                title: "接続テスト".into(),
                heading: "接続テストをします".into(),
                blocks: vec![
                    Block::text("「接続テスト」を押すと、ここまでの設定を保存してから、Bカートに接続できるか確かめます。"),
                    Block::Connect,
                ],
            },
        ],
        fields: vec![FieldSpec {
            key: "cancel_status".into(),
            group: FieldGroup::Setting,
            label: "キャンセルとみなすステータス".into(),
            input: FieldInput::Text,
            hint: Some("Bカートの受注ステータスのうち、キャンセルに使っているものの名前（例: キャンセル）。名前を付けていない枠は「カスタム2」のように書きます。空欄ならキャンセルとは扱いません。".into()),
            placeholder: Some("（なし）".into()),
            unit: None,
            follows: false,
        },
        FieldSpec {
            key: "auto_export".into(),
            group: FieldGroup::Setting,
            label: "自動書き出し".into(),
            input: FieldInput::Checkbox {
                text: "自動取得のあとに、発送情報の更新も自動で行う".into(),
            },
            hint: Some("伝票番号を入れた出荷を、自動取得のたびにBカートへ送ります（発送指示、出荷日が来たら発送済）。自動取得がオンのときに働き、結果は自動処理ログに残ります。".into()),
            placeholder: None,
            unit: None,
            follows: false,
        },
        FieldSpec {
            key: "complete_order".into(),
            group: FieldGroup::Setting,
            label: "注文の完了".into(),
            input: FieldInput::Checkbox {
                text: "出荷がすべて「発送済」になったら、Bカートの注文を「完了」にする".into(),
            },
            hint: None,
            placeholder: None,
            unit: None,
            follows: false,
        }],
        connect: ConnectTexts {
            button: "接続テスト".into(),
            retry_button: "もう一度接続テスト".into(),
            again_button: "接続テストをやり直す".into(),
            waiting: "Bカートに接続しています…".into(),
            timeout_hint: "".into(),
            wait_seconds: 60,
            success: "Bカートに接続できました".into(),
            failure: "Bカートに接続できませんでした".into(),
            test_ok: "接続テスト: Bカートに接続できました。".into(),
            already_connected: "このショップは接続済みです。トークンを変えた場合だけ押してください。".into(),
            paste: None,
        },
        edit_starts_at: 2,
    }
}
