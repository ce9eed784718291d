//! The setup wizard of a mall, as data. Each mall describes its own steps
//! (in the order of its seed manual) with these types; the window has one
//! component that renders any of them, and `shop_form` checks what the
//! merchant typed with the rules named here. A leaf, like `spec`.
//!
//! Text may mark a phrase to stand out with `**…**`; nothing else is markup.

use serde::Serialize;
use specta::Type;

use crate::domain::{Status, FETCH_INTERVAL_CHOICES, SENT_STATUS_KEEP};

/// One mall's wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Wizard {
    /// The steps, in order; the last one holds the [`Block::Connect`] block.
    pub steps: Vec<WizardStep>,
    /// Every field the steps show, by key (credentials, the shop name, settings).
    pub fields: Vec<FieldSpec>,
    /// What the connect step says and does.
    pub connect: ConnectTexts,
    /// When editing a shop that is already set up, the wizard opens at this
    /// step (1-based): the first one the merchant may want to change.
    pub edit_starts_at: u32,
}

/// One step: its name in the step bar, its heading, and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct WizardStep {
    pub title: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A piece of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Text { text: String },
    /// A quieter paragraph (a side remark).
    Note { text: String },
    /// A numbered how-to.
    Steps { items: Vec<String> },
    /// A button that opens a page of the mall in the browser; the address is shown beside it.
    Link {
        label: String,
        url: String,
        /// `data-testid` of the button (the end-to-end tests press it).
        id: String,
    },
    /// A value the merchant copies into the mall's page.
    Copy {
        label: String,
        value: String,
        id: String,
    },
    /// The form of the mall's page, line by line, with what to enter in each.
    Guide { rows: Vec<GuideRow> },
    /// Fields of [`Wizard::fields`], by key, in this order.
    Fields { keys: Vec<String> },
    /// The connect step (see [`ConnectTexts`]).
    Connect,
}

/// One line of a [`Block::Guide`]: the mall's field and what to put in it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct GuideRow {
    pub label: String,
    pub text: String,
    /// A list under the text.
    pub bullets: Vec<String>,
    /// Values to copy into this line, and fields to answer about it.
    pub copies: Vec<GuideCopy>,
    pub fields: Vec<String>,
}

/// A value to copy in a guide line, with the sentence that introduces it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct GuideCopy {
    pub lead: String,
    pub label: String,
    pub value: String,
    pub id: String,
}

/// What a field belongs to: the keyring, the shop's name, or its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FieldGroup {
    Credential,
    Name,
    Setting,
}

/// One input of the wizard. Values travel as text (`shop_form` parses them),
/// so that a setting typed in the wizard and one given to `juchu-cli shop add
/// --set key=value` go through the same checks.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FieldSpec {
    /// The credential key, `name`, or the `--set` key of a setting.
    pub key: String,
    pub group: FieldGroup,
    pub label: String,
    pub input: FieldInput,
    /// Under the field.
    pub hint: Option<String>,
    pub placeholder: Option<String>,
    /// Shown after the input (日分).
    pub unit: Option<String>,
    /// Laid out on the previous field's line, usable only while that
    /// (check box) field is on: 自動取得 and its interval.
    pub follows: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldInput {
    Text,
    /// Shown as dots; never read back into the window once saved.
    Secret,
    /// A short number (digits, full-width accepted).
    Number,
    /// A web address, given the width of a whole one.
    Url,
    /// On (`on`) or off (`off`), with the sentence beside the box.
    Checkbox {
        text: String,
    },
    Select {
        choices: Vec<Choice>,
    },
    Radio {
        choices: Vec<Choice>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// In small print after the label.
    pub note: Option<String>,
}

/// The words of the connect step. Browser malls (BASE) authorize in the
/// browser and come back by deep link, loopback or a pasted address; key
/// malls save the keys and run 接続テスト.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ConnectTexts {
    /// The button: 「アクセスキーを取得する」, 「接続テスト」.
    pub button: String,
    /// The button again after a failure, and after a success.
    pub retry_button: String,
    pub again_button: String,
    /// While the mall's page is open in the browser.
    pub waiting: String,
    /// After [`Self::wait_seconds`] without an answer: what the mall's page
    /// probably says instead, and what to do.
    pub timeout_hint: String,
    pub wait_seconds: u32,
    /// 「アクセスキーを取得しました」.
    pub success: String,
    pub failure: String,
    /// The 接続テスト sentence after a success.
    pub test_ok: String,
    /// The shop is connected already (editing).
    pub already_connected: String,
    /// Browser malls: the pasted-address fallback (empty for key malls).
    pub paste: Option<PasteTexts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PasteTexts {
    pub title: String,
    pub help: String,
    pub placeholder: String,
    pub button: String,
}

impl Block {
    pub fn text(text: &str) -> Block {
        Block::Text { text: text.into() }
    }

    pub fn note(text: &str) -> Block {
        Block::Note { text: text.into() }
    }

    pub fn steps(items: &[&str]) -> Block {
        Block::Steps {
            items: strings(items),
        }
    }

    pub fn fields(keys: &[&str]) -> Block {
        Block::Fields {
            keys: strings(keys),
        }
    }
}

impl GuideRow {
    /// A line that only says what to enter.
    pub fn says(label: &str, text: &str) -> GuideRow {
        GuideRow {
            label: label.into(),
            text: text.into(),
            bullets: Vec::new(),
            copies: Vec::new(),
            fields: Vec::new(),
        }
    }
}

impl Choice {
    pub fn new(value: &str, label: &str) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            note: None,
        }
    }
}

impl Wizard {
    /// Every key a [`Block::Fields`] or a guide line names is a field, once.
    pub fn unknown_field_keys(&self) -> Vec<String> {
        let known = |k: &String| self.fields.iter().any(|f| &f.key == k);
        self.steps
            .iter()
            .flat_map(|s| &s.blocks)
            .flat_map(|b| match b {
                Block::Fields { keys } => keys.clone(),
                Block::Guide { rows } => rows.iter().flat_map(|r| r.fields.clone()).collect(),
                _ => Vec::new(),
            })
            .filter(|k| !known(k))
            .collect()
    }
}

/// The fields every mall's wizard has, as the manuals name them: ショップ名,
/// 受注を取得する日数, 自動取得 with its interval, 格納先ステータス.
pub fn common_fields() -> Vec<FieldSpec> {
    let field = |key: &str, group, label: &str, input, hint: &str| FieldSpec {
        key: key.into(),
        group,
        label: label.into(),
        input,
        hint: (!hint.is_empty()).then(|| hint.into()),
        placeholder: None,
        unit: None,
        follows: false,
    };
    vec![
        field(
            "name",
            FieldGroup::Name,
            "ショップ名",
            FieldInput::Text,
            "受注一覧の「ショップ」に表示される名前です。",
        ),
        FieldSpec {
            unit: Some("日分".into()),
            ..field(
                "days",
                FieldGroup::Setting,
                "受注を取得する日数",
                FieldInput::Number,
                "受注取得のたびに、さかのぼって確認する日数です。",
            )
        },
        field(
            "auto",
            FieldGroup::Setting,
            "自動取得",
            FieldInput::Checkbox {
                text: "自動取得する".into(),
            },
            "",
        ),
        FieldSpec {
            follows: true,
            ..field(
                "interval",
                FieldGroup::Setting,
                "自動取得の間隔",
                FieldInput::Select {
                    choices: FETCH_INTERVAL_CHOICES
                        .iter()
                        .map(|m| Choice::new(&m.to_string(), &format!("{m}分ごと")))
                        .collect(),
                },
                "",
            )
        },
        field(
            "initial_status",
            FieldGroup::Setting,
            "格納先ステータス",
            FieldInput::Select {
                choices: Status::ALL
                    .iter()
                    .map(|s| Choice::new(s.label(), s.label()))
                    .collect(),
            },
            "新しく取り込んだ注文を入れるステータスです。",
        ),
        field(
            "sent_status",
            FieldGroup::Setting,
            "送信後のステータス",
            FieldInput::Select {
                choices: Status::ALL
                    .iter()
                    .filter(|s| **s != Status::Cancelled)
                    .map(|s| Choice::new(s.label(), s.label()))
                    .chain([Choice::new(SENT_STATUS_KEEP, SENT_STATUS_KEEP)])
                    .collect(),
            },
            "発送情報の更新でモールに送信できた注文を、このステータスへ移します（GoQSystem の「出荷確定」にあたります）。",
        ),
    ]
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}
