//! Which orders 発送情報の更新 sends, and why the others are skipped
//! (DESIGN.md "発送情報の更新 (export) rules"). One function per rule.

use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

use crate::domain::{ExportScope, Mall, ShopSettings, Status};
use crate::store::export_candidates::Candidate;

/// Why an order is not sent. The label is what the preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    NoTrackingNumber,
    NoCarrier,
    StatusNotExported,
    Cancelled,
    AlreadySent,
    ShippedOnMall,
    FutureShipDate,
    UnpaidOnMall,
    NotShippableOnMall,
}

impl SkipReason {
    pub fn label(&self, c: &Candidate, mall: Mall) -> String {
        match self {
            SkipReason::NoTrackingNumber => "伝票番号が入っていません".into(),
            SkipReason::NoCarrier => "配送会社が選ばれていません".into(),
            SkipReason::StatusNotExported => format!(
                "ステータス「{}」は API書出の設定で書き出さないステータスです",
                c.status.label()
            ),
            SkipReason::Cancelled => "キャンセルの注文です".into(),
            SkipReason::AlreadySent => "送信済みです".into(),
            SkipReason::ShippedOnMall => format!("{}で発送済みです", mall.label()),
            SkipReason::FutureShipDate => format!(
                "出荷日 {} が未来のため、その日まで送りません（{}の発送通知は取り消せません）",
                c.ship_date.as_deref().unwrap_or(""),
                mall.label()
            ),
            SkipReason::UnpaidOnMall => format!(
                "{}で入金が確認できていません（入金前の発送は受け付けられません）",
                mall.label()
            ),
            SkipReason::NotShippableOnMall => {
                format!("{}で発送できない状態の注文です", mall.label())
            }
        }
    }
}

/// The local statuses the shop's API書出 setting lets through.
pub fn status_exported(scope: ExportScope, status: Status) -> bool {
    match scope {
        ExportScope::AllButNewAndHold => {
            !matches!(status, Status::New | Status::OnHold | Status::Cancelled)
        }
        ExportScope::DoneOnly => status == Status::Done,
    }
}

/// A dispatch cannot be undone and mails the buyer: never before the ship date.
pub fn ship_date_reached(ship_date: Option<&str>, today: NaiveDate) -> bool {
    ship_date
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_none_or(|d| d <= today)
}

/// BASE: the mall-side state of the order, from its payload.
fn base_mall_state(c: &Candidate) -> Option<SkipReason> {
    match c.mall_status.as_str() {
        "dispatched" | "shipping" => return Some(SkipReason::ShippedOnMall),
        "cancelled" => return Some(SkipReason::Cancelled),
        "unshippable" => return Some(SkipReason::NotShippableOnMall),
        _ => {}
    }
    // cvs and base_bt orders can be dispatched only once paid (base.md §2 edit_status rules).
    let unpaid = |key: &str| {
        c.raw
            .get(key)
            .and_then(|t| t.get("status"))
            .and_then(|s| s.as_str())
            != Some("paid")
    };
    match c.raw.get("payment").and_then(|p| p.as_str()) {
        Some("cvs") if unpaid("cvs_payment_transaction") => Some(SkipReason::UnpaidOnMall),
        Some("base_bt") if unpaid("bt_payment_transaction") => Some(SkipReason::UnpaidOnMall),
        _ if c.mall_status == "unpaid" => Some(SkipReason::UnpaidOnMall),
        _ => None,
    }
}

/// The decision for one order: `None` means send it.
pub fn skip_reason(
    mall: Mall,
    settings: &ShopSettings,
    c: &Candidate,
    all_units_sent: bool,
    today: NaiveDate,
) -> Option<SkipReason> {
    if all_units_sent {
        return Some(SkipReason::AlreadySent);
    }
    if c.status == Status::Cancelled {
        return Some(SkipReason::Cancelled);
    }
    if c.tracking_number.is_none() {
        return Some(SkipReason::NoTrackingNumber);
    }
    if c.carrier.is_none() {
        return Some(SkipReason::NoCarrier);
    }
    if !status_exported(settings.export_scope, c.status) {
        return Some(SkipReason::StatusNotExported);
    }
    let mall_state = match mall {
        Mall::Base => base_mall_state(c),
        _ => None,
    };
    if mall_state.is_some() {
        return mall_state;
    }
    if !ship_date_reached(c.ship_date.as_deref(), today) {
        return Some(SkipReason::FutureShipDate);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Carrier;
    use serde_json::json;

    fn cand(
        status: Status,
        mall_status: &str,
        tracking: Option<&str>,
        date: Option<&str>,
        raw: serde_json::Value,
    ) -> Candidate {
        Candidate {
            order_id: 1,
            shop_id: 1,
            shop_name: "BASE 1号店".into(),
            mall_order_id: "154D88A39E454289".into(),
            status,
            mall_status: mall_status.into(),
            tracking_number: tracking.map(String::from),
            carrier: Some(Carrier::Yamato),
            ship_date: date.map(String::from),
            raw,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn decide(c: &Candidate, scope: ExportScope) -> Option<SkipReason> {
        let settings = ShopSettings {
            export_scope: scope,
            ..ShopSettings::default()
        };
        skip_reason(Mall::Base, &settings, c, false, today())
    }

    #[test]
    fn sends_a_ready_order() {
        let c = cand(
            Status::AwaitingShipment,
            "ordered",
            Some("123456789012"),
            Some("2026-11-23"),
            json!({"payment": "creditcard"}),
        );
        assert_eq!(decide(&c, ExportScope::AllButNewAndHold), None);
    }

    #[test]
    fn each_skip_reason() {
        let ok = json!({"payment": "creditcard"});
        let t = Some("123456789012");
        let all = ExportScope::AllButNewAndHold;
        assert_eq!(
            decide(
                &cand(Status::AwaitingShipment, "ordered", None, None, ok.clone()),
                all
            ),
            Some(SkipReason::NoTrackingNumber)
        );
        assert_eq!(
            decide(&cand(Status::New, "ordered", t, None, ok.clone()), all),
            Some(SkipReason::StatusNotExported)
        );
        assert_eq!(
            decide(&cand(Status::OnHold, "ordered", t, None, ok.clone()), all),
            Some(SkipReason::StatusNotExported)
        );
        assert_eq!(
            decide(
                &cand(Status::AwaitingShipment, "ordered", t, None, ok.clone()),
                ExportScope::DoneOnly
            ),
            Some(SkipReason::StatusNotExported)
        );
        assert_eq!(
            decide(
                &cand(Status::Done, "ordered", t, None, ok.clone()),
                ExportScope::DoneOnly
            ),
            None
        );
        assert_eq!(
            decide(&cand(Status::Done, "dispatched", t, None, ok.clone()), all),
            Some(SkipReason::ShippedOnMall)
        );
        assert_eq!(
            decide(
                &cand(Status::Cancelled, "ordered", t, None, ok.clone()),
                all
            ),
            Some(SkipReason::Cancelled)
        );
        assert_eq!(
            decide(
                &cand(Status::Done, "ordered", t, Some("2026-11-24"), ok.clone()),
                all
            ),
            Some(SkipReason::FutureShipDate)
        );
        let unpaid_cvs = json!({"payment": "cvs", "cvs_payment_transaction": {"status": "unpaid"}});
        assert_eq!(
            decide(&cand(Status::Done, "ordered", t, None, unpaid_cvs), all),
            Some(SkipReason::UnpaidOnMall)
        );
        let paid_cvs = json!({"payment": "cvs", "cvs_payment_transaction": {"status": "paid"}});
        assert_eq!(
            decide(&cand(Status::Done, "ordered", t, None, paid_cvs), all),
            None
        );
        let unpaid_bt =
            json!({"payment": "base_bt", "bt_payment_transaction": {"status": "unpaid"}});
        assert_eq!(
            decide(&cand(Status::Done, "ordered", t, None, unpaid_bt), all),
            Some(SkipReason::UnpaidOnMall)
        );
        let mut no_carrier = cand(Status::Done, "ordered", t, None, ok);
        no_carrier.carrier = None;
        assert_eq!(decide(&no_carrier, all), Some(SkipReason::NoCarrier));
        let c = cand(Status::Done, "ordered", t, Some("2026-11-30"), json!({}));
        assert!(SkipReason::FutureShipDate
            .label(&c, Mall::Base)
            .contains("2026-11-30"));
    }

    #[test]
    fn the_ship_date_is_never_early() {
        assert!(ship_date_reached(None, today()));
        assert!(ship_date_reached(Some("2026-11-23"), today()));
        assert!(!ship_date_reached(Some("2026-11-24"), today()));
    }
}
