//! 発行済データ取込: the file the label software wrote after printing (B2
//! 発行済データ, e飛伝Ⅲ 出荷データ / e飛伝Ⅱ 出荷履歴, ゆうプリR 発送履歴) →
//! a preview → the tracking numbers on the shipments, once per file.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

use super::cp932;
use super::rules::{moves_forward, parse_shipment_key};
use super::LabelError;
use crate::domain::{Carrier, CheckDigit, Status};
use crate::time::now_unix;

/// The issued-data layouts Juchu reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum IssuedFormat {
    B2,
    Ehiden3,
    Ehiden2,
    Yupri,
}

impl IssuedFormat {
    pub fn label(self) -> &'static str {
        match self {
            IssuedFormat::B2 => "B2クラウド 発行済データ",
            IssuedFormat::Ehiden3 => "e飛伝Ⅲ 出荷データ",
            IssuedFormat::Ehiden2 => "e飛伝Ⅱ 出荷履歴",
            IssuedFormat::Yupri => "ゆうプリR 発送履歴",
        }
    }
    pub fn carrier(self) -> Carrier {
        match self {
            IssuedFormat::B2 => Carrier::Yamato,
            IssuedFormat::Ehiden3 | IssuedFormat::Ehiden2 => Carrier::Sagawa,
            IssuedFormat::Yupri => Carrier::JapanPost,
        }
    }
}

/// One data row: its line in the file, the key and the raw number and date.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedRow {
    pub line: usize,
    pub key: String,
    pub tracking: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: IssuedFormat,
    pub header: bool,
    pub rows: Vec<IssuedRow>,
}

/// CP932 first (what every label software writes), else UTF-8 with or without BOM.
pub fn decode_file(bytes: &[u8]) -> Result<String, LabelError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| LabelError::UndecodableFile);
    }
    if let Some(s) = cp932::decode(bytes) {
        return Ok(s);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| LabelError::UndecodableFile)
}

const KEY_NAMES: [&str; 4] = [
    "お客様管理番号",
    "お客様側管理番号",
    "お客様管理ナンバー",
    "お客様管理No.",
];
const TRACKING_NAMES: [(&str, IssuedFormat); 6] = [
    ("伝票番号", IssuedFormat::B2),
    ("お問い合せ送り状No.", IssuedFormat::Ehiden3),
    ("お問合せ送り状№", IssuedFormat::Ehiden2),
    ("お問い合わせ送り状No.", IssuedFormat::Ehiden3),
    ("お問い合わせ番号", IssuedFormat::Yupri),
    ("お問合せ番号", IssuedFormat::Yupri),
];
const DATE_NAMES: [&str; 4] = ["出荷予定日", "出荷日", "出荷日時", "出荷日付"];

/// Finds the header (by the names of the key and tracking columns), else
/// reads by position: B2 1/4/5 (95 columns or more), e飛伝Ⅱ 13/1/2 (53),
/// e飛伝Ⅲ 19/1/3.
pub fn parse(bytes: &[u8]) -> Result<Parsed, LabelError> {
    let text = decode_file(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for r in reader.records() {
        let r = r.map_err(LabelError::csv)?;
        let line = r.position().map_or(0, |p| p.line() as usize);
        records.push((line, r));
    }
    let first = records.first().ok_or(LabelError::UnknownIssuedLayout)?;
    let names: Vec<String> = first.1.iter().map(|c| c.trim().to_string()).collect();
    let find = |list: &[&str]| names.iter().position(|n| list.contains(&n.as_str()));
    let tracking_by_name = TRACKING_NAMES
        .iter()
        .find_map(|(n, f)| names.iter().position(|c| c == n).map(|i| (i, *f)));
    let (header, format, key, tracking, date) = match (find(&KEY_NAMES), tracking_by_name) {
        (Some(k), Some((t, f))) => (true, f, k, t, find(&DATE_NAMES)),
        _ => match first.1.len() {
            n if n >= 95 => (false, IssuedFormat::B2, 0, 3, Some(4)),
            53 => (false, IssuedFormat::Ehiden2, 12, 0, Some(1)),
            n if n >= 19 => (false, IssuedFormat::Ehiden3, 18, 0, Some(2)),
            _ => return Err(LabelError::UnknownIssuedLayout),
        },
    };
    let rows = records
        .iter()
        .skip(usize::from(header))
        .filter_map(|(line, r)| {
            let key = r.get(key)?.trim().to_string();
            let tracking = r.get(tracking).unwrap_or("").trim().to_string();
            (!key.is_empty() || !tracking.is_empty()).then(|| IssuedRow {
                line: *line,
                key,
                tracking,
                date: date
                    .and_then(|d| r.get(d))
                    .map(|d| d.trim().to_string())
                    .filter(|d| !d.is_empty()),
            })
        })
        .collect();
    Ok(Parsed {
        format,
        header,
        rows,
    })
}

/// A number Excel turned into 8.11029E+11: the digits are gone.
pub fn excel_damaged(cell: &str) -> bool {
    let t = cell.trim().to_ascii_uppercase();
    let Some((mantissa, exp)) = t.split_once("E+") else {
        return false;
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("0");
    int.len() == 1
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// The file's date as YYYY-MM-DD (2026/08/05, 20260805, 2026-08-05 10:00…).
pub fn file_date(cell: &str) -> Option<String> {
    let t = crate::text::fold_width(cell.trim());
    let head: String = t.chars().take(10).collect();
    ["%Y/%m/%d", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&head, f).ok())
        .or_else(|| NaiveDate::parse_from_str(t.get(..8)?, "%Y%m%d").ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MatchedShipment {
    pub key: String,
    pub order_id: i64,
    pub mall_order_id: String,
    pub shipment_ref: String,
    pub status: Status,
    /// Every number the file has for it (複数口: several).
    pub numbers: Vec<String>,
    pub file_date: Option<String>,
    /// The number it has now.
    pub current: Option<String>,
    /// It has a number that is not in the file.
    pub has_other_number: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ImportWarning {
    pub line: u32,
    pub key: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ImportPreview {
    pub file_name: String,
    pub sha256: String,
    /// The same file was applied before: applying it again changes nothing.
    pub already_imported: bool,
    pub format: IssuedFormat,
    pub format_label: String,
    pub carrier: Carrier,
    pub matched: Vec<MatchedShipment>,
    pub unknown_keys: Vec<String>,
    pub warnings: Vec<ImportWarning>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Matches the rows with the shipments; changes nothing.
pub fn preview(
    conn: &Connection,
    file_name: &str,
    bytes: &[u8],
    parsed: &Parsed,
) -> rusqlite::Result<ImportPreview> {
    let sha256 = sha256_hex(bytes);
    let already_imported = conn
        .prepare_cached("SELECT 1 FROM label_imports WHERE sha256 = ?1")?
        .exists([&sha256])?;
    let carrier = parsed.format.carrier();
    let mut warnings = Vec::new();
    let mut unknown_keys: Vec<String> = Vec::new();
    let mut by_key: BTreeMap<(i64, usize), MatchedShipment> = BTreeMap::new();
    let mut order_of_keys = Vec::new();
    for row in &parsed.rows {
        let warn = |message: String| ImportWarning {
            line: row.line as u32,
            key: row.key.clone(),
            message,
        };
        if excel_damaged(&row.tracking) {
            warnings.push(warn(format!(
                "伝票番号「{}」は Excel で保存したため桁が失われています。送り状ソフトから出力したままのファイルを使ってください。",
                row.tracking
            )));
            continue;
        }
        if row.tracking.is_empty() {
            warnings.push(warn(
                "伝票番号がありません（印刷前のデータかもしれません）。".into(),
            ));
            continue;
        }
        let number = match carrier.normalize_tracking(&row.tracking) {
            Ok(n) => n,
            Err(e) => {
                warnings.push(warn(e.to_string()));
                continue;
            }
        };
        if carrier.check_digit(&number) == CheckDigit::Mismatch {
            if let Some(w) = carrier.tracking_warning(&number) {
                warnings.push(warn(w));
            }
        }
        let Some((order_id, index)) = parse_shipment_key(&row.key) else {
            if !unknown_keys.contains(&row.key) {
                unknown_keys.push(row.key.clone());
            }
            continue;
        };
        if let Some(m) = by_key.get_mut(&(order_id, index)) {
            if !m.numbers.contains(&number) {
                m.numbers.push(number);
            }
            continue;
        }
        let Some(found) = shipment_at(conn, order_id, index)? else {
            if !unknown_keys.contains(&row.key) {
                unknown_keys.push(row.key.clone());
            }
            continue;
        };
        order_of_keys.push((order_id, index));
        by_key.insert(
            (order_id, index),
            MatchedShipment {
                key: row.key.trim().to_string(),
                order_id,
                mall_order_id: found.mall_order_id,
                shipment_ref: found.shipment_ref,
                status: found.status,
                numbers: vec![number],
                file_date: row.date.as_deref().and_then(file_date),
                current: found.tracking,
                has_other_number: false,
            },
        );
    }
    let matched = order_of_keys
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .map(|mut m| {
            m.has_other_number = m.current.as_ref().is_some_and(|c| !m.numbers.contains(c));
            m
        })
        .collect();
    Ok(ImportPreview {
        file_name: file_name.to_string(),
        sha256,
        already_imported,
        format: parsed.format,
        format_label: parsed.format.label().to_string(),
        carrier,
        matched,
        unknown_keys,
        warnings,
    })
}

struct Found {
    mall_order_id: String,
    status: Status,
    shipment_ref: String,
    tracking: Option<String>,
}

/// The index-th shipment of an order (in the order the export numbered them).
fn shipment_at(conn: &Connection, order_id: i64, index: usize) -> rusqlite::Result<Option<Found>> {
    let Some((mall_order_id, status)) = conn
        .prepare_cached("SELECT mall_order_id, status FROM orders WHERE id = ?1")?
        .query_row([order_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let shipments: Vec<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT shipment_ref, tracking_number FROM shipments WHERE order_id = ?1 ORDER BY id",
        )?
        .query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (shipment_ref, tracking) = match (shipments.len(), index) {
        (0, 0) => (String::new(), None),
        (_, i) => match shipments.into_iter().nth(i) {
            Some(s) => s,
            None => return Ok(None),
        },
    };
    Ok(Some(Found {
        mall_order_id,
        status: Status::from_code(&status).unwrap_or(Status::OnHold),
        shipment_ref,
        tracking: tracking.filter(|t| !t.is_empty()),
    }))
}

/// 出荷日: the day of the import, or the date the file carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ShipDateChoice {
    #[default]
    Today,
    FromFile,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ApplyOptions {
    pub ship_date: ShipDateChoice,
    /// Move the orders to this status (only forward).
    pub move_to: Option<Status>,
    /// Replace a number a shipment already has by the file's.
    pub replace_other_numbers: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct ApplyReport {
    pub already_imported: bool,
    pub updated: u32,
    /// Shipments left as they were because they have another number.
    pub kept: u32,
    pub moved: u32,
}

/// Applies a preview in one transaction and records the file's hash.
pub fn apply(
    conn: &Connection,
    p: &ImportPreview,
    opts: &ApplyOptions,
    today: NaiveDate,
) -> rusqlite::Result<ApplyReport> {
    if p.already_imported {
        return Ok(ApplyReport {
            already_imported: true,
            ..Default::default()
        });
    }
    let tx = conn.unchecked_transaction()?;
    let now = now_unix();
    let today = today.format("%Y-%m-%d").to_string();
    let mut report = ApplyReport::default();
    let mut search = crate::store::search::Pending::default();
    {
        let mut upsert = tx.prepare_cached(
            "INSERT INTO shipments(order_id, shipment_ref, tracking_number, ship_date, carrier, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(order_id, shipment_ref) DO UPDATE SET tracking_number = ?3, ship_date = ?4, carrier = ?5, updated_at = ?6",
        )?;
        let mut number = tx.prepare_cached(
            "INSERT OR IGNORE INTO label_tracking(order_id, shipment_ref, tracking_number, carrier, import_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut status = tx.prepare_cached(
            "UPDATE orders SET status = ?1, updated_at = ?2 WHERE id = ?3 AND status = ?4",
        )?;
        for m in &p.matched {
            if m.has_other_number && !opts.replace_other_numbers {
                report.kept += 1;
                continue;
            }
            let date = match opts.ship_date {
                ShipDateChoice::FromFile => m.file_date.clone().unwrap_or_else(|| today.clone()),
                ShipDateChoice::Today => today.clone(),
            };
            let first = m
                .current
                .clone()
                .filter(|c| m.numbers.contains(c))
                .unwrap_or_else(|| m.numbers[0].clone());
            upsert.execute(params![
                m.order_id,
                m.shipment_ref,
                first,
                date,
                p.carrier.code(),
                now
            ])?;
            for n in &m.numbers {
                number.execute(params![
                    m.order_id,
                    m.shipment_ref,
                    n,
                    p.carrier.code(),
                    p.sha256
                ])?;
            }
            report.updated += 1;
            if let Some(to) = opts.move_to.filter(|to| moves_forward(m.status, *to)) {
                report.moved +=
                    status.execute(params![to.code(), now, m.order_id, m.status.code()])? as u32;
            }
            // After the move: the entry carries the numbers and the status.
            search.add_changed(m.order_id);
        }
    }
    // Written after the rest, in key order (`Pending::write`): one order
    // at a time, in the file's order, each was a segment of its own.
    search.write(&tx)?;
    tx.execute(
        "INSERT INTO label_imports(sha256, file_name, format, imported_at, applied) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            p.sha256,
            p.file_name,
            p.format_label,
            now,
            report.updated
        ],
    )?;
    crate::store::activity::record(
        &tx,
        "shipment",
        None,
        None,
        &format!(
            "発行済データ「{}」（{}）を取り込みました: 伝票番号 {}件、ステータス移動 {}件、既存の番号を残した発送 {}件",
            p.file_name, p.format_label, report.updated, report.moved, report.kept
        ),
    )?;
    tx.commit()?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_damage_and_file_dates() {
        assert!(excel_damaged("8.11029E+11"));
        assert!(excel_damaged("1.2e+11"));
        assert!(!excel_damaged("811029557113"));
        assert!(!excel_damaged("E+11"));
        assert_eq!(file_date("2026/08/05").as_deref(), Some("2026-08-05"));
        assert_eq!(file_date("20260805").as_deref(), Some("2026-08-05"));
        assert_eq!(
            file_date("2026/08/05 10:12:00").as_deref(),
            Some("2026-08-05")
        );
        assert_eq!(file_date("x"), None);
    }

    #[test]
    fn decodes_cp932_then_utf8_with_bom() {
        let sjis = cp932::encode("お客様管理番号,伝票番号").unwrap();
        assert_eq!(decode_file(&sjis).unwrap(), "お客様管理番号,伝票番号");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("お客様側管理番号".as_bytes());
        assert_eq!(decode_file(&bom).unwrap(), "お客様側管理番号");
        assert!(decode_file(&[0xFF, 0xFE, 0x00]).is_err());
    }

    #[test]
    fn header_by_name_else_position() {
        let yupri =
            "お客様側管理番号,お問い合わせ番号,仮引受確定作業年月日\r\nJ12,1937-1530-1010,\r\n";
        let p = parse(&cp932::encode(yupri).unwrap()).unwrap();
        assert_eq!(p.format, IssuedFormat::Yupri);
        assert!(p.header);
        assert_eq!(p.rows[0].key, "J12");
        assert_eq!(p.rows[0].tracking, "1937-1530-1010");

        let mut b2 = vec![String::new(); 97];
        b2[0] = "J7".into();
        b2[3] = "123456789013".into();
        b2[4] = "2026/08/05".into();
        let p = parse(format!("\"{}\"\r\n", b2.join("\",\"")).as_bytes()).unwrap();
        assert_eq!((p.format, p.header), (IssuedFormat::B2, false));
        assert_eq!(p.rows[0].date.as_deref(), Some("2026/08/05"));

        let mut eh = vec![String::new(); 30];
        eh[0] = "512547514334".into();
        eh[2] = "20260805".into();
        eh[18] = "J9".into();
        let p = parse(eh.join(",").as_bytes()).unwrap();
        assert_eq!(p.format, IssuedFormat::Ehiden3);
        assert_eq!(p.rows[0].key, "J9");
        assert!(parse(b"a,b\r\n").is_err());
    }
}
