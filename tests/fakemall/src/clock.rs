//! A test-controlled clock.
//!
//! Every fake reads "now" from its [`Clock`], never from the system directly, so that token
//! lifetimes, rate-limit windows and "orders of the last 30 days" can be driven by a test.
//! By default the clock follows real time; a test can [`advance`](Clock::advance) it, move it
//! to a given instant with [`set`](Clock::set), or [`freeze`](Clock::freeze) it.
//!
//! Only mall semantics use this clock. Injected latency and hangs use real (tokio) time, since
//! they exist to exercise a client's real timeouts.

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, FixedOffset, Utc};

/// Japan Standard Time (+09:00, no DST): the offset every mall uses for its naive date strings.
pub fn jst() -> FixedOffset {
    // 9 hours is always a valid offset.
    FixedOffset::east_opt(9 * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

#[derive(Debug, Clone, Copy)]
enum Mode {
    /// Real time plus an offset.
    Running { offset: Duration },
    /// Stopped at one instant until advanced or set.
    Frozen { at: DateTime<Utc> },
}

/// A cheaply clonable handle on one clock; clones share the same time.
#[derive(Debug, Clone)]
pub struct Clock {
    mode: Arc<Mutex<Mode>>,
}

impl Default for Clock {
    fn default() -> Self {
        Self::real()
    }
}

impl Clock {
    /// A clock that follows real time until a test moves it.
    pub fn real() -> Self {
        Self {
            mode: Arc::new(Mutex::new(Mode::Running {
                offset: Duration::zero(),
            })),
        }
    }

    /// A clock stopped at `at`.
    pub fn frozen_at(at: DateTime<Utc>) -> Self {
        Self {
            mode: Arc::new(Mutex::new(Mode::Frozen { at })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Mode> {
        self.mode.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current instant on this clock.
    pub fn now(&self) -> DateTime<Utc> {
        match *self.lock() {
            Mode::Running { offset } => Utc::now() + offset,
            Mode::Frozen { at } => at,
        }
    }

    /// The current instant in JST.
    pub fn now_jst(&self) -> DateTime<FixedOffset> {
        self.now().with_timezone(&jst())
    }

    /// Moves the clock forward (or backward, with a negative duration). A running clock keeps
    /// running from the new time; a frozen one stays frozen at the new time.
    pub fn advance(&self, by: Duration) {
        let mut mode = self.lock();
        *mode = match *mode {
            Mode::Running { offset } => Mode::Running {
                offset: offset + by,
            },
            Mode::Frozen { at } => Mode::Frozen { at: at + by },
        };
    }

    /// Jumps to `at`. A running clock keeps running from there.
    pub fn set(&self, at: DateTime<Utc>) {
        let mut mode = self.lock();
        *mode = match *mode {
            Mode::Running { .. } => Mode::Running {
                offset: at - Utc::now(),
            },
            Mode::Frozen { .. } => Mode::Frozen { at },
        };
    }

    /// Stops the clock at its current time.
    pub fn freeze(&self) {
        let now = self.now();
        *self.lock() = Mode::Frozen { at: now };
    }

    /// Lets a frozen clock run again from where it stood.
    pub fn resume(&self) {
        let mut mode = self.lock();
        if let Mode::Frozen { at } = *mode {
            *mode = Mode::Running {
                offset: at - Utc::now(),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_and_set_move_a_frozen_clock() {
        let t0 = DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .expect("valid");
        let clock = Clock::frozen_at(t0);
        assert_eq!(clock.now(), t0);
        clock.advance(Duration::hours(2));
        assert_eq!(clock.now(), t0 + Duration::hours(2));
        let shared = clock.clone();
        shared.set(t0);
        assert_eq!(clock.now(), t0);
        assert_eq!(clock.now_jst().to_rfc3339(), "2024-06-01T09:00:00+09:00");
    }

    #[test]
    fn running_clock_follows_real_time_plus_offset() {
        let clock = Clock::real();
        clock.advance(Duration::days(3));
        let diff = clock.now() - Utc::now();
        assert!(diff > Duration::days(3) - Duration::seconds(5));
        assert!(diff < Duration::days(3) + Duration::seconds(5));
        clock.freeze();
        let a = clock.now();
        clock.resume();
        assert!(clock.now() >= a);
    }
}
