//! Qoo10's QAPI client (`shared/malls/qoo10.md`): the 販売認証キー issued from
//! the merchant's API key and QSM login and issued again by itself when it
//! expires, 受注取得 through GetShippingInfo_v2 per chosen status and per
//! window of at most 89 days, one Juchu order per pack, and 発送情報の更新
//! through SetSendingInfo once per OrderNo of the pack.

mod connect;
pub mod envelope;
pub mod mapping;
pub mod row;
pub mod uncertain;
pub mod wizard;

use async_trait::async_trait;
use serde_json::Value;

use super::http::{Http, HttpOptions, Request};
use super::{
    api_base, ClientContext, ExportPolicy, FetchWindow, FetchedPage, KnownOrders, MallClient,
    MallError, ShipmentForExport, Stage, StageRule,
};
use crate::domain::{Mall, ShopSettings, Status};
use crate::secrets::Secrets;
use envelope::{Refusal, MALL};

pub use connect::SPEC;

/// The real gateway (qoo10.md A1).
pub const QAPI_BASE: &str = "https://api.qoo10.jp/GMKT.INC.Front.QAPIService/ebayjapan.qapi";

/// Keyring keys: what the merchant types, and the key Juchu obtains.
pub mod keys {
    pub const USER_ID: &str = "user_id";
    pub const PASSWORD: &str = "password";
    pub const API_KEY: &str = "api_key";
    pub const CERTIFICATION_KEY: &str = "certification_key";
    /// UNIX seconds the certification key was issued (its age on the shop list).
    pub const CERTIFICATION_ISSUED_AT: &str = "certification_issued_at";
}

/// How a [`Qoo10Client`] is set up.
#[derive(Debug, Clone)]
pub struct Qoo10Options {
    pub api_base: String,
    pub http: HttpOptions,
    /// `ShippingStat`s 受注取得 asks for (2 配送要請, 3 配送準備 by default).
    pub statuses: Vec<u8>,
    /// The merchant's `ShippingCorp` names by `Carrier::code` (the rest: the table).
    pub shipping_corps: std::collections::BTreeMap<String, String>,
}

impl Default for Qoo10Options {
    fn default() -> Self {
        Qoo10Options {
            api_base: api_base(Mall::Qoo10, QAPI_BASE),
            http: HttpOptions::default(),
            statuses: vec![2, 3],
            shipping_corps: std::collections::BTreeMap::new(),
        }
    }
}

/// The statuses a shop fetches (Qoo10取得ステータス).
pub fn statuses_of(settings: &ShopSettings) -> Vec<u8> {
    match &settings.mall {
        crate::domain::MallSettings::Qoo10(q) => {
            let mut s = Vec::new();
            if q.fetch_on_request {
                s.push(2);
            }
            if q.fetch_seller_confirm {
                s.push(3);
            }
            s
        }
        _ => vec![2, 3],
    }
}

pub struct Qoo10Client {
    shop_id: i64,
    secrets: Secrets,
    api: String,
    http: Http,
    statuses: Vec<u8>,
    shipping_corps: std::collections::BTreeMap<String, String>,
    key_lock: tokio::sync::Mutex<()>,
}

impl Qoo10Client {
    pub fn for_shop(ctx: &ClientContext) -> Qoo10Client {
        let shipping_corps = match &ctx.shop.settings.mall {
            crate::domain::MallSettings::Qoo10(q) => q.shipping_corps.clone(),
            _ => Default::default(),
        };
        let options = Qoo10Options {
            statuses: statuses_of(&ctx.shop.settings),
            shipping_corps,
            ..Qoo10Options::default()
        };
        let http = Http::new(MALL, options.http.clone()).with_limiter(ctx.limiter.clone());
        Qoo10Client::build(ctx.shop.id, ctx.secrets.clone(), &options, http)
    }

    pub fn with_options(shop_id: i64, secrets: Secrets, options: Qoo10Options) -> Qoo10Client {
        let http = Http::new(MALL, options.http.clone()).with_limits(uncertain::LIMITS);
        Qoo10Client::build(shop_id, secrets, &options, http)
    }

    fn build(shop_id: i64, secrets: Secrets, options: &Qoo10Options, http: Http) -> Qoo10Client {
        Qoo10Client {
            shop_id,
            secrets,
            api: options.api_base.trim_end_matches('/').to_string(),
            http,
            statuses: options.statuses.clone(),
            shipping_corps: options.shipping_corps.clone(),
            key_lock: tokio::sync::Mutex::new(()),
        }
    }

    fn secret(&self, key: &str) -> Result<Option<String>, MallError> {
        self.secrets
            .get(self.shop_id, key)
            .map(|v| v.filter(|s| !s.trim().is_empty()))
            .map_err(|e| MallError::keyring(MALL, e))
    }

    fn typed(&self) -> Result<(String, String, String), MallError> {
        let need = |k: &str, label: &str| {
            self.secret(k)?
                .ok_or_else(|| MallError::MissingCredentials {
                    mall: MALL,
                    missing: label.to_string(),
                })
        };
        Ok((
            need(keys::USER_ID, "販売者アカウントID")?,
            need(keys::PASSWORD, "販売者アカウントパスワード")?,
            need(keys::API_KEY, "APIキー")?,
        ))
    }

    /// One QAPI call with `key` as `GiosisCertificationKey`.
    async fn post(
        &self,
        method: &str,
        key: &str,
        form: &[(&str, String)],
    ) -> Result<Result<Value, Refusal>, MallError> {
        let mut body: Vec<(&str, String)> = vec![("returnType", "application/json".into())];
        body.extend(form.iter().cloned());
        let request = Request::post(format!("{}/{method}", self.api))
            .header("GiosisCertificationKey", key)
            .header("QAPIVersion", "1.0")
            .form(&body)
            .idempotent(method.starts_with("ShippingBasic.Get"))
            .expect_json(true);
        let reply = self.http.send(&request).await?;
        envelope::read(&reply.json(MALL)?)
    }

    /// Issues a 販売認証キー (CreateCertificationKey: the API key in the
    /// header, the QSM login in the body) and keeps it in the keyring.
    async fn issue_key(&self) -> Result<String, MallError> {
        let (user, password, api_key) = self.typed()?;
        let answer = self
            .post(
                "CertificationAPI.CreateCertificationKey",
                &api_key,
                &[("user_id", user), ("pwd", password)],
            )
            .await?
            .map_err(envelope::to_error)?;
        let key = answer
            .as_str()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .ok_or_else(|| MallError::Malformed {
                mall: MALL,
                detail: "販売認証キーが返ってきません".into(),
            })?
            .to_string();
        let keep = |k: &str, v: &str| {
            self.secrets
                .set(self.shop_id, k, v)
                .map_err(|e| MallError::keyring(MALL, e))
        };
        keep(keys::CERTIFICATION_KEY, &key)?;
        keep(keys::CERTIFICATION_ISSUED_AT, &self.http.now().to_string())?;
        Ok(key)
    }

    /// The stored key, or a new one; with `stale`, a new one unless another
    /// call renewed it meanwhile.
    async fn key(&self, stale: Option<&str>) -> Result<String, MallError> {
        let _one_at_a_time = self.key_lock.lock().await;
        match self.secret(keys::CERTIFICATION_KEY)? {
            Some(k) if Some(k.as_str()) != stale => Ok(k),
            _ => self.issue_key().await,
        }
    }

    /// A call with the shop's key; an expired key is renewed once and the
    /// call made again (qoo10.md A1: -90004 / -90005).
    async fn call(&self, method: &str, form: &[(&str, String)]) -> Result<Value, MallError> {
        let key = self.key(None).await?;
        match self.post(method, &key, form).await? {
            Ok(v) => Ok(v),
            Err(r) if uncertain::EXPIRED_CODES.contains(&r.code) => {
                let fresh = self.key(Some(&key)).await?;
                self.post(method, &fresh, form)
                    .await?
                    .map_err(envelope::to_error)
            }
            Err(r) => Err(envelope::to_error(r)),
        }
    }

    /// GetShippingInfo_v2 rows of one status over a window, in windows of
    /// at most [`uncertain::WINDOW_DAYS`].
    async fn rows(&self, status: u8, window: FetchWindow) -> Result<Vec<Value>, MallError> {
        let params = [
            ("ShippingStat", status.to_string()),
            (
                "search_condition",
                uncertain::SEARCH_BY_ORDER_DATE.to_string(),
            ),
        ];
        self.windowed("ShippingBasic.GetShippingInfo_v2", &params, window)
            .await
    }

    /// The cancelled lines of a window (GetClaimInfo_V3).
    async fn cancelled_rows(&self, window: FetchWindow) -> Result<Vec<Value>, MallError> {
        let params = [
            ("ClaimStat", uncertain::CLAIM_STAT_CANCELLED.to_string()),
            (
                "search_condition",
                uncertain::CLAIM_SEARCH_CONDITION.to_string(),
            ),
        ];
        self.windowed("ShippingBasic.GetClaimInfo_V3", &params, window)
            .await
    }

    /// One search method over a window cut into windows of at most
    /// [`uncertain::WINDOW_DAYS`]; an empty answer is no rows.
    async fn windowed(
        &self,
        method: &str,
        params: &[(&str, String)],
        window: FetchWindow,
    ) -> Result<Vec<Value>, MallError> {
        let mut out = Vec::new();
        let mut from = window.from;
        while from <= window.to {
            let to = (from + uncertain::WINDOW_DAYS * 86_400 - 1).min(window.to);
            let mut form = params.to_vec();
            form.push(("search_Sdate", stamp(from)));
            form.push(("search_Edate", stamp(to)));
            let answer = self.call(method, &form).await?;
            match answer {
                Value::Array(rows) => out.extend(rows),
                Value::Null => {}
                _ => {
                    return Err(MallError::Malformed {
                        mall: MALL,
                        detail: "注文の一覧が配列ではありません".into(),
                    })
                }
            }
            from = to + 1;
        }
        Ok(out)
    }
}

impl Qoo10Client {
    /// 発注確認 with Qoo10's 発送予定日 (SetSellerCheckYN_V2: qoo10.md A3.1) for
    /// one OrderNo; the order moves from 配送要請 to 配送準備.
    pub async fn set_ship_plan(
        &self,
        order_no: &str,
        date: chrono::NaiveDate,
        reason: u8,
        memo: &str,
    ) -> Result<(), MallError> {
        self.call(
            "ShippingBasic.SetSellerCheckYN_V2",
            &[
                ("OrderNo", order_no.to_string()),
                ("EstShipDt", date.format("%Y%m%d").to_string()),
                ("DelayType", reason.to_string()),
                ("DelayMemo", memo.to_string()),
            ],
        )
        .await
        .map(|_| ())
    }

    /// The `ShippingCorp` name Qoo10 gets for a carrier: the shop's, or the table's.
    fn corp(&self, carrier: crate::domain::Carrier) -> String {
        self.shipping_corps
            .get(carrier.code())
            .cloned()
            .unwrap_or_else(|| uncertain::shipping_corp(carrier).to_string())
    }
}

/// `yyyyMMddHHmmss` in JST.
fn stamp(unix: i64) -> String {
    crate::time::jst(unix).format("%Y%m%d%H%M%S").to_string()
}

#[async_trait]
impl MallClient for Qoo10Client {
    fn mall(&self) -> Mall {
        Mall::Qoo10
    }

    fn calls(&self) -> u32 {
        self.http.calls()
    }

    async fn test_connection(&self) -> Result<(), MallError> {
        let now = self.http.now();
        self.rows(
            2,
            FetchWindow {
                from: now - 86_400,
                to: now,
            },
        )
        .await
        .map(|_| ())
    }

    async fn fetch(
        &self,
        window: FetchWindow,
        _known: &KnownOrders,
        sink: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError> {
        let mut rows = Vec::new();
        for status in &self.statuses {
            rows.extend(self.rows(*status, window).await?);
        }
        let mut orders = Vec::new();
        for (pack, lines) in mapping::packs(&rows) {
            orders.push(mapping::to_incoming(&pack, &lines)?);
        }
        // A pack whose every line was cancelled is gone from the lists above:
        // it comes back as cancelled, for the merge to move it to キャンセル.
        for (pack, lines) in mapping::packs(&self.cancelled_rows(window).await?) {
            if orders.iter().any(|o| o.mall_order_id == pack) {
                continue;
            }
            let mut o = mapping::to_incoming(&pack, &lines)?;
            o.mall_state = crate::domain::MallState::Cancelled;
            orders.push(o);
        }
        sink(FetchedPage {
            orders,
            unchanged: Vec::new(),
        });
        Ok(())
    }

    fn shipment_units(&self, shipment: &ShipmentForExport, stage: Stage) -> Vec<String> {
        match stage {
            Stage::Shipped => mapping::order_nos(&shipment.raw),
            Stage::Instructed => Vec::new(),
        }
    }

    fn units_done_on_mall(&self, shipment: &ShipmentForExport, stage: Stage) -> Vec<String> {
        match stage {
            Stage::Shipped => mapping::shipped_order_nos(&shipment.raw),
            Stage::Instructed => Vec::new(),
        }
    }

    fn refusal_is_settled(&self, error: &MallError) -> bool {
        matches!(error, MallError::Refused { code, .. }
            if code.parse::<i64>().is_ok_and(|c| uncertain::SETTLED_REFUSALS.contains(&c)))
    }

    /// The pack's lines now 配送中 or 配送完了 on Qoo10, read back over the
    /// window of its order date.
    async fn shipped_units(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
    ) -> Result<Vec<String>, MallError> {
        let mine = mapping::order_nos(&shipment.raw);
        let ordered = shipment
            .raw
            .get("rows")
            .and_then(Value::as_array)
            .and_then(|r| r.first())
            .and_then(|r| row::text(r, "orderDate"));
        let now = self.http.now();
        let from = ordered
            .and_then(|d| mapping::jst_time(&d))
            .map_or(now - uncertain::WINDOW_DAYS * 86_400, |t| t - 86_400);
        let window = FetchWindow { from, to: now };
        let mut shipped = Vec::new();
        for status in [4, 5] {
            for r in self.rows(status, window).await? {
                if let Some(no) = row::text(&r, "orderNo").filter(|n| mine.contains(n)) {
                    shipped.push(no);
                }
            }
        }
        Ok(shipped)
    }

    async fn send_unit(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
        unit: &str,
    ) -> Result<(), MallError> {
        self.call(
            "ShippingBasic.SetSendingInfo",
            &[
                ("OrderNo", unit.to_string()),
                ("ShippingCorp", self.corp(shipment.carrier)),
                ("TrackingNo", shipment.tracking_number.clone()),
            ],
        )
        .await
        .map(|_| ())
    }
}

/// What 発送情報の更新 sends for a Qoo10 shop: the orders Juchu ships from
/// (発送待ち, 発送後入金待ち, 処理済), once their 出荷日 has come (Qoo10 takes
/// no 出荷日 itself: qoo10.md A3.2).
pub fn export_policy(_settings: &ShopSettings) -> ExportPolicy {
    ExportPolicy {
        statuses: vec![
            Status::AwaitingShipment,
            Status::AwaitingPaymentAfterShipping,
            Status::Done,
        ],
        statuses_rule: "Qoo10の書き出し設定（発送待ち・発送後入金待ち・処理済）",
        max_age_days: None,
        stages: vec![StageRule {
            stage: Stage::Shipped,
            waits_for_ship_date: true,
        }],
        after_send_fix: "Qoo10 は送信後の変更を API で受け付けません。QSM の配送管理で送り状番号を直してください。",
    }
}
