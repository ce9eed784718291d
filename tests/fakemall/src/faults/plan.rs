//! Many `--fault` specs and `--latency-ms`, turned into one [`FaultConfig`] per mall.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use super::spec::{FaultSetting, FaultSpec, RateFault};
use super::{FaultConfig, Faults};
use crate::mall::MallKind;

/// The fault configuration of every mall, built from specs.
///
/// The specs apply in the order given; a later spec of the same fault for the same mall
/// replaces the earlier one (`5xx:0.1 base:5xx:0.5`: BASE 0.5, the others 0.1). A mall has
/// one path prefix ([`FaultConfig::path_prefix`]) for all its transport faults, latency and
/// maintenance, so the specs of one mall that can take a path must all name the same one (or
/// all none); `--latency-ms` counts as one without a path. The shares of one mall's random
/// faults may add up to 1 at most.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultPlan {
    configs: BTreeMap<MallKind, FaultConfig>,
}

/// Specs that cannot hold together.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FaultPlanError {
    /// Path-scoped specs of one mall with different paths.
    #[error("{mall}: faults limited to different paths ({}); a mall has one path prefix for all its faults, so give them the same @PATH (--latency-ms counts as every path)", .paths.join(", "))]
    PathConflict {
        /// The mall's id.
        mall: &'static str,
        /// The paths, `every path` for none.
        paths: Vec<String>,
    },
    /// Random fault shares adding up to more than 1.
    #[error("{mall}: the shares of random faults add up to {total}, more than 1")]
    RatesOverOne {
        /// The mall's id.
        mall: &'static str,
        /// Their sum.
        total: f64,
    },
}

impl FaultPlan {
    /// The configuration of every mall: `latency` on every answer, then `specs` in order.
    pub fn new(latency: Duration, specs: &[FaultSpec]) -> Result<Self, FaultPlanError> {
        let mut configs = BTreeMap::new();
        for kind in MallKind::ALL {
            let mine: Vec<&FaultSpec> = specs
                .iter()
                .filter(|s| s.mall.is_none_or(|m| m == kind))
                .collect();
            if latency.is_zero() && mine.is_empty() {
                continue;
            }
            configs.insert(kind, config_of(kind, latency, &mine)?);
        }
        Ok(Self { configs })
    }

    /// Whether no mall gets any fault.
    pub fn is_empty(&self) -> bool {
        self.configs.is_empty()
    }

    /// The configuration of `kind` (the default, no faults, when no spec concerns it).
    pub fn config(&self, kind: MallKind) -> FaultConfig {
        self.configs.get(&kind).cloned().unwrap_or_default()
    }

    /// Sets the configuration of a running mall of `kind`, if a spec concerns it.
    pub fn apply(&self, kind: MallKind, faults: &Faults) {
        if let Some(config) = self.configs.get(&kind) {
            faults.set(config.clone());
        }
    }
}

fn config_of(
    kind: MallKind,
    latency: Duration,
    specs: &[&FaultSpec],
) -> Result<FaultConfig, FaultPlanError> {
    let mut config = FaultConfig {
        latency,
        ..FaultConfig::default()
    };
    let mut paths: BTreeSet<Option<&str>> = BTreeSet::new();
    if !latency.is_zero() {
        paths.insert(None);
    }
    for spec in specs {
        if spec.setting.takes_path() {
            paths.insert(spec.path.as_deref());
        }
        set(&mut config, spec.setting);
    }
    if paths.len() > 1 {
        return Err(FaultPlanError::PathConflict {
            mall: kind.id(),
            paths: paths
                .into_iter()
                .map(|p| p.unwrap_or("every path").to_string())
                .collect(),
        });
    }
    config.path_prefix = paths.into_iter().flatten().next().map(str::to_string);
    let total = config.server_error_rate
        + config.timeout_rate
        + config.malformed_json_rate
        + config.truncated_body_rate
        + config.html_error_rate;
    if total > 1.0 + 1e-9 {
        return Err(FaultPlanError::RatesOverOne {
            mall: kind.id(),
            total,
        });
    }
    Ok(config)
}

fn set(config: &mut FaultConfig, setting: FaultSetting) {
    match setting {
        FaultSetting::Rate(fault, rate) => {
            let field = match fault {
                RateFault::ServerError => &mut config.server_error_rate,
                RateFault::Timeout => &mut config.timeout_rate,
                RateFault::Malformed => &mut config.malformed_json_rate,
                RateFault::Truncated => &mut config.truncated_body_rate,
                RateFault::Html => &mut config.html_error_rate,
            };
            *field = rate;
        }
        FaultSetting::Latency(d) => config.latency = d,
        FaultSetting::RateLimit => config.force_rate_limit = true,
        FaultSetting::Maintenance => config.maintenance = true,
        FaultSetting::Expired => config.credentials_expired = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(latency_ms: u64, specs: &[&str]) -> Result<FaultPlan, FaultPlanError> {
        let specs: Vec<FaultSpec> = specs
            .iter()
            .map(|s| s.parse().unwrap_or_else(|e| panic!("{s}: {e}")))
            .collect();
        FaultPlan::new(Duration::from_millis(latency_ms), &specs)
    }

    #[test]
    fn nothing_asked_gives_an_empty_plan() {
        let p = plan(0, &[]).expect("plan");
        assert!(p.is_empty());
        assert_eq!(p.config(MallKind::Base), FaultConfig::default());
    }

    #[test]
    fn later_specs_replace_earlier_ones_and_malls_are_scoped() {
        let p = plan(
            40,
            &["5xx:0.1", "base:5xx:0.5", "bcart:ratelimit", "timeout:0.2"],
        )
        .expect("plan");
        let base = p.config(MallKind::Base);
        assert_eq!(base.server_error_rate, 0.5);
        assert_eq!(base.timeout_rate, 0.2);
        assert_eq!(base.latency, Duration::from_millis(40));
        assert!(!base.force_rate_limit);
        let bcart = p.config(MallKind::Bcart);
        assert_eq!(bcart.server_error_rate, 0.1);
        assert!(bcart.force_rate_limit);
        assert_eq!(
            p.config(MallKind::Shopserve).latency,
            Duration::from_millis(40)
        );
    }

    #[test]
    fn one_path_per_mall() {
        let p = plan(
            0,
            &[
                "base:5xx:0.2@/1/orders",
                "base:maintenance@/1/orders",
                "base:expired",
                "qoo10:html",
            ],
        )
        .expect("plan");
        let base = p.config(MallKind::Base);
        assert_eq!(base.path_prefix.as_deref(), Some("/1/orders"));
        assert!(base.maintenance && base.credentials_expired);
        assert_eq!(p.config(MallKind::Qoo10).path_prefix, None);

        let e =
            plan(0, &["base:5xx@/1/orders", "base:timeout:0.1@/1/oauth"]).expect_err("conflict");
        assert_eq!(
            e,
            FaultPlanError::PathConflict {
                mall: "base",
                paths: vec!["/1/oauth".into(), "/1/orders".into()]
            }
        );
        assert!(e.to_string().contains("same @PATH"));
        assert!(matches!(
            plan(0, &["5xx:0.1", "base:html:0.1@/1/orders"]),
            Err(FaultPlanError::PathConflict { mall: "base", .. })
        ));
        assert!(matches!(
            plan(10, &["qoo10:5xx@/GMKT"]),
            Err(FaultPlanError::PathConflict { mall: "qoo10", .. })
        ));
    }

    #[test]
    fn shares_above_one_are_refused() {
        assert!(matches!(
            plan(0, &["5xx:0.6", "makeshop:timeout:0.5"]),
            Err(FaultPlanError::RatesOverOne {
                mall: "makeshop",
                ..
            })
        ));
        assert!(plan(0, &["5xx:0.5", "timeout:0.5"]).is_ok());
    }

    #[test]
    fn apply_sets_only_the_malls_concerned() {
        let p = plan(0, &["bcart:maintenance"]).expect("plan");
        let base = Faults::new(1);
        base.set_latency(Duration::from_millis(5));
        p.apply(MallKind::Base, &base);
        assert_eq!(base.config().latency, Duration::from_millis(5));
        let bcart = Faults::new(1);
        p.apply(MallKind::Bcart, &bcart);
        assert!(bcart.maintenance());
    }
}
