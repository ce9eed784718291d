//! Which shipments 発送情報の更新 sends, and why the others are skipped
//! (DESIGN.md "発送情報の更新 (export) rules"). Mall-neutral: a mall speaks
//! through its `ExportPolicy` and the `MallState` its mapping set, never
//! through its raw payload here.

use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

use crate::domain::{Mall, MallState};
use crate::malls::ExportPolicy;
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
    TooOld,
    /// The mall refused it for good earlier (e.g. ヤマトかんたん発送App on BASE).
    RefusedByMall,
    /// Sent, and its slip changed since: the mall still has the old one.
    ChangedAfterSent,
}

impl SkipReason {
    pub fn label(
        &self,
        c: &Candidate,
        mall: Mall,
        policy: &ExportPolicy,
        progress: &Progress,
    ) -> String {
        match self {
            SkipReason::NoTrackingNumber => "伝票番号が入っていません".into(),
            SkipReason::NoCarrier => "配送会社が選ばれていません".into(),
            SkipReason::StatusNotExported => format!(
                "ステータス「{}」は {}で書き出さないステータスです",
                c.status.label(),
                policy.statuses_rule
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
            SkipReason::RefusedByMall => format!(
                "{m}が API での発送を受け付けない注文です（{}）。{m}の管理画面で発送処理をしてください。Juchu からは送りません",
                progress.refusal.as_deref().unwrap_or("理由は示されませんでした"),
                m = mall.label()
            ),
            SkipReason::ChangedAfterSent => format!(
                "{}には{}を送信済みで、その後に変更されています。{}",
                mall.label(),
                progress.sent_slip.as_deref().unwrap_or("前の発送情報"),
                policy.after_send_fix
            ),
            SkipReason::TooOld => format!(
                "注文日から{}日を過ぎているため、{}が受け付けません",
                policy.max_age_days.unwrap_or_default(),
                mall.label()
            ),
        }
    }
}

/// What the journal (and the mall's payload) say of a shipment's current units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Every unit of every stage is sent (or was done on the mall).
    pub all_sent: bool,
    /// What is left belongs only to stages that wait for the 出荷日.
    pub only_waiting_left: bool,
    /// Units the merchant dispatched on the mall itself: never sent.
    pub done_on_mall: u32,
    /// Units Juchu's journal has as sent.
    pub sent_by_us: u32,
    /// The mall refused a unit for good; its words.
    pub refusal: Option<String>,
    /// The slip the mall received, when it differs from the current one.
    pub sent_slip: Option<String>,
}

/// A dispatch cannot be undone and mails the buyer: never before the ship date.
pub fn ship_date_reached(ship_date: Option<&str>, today: NaiveDate) -> bool {
    ship_date
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_none_or(|d| d <= today)
}

/// The mall-side state of the shipment, as its mall's mapping set it.
fn mall_state(c: &Candidate) -> Option<SkipReason> {
    match c.mall_state {
        MallState::Open => None,
        MallState::Shipped => Some(SkipReason::ShippedOnMall),
        MallState::Cancelled => Some(SkipReason::Cancelled),
        MallState::NotShippable => Some(SkipReason::NotShippableOnMall),
        MallState::Unpaid => Some(SkipReason::UnpaidOnMall),
    }
}

/// Whether the order is older than the mall accepts.
fn too_old(policy: &ExportPolicy, c: &Candidate, today: NaiveDate) -> bool {
    let Some(days) = policy.max_age_days else {
        return false;
    };
    let ordered = crate::time::jst(c.ordered_at).date_naive();
    (today - ordered).num_days() > i64::from(days)
}

/// The decision for one shipment: `None` means send it.
pub fn skip_reason(
    policy: &ExportPolicy,
    c: &Candidate,
    progress: &Progress,
    today: NaiveDate,
) -> Option<SkipReason> {
    if progress.refusal.is_some() {
        return Some(SkipReason::RefusedByMall);
    }
    if progress.all_sent && progress.sent_slip.is_some() {
        return Some(SkipReason::ChangedAfterSent);
    }
    if progress.all_sent && progress.sent_by_us == 0 && progress.done_on_mall > 0 {
        // Everything was done on the mall's own page, nothing by Juchu.
        return Some(SkipReason::ShippedOnMall);
    }
    if progress.all_sent {
        return Some(SkipReason::AlreadySent);
    }
    if c.status == crate::domain::Status::Cancelled {
        return Some(SkipReason::Cancelled);
    }
    if c.tracking_number.is_none() {
        return Some(SkipReason::NoTrackingNumber);
    }
    if c.carrier.is_none() {
        return Some(SkipReason::NoCarrier);
    }
    if !policy.exports(c.status) {
        return Some(SkipReason::StatusNotExported);
    }
    if let Some(r) = mall_state(c) {
        return Some(r);
    }
    if too_old(policy, c, today) {
        return Some(SkipReason::TooOld);
    }
    if progress.only_waiting_left && !ship_date_reached(c.ship_date.as_deref(), today) {
        return Some(SkipReason::FutureShipDate);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Carrier, ExportScope, MallSettings, ShopSettings, Status};
    use crate::malls::{Stage, StageRule};

    fn cand(
        status: Status,
        state: MallState,
        tracking: Option<&str>,
        date: Option<&str>,
    ) -> Candidate {
        Candidate {
            order_id: 1,
            shop_id: 1,
            shop_name: "BASE 1号店".into(),
            mall_order_id: "154D88A39E454289".into(),
            shipment_ref: String::new(),
            ordered_at: 1_795_000_000,
            status,
            mall_status: "ordered".into(),
            mall_state: state,
            tracking_number: tracking.map(String::from),
            carrier: Some(Carrier::Yamato),
            ship_date: date.map(String::from),
            raw: serde_json::Value::Null,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn base_policy(scope: ExportScope) -> ExportPolicy {
        let mut settings = ShopSettings::for_mall(Mall::Base);
        if let MallSettings::Base(b) = &mut settings.mall {
            b.export_scope = scope;
        }
        crate::malls::base::export_policy(&settings)
    }

    const FRESH: Progress = Progress {
        all_sent: false,
        only_waiting_left: true,
        done_on_mall: 0,
        sent_by_us: 0,
        refusal: None,
        sent_slip: None,
    };

    fn decide(c: &Candidate, scope: ExportScope) -> Option<SkipReason> {
        skip_reason(&base_policy(scope), c, &FRESH, today())
    }

    #[test]
    fn sends_a_ready_order() {
        let c = cand(
            Status::AwaitingShipment,
            MallState::Open,
            Some("123456789012"),
            Some("2026-11-23"),
        );
        assert_eq!(decide(&c, ExportScope::AllButNewAndHold), None);
    }

    #[test]
    fn each_skip_reason() {
        let t = Some("123456789012");
        let all = ExportScope::AllButNewAndHold;
        let open = MallState::Open;
        assert_eq!(
            decide(&cand(Status::AwaitingShipment, open, None, None), all),
            Some(SkipReason::NoTrackingNumber)
        );
        assert_eq!(
            decide(&cand(Status::New, open, t, None), all),
            Some(SkipReason::StatusNotExported)
        );
        assert_eq!(
            decide(&cand(Status::OnHold, open, t, None), all),
            Some(SkipReason::StatusNotExported)
        );
        assert_eq!(
            decide(
                &cand(Status::AwaitingShipment, open, t, None),
                ExportScope::DoneOnly
            ),
            Some(SkipReason::StatusNotExported)
        );
        assert_eq!(
            decide(&cand(Status::Done, open, t, None), ExportScope::DoneOnly),
            None
        );
        assert_eq!(
            decide(&cand(Status::Done, MallState::Shipped, t, None), all),
            Some(SkipReason::ShippedOnMall)
        );
        assert_eq!(
            decide(&cand(Status::Cancelled, open, t, None), all),
            Some(SkipReason::Cancelled)
        );
        assert_eq!(
            decide(&cand(Status::Done, MallState::Cancelled, t, None), all),
            Some(SkipReason::Cancelled)
        );
        assert_eq!(
            decide(&cand(Status::Done, open, t, Some("2026-11-24")), all),
            Some(SkipReason::FutureShipDate)
        );
        assert_eq!(
            decide(&cand(Status::Done, MallState::Unpaid, t, None), all),
            Some(SkipReason::UnpaidOnMall)
        );
        assert_eq!(
            decide(&cand(Status::Done, MallState::NotShippable, t, None), all),
            Some(SkipReason::NotShippableOnMall)
        );
        let mut no_carrier = cand(Status::Done, open, t, None);
        no_carrier.carrier = None;
        assert_eq!(decide(&no_carrier, all), Some(SkipReason::NoCarrier));
        let sent = Progress {
            all_sent: true,
            only_waiting_left: false,
            ..FRESH
        };
        assert_eq!(
            skip_reason(
                &base_policy(all),
                &cand(Status::Done, open, t, None),
                &sent,
                today()
            ),
            Some(SkipReason::AlreadySent)
        );
        // Everything done on the mall's own page, nothing by Juchu: shipped on the mall.
        let on_mall = Progress {
            all_sent: true,
            only_waiting_left: false,
            done_on_mall: 2,
            ..FRESH
        };
        assert_eq!(
            skip_reason(
                &base_policy(all),
                &cand(Status::Done, open, t, None),
                &on_mall,
                today()
            ),
            Some(SkipReason::ShippedOnMall)
        );
        // Refused for good: skipped, never sent again, whatever else is left.
        let refused = Progress {
            refusal: Some("ヤマトかんたん発送Appを利用している注文は発送済みにできません。".into()),
            ..FRESH
        };
        assert_eq!(
            skip_reason(
                &base_policy(all),
                &cand(Status::Done, open, t, None),
                &refused,
                today()
            ),
            Some(SkipReason::RefusedByMall)
        );
        let c = cand(Status::Done, open, t, Some("2026-11-30"));
        let label = SkipReason::FutureShipDate.label(&c, Mall::Base, &base_policy(all), &FRESH);
        assert!(label.contains("2026-11-30"));
        let label = SkipReason::StatusNotExported.label(&c, Mall::Base, &base_policy(all), &FRESH);
        assert!(label.contains("API書出の設定"), "{label}");
    }

    #[test]
    fn a_policy_states_age_and_stages_for_any_mall() {
        // A mall with 発送指示 (sent at once) and 発送済 (on the ship date),
        // and a 170-day limit: Bカート's shape, without Bカート.
        let policy = ExportPolicy {
            statuses: vec![Status::AwaitingShipment, Status::OnHold],
            statuses_rule: "このモールの規則",
            max_age_days: Some(170),
            stages: vec![
                StageRule {
                    stage: Stage::Instructed,
                    waits_for_ship_date: false,
                },
                StageRule {
                    stage: Stage::Shipped,
                    waits_for_ship_date: true,
                },
            ],
            after_send_fix: "",
        };
        let t = Some("123456789012");
        let future = cand(Status::OnHold, MallState::Open, t, Some("2026-11-30"));
        let instructed_left = Progress {
            all_sent: false,
            only_waiting_left: false,
            ..FRESH
        };
        assert_eq!(
            skip_reason(&policy, &future, &instructed_left, today()),
            None,
            "発送指示 goes now"
        );
        let only_shipped_left = Progress {
            all_sent: false,
            only_waiting_left: true,
            ..FRESH
        };
        assert_eq!(
            skip_reason(&policy, &future, &only_shipped_left, today()),
            Some(SkipReason::FutureShipDate)
        );
        let mut old = cand(Status::AwaitingShipment, MallState::Open, t, None);
        old.ordered_at = 1_795_000_000 - 200 * 86_400;
        assert_eq!(
            skip_reason(&policy, &old, &instructed_left, today()),
            Some(SkipReason::TooOld)
        );
        assert!(SkipReason::TooOld
            .label(&old, Mall::Bcart, &policy, &FRESH)
            .contains("170日"));
    }

    #[test]
    fn the_ship_date_is_never_early() {
        assert!(ship_date_reached(None, today()));
        assert!(ship_date_reached(Some("2026-11-23"), today()));
        assert!(!ship_date_reached(Some("2026-11-24"), today()));
    }

    /// Bカート's seed rule: orders of the last 170 days are sent; the days
    /// are JST calendar days (an order placed at 23:59 JST counts for its day).
    #[test]
    fn bcart_sends_orders_up_to_170_days_old_in_jst() {
        let policy = crate::malls::bcart::export_policy(&ShopSettings::for_mall(Mall::Bcart));
        let at_day = |days_ago: u64, hh: u32, mm: u32| {
            let day = today() - chrono::Days::new(days_ago);
            crate::time::jst_day_start(day) + i64::from(hh * 3600 + mm * 60)
        };
        let mut c = cand(
            Status::AwaitingShipment,
            MallState::Open,
            Some("123456789012"),
            None,
        );
        for (days, hh, mm, want) in [
            (169, 0, 0, None),
            (170, 0, 0, None),
            (170, 23, 59, None),
            (171, 23, 59, Some(SkipReason::TooOld)),
            (171, 0, 0, Some(SkipReason::TooOld)),
        ] {
            c.ordered_at = at_day(days, hh, mm);
            assert_eq!(
                skip_reason(&policy, &c, &FRESH, today()),
                want,
                "{days} days, {hh}:{mm:02} JST"
            );
        }
        // 新規受付 and キャンセル are never sent.
        for status in [Status::New, Status::Cancelled] {
            c.status = status;
            c.ordered_at = at_day(1, 12, 0);
            assert!(
                skip_reason(&policy, &c, &FRESH, today()).is_some(),
                "{status:?}"
            );
        }
    }
}
