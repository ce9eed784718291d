//! The demo's data: sample shops and orders for the malls Juchu has no
//! client for yet (and the seed of end-to-end tests), and a demo shop of
//! every other mall, connected to the fake mall the demo serves.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::app::Juchu;
use crate::domain::{Mall, ShopSettings};
use crate::error::Result;
use crate::malls::{loopback, registry};
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

    /// Fills an empty demo folder with a sample shop of each mall Juchu has
    /// no client for (the others get a demo shop connected to their fake:
    /// [`Self::connect_demo_shops`]); returns whether it did.
    pub fn seed_demo_if_empty(&self) -> Result<bool> {
        if !self.shops()?.is_empty() {
            return Ok(false);
        }
        let now = now_unix();
        for (i, mall) in Mall::ALL.into_iter().enumerate() {
            if registry::spec(mall).has_client() {
                continue;
            }
            let shop = self.store().add_shop(
                mall,
                &format!("{} サンプル店", mall.label()),
                &ShopSettings::for_mall(mall),
            )?;
            let orders = sample::orders(mall, 400, 2026 + i as u64, now, 30);
            self.merge_orders(shop.id, &orders)?;
        }
        Ok(true)
    }

    /// 「<mall> デモ店」 of every mall with a client and demo credentials
    /// (JSON, by mall code), added if missing and connected the way a
    /// merchant connects it; the fake approves a browser authorization at
    /// once, so following its address plays the merchant's click. Returns
    /// the shops, ready for 受注取得.
    pub async fn connect_demo_shops(
        &self,
        credentials: &BTreeMap<String, String>,
    ) -> Result<Vec<i64>> {
        let mut ready = Vec::new();
        for mall in Mall::ALL {
            let spec = registry::spec(mall);
            let Some(creds) = credentials.get(mall.code()).filter(|_| spec.has_client()) else {
                continue;
            };
            match self.connect_demo_shop(mall, creds).await {
                Ok(id) => ready.push(id),
                // One mall's fake failing leaves the others' demo shops working.
                Err(e) => self.store().log(
                    "demo",
                    None,
                    None,
                    &format!("{}のデモ店を接続できませんでした。{e}", mall.label()),
                )?,
            }
        }
        Ok(ready)
    }

    /// One mall's demo shop, added if missing and connected.
    async fn connect_demo_shop(&self, mall: Mall, creds: &str) -> Result<i64> {
        let browser = matches!(registry::spec(mall).connect, registry::Connect::Browser(_));
        let name = format!("{} デモ店", mall.label());
        let shop = match self.shops()?.into_iter().find(|s| s.name == name) {
            Some(s) => s,
            None => {
                // A browser authorization comes back to the loopback receiver.
                let settings: Vec<(String, String)> = if browser {
                    vec![("oauth_redirect".into(), "loopback".into())]
                } else {
                    Vec::new()
                };
                self.add_shop_from_text(mall, &name, &settings, creds)?
            }
        };
        // The fake forgets its tokens between starts: authorize each time.
        if browser {
            let receiver = loopback::listen_on(mall, 0)?;
            let auth = self.begin_authorization(shop.id, &receiver.redirect_uri)?;
            let url = auth.url.clone();
            let fetch = tokio::spawn(async move { reqwest::get(url).await.map(|_| ()) });
            let redirected = receiver.wait(Duration::from_secs(10)).await?;
            let _ = fetch.await;
            self.finish_authorization(shop.id, &auth, &redirected)
                .await?;
        }
        Ok(shop.id)
    }
}
