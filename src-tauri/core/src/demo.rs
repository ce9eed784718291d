//! Sample shops and orders: the demo's first data (until it is connected to
//! the fake malls) and the seed of end-to-end tests.

use crate::app::Juchu;
use crate::domain::{Mall, ShopSettings};
use crate::error::Result;
use crate::sample;
use crate::time::now_unix;

impl Juchu {
    /// Adds one sample shop per mall with `orders_per_shop` generated orders
    /// each, from the last 30 days. No credentials: these shops fetch nothing.
    pub fn seed_samples(&self, orders_per_shop: usize, seed: u64) -> Result<()> {
        let now = now_unix();
        for (i, mall) in Mall::ALL.into_iter().enumerate() {
            let shop = self.store().add_shop(
                mall,
                &format!("{} サンプル店", mall.label()),
                &ShopSettings::for_mall(mall),
            )?;
            let orders = sample::orders(mall, orders_per_shop, seed + i as u64, now, 30);
            self.merge_orders(shop.id, &orders)?;
        }
        Ok(())
    }

    /// Fills an empty demo folder; returns whether it did.
    pub fn seed_demo_if_empty(&self) -> Result<bool> {
        if !self.shops()?.is_empty() {
            return Ok(false);
        }
        self.seed_samples(400, 2026)?;
        Ok(true)
    }
}
