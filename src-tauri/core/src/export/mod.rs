//! 発送情報の更新: a preview first (what will be sent, what is skipped and
//! why), then one click to send, then a result per order. Every unit's
//! intent and result are journalled (`store::export_journal`); an intent
//! without a result is resolved by asking the mall before anything is sent
//! again, so nothing is ever dispatched twice.

pub mod rules;

use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

use crate::app::Juchu;
use crate::domain::{Carrier, Mall, Shop};
use crate::error::Result;
use crate::malls::{MallClient, MallError, OrderForExport};
use crate::store::export_candidates::{self, Candidate};
use crate::store::export_journal::{self, UnitState};
use rules::SkipReason;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportOutcome {
    /// Preview: will be sent.
    WillSend,
    Skipped,
    Sent,
    Failed,
}

/// One order in a preview or a result (`juchu-cli export --json` prints these).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ExportLine {
    pub order_id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    pub mall: Mall,
    pub mall_order_id: String,
    pub tracking_number: Option<String>,
    pub carrier: Option<Carrier>,
    pub ship_date: Option<String>,
    pub outcome: ExportOutcome,
    pub skip: Option<SkipReason>,
    /// The skip reason or the failure, in Japanese.
    pub message: Option<String>,
}

fn line(
    shop: &Shop,
    c: &Candidate,
    outcome: ExportOutcome,
    skip: Option<SkipReason>,
    message: Option<String>,
) -> ExportLine {
    ExportLine {
        order_id: c.order_id,
        shop_id: shop.id,
        shop_name: shop.name.clone(),
        mall: shop.mall,
        mall_order_id: c.mall_order_id.clone(),
        tracking_number: c.tracking_number.clone(),
        carrier: c.carrier,
        ship_date: c.ship_date.clone(),
        outcome,
        skip,
        message,
    }
}

impl Juchu {
    /// The preview of one shop: every candidate with its decision.
    pub fn export_preview(
        &self,
        shop: &Shop,
        today: NaiveDate,
    ) -> Result<Vec<(Candidate, ExportLine)>> {
        let store = self.store();
        let candidates = store.run(|conn| export_candidates::for_shop(conn, shop.id))?;
        let mut out = Vec::with_capacity(candidates.len());
        for c in candidates {
            let states = store.run(|conn| export_journal::states(conn, c.order_id))?;
            let all_sent = !states.is_empty() && states.values().all(|s| *s == UnitState::Sent);
            let l = match rules::skip_reason(shop.mall, &shop.settings, &c, all_sent, today) {
                None => line(shop, &c, ExportOutcome::WillSend, None, None),
                Some(r) => {
                    let label = r.label(&c, shop.mall);
                    line(shop, &c, ExportOutcome::Skipped, Some(r), Some(label))
                }
            };
            out.push((c, l));
        }
        Ok(out)
    }

    /// Sends what the preview says (decided again now, never from a stale
    /// preview) and returns a line per order.
    pub async fn export_shop_with(
        &self,
        shop: &Shop,
        client: &dyn MallClient,
        today: NaiveDate,
    ) -> Result<Vec<ExportLine>> {
        let mut results = Vec::new();
        for (c, l) in self.export_preview(shop, today)? {
            if l.outcome != ExportOutcome::WillSend {
                results.push(l);
                continue;
            }
            let (Some(tracking), Some(carrier)) = (c.tracking_number.clone(), c.carrier) else {
                results.push(l);
                continue;
            };
            let order = OrderForExport {
                order_id: c.order_id,
                mall_order_id: c.mall_order_id.clone(),
                tracking_number: tracking,
                carrier,
                ship_date: c.ship_date.clone(),
                raw: c.raw.clone(),
            };
            let outcome = self.send_order(client, &order).await?;
            let (kind, msg) = match &outcome {
                Ok(()) => (ExportOutcome::Sent, None),
                Err(e) => (ExportOutcome::Failed, Some(e.to_string())),
            };
            self.store().log(
                "export",
                Some(shop.id),
                Some(c.order_id),
                &match &msg {
                    None => format!(
                        "{}: 注文 {} の発送情報を送信しました（伝票番号 {}）",
                        shop.name, c.mall_order_id, order.tracking_number
                    ),
                    Some(m) => format!(
                        "{}: 注文 {} の発送情報を送信できませんでした。{m}",
                        shop.name, c.mall_order_id
                    ),
                },
            )?;
            results.push(line(shop, &c, kind, None, msg));
            if let Err(e) = outcome {
                if e.needs_reauthorization() || matches!(e, MallError::RateLimited { .. }) {
                    // Every further call would fail the same way.
                    break;
                }
            }
        }
        Ok(results)
    }

    /// Sends every unit of one order exactly once. `Err` of the outer result
    /// is a store error; the inner result is the mall's answer.
    async fn send_order(
        &self,
        client: &dyn MallClient,
        order: &OrderForExport,
    ) -> Result<std::result::Result<(), MallError>> {
        let units = client.shipment_units(order);
        let mut states = {
            let store = self.store();
            store.run(|conn| export_journal::states(conn, order.order_id))?
        };
        // A unit left 'pending' may or may not have reached the mall: ask it.
        if states.values().any(|s| *s == UnitState::Pending) {
            match client.shipped_units(order).await {
                Ok(shipped) => {
                    let store = self.store();
                    for unit in shipped {
                        if states.get(&unit) == Some(&UnitState::Pending) {
                            store.run(|conn| {
                                export_journal::sent(
                                    conn,
                                    order.order_id,
                                    &unit,
                                    Some("送信結果を確認しました"),
                                )
                            })?;
                            states.insert(unit, UnitState::Sent);
                        }
                    }
                }
                Err(e) => return Ok(Err(e)),
            }
        }
        for unit in units {
            if states.get(&unit) == Some(&UnitState::Sent) {
                continue;
            }
            {
                let store = self.store();
                store.run(|conn| {
                    export_journal::intend(
                        conn,
                        order.order_id,
                        &unit,
                        &order.tracking_number,
                        order.carrier.code(),
                        order.ship_date.as_deref(),
                    )
                })?;
            }
            match client.send_unit(order, &unit).await {
                Ok(()) => {
                    let store = self.store();
                    store.run(|conn| export_journal::sent(conn, order.order_id, &unit, None))?;
                }
                Err(e) if e.is_transient() => {
                    // The outcome is unknown: the row stays 'pending' and the
                    // next run asks the mall before sending this unit again.
                    return Ok(Err(e));
                }
                Err(e) => {
                    let store = self.store();
                    store.run(|conn| {
                        export_journal::failed(
                            conn,
                            order.order_id,
                            &unit,
                            e.code(),
                            &e.to_string(),
                        )
                    })?;
                    return Ok(Err(e));
                }
            }
        }
        Ok(Ok(()))
    }

    /// 発送情報の更新 for one shop or every shop; with `dry_run` only the preview.
    pub async fn export(&self, shop_id: Option<i64>, dry_run: bool) -> Result<Vec<ExportLine>> {
        let today = crate::time::today_jst();
        let shops = match shop_id {
            Some(id) => vec![self.store().shop(id)?],
            None => self.active_shops()?,
        };
        let mut out = Vec::new();
        for shop in shops {
            if dry_run {
                out.extend(
                    self.export_preview(&shop, today)?
                        .into_iter()
                        .map(|(_, l)| l),
                );
                continue;
            }
            match crate::malls::client_for(&shop, self.secrets()) {
                Ok(client) => {
                    out.extend(self.export_shop_with(&shop, client.as_ref(), today).await?)
                }
                Err(e) => out.extend(self.export_preview(&shop, today)?.into_iter().map(
                    |(_, mut l)| {
                        if l.outcome == ExportOutcome::WillSend {
                            l.outcome = ExportOutcome::Failed;
                            l.message = Some(e.to_string());
                        }
                        l
                    },
                )),
            }
        }
        Ok(out)
    }
}
