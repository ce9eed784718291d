//! What every mall's handle (`FakeBase`, `FakeQoo10`…) has in common, so that code can start
//! any mall the same way (the demo, [`crate::testkit`]).

use std::future::Future;
use std::ops::Deref;

use crate::mall::MallKind;
use crate::server::{FakeMall, StartError, StartOptions};

/// A running fake of one mall. It derefs to its [`FakeMall`] (`base_url()`, `faults()`,
/// `clock()`, `requests()`, `stop()`…).
///
/// ```no_run
/// # async fn demo() -> Result<(), fakemall::StartError> {
/// use fakemall::{base::FakeBase, MallFake, StartOptions};
/// let base = FakeBase::start(FakeBase::config(30, 7, StartOptions::default())).await?;
/// println!("{} {}", base.api_base_url(), base.demo_credentials());
/// # Ok(()) }
/// ```
pub trait MallFake: Deref<Target = FakeMall> + Sized + Send + Sync + 'static {
    /// The mall's configuration (`BaseConfig`…).
    type Config: Default + Send;

    /// Which mall this is.
    const KIND: MallKind;

    /// The default configuration with `orders` generated orders, seeded with `seed`, started
    /// with `start`.
    fn config(orders: usize, seed: u64, start: StartOptions) -> Self::Config;

    /// Starts the fake.
    fn start(config: Self::Config) -> impl Future<Output = Result<Self, StartError>> + Send;

    /// The credential JSON `juchu-cli shop add --mall <id>` reads on stdin, for the demo
    /// account.
    fn demo_credentials(&self) -> serde_json::Value;
}

/// Implements [`MallFake`] for a handle whose inherent `start` and `demo_credentials` exist
/// and whose config has `orders`, `seed` and `start` fields.
macro_rules! impl_mall_fake {
    ($fake:ty, $config:ident, $kind:expr) => {
        impl $crate::fake::MallFake for $fake {
            type Config = $config;
            const KIND: $crate::mall::MallKind = $kind;

            fn config(orders: usize, seed: u64, start: $crate::server::StartOptions) -> $config {
                $config {
                    orders,
                    seed,
                    start,
                    ..Default::default()
                }
            }

            async fn start(config: $config) -> Result<Self, $crate::server::StartError> {
                <$fake>::start(config).await
            }

            fn demo_credentials(&self) -> serde_json::Value {
                <$fake>::demo_credentials(self)
            }
        }
    };
}
pub(crate) use impl_mall_fake;
