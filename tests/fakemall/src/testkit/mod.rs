//! What the tests of the fakes (and the app's tests that run against them) share: a fixed
//! instant, a fake started on a frozen clock, an HTTP client, answers read as JSON, the record
//! file read back while it grows ([`wait_for_record_lines`], [`temp_path`]), the `fakemall`
//! binary run as a child process ([`FakemallChild`]).
//!
//! ```no_run
//! # async fn demo() {
//! use fakemall::base::FakeBase;
//! use fakemall::testkit::{http, send, start_frozen, t0};
//!
//! let base: FakeBase = start_frozen(20, 11).await;   // 20 orders, seed 11, clock at t0()
//! assert_eq!(base.clock().now(), t0());
//! let answer = send(http().get(format!("{}/1/orders", base.base_url()))).await;
//! assert_eq!(answer.status, 400);                  // no token
//! assert_eq!(answer.body["error"], "invalid_request");
//! # }
//! ```
//!
//! These are test helpers: on failure (a fake that does not start, a request that cannot be
//! sent, a child that does not print its lines) they panic with a message saying what failed.

mod child;
mod http;
mod record;

pub use child::FakemallChild;
pub use http::{form, http, send, Answer};
pub use record::wait_for_record_lines;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, TimeZone, Utc};

use crate::clock::{jst, Clock};
use crate::fake::MallFake;
use crate::server::StartOptions;

/// 2024-06-30 12:00 JST: the instant the fakes' tests freeze their clock at.
pub fn t0() -> DateTime<Utc> {
    jst()
        .with_ymd_and_hms(2024, 6, 30, 12, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("2024-06-30 12:00 JST is one instant"))
}

/// A path in the system's temporary folder that no other test uses: `<temp>/fakemall-<stem>-
/// <pid>-<n>` (nothing is created; the caller removes what it writes).
pub fn temp_path(stem: &str) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("fakemall-{stem}-{}-{n}", std::process::id()))
}

/// Default start options with the clock frozen at [`t0`].
pub fn frozen_options() -> StartOptions {
    StartOptions {
        clock: Clock::frozen_at(t0()),
        ..Default::default()
    }
}

/// Starts the fake `F` with `orders` generated orders, data seed `seed`, its clock frozen at
/// [`t0`], everything else default.
///
/// # Panics
/// When the fake cannot start.
pub async fn start_frozen<F: MallFake>(orders: usize, seed: u64) -> F {
    F::start(F::config(orders, seed, frozen_options()))
        .await
        .unwrap_or_else(|e| panic!("starting the {} fake: {e}", F::KIND.id()))
}
