//! A mall's rate limits as policies, enforced by one [`Limiter`] per shop.
//!
//! The app holds the limiter of each shop (`Juchu::limiter`) and hands it to
//! every client it builds, so 受注取得, 発送情報の更新, 接続テスト and 自動取得
//! draw on one budget; its state is saved in the store with each fetched page and each sent
//! shipment and after each run, so a restart (even after a crash mid-run)
//! does not hand out a fresh budget either.
//!
//! * [`LimitPolicy::Window`]: at most `calls` per fixed window of `secs`
//!   (aligned to UNIX time: BASE's clock hour, Bカート's 300 s). Refuses
//!   with `RateLimited` until the next window: the fetch stops and the
//!   scheduler resumes it.
//! * [`LimitPolicy::Pace`]: at most `per_second` requests a second; a caller
//!   waits for its turn (`governor`'s GCRA) instead of being refused.
//! * A lockout (`Retry-After`, or a limit answer from the mall) set by the
//!   client with [`Limiter::lock_until`]: every call refuses until then.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use super::MallError;

/// One rule of a mall's API limits. The numbers live in each mall's
/// `uncertain.rs` (most are guesses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitPolicy {
    /// At most `calls` per fixed window of `secs` seconds.
    Window {
        calls: u32,
        secs: i64,
        /// How the limit is named to the merchant, before its number of calls
        /// (e.g. 「Juchu の自主制限（1時間あたり）」).
        label: &'static str,
    },
    /// At most `per_second` requests a second, waiting for the next slot.
    Pace { per_second: u32 },
}

/// What is saved of a limiter between runs and restarts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LimitState {
    /// Start (UNIX seconds) of the window `used` counts, if any.
    pub window_start: Option<i64>,
    pub used: u32,
    /// No call before this instant (UNIX seconds).
    pub locked_until: Option<i64>,
}

struct Window {
    calls: u32,
    secs: i64,
    label: &'static str,
    /// (window start, calls taken in it).
    used: Mutex<(i64, u32)>,
}

/// Added to every paced slot (see [`LimitPolicy::Pace`]).
const PACE_MARGIN: Duration = Duration::from_millis(50);

/// The limits of one shop's mall, shared by every client of that shop.
pub struct Limiter {
    mall: &'static str,
    window: Option<Window>,
    pace: Option<DefaultDirectRateLimiter>,
    locked_until: AtomicI64,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("mall", &self.mall)
            .field("state", &self.state())
            .finish()
    }
}

impl Limiter {
    /// `mall` is the label errors name. Several `Window`s: the first is kept.
    pub fn new(mall: &'static str, policies: &[LimitPolicy]) -> Limiter {
        let mut window = None;
        let mut pace = None;
        for p in policies {
            match *p {
                LimitPolicy::Window { calls, secs, label } if window.is_none() => {
                    window = Some(Window {
                        calls,
                        secs: secs.max(1),
                        label,
                        used: Mutex::new((i64::MIN, 0)),
                    })
                }
                LimitPolicy::Pace { per_second } => {
                    // One request per slot, no burst: "N per second" means evenly
                    // spaced, with room for the network's jitter (a request sent a
                    // slot after the last may still arrive a little sooner).
                    pace = NonZeroU32::new(per_second)
                        .and_then(|n| {
                            Quota::with_period(Duration::from_secs(1) / n.get() + PACE_MARGIN)
                        })
                        .map(RateLimiter::direct)
                }
                LimitPolicy::Window { .. } => {}
            }
        }
        Limiter {
            mall,
            window,
            pace,
            locked_until: AtomicI64::new(i64::MIN),
        }
    }

    /// No limits at all.
    pub fn unlimited(mall: &'static str) -> Limiter {
        Limiter::new(mall, &[])
    }

    /// Takes one call: waits for the pace, or refuses (`RateLimited`) during
    /// a lockout or when the window's budget is spent.
    pub async fn acquire(&self, now: i64) -> Result<(), MallError> {
        let locked = self.locked_until.load(Ordering::Relaxed);
        if locked > now {
            return Err(locked_out(self.mall, locked));
        }
        if let Some(w) = &self.window {
            let start = now - now.rem_euclid(w.secs);
            let mut used = w.used.lock().unwrap_or_else(|e| e.into_inner());
            if used.0 != start {
                *used = (start, 0);
            }
            if used.1 >= w.calls {
                let limit = format!("{}: {}回まで", w.label, w.calls);
                return Err(budget_exhausted(self.mall, &limit, start + w.secs));
            }
            used.1 += 1;
        }
        if let Some(p) = &self.pace {
            p.until_ready().await;
        }
        Ok(())
    }

    /// Refuses every call until `at` (UNIX seconds): `Retry-After`, or the
    /// mall said its limit is reached.
    pub fn lock_until(&self, at: i64) {
        self.locked_until.fetch_max(at, Ordering::Relaxed);
    }

    /// Calls taken in the window of `now`.
    pub fn used(&self, now: i64) -> u32 {
        self.window.as_ref().map_or(0, |w| {
            let used = w.used.lock().unwrap_or_else(|e| e.into_inner());
            if used.0 == now - now.rem_euclid(w.secs) {
                used.1
            } else {
                0
            }
        })
    }

    pub fn state(&self) -> LimitState {
        let (window_start, used) = self.window.as_ref().map_or((None, 0), |w| {
            let used = w.used.lock().unwrap_or_else(|e| e.into_inner());
            ((used.0 != i64::MIN).then_some(used.0), used.1)
        });
        let locked = self.locked_until.load(Ordering::Relaxed);
        LimitState {
            window_start,
            used,
            locked_until: (locked != i64::MIN).then_some(locked),
        }
    }

    /// Takes up a saved state (at start, before any call).
    pub fn restore(&self, s: LimitState) {
        if let (Some(w), Some(start)) = (&self.window, s.window_start) {
            let mut used = w.used.lock().unwrap_or_else(|e| e.into_inner());
            if start >= used.0 {
                *used = (start, s.used.max(if start == used.0 { used.1 } else { 0 }));
            }
        }
        if let Some(at) = s.locked_until {
            self.lock_until(at);
        }
    }
}

/// The mall's limit is near: Juchu stops on its own.
pub fn budget_exhausted(mall: &'static str, label: &str, resume_at: i64) -> MallError {
    MallError::RateLimited {
        mall,
        limit: label.to_string(),
        resume: format!("{} 以降に続きを取得します。", hhmm(resume_at)),
        retry_at: Some(resume_at),
    }
}

/// The mall asked Juchu to wait (a lockout or `Retry-After`).
fn locked_out(mall: &'static str, until: i64) -> MallError {
    MallError::RateLimited {
        mall,
        limit: "しばらく待つよう求められています".to_string(),
        resume: format!("{} 以降に続きを取得します。", hhmm(until)),
        retry_at: Some(until),
    }
}

/// `HH:MM` in JST.
pub fn hhmm(unix: i64) -> String {
    crate::time::jst(unix).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOURLY: LimitPolicy = LimitPolicy::Window {
        calls: 2,
        secs: 3600,
        label: "1時間に2回",
    };

    #[tokio::test]
    async fn a_window_counts_per_clock_hour_and_names_the_next() {
        let l = Limiter::new("BASE", &[HOURLY]);
        let t = 1_700_000_000 - 1_700_000_000 % 3600 + 10;
        assert!(l.acquire(t).await.is_ok());
        assert!(l.acquire(t + 1).await.is_ok());
        let e = l.acquire(t + 2).await.unwrap_err();
        assert!(
            matches!(e, MallError::RateLimited { retry_at: Some(at), .. } if at == t - 10 + 3600),
            "{e:?}"
        );
        assert_eq!(l.used(t), 2);
        assert!(
            l.acquire(t - 10 + 3600).await.is_ok(),
            "a new hour starts afresh"
        );
        assert_eq!(l.used(t - 10 + 3600), 1);
    }

    #[tokio::test]
    async fn a_saved_state_carries_the_budget_and_the_lockout_over() {
        let t = 1_700_000_000 - 1_700_000_000 % 3600 + 10;
        let first = Limiter::new("BASE", &[HOURLY]);
        first.acquire(t).await.unwrap();
        first.acquire(t).await.unwrap();
        first.lock_until(t + 60);
        let saved = first.state();
        assert_eq!(saved.used, 2);
        let after_restart = Limiter::new("BASE", &[HOURLY]);
        after_restart.restore(saved);
        assert!(after_restart.acquire(t + 61).await.is_err(), "budget kept");
        let other = Limiter::new("BASE", &[HOURLY]);
        other.restore(LimitState { used: 0, ..saved });
        let e = other.acquire(t + 30).await.unwrap_err();
        assert!(e.to_string().contains("待つよう"), "{e}");
        assert!(other.acquire(t + 61).await.is_ok(), "lockout ends");
    }

    #[tokio::test]
    async fn pace_waits_instead_of_refusing() {
        let l = Limiter::new("MakeShop", &[LimitPolicy::Pace { per_second: 20 }]);
        let started = std::time::Instant::now();
        for _ in 0..4 {
            l.acquire(0).await.unwrap();
        }
        // 4 calls at 20/s: the last waits for at least two 50 ms slots.
        assert!(started.elapsed() >= std::time::Duration::from_millis(100));
    }
}
