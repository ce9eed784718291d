//! BASE's line in the mall registry, and its browser authorization
//! (アクセスキーを取得する) as the registry's `BrowserConnector`.

use async_trait::async_trait;

use super::{oauth, uncertain, BaseClient};
use crate::domain::{Mall, OAuthRedirect, Shop};
use crate::malls::browser_auth::Authorization;
use crate::malls::loopback;
use crate::malls::spec::{BrowserConnector, Callback, Connect, CredentialField, MallSpec};
use crate::malls::{ClientContext, MallClient, MallError};
use crate::secrets::Secrets;

pub static SPEC: MallSpec = MallSpec {
    mall: Mall::Base,
    connect: Connect::Browser(&BaseConnector),
    credentials: &[
        CredentialField {
            key: oauth::keys::CLIENT_ID,
            label: "client_id",
            secret: false,
            rule: uncertain::CLIENT_KEY_SHAPE,
            found_at: "BASE Developers のアプリ情報",
            identifies: true,
        },
        CredentialField {
            key: oauth::keys::CLIENT_SECRET,
            label: "client_secret",
            secret: true,
            rule: uncertain::CLIENT_KEY_SHAPE,
            found_at: "BASE Developers のアプリ情報",
            identifies: false,
        },
    ],
    obtained: &[
        oauth::keys::ACCESS_TOKEN,
        oauth::keys::REFRESH_TOKEN,
        oauth::keys::TOKEN_EXPIRES_AT,
        oauth::keys::REDIRECT_URI,
    ],
    connected_by: &[oauth::keys::REFRESH_TOKEN],
    limits: uncertain::LIMITS,
    export_policy: super::export_policy,
    build: Some(build),
    planned: "",
    status_label: super::mapping::status_label,
    expiring_key: None,
    ship_plan: None,
    send_warning: "BASE では、送信すると購入者に発送通知メールが届き、注文が「発送済み」になります。発送済みにした注文は元に戻せません。",
    wizard: Some(super::wizard::wizard),
    new_shop: |_| {},
};

fn build(ctx: &ClientContext) -> Box<dyn MallClient> {
    Box::new(BaseClient::for_shop(ctx))
}

pub struct BaseConnector;

#[async_trait]
impl BrowserConnector for BaseConnector {
    fn callback(&self, shop: &Shop) -> Callback {
        match shop.settings.base().map(|b| b.oauth_redirect) {
            Some(OAuthRedirect::Loopback) => Callback::Loopback {
                port: loopback::REGISTERED_PORT,
            },
            _ => Callback::DeepLink(oauth::DEEP_LINK_REDIRECT),
        }
    }

    fn begin(
        &self,
        shop_id: i64,
        secrets: &Secrets,
        redirect_uri: &str,
    ) -> Result<Authorization, MallError> {
        oauth::begin(shop_id, secrets, redirect_uri)
    }

    async fn finish(
        &self,
        shop_id: i64,
        secrets: &Secrets,
        auth: &Authorization,
        redirected_url: &str,
    ) -> Result<(), MallError> {
        oauth::finish(shop_id, secrets, auth, redirected_url).await
    }
}
