//! Serving one fake mall: binding, the recording + fault layer, shutdown.
//!
//! A mall module builds a [`MallContext`] (clock, faults, recorder), builds its axum
//! [`Router`] with whatever state it needs (keeping a clone of the context), then calls
//! [`FakeMall::serve`]. The framework wraps the router so that every request is first
//! recorded, then subject to the injected faults, then handed to the mall.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::faults::{Decision, Fault, Faults};
use crate::mall::MallKind;
use crate::recorder::{RecordedRequest, Recorder, DEFAULT_RECORDED_HEADERS};

/// Largest request body a fake reads (larger ones get 413).
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Failure to start a fake.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The address could not be bound.
    #[error("cannot bind {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
}

/// What every mall needs to start: where to listen, which clock, how to seed faults.
#[derive(Debug, Clone)]
pub struct StartOptions {
    /// Where to listen; default `127.0.0.1:0` (a random free port).
    pub addr: SocketAddr,
    /// The clock the mall reads; default real time. Pass a shared one to drive several malls.
    pub clock: Clock,
    /// Seed of the random fault draws.
    pub fault_seed: u64,
    /// Request headers to record (lower-case); default [`DEFAULT_RECORDED_HEADERS`].
    pub recorded_headers: Vec<String>,
}

impl Default for StartOptions {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            clock: Clock::real(),
            fault_seed: 0,
            recorded_headers: DEFAULT_RECORDED_HEADERS
                .iter()
                .map(|s| (*s).to_string())
                .collect(),
        }
    }
}

/// How a mall answers the faults whose shape is its own.
pub trait MallProfile: Send + Sync + 'static {
    /// Which mall this is.
    fn kind(&self) -> MallKind;

    /// The answer to every request while [`crate::faults::FaultConfig::maintenance`] is on.
    /// Default: 503 with an HTML page.
    fn maintenance_response(&self) -> Response {
        html_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "ただいまメンテナンス中です",
            "ただいまシステムメンテナンスを行っております。ご迷惑をおかけいたしますが、しばらくお待ちください。",
        )
    }
}

/// Shared handles of one running mall: clock, faults, record. Clone it into the mall's state.
#[derive(Debug, Clone)]
pub struct MallContext {
    /// The test clock.
    pub clock: Clock,
    /// The fault switches.
    pub faults: Faults,
    /// The request record.
    pub recorder: Recorder,
    recorded_headers: Arc<Vec<String>>,
    shutdown: watch::Receiver<bool>,
    shutdown_tx: Arc<watch::Sender<bool>>,
}

impl MallContext {
    /// A fresh context from the options.
    pub fn new(options: &StartOptions) -> Self {
        let (tx, rx) = watch::channel(false);
        Self {
            clock: options.clock.clone(),
            faults: Faults::new(options.fault_seed),
            recorder: Recorder::default(),
            recorded_headers: Arc::new(options.recorded_headers.clone()),
            shutdown: rx,
            shutdown_tx: Arc::new(tx),
        }
    }

    /// Resolves once the mall is stopping (for handlers that wait).
    pub async fn stopping(&self) {
        let mut rx = self.shutdown.clone();
        // An error means the sender is gone, i.e. the mall is gone too.
        let _ = rx.wait_for(|stop| *stop).await;
    }
}

/// A running fake mall. Stops on [`stop`](Self::stop) or when dropped.
pub struct FakeMall {
    kind: MallKind,
    addr: SocketAddr,
    ctx: MallContext,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for FakeMall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeMall")
            .field("kind", &self.kind)
            .field("addr", &self.addr)
            .finish()
    }
}

#[derive(Clone)]
struct LayerState {
    ctx: MallContext,
    profile: Arc<dyn MallProfile>,
}

impl FakeMall {
    /// Binds `addr` and serves `router` behind the recording and fault layer.
    pub async fn serve(
        addr: SocketAddr,
        ctx: MallContext,
        profile: Arc<dyn MallProfile>,
        router: Router,
    ) -> Result<Self, StartError> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let bound = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?;
        let kind = profile.kind();
        let state = LayerState {
            ctx: ctx.clone(),
            profile,
        };
        let app = router.layer(middleware::from_fn_with_state(state, record_and_fault));
        let stop_ctx = ctx.clone();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async move { stop_ctx.stopping().await })
                .await;
            if let Err(e) = served {
                eprintln!("fakemall: {kind:?} server error: {e}");
            }
        });
        Ok(Self {
            kind,
            addr: bound,
            ctx,
            task: Some(task),
        })
    }

    /// Which mall this is.
    pub fn kind(&self) -> MallKind {
        self.kind
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The URL the app's client for this mall is configured with (`JUCHU_API_BASE_<MALL>`).
    pub fn api_base_url(&self) -> String {
        self.kind.api_base_url(self.addr)
    }

    /// The shared handles (clock, faults, recorder).
    pub fn context(&self) -> &MallContext {
        &self.ctx
    }

    /// The test clock.
    pub fn clock(&self) -> &Clock {
        &self.ctx.clock
    }

    /// The fault switches.
    pub fn faults(&self) -> &Faults {
        &self.ctx.faults
    }

    /// The request record.
    pub fn recorder(&self) -> &Recorder {
        &self.ctx.recorder
    }

    /// Every request received so far (shortcut for `recorder().requests()`).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.ctx.recorder.requests()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.ctx.recorder.clear();
    }

    /// Stops accepting, ends hanging answers, and waits (at most 5 s) for the server to end.
    pub async fn stop(mut self) {
        let _ = self.ctx.shutdown_tx.send(true);
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }

    /// Serves until the mall is stopped (for the binary).
    pub async fn wait(&mut self) {
        if let Some(task) = self.task.as_mut() {
            let _ = task.await;
            self.task = None;
        }
    }
}

impl Drop for FakeMall {
    fn drop(&mut self) {
        let _ = self.ctx.shutdown_tx.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// An HTML page with that status (`text/html; charset=utf-8`).
pub fn html_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><h1>{title}</h1><p>{message}</p></body></html>\n"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn record_and_fault(State(state): State<LayerState>, req: Request, next: Next) -> Response {
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
    let seq = ctx.recorder.push(RecordedRequest {
        seq: 0,
        at: ctx.clock.now(),
        method: parts.method.to_string(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_string),
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        status: None,
        fault: None,
    });

    let decision: Decision = ctx.faults.decide(&path);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    if let Some(fault) = &decision.fault {
        let f = fault.clone();
        ctx.recorder.update(seq, |r| r.fault = Some(f));
    }
    let req = Request::from_parts(parts, Body::from(bytes));
    let response = if decision.maintenance {
        state.profile.maintenance_response()
    } else {
        match decision.fault {
            None => next.run(req).await,
            Some(Fault::Status(code)) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                (
                    status,
                    status.canonical_reason().unwrap_or("Error").to_string(),
                )
                    .into_response()
            }
            Some(Fault::Hang) => {
                tokio::select! {
                    _ = tokio::time::sleep(decision.hang_for) => {}
                    _ = ctx.stopping() => {}
                }
                // The client has given up long ago: leave the record's status empty.
                return StatusCode::GATEWAY_TIMEOUT.into_response();
            }
            Some(Fault::MalformedJson) => (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                "{\"orders\":[{\"unique_key\":\"7A3F\",\"ordered\":17",
            )
                .into_response(),
            Some(Fault::HtmlErrorPage(code)) => {
                let status = StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
                let reason = status.canonical_reason().unwrap_or("Error");
                html_page(
                    status,
                    &format!("{} {reason}", status.as_u16()),
                    "The server is temporarily unable to service your request.",
                )
            }
            Some(Fault::TruncatedBody) => truncate(next.run(req).await).await,
        }
    };
    let status = response.status().as_u16();
    ctx.recorder.update(seq, |r| r.status = Some(status));
    response
}

/// Keeps status and headers, announces the full length, sends half the body, then fails the
/// stream so the server drops the connection.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let full = axum::body::to_bytes(body, MAX_BODY)
        .await
        .unwrap_or_default();
    let half = Bytes::copy_from_slice(&full[..full.len() / 2]);
    if let Ok(v) = HeaderValue::from_str(&full.len().max(2).to_string()) {
        parts.headers.insert(header::CONTENT_LENGTH, v);
    }
    // So that the client does not put the broken connection back into its pool.
    parts
        .headers
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    let first = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(half) });
    // The pause lets the server flush the status line, headers and first half before it
    // learns that the body failed and drops the connection.
    let fail = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "fakemall: truncated body",
        ))
    });
    let chunks = futures_util::StreamExt::chain(first, fail);
    Response::from_parts(parts, Body::from_stream(chunks))
}
