//! The layer in front of every mall: record the request, apply the faults, run the mall,
//! note the answer.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::fault_answer;
use super::in_flight::InFlight;
use super::{MallContext, MallProfile, MAX_BODY};
use crate::faults::{Decision, Fault};
use crate::recorder::RecordedRequest;

/// What the layer needs: the mall's context and its profile.
#[derive(Clone)]
pub(super) struct LayerState {
    pub ctx: MallContext,
    pub profile: Arc<dyn MallProfile>,
}

/// Records `req`, applies the drawn faults, runs the mall unless a fault answers instead, and
/// records the status answered.
pub(super) async fn record_and_fault(
    State(state): State<LayerState>,
    req: Request,
    next: Next,
) -> Response {
    let ctx = &state.ctx;
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let headers = ctx
        .recorded_headers
        .iter()
        .filter_map(|name| {
            parts.headers.get(name.as_str()).map(|v| {
                (
                    name.clone(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
        })
        .collect();
    let path = parts.uri.path().to_string();
    let mut in_flight = InFlight::start(
        ctx,
        state.profile.kind(),
        RecordedRequest {
            seq: 0,
            at: ctx.clock.now(),
            method: parts.method.to_string(),
            path: path.clone(),
            query: parts.uri.query().map(str::to_string),
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            status: None,
            fault: None,
        },
    );

    let decision: Decision = ctx.faults.decide(&path);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    if let Some(fault) = &decision.fault {
        in_flight.set_fault(fault);
    }
    let req = Request::from_parts(parts, Body::from(bytes));
    let response = if decision.maintenance {
        state.profile.maintenance_response()
    } else {
        match decision.fault {
            None => next.run(req).await,
            Some(Fault::Hang) => {
                // The client gives up long before the answer: no status is recorded.
                in_flight.finish(None);
                tokio::select! {
                    _ = tokio::time::sleep(decision.hang_for) => {}
                    _ = ctx.stopping() => {}
                }
                return StatusCode::GATEWAY_TIMEOUT.into_response();
            }
            Some(Fault::TruncatedBody) => fault_answer::truncate(next.run(req).await).await,
            Some(Fault::Status(code)) => fault_answer::status(code),
            Some(Fault::MalformedJson) => fault_answer::malformed_json(),
            Some(Fault::HtmlErrorPage(code)) => fault_answer::html_error(code),
        }
    };
    in_flight.finish(Some(response.status().as_u16()));
    response
}
