//! Qoo10's 発送予定日 set from Juchu for selected orders (SetSellerCheckYN_V2,
//! qoo10.md A3.1): the order moves to 配送準備 on Qoo10, so the shop's
//! 受注取得 keeps fetching 配送準備 from then on. Beyond GoQSystem, whose
//! merchants lose such orders when only 配送要請 is fetched.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::app::Juchu;
use crate::domain::{Mall, MallSettings};
use crate::error::Result;
use crate::malls::qoo10::{mapping, Qoo10Client};
use crate::malls::ClientContext;
use crate::store::orders::parse_ship_date;

/// What the merchant chose in the dialog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ShipPlanInput {
    pub order_ids: Vec<i64>,
    /// The 発送予定日, as typed (2026-12-05, 2026/12/05, 20261205).
    pub date: String,
    /// Qoo10's DelayType: 1 商品準備中, 2 注文製作, 3 顧客要求, 4 その他.
    pub reason: u8,
    pub memo: String,
}

/// One order's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ShipPlanResult {
    pub order_id: i64,
    pub mall_order_id: String,
    pub ok: bool,
    pub message: String,
}

/// The reasons Qoo10 takes (DelayType), in QSM's words.
pub const SHIP_PLAN_REASONS: &[(u8, &str)] = &[
    (1, "商品準備中"),
    (2, "注文製作"),
    (3, "顧客要求"),
    (4, "その他"),
];

impl Juchu {
    /// Sets Qoo10's 発送予定日 for each order (each OrderNo of its pack still
    /// 配送要請), and makes its shop fetch 配送準備.
    pub async fn set_ship_plan(&self, input: &ShipPlanInput) -> Result<Vec<ShipPlanResult>> {
        let date = NaiveDate::parse_from_str(&parse_ship_date(&input.date)?, "%Y-%m-%d")
            .map_err(|e| crate::error::CoreError::setting("date", e.to_string()))?;
        if !SHIP_PLAN_REASONS.iter().any(|(n, _)| *n == input.reason) {
            return Err(crate::error::CoreError::setting(
                "reason",
                "遅延理由を選んでください",
            ));
        }
        let mut out = Vec::new();
        for &id in &input.order_ids {
            let row = self.store().order(id)?;
            let result = |ok: bool, message: String| ShipPlanResult {
                order_id: id,
                mall_order_id: row.mall_order_id.clone(),
                ok,
                message,
            };
            if row.mall != Mall::Qoo10 {
                out.push(result(false, "Qoo10 の注文だけに設定できます。".into()));
                continue;
            }
            let shop = self.shop(row.shop_id)?;
            self.keep_fetching_seller_confirm(&shop)?;
            let raw = self.store().order_raw(id)?;
            let order_nos = mapping::on_request_order_nos(&raw);
            if order_nos.is_empty() {
                out.push(result(false, "Qoo10 で「配送要請」の注文ではありません（発送予定日は配送要請の注文だけに設定できます）。".into()));
                continue;
            }
            let client = Qoo10Client::for_shop(&ClientContext {
                shop: shop.clone(),
                secrets: self.secrets().clone(),
                limiter: self.limiter(&shop)?,
            });
            let mut failure = None;
            for no in &order_nos {
                if let Err(e) = client
                    .set_ship_plan(no, date, input.reason, &input.memo)
                    .await
                {
                    failure = Some(crate::error::split_detail(&e.to_string()).0);
                    break;
                }
            }
            self.store().log(
                "ship_plan",
                Some(shop.id),
                Some(id),
                &match &failure {
                    None => format!(
                        "Qoo10 の発送予定日を {date} にしました（注文 {}）",
                        row.mall_order_id
                    ),
                    Some(m) => format!(
                        "Qoo10 の発送予定日を設定できませんでした（注文 {}）。{m}",
                        row.mall_order_id
                    ),
                },
            )?;
            out.push(match failure {
                None => result(
                    true,
                    format!(
                        "発送予定日を {} にしました。Qoo10 では「配送準備」になります。",
                        date.format("%Y/%m/%d")
                    ),
                ),
                Some(m) => result(false, m),
            });
        }
        Ok(out)
    }

    /// A shop whose orders get a 発送予定日 keeps fetching 配送準備.
    fn keep_fetching_seller_confirm(&self, shop: &crate::domain::Shop) -> Result<()> {
        if let MallSettings::Qoo10(q) = &shop.settings.mall {
            if !q.fetch_seller_confirm {
                let mut settings = shop.settings.clone();
                settings.apply("fetch_seller_confirm", "on")?;
                self.store().update_shop(shop.id, &shop.name, &settings)?;
            }
        }
        Ok(())
    }
}
