//! Serving one fake mall: binding, the recording + fault layer, shutdown.
//!
//! A mall module builds a [`MallContext`] (clock, faults, recorder), builds its axum
//! [`Router`] with whatever state it needs (keeping a clone of the context), then calls
//! [`FakeMall::serve`]. The framework wraps the router (`layer.rs`) so that every request is
//! first recorded, then subject to the injected faults, then handed to the mall; once the
//! answer is known its status is recorded and, when the mall was started with a
//! [`RecordSink`], the request is written to the record file.

mod fault_answer;
mod in_flight;
mod layer;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::faults::Faults;
use crate::mall::MallKind;
use crate::record_file::RecordSink;
use crate::recorder::{RecordedRequest, Recorder, DEFAULT_RECORDED_HEADERS};
use layer::{record_and_fault, LayerState};

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
    /// Where to write every request as a JSON line once answered (see [`crate::record_file`]);
    /// default none. Clones share one file, so several malls can write to the same one.
    pub record_sink: Option<RecordSink>,
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
            record_sink: None,
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

/// A mall without answers of its own shape for the framework's faults is its kind.
impl MallProfile for MallKind {
    fn kind(&self) -> MallKind {
        *self
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
    record_sink: Option<RecordSink>,
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
            record_sink: options.record_sink.clone(),
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
    task: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for FakeMall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeMall")
            .field("kind", &self.kind)
            .field("addr", &self.addr)
            .finish()
    }
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
            task: Mutex::new(Some(task)),
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

    /// The server task, once: whoever takes it awaits or aborts it.
    fn take_task(&self) -> Option<JoinHandle<()>> {
        self.task.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Stops accepting, ends hanging answers, and waits (at most 5 s) for the server to end.
    /// Every handle (`FakeBase`…) derefs to this, so `fake.stop().await` stops any mall.
    pub async fn stop(&self) {
        let _ = self.ctx.shutdown_tx.send(true);
        if let Some(task) = self.take_task() {
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
    pub async fn wait(&self) {
        if let Some(task) = self.take_task() {
            let _ = task.await;
        }
    }
}

impl Drop for FakeMall {
    fn drop(&mut self) {
        let _ = self.ctx.shutdown_tx.send(true);
        if let Some(task) = self.take_task() {
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
