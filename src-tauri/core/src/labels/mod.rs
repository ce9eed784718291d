//! 送り状データ出力 (label CSVs for ヤマト B2クラウド, 佐川 e飛伝Ⅲ, 日本郵便
//! ゆうプリR and クリックポスト) and 発行済データ取込 (the tracking numbers the
//! label software wrote, back onto the shipments). Layouts, codes and traps:
//! `/work/shared/carriers.md`.
//!
//! The window's commands are a few lines over the `Juchu` methods below; the
//! CLI (`juchu-cli labels …`), the tests and the bench call the same ones.

pub mod cp932;
pub mod db;
pub mod export;
pub mod import;
pub mod layouts;
pub mod rules;
pub mod sample;
pub mod settings;

use serde::{Deserialize, Serialize};
use specta::Type;

pub use export::{LabelFile, LabelPlan, LabelShipment, WriteOptions};
pub use import::{ApplyOptions, ApplyReport, ImportPreview, ShipDateChoice};
pub use rules::{LabelFormat, Service, TimeSlot};
pub use sample::{LabelCatalog, LabelSample, LabelSettingsCheck};
pub use settings::LabelSettings;

use crate::domain::TabQuery;
use crate::store::StoreError;
use crate::Juchu;

#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error(transparent)]
    Store(#[from] StoreError),

    #[error(
        "直す必要のある項目が{count}件あります。一覧の注文を直してからもう一度出力するか、それらの発送を除いて出力してください。"
    )]
    CellsToFix { count: usize },

    #[error("出力できない発送が{count}件あります（理由は一覧を見てください）。注文を直すか、それらを除いて出力してください。")]
    ShipmentsBlocked { count: usize },

    #[error("文字の置き換えが{count}件あります。一覧の置き換えを確認して「置き換えて出力」を選んでください。")]
    NormalisationsPending { count: usize },

    #[error("出力する発送がありません。注文を選び直してください（伝票番号のある発送とキャンセルの注文は出力しません）。")]
    NothingToWrite,

    #[error("発送 {key} の「{column}」に Shift_JIS にない文字「{chars}」があります。")]
    Unencodable {
        key: String,
        column: &'static str,
        chars: String,
    },

    #[error("CSV を作れませんでした。詳細: {0}")]
    Csv(String),

    #[error("ファイルを読めませんでした。Shift_JIS（CP932）か UTF-8 の CSV を選んでください。")]
    UndecodableFile,

    #[error("このファイルには伝票番号とお客様管理番号の列が見つかりません。B2クラウドの発行済データ、e飛伝の出荷データ、ゆうプリRの発送履歴（お客様側管理番号とお問い合わせ番号を含むもの）を選んでください。")]
    UnknownIssuedLayout,

    /// 送り状設定 with fields to fix, each with what is wrong.
    #[error("{}", .0.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("\n"))]
    Settings(Vec<crate::shop_form::FieldError>),

    #[error("送り状の設定を読めませんでした。詳細: {0}")]
    BadSettings(String),

    #[error("ファイルの読み書きに失敗しました（{path}）。詳細: {detail}")]
    Io {
        path: std::path::PathBuf,
        detail: String,
    },
}

impl LabelError {
    pub fn code(&self) -> &'static str {
        match self {
            LabelError::Store(e) => e.code(),
            LabelError::CellsToFix { .. } => "LABEL_CELLS_TO_FIX",
            LabelError::ShipmentsBlocked { .. } => "LABEL_SHIPMENTS_BLOCKED",
            LabelError::NormalisationsPending { .. } => "LABEL_NORMALISATIONS_PENDING",
            LabelError::NothingToWrite => "LABEL_NOTHING_TO_WRITE",
            LabelError::Unencodable { .. } => "LABEL_UNENCODABLE",
            LabelError::Csv(_) => "LABEL_CSV",
            LabelError::UndecodableFile => "LABEL_UNDECODABLE_FILE",
            LabelError::UnknownIssuedLayout => "LABEL_UNKNOWN_LAYOUT",
            LabelError::Settings(_) => "INVALID_FIELDS",
            LabelError::BadSettings(_) => "LABEL_BAD_SETTINGS",
            LabelError::Io { .. } => "IO_ERROR",
        }
    }

    pub(crate) fn csv(e: impl std::fmt::Display) -> LabelError {
        LabelError::Csv(e.to_string())
    }
}

impl From<rusqlite::Error> for LabelError {
    fn from(e: rusqlite::Error) -> LabelError {
        LabelError::Store(StoreError::Db(e))
    }
}

/// Which orders a label file is made of: the selected ones, or a tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LabelSelection {
    Orders(Vec<i64>),
    Tab(TabQuery),
}

impl Juchu {
    fn selected_ids(&self, selection: &LabelSelection) -> Result<Vec<i64>, LabelError> {
        Ok(match selection {
            LabelSelection::Orders(ids) => ids.clone(),
            LabelSelection::Tab(q) => self.store().tab_ids(q)?.ids,
        })
    }

    /// 送り状データ出力's check: what would be written, what is blocked, and
    /// every cell the merchant must fix or accept.
    pub fn label_plan(
        &self,
        format: LabelFormat,
        selection: &LabelSelection,
    ) -> Result<LabelPlan, LabelError> {
        let ids = self.selected_ids(selection)?;
        let store = self.store();
        let (shipments, skipped, settings) = store.run(|c| {
            let (s, k) = db::collect(c, &ids)?;
            let st = db::settings_of(c, s.iter().map(|s| s.shop_id))?;
            Ok((s, k, st))
        })?;
        let mut plan = export::plan(format, &shipments, &settings, crate::time::today_jst());
        plan.warnings.extend(skipped);
        Ok(plan)
    }

    /// Plans again and writes the files, or says what still blocks them.
    pub fn label_write(
        &self,
        format: LabelFormat,
        selection: &LabelSelection,
        opts: WriteOptions,
    ) -> Result<(LabelPlan, Vec<LabelFile>), LabelError> {
        let plan = self.label_plan(format, selection)?;
        let files = export::render(&plan, opts)?;
        Ok((plan, files))
    }

    pub fn label_settings(&self, shop_id: i64) -> Result<LabelSettings, LabelError> {
        self.store().shop(shop_id)?;
        Ok(self.store().run(|c| db::settings(c, shop_id))?)
    }

    pub fn set_label_settings(
        &self,
        shop_id: i64,
        settings: &LabelSettings,
    ) -> Result<(), LabelError> {
        self.store().shop(shop_id)?;
        let problems = settings.problems();
        if !problems.is_empty() {
            return Err(LabelError::Settings(problems));
        }
        Ok(self
            .store()
            .run(|c| db::save_settings(c, shop_id, settings))?)
    }

    /// 発行済データ取込's preview of a file; changes nothing.
    pub fn label_import_preview(
        &self,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<ImportPreview, LabelError> {
        let parsed = import::parse(bytes)?;
        Ok(self
            .store()
            .run(|c| import::preview(c, file_name, bytes, &parsed))?)
    }

    /// Applies a file: tracking numbers, carrier, 出荷日 and the status move.
    /// A file already imported changes nothing.
    pub fn label_import_apply(
        &self,
        file_name: &str,
        bytes: &[u8],
        opts: &ApplyOptions,
    ) -> Result<ApplyReport, LabelError> {
        let parsed = import::parse(bytes)?;
        Ok(self.store().run(|c| {
            let preview = import::preview(c, file_name, bytes, &parsed)?;
            import::apply(c, &preview, opts, crate::time::today_jst())
        })?)
    }
}
