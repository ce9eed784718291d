//! Connecting a shop to its mall, whatever the mall: the browser
//! authorization (BASE's アクセスキーを取得する) or keys proven by 接続テスト.
//! Shared by the window and `juchu-cli`; which way a mall connects is its
//! line in `malls::registry`.

use crate::app::Juchu;
use crate::domain::Shop;
use crate::error::{CoreError, Result};
use crate::malls::browser_auth::Authorization;
use crate::malls::loopback::{self, Loopback};
use crate::malls::registry::{self, BrowserConnector, Callback, Connect};
use crate::malls::MallError;
use crate::store::sync_state;
use crate::time::now_unix;

/// What the window does next to connect a shop.
#[derive(Debug)]
pub enum ConnectStep {
    /// Open `url` in the system browser. The mall redirects back to the
    /// `juchu://` deep link (the app hands it to [`Juchu::finish_redirect`])
    /// or, with `loopback`, to that receiver (await it, then the same).
    Browser {
        url: String,
        loopback: Option<Loopback>,
    },
    /// The keys work: 接続テスト passed.
    Tested,
}

impl Juchu {
    fn browser_connector(shop: &Shop) -> Result<&'static dyn BrowserConnector> {
        match registry::spec(shop.mall).connect {
            Connect::Browser(c) => Ok(c),
            Connect::Keys => Err(CoreError::setting(
                "mall",
                format!(
                    "{}はブラウザでの認可を使いません。認証情報はショップの設定で入力します",
                    shop.mall.label()
                ),
            )),
        }
    }

    /// Connects a shop the way its mall wants: a browser authorization
    /// (the URL to open, and where it comes back), or 接続テスト of its keys.
    pub async fn connect_shop(&self, shop_id: i64) -> Result<ConnectStep> {
        let shop = self.store().shop(shop_id)?;
        let connector = match registry::spec(shop.mall).connect {
            Connect::Keys => {
                self.test_connection(shop_id).await?;
                return Ok(ConnectStep::Tested);
            }
            Connect::Browser(c) => c,
        };
        let (redirect_uri, receiver) = match connector.callback(&shop) {
            Callback::DeepLink(uri) => (uri.to_string(), None),
            Callback::Loopback { port } => {
                let receiver = loopback::listen_on(shop.mall, port)?;
                (receiver.redirect_uri.clone(), Some(receiver))
            }
        };
        let auth = connector.begin(shop_id, self.secrets(), &redirect_uri)?;
        let url = auth.url.clone();
        self.pending().insert(shop_id, auth);
        Ok(ConnectStep::Browser {
            url,
            loopback: receiver,
        })
    }

    /// Starts a shop's browser authorization for `redirect_uri`: the URL to
    /// open and the state to expect back.
    pub fn begin_authorization(&self, shop_id: i64, redirect_uri: &str) -> Result<Authorization> {
        let shop = self.store().shop(shop_id)?;
        Ok(Self::browser_connector(&shop)?.begin(shop_id, self.secrets(), redirect_uri)?)
    }

    /// A redirect arrived (deep link or loopback): finishes the authorization
    /// that waits for its state, and says which shop it was for (`None`: no
    /// authorization waits for it).
    pub async fn finish_redirect(&self, redirected_url: &str) -> Option<(i64, Result<()>)> {
        let (shop_id, auth) = self.pending().take_for_url(redirected_url)?;
        let result = self
            .finish_authorization(shop_id, &auth, redirected_url)
            .await;
        Some((shop_id, result))
    }

    /// The merchant pasted the address the mall redirected to, for `shop_id`.
    pub async fn finish_pasted(&self, shop_id: i64, redirected_url: &str) -> Result<()> {
        let (sid, auth) = self
            .pending()
            .take_for_url(redirected_url)
            .filter(|(sid, _)| *sid == shop_id)
            .ok_or(MallError::StateMismatch)?;
        self.finish_authorization(sid, &auth, redirected_url).await
    }

    /// Ends the authorization with the URL the mall redirected to (deep
    /// link, loopback or pasted): tokens go to the keyring, the shop is 接続済み.
    pub async fn finish_authorization(
        &self,
        shop_id: i64,
        auth: &Authorization,
        redirected_url: &str,
    ) -> Result<()> {
        let shop = self.store().shop(shop_id)?;
        let result = Self::browser_connector(&shop)?
            .finish(shop_id, self.secrets(), auth, redirected_url)
            .await;
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
        let client = self.client_for(&shop)?;
        let result = client.test_connection().await;
        self.save_limits(shop_id)?;
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
