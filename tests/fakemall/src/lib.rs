//! Faithful fake mall servers for Juchu's tests, demo and benchmarks.
//!
//! The fakes are our contract with reality: each one is written from
//! `shared/malls/<mall>.md` (never from client code), with the real field names, formats,
//! status codes, error shapes and ugly parts. Where the mall doc says UNCERTAIN, the fake keeps
//! its guess in one clearly named place (`<mall>/uncertain.rs`).
//!
//! # Using a fake in a test
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fakemall::base::{BaseConfig, FakeBase};
//! use fakemall::faults::Fault;
//!
//! let base = FakeBase::start(BaseConfig { orders: 30, seed: 1, ..Default::default() }).await?;
//! let url = base.base_url();                         // http://127.0.0.1:PORT
//! let tokens = base.issue_tokens("read_orders write_orders"); // skip the OAuth dance
//! base.faults().inject_next(Fault::Status(503));     // the next request gets a 503
//! base.faults().update(|c| c.server_error_rate = 0.1); // then 10 % of 500/502/503, seeded
//! base.clock().advance(chrono::Duration::hours(2));  // the access token has expired now
//! let calls = base.requests();                       // what the client did
//! base.clear_requests();
//! # let _ = (url, tokens, calls); Ok(()) }
//! ```
//!
//! The helpers every test of a fake repeats (a frozen clock at [`testkit::t0`], a fake started
//! on it, an HTTP client, answers read as JSON, the record file read back, the binary run as a
//! child) are in [`testkit`]:
//!
//! ```no_run
//! # async fn demo() {
//! use fakemall::qoo10::FakeQoo10;
//! use fakemall::testkit::{http, send, start_frozen};
//! let qoo10: FakeQoo10 = start_frozen(10, 5).await;
//! let answer = send(http().get(qoo10.api_base_url())).await; // status, headers, JSON body
//! # let _ = answer; }
//! ```
//!
//! # Observing and disturbing the fakes from outside (the `fakemall` binary)
//! * `--record FILE`: every request any mall receives, one JSON line each (mall, seq, time,
//!   method, path, query, headers, body, status, fault), written and flushed as soon as it is
//!   answered, so a test or a benchmark reads the file while the fakes run
//!   ([`record_file`]; in a test, [`testkit::wait_for_record_lines`]).
//! * `--latency-ms N`: every answer of every mall waits N ms.
//! * `--fault SPEC`, repeatable: `[MALL:]FAULT[:VALUE][@PATH]`, e.g. `5xx:0.1`,
//!   `base:timeout:0.05`, `base:5xx:0.2@/1/orders`, `bcart:ratelimit`,
//!   `shopserve:maintenance`, `qoo10:expired` ([`faults::spec`] has the grammar,
//!   [`faults::FaultPlan`] how specs combine into each mall's [`FaultConfig`]).
//!
//! In process, the same: [`StartOptions::record_sink`] (one [`RecordSink`] shared by several
//! malls), [`Faults::set`] with a [`faults::FaultPlan::config`], or
//! [`demo::start_demo_mall_with`] and its [`demo::DemoControls`].
//!
//! # The framework (shared by every mall)
//! * [`server`]: [`FakeMall`], the running server on `127.0.0.1:0` behind a
//!   layer that records every request (and writes it to the record file) and injects faults;
//!   stops on `stop()` or drop.
//! * [`fake`]: [`MallFake`], what every mall's handle has in common (config, start, demo
//!   credentials), so the demo and the testkit start any mall the same way.
//! * [`clock`]: the test clock (real time by default, can be advanced, set, frozen).
//! * [`faults`]: runtime fault switches (latency, 5xx, hangs, malformed JSON, truncated bodies,
//!   HTML error pages, expired credentials, forced rate limit, maintenance), seeded.
//! * [`recorder`]: the record of requests (method, path, query, selected headers, body, status).
//! * [`record_file`]: the same requests as JSON lines in a file ([`RecordSink`], [`RecordLine`]).
//! * [`rate_limit`]: fixed-window call counters on the test clock (calendar-aligned or from the
//!   first call, with optional lockout).
//! * [`data`]: the seeded Japanese order generator (mall-neutral).
//! * [`mall`]: [`MallKind`]: ids, env names, demo ports, API base URLs,
//!   credential shapes.
//! * [`demo`]: starts the demo fakes for the `fakemall` binary.
//! * [`testkit`]: the helpers of the tests (here and in the app's core).
//!
//! # Adding a mall
//! 1. Create `src/<mall>/` with `mod.rs` (the `Fake<Mall>` handle and its config),
//!    `uncertain.rs` (every UNCERTAIN guess of `malls/<mall>.md`, with a comment each),
//!    `model.rs` (the wire types, serde names exactly as the mall spells them), `state.rs`
//!    (orders and credentials behind a `Mutex`, the truth a client reads back), `errors.rs`
//!    (the mall's error shape as an `IntoResponse` type), one file per group of endpoints, and
//!    `seed.rs` (maps [`data::SampleOrder`]s to the mall's shape).
//! 2. The profile: `Arc::new(MallKind::<Mall>)`, unless the mall has its own maintenance
//!    answer (e.g. ショップサーブ): then implement [`server::MallProfile`] with it.
//! 3. In `Fake<Mall>::start`: `let ctx = MallContext::new(&options)`, build the state
//!    (reading time only from `ctx.clock`), build an axum `Router` with it, then
//!    `FakeMall::serve(options.addr, ctx, profile, router)`; keep the `FakeMall` inside the
//!    handle and `Deref` to it, so `base_url()`, `faults()`, `clock()`, `requests()`,
//!    `stop()`, `wait()` come free. Give the handle `demo_credentials()` and its config the
//!    fields `orders`, `seed`, `start`, and write `crate::fake::impl_mall_fake!(Fake<Mall>,
//!    <Mall>Config, MallKind::<Mall>)`.
//! 4. In the auth code, treat every credential as expired while
//!    `ctx.faults.credentials_expired()`; in the rate-limit code, refuse while
//!    `ctx.faults.rate_limit_forced()`, else count with a [`rate_limit::WindowLimiter`]
//!    (Bカート: `FirstCall` 300/300 s with a 300 s lockout and `Retry-After`; MakeShop:
//!    `FirstCall` 1/1 s, answered as GraphQL `errors[]` with HTTP 200; Qoo10: HTTP 200 with a
//!    `ResultCode` envelope for every error).
//! 5. Parse request input by hand (`RawQuery`, `Bytes` + `serde_urlencoded`/`serde_json`) so
//!    malformed input gets the mall's error shape, never axum's default rejection, and never
//!    `unwrap()` on request input.
//! 6. Add the mall to [`demo::start_demo_mall_with`] (port `--port-base +
//!    MallKind::port_offset`, demo credentials in the JSON shape of
//!    [`mall::MallKind::credential_keys`]).
//! 7. Test every behaviour in `tests/<mall>_*.rs` against the running server, starting it with
//!    [`testkit::start_frozen`]; keep in `tests/<mall>_common/` only what is the mall's own.

pub mod base;
pub mod bcart;
pub mod clock;
pub mod data;
pub mod demo;
pub mod fake;
pub mod faults;
pub mod makeshop;
pub mod mall;
pub mod qoo10;
pub mod rate_limit;
pub mod record_file;
pub mod recorder;
pub mod server;
pub mod shopserve;
pub mod testkit;

pub use clock::Clock;
pub use fake::MallFake;
pub use faults::{Fault, FaultConfig, Faults};
pub use mall::MallKind;
pub use record_file::{RecordLine, RecordSink};
pub use recorder::{RecordedRequest, Recorder};
pub use server::{FakeMall, MallContext, MallProfile, StartError, StartOptions};
