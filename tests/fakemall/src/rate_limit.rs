//! Call counting on the test clock, for the malls' rate limits.
//!
//! One [`WindowLimiter`] counts calls per key (user, shop, token…) in fixed windows:
//! * [`Alignment::Calendar`]: windows start at clock boundaries, e.g. every hour at :00
//!   (BASE's 5,000 calls/hour) or every day at JST midnight (BASE's 100,000/day);
//! * [`Alignment::FirstCall`]: a window opens at the first call after the previous one ended
//!   (e.g. Bカート's 300 calls / 300 s).
//!
//! With a `lockout`, the call that goes over the limit locks the key out for that long,
//! whatever the window (Bカート: 300 s, with `Retry-After`). MakeShop's 1 call/s is a
//! `FirstCall` window of 1 s with limit 1. Mall-specific answers are the mall's job; the
//! limiter only says [`Verdict::Allowed`] or [`Verdict::Limited`].

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};

/// Where windows start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// At multiples of the period since the UNIX epoch, shifted by `offset_seconds`
    /// (use `9 * 3600` with a one-day period for JST midnight).
    Calendar {
        /// Seconds east of UTC of the calendar the windows follow.
        offset_seconds: i64,
    },
    /// At the first call after the previous window ended.
    FirstCall,
}

/// The answer for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Counted; `remaining` calls are left in this window.
    Allowed {
        /// Calls left in the current window.
        remaining: u32,
    },
    /// Refused (not counted); the key may call again after `retry_after`.
    Limited {
        /// Time until the window resets or the lockout ends.
        retry_after: Duration,
    },
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    window_start: DateTime<Utc>,
    count: u32,
    locked_until: Option<DateTime<Utc>>,
}

/// Fixed-window call counter per key.
#[derive(Debug)]
pub struct WindowLimiter {
    limit: Mutex<u32>,
    period: Duration,
    alignment: Alignment,
    lockout: Option<Duration>,
    entries: Mutex<HashMap<String, Entry>>,
}

impl WindowLimiter {
    /// `limit` calls per `period`, windows placed by `alignment`, no lockout.
    pub fn new(limit: u32, period: Duration, alignment: Alignment) -> Self {
        Self {
            limit: Mutex::new(limit),
            period,
            alignment,
            lockout: None,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Locks a key out for `lockout` when it goes over the limit.
    pub fn with_lockout(mut self, lockout: Duration) -> Self {
        self.lockout = Some(lockout);
        self
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current limit.
    pub fn limit(&self) -> u32 {
        *self.limit.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Changes the limit (tests lower it to reach it quickly).
    pub fn set_limit(&self, limit: u32) {
        *self.limit.lock().unwrap_or_else(|e| e.into_inner()) = limit;
    }

    /// Forgets every count and lockout.
    pub fn reset(&self) {
        self.entries().clear();
    }

    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self.alignment {
            Alignment::Calendar { offset_seconds } => {
                let period = self.period.num_seconds().max(1);
                let local = now.timestamp() + offset_seconds;
                let start = local.div_euclid(period) * period - offset_seconds;
                DateTime::from_timestamp(start, 0).unwrap_or(now)
            }
            Alignment::FirstCall => now,
        }
    }

    /// Counts one call of `key` at `now`, unless it is over the limit.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Verdict {
        let limit = self.limit();
        let mut entries = self.entries();
        let fresh = Entry {
            window_start: self.window_start(now),
            count: 0,
            locked_until: None,
        };
        let entry = entries.entry(key.to_string()).or_insert(fresh);
        if let Some(until) = entry.locked_until {
            if now < until {
                return Verdict::Limited {
                    retry_after: until - now,
                };
            }
            *entry = fresh;
        }
        if now >= entry.window_start + self.period || now < entry.window_start {
            *entry = fresh;
        }
        if entry.count >= limit {
            if let Some(lockout) = self.lockout {
                entry.locked_until = Some(now + lockout);
                return Verdict::Limited {
                    retry_after: lockout,
                };
            }
            return Verdict::Limited {
                retry_after: entry.window_start + self.period - now,
            };
        }
        entry.count += 1;
        Verdict::Allowed {
            remaining: limit - entry.count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .expect("valid time")
    }

    #[test]
    fn calendar_hour_resets_at_the_top_of_the_hour() {
        let l = WindowLimiter::new(
            2,
            Duration::hours(1),
            Alignment::Calendar { offset_seconds: 0 },
        );
        let t = at("2024-06-01T10:59:00Z");
        assert_eq!(l.check("u", t), Verdict::Allowed { remaining: 1 });
        assert_eq!(l.check("u", t), Verdict::Allowed { remaining: 0 });
        assert_eq!(
            l.check("u", t),
            Verdict::Limited {
                retry_after: Duration::minutes(1)
            }
        );
        assert_eq!(l.check("other", t), Verdict::Allowed { remaining: 1 });
        assert_eq!(
            l.check("u", at("2024-06-01T11:00:00Z")),
            Verdict::Allowed { remaining: 1 }
        );
    }

    #[test]
    fn calendar_day_follows_jst_midnight() {
        let l = WindowLimiter::new(
            1,
            Duration::days(1),
            Alignment::Calendar {
                offset_seconds: 9 * 3600,
            },
        );
        // 14:59 UTC = 23:59 JST
        assert!(matches!(
            l.check("u", at("2024-06-01T14:59:00Z")),
            Verdict::Allowed { .. }
        ));
        assert!(matches!(
            l.check("u", at("2024-06-01T14:59:30Z")),
            Verdict::Limited { .. }
        ));
        assert!(matches!(
            l.check("u", at("2024-06-01T15:00:00Z")),
            Verdict::Allowed { .. }
        ));
    }

    #[test]
    fn lockout_outlasts_the_window() {
        let l = WindowLimiter::new(2, Duration::seconds(300), Alignment::FirstCall)
            .with_lockout(Duration::seconds(300));
        let t = at("2024-06-01T00:00:00Z");
        l.check("k", t);
        l.check("k", t + Duration::seconds(10));
        assert_eq!(
            l.check("k", t + Duration::seconds(20)),
            Verdict::Limited {
                retry_after: Duration::seconds(300)
            }
        );
        // The window would have reset at t+300, the lockout runs until t+320.
        assert_eq!(
            l.check("k", t + Duration::seconds(310)),
            Verdict::Limited {
                retry_after: Duration::seconds(10)
            }
        );
        assert!(matches!(
            l.check("k", t + Duration::seconds(320)),
            Verdict::Allowed { .. }
        ));
    }
}
