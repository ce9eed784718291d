//! ショップサーブ's setup wizard, in the steps of the seed manual: APIキーの
//! 発行 (サーバー → ショップサーブAPI → 規約に同意 → 申し込む → 発行) → ショップ
//! ID・オープン認証キー・マネジャー認証キー → 設定 → 接続テスト.

use crate::malls::wizard::{Block, ConnectTexts, Wizard, WizardStep};

fn step(title: &str, heading: &str, blocks: Vec<Block>) -> WizardStep {
    WizardStep {
        title: title.into(),
        heading: heading.into(),
        blocks,
    }
}

pub fn wizard() -> Wizard {
    Wizard {
        steps: vec![
            step(
                "APIキーの発行",
                "ショップサーブで APIキーを発行します",
                vec![
                    Block::steps(&[
                        "ショップサーブの管理画面（店舗運営Webアプリ）で［サーバー］をクリックします。",
                        "［ショップサーブAPI］をクリックします。",
                        "利用規約を読み、［利用規約に同意する。］にチェックを付けて［申し込む］をクリックします。",
                        "「オープン認証キー」と「マネジャー認証キー」が発行されます。2つともコピーして「次へ」を押してください。",
                    ]),
                    Block::note("2026年8月、Eストアーは管理画面などの情報が漏えいしたことを公表しました。マネジャー認証キーは定期的に［再発行］し、新しいキーを「編集」で入力し直してください（再発行すると古いキーは使えなくなります）。"),
                ],
            ),
            step(
                "ショップIDと認証キー",
                "ショップIDと2つの認証キーを入力します",
                vec![
                    Block::text("**ショップID** は管理画面にログインするときの ID です。**マネジャー認証キー** で受注の取得と発送情報の更新をします（オープン認証キーはお店構築用で、受注には使いません）。"),
                    Block::fields(&["shop_id", "open_key", "manager_key"]),
                    Block::note("認証キーはこのパソコンの資格情報（鍵の保管場所）にだけ保存し、保存したあとは画面に表示しません。"),
                ],
            ),
            step(
                "設定",
                "取得と書き出しの設定",
                vec![Block::fields(&[
                    "name",
                    "days",
                    "auto",
                    "interval",
                    "initial_status",
                    "sent_status",
                ])],
            ),
            step(
                "接続テスト",
                "接続テストをします",
                vec![
                    Block::text("「接続テスト」を押すと、ここまでの設定を保存してから、ショップサーブに接続できるか確かめます。"),
                    Block::Connect,
                ],
            ),
        ],
        fields: Vec::new(),
        connect: ConnectTexts {
            button: "接続テスト".into(),
            retry_button: "もう一度接続テスト".into(),
            again_button: "接続テストをやり直す".into(),
            waiting: "ショップサーブに接続しています…".into(),
            timeout_hint: "".into(),
            wait_seconds: 60,
            success: "ショップサーブに接続できました".into(),
            failure: "ショップサーブに接続できませんでした".into(),
            test_ok: "接続テスト: ショップサーブに接続できました。".into(),
            already_connected: "このショップは接続済みです。キーを変えた場合だけ押してください。"
                .into(),
            paste: None,
        },
        edit_starts_at: 1,
    }
}
