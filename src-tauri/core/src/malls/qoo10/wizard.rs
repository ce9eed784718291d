//! Qoo10's setup wizard, in the steps of the seed manual: API ID の発行 →
//! 販売者アカウントID・パスワード・APIキー → 取得の設定 → 接続テスト (Juchu
//! issues the 販売認証キー itself, and again when it expires).

use crate::domain::{qoo10_corp_key, Carrier};
use crate::malls::wizard::{
    Block, ConnectTexts, FieldGroup, FieldInput, FieldSpec, Wizard, WizardStep,
};

pub const DEVELOPER_URL: &str =
    "https://developer.qoo10.jp/GMKT.INC.Gsm.Web/APIDev/APIDevelopPage.aspx";

pub fn wizard() -> Wizard {
    Wizard {
        steps: vec![api_id(), keys(), settings(), test()],
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

fn api_id() -> WizardStep {
    step(
        "API IDの発行",
        "Qoo10 で API ID（APIキー）を発行します",
        vec![
            Block::text("Qoo10 の注文を Juchu に取り込むには、Qoo10 の開発者ページで **API ID** を発行します。費用はかかりません。"),
            Block::steps(&[
                "Qoo10 の管理画面（QSM）にログインしたまま、下の「Qoo10 API のページを開く」を押します。",
                "左のメニューの［API IDの発行/照会］で、API ID の発行を申請します。",
                "発行された API ID（APIキー）をコピーして、この画面に戻り「次へ」を押してください。",
            ]),
            Block::Link {
                label: "Qoo10 API のページを開く".into(),
                url: DEVELOPER_URL.into(),
                id: "open-qoo10-developer".into(),
            },
            Block::note("販売認証キー（Certification Key）は Juchu が APIキー から発行し、1年の有効期限が来る前に自動で発行し直します。ご自分で発行する必要はありません。"),
        ],
    )
}

fn keys() -> WizardStep {
    step(
        "アカウントとAPIキー",
        "販売者アカウントとAPIキーを入力します",
        vec![
            Block::text("**販売者アカウントID** と **パスワード** は、Qoo10 の管理画面にログインするときの ID とパスワードです。ID は［基本情報 → MY情報 → 販売者の基本情報］の「ID」で確かめられます。"),
            Block::fields(&["user_id", "password", "api_key"]),
        ],
    )
}

fn settings() -> WizardStep {
    step(
        "設定",
        "取得と書き出しの設定",
        vec![
            Block::fields(&["name", "fetch_on_request", "fetch_seller_confirm"]),
            Block::note("Qoo10 で発送予定日を入力した注文は「配送要請」から「配送準備」へ移ります。「配送要請」だけを取得すると、その注文を取り込めません（どちらも取得するのがおすすめです）。"),
            Block::fields(&["days", "auto", "interval", "initial_status", "sent_status"]),
            Block::text("**送り状の配送会社名**: 発送情報の更新で Qoo10 に送る配送会社の名前です。QSM の配送会社の一覧と同じ名前にしてください（空欄なら薄く表示されている名前を送ります）。"),
            Block::Fields {
                keys: Carrier::ALL.iter().map(|c| qoo10_corp_key(*c)).collect(),
            },
        ],
    )
}

fn test() -> WizardStep {
    step(
        "接続テスト",
        "接続テストをします",
        vec![
            Block::text("「接続テスト」を押すと、ここまでの設定を保存してから、Juchu が販売認証キーを発行し、Qoo10 に接続できるか確かめます。"),
            Block::Connect,
        ],
    )
}

fn own_fields() -> Vec<FieldSpec> {
    let check = |key: &str, label: &str, text: &str, hint: &str| FieldSpec {
        key: key.into(),
        group: FieldGroup::Setting,
        label: label.into(),
        input: FieldInput::Checkbox { text: text.into() },
        hint: (!hint.is_empty()).then(|| hint.into()),
        placeholder: None,
        unit: None,
        follows: false,
    };
    let corps = Carrier::ALL.iter().map(|c| FieldSpec {
        key: qoo10_corp_key(*c),
        group: FieldGroup::Setting,
        label: c.label().into(),
        input: FieldInput::Text,
        hint: None,
        placeholder: Some(super::uncertain::shipping_corp(*c).into()),
        unit: None,
        follows: false,
    });
    let mut fields = vec![
        check(
            "fetch_on_request",
            "Qoo10取得ステータス",
            "配送要請（新規注文）",
            "",
        ),
        check(
            "fetch_seller_confirm",
            "",
            "配送準備（発送予定日を入力した注文）",
            "入金済みの注文は「配送準備」にあることが多いため、両方を取得します。",
        ),
    ];
    fields.extend(corps);
    fields
}

fn connect_texts() -> ConnectTexts {
    ConnectTexts {
        button: "接続テスト".into(),
        retry_button: "もう一度接続テスト".into(),
        again_button: "接続テストをやり直す".into(),
        waiting: "Qoo10 に接続しています…".into(),
        timeout_hint: "".into(),
        wait_seconds: 60,
        success: "Qoo10 に接続できました".into(),
        failure: "Qoo10 に接続できませんでした".into(),
        test_ok: "接続テスト: 販売認証キーを発行し、Qoo10 に接続できました。".into(),
        already_connected: "このショップは接続済みです。キーを変えた場合だけ押してください。"
            .into(),
        paste: None,
    }
}
