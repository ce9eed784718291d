//! Starting the demo fakes (used by the `fakemall` binary and the app's demo mode).

use std::net::{Ipv4Addr, SocketAddr};

use crate::base::FakeBase;
use crate::bcart::FakeBcart;
use crate::fake::MallFake;
use crate::faults::FaultPlan;
use crate::makeshop::FakeMakeshop;
use crate::mall::MallKind;
use crate::qoo10::FakeQoo10;
use crate::record_file::RecordSink;
use crate::server::{StartError, StartOptions};
use crate::shopserve::FakeShopserve;

/// Options common to every demo mall.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// How many generated orders each mall serves.
    pub orders: usize,
    /// Seed of the generated data (and of the fault draws).
    pub seed: u64,
    /// First port (`None`: random ports); mall `m` listens on `port_base + m.port_offset()`.
    pub port_base: Option<u16>,
}

/// One running demo mall.
pub struct DemoMall {
    /// Which mall.
    pub kind: MallKind,
    /// The value for `JUCHU_API_BASE_<MALL>`.
    pub api_base_url: String,
    /// The credential JSON `juchu-cli shop add --mall <id>` reads on stdin.
    pub credentials: serde_json::Value,
    /// Keeps the server alive; dropping it stops the mall.
    pub handle: Box<dyn std::any::Any + Send>,
}

impl DemoMall {
    /// The two lines the binary prints for this mall.
    pub fn env_lines(&self) -> [String; 2] {
        [
            format!(
                "JUCHU_API_BASE_{}={}",
                self.kind.env_suffix(),
                self.api_base_url
            ),
            format!(
                "FAKEMALL_CREDENTIALS_{}={}",
                self.kind.env_suffix(),
                self.credentials
            ),
        ]
    }
}

/// The address of `kind` for these options.
pub fn demo_addr(kind: MallKind, options: &DemoOptions) -> SocketAddr {
    let port = options
        .port_base
        .map(|p| p.saturating_add(kind.port_offset()))
        .unwrap_or(0);
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// What the `fakemall` binary adds to every demo mall: the shared record file and the faults
/// of `--latency-ms` and `--fault`. `Default`: neither.
#[derive(Debug, Clone, Default)]
pub struct DemoControls {
    /// Where every mall writes its requests (`--record FILE`).
    pub record: Option<RecordSink>,
    /// The faults of each mall (`--latency-ms`, `--fault`).
    pub faults: FaultPlan,
}

/// Starts the demo fake of `kind`; `Ok(None)` for a mall that has no fake yet.
pub async fn start_demo_mall(
    kind: MallKind,
    options: &DemoOptions,
) -> Result<Option<DemoMall>, StartError> {
    start_demo_mall_with(kind, options, &DemoControls::default()).await
}

/// Starts the demo fake of `kind` with the binary's controls; `Ok(None)` for a mall that has
/// no fake yet.
pub async fn start_demo_mall_with(
    kind: MallKind,
    options: &DemoOptions,
    controls: &DemoControls,
) -> Result<Option<DemoMall>, StartError> {
    let start = StartOptions {
        addr: demo_addr(kind, options),
        fault_seed: options.seed,
        record_sink: controls.record.clone(),
        ..Default::default()
    };
    let plan = &controls.faults;
    Ok(Some(match kind {
        MallKind::Base => start_demo::<FakeBase>(options, start, plan).await?,
        MallKind::Qoo10 => start_demo::<FakeQoo10>(options, start, plan).await?,
        MallKind::Bcart => start_demo::<FakeBcart>(options, start, plan).await?,
        MallKind::Makeshop => start_demo::<FakeMakeshop>(options, start, plan).await?,
        MallKind::Shopserve => start_demo::<FakeShopserve>(options, start, plan).await?,
    }))
}

async fn start_demo<F: MallFake>(
    options: &DemoOptions,
    start: StartOptions,
    faults: &FaultPlan,
) -> Result<DemoMall, StartError> {
    let fake = F::start(F::config(options.orders, options.seed, start)).await?;
    faults.apply(F::KIND, fake.faults());
    Ok(DemoMall {
        kind: F::KIND,
        api_base_url: fake.api_base_url(),
        credentials: fake.demo_credentials(),
        handle: Box::new(fake),
    })
}
