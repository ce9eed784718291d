//! MakeShop's GraphQL API client (`shared/malls/makeshop.md` 1b): the 永続
//! トークン, the APIキー and a fresh `x-timestamp` on every request, one
//! request a second for the shop; 受注取得 through `searchOrder` over the
//! order-date window, read until `searchedCount` orders have come (pages may
//! be cut short); each `deliveryInfos[]` row a shipment; 発送情報の更新 per
//! delivery in two calls (送り状番号 + 配送会社コード, then 配送完了),
//! journalled apart.

mod connect;
pub mod graphql;
pub mod mapping;
mod paging;
pub mod uncertain;
pub mod wizard;

use std::collections::BTreeMap;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::{json, Value};

use super::http::{Http, HttpOptions, Request};
use super::json::text;
use super::slip;
use super::{
    api_base, ClientContext, ExportPolicy, FetchWindow, FetchedPage, KnownOrders, MallClient,
    MallError, ShipmentForExport, Stage, StageRule,
};
use crate::domain::{Carrier, Mall, MallSettings, ShopSettings, Status};
use crate::secrets::Secrets;

pub use connect::SPEC;

pub const MALL: &str = "MakeShop";

/// Keyring keys: what the merchant types.
pub mod keys {
    pub const ACCESS_TOKEN: &str = "access_token";
    pub const API_KEY: &str = "api_key";
}

/// How a [`MakeshopClient`] is set up.
#[derive(Debug, Clone)]
pub struct MakeshopOptions {
    /// The GraphQL endpoint (the shop's setting; `JUCHU_API_BASE_MAKESHOP`
    /// points tests and the demo at the fake).
    pub endpoint: String,
    pub http: HttpOptions,
    /// The merchant's 配送会社コード by `Carrier::code` (the rest: the table).
    pub carrier_codes: BTreeMap<String, String>,
}

impl Default for MakeshopOptions {
    fn default() -> Self {
        MakeshopOptions {
            endpoint: api_base(Mall::Makeshop, uncertain::ENDPOINT),
            http: HttpOptions::default(),
            carrier_codes: BTreeMap::new(),
        }
    }
}

pub struct MakeshopClient {
    shop_id: i64,
    secrets: Secrets,
    endpoint: String,
    http: Http,
    carrier_codes: BTreeMap<String, String>,
}

/// A rate-limit answer is met by waiting this long and asking again (at
/// most [`RATE_LIMIT_TRIES`] times): MakeShop refuses before it executes.
const RATE_LIMIT_WAIT: Duration = Duration::from_millis(1100);
const RATE_LIMIT_TRIES: u32 = 3;

impl MakeshopClient {
    pub fn for_shop(ctx: &ClientContext) -> MakeshopClient {
        let mut options = MakeshopOptions::default();
        if let MallSettings::Makeshop(m) = &ctx.shop.settings.mall {
            let endpoint = if m.endpoint.is_empty() {
                uncertain::ENDPOINT
            } else {
                &m.endpoint
            };
            options.endpoint = api_base(Mall::Makeshop, endpoint);
            options.carrier_codes = m.carrier_codes.clone();
        }
        let http = Http::new(MALL, options.http.clone()).with_limiter(ctx.limiter.clone());
        MakeshopClient::build(ctx.shop.id, ctx.secrets.clone(), options, http)
    }

    pub fn with_options(
        shop_id: i64,
        secrets: Secrets,
        options: MakeshopOptions,
    ) -> MakeshopClient {
        let http = Http::new(MALL, options.http.clone()).with_limits(uncertain::LIMITS);
        MakeshopClient::build(shop_id, secrets, options, http)
    }

    fn build(
        shop_id: i64,
        secrets: Secrets,
        options: MakeshopOptions,
        http: Http,
    ) -> MakeshopClient {
        MakeshopClient {
            shop_id,
            secrets,
            endpoint: options.endpoint,
            http,
            carrier_codes: options.carrier_codes,
        }
    }

    fn secret(&self, key: &str, label: &str) -> Result<String, MallError> {
        super::credential(&self.secrets, self.shop_id, MALL, key, label)
    }

    /// One GraphQL operation; `data.<operation>` of its answer. A read is
    /// retried on 5xx, timeouts and unreadable bodies (an HTML page is never
    /// read as zero orders); any operation is asked again after a rate-limit
    /// answer, which MakeShop gives before executing anything.
    async fn call(
        &self,
        query: &str,
        operation: &str,
        variables: Value,
        read: bool,
    ) -> Result<Value, MallError> {
        let token = self.secret(keys::ACCESS_TOKEN, "永続トークン")?;
        let api_key = self.secret(keys::API_KEY, "APIキー")?;
        let body = json!({"query": query, "variables": variables, "operationName": operation});
        let mut tries = 0;
        loop {
            tries += 1;
            let request = Request::post(self.endpoint.clone())
                .json(body.clone())
                .bearer(Some(&token))
                .header("x-api-key", api_key.clone())
                // Valid for an hour: a fresh one on every request.
                .header("x-timestamp", self.http.now().to_string())
                .idempotent(read)
                .expect_json(true);
            let reply = self.http.send(&request).await?;
            if !(200..300).contains(&reply.status) {
                return Err(http_error(reply.status, &reply.text(encoding_rs::UTF_8)));
            }
            match graphql::data_of(&reply.json(MALL)?, operation) {
                Err(MallError::RateLimited { .. }) if tries < RATE_LIMIT_TRIES => {
                    tokio::time::sleep(RATE_LIMIT_WAIT).await;
                }
                other => return other,
            }
        }
    }

    /// One page of `searchOrder` over an order-date window (JST, inclusive).
    async fn search(
        &self,
        from: i64,
        to: i64,
        page: usize,
        limit: usize,
    ) -> Result<Value, MallError> {
        let bound = |t: i64| {
            crate::time::jst(t)
                .format(uncertain::SEARCH_TIME_FORMAT)
                .to_string()
        };
        self.call(
            graphql::SEARCH_ORDER,
            "searchOrder",
            json!({"input": {
                "startOrderDate": bound(from),
                "endOrderDate": bound(to),
                "sortOrder": "ASC",
                "page": page,
                "limit": limit,
            }}),
            true,
        )
        .await
    }

    /// Every order of a window, page by page, each order handed over once.
    async fn search_all(
        &self,
        from: i64,
        to: i64,
        sink: &mut (dyn FnMut(Vec<Value>) + Send),
    ) -> Result<(), MallError> {
        let mut pages = paging::Pages::new(uncertain::PAGE_LIMIT);
        while let Some((page, limit)) = pages.next_request() {
            let data = self.search(from, to, page, limit).await?;
            let total = data
                .get("searchedCount")
                .and_then(super::json::int_value)
                .ok_or_else(|| MallError::Malformed {
                    mall: MALL,
                    detail: "searchedCount のない応答です".into(),
                })?;
            let rows = data
                .get("orders")
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| MallError::Malformed {
                    mall: MALL,
                    detail: "orders のない応答です".into(),
                })?;
            let ids: Vec<String> = rows
                .iter()
                .map(|o| text(o, "displayOrderNumber").unwrap_or_default())
                .collect();
            let fresh = pages.landed(&ids, usize::try_from(total).unwrap_or(0));
            sink(
                rows.into_iter()
                    .zip(fresh)
                    .filter_map(|(o, new)| new.then_some(o))
                    .collect(),
            );
        }
        Ok(())
    }

    /// The order as MakeShop has it now (the read-back), found by its
    /// number around its order date.
    async fn order_now(&self, shipment: &ShipmentForExport) -> Result<Value, MallError> {
        let at = text(&shipment.raw, "orderDate")
            .as_deref()
            .and_then(mapping::order_time)
            .ok_or_else(|| MallError::Malformed {
                mall: MALL,
                detail: format!(
                    "注文 {} の注文日時が保存されていません",
                    shipment.mall_order_id
                ),
            })?;
        let mut found = None;
        self.search_all(at - 60, at + 60, &mut |rows| {
            if found.is_none() {
                found = rows.into_iter().find(|o| {
                    text(o, "displayOrderNumber").as_deref()
                        == Some(shipment.mall_order_id.as_str())
                });
            }
        })
        .await?;
        found.ok_or_else(|| MallError::Malformed {
            mall: MALL,
            detail: format!(
                "注文 {} が MakeShop で見つかりません",
                shipment.mall_order_id
            ),
        })
    }

    fn carrier_code(&self, carrier: Carrier) -> String {
        self.carrier_codes
            .get(carrier.code())
            .cloned()
            .unwrap_or_else(|| uncertain::carrier_code(carrier).to_string())
    }

    /// A batch mutation's answer: a row `message` that is not null is that
    /// row's failure.
    fn row_failure(rows: Option<&Value>, operation: &str) -> Result<(), MallError> {
        let failed = rows
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find_map(|r| text(r, "message"));
        match failed {
            None => Ok(()),
            Some(message) => Err(MallError::Refused {
                mall: MALL,
                code: operation.to_string(),
                message,
            }),
        }
    }
}

/// A non-2xx answer (the gateway's, before GraphQL).
fn http_error(status: u16, body: &str) -> MallError {
    match status {
        401 | 403 => MallError::Unauthorized {
            mall: MALL,
            detail: format!("HTTP {status}"),
            fix: "永続トークンと APIキー、エンドポイントの URL を MakeShop の管理画面（アプリ管理 / API利用設定）で確かめ、「編集」で入力し直してください。",
        },
        404 => MallError::BadSetting {
            mall: MALL,
            key: "エンドポイント".into(),
            reason: "この URL に MakeShop の API がありません（HTTP 404）。MakeShop から届いたメールの URL と同じか確かめてください。".into(),
        },
        _ => MallError::Refused {
            mall: MALL,
            code: format!("HTTP {status}"),
            message: body.chars().take(200).collect(),
        },
    }
}

/// A unit: one of the two calls of a delivery.
fn unit(kind: &str, delivery_id: &str) -> String {
    format!("{kind}:{delivery_id}")
}

const SLIP: &str = "slip";
const DONE: &str = "done";

/// What a delivery (as MakeShop has it) already holds of what Juchu sends.
fn done_units(delivery: &Value, shipment: &ShipmentForExport) -> Vec<String> {
    let id = &shipment.shipment_ref;
    let letter = text(delivery, "deliveryStatus").unwrap_or_default();
    if letter == uncertain::DELIVERED {
        return vec![unit(SLIP, id), unit(DONE, id)];
    }
    match slip::read(
        text(delivery, "slipNumber").as_deref(),
        letter == uncertain::CANCELLED,
    ) {
        slip::Slip::Tracking(t) if t == shipment.tracking_number => vec![unit(SLIP, id)],
        _ => Vec::new(),
    }
}

#[async_trait]
impl MallClient for MakeshopClient {
    fn mall(&self) -> Mall {
        Mall::Makeshop
    }

    fn calls(&self) -> u32 {
        self.http.calls()
    }

    /// `searchOrder`, then both mutations with nothing in them: a denied
    /// operation is named now rather than at the first 発送情報の更新
    /// (`uncertain::EMPTY_MUTATION_PROBES_PERMISSION`).
    async fn test_connection(&self) -> Result<(), MallError> {
        let now = self.http.now();
        self.search(now - 86_400, now, 1, 1).await?;
        let probes = [
            (
                graphql::UPDATE_ORDER_ATTRIBUTE,
                "updateOrderAttribute",
                json!({"input": {"updateOrderAttributes": []}}),
            ),
            (
                graphql::UPDATE_ORDER_DELIVERY_STATUS,
                "updateOrderDeliveryStatus",
                json!({"input": {"updateOrderDeliveryStatusRequests": []}}),
            ),
        ];
        if uncertain::EMPTY_MUTATION_PROBES_PERMISSION {
            for (query, operation, variables) in probes {
                match self.call(query, operation, variables, false).await {
                    Ok(_) | Err(MallError::Refused { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    }

    async fn fetch(
        &self,
        window: FetchWindow,
        _known: &KnownOrders,
        sink: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError> {
        let mut failed = None;
        self.search_all(window.from, window.to, &mut |rows| {
            if failed.is_some() {
                return;
            }
            match rows.iter().map(mapping::to_incoming).collect() {
                Ok(orders) => sink(FetchedPage {
                    orders,
                    unchanged: Vec::new(),
                }),
                Err(e) => failed = Some(e),
            }
        })
        .await?;
        failed.map_or(Ok(()), Err)
    }

    fn shipment_units(&self, shipment: &ShipmentForExport, _stage: Stage) -> Vec<String> {
        if mapping::delivery(&shipment.raw, &shipment.shipment_ref).is_none() {
            return Vec::new();
        }
        vec![
            unit(SLIP, &shipment.shipment_ref),
            unit(DONE, &shipment.shipment_ref),
        ]
    }

    fn units_done_on_mall(&self, shipment: &ShipmentForExport, _stage: Stage) -> Vec<String> {
        mapping::delivery(&shipment.raw, &shipment.shipment_ref)
            .map(|d| done_units(&d, shipment))
            .unwrap_or_default()
    }

    async fn shipped_units(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
    ) -> Result<Vec<String>, MallError> {
        let order = self.order_now(shipment).await?;
        Ok(mapping::delivery(&order, &shipment.shipment_ref)
            .map(|d| done_units(&d, shipment))
            .unwrap_or_default())
    }

    async fn send_unit(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
        unit: &str,
    ) -> Result<(), MallError> {
        let delivery_id: i64 = shipment
            .shipment_ref
            .parse()
            .map_err(|_| MallError::Malformed {
                mall: MALL,
                detail: format!(
                    "配送先の番号「{}」が数字ではありません",
                    shipment.shipment_ref
                ),
            })?;
        if unit.starts_with(SLIP) {
            let data = self
                .call(
                    graphql::UPDATE_ORDER_ATTRIBUTE,
                    "updateOrderAttribute",
                    json!({"input": {"updateOrderAttributes": [{
                        "displayOrderNumber": shipment.mall_order_id,
                        "deliveryRequestInfos": [{
                            "deliveryId": delivery_id,
                            "slipNumber": shipment.tracking_number,
                            "deliveryCompanyCode": self.carrier_code(shipment.carrier),
                        }],
                    }]}}),
                    false,
                )
                .await?;
            Self::row_failure(
                data.get("updateOrderAttributeResults"),
                "updateOrderAttribute",
            )
        } else {
            let data = self
                .call(
                    graphql::UPDATE_ORDER_DELIVERY_STATUS,
                    "updateOrderDeliveryStatus",
                    json!({"input": {"updateOrderDeliveryStatusRequests": [{
                        "displayOrderNumber": shipment.mall_order_id,
                        "deliveryId": delivery_id,
                        "deliveryStatus": uncertain::COMPLETED,
                    }]}}),
                    false,
                )
                .await?;
            Self::row_failure(
                data.get("updateOrderDeliveryStatusResults"),
                "updateOrderDeliveryStatus",
            )
        }
    }
}

/// MakeShop's rules: a delivery with a 伝票番号 and a carrier, not cancelled,
/// not already 配送完了; the 送り状番号 with the carrier's code, then 配送完了
/// once the 出荷日 has come (it may tell the buyer).
pub fn export_policy(_settings: &ShopSettings) -> ExportPolicy {
    ExportPolicy {
        statuses: vec![
            Status::AwaitingShipment,
            Status::AwaitingPaymentAfterShipping,
            Status::Done,
        ],
        statuses_rule: "MakeShopの書き出し条件（発送待ち・発送後入金待ち・処理済）",
        max_age_days: None,
        stages: vec![StageRule {
            stage: Stage::Shipped,
            waits_for_ship_date: true,
        }],
        after_send_fix: "MakeShopの管理画面の受注詳細で伝票番号と配送状況を直してください。",
    }
}
