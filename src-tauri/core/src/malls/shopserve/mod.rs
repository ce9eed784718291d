//! ショップサーブ's API client. Its specification is given to key holders
//! only: every wire detail is a guess kept in `uncertain` (and the body
//! format, JSON or XML in UTF-8 or CP932, in `wire`), so that whoever holds
//! the specification corrects it there. 受注取得 in windows of at most 7
//! days (integrators report the limit); each delivery a shipment; 発送情報の
//! 更新 per delivery (伝票番号, 配送会社, 出荷日), the order set to 発送済 with
//! its last delivery, only with a tracking number, read back before a resend.

mod connect;
pub mod mapping;
pub mod uncertain;
pub mod wire;
pub mod wizard;

use async_trait::async_trait;
use serde_json::{json, Value};

use super::http::{Auth, Http, HttpOptions, Method, Request};
use super::json::text;
use super::{
    api_base, ClientContext, ExportPolicy, FetchWindow, FetchedPage, KnownOrders, MallClient,
    MallError, ShipmentForExport, Stage, StageRule,
};
use crate::domain::{Mall, ShopSettings, Status};
use crate::secrets::Secrets;
use uncertain::fields as f;
use wire::{Charset, Codec};

pub use connect::SPEC;

pub const MALL: &str = "ショップサーブ";

/// Keyring keys: what the merchant types.
pub mod keys {
    pub const SHOP_ID: &str = "shop_id";
    pub const OPEN_KEY: &str = "open_key";
    pub const MANAGER_KEY: &str = "manager_key";
}

/// How a [`ShopserveClient`] is set up.
#[derive(Debug, Clone)]
pub struct ShopserveOptions {
    pub api_base: String,
    pub http: HttpOptions,
    pub codec: Codec,
    pub charset: Charset,
}

impl Default for ShopserveOptions {
    fn default() -> Self {
        ShopserveOptions {
            api_base: api_base(Mall::Shopserve, uncertain::API_BASE),
            http: HttpOptions::default(),
            codec: uncertain::CODEC,
            charset: uncertain::CHARSET,
        }
    }
}

pub struct ShopserveClient {
    shop_id: i64,
    secrets: Secrets,
    api: String,
    http: Http,
    codec: Codec,
    charset: Charset,
}

impl ShopserveClient {
    pub fn for_shop(ctx: &ClientContext) -> ShopserveClient {
        let options = ShopserveOptions::default();
        let http = Http::new(MALL, options.http.clone()).with_limiter(ctx.limiter.clone());
        ShopserveClient::build(ctx.shop.id, ctx.secrets.clone(), &options, http)
    }

    pub fn with_options(
        shop_id: i64,
        secrets: Secrets,
        options: ShopserveOptions,
    ) -> ShopserveClient {
        let http = Http::new(MALL, options.http.clone()).with_limits(uncertain::LIMITS);
        ShopserveClient::build(shop_id, secrets, &options, http)
    }

    fn build(
        shop_id: i64,
        secrets: Secrets,
        options: &ShopserveOptions,
        http: Http,
    ) -> ShopserveClient {
        ShopserveClient {
            shop_id,
            secrets,
            api: options.api_base.trim_end_matches('/').to_string(),
            http,
            codec: options.codec,
            charset: options.charset,
        }
    }

    fn secret(&self, key: &str, label: &str) -> Result<String, MallError> {
        super::credential(&self.secrets, self.shop_id, MALL, key, label)
    }

    fn auth(&self) -> Result<Auth, MallError> {
        let shop = self.secret(keys::SHOP_ID, "ショップID")?;
        let key = self.secret(keys::MANAGER_KEY, "マネジャー認証キー")?;
        Ok(if uncertain::AUTH_IS_BASIC {
            Auth::Basic {
                user: shop,
                password: Some(key),
            }
        } else {
            Auth::Header {
                name: "X-Manager-Key".into(),
                value: key,
            }
        })
    }

    /// One call; its answer decoded, or the mall's error in the merchant's words.
    async fn send(&self, request: Request) -> Result<Value, MallError> {
        let accept = match self.codec {
            Codec::Json => "application/json",
            Codec::Xml => "application/xml",
        };
        let request = request
            .auth(self.auth()?)
            .header("Accept", accept)
            .expect_json(self.codec == Codec::Json);
        let reply = self.http.send(&request).await?;
        let body = wire::decode(&reply.body, reply.content_type.as_deref(), self.charset);
        let ok = (200..300).contains(&reply.status);
        match body {
            Ok(v) if ok && text(&v, f::RESULT).as_deref() != Some("error") => Ok(v),
            Ok(v) => Err(error_of(reply.status, &v)),
            Err(detail) => Err(MallError::Malformed {
                mall: MALL,
                detail: format!("HTTP {}: {detail}", reply.status),
            }),
        }
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, MallError> {
        self.send(Request::get(format!("{}{path}", self.api)).query(query))
            .await
    }

    /// One window's orders (at most 7 days), page by page.
    async fn search(
        &self,
        from: i64,
        to: i64,
        sink: &mut (dyn FnMut(Vec<Value>) -> Result<(), MallError> + Send),
    ) -> Result<(), MallError> {
        let bound = |t: i64| {
            crate::time::jst(t)
                .format(uncertain::TIME_FORMAT)
                .to_string()
        };
        let mut page = 1usize;
        let mut read = 0usize;
        loop {
            let answer = self
                .get(
                    uncertain::ORDERS_PATH,
                    &[
                        ("from", bound(from)),
                        ("to", bound(to)),
                        ("page", page.to_string()),
                        ("limit", uncertain::PAGE_LIMIT.to_string()),
                    ],
                )
                .await?;
            let total = super::json::int(&answer, f::TOTAL).unwrap_or(0).max(0) as usize;
            let rows = super::json::list(&answer, f::ORDERS);
            let n = rows.len();
            read += n;
            sink(rows)?;
            if n == 0 || read >= total {
                return Ok(());
            }
            page += 1;
        }
    }

    /// The order as ショップサーブ has it now (the read-back).
    async fn order_now(&self, order_no: &str) -> Result<Value, MallError> {
        let answer = self
            .get(&format!("{}/{order_no}", uncertain::ORDERS_PATH), &[])
            .await?;
        answer
            .get(f::ORDER)
            .cloned()
            .ok_or_else(|| MallError::Malformed {
                mall: MALL,
                detail: "受注のない応答です".into(),
            })
    }
}

/// An error answer (`{result: error, errors: [{code, message}]}`, any codec).
fn error_of(status: u16, body: &Value) -> MallError {
    let first = super::json::list(body, f::ERRORS)
        .into_iter()
        .next()
        .unwrap_or(Value::Null);
    let code = text(&first, f::CODE).unwrap_or_else(|| format!("HTTP {status}"));
    let message = text(&first, f::MESSAGE).unwrap_or_default();
    match (status, code.as_str()) {
        (_, uncertain::CODE_OPEN_KEY) => MallError::BadClient {
            mall: MALL,
            detail: format!("{code} {message}"),
            fix: "オープン認証キーが入力されています。受注の取得には、ショップサーブの管理画面［サーバー → ショップサーブAPI］の「マネジャー認証キー」を入力してください。",
        },
        (401, _) | (_, uncertain::CODE_UNAUTHORIZED) => MallError::Unauthorized {
            mall: MALL,
            detail: format!("{code} {message}"),
            fix: "ショップIDかマネジャー認証キーが正しくありません。キーを再発行した場合は、新しいキーを「編集」で入力し直してください。",
        },
        (503, _) | (_, uncertain::CODE_MAINTENANCE) => MallError::Maintenance { mall: MALL },
        _ => MallError::Refused {
            mall: MALL,
            code,
            message: if message.is_empty() {
                "理由は示されませんでした。".into()
            } else {
                message
            },
        },
    }
}

/// The unit of a delivery.
fn unit(delivery_no: &str) -> String {
    format!("ship:{delivery_no}")
}

/// Is `no` the order's last delivery (the one whose row also sets 発送済)?
fn is_last(raw: &Value, no: &str) -> bool {
    let last = mapping::deliveries(raw)
        .iter()
        .filter_map(|d| super::json::int(d, f::DELIVERY_NO))
        .max();
    match (last, no.parse::<i64>()) {
        (Some(last), Ok(n)) => n >= last,
        _ => true,
    }
}

/// What the order (as the mall has it) already holds of what Juchu sends.
fn done_units(order: &Value, shipment: &ShipmentForExport) -> Vec<String> {
    let shipped = text(order, f::SHIPPING_STATUS).as_deref() == Some(uncertain::SHIPPED);
    let has_ours = mapping::delivery(order, &shipment.shipment_ref)
        .and_then(|d| text(&d, f::TRACKING_NO))
        .is_some_and(|t| t.replace('-', "") == shipment.tracking_number);
    let last = is_last(order, &shipment.shipment_ref);
    if shipped || (has_ours && !last) {
        vec![unit(&shipment.shipment_ref)]
    } else {
        Vec::new()
    }
}

#[async_trait]
impl MallClient for ShopserveClient {
    fn mall(&self) -> Mall {
        Mall::Shopserve
    }

    fn calls(&self) -> u32 {
        self.http.calls()
    }

    async fn test_connection(&self) -> Result<(), MallError> {
        let now = self.http.now();
        self.search(now - 86_400, now, &mut |_| Ok(())).await
    }

    async fn fetch(
        &self,
        window: FetchWindow,
        known: &KnownOrders,
        sink: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError> {
        let oldest = self.http.now() - uncertain::MAX_AGE_DAYS * 86_400 + 60;
        let mut from = window.from.max(oldest);
        while from <= window.to {
            let to = (from + uncertain::WINDOW_DAYS * 86_400 - 1).min(window.to);
            self.search(from, to, &mut |rows| {
                let mut page = FetchedPage::default();
                for o in &rows {
                    let order = mapping::to_incoming(o)?;
                    let same = order.mall_modified.is_some()
                        && known.get(&order.mall_order_id) == order.mall_modified.as_ref();
                    if same {
                        page.unchanged.push(order.mall_order_id);
                    } else {
                        page.orders.push(order);
                    }
                }
                sink(page);
                Ok(())
            })
            .await?;
            from = to + 1;
        }
        Ok(())
    }

    fn shipment_units(&self, shipment: &ShipmentForExport, _stage: Stage) -> Vec<String> {
        if mapping::delivery(&shipment.raw, &shipment.shipment_ref).is_none() {
            return Vec::new();
        }
        vec![unit(&shipment.shipment_ref)]
    }

    fn units_done_on_mall(&self, shipment: &ShipmentForExport, _stage: Stage) -> Vec<String> {
        done_units(&shipment.raw, shipment)
    }

    async fn shipped_units(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
    ) -> Result<Vec<String>, MallError> {
        let order = self.order_now(&shipment.mall_order_id).await?;
        Ok(done_units(&order, shipment))
    }

    async fn send_unit(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
        _unit: &str,
    ) -> Result<(), MallError> {
        let mut row = json!({
            f::ORDER_NO: shipment.mall_order_id,
            f::DELIVERY_NO: shipment.shipment_ref.parse::<i64>().unwrap_or(1),
            f::TRACKING_NO: shipment.tracking_number,
            f::CARRIER_CODE: uncertain::carrier_code(shipment.carrier),
            f::SHIP_DATE: shipment.ship_date.clone().unwrap_or_else(|| crate::time::today_jst().format(uncertain::DATE_FORMAT).to_string()),
        });
        if is_last(&shipment.raw, &shipment.shipment_ref) {
            row[f::SHIPPING_STATUS] = json!(uncertain::SHIPPED);
        }
        let (body, content_type) =
            wire::encode(self.codec, self.charset, &json!({ f::ORDERS: [row] }));
        let request = Request::new(
            Method::Post,
            format!("{}{}", self.api, uncertain::UPDATE_PATH),
        )
        .raw(&content_type, body)
        .idempotent(false);
        let answer = self.send(request).await?;
        let result = super::json::list(&answer, f::RESULTS)
            .into_iter()
            .next()
            .unwrap_or(Value::Null);
        if text(&result, f::RESULT).as_deref() == Some("error") {
            return Err(error_of(200, &result));
        }
        Ok(())
    }
}

/// ショップサーブ's rules (the seed and the integrators): only a delivery with
/// a tracking number (a carrier without one is refused); 伝票番号, 配送会社
/// and 出荷日, the order 発送済 with its last delivery, once the 出荷日 has come.
pub fn export_policy(_settings: &ShopSettings) -> ExportPolicy {
    ExportPolicy {
        statuses: vec![
            Status::AwaitingShipment,
            Status::AwaitingPaymentAfterShipping,
            Status::Done,
        ],
        statuses_rule: "ショップサーブの書き出し条件（発送待ち・発送後入金待ち・処理済）",
        max_age_days: None,
        stages: vec![StageRule {
            stage: Stage::Shipped,
            waits_for_ship_date: true,
        }],
        after_send_fix: "ショップサーブの店舗運営Webアプリの受注管理で伝票番号を直してください。",
    }
}
