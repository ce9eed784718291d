//! 発送情報の更新: a preview first (what will be sent, what is skipped and
//! why), then one click to send, then a result per shipment (an order with
//! one destination: per order). The rules are mall-neutral (`rules`, with
//! the mall's `ExportPolicy`). A shipment is sent in units per stage; every
//! unit's intent and result are journalled (`store::export_journal`); an
//! intent without a result is resolved by asking the mall before anything
//! is sent again, so nothing is ever dispatched twice — also when the order
//! no longer qualifies for sending.

pub mod rules;

use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

use std::collections::{HashMap, HashSet};

use crate::app::Juchu;
use crate::domain::{Carrier, Mall, Shop, Status};
use crate::error::Result;
use crate::malls::{registry, ExportPolicy, MallClient, MallError, ShipmentForExport, Stage};
use crate::progress::{self, Task};
use crate::store::export_candidates::{self, Candidate};
use crate::store::export_journal::{self, Intent, UnitState};
use crate::store::export_moves;
use rules::{Progress, SkipReason};

use export_journal::DONE_ON_MALL_NOTE as DONE_ON_MALL;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportOutcome {
    /// Preview: will be sent.
    WillSend,
    Skipped,
    Sent,
    Failed,
}

/// One shipment in a preview or a result (`juchu-cli export --json` prints these).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ExportLine {
    pub order_id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    pub mall: Mall,
    pub mall_order_id: String,
    /// The shipment (`""`: the order's only one).
    pub shipment_ref: String,
    pub tracking_number: Option<String>,
    pub carrier: Option<Carrier>,
    pub ship_date: Option<String>,
    pub outcome: ExportOutcome,
    pub skip: Option<SkipReason>,
    /// The skip reason or the failure, in Japanese.
    pub message: Option<String>,
    /// A failure's technical part (the mall's code, an OS message), for 「詳細」.
    pub detail: Option<String>,
}

fn line(
    shop: &Shop,
    c: &Candidate,
    outcome: ExportOutcome,
    skip: Option<SkipReason>,
    message: Option<String>,
) -> ExportLine {
    let (message, detail) = match message.as_deref().map(crate::error::split_detail) {
        Some((m, d)) => (Some(m), d),
        None => (None, None),
    };
    ExportLine {
        order_id: c.order_id,
        shop_id: shop.id,
        shop_name: shop.name.clone(),
        mall: shop.mall,
        mall_order_id: c.mall_order_id.clone(),
        shipment_ref: c.shipment_ref.clone(),
        tracking_number: c.tracking_number.clone(),
        carrier: c.carrier,
        ship_date: c.ship_date.clone(),
        outcome,
        skip,
        message,
        detail,
    }
}

/// A candidate as its mall's client sees it (a placeholder tracking number
/// while none is entered: units depend on the payload, not on the slip).
fn shipment_of(c: &Candidate) -> ShipmentForExport {
    ShipmentForExport {
        order_id: c.order_id,
        mall_order_id: c.mall_order_id.clone(),
        shipment_ref: c.shipment_ref.clone(),
        tracking_number: c.tracking_number.clone().unwrap_or_default(),
        carrier: c.carrier.unwrap_or(Carrier::Other),
        ship_date: c.ship_date.clone(),
        raw: c.raw.clone(),
    }
}

/// The units still to send per stage, judged against the shipment's
/// *current* units (a shipment the mall adds later is still sent). A unit
/// the mall has as done from its payload counts as done; a unit the mall
/// refused for good stops the shipment (its words are read by the caller).
fn progress(
    policy: &ExportPolicy,
    client: Option<&dyn MallClient>,
    shipment: &ShipmentForExport,
    states: &HashMap<String, UnitState>,
) -> Progress {
    let Some(client) = client else {
        // No client (a mall not supported yet): the journal alone.
        let all_sent = !states.is_empty() && states.values().all(|s| *s == UnitState::Sent);
        return Progress {
            all_sent,
            only_waiting_left: true,
            ..Progress::default()
        };
    };
    let mut any_left = false;
    let mut only_waiting = true;
    let mut done_on_mall = 0;
    let mut sent_by_us = 0;
    let mut refused = false;
    for rule in &policy.stages {
        let on_mall = client.units_done_on_mall(shipment, rule.stage);
        let mut left = false;
        for u in client.shipment_units(shipment, rule.stage) {
            match states.get(&u) {
                Some(UnitState::Sent) => sent_by_us += 1,
                Some(UnitState::Refused) => refused = true,
                _ if on_mall.contains(&u) => done_on_mall += 1,
                _ => left = true,
            }
        }
        if left {
            any_left = true;
            only_waiting &= rule.waits_for_ship_date;
        }
    }
    Progress {
        all_sent: !any_left,
        only_waiting_left: only_waiting,
        done_on_mall,
        sent_by_us,
        refusal: refused.then(String::new),
        sent_slip: None,
    }
}

/// The slip the mall received, in words, when the candidate's differs from it.
fn changed_slip(c: &Candidate, sent: export_journal::SentUnit) -> Option<String> {
    let export_journal::SentUnit {
        tracking,
        carrier,
        ship_date: date,
        ..
    } = sent;
    let same = c.tracking_number.as_deref() == Some(tracking.as_str())
        && c.carrier.map(Carrier::code) == Some(carrier.as_str())
        && c.ship_date == date;
    (!same).then(|| {
        let carrier =
            Carrier::from_code(&carrier).map_or(carrier.clone(), |c| c.label().to_string());
        match date {
            Some(d) => format!("伝票番号 {tracking}（{carrier}、出荷日 {d}）"),
            None => format!("伝票番号 {tracking}（{carrier}）"),
        }
    })
}

impl Juchu {
    /// The preview of one shop: every candidate shipment with its decision.
    pub fn export_preview(
        &self,
        shop: &Shop,
        client: Option<&dyn MallClient>,
        today: NaiveDate,
    ) -> Result<Vec<(Candidate, ExportLine)>> {
        let policy = (registry::spec(shop.mall).export_policy)(&shop.settings);
        let store = self.store();
        let candidates = store.run(|conn| export_candidates::for_shop(conn, shop.id))?;
        let mut out = Vec::with_capacity(candidates.len());
        for c in candidates {
            let states = store.run(|conn| export_journal::states(conn, c.order_id))?;
            let mut done = progress(&policy, client, &shipment_of(&c), &states);
            if done.refusal.is_some() {
                done.refusal = store.run(|conn| export_journal::refusal(conn, c.order_id))?;
                done.refusal.get_or_insert_with(String::new);
            }
            if done.all_sent {
                let sent = store
                    .run(|conn| export_journal::sent_slip(conn, c.order_id, &c.shipment_ref))?;
                done.sent_slip = sent.and_then(|s| changed_slip(&c, s));
            }
            let l = match rules::skip_reason(&policy, &c, &done, today) {
                None => {
                    let note = (done.done_on_mall > 0).then(|| {
                        format!(
                            "{}点は{}で発送済みのため送らず、残りだけを送ります",
                            done.done_on_mall,
                            shop.mall.label()
                        )
                    });
                    line(shop, &c, ExportOutcome::WillSend, None, note)
                }
                Some(r) => {
                    let label = r.label(&c, shop.mall, &policy, &done);
                    line(shop, &c, ExportOutcome::Skipped, Some(r), Some(label))
                }
            };
            out.push((c, l));
        }
        Ok(out)
    }

    /// Sends what the preview says (decided again now, never from a stale
    /// preview) and returns a line per shipment. Units left pending by an
    /// earlier run whose shipment is not sent now are resolved by a read-back.
    pub async fn export_shop_with(
        &self,
        shop: &Shop,
        client: &dyn MallClient,
        today: NaiveDate,
    ) -> Result<Vec<ExportLine>> {
        let policy = (registry::spec(shop.mall).export_policy)(&shop.settings);
        let mut results = Vec::new();
        let mut stopped: Option<MallError> = None;
        let mut attempted = HashSet::new();
        let preview = self.export_preview(shop, Some(client), today)?;
        let statuses: HashMap<i64, Status> = preview
            .iter()
            .map(|(c, _)| (c.order_id, c.status))
            .collect();
        self.intend_sent_moves(shop, &preview)?;
        let mut progress = progress::Progress::new(shop.id, &shop.name, Task::Export);
        progress.total = preview
            .iter()
            .filter(|(_, l)| l.outcome == ExportOutcome::WillSend)
            .count() as u32;
        self.report_progress(&progress);
        for (c, l) in preview {
            if l.outcome != ExportOutcome::WillSend || stopped.is_some() {
                results.push(l);
                continue;
            }
            progress.sent += 1;
            progress.calls = client.calls();
            self.report_progress(&progress);
            attempted.insert((c.order_id, c.shipment_ref.clone()));
            let shipment = shipment_of(&c);
            let outcome = self
                .send_shipment(client, &policy, &shipment, today)
                .await?;
            // The calls so far are saved with each shipment, as a fetch saves
            // them with each page: a run cut off does not reset the budget.
            self.save_limits(shop.id)?;
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
                        shop.name, c.mall_order_id, shipment.tracking_number
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
                    stopped = Some(e);
                }
            }
        }
        self.move_sent_orders(&results, &statuses)?;
        if stopped.is_none() {
            self.resolve_pending(shop, client, &attempted).await?;
        }
        progress.calls = client.calls();
        progress.finished = true;
        self.report_progress(&progress);
        Ok(results)
    }

    /// 送信後のステータス: an order something of which was sent now, and
    /// nothing of which is left to send, moves to the shop's setting.
    /// Before any call: the orders this run can send whole owe a move to
    /// the shop's 送信後のステータス, recorded now (a crash after the last call
    /// is made good by the next run).
    fn intend_sent_moves(&self, shop: &Shop, preview: &[(Candidate, ExportLine)]) -> Result<()> {
        let Some(target) = shop.settings.sent_status else {
            return Ok(());
        };
        let mut orders: HashMap<i64, (Status, bool, bool)> = HashMap::new();
        for (c, l) in preview {
            let (_, sends, whole) = orders.entry(c.order_id).or_insert((c.status, false, true));
            match (&l.outcome, &l.skip) {
                (ExportOutcome::WillSend, _) => *sends = true,
                (_, Some(SkipReason::AlreadySent | SkipReason::ShippedOnMall)) => {}
                _ => *whole = false,
            }
        }
        let store = self.store();
        for (order_id, (status, sends, whole)) in orders {
            if sends && whole && status != target {
                store.run(|conn| export_moves::intend(conn, order_id, status, target))?;
            }
        }
        Ok(())
    }

    /// Orders now sent whole move to the shop's 送信後のステータス, if this or
    /// an earlier (interrupted) run owed them the move and they are still
    /// where they were; a merchant's move since is never undone.
    fn move_sent_orders(
        &self,
        results: &[ExportLine],
        statuses: &HashMap<i64, Status>,
    ) -> Result<()> {
        let mut whole: HashMap<i64, bool> = HashMap::new();
        for l in results {
            let done = matches!(
                (&l.outcome, &l.skip),
                (ExportOutcome::Sent, _)
                    | (_, Some(SkipReason::AlreadySent | SkipReason::ShippedOnMall))
            );
            *whole.entry(l.order_id).or_insert(true) &= done;
        }
        let store = self.store();
        let mut by_target: HashMap<Status, Vec<i64>> = HashMap::new();
        let mut settled = Vec::new();
        for (order_id, sent_whole) in whole {
            if !sent_whole {
                continue;
            }
            let Some((from, to)) = store.run(|conn| export_moves::of(conn, order_id))? else {
                continue;
            };
            if statuses.get(&order_id) == Some(&from) {
                by_target.entry(to).or_default().push(order_id);
            }
            settled.push(order_id);
        }
        drop(store);
        // The move first, then the intent goes: a kill between the two leaves
        // an intent the next run drops (the order is no longer where it was).
        for (to, mut ids) in by_target {
            ids.sort_unstable();
            self.store().move_orders(&ids, to)?;
        }
        let store = self.store();
        for order_id in settled {
            store.run(|conn| export_moves::forget(conn, order_id))?;
        }
        Ok(())
    }

    /// Asks the mall about units whose outcome is unknown and whose shipment
    /// no longer qualifies (its tracking number removed, its status moved
    /// back): a unit the mall has is recorded as sent, any other as not sent.
    /// Shipments this run tried to send are left alone (a call that just
    /// timed out may still land).
    async fn resolve_pending(
        &self,
        shop: &Shop,
        client: &dyn MallClient,
        attempted: &HashSet<(i64, String)>,
    ) -> Result<()> {
        let pending = {
            let store = self.store();
            store.run(|conn| export_journal::pending_of_shop(conn, shop.id))?
        };
        let mut asked: HashMap<(i64, String, String), Vec<String>> = HashMap::new();
        for p in pending {
            if attempted.contains(&(p.order_id, p.shipment_ref.clone())) {
                continue;
            }
            let stage = Stage::from_code(&p.stage);
            let key = (p.order_id, p.shipment_ref.clone(), p.stage.clone());
            if !asked.contains_key(&key) {
                let shipment = ShipmentForExport {
                    order_id: p.order_id,
                    mall_order_id: p.mall_order_id.clone(),
                    shipment_ref: p.shipment_ref.clone(),
                    tracking_number: p.tracking.clone(),
                    carrier: Carrier::from_code(&p.carrier).unwrap_or(Carrier::Other),
                    ship_date: p.ship_date.clone(),
                    raw: serde_json::from_str(&p.raw).unwrap_or_default(),
                };
                match client.shipped_units(&shipment, stage).await {
                    Ok(units) => asked.insert(key.clone(), units),
                    // Still unknown: asked again next time.
                    Err(_) => continue,
                };
            }
            let has = asked.get(&key).is_some_and(|u| u.contains(&p.unit));
            let store = self.store();
            if has {
                store.run(|conn| {
                    export_journal::sent(conn, p.order_id, &p.unit, Some("送信結果を確認しました"))
                })?;
            } else {
                store.run(|conn| {
                    export_journal::failed(
                        conn,
                        p.order_id,
                        &p.unit,
                        "NOT_SENT",
                        "モールに届いていませんでした（その後、送信の対象から外れました）",
                    )
                })?;
            }
        }
        Ok(())
    }

    /// Sends every unit of one shipment exactly once, stage by stage (a stage
    /// that waits for the 出荷日 waits). `Err` of the outer result is a store
    /// error; the inner result is the mall's answer.
    async fn send_shipment(
        &self,
        client: &dyn MallClient,
        policy: &ExportPolicy,
        shipment: &ShipmentForExport,
        today: NaiveDate,
    ) -> Result<std::result::Result<(), MallError>> {
        let date_reached = rules::ship_date_reached(shipment.ship_date.as_deref(), today);
        for rule in &policy.stages {
            if rule.waits_for_ship_date && !date_reached {
                continue;
            }
            if let Err(e) = self.send_stage(client, shipment, rule.stage).await? {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }

    async fn send_stage(
        &self,
        client: &dyn MallClient,
        shipment: &ShipmentForExport,
        stage: Stage,
    ) -> Result<std::result::Result<(), MallError>> {
        let order_id = shipment.order_id;
        let units = client.shipment_units(shipment, stage);
        let mut states = {
            let store = self.store();
            store.run(|conn| export_journal::states(conn, order_id))?
        };
        // A unit left 'pending' may or may not have reached the mall: ask it.
        if units
            .iter()
            .any(|u| states.get(u) == Some(&UnitState::Pending))
        {
            match client.shipped_units(shipment, stage).await {
                Ok(shipped) => {
                    let store = self.store();
                    for unit in shipped {
                        if states.get(&unit) == Some(&UnitState::Pending) {
                            store.run(|conn| {
                                export_journal::sent(
                                    conn,
                                    order_id,
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
        let on_mall = client.units_done_on_mall(shipment, stage);
        for unit in units {
            if matches!(
                states.get(&unit),
                Some(UnitState::Sent | UnitState::Refused)
            ) {
                continue;
            }
            {
                let store = self.store();
                store.run(|conn| {
                    export_journal::intend(
                        conn,
                        &Intent {
                            order_id,
                            shipment_ref: &shipment.shipment_ref,
                            stage: stage.code(),
                            unit: &unit,
                            tracking: &shipment.tracking_number,
                            carrier: shipment.carrier.code(),
                            ship_date: shipment.ship_date.as_deref(),
                        },
                    )
                })?;
            }
            if on_mall.contains(&unit) {
                // Dispatched on the mall's own page: done, and never sent by us.
                let store = self.store();
                store
                    .run(|conn| export_journal::sent(conn, order_id, &unit, Some(DONE_ON_MALL)))?;
                continue;
            }
            match client.send_unit(shipment, stage, &unit).await {
                Ok(()) => {
                    let store = self.store();
                    store.run(|conn| export_journal::sent(conn, order_id, &unit, None))?;
                }
                Err(e) if e.is_transient() => {
                    // The outcome is unknown: the row stays 'pending' and the
                    // next run asks the mall before sending this unit again.
                    return Ok(Err(e));
                }
                Err(e) => {
                    let code = if client.refusal_is_settled(&e) {
                        export_journal::SETTLED_REFUSAL
                    } else {
                        e.code()
                    };
                    // A refusal for good keeps the mall's own words for the preview.
                    let words = match &e {
                        MallError::Refused { message, .. }
                            if code == export_journal::SETTLED_REFUSAL =>
                        {
                            message.clone()
                        }
                        other => other.to_string(),
                    };
                    let store = self.store();
                    store
                        .run(|conn| export_journal::failed(conn, order_id, &unit, code, &words))?;
                    return Ok(Err(e));
                }
            }
        }
        Ok(Ok(()))
    }

    /// 発送情報の更新 for one shop or every shop; with `dry_run` only the preview.
    /// A shop's run waits for one already under way (自動書き出し), so that
    /// two never send at once; it then decides again from the journal.
    pub async fn export(&self, shop_id: Option<i64>, dry_run: bool) -> Result<Vec<ExportLine>> {
        let today = crate::time::today_jst();
        let shops = match shop_id {
            Some(id) => vec![self.store().shop(id)?],
            None => self.active_shops()?,
        };
        let mut out = Vec::new();
        for shop in shops {
            if dry_run {
                let client = self.client_for(&shop).ok();
                out.extend(
                    self.export_preview(&shop, client.as_deref(), today)?
                        .into_iter()
                        .map(|(_, l)| l),
                );
            } else {
                let lock = self.export_lock(shop.id);
                let _running = lock.lock().await;
                let started_at = crate::time::now_unix();
                let lines = self.export_shop(&shop, today).await?;
                self.log_export_run("export_run", &shop, started_at, &lines)?;
                out.extend(lines);
            }
        }
        Ok(out)
    }

    /// Records an export's run in the 自動処理ログ (`kind`: the merchant's
    /// `export_run` or `auto_export`).
    pub(crate) fn log_export_run(
        &self,
        kind: &str,
        shop: &Shop,
        started_at: i64,
        lines: &[ExportLine],
    ) -> Result<()> {
        let count = |o: ExportOutcome| lines.iter().filter(|l| l.outcome == o).count() as u32;
        let (sent, failed) = (count(ExportOutcome::Sent), count(ExportOutcome::Failed));
        let what = if kind == "auto_export" {
            "自動書き出し"
        } else {
            "発送情報の更新"
        };
        let mut message = format!("{}: {what} 送信 {sent} 件、失敗 {failed} 件", shop.name);
        if failed > 0 {
            message.push_str("（失敗した出荷は「発送情報の更新」で理由を確かめてください）");
        }
        let run = crate::store::Run {
            started_at,
            ok: failed == 0,
            sent,
            failed,
            ..Default::default()
        };
        Ok(self.store().log_run(kind, shop.id, &run, &message)?)
    }

    /// Sends one shop's shipping info; the caller holds the shop's export lock.
    pub(crate) async fn export_shop(
        &self,
        shop: &Shop,
        today: NaiveDate,
    ) -> Result<Vec<ExportLine>> {
        match self.client_for(shop) {
            Ok(client) => {
                let lines = self.export_shop_with(shop, client.as_ref(), today).await;
                self.save_limits(shop.id)?;
                lines
            }
            Err(e) => Ok(self
                .export_preview(shop, None, today)?
                .into_iter()
                .map(|(_, mut l)| {
                    if l.outcome == ExportOutcome::WillSend {
                        l.outcome = ExportOutcome::Failed;
                        l.message = Some(e.to_string());
                    }
                    l
                })
                .collect()),
        }
    }
}
