//! BASE's setup wizard, in the steps of the BASE setup manual: BASE
//! Developers に登録 → アプリを作成 → client_id / client_secret → 設定 →
//! アクセスキーを取得 (OAuth in the system browser, finished by a deep link,
//! the loopback redirect or a pasted URL).

use super::uncertain::AUTHORIZE_ERROR_HINT;
use crate::domain::Mall;
use crate::malls::browser_auth::deep_link;
use crate::malls::loopback;
use crate::malls::wizard::{
    strings, Block, Choice, ConnectTexts, FieldGroup, FieldInput, FieldSpec, GuideCopy, GuideRow,
    PasteTexts, Wizard, WizardStep,
};

pub const DEVELOPERS_URL: &str = "https://developers.thebase.in/";

pub fn wizard() -> Wizard {
    Wizard {
        steps: vec![
            register(),
            create_app(),
            credentials(),
            settings(),
            access_key(),
        ],
        fields: own_fields(),
        connect: connect_texts(),
        edit_starts_at: 3,
    }
}

fn step(title: &str, heading: &str, blocks: Vec<Block>) -> WizardStep {
    WizardStep {
        title: title.into(),
        heading: heading.into(),
        blocks,
    }
}

fn register() -> WizardStep {
    step(
        "BASE Developers に登録",
        "BASE Developers にアカウント登録します",
        vec![
            Block::text("BASE の注文を Juchu に取り込むには、BASE Developers（開発者向けサイト）にお客様ご自身の「アプリ」を登録します。費用はかかりません。ショップ1つにつき、最初に一度だけ行う作業です。"),
            Block::steps(&[
                "下の「BASE Developers を開く」を押すと、ブラウザで BASE Developers が開きます。",
                "右上の［ログイン］を押し、BASE のショップと同じメールアドレス・パスワードでログインします（初めての場合は［新規登録］から登録します）。",
                "ログインできたら、この画面に戻って「次へ」を押してください。",
            ]),
            Block::Link {
                label: "BASE Developers を開く".into(),
                url: DEVELOPERS_URL.into(),
                id: "open-base-developers".into(),
            },
        ],
    )
}

fn create_app() -> WizardStep {
    let callback = GuideRow {
        copies: vec![
            GuideCopy {
                lead: "下の URL をそのまま登録します。「コピー」を押して、BASE の欄に貼り付けてください。".into(),
                label: "コールバックURL".into(),
                value: deep_link(Mall::Base),
                id: "redirect-uri".into(),
            },
            GuideCopy {
                lead: "BASE がこの URL を受け付けないときは、代わりに次の URL を登録してください（このパソコンの中だけで使う URL です）。".into(),
                label: "コールバックURL（受け付けられないとき）".into(),
                value: loopback::redirect_uri(Mall::Base, loopback::REGISTERED_PORT),
                id: "redirect-uri-loopback".into(),
            },
        ],
        fields: strings(&["oauth_redirect"]),
        ..GuideRow::says("コールバックURL", "")
    };
    let scopes = GuideRow {
        bullets: strings(&[
            "ユーザー情報を見る",
            "注文情報を見る",
            "注文情報を更新する（発送情報の更新に使います）",
        ]),
        ..GuideRow::says(
            "利用権限",
            "**全部にチェックを入れてください。**Juchu が使うのは次の3つで、これが欠けると注文を取り込めません。",
        )
    };
    step(
        "アプリを作成",
        "BASE Developers でアプリを作成します",
        vec![
            Block::text("BASE Developers で［アプリケーション］を押し、［アプリを作成する］を押します。「アプリ情報」を次のとおり入力してください。"),
            Block::Guide {
                rows: vec![
                    GuideRow::says("アプリ名", "自由に決めてください（例: Juchu 受注管理）"),
                    GuideRow::says("アプリの説明", "自由に入力してください（例: 受注の取り込みと発送情報の更新に使います）"),
                    GuideRow::says("アプリURL", "自由に入力してください（例: お店のホームページの URL）"),
                    callback,
                    GuideRow::says("アプリのロゴ画像", "なくてもかまいません"),
                    scopes,
                    GuideRow::says("検索APIの利用", "チェックは入れません"),
                ],
            },
            Block::text("「開発者情報」にはお客様の情報を入力し、［API利用規約に同意する］にチェックを入れて［申請する］を押します。申請が終わると、アプリ情報に **client_id** と **client_secret** が表示されます。表示されたら「次へ」を押してください。"),
        ],
    )
}

fn credentials() -> WizardStep {
    step(
        "client_id と client_secret",
        "client_id と client_secret を入力します",
        vec![
            Block::text("BASE Developers の［アプリケーション］で作成したアプリを開くと、アプリ情報に **client_id** と **client_secret** が表示されています。それぞれコピーして、下の欄に貼り付けてください。"),
            Block::fields(&["client_id", "client_secret"]),
        ],
    )
}

fn settings() -> WizardStep {
    step(
        "設定",
        "取得と書き出しの設定",
        vec![Block::fields(&[
            "name",
            "days",
            "auto",
            "interval",
            "export_scope",
            "initial_status",
            "sent_status",
        ])],
    )
}

fn access_key() -> WizardStep {
    step(
        "アクセスキーを取得",
        "アクセスキーを取得します",
        vec![
            Block::text("「アクセスキーを取得する」を押すと、ここまでの設定を保存してから、ブラウザで BASE の許可画面が開きます。BASE にログインして［アプリを認証する］を押すと、アクセスキーが Juchu に自動で届きます（コピーや貼り付けは要りません）。"),
            Block::Connect,
        ],
    )
}

fn own_fields() -> Vec<FieldSpec> {
    let choice = |value: &str, label: &str, note: Option<&str>| Choice {
        note: note.map(Into::into),
        ..Choice::new(value, label)
    };
    vec![
        FieldSpec {
            key: "oauth_redirect".into(),
            group: FieldGroup::Setting,
            label: "BASE に登録したのはどちらですか（アクセスキーの取得に使います）".into(),
            input: FieldInput::Radio {
                choices: vec![
                    choice("deep_link", &format!("上の URL（{}）", deep_link(Mall::Base)), None),
                    choice(
                        "loopback",
                        &format!(
                            "下の URL（{}）",
                            loopback::redirect_uri(Mall::Base, loopback::REGISTERED_PORT)
                        ),
                        None,
                    ),
                ],
            },
            hint: None,
            placeholder: None,
            unit: None,
            follows: false,
        },
        FieldSpec {
            key: "export_scope".into(),
            group: FieldGroup::Setting,
            label: "API書出".into(),
            input: FieldInput::Radio {
                choices: vec![
                    choice("all", "処理済以外も書き出す", Some("（新規受付・保留を除くすべて）")),
                    choice("done_only", "処理済だけ書き出す", None),
                ],
            },
            hint: Some("発送情報の更新で BASE に送る注文のステータスです。どちらの場合も、お荷物伝票番号が入っている注文だけを送ります。".into()),
            placeholder: None,
            unit: None,
            follows: false,
        },
    ]
}

fn connect_texts() -> ConnectTexts {
    ConnectTexts {
        button: "アクセスキーを取得する".into(),
        retry_button: "もう一度アクセスキーを取得する".into(),
        again_button: "アクセスキーを取り直す".into(),
        waiting: "BASE の画面で「アプリを認証する」を押してください…".into(),
        timeout_hint: AUTHORIZE_ERROR_HINT.into(),
        wait_seconds: 90,
        success: "アクセスキーを取得しました".into(),
        failure: "アクセスキーを取得できませんでした".into(),
        test_ok: "接続テスト: BASE に接続できました。".into(),
        already_connected: "このショップはアクセスキーを取得済みです。取り直す場合だけ押してください。".into(),
        paste: Some(PasteTexts {
            title: "自動で戻ってこないとき".into(),
            help: "［アプリを認証する］を押したあと Juchu に戻らない場合は、ブラウザのアドレス欄の URL（「code=」を含むもの）をすべてコピーして、ここに貼り付けてください。".into(),
            placeholder: "ブラウザのアドレス欄の URL を貼り付ける".into(),
            button: "貼り付けた URL でアクセスキーを取得する".into(),
        }),
    }
}
