//! Bカート's API v1 client (`shared/malls/bcart.md`): a personal access token
//! (Bearer), 受注取得 through `GET /orders?complete=1` in pages of 100 over the
//! order-date window, each logistics row a shipment, and 発送情報の更新 per
//! logistics row in two stages: 発送指示 with the 送り状番号, then 発送済 with
//! the 出荷日 once it has come (the seed's rules).

mod connect;
pub mod mapping;
pub mod status_labels;
pub mod uncertain;
pub mod wizard;

use async_trait::async_trait;
use serde_json::{json, Value};

use super::http::{Http, HttpOptions, Reply, Request};
use super::json::text;
use super::{
    api_base, ClientContext, ExportPolicy, FetchWindow, FetchedPage, KnownOrders, MallClient,
    MallError, ShipmentForExport, Stage, StageRule,
};
use crate::domain::{Mall, MallSettings, ShopSettings, Status};
use crate::secrets::Secrets;
use status_labels::StatusLabels;

pub use connect::SPEC;

const MALL: &str = "Bカート";

/// The real API (bcart.md B1).
pub const API_BASE: &str = "https://api.bcart.jp/api/v1";

pub mod keys {
    pub const ACCESS_TOKEN: &str = "access_token";
}

#[derive(Debug, Clone)]
pub struct BcartOptions {
    pub api_base: String,
    pub http: HttpOptions,
    /// The shop's status label that means キャンセル (none by default).
    pub cancel_label: Option<String>,
    /// Set an order to 完了 once every logistics row is 発送済.
    pub complete_order: bool,
}

impl Default for BcartOptions {
    fn default() -> Self {
        BcartOptions {
            api_base: api_base(Mall::Bcart, API_BASE),
            http: HttpOptions::default(),
            cancel_label: None,
            complete_order: false,
        }
    }
}

pub struct BcartClient {
    shop_id: i64,
    secrets: Secrets,
    api: String,
    http: Http,
    cancel_label: Option<String>,
    complete_order: bool,
    /// The shop's status labels, read once per client (one fetch).
    labels: tokio::sync::OnceCell<StatusLabels>,
}

/// The shop's cancellation label (its setting), if any.
pub fn cancel_label(settings: &ShopSettings) -> Option<String> {
    match &settings.mall {
        MallSettings::Bcart(b) => {
            Some(b.cancel_status.trim().to_string()).filter(|s| !s.is_empty())
        }
        _ => None,
    }
}

impl BcartClient {
    pub fn for_shop(ctx: &ClientContext) -> BcartClient {
        let complete_order =
            matches!(&ctx.shop.settings.mall, MallSettings::Bcart(b) if b.complete_order);
        let options = BcartOptions {
            cancel_label: cancel_label(&ctx.shop.settings),
            complete_order,
            ..BcartOptions::default()
        };
        let http = Http::new(MALL, options.http.clone()).with_limiter(ctx.limiter.clone());
        BcartClient::build(ctx.shop.id, ctx.secrets.clone(), &options, http)
    }

    pub fn with_options(shop_id: i64, secrets: Secrets, options: BcartOptions) -> BcartClient {
        let http = Http::new(MALL, options.http.clone()).with_limits(uncertain::LIMITS);
        BcartClient::build(shop_id, secrets, &options, http)
    }

    fn build(shop_id: i64, secrets: Secrets, options: &BcartOptions, http: Http) -> BcartClient {
        BcartClient {
            shop_id,
            secrets,
            api: options.api_base.trim_end_matches('/').to_string(),
            http,
            cancel_label: options.cancel_label.clone(),
            complete_order: options.complete_order,
            labels: tokio::sync::OnceCell::new(),
        }
    }

    /// The shop's order status labels (`GET /order_statuses`), read once.
    async fn labels(&self) -> Result<&StatusLabels, MallError> {
        self.labels
            .get_or_try_init(|| async {
                let answer = self.get("/order_statuses", &[]).await?;
                Ok(StatusLabels::from_answer(&answer))
            })
            .await
    }

    /// bcart.md B4: when every logistics row of the order is 発送済, the
    /// order itself is set to 完了 (the shop's setting).
    async fn complete_if_all_shipped(&self, order_id: &str) -> Result<(), MallError> {
        let order = self
            .get(&format!("/orders/{order_id}"), &[("complete", "1".into())])
            .await?;
        let order = order.get("order").cloned().unwrap_or(Value::Null);
        let rows = mapping::logistics(&order);
        let all_shipped = !rows.is_empty()
            && rows
                .iter()
                .all(|l| text(l, "status").as_deref() == Some(uncertain::SHIPPED));
        if !all_shipped || text(&order, "status").as_deref() == Some(uncertain::DONE) {
            return Ok(());
        }
        let request = Request::new(
            super::http::Method::Patch,
            format!("{}/orders/{order_id}", self.api),
        )
        .json(json!({ "status": uncertain::DONE }))
        .idempotent(false);
        self.send(request).await.map(|_| ())
    }

    fn token(&self) -> Result<String, MallError> {
        super::credential(
            &self.secrets,
            self.shop_id,
            MALL,
            keys::ACCESS_TOKEN,
            "パーソナルアクセストークン",
        )
    }

    async fn send(&self, request: Request) -> Result<Value, MallError> {
        let scope = scope_of(&self.api, &request);
        let request = request.bearer(Some(&self.token()?)).expect_json(true);
        let reply = self.http.send(&request).await?;
        if (200..300).contains(&reply.status) {
            reply.json(MALL)
        } else {
            Err(error_of(&reply, scope))
        }
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, MallError> {
        self.send(Request::get(format!("{}{path}", self.api)).query(query))
            .await
    }

    /// A logistics row as Bカート has it now.
    async fn logistic_now(&self, id: &str) -> Result<Value, MallError> {
        let v = self.get(&format!("/logistics/{id}"), &[]).await?;
        v.get("logistic")
            .cloned()
            .ok_or_else(|| MallError::Malformed {
                mall: MALL,
                detail: "logistic のない応答です".into(),
            })
    }
}

/// The scope a call needs (bcart.md B1: `<resource>-read` / `<resource>-write`).
fn scope_of(api: &str, request: &Request) -> String {
    let resource = request
        .url
        .strip_prefix(api)
        .unwrap_or(&request.url)
        .trim_start_matches('/')
        .split(['/', '?'])
        .next()
        .unwrap_or_default()
        .to_string();
    let access = if request.method == super::http::Method::Get {
        "read"
    } else {
        "write"
    };
    format!("{resource}-{access}")
}

/// `{"errors":[{"code","message"}]}` with its status, in the merchant's words;
/// a 403 names the scope the call needed.
fn error_of(reply: &Reply, scope: String) -> MallError {
    let body: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
    let first = body
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
        .cloned();
    let message = first
        .as_ref()
        .and_then(|e| text(e, "message"))
        .unwrap_or_default();
    let code = first
        .as_ref()
        .and_then(|e| text(e, "code"))
        .unwrap_or_else(|| reply.status.to_string());
    let detail = format!("HTTP {} {code} {message}", reply.status);
    match reply.status {
        401 => MallError::Unauthorized {
            mall: MALL,
            detail,
            fix: "パーソナルアクセストークンが無効か期限切れです。Bカートデベロッパーで作り直し、「編集」で入力し直してください。",
        },
        403 => MallError::MissingScope {
            mall: MALL,
            scope,
            fix: "Bカートデベロッパーで、orders・order_products・logistics・order_statuses の読み書きと shipping_groups の読み取りを付けたトークンを作り直し、「編集」で入力し直してください。",
        },
        _ => MallError::Refused {
            mall: MALL,
            code,
            message: if message.is_empty() { "理由は示されませんでした。".into() } else { message },
        },
    }
}

fn unit(stage: Stage, logistics_id: &str) -> String {
    match stage {
        Stage::Instructed => format!("instruct:{logistics_id}"),
        Stage::Shipped => format!("ship:{logistics_id}"),
    }
}

/// The units a logistics row's Bカート status says are done.
fn done_units(logistics_id: &str, status: &str) -> Vec<String> {
    match status {
        s if s == uncertain::SHIPPED => vec![
            unit(Stage::Instructed, logistics_id),
            unit(Stage::Shipped, logistics_id),
        ],
        s if s == uncertain::INSTRUCTED => vec![unit(Stage::Instructed, logistics_id)],
        _ => Vec::new(),
    }
}

#[async_trait]
impl MallClient for BcartClient {
    fn mall(&self) -> Mall {
        Mall::Bcart
    }

    fn calls(&self) -> u32 {
        self.http.calls()
    }

    async fn test_connection(&self) -> Result<(), MallError> {
        self.get("/orders", &[("limit", "1".into())])
            .await
            .map(|_| ())
    }

    async fn fetch(
        &self,
        window: FetchWindow,
        _known: &KnownOrders,
        sink: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError> {
        let bound = |t: i64| {
            crate::time::jst(t)
                .format(uncertain::TIME_FORMAT)
                .to_string()
        };
        let labels = self.labels().await?;
        let mut offset = 0usize;
        loop {
            let page = self
                .get(
                    "/orders",
                    &[
                        ("complete", "1".into()),
                        ("limit", uncertain::PAGE_LIMIT.to_string()),
                        ("offset", offset.to_string()),
                        (uncertain::ORDERED_FROM, bound(window.from)),
                        (uncertain::ORDERED_TO, bound(window.to)),
                    ],
                )
                .await?;
            let rows = page
                .get("orders")
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| MallError::Malformed {
                    mall: MALL,
                    detail: "注文一覧に orders がありません".into(),
                })?;
            let mut orders = Vec::with_capacity(rows.len());
            for o in &rows {
                orders.push(mapping::to_incoming(
                    o,
                    labels,
                    self.cancel_label.as_deref(),
                )?);
            }
            sink(FetchedPage {
                orders,
                unchanged: Vec::new(),
            });
            // bcart.md B2: stop on a short page.
            if rows.len() < uncertain::PAGE_LIMIT {
                return Ok(());
            }
            offset += rows.len();
        }
    }

    fn shipment_units(&self, shipment: &ShipmentForExport, stage: Stage) -> Vec<String> {
        if mapping::logistic(&shipment.raw, &shipment.shipment_ref).is_none() {
            return Vec::new();
        }
        vec![unit(stage, &shipment.shipment_ref)]
    }

    fn units_done_on_mall(&self, shipment: &ShipmentForExport, _stage: Stage) -> Vec<String> {
        mapping::logistic(&shipment.raw, &shipment.shipment_ref)
            .and_then(|l| text(&l, "status"))
            .map(|s| done_units(&shipment.shipment_ref, &s))
            .unwrap_or_default()
    }

    async fn status_labels(&self) -> Result<Vec<(String, String)>, MallError> {
        Ok(self.labels().await?.pairs().to_vec())
    }

    async fn shipped_units(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
    ) -> Result<Vec<String>, MallError> {
        let now = self.logistic_now(&shipment.shipment_ref).await?;
        let status = text(&now, "status").unwrap_or_default();
        Ok(done_units(&shipment.shipment_ref, &status))
    }

    async fn send_unit(
        &self,
        shipment: &ShipmentForExport,
        stage: Stage,
        _unit: &str,
    ) -> Result<(), MallError> {
        let body = match stage {
            Stage::Instructed => json!({
                "delivery_code": shipment.tracking_number,
                "status": uncertain::INSTRUCTED,
            }),
            Stage::Shipped => json!({
                "delivery_code": shipment.tracking_number,
                "shipment_date": shipment.ship_date.clone().unwrap_or_else(|| crate::time::today_jst().format("%Y-%m-%d").to_string()),
                "status": uncertain::SHIPPED,
            }),
        };
        let request = Request::new(
            super::http::Method::Patch,
            format!("{}/logistics/{}", self.api, shipment.shipment_ref),
        )
        .json(body)
        .idempotent(false);
        self.send(request).await?;
        if stage == Stage::Shipped && self.complete_order {
            self.complete_if_all_shipped(&shipment.mall_order_id)
                .await?;
        }
        Ok(())
    }
}

/// The seed's rules for Bカート: orders not in 新規受付 or キャンセル, placed
/// within 170 days; per logistics row 発送指示 with the 送り状番号, then
/// 発送済 once the 出荷日 has come (today included).
pub fn export_policy(_settings: &ShopSettings) -> ExportPolicy {
    ExportPolicy {
        statuses: vec![
            Status::AwaitingPaymentBeforeShipping,
            Status::AwaitingShipment,
            Status::AwaitingPaymentAfterShipping,
            Status::Done,
            Status::OnHold,
        ],
        statuses_rule: "Bカートの書き出し条件（新規受付・キャンセル以外）",
        max_age_days: Some(uncertain::MAX_AGE_DAYS),
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
        after_send_fix: "Bカートの管理画面の出荷管理で送り状番号を直してください。",
    }
}
