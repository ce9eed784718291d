//! Fault injection, switchable by a test at runtime, per mall.
//!
//! Each running fake owns one [`Faults`] handle (`fake.faults()`). Two kinds of faults exist:
//!
//! * **Transport faults**, applied by the framework in front of every mall's handlers
//!   (see [`crate::server`]): added latency, random 500/502/503 answers, hangs longer than a
//!   client's timeout, malformed JSON, bodies cut off mid-transfer, HTML error pages. They are
//!   drawn from a seeded RNG, so a given seed and request sequence always gives the same
//!   faults. For exact scripting, [`Faults::inject_next`] queues one-shot faults that the next
//!   requests receive in order, before any random draw.
//! * **Mall faults**, whose answer has the mall's own shape: expired credentials, a forced
//!   rate limit, maintenance. They are flags; maintenance is answered by the framework with
//!   the mall's [`MallProfile::maintenance_response`](crate::server::MallProfile), the other
//!   two must be honoured by each mall's auth and rate-limit code
//!   ([`Faults::credentials_expired`], [`Faults::rate_limit_forced`]).
//!
//! Injected faults are recorded with the request ([`crate::recorder::RecordedRequest::fault`]).
//!
//! From the command line (`fakemall --fault SPEC`), faults are written as [`FaultSpec`]s
//! ([`spec`] has the grammar) and combined into each mall's configuration by a [`FaultPlan`].

pub mod plan;
pub mod spec;

pub use plan::{FaultPlan, FaultPlanError};
pub use spec::{FaultSetting, FaultSpec, FaultSpecError, RateFault};

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One transport fault that replaces (or damages) a mall's real answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this HTTP status and a short plain-text body, without running the mall.
    Status(u16),
    /// Never answer within the configured [`FaultConfig::hang_for`] (the connection stays
    /// open, then a 504 is sent; the mall's handler is not run).
    Hang,
    /// 200 with `Content-Type: application/json` and a body that is not valid JSON.
    MalformedJson,
    /// Run the mall, send its status and headers, then cut the connection halfway through the
    /// body (the `Content-Length` announces the full size).
    TruncatedBody,
    /// An HTML error page (as a proxy or load balancer sends) with this status.
    HtmlErrorPage(u16),
}

/// The fault's name in a record line: `status:502`, `hang`, `malformed_json`,
/// `truncated_body`, `html_error_page:503`.
impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Status(code) => write!(f, "status:{code}"),
            Fault::Hang => f.write_str("hang"),
            Fault::MalformedJson => f.write_str("malformed_json"),
            Fault::TruncatedBody => f.write_str("truncated_body"),
            Fault::HtmlErrorPage(code) => write!(f, "html_error_page:{code}"),
        }
    }
}

/// The switchable fault settings of one mall. `Default` is "no faults".
#[derive(Debug, Clone, PartialEq)]
pub struct FaultConfig {
    /// Added to every answer (real time).
    pub latency: Duration,
    /// Probability (0..1) of answering 500, 502 or 503 (uniformly) instead of the real answer.
    pub server_error_rate: f64,
    /// Probability of [`Fault::Hang`].
    pub timeout_rate: f64,
    /// How long a hang lasts; make it longer than the client's timeout.
    pub hang_for: Duration,
    /// Probability of [`Fault::MalformedJson`].
    pub malformed_json_rate: f64,
    /// Probability of [`Fault::TruncatedBody`].
    pub truncated_body_rate: f64,
    /// Probability of [`Fault::HtmlErrorPage`] (status 503).
    pub html_error_rate: f64,
    /// Every credential presented counts as expired (answered in the mall's shape).
    pub credentials_expired: bool,
    /// Every rate-limited call answers as if over the limit (in the mall's shape).
    pub force_rate_limit: bool,
    /// The mall is in maintenance: every request gets its maintenance answer.
    pub maintenance: bool,
    /// When set, transport faults and maintenance only hit paths starting with this prefix.
    pub path_prefix: Option<String>,
}

impl Default for FaultConfig {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            server_error_rate: 0.0,
            timeout_rate: 0.0,
            hang_for: Duration::from_secs(120),
            malformed_json_rate: 0.0,
            truncated_body_rate: 0.0,
            html_error_rate: 0.0,
            credentials_expired: false,
            force_rate_limit: false,
            maintenance: false,
            path_prefix: None,
        }
    }
}

#[derive(Debug)]
struct State {
    config: FaultConfig,
    queue: VecDeque<Fault>,
    rng: ChaCha8Rng,
}

/// What the framework does with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub latency: Duration,
    pub maintenance: bool,
    pub fault: Option<Fault>,
    pub hang_for: Duration,
}

/// Shared, clonable handle on one mall's fault settings.
#[derive(Debug, Clone)]
pub struct Faults {
    state: Arc<Mutex<State>>,
}

impl Faults {
    /// No faults; random draws seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            state: Arc::new(Mutex::new(State {
                config: FaultConfig::default(),
                queue: VecDeque::new(),
                rng: ChaCha8Rng::seed_from_u64(seed),
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the whole configuration.
    pub fn set(&self, config: FaultConfig) {
        self.lock().config = config;
    }

    /// The current configuration.
    pub fn config(&self) -> FaultConfig {
        self.lock().config.clone()
    }

    /// Changes the configuration in place: `faults.update(|c| c.server_error_rate = 0.2)`.
    pub fn update(&self, f: impl FnOnce(&mut FaultConfig)) {
        f(&mut self.lock().config);
    }

    /// Back to no faults: default configuration and an empty one-shot queue.
    pub fn clear(&self) {
        let mut s = self.lock();
        s.config = FaultConfig::default();
        s.queue.clear();
    }

    /// Restarts the random draws from `seed`.
    pub fn reseed(&self, seed: u64) {
        self.lock().rng = ChaCha8Rng::seed_from_u64(seed);
    }

    /// Queues a one-shot fault for the next request (after those already queued).
    pub fn inject_next(&self, fault: Fault) {
        self.lock().queue.push_back(fault);
    }

    /// Queues the same one-shot fault for the next `n` requests.
    pub fn inject_next_n(&self, n: usize, fault: Fault) {
        let mut s = self.lock();
        for _ in 0..n {
            s.queue.push_back(fault.clone());
        }
    }

    /// Sets the added latency.
    pub fn set_latency(&self, latency: Duration) {
        self.update(|c| c.latency = latency);
    }

    /// Switches maintenance on or off.
    pub fn set_maintenance(&self, on: bool) {
        self.update(|c| c.maintenance = on);
    }

    /// Makes every credential count as expired, or stops doing so.
    pub fn set_credentials_expired(&self, on: bool) {
        self.update(|c| c.credentials_expired = on);
    }

    /// Forces the mall's rate-limit answer, or stops doing so.
    pub fn set_force_rate_limit(&self, on: bool) {
        self.update(|c| c.force_rate_limit = on);
    }

    /// For mall code: must every credential be treated as expired?
    pub fn credentials_expired(&self) -> bool {
        self.lock().config.credentials_expired
    }

    /// For mall code: must every rate-limited call be refused?
    pub fn rate_limit_forced(&self) -> bool {
        self.lock().config.force_rate_limit
    }

    /// For mall code: is the mall in maintenance?
    pub fn maintenance(&self) -> bool {
        self.lock().config.maintenance
    }

    /// Draws the fate of one request to `path`.
    pub(crate) fn decide(&self, path: &str) -> Decision {
        let mut s = self.lock();
        let applies = s
            .config
            .path_prefix
            .as_deref()
            .is_none_or(|prefix| path.starts_with(prefix));
        let hang_for = s.config.hang_for;
        if !applies {
            return Decision {
                latency: Duration::ZERO,
                maintenance: false,
                fault: None,
                hang_for,
            };
        }
        let latency = s.config.latency;
        let maintenance = s.config.maintenance;
        let fault = match s.queue.pop_front() {
            Some(f) => Some(f),
            None => draw(&mut s),
        };
        Decision {
            latency,
            maintenance,
            fault,
            hang_for,
        }
    }
}

/// One uniform draw decides among the random faults, so the sequence of faults depends only on
/// the seed and the number of requests.
fn draw(s: &mut State) -> Option<Fault> {
    let c = s.config.clone();
    let total = c.server_error_rate
        + c.timeout_rate
        + c.malformed_json_rate
        + c.truncated_body_rate
        + c.html_error_rate;
    if total <= 0.0 {
        return None;
    }
    let x: f64 = s.rng.random();
    let pick: u8 = s.rng.random_range(0..3);
    let mut edge = c.server_error_rate;
    if x < edge {
        return Some(Fault::Status([500, 502, 503][usize::from(pick)]));
    }
    edge += c.timeout_rate;
    if x < edge {
        return Some(Fault::Hang);
    }
    edge += c.malformed_json_rate;
    if x < edge {
        return Some(Fault::MalformedJson);
    }
    edge += c.truncated_body_rate;
    if x < edge {
        return Some(Fault::TruncatedBody);
    }
    edge += c.html_error_rate;
    if x < edge {
        return Some(Fault::HtmlErrorPage(503));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sequence(seed: u64, n: usize) -> Vec<Option<Fault>> {
        let f = Faults::new(seed);
        f.update(|c| {
            c.server_error_rate = 0.3;
            c.malformed_json_rate = 0.2;
        });
        (0..n).map(|_| f.decide("/x").fault).collect()
    }

    #[test]
    fn random_faults_are_deterministic_per_seed_and_follow_the_rate() {
        let a = sequence(7, 400);
        assert_eq!(a, sequence(7, 400));
        assert_ne!(a, sequence(8, 400));
        let errors = a
            .iter()
            .filter(|f| matches!(f, Some(Fault::Status(_))))
            .count();
        let malformed = a
            .iter()
            .filter(|f| **f == Some(Fault::MalformedJson))
            .count();
        assert!((80..160).contains(&errors), "{errors}");
        assert!((45..115).contains(&malformed), "{malformed}");
        for status in [500, 502, 503] {
            assert!(a.contains(&Some(Fault::Status(status))));
        }
    }

    #[test]
    fn queued_faults_come_first_and_prefix_limits_scope() {
        let f = Faults::new(1);
        f.inject_next(Fault::Hang);
        f.inject_next_n(2, Fault::Status(502));
        assert_eq!(f.decide("/a").fault, Some(Fault::Hang));
        assert_eq!(f.decide("/a").fault, Some(Fault::Status(502)));
        assert_eq!(f.decide("/a").fault, Some(Fault::Status(502)));
        assert_eq!(f.decide("/a").fault, None);
        f.update(|c| {
            c.server_error_rate = 1.0;
            c.path_prefix = Some("/1/orders".into());
        });
        assert_eq!(f.decide("/1/oauth/token").fault, None);
        assert!(matches!(
            f.decide("/1/orders").fault,
            Some(Fault::Status(_))
        ));
        f.clear();
        assert_eq!(f.decide("/1/orders").fault, None);
    }
}
