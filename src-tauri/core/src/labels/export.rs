//! 送り状データ出力: shipments → a plan (every row, every blocked shipment,
//! every cell the merchant must see) → the CP932 files, written only once
//! nothing blocks and the offered normalisations are accepted.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

use super::cp932::{self, check_cell, CellProblem};
use super::layouts::{self, RowInput};
use super::rules::{cod_for, is_cod, service_for, LabelFormat, TimeSlot};
use super::settings::LabelSettings;
use super::LabelError;
use crate::domain::Party;

/// One shipment as the export sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelShipment {
    /// The shipment key (お客様管理番号): see `rules::shipment_key`.
    pub key: String,
    pub order_id: i64,
    pub shop_id: i64,
    pub mall_order_id: String,
    pub shipment_ref: String,
    pub ship_to: Party,
    pub item_names: Vec<String>,
    pub payment_method: String,
    /// What the buyer pays (COD amount).
    pub total: i64,
    /// How many shipments the order has.
    pub order_shipments: usize,
    pub shipping_method: Option<String>,
    pub wish_date: Option<NaiveDate>,
    pub wish_time: Option<String>,
}

/// A shipment that cannot be written, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct BlockedShipment {
    pub key: String,
    pub order_id: i64,
    pub mall_order_id: String,
    pub reason: String,
}

/// A cell the merchant must see before the file is written.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CellIssue {
    pub key: String,
    pub order_id: i64,
    pub mall_order_id: String,
    /// 1-based, as the layout numbers it.
    pub column_no: u32,
    pub column: String,
    /// The value as the order has it (after the format's own conversion).
    pub value: String,
    pub problem: CellProblem,
    pub message: String,
}

/// What a written row will carry, for the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PlannedRow {
    pub key: String,
    pub order_id: i64,
    pub mall_order_id: String,
    pub service: String,
    pub cod_amount: Option<i64>,
    #[serde(skip)]
    pub cells: Vec<String>,
}

/// The check before writing: 送り状データ出力's preview.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LabelPlan {
    pub format: LabelFormat,
    pub rows: Vec<PlannedRow>,
    pub blocked: Vec<BlockedShipment>,
    pub issues: Vec<CellIssue>,
    /// Not blocking: e.g. a time wish the format has no code for.
    pub warnings: Vec<BlockedShipment>,
    /// The shops whose 送り状設定 lacks a value this file needs (ご依頼主,
    /// a customer code, 品名), first seen first: the dialog offers to open them.
    pub settings_shops: Vec<i64>,
}

impl LabelPlan {
    /// Cells that need the order changed (not only a normalisation accepted).
    pub fn blocking_issues(&self) -> usize {
        self.issues.iter().filter(|i| i.problem.blocks()).count()
    }
    pub fn normalisations(&self) -> usize {
        self.issues.len() - self.blocking_issues()
    }
}

/// Options of the write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize, Type)]
pub struct WriteOptions {
    /// The merchant accepted the offered normalisations.
    pub accept_normalisations: bool,
    /// The merchant chose to leave out of this file the blocked shipments and
    /// those with a cell to fix (the rest is written).
    pub skip_blocked: bool,
}

/// One file to write (クリックポスト: 40 rows each).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelFile {
    pub rows: usize,
    pub bytes: Vec<u8>,
}

/// Plans the rows of shipments in a format. `settings` per shop (missing:
/// the defaults); `today` is the day of the export.
pub fn plan(
    format: LabelFormat,
    shipments: &[LabelShipment],
    settings: &HashMap<i64, LabelSettings>,
    today: NaiveDate,
) -> LabelPlan {
    let default = LabelSettings::default();
    let cols = layouts::columns(format);
    let mut plan = LabelPlan {
        format,
        rows: Vec::with_capacity(shipments.len()),
        blocked: Vec::new(),
        issues: Vec::new(),
        warnings: Vec::new(),
        settings_shops: Vec::new(),
    };
    for s in shipments {
        let st = settings.get(&s.shop_id).unwrap_or(&default);
        let note = |reason: String| BlockedShipment {
            key: s.key.clone(),
            order_id: s.order_id,
            mall_order_id: s.mall_order_id.clone(),
            reason,
        };
        let service = match service_for(format, s.shipping_method.as_deref(), st) {
            Ok(v) => v,
            Err(reason) => {
                plan.blocked.push(note(reason));
                continue;
            }
        };
        let cod = if is_cod(&s.payment_method, st) {
            match cod_for(
                format,
                service,
                s.total,
                s.order_shipments,
                st.cod_tax_percent,
            ) {
                Ok(c) => Some(c),
                Err(reason) => {
                    plan.blocked.push(note(reason));
                    continue;
                }
            }
        } else {
            None
        };
        let takes_wish = !service.is_mailbox();
        let slot = s.wish_time.as_deref().and_then(|w| {
            let slot = TimeSlot::parse(w);
            if slot.is_none() && !w.trim().is_empty() && takes_wish {
                plan.warnings.push(note(format!(
                    "お届け時間帯の希望「{w}」は読み取れないため、指定なしで出力します。"
                )));
            }
            slot
        });
        if !takes_wish && (s.wish_date.is_some() || slot.is_some()) {
            plan.warnings.push(note(format!(
                "{}はお届け日時を指定できないため、希望日時は出力しません。",
                service.label()
            )));
        }
        let item_name = if st.item_name.trim().is_empty() {
            s.item_names.first().map(String::as_str).unwrap_or("")
        } else {
            st.item_name.as_str()
        };
        let input = RowInput {
            key: &s.key,
            mall_order_id: &s.mall_order_id,
            ship_to: &s.ship_to,
            settings: st,
            service,
            cod,
            ship_date: today + chrono::Days::new(u64::from(st.ship_offset_days)),
            wish_date: s.wish_date.filter(|_| takes_wish),
            slot: slot.filter(|_| takes_wish),
            item_name,
        };
        let raw = layouts::row(format, &input);
        let mut cells = Vec::with_capacity(raw.len());
        for (i, (value, col)) in raw.iter().zip(cols).enumerate() {
            let checked = check_cell(value, col);
            for problem in checked.problems {
                plan.issues.push(CellIssue {
                    key: s.key.clone(),
                    order_id: s.order_id,
                    mall_order_id: s.mall_order_id.clone(),
                    column_no: i as u32 + 1,
                    column: col.name.to_string(),
                    value: value.clone(),
                    message: format!("{}: {}", col.name, problem.message()),
                    problem,
                });
            }
            cells.push(checked.value);
        }
        for (no, need) in required_missing(format, &cells) {
            let missing = match need {
                Need::Order(m) => m,
                Need::Settings(m) => {
                    if !plan.settings_shops.contains(&s.shop_id) {
                        plan.settings_shops.push(s.shop_id);
                    }
                    m
                }
            };
            plan.issues.push(CellIssue {
                key: s.key.clone(),
                order_id: s.order_id,
                mall_order_id: s.mall_order_id.clone(),
                column_no: no as u32,
                column: cols[no - 1].name.to_string(),
                value: String::new(),
                message: format!("{}: {missing}", cols[no - 1].name),
                problem: CellProblem::Invalid {
                    reason: missing.to_string(),
                },
            });
        }
        plan.rows.push(PlannedRow {
            key: s.key.clone(),
            order_id: s.order_id,
            mall_order_id: s.mall_order_id.clone(),
            service: service.label().to_string(),
            cod_amount: cod.map(|c| c.amount),
            cells,
        });
    }
    plan
}

/// Where a required column's value comes from, with what to say when it is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The order (the receiver's name, address…): the order must be fixed.
    Order(&'static str),
    /// The shop's 送り状設定 (ご依頼主, customer codes, 品名).
    Settings(&'static str),
}

/// The columns a format needs filled (carriers.md per-service checklists),
/// as (1-based column, what it needs) for each that is empty.
pub fn required_missing(format: LabelFormat, cells: &[String]) -> Vec<(usize, Need)> {
    use Need::{Order, Settings};
    let need: &[(usize, Need)] = match format {
        LabelFormat::B2 => &[
            (9, Order("お届け先の電話番号がありません。")),
            (11, Order("お届け先の郵便番号がありません。")),
            (12, Order("お届け先の住所がありません。")),
            (16, Order("お届け先の名前がありません。")),
            (
                20,
                Settings("ご依頼主の電話番号を送り状の設定で入力してください。"),
            ),
            (
                22,
                Settings("ご依頼主の郵便番号を送り状の設定で入力してください。"),
            ),
            (
                23,
                Settings("ご依頼主の住所を送り状の設定で入力してください。"),
            ),
            (
                25,
                Settings("ご依頼主の名前を送り状の設定で入力してください。"),
            ),
            (28, Settings("品名を送り状の設定で入力してください。")),
            (
                40,
                Settings("B2クラウドのご請求先顧客コードを送り状の設定で入力してください。"),
            ),
            (
                42,
                Settings("B2クラウドの運賃管理番号を送り状の設定で入力してください。"),
            ),
        ],
        LabelFormat::Ehiden3 => &[
            (3, Order("お届け先の電話番号がありません。")),
            (4, Order("お届け先の郵便番号がありません。")),
            (5, Order("お届け先の住所がありません。")),
            (8, Order("お届け先の名前がありません。")),
            (
                11,
                Settings("佐川のお客様コードを送り状の設定で入力してください。"),
            ),
            (
                18,
                Settings("ご依頼主の電話番号を送り状の設定で入力してください。"),
            ),
            (
                19,
                Settings("ご依頼主の郵便番号を送り状の設定で入力してください。"),
            ),
            (
                20,
                Settings("ご依頼主の住所を送り状の設定で入力してください。"),
            ),
            (
                22,
                Settings("ご依頼主の名前を送り状の設定で入力してください。"),
            ),
        ],
        LabelFormat::Yupri => &[
            (13, Order("お届け先の郵便番号がありません。")),
            (14, Order("お届け先の住所がありません。")),
            (17, Order("お届け先の名前がありません。")),
            (20, Order("お届け先の電話番号がありません。")),
            (
                30,
                Settings("ご依頼主の郵便番号を送り状の設定で入力してください。"),
            ),
            (
                31,
                Settings("ご依頼主の住所を送り状の設定で入力してください。"),
            ),
            (
                34,
                Settings("ご依頼主の名前を送り状の設定で入力してください。"),
            ),
            (
                37,
                Settings("ご依頼主の電話番号を送り状の設定で入力してください。"),
            ),
        ],
        LabelFormat::Clickpost => &[
            (1, Order("お届け先の郵便番号がありません。")),
            (2, Order("お届け先の名前がありません。")),
            (4, Order("お届け先の住所がありません。")),
            (
                8,
                Settings("内容品を送り状の設定（品名）で入力してください。"),
            ),
        ],
    };
    need.iter()
        .filter(|(no, _)| cells[no - 1].trim().is_empty())
        .map(|(no, n)| (*no, *n))
        .collect()
}

/// Writes the plan: CP932, CRLF, a header row, RFC 4180 quoting. Nothing is
/// written while a cell blocks or a shipment is blocked, unless the merchant
/// leaves those shipments out, or while normalisations of the rows to write
/// wait for acceptance.
pub fn render(plan: &LabelPlan, opts: WriteOptions) -> Result<Vec<LabelFile>, LabelError> {
    let to_fix: HashSet<&str> = plan
        .issues
        .iter()
        .filter(|i| i.problem.blocks())
        .map(|i| i.key.as_str())
        .collect();
    if !to_fix.is_empty() && !opts.skip_blocked {
        return Err(LabelError::CellsToFix {
            count: plan.blocking_issues(),
        });
    }
    if !plan.blocked.is_empty() && !opts.skip_blocked {
        return Err(LabelError::ShipmentsBlocked {
            count: plan.blocked.len(),
        });
    }
    let rows: Vec<&PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| !to_fix.contains(r.key.as_str()))
        .collect();
    let pending = plan
        .issues
        .iter()
        .filter(|i| !i.problem.blocks() && !to_fix.contains(i.key.as_str()))
        .count();
    if pending > 0 && !opts.accept_normalisations {
        return Err(LabelError::NormalisationsPending { count: pending });
    }
    if rows.is_empty() {
        return Err(LabelError::NothingToWrite);
    }
    let cols = layouts::columns(plan.format);
    let header: Vec<Vec<u8>> = cols
        .iter()
        .map(|c| cp932::encode(c.name).expect("headers are CP932"))
        .collect();
    let mut files = Vec::new();
    for chunk in rows.chunks(plan.format.rows_per_file().min(rows.len())) {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(Vec::with_capacity(chunk.len() * 400));
        w.write_record(&header).map_err(LabelError::csv)?;
        for row in chunk {
            let mut fields = Vec::with_capacity(row.cells.len());
            for (cell, col) in row.cells.iter().zip(cols) {
                // The check has encoded every cell already; a failure here
                // is a bug, reported rather than written lossy.
                fields.push(
                    cp932::encode(cell).map_err(|chars| LabelError::Unencodable {
                        key: row.key.clone(),
                        column: col.name,
                        chars: chars.into_iter().collect(),
                    })?,
                );
            }
            w.write_record(&fields).map_err(LabelError::csv)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| LabelError::csv(e.into_error()))?;
        files.push(LabelFile {
            rows: chunk.len(),
            bytes,
        });
    }
    Ok(files)
}
