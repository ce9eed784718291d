//! アクセスキー取得 and 接続テスト, shared by the window and `juchu-cli`.

use crate::app::Juchu;
use crate::domain::Mall;
use crate::error::{CoreError, Result};
use crate::malls::MallError;
use crate::oauth::{self, Authorization};
use crate::store::sync_state;
use crate::time::now_unix;

impl Juchu {
    /// Starts BASE's authorization for a shop: the URL to open and the state to expect back.
    pub fn begin_authorization(&self, shop_id: i64, redirect_uri: &str) -> Result<Authorization> {
        let shop = self.store().shop(shop_id)?;
        if shop.mall != Mall::Base {
            return Err(CoreError::InvalidSetting {
                key: "mall".into(),
                reason: format!(
                    "{}は OAuth の認可を使いません。認証情報はショップの設定で入力します",
                    shop.mall.label()
                ),
            });
        }
        oauth::begin(shop_id, self.secrets(), redirect_uri)
    }

    /// Ends the authorization with the URL BASE redirected to (deep link,
    /// loopback or pasted): tokens go to the keyring, the shop is 接続済み.
    pub async fn finish_authorization(
        &self,
        shop_id: i64,
        auth: &Authorization,
        redirected_url: &str,
    ) -> Result<()> {
        let shop = self.store().shop(shop_id)?;
        let result = oauth::finish(shop_id, self.secrets(), auth, redirected_url).await;
        let store = self.store();
        match &result {
            Ok(()) => {
                // A fresh authorization clears an old 認証エラー and any wait.
                store.run(|conn| sync_state::clear_error(conn, shop_id))?;
                store.log(
                    "shop",
                    Some(shop_id),
                    None,
                    &format!("{}: アクセスキーを取得しました", shop.name),
                )?;
            }
            Err(e) => store.log(
                "shop",
                Some(shop_id),
                None,
                &format!("{}: アクセスキーを取得できませんでした。{e}", shop.name),
            )?,
        }
        result.map_err(Into::into)
    }

    /// 接続テスト: one cheap call with the stored credentials. An
    /// authorization problem is recorded so the shop list shows 認証エラー.
    pub async fn test_connection(&self, shop_id: i64) -> Result<()> {
        let shop = self.store().shop(shop_id)?;
        let client = crate::malls::client_for(&shop, self.secrets())?;
        let result = client.test_connection().await;
        let store = self.store();
        match &result {
            Ok(()) => store.run(|conn| sync_state::clear_error(conn, shop_id))?,
            Err(e) if e.needs_reauthorization() => {
                let message = e.to_string();
                store.run(|conn| {
                    sync_state::record(conn, shop_id, now_unix(), Some((e.code(), &message)), None)
                })?
            }
            Err(_) => {}
        }
        result.map_err(|e: MallError| e.into())
    }
}
