//! BASE (api.thebase.in), from `shared/malls/base.md`.
//!
//! * Tokens live in the OS keyring only ([`oauth::keys`]). The access
//!   token is refreshed a few minutes before it expires, and again when BASE
//!   says `invalid_request`「アクセストークンが無効です。」 (then the call is
//!   repeated once). One refresh at a time per client; after taking the lock
//!   the keyring is read again, in case another process refreshed meanwhile.
//! * `fetch` pages `GET /1/orders` (100 per page) and reads
//!   `GET /1/orders/detail/{unique_key}` only for orders whose `modified`
//!   differs from what the store knows: a second sync of unchanged orders
//!   costs only the list pages.
//! * 発送情報の更新 is sent per order item (`POST /1/orders/edit_status`);
//!   an atobarai order is sent once (any item moves the whole order).
//! * Every guess where base.md says UNCERTAIN is in [`uncertain`].

mod connect;
pub mod mapping;
pub mod oauth;
pub mod uncertain;
pub mod wizard;

use std::sync::Arc;

use async_trait::async_trait;
use futures::StreamExt;
use serde_json::Value;

use super::http::{Http, HttpOptions, Reply};
use super::json;
use super::paging::Pager;
use super::{
    api_base, ClientContext, ExportPolicy, FetchWindow, FetchedPage, KnownOrders, MallClient,
    MallError, ShipmentForExport, Stage, StageRule,
};
use crate::domain::{Carrier, ExportScope, Mall, ShopSettings, Status};
use crate::secrets::Secrets;
use oauth::keys;

pub use connect::SPEC;
pub use mapping::to_incoming;
pub use uncertain::first_status;

const MALL: &str = "BASE";

/// Orders per list page (BASE's maximum).
pub const PAGE_SIZE: usize = 100;

/// How a [`BaseClient`] is set up. `Default` is the app's: the real API (or
/// `JUCHU_API_BASE_BASE`), the standard timeouts, the hourly budget.
#[derive(Debug, Clone)]
pub struct BaseOptions {
    pub api_base: String,
    pub http: HttpOptions,
    /// Calls per clock hour a client built with these options allows itself
    /// (BASE's limit is 5,000). The app's clients share the shop's limiter
    /// instead ([`BaseClient::for_shop`]).
    pub hour_budget: u32,
}

impl Default for BaseOptions {
    fn default() -> Self {
        BaseOptions {
            api_base: api_base(Mall::Base, oauth::BASE_API),
            http: HttpOptions::default(),
            hour_budget: uncertain::HOUR_BUDGET,
        }
    }
}

/// The BASE client of one shop.
pub struct BaseClient {
    shop_id: i64,
    secrets: Secrets,
    api: String,
    http: Http,
    refresh_lock: tokio::sync::Mutex<()>,
    companies: tokio::sync::OnceCell<Vec<(i64, String)>>,
}

impl std::fmt::Debug for BaseClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BaseClient")
            .field("shop_id", &self.shop_id)
            .field("api", &self.api)
            .field("calls", &self.http.calls())
            .finish_non_exhaustive()
    }
}

/// The stored tokens, as far as a call needs them.
struct Tokens {
    access: Option<String>,
    expires_at: Option<i64>,
    has_refresh: bool,
}

impl BaseClient {
    /// The app's client of a shop: the real API (or `JUCHU_API_BASE_BASE`),
    /// drawing on the shop's shared limiter.
    pub fn for_shop(ctx: &ClientContext) -> BaseClient {
        let options = BaseOptions::default();
        BaseClient::build(
            ctx.shop.id,
            ctx.secrets.clone(),
            &options.api_base,
            Http::new(MALL, options.http).with_limiter(ctx.limiter.clone()),
        )
    }

    /// A client with its own limiter of `options.hour_budget` calls an hour.
    pub fn with_options(shop_id: i64, secrets: Secrets, options: BaseOptions) -> BaseClient {
        let http = Http::new(MALL, options.http)
            .with_limits(&[uncertain::hour_budget(options.hour_budget)]);
        BaseClient::build(shop_id, secrets, &options.api_base, http)
    }

    fn build(shop_id: i64, secrets: Secrets, api: &str, http: Http) -> BaseClient {
        BaseClient {
            shop_id,
            secrets,
            api: api.trim_end_matches('/').to_string(),
            http,
            refresh_lock: tokio::sync::Mutex::new(()),
            companies: tokio::sync::OnceCell::new(),
        }
    }

    /// Reads "now" (UNIX seconds) from `clock` instead of the system (tests).
    pub fn with_clock(mut self, clock: Arc<dyn Fn() -> i64 + Send + Sync>) -> BaseClient {
        self.http = self.http.with_clock(clock);
        self
    }

    fn keyring<T>(&self, r: Result<T, crate::secrets::SecretsError>) -> Result<T, MallError> {
        r.map_err(|e| MallError::keyring(MALL, e))
    }

    fn tokens(&self) -> Result<Tokens, MallError> {
        let get = |key| {
            self.keyring(self.secrets.get(self.shop_id, key))
                .map(|v| v.filter(|s| !s.trim().is_empty()))
        };
        let access = get(keys::ACCESS_TOKEN)?;
        let expires_at = get(keys::TOKEN_EXPIRES_AT)?.and_then(|t| t.trim().parse().ok());
        let has_refresh = get(keys::REFRESH_TOKEN)?.is_some();
        if access.is_none() && !has_refresh {
            return Err(MallError::NotAuthorized {
                mall: MALL,
                fix: oauth::NOT_CONNECTED,
            });
        }
        Ok(Tokens {
            access,
            expires_at,
            has_refresh,
        })
    }

    fn is_fresh(&self, t: &Tokens) -> bool {
        t.access.is_some()
            && t.expires_at
                .is_none_or(|at| at - self.http.now() > uncertain::REFRESH_MARGIN_SECS)
    }

    /// A usable access token, refreshed first when it is about to expire.
    async fn access_token(&self) -> Result<String, MallError> {
        let t = self.tokens()?;
        match &t.access {
            Some(a) if self.is_fresh(&t) || !t.has_refresh => Ok(a.clone()),
            stale => {
                let stale = stale.clone();
                self.refresh(stale.as_deref()).await
            }
        }
    }

    /// Refreshes unless someone else already replaced `stale` with a fresh token.
    async fn refresh(&self, stale: Option<&str>) -> Result<String, MallError> {
        let _one_at_a_time = self.refresh_lock.lock().await;
        let t = self.tokens()?;
        if let Some(a) = &t.access {
            if Some(a.as_str()) != stale && self.is_fresh(&t) {
                return Ok(a.clone());
            }
        }
        if !t.has_refresh {
            return Err(MallError::Unauthorized {
                mall: MALL,
                detail: "リフレッシュトークンがありません".to_string(),
                fix: oauth::RECONNECT,
            });
        }
        oauth::refresh(&self.http, &self.api, self.shop_id, &self.secrets).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api)
    }

    /// An authenticated GET (retried by the HTTP layer), refreshing once on an invalid token.
    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, MallError> {
        let url = self.url(path);
        let token = self.access_token().await?;
        let reply = self.http.get(&url, query, Some(&token)).await?;
        match interpret(reply, self.http.now()) {
            Err(Answer::InvalidToken) => {
                let token = self.refresh(Some(&token)).await?;
                let reply = self.http.get(&url, query, Some(&token)).await?;
                interpret(reply, self.http.now()).map_err(Answer::into_error)
            }
            other => other.map_err(Answer::into_error),
        }
    }

    /// An authenticated form POST, sent once (again only if BASE refused the token,
    /// which means it did nothing).
    async fn post(&self, path: &str, form: &[(&str, String)]) -> Result<Value, MallError> {
        let url = self.url(path);
        let token = self.access_token().await?;
        let reply = self.http.post_form(&url, form, Some(&token)).await?;
        match interpret(reply, self.http.now()) {
            Err(Answer::InvalidToken) => {
                let token = self.refresh(Some(&token)).await?;
                let reply = self.http.post_form(&url, form, Some(&token)).await?;
                interpret(reply, self.http.now()).map_err(Answer::into_error)
            }
            other => other.map_err(Answer::into_error),
        }
    }

    /// `GET /1/orders/detail/{unique_key}` → the `order` object.
    async fn detail(&self, unique_key: &str) -> Result<Value, MallError> {
        let key: String = url::form_urlencoded::byte_serialize(unique_key.as_bytes()).collect();
        let mut v = self.get(&format!("/1/orders/detail/{key}"), &[]).await?;
        match v.get_mut("order").map(Value::take) {
            Some(order) if order.is_object() => Ok(order),
            _ => Err(malformed("注文の詳細に order がありません")),
        }
    }

    /// BASE's delivery companies (fetched once per client).
    async fn delivery_companies(&self) -> Result<&[(i64, String)], MallError> {
        self.companies
            .get_or_try_init(|| async {
                let v = self.get("/1/delivery_companies", &[]).await?;
                let list = v
                    .get("delivery_companies")
                    .and_then(Value::as_array)
                    .ok_or_else(|| malformed("配送会社の一覧がありません"))?;
                Ok(list
                    .iter()
                    .filter_map(|c| {
                        Some((json::int(c, "delivery_company_id")?, json::text(c, "name")?))
                    })
                    .collect())
            })
            .await
            .map(Vec::as_slice)
    }

    /// BASE's `delivery_company_id` of our carrier, matched by name.
    async fn delivery_company_id(&self, carrier: Carrier) -> Result<i64, MallError> {
        let companies = self.delivery_companies().await?;
        if let Some((id, _)) = companies
            .iter()
            .find(|(_, name)| Carrier::parse(name) == Some(carrier))
        {
            return Ok(*id);
        }
        let names: Vec<&str> = companies.iter().map(|(_, n)| n.as_str()).collect();
        Err(MallError::Refused {
            mall: MALL,
            code: "no_delivery_company".to_string(),
            message: format!(
                "配送会社「{}」は BASE の配送会社一覧（{}）にありません。伝票の配送会社を一覧にあるものに変えてから、もう一度送ってください。",
                carrier.label(),
                names.join("・")
            ),
        })
    }
}

fn malformed(detail: &str) -> MallError {
    MallError::Malformed {
        mall: MALL,
        detail: detail.to_string(),
    }
}

/// BASE's answer to one call: the JSON, or why not.
enum Answer {
    /// `invalid_request`「アクセストークンが無効です。」: refresh and try once more.
    InvalidToken,
    Error(MallError),
}

impl Answer {
    fn into_error(self) -> MallError {
        match self {
            Answer::InvalidToken => MallError::Unauthorized {
                mall: MALL,
                detail: uncertain::INVALID_ACCESS_TOKEN.to_string(),
                fix: oauth::RECONNECT,
            },
            Answer::Error(e) => e,
        }
    }
}

fn interpret(reply: Reply, now: i64) -> Result<Value, Answer> {
    let json = reply.json(MALL);
    if reply.status == 200 {
        return json.map_err(Answer::Error);
    }
    let body = json.map_err(|_| {
        Answer::Error(malformed(&format!(
            "HTTP {} の応答を読めません",
            reply.status
        )))
    })?;
    let (Some(code), description) = (
        body.get("error").and_then(Value::as_str),
        body.get("error_description")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    ) else {
        return Err(Answer::Error(malformed(&format!(
            "HTTP {} にエラーの種類（error）がありません",
            reply.status
        ))));
    };
    Err(api_error(code, description, now))
}

/// A BASE `{"error","error_description"}` as what the merchant must do.
fn api_error(code: &str, description: &str, now: i64) -> Answer {
    let e = match code {
        "invalid_request" if description.trim() == uncertain::INVALID_ACCESS_TOKEN => {
            return Answer::InvalidToken;
        }
        "hour_api_limit" => {
            let at = uncertain::hour_limit_retry_at(now);
            MallError::RateLimited {
                mall: MALL,
                limit: "1時間に5,000回".to_string(),
                resume: format!("{} 以降に続きを取得します。", super::limit::hhmm(at)),
                retry_at: Some(at),
            }
        }
        "day_api_limit" => MallError::RateLimited {
            mall: MALL,
            limit: "1日に100,000回".to_string(),
            resume: "明日 0:00 以降に続きを取得します。".to_string(),
            retry_at: Some(uncertain::day_limit_retry_at(now)),
        },
        "invalid_scope" => MallError::Unauthorized {
            mall: MALL,
            detail: format!(
                "権限が足りません。注文情報を見る・更新する権限で認可してください: {description}"
            ),
            fix: oauth::RECONNECT,
        },
        "access_denied" => MallError::Unauthorized {
            mall: MALL,
            detail: format!("{code}: {description}"),
            fix: oauth::RECONNECT,
        },
        "unauthorized_client" => MallError::BadClient {
            mall: MALL,
            detail: format!("{code}: {description}"),
            fix: oauth::BAD_CLIENT,
        },
        _ => MallError::Refused {
            mall: MALL,
            code: code.to_string(),
            message: if description.is_empty() {
                "理由は示されませんでした。".to_string()
            } else {
                description.to_string()
            },
        },
    };
    Answer::Error(e)
}

fn jst_bound(unix: i64) -> String {
    crate::time::jst(unix)
        .format(uncertain::ORDERED_BOUNDS_FORMAT)
        .to_string()
}

fn is_atobarai(raw: &Value) -> bool {
    raw.get("payment").and_then(Value::as_str) == Some("atobarai")
}

/// The order items 発送情報の更新 sends, from a BASE order object.
fn units_of(raw: &Value) -> Vec<String> {
    let units = raw
        .get("order_items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|i| i.get("status").and_then(Value::as_str) != Some("cancelled"))
        .filter_map(|i| json::text(i, "order_item_id"));
    if is_atobarai(raw) {
        // atobarai: any one order_item_id moves the whole order (base.md §2).
        units.take(1).collect()
    } else {
        units.collect()
    }
}

/// The units of `raw` that BASE already has as shipped.
fn shipped_of(raw: &Value) -> Vec<String> {
    if is_atobarai(raw) {
        let status = raw.get("dispatch_status").and_then(Value::as_str);
        return if matches!(status, Some("shipping" | "dispatched")) {
            units_of(raw)
        } else {
            Vec::new()
        };
    }
    raw.get("order_items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|i| i.get("status").and_then(Value::as_str) == Some("dispatched"))
        .filter_map(|i| json::text(i, "order_item_id"))
        .collect()
}

#[async_trait]
impl MallClient for BaseClient {
    fn mall(&self) -> Mall {
        Mall::Base
    }

    fn calls(&self) -> u32 {
        self.http.calls()
    }

    async fn test_connection(&self) -> Result<(), MallError> {
        let v = self.get("/1/orders", &[("limit", "1".to_string())]).await?;
        if v.get("orders").is_some_and(Value::is_array) {
            Ok(())
        } else {
            Err(malformed("注文一覧の形が違います"))
        }
    }

    async fn fetch(
        &self,
        window: FetchWindow,
        known: &KnownOrders,
        sink: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError> {
        let start = jst_bound(window.from);
        let end = jst_bound(window.to);
        let mut pager = Pager::new(sink);
        let mut offset = 0usize;
        loop {
            let query = [
                ("start_ordered", start.clone()),
                ("end_ordered", end.clone()),
                ("limit", PAGE_SIZE.to_string()),
                ("offset", offset.to_string()),
            ];
            let list = self.get("/1/orders", &query).await?;
            let summaries = list
                .get("orders")
                .and_then(Value::as_array)
                .ok_or_else(|| malformed("注文一覧に orders がありません"))?;
            let mut to_read = Vec::new();
            for summary in summaries {
                let Some(key) = json::text(summary, "unique_key") else {
                    return pager.fail(malformed("注文一覧に unique_key のない注文があります"));
                };
                if !pager.first_time(&key) {
                    continue;
                }
                let modified = mapping::marker(summary);
                if modified.is_some() && known.get(&key) == modified.as_ref() {
                    pager.unchanged(key);
                    continue;
                }
                to_read.push(key);
            }
            // BASE limits calls per hour, not per second: the page's details
            // are read several at a time, in the page's order.
            let mut details = futures::stream::iter(to_read)
                .map(|key: String| async move { self.detail(&key).await })
                .buffered(uncertain::DETAILS_AT_ONCE);
            while let Some(detail) = details.next().await {
                let read = match detail {
                    Ok(order) => to_incoming(&order),
                    // Gone between the list and the detail: nothing to merge.
                    Err(MallError::Refused { code, .. }) if code == "no_order" => continue,
                    Err(e) => Err(e),
                };
                match read {
                    Ok(order) => pager.order(order),
                    Err(e) => {
                        drop(details);
                        return pager.fail(e);
                    }
                }
            }
            pager.end_page();
            if summaries.len() < PAGE_SIZE {
                return Ok(());
            }
            offset += PAGE_SIZE;
        }
    }

    fn shipment_units(&self, shipment: &ShipmentForExport, stage: Stage) -> Vec<String> {
        match stage {
            Stage::Shipped => units_of(&shipment.raw),
            Stage::Instructed => Vec::new(),
        }
    }

    fn units_done_on_mall(&self, shipment: &ShipmentForExport, stage: Stage) -> Vec<String> {
        match stage {
            Stage::Shipped => shipped_of(&shipment.raw),
            Stage::Instructed => Vec::new(),
        }
    }

    fn refusal_is_settled(&self, error: &MallError) -> bool {
        matches!(error, MallError::Refused { code, .. } if uncertain::SETTLED_REFUSALS.contains(&code.as_str()))
    }

    async fn shipped_units(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
    ) -> Result<Vec<String>, MallError> {
        let now = self.detail(&shipment.mall_order_id).await?;
        Ok(shipped_of(&now))
    }

    async fn send_unit(
        &self,
        shipment: &ShipmentForExport,
        _stage: Stage,
        unit: &str,
    ) -> Result<(), MallError> {
        let company = self.delivery_company_id(shipment.carrier).await?;
        let mut form = vec![("order_item_id", unit.to_string())];
        if is_atobarai(&shipment.raw) {
            form.push(("atobarai_status", "shipping".to_string()));
        } else {
            form.push(("status", "dispatched".to_string()));
        }
        if uncertain::SEND_TRACKING_WITH_DISPATCH || is_atobarai(&shipment.raw) {
            form.push(("delivery_company_id", company.to_string()));
            form.push(("tracking_number", shipment.tracking_number.clone()));
        }
        let answer = self.post("/1/orders/edit_status", &form).await?;
        if answer.get("order").is_some_and(Value::is_object) {
            Ok(())
        } else {
            Err(malformed("発送済みにした注文が返ってきません"))
        }
    }
}

/// BASE's rules for 発送情報の更新: the shop's API書出 setting decides the
/// statuses; one stage, never before the 出荷日 (a dispatch mails the buyer
/// and cannot be undone).
pub fn export_policy(settings: &ShopSettings) -> ExportPolicy {
    let scope = settings.base().map(|b| b.export_scope).unwrap_or_default();
    let statuses = Status::ALL
        .into_iter()
        .filter(|s| match scope {
            ExportScope::AllButNewAndHold => {
                !matches!(s, Status::New | Status::OnHold | Status::Cancelled)
            }
            ExportScope::DoneOnly => *s == Status::Done,
        })
        .collect();
    ExportPolicy {
        statuses,
        statuses_rule: "API書出の設定",
        max_age_days: None,
        stages: vec![StageRule {
            stage: Stage::Shipped,
            waits_for_ship_date: true,
        }],
        after_send_fix: uncertain::AFTER_SEND_FIX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn api_shokidashi_is_the_export_policy() {
        use crate::domain::MallSettings;
        let mut settings = ShopSettings::for_mall(Mall::Base);
        let policy = export_policy(&settings);
        assert_eq!(
            policy.statuses,
            vec![
                Status::AwaitingPaymentBeforeShipping,
                Status::AwaitingShipment,
                Status::AwaitingPaymentAfterShipping,
                Status::Done
            ]
        );
        assert!(policy.stages.iter().all(|s| s.waits_for_ship_date));
        if let MallSettings::Base(b) = &mut settings.mall {
            b.export_scope = ExportScope::DoneOnly;
        }
        assert_eq!(export_policy(&settings).statuses, vec![Status::Done]);
    }

    #[test]
    fn bounds_are_jst_wall_clock() {
        // 2024-06-30 00:00:00 JST.
        assert_eq!(jst_bound(1_719_673_200), "2024-06-30 00:00:00");
    }

    fn raw(payment: &str, status: &str, items: &[(i64, &str)]) -> Value {
        json!({
            "unique_key": "K",
            "payment": payment,
            "dispatch_status": status,
            "order_items": items.iter().map(|(id, s)| json!({"order_item_id": id, "status": s})).collect::<Vec<_>>(),
        })
    }

    #[test]
    fn units_skip_cancelled_items_and_atobarai_sends_one() {
        let r = raw(
            "creditcard",
            "ordered",
            &[(1, "ordered"), (2, "cancelled"), (3, "dispatched")],
        );
        assert_eq!(units_of(&r), vec!["1", "3"]);
        assert_eq!(shipped_of(&r), vec!["3"]);
        let a = raw("atobarai", "ordered", &[(7, "ordered"), (8, "ordered")]);
        assert_eq!(units_of(&a), vec!["7"]);
        assert!(shipped_of(&a).is_empty());
        let a = raw("atobarai", "shipping", &[(7, "ordered"), (8, "ordered")]);
        assert_eq!(shipped_of(&a), vec!["7"]);
        assert!(units_of(&json!({})).is_empty());
    }

    fn err(code: &str, description: &str) -> MallError {
        match api_error(code, description, 1_719_718_496) {
            Answer::Error(e) => e,
            Answer::InvalidToken => panic!("{code}: unexpected InvalidToken"),
        }
    }

    #[test]
    fn api_errors_map_to_what_to_do() {
        assert!(matches!(
            api_error("invalid_request", "アクセストークンが無効です。", 0),
            Answer::InvalidToken
        ));
        let e = err("hour_api_limit", "1時間のAPIの利用上限を超えました。");
        assert_eq!(
            e,
            MallError::RateLimited {
                mall: "BASE",
                limit: "1時間に5,000回".into(),
                resume: "13:00 以降に続きを取得します。".into(),
                retry_at: Some(1_719_720_000),
            }
        );
        let e = err("day_api_limit", "");
        assert!(
            matches!(
                e,
                MallError::RateLimited {
                    retry_at: Some(1_719_759_600),
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(err("invalid_scope", "x").code(), "MALL_UNAUTHORIZED");
        assert_eq!(err("unauthorized_client", "x").code(), "MALL_BAD_CLIENT");
        let e = err(
            "not_change_status",
            "この注文のステータスは変更できません。",
        );
        assert_eq!(
            e,
            MallError::Refused {
                mall: "BASE",
                code: "not_change_status".into(),
                message: "この注文のステータスは変更できません。".into()
            }
        );
        // invalid_request for anything but the token is the mall refusing the request.
        assert_eq!(
            err("invalid_request", "パラメータが不正です。").code(),
            "MALL_REFUSED"
        );
        // Every error code base.md lists (and one it does not) names BASE and
        // keeps BASE's own description.
        for code in [
            "hour_api_limit",
            "day_api_limit",
            "invalid_scope",
            "unauthorized_client",
            "access_denied",
            "invalid_request",
            "server_error",
            "no_unique_key",
            "no_order",
            "not_post_method",
            "no_params",
            "bad_params",
            "not_change_status",
            "not_cancel_credit_card",
            "not_cancel_cvs",
            "not_cancel_base_bt",
            "not_cancel_atobarai",
            "not_cancel_carrier",
            "not_cancel_coin",
            "not_change_status_ClubT",
            "not_change_status_SpCase",
            "not_change_status_YamatoDelivery",
            "not_change_status_cvs",
            "not_change_status_base_bt",
            "not_change_status_atobarai",
            "db_error",
            "something_new",
        ] {
            let e = err(code, "説明文。");
            let text = e.to_string();
            assert!(text.contains("BASE"), "{code}: {text}");
            if !matches!(e, MallError::RateLimited { .. }) {
                assert!(text.contains("説明文。"), "{code}: {text}");
            }
            assert!(
                !e.is_transient() || matches!(e, MallError::RateLimited { .. }),
                "{code}"
            );
        }
        assert!(err("x", "")
            .to_string()
            .contains("理由は示されませんでした"));
    }

    #[test]
    fn interpret_needs_json() {
        let reply = |status, body: &str| {
            Reply::new(status, Some("application/json"), body.as_bytes().to_vec())
        };
        assert!(interpret(reply(200, "{\"orders\":[]}"), 0).is_ok());
        assert!(matches!(
            interpret(reply(400, "nope"), 0),
            Err(Answer::Error(MallError::Malformed { .. }))
        ));
        assert!(matches!(
            interpret(reply(400, "{\"message\":\"x\"}"), 0),
            Err(Answer::Error(MallError::Malformed { .. }))
        ));
        assert!(matches!(
            interpret(
                reply(
                    400,
                    "{\"error\":\"no_order\",\"error_description\":\"注文が存在しません。\"}"
                ),
                0
            ),
            Err(Answer::Error(MallError::Refused { .. }))
        ));
    }
}
