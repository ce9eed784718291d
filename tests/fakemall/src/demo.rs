//! Starting the demo fakes (used by the `fakemall` binary and the app's demo mode).

use std::net::{Ipv4Addr, SocketAddr};

use crate::mall::MallKind;
use crate::server::StartError;

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

/// Starts the demo fake of `kind`; `Ok(None)` for a mall that has no fake yet.
pub async fn start_demo_mall(
    kind: MallKind,
    options: &DemoOptions,
) -> Result<Option<DemoMall>, StartError> {
    let start = crate::server::StartOptions {
        addr: demo_addr(kind, options),
        fault_seed: options.seed,
        ..Default::default()
    };
    // Every mall's config has `orders`, `seed` and `start`; its handle has
    // `api_base_url()` and `demo_credentials()`.
    macro_rules! start_demo {
        ($fake:path, $config:ident) => {{
            use $fake as Fake;
            let fake = Fake::start($config {
                orders: options.orders,
                seed: options.seed,
                start,
                ..Default::default()
            })
            .await?;
            DemoMall {
                kind,
                api_base_url: fake.api_base_url(),
                credentials: fake.demo_credentials(),
                handle: Box::new(fake),
            }
        }};
    }
    use crate::{
        base::BaseConfig, bcart::BcartConfig, makeshop::MakeshopConfig, qoo10::Qoo10Config,
        shopserve::ShopserveConfig,
    };
    Ok(Some(match kind {
        MallKind::Base => start_demo!(crate::base::FakeBase, BaseConfig),
        MallKind::Qoo10 => start_demo!(crate::qoo10::FakeQoo10, Qoo10Config),
        MallKind::Bcart => start_demo!(crate::bcart::FakeBcart, BcartConfig),
        MallKind::Makeshop => start_demo!(crate::makeshop::FakeMakeshop, MakeshopConfig),
        MallKind::Shopserve => start_demo!(crate::shopserve::FakeShopserve, ShopserveConfig),
    }))
}
