//! The GraphQL schema: `searchOrder`, `updateOrderAttribute`, `updateOrderDeliveryStatus`
//! (makeshop.md 1b), executed by async-graphql so that field selection, variables, fragments
//! and validation errors behave like a real endpoint.

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, ErrorExtensions, Object, Schema};
use chrono::NaiveDateTime;

use super::model::{
    Order, SearchOrderRequest, SearchOrderResponse, UpdateOrderAttributeRequest,
    UpdateOrderAttributeResponse, UpdateOrderAttributeResult, UpdateOrderDeliveryStatusRequest,
    UpdateOrderDeliveryStatusResponse, UpdateOrderDeliveryStatusResult,
};
use super::seed::compact;
use super::state::Shared;
use super::uncertain::{self, row_messages as rm};

/// The schema type.
pub type MakeshopSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Builds the schema over the shared state (introspection disabled, as in production).
pub fn schema(shared: Arc<Shared>) -> MakeshopSchema {
    Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .data(shared)
        .disable_introspection()
        .finish()
}

/// A GraphQL error with `extensions.code`.
pub fn gql_error(message: &str, code: &'static str) -> async_graphql::Error {
    async_graphql::Error::new(message).extend_with(|_, e| e.set("code", code))
}

fn bad_input(message: String) -> async_graphql::Error {
    gql_error(&message, uncertain::BAD_INPUT_CODE)
}

fn shared<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a Arc<Shared>> {
    ctx.data::<Arc<Shared>>()
}

fn permitted(shared: &Shared, operation: &str) -> async_graphql::Result<()> {
    if shared.lock().denied.contains(operation) {
        let (m, c) = uncertain::PERMISSION_DENIED;
        return Err(gql_error(m, c));
    }
    Ok(())
}

fn compact_bound(name: &str, value: Option<&str>) -> async_graphql::Result<Option<NaiveDateTime>> {
    match value {
        None => Ok(None),
        Some(v) if v.len() == 14 && v.chars().all(|c| c.is_ascii_digit()) => {
            NaiveDateTime::parse_from_str(v, "%Y%m%d%H%M%S")
                .map(Some)
                .map_err(|_| bad_input(format!("{name} の形式が不正です（YYYYMMDDHHmmss）。")))
        }
        Some(_) => Err(bad_input(format!(
            "{name} の形式が不正です（YYYYMMDDHHmmss）。"
        ))),
    }
}

fn within(
    t: Option<NaiveDateTime>,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) -> bool {
    if start.is_none() && end.is_none() {
        return true;
    }
    match t {
        Some(t) => start.is_none_or(|s| t >= s) && end.is_none_or(|e| t <= e),
        None => false,
    }
}

fn is_cancelled(o: &Order) -> bool {
    o.payment_status_code == "0003" || o.delivery_infos.iter().all(|d| d.delivery_status == "C")
}

/// `type Query`.
pub struct QueryRoot;

#[Object(name = "Query")]
impl QueryRoot {
    /// 受注検索.
    async fn search_order(
        &self,
        ctx: &Context<'_>,
        input: SearchOrderRequest,
    ) -> async_graphql::Result<SearchOrderResponse> {
        let shared = shared(ctx)?;
        permitted(shared, "searchOrder")?;
        let so = compact_bound("startOrderDate", input.start_order_date.as_deref())?;
        let eo = compact_bound("endOrderDate", input.end_order_date.as_deref())?;
        let sp = compact_bound("startPaymentDate", input.start_payment_date.as_deref())?;
        let ep = compact_bound("endPaymentDate", input.end_payment_date.as_deref())?;
        let limit = input.limit.unwrap_or(uncertain::DEFAULT_LIMIT);
        if !(1..=1000).contains(&limit) {
            return Err(bad_input(
                "limit は1から1000の範囲で指定してください。".into(),
            ));
        }
        let page = input.page.unwrap_or(1);
        if page < 1 {
            return Err(bad_input("page は1以上で指定してください。".into()));
        }
        if let Some(s) = input.delivery_status.as_deref() {
            if !["N", "Y", "C", "R"].contains(&s) {
                return Err(bad_input("deliveryStatus が不正です。".into()));
            }
        }
        let sort = input
            .sort_order
            .clone()
            .unwrap_or_else(|| uncertain::DEFAULT_SORT.to_string());
        if sort != "ASC" && sort != "DESC" {
            return Err(bad_input("sortOrder が不正です。".into()));
        }
        let inner = shared.lock();
        let mut found: Vec<&Order> = inner
            .orders
            .values()
            .filter(|o| {
                let od =
                    NaiveDateTime::parse_from_str(&o.order_date, uncertain::ORDER_DATE_FORMAT).ok();
                within(od, so, eo)
            })
            .filter(|o| {
                let pd = o
                    .payment_date
                    .as_deref()
                    .and_then(|p| NaiveDateTime::parse_from_str(p, "%Y%m%d%H%M%S").ok());
                within(pd, sp, ep)
            })
            .filter(|o| match input.delivery_status.as_deref() {
                None => true,
                Some(s) => o.delivery_infos.iter().any(|d| d.delivery_status == s),
            })
            .collect();
        found.sort_by(|a, b| {
            a.order_date
                .cmp(&b.order_date)
                .then_with(|| a.display_order_number.cmp(&b.display_order_number))
        });
        if sort == "DESC" {
            found.reverse();
        }
        // Paged by the limit asked, then cut to the cap (see `uncertain::PAGE_CAP`).
        let skip = usize::try_from((page - 1) as i64 * limit as i64).unwrap_or(usize::MAX);
        let take = (limit as usize).min(uncertain::PAGE_CAP);
        Ok(SearchOrderResponse {
            searched_count: found.len() as i32,
            page,
            orders: found.into_iter().skip(skip).take(take).cloned().collect(),
        })
    }
}

/// `type Mutation`.
pub struct MutationRoot;

#[Object(name = "Mutation")]
impl MutationRoot {
    /// 伝票番号・配送会社の登録 (per row `message`, null = success).
    async fn update_order_attribute(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrderAttributeRequest,
    ) -> async_graphql::Result<UpdateOrderAttributeResponse> {
        let shared = shared(ctx)?;
        permitted(shared, "updateOrderAttribute")?;
        let mut inner = shared.lock();
        let mut results = Vec::new();
        for row in input.update_order_attributes {
            let message = (|| {
                let order = inner
                    .orders
                    .get_mut(&row.display_order_number)
                    .ok_or(rm::NO_ORDER)?;
                if is_cancelled(order) {
                    return Err(rm::CANCELLED);
                }
                let infos = row.delivery_request_infos.unwrap_or_default();
                // Check every destination before changing any.
                for r in &infos {
                    if !order
                        .delivery_infos
                        .iter()
                        .any(|d| d.delivery_id == r.delivery_id)
                    {
                        return Err(rm::NO_DELIVERY);
                    }
                    if let Some(code) = r.delivery_company_code.as_deref() {
                        if !uncertain::CARRIER_CODES.iter().any(|(c, _)| *c == code) {
                            return Err(rm::BAD_CARRIER);
                        }
                    }
                    if r.slip_number
                        .as_deref()
                        .is_some_and(|s| s.chars().count() > uncertain::SLIP_MAX_CHARS)
                    {
                        return Err(rm::SLIP_TOO_LONG);
                    }
                }
                for r in infos {
                    let Some(d) = order
                        .delivery_infos
                        .iter_mut()
                        .find(|d| d.delivery_id == r.delivery_id)
                    else {
                        continue;
                    };
                    match r.slip_number {
                        Some(s) if s.is_empty() && uncertain::EMPTY_SLIP_CLEARS => {
                            d.slip_number = None
                        }
                        Some(s) => d.slip_number = Some(s),
                        None => {}
                    }
                    if let Some(c) = r.delivery_company_code {
                        d.delivery_company_code = Some(c);
                    }
                }
                Ok(())
            })()
            .err()
            .map(str::to_string);
            results.push(UpdateOrderAttributeResult {
                display_order_number: row.display_order_number,
                message,
            });
        }
        Ok(UpdateOrderAttributeResponse {
            update_order_attribute_results: results,
        })
    }

    /// 配送ステータスの更新 (NOT_YET, COMPLETED…; per row `message`, null = success).
    async fn update_order_delivery_status(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrderDeliveryStatusRequest,
    ) -> async_graphql::Result<UpdateOrderDeliveryStatusResponse> {
        let shared = shared(ctx)?;
        permitted(shared, "updateOrderDeliveryStatus")?;
        let now = compact(shared.now());
        let mut inner = shared.lock();
        let mut results = Vec::new();
        for row in input.update_order_delivery_status_requests {
            let message = (|| {
                let order = inner
                    .orders
                    .get_mut(&row.display_order_number)
                    .ok_or(rm::NO_ORDER)?;
                if is_cancelled(order) {
                    return Err(rm::CANCELLED);
                }
                let d = order
                    .delivery_infos
                    .iter_mut()
                    .find(|d| d.delivery_id == row.delivery_id)
                    .ok_or(rm::NO_DELIVERY)?;
                let wire = row.delivery_status.wire();
                d.delivery_status = uncertain::letter_for(wire).to_string();
                if uncertain::COMPLETED_STAMPS_DELIVERY_DATE {
                    match wire {
                        "COMPLETED" => d.delivery_date = Some(now.clone()),
                        "NOT_YET" => d.delivery_date = None,
                        _ => {}
                    }
                }
                Ok(())
            })()
            .err()
            .map(str::to_string);
            results.push(UpdateOrderDeliveryStatusResult {
                display_order_number: row.display_order_number,
                delivery_id: row.delivery_id,
                message,
            });
        }
        Ok(UpdateOrderDeliveryStatusResponse {
            update_order_delivery_status_results: results,
        })
    }
}
