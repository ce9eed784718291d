//! MakeShop's setup wizard. The seed manual (GoQSystem) walks through the
//! old 注文API's 認証コード; MakeShop has moved shops to its GraphQL API, so
//! the steps keep the manual's flow and words where they still apply and
//! say plainly what changed: API利用の申請 → エンドポイント・永続トークン・
//! APIキー → 設定 → 接続テスト.

use crate::domain::{makeshop_code_key, Carrier};
use crate::malls::wizard::{
    Block, ConnectTexts, FieldGroup, FieldInput, FieldSpec, Wizard, WizardStep,
};

pub const DEVELOPER_URL: &str = "https://developers.makeshop.jp/";

pub fn wizard() -> Wizard {
    Wizard {
        steps: vec![apply(), keys(), settings(), test()],
        fields: own_fields(),
        connect: connect_texts(),
        edit_starts_at: 2,
    }
}

fn step(title: &str, heading: &str, blocks: Vec<Block>) -> WizardStep {
    WizardStep {
        title: title.into(),
        heading: heading.into(),
        blocks,
    }
}

fn apply() -> WizardStep {
    step(
        "API利用の申請",
        "MakeShop で API の利用を申請します",
        vec![
            Block::text("MakeShop の注文を Juchu に取り込むには、MakeShop の **API利用設定** で API の利用を申請します。申請できるのは**メイン管理者**だけで、使えるようになるまで数営業日かかります。"),
            Block::steps(&[
                "MakeShop の管理画面にメイン管理者でログインし、［アプリ管理］→［API利用設定］を開きます。",
                "受注の参照（受注検索）と変更（注文情報の更新・配送状況の更新）を許可して、利用を申請します。",
                "利用が始まると、API の URL（エンドポイント）がメールで届き、管理画面に **永続トークン** と **APIキー** が表示されます。届いたら「次へ」を押してください。",
            ]),
            Block::note("これまでの手順（［ショップ作成 → 外部システム連携 → 注文データ連携設定］で「注文情報参照」「注文情報変更」を許可し、認証コードを発行する）は、以前の注文API のものです。MakeShop は新しい API（GraphQL API）に移っているため、Juchu では認証コードは使いません。"),
            Block::Link {
                label: "MakeShop デベロッパーサイトを開く".into(),
                url: DEVELOPER_URL.into(),
                id: "open-makeshop-developer".into(),
            },
        ],
    )
}

fn keys() -> WizardStep {
    step(
        "エンドポイントとキー",
        "エンドポイント・永続トークン・APIキーを入力します",
        vec![
            Block::text("MakeShop から届いたメールの URL と、管理画面（アプリ管理 / API利用設定）に表示されている永続トークンと APIキーを、そのままコピーして貼り付けてください。"),
            Block::fields(&["endpoint", "access_token", "api_key"]),
        ],
    )
}

fn settings() -> WizardStep {
    step(
        "設定",
        "取得と書き出しの設定",
        vec![
            Block::fields(&["name", "days", "auto", "interval", "initial_status", "sent_status"]),
            Block::text("**配送会社コード**: 発送情報の更新で MakeShop に送る3桁の配送会社コードです（空欄なら薄く表示されているコードを送ります）。MakeShop の配送会社の一覧と違う場合だけ入力してください。"),
            Block::Fields {
                keys: Carrier::ALL.iter().map(|c| makeshop_code_key(*c)).collect(),
            },
        ],
    )
}

fn test() -> WizardStep {
    step(
        "接続テスト",
        "接続テストをします",
        vec![
            Block::text("「接続テスト」を押すと、ここまでの設定を保存してから、MakeShop に接続できるか、受注検索・注文情報の更新・配送状況の更新が許可されているかを確かめます（注文は変更しません）。MakeShop は1秒に1回しか呼び出せないため、数秒かかります。"),
            Block::Connect,
        ],
    )
}

fn own_fields() -> Vec<FieldSpec> {
    let mut fields = vec![FieldSpec {
        key: "endpoint".into(),
        group: FieldGroup::Setting,
        label: "エンドポイント（API の URL）".into(),
        input: FieldInput::Url,
        hint: Some("MakeShop から届いたメールに書かれている URL です。多くのショップでは最初から入っている URL のままで使えます。".into()),
        placeholder: Some(super::uncertain::ENDPOINT.into()),
        unit: None,
        follows: false,
    }];
    fields.extend(Carrier::ALL.iter().map(|c| FieldSpec {
        key: makeshop_code_key(*c),
        group: FieldGroup::Setting,
        label: c.label().into(),
        input: FieldInput::Text,
        hint: None,
        placeholder: Some(super::uncertain::carrier_code(*c).into()),
        unit: None,
        follows: false,
    }));
    fields
}

fn connect_texts() -> ConnectTexts {
    ConnectTexts {
        button: "接続テスト".into(),
        retry_button: "もう一度接続テスト".into(),
        again_button: "接続テストをやり直す".into(),
        waiting: "MakeShop に接続しています…".into(),
        timeout_hint: "".into(),
        wait_seconds: 60,
        success: "MakeShop に接続できました".into(),
        failure: "MakeShop に接続できませんでした".into(),
        test_ok: "接続テスト: MakeShop に接続でき、受注検索と発送情報の更新が許可されています。"
            .into(),
        already_connected: "このショップは接続済みです。キーを変えた場合だけ押してください。"
            .into(),
        paste: None,
    }
}
