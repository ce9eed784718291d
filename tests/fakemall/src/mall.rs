//! The five malls: names, demo ports, the API base URL the app is pointed at, credential shapes.

use std::net::SocketAddr;

/// One mall Juchu talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MallKind {
    /// BASE (thebase.in), OAuth 2.0 + REST/JSON.
    Base,
    /// Qoo10 QAPI: HTTP 200 + `ResultCode` envelope.
    Qoo10,
    /// Bカート API v1: 300 req / 300 s, then a 300 s lockout with `Retry-After`.
    Bcart,
    /// MakeShop GraphQL: `errors[]` with HTTP 200, 1 req/s.
    Makeshop,
    /// ショップサーブ: closed (with an error) during maintenance windows.
    Shopserve,
}

impl MallKind {
    /// All malls, in demo port order.
    pub const ALL: [MallKind; 5] = [
        MallKind::Base,
        MallKind::Qoo10,
        MallKind::Bcart,
        MallKind::Makeshop,
        MallKind::Shopserve,
    ];

    /// The id used by `juchu-cli shop add --mall ID`: `base`, `qoo10`, `bcart`, `makeshop`,
    /// `shopserve`.
    pub fn id(self) -> &'static str {
        match self {
            MallKind::Base => "base",
            MallKind::Qoo10 => "qoo10",
            MallKind::Bcart => "bcart",
            MallKind::Makeshop => "makeshop",
            MallKind::Shopserve => "shopserve",
        }
    }

    /// The suffix of `JUCHU_API_BASE_<MALL>` and `FAKEMALL_CREDENTIALS_<MALL>`.
    pub fn env_suffix(self) -> &'static str {
        match self {
            MallKind::Base => "BASE",
            MallKind::Qoo10 => "QOO10",
            MallKind::Bcart => "BCART",
            MallKind::Makeshop => "MAKESHOP",
            MallKind::Shopserve => "SHOPSERVE",
        }
    }

    /// Offset from `--port-base` of the binary: BASE +0, QOO10 +1, BCART +2, MAKESHOP +3,
    /// SHOPSERVE +4.
    pub fn port_offset(self) -> u16 {
        match self {
            MallKind::Base => 0,
            MallKind::Qoo10 => 1,
            MallKind::Bcart => 2,
            MallKind::Makeshop => 3,
            MallKind::Shopserve => 4,
        }
    }

    /// The path appended to `http://127.0.0.1:P` to form the API base URL the app uses:
    ///
    /// | mall | `JUCHU_API_BASE_<MALL>` | the client then calls |
    /// |---|---|---|
    /// | BASE | `http://127.0.0.1:P` | `…/1/orders`, `…/1/oauth/token` |
    /// | QOO10 | `http://127.0.0.1:P/GMKT.INC.Front.QAPIService/ebayjapan.qapi` | `…/ShippingBasic.GetShippingInfo_v2` |
    /// | BCART | `http://127.0.0.1:P/api/v1` | `…/orders` |
    /// | MAKESHOP | `http://127.0.0.1:P/v1/graphql` | POSTs to that URL |
    /// | SHOPSERVE | `http://127.0.0.1:P` | (wire format unknown, see malls/shopserve.md) |
    pub fn api_base_path(self) -> &'static str {
        match self {
            MallKind::Base => "",
            MallKind::Qoo10 => "/GMKT.INC.Front.QAPIService/ebayjapan.qapi",
            MallKind::Bcart => "/api/v1",
            MallKind::Makeshop => "/v1/graphql",
            MallKind::Shopserve => "",
        }
    }

    /// The API base URL for a fake bound at `addr`.
    pub fn api_base_url(self, addr: SocketAddr) -> String {
        format!("http://{addr}{}", self.api_base_path())
    }

    /// Keys of the credential JSON that `juchu-cli shop add --mall ID` reads on stdin:
    /// base `{"client_id","client_secret"}`, qoo10 `{"user_id","password","api_key"}`,
    /// bcart `{"access_token"}`, makeshop `{"access_token","api_key"}`,
    /// shopserve `{"shop_id","open_key","manager_key"}`.
    pub fn credential_keys(self) -> &'static [&'static str] {
        match self {
            MallKind::Base => &["client_id", "client_secret"],
            MallKind::Qoo10 => &["user_id", "password", "api_key"],
            MallKind::Bcart => &["access_token"],
            MallKind::Makeshop => &["access_token", "api_key"],
            MallKind::Shopserve => &["shop_id", "open_key", "manager_key"],
        }
    }
}

impl std::str::FromStr for MallKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MallKind::ALL
            .into_iter()
            .find(|m| m.id().eq_ignore_ascii_case(s) || m.env_suffix().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown mall {s:?}"))
    }
}
