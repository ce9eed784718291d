//! The demo's built-in malls: `juchu --demo` serves the fake malls of
//! `tests/fakemall` inside the app (on 127.0.0.1, random ports), points the
//! mall clients at them and connects a demo shop of every mall Juchu has a
//! client for, the way a merchant would (BASE: the real OAuth flow, which the
//! fake approves at once). A demo started by `scripts/demo.sh` or by hand is
//! the same demo. When `JUCHU_API_BASE_<MALL>` is already set (the end-to-end
//! tests' own fakes), nothing is started.

use std::collections::BTreeMap;

/// The running fakes; dropping it stops them.
pub struct BuiltinMalls {
    _runtime: tokio::runtime::Runtime,
    _malls: std::sync::Mutex<Vec<fakemall::demo::DemoMall>>,
    /// Per mall code (`base`…), the credentials a demo shop is added with.
    pub credentials: BTreeMap<String, String>,
}

/// Orders each built-in mall serves, and the seed (the same every start, so
/// a re-fetch finds the orders it already has).
const ORDERS: usize = 300;
const SEED: u64 = 1;

/// Starts the fakes and points the mall clients at them
/// (`malls::set_api_base`, ahead of the environment). Once per process.
pub fn start() -> Result<Option<BuiltinMalls>, String> {
    use fakemall::demo::{start_demo_mall, DemoOptions};
    use fakemall::MallKind;
    if MallKind::ALL
        .iter()
        .any(|k| std::env::var_os(format!("JUCHU_API_BASE_{}", k.env_suffix())).is_some())
    {
        return Ok(None);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let options = DemoOptions {
        orders: ORDERS,
        seed: SEED,
        port_base: None,
    };
    let mut malls = Vec::new();
    for kind in MallKind::ALL {
        if let Some(m) = runtime
            .block_on(start_demo_mall(kind, &options))
            .map_err(|e| format!("{}: {e}", kind.id()))?
        {
            malls.push(m);
        }
    }
    let mut credentials = BTreeMap::new();
    for m in &malls {
        if let Some(mall) = juchu_core::domain::Mall::parse(m.kind.id()) {
            juchu_core::malls::set_api_base(mall, &m.api_base_url);
        }
        credentials.insert(m.kind.id().to_string(), m.credentials.to_string());
    }
    Ok(Some(BuiltinMalls {
        _runtime: runtime,
        _malls: std::sync::Mutex::new(malls),
        credentials,
    }))
}
