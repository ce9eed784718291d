//! `--fault SPEC`: one fault setting for one mall (or every mall), as text.
//!
//! ```text
//! SPEC  = [MALL ":"] FAULT [":" VALUE] ["@" PATH]
//! MALL  = base | qoo10 | bcart | makeshop | shopserve        (absent: every mall)
//! FAULT = 5xx | timeout | malformed | truncated | html        VALUE: share of requests, 0..=1
//!                                                             (absent: 1, every request)
//!       | latency                                             VALUE: milliseconds (required)
//!       | ratelimit | maintenance | expired                   no VALUE
//! PATH  = a path prefix starting with "/": only requests under it get the fault
//!         (not for ratelimit and expired, which are switches of the whole mall)
//! ```
//!
//! `5xx` answers 500, 502 or 503; `timeout` hangs without answering; `malformed` answers 200
//! with broken JSON; `truncated` cuts the body off halfway; `html` answers an HTML 503 page;
//! `latency` delays every answer; `ratelimit` forces the mall's rate-limit answer;
//! `maintenance` gives the mall's maintenance answer; `expired` makes every credential count
//! as expired. Examples: `5xx:0.1`, `base:timeout:0.05`, `qoo10:malformed`,
//! `base:5xx:0.2@/1/orders`, `bcart:ratelimit`, `latency:250`.
//!
//! How several specs combine into each mall's [`FaultConfig`](super::FaultConfig) is
//! [`FaultPlan`](super::plan::FaultPlan)'s business.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::mall::MallKind;

/// One parsed `--fault` spec.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// The mall it applies to; `None`: every mall.
    pub mall: Option<MallKind>,
    /// What it sets.
    pub setting: FaultSetting,
    /// The path prefix it is limited to, if any.
    pub path: Option<String>,
}

/// What one spec sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FaultSetting {
    /// A random transport fault with this share of requests (0..=1).
    Rate(RateFault, f64),
    /// Added latency on every answer.
    Latency(Duration),
    /// The mall's rate-limit answer to every rate-limited call.
    RateLimit,
    /// The mall's maintenance answer to every request.
    Maintenance,
    /// Every credential counts as expired.
    Expired,
}

/// The random transport faults (see [`FaultConfig`](super::FaultConfig)'s rates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateFault {
    /// `5xx`: 500, 502 or 503.
    ServerError,
    /// `timeout`: a hang.
    Timeout,
    /// `malformed`: 200 with broken JSON.
    Malformed,
    /// `truncated`: the body cut off halfway.
    Truncated,
    /// `html`: an HTML 503 page.
    Html,
}

impl RateFault {
    /// Every one, in grammar order.
    pub const ALL: [RateFault; 5] = [
        RateFault::ServerError,
        RateFault::Timeout,
        RateFault::Malformed,
        RateFault::Truncated,
        RateFault::Html,
    ];

    /// Its name in a spec.
    pub fn name(self) -> &'static str {
        match self {
            RateFault::ServerError => "5xx",
            RateFault::Timeout => "timeout",
            RateFault::Malformed => "malformed",
            RateFault::Truncated => "truncated",
            RateFault::Html => "html",
        }
    }
}

impl FaultSetting {
    /// Its name in a spec.
    pub fn name(&self) -> &'static str {
        match self {
            FaultSetting::Rate(fault, _) => fault.name(),
            FaultSetting::Latency(_) => "latency",
            FaultSetting::RateLimit => "ratelimit",
            FaultSetting::Maintenance => "maintenance",
            FaultSetting::Expired => "expired",
        }
    }

    /// Whether it can be limited to a path (`@PATH`): everything but the mall-wide switches
    /// `ratelimit` and `expired`.
    pub fn takes_path(&self) -> bool {
        !matches!(self, FaultSetting::RateLimit | FaultSetting::Expired)
    }
}

/// Why a spec does not parse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FaultSpecError {
    /// Nothing given.
    #[error("empty fault spec; the form is [MALL:]FAULT[:VALUE][@PATH], e.g. 5xx:0.1")]
    Empty,
    /// The fault's name is not one of the grammar.
    #[error("unknown fault {0:?}; faults: 5xx, timeout, malformed, truncated, html, latency, ratelimit, maintenance, expired; malls: base, qoo10, bcart, makeshop, shopserve")]
    UnknownFault(String),
    /// More `:` parts than `MALL:FAULT:VALUE`.
    #[error("too many ':' parts in {0:?}; the form is [MALL:]FAULT[:VALUE][@PATH]")]
    TooManyParts(String),
    /// A rate that is not a number from 0 to 1.
    #[error("the share of {fault} must be a number from 0 to 1, got {value:?}")]
    BadRate {
        /// The fault's name.
        fault: &'static str,
        /// What was given.
        value: String,
    },
    /// `latency` without milliseconds, or with something else.
    #[error("latency takes whole milliseconds, e.g. latency:250, got {0:?}")]
    BadLatency(String),
    /// A value given to a switch.
    #[error("{fault} takes no value, got {value:?}")]
    UnexpectedValue {
        /// The fault's name.
        fault: &'static str,
        /// What was given.
        value: String,
    },
    /// `@PATH` on a mall-wide switch.
    #[error("{0} is a switch of the whole mall and cannot be limited to a path")]
    PathNotAllowed(&'static str),
    /// A path that does not start with `/`.
    #[error("the path after '@' must start with '/', got {0:?}")]
    BadPath(String),
}

impl FromStr for FaultSpec {
    type Err = FaultSpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (head, path) = match s.split_once('@') {
            Some((head, path)) => (head, Some(parse_path(path)?)),
            None => (s, None),
        };
        if head.is_empty() {
            return Err(FaultSpecError::Empty);
        }
        let mut parts: Vec<&str> = head.split(':').collect();
        let mall = match parts[0].parse::<MallKind>() {
            Ok(kind) => {
                parts.remove(0);
                Some(kind)
            }
            Err(_) => None,
        };
        let (name, value) = match parts.as_slice() {
            [] => return Err(FaultSpecError::Empty),
            [name] => (*name, None),
            [name, value] => (*name, Some(*value)),
            _ => return Err(FaultSpecError::TooManyParts(s.to_string())),
        };
        let setting = parse_setting(name, value)?;
        if path.is_some() && !setting.takes_path() {
            return Err(FaultSpecError::PathNotAllowed(setting.name()));
        }
        Ok(FaultSpec {
            mall,
            setting,
            path,
        })
    }
}

fn parse_path(path: &str) -> Result<String, FaultSpecError> {
    if path.starts_with('/') {
        Ok(path.to_string())
    } else {
        Err(FaultSpecError::BadPath(path.to_string()))
    }
}

fn parse_setting(name: &str, value: Option<&str>) -> Result<FaultSetting, FaultSpecError> {
    let lower = name.to_ascii_lowercase();
    if let Some(fault) = RateFault::ALL.into_iter().find(|f| f.name() == lower) {
        let rate = match value {
            None => 1.0,
            Some(v) => parse_rate(fault, v)?,
        };
        return Ok(FaultSetting::Rate(fault, rate));
    }
    let switch = match lower.as_str() {
        "latency" => {
            let ms = value.unwrap_or_default();
            return ms
                .parse::<u64>()
                .map(|ms| FaultSetting::Latency(Duration::from_millis(ms)))
                .map_err(|_| FaultSpecError::BadLatency(ms.to_string()));
        }
        "ratelimit" => FaultSetting::RateLimit,
        "maintenance" => FaultSetting::Maintenance,
        "expired" => FaultSetting::Expired,
        _ => return Err(FaultSpecError::UnknownFault(name.to_string())),
    };
    match value {
        None => Ok(switch),
        Some(v) => Err(FaultSpecError::UnexpectedValue {
            fault: switch.name(),
            value: v.to_string(),
        }),
    }
}

fn parse_rate(fault: RateFault, value: &str) -> Result<f64, FaultSpecError> {
    value
        .parse::<f64>()
        .ok()
        .filter(|r| (0.0..=1.0).contains(r))
        .ok_or_else(|| FaultSpecError::BadRate {
            fault: fault.name(),
            value: value.to_string(),
        })
}

/// The canonical spelling, which parses back to the same spec.
impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(mall) = self.mall {
            write!(f, "{}:", mall.id())?;
        }
        f.write_str(self.setting.name())?;
        match self.setting {
            FaultSetting::Rate(_, rate) => write!(f, ":{rate}")?,
            FaultSetting::Latency(d) => write!(f, ":{}", d.as_millis())?,
            _ => {}
        }
        if let Some(path) = &self.path {
            write!(f, "@{path}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> FaultSpec {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn error(s: &str) -> FaultSpecError {
        match s.parse::<FaultSpec>() {
            Ok(spec) => panic!("{s} parsed as {spec:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_rates_with_and_without_a_mall_and_a_path() {
        assert_eq!(
            spec("5xx:0.1"),
            FaultSpec {
                mall: None,
                setting: FaultSetting::Rate(RateFault::ServerError, 0.1),
                path: None
            }
        );
        assert_eq!(
            spec("base:5xx:0.2@/1/orders"),
            FaultSpec {
                mall: Some(MallKind::Base),
                setting: FaultSetting::Rate(RateFault::ServerError, 0.2),
                path: Some("/1/orders".into())
            }
        );
        for (text, fault, rate) in [
            ("QOO10:malformed", RateFault::Malformed, 1.0),
            ("timeout:0.05", RateFault::Timeout, 0.05),
            ("truncated:1", RateFault::Truncated, 1.0),
            ("html:0", RateFault::Html, 0.0),
        ] {
            assert_eq!(
                spec(text).setting,
                FaultSetting::Rate(fault, rate),
                "{text}"
            );
        }
    }

    #[test]
    fn parses_latency_and_switches() {
        assert_eq!(
            spec("makeshop:latency:250").setting,
            FaultSetting::Latency(Duration::from_millis(250))
        );
        assert_eq!(spec("bcart:ratelimit").setting, FaultSetting::RateLimit);
        assert_eq!(spec("shopserve:expired").setting, FaultSetting::Expired);
        let m = spec("maintenance@/api");
        assert_eq!(
            (m.mall, m.setting, m.path.as_deref()),
            (None, FaultSetting::Maintenance, Some("/api"))
        );
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "5xx:0.1",
            "base:5xx:0.2@/1/orders",
            "qoo10:malformed:1",
            "latency:250",
            "bcart:ratelimit",
            "maintenance@/api/v1",
            "shopserve:expired",
        ] {
            assert_eq!(spec(s).to_string(), s);
            assert_eq!(spec(&spec(s).to_string()), spec(s));
        }
    }

    #[test]
    fn refuses_bad_specs_with_a_reason() {
        assert_eq!(error(""), FaultSpecError::Empty);
        assert_eq!(error("base"), FaultSpecError::Empty);
        assert_eq!(error("@/1/orders"), FaultSpecError::Empty);
        assert_eq!(error("boom"), FaultSpecError::UnknownFault("boom".into()));
        assert_eq!(
            error("rakuten:5xx"),
            FaultSpecError::UnknownFault("rakuten".into())
        );
        assert_eq!(
            error("base:5xx:0.1:2"),
            FaultSpecError::TooManyParts("base:5xx:0.1:2".into())
        );
        assert_eq!(
            error("5xx:1.5"),
            FaultSpecError::BadRate {
                fault: "5xx",
                value: "1.5".into()
            }
        );
        assert!(matches!(
            error("timeout:lots"),
            FaultSpecError::BadRate { .. }
        ));
        assert!(matches!(error("html:NaN"), FaultSpecError::BadRate { .. }));
        assert_eq!(error("latency"), FaultSpecError::BadLatency(String::new()));
        assert_eq!(
            error("latency:0.5"),
            FaultSpecError::BadLatency("0.5".into())
        );
        assert_eq!(
            error("ratelimit:0.5"),
            FaultSpecError::UnexpectedValue {
                fault: "ratelimit",
                value: "0.5".into()
            }
        );
        assert_eq!(
            error("base:expired@/1/orders"),
            FaultSpecError::PathNotAllowed("expired")
        );
        assert_eq!(
            error("5xx@1/orders"),
            FaultSpecError::BadPath("1/orders".into())
        );
        assert!(error("boom").to_string().contains("5xx, timeout"));
    }
}
