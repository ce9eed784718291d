//! The malls Juchu connects to.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "lowercase")]
pub enum Mall {
    Base,
    Qoo10,
    Bcart,
    Makeshop,
    Shopserve,
}

impl Mall {
    pub const ALL: [Mall; 5] = [
        Mall::Base,
        Mall::Qoo10,
        Mall::Bcart,
        Mall::Makeshop,
        Mall::Shopserve,
    ];

    /// The name merchants know the mall by.
    pub fn label(self) -> &'static str {
        match self {
            Mall::Base => "BASE",
            Mall::Qoo10 => "Qoo10",
            Mall::Bcart => "Bカート",
            Mall::Makeshop => "MakeShop",
            Mall::Shopserve => "ショップサーブ",
        }
    }

    /// The code used in the database, the CLI (`--mall base`) and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Mall::Base => "base",
            Mall::Qoo10 => "qoo10",
            Mall::Bcart => "bcart",
            Mall::Makeshop => "makeshop",
            Mall::Shopserve => "shopserve",
        }
    }

    pub fn parse(text: &str) -> Option<Mall> {
        let t = text.trim();
        Mall::ALL
            .into_iter()
            .find(|m| m.code().eq_ignore_ascii_case(t) || m.label() == t)
    }

    /// Suffix of the `JUCHU_API_BASE_<MALL>` variable that points the mall's
    /// client at another server (the fake malls in tests and the demo).
    pub fn env_suffix(self) -> &'static str {
        match self {
            Mall::Base => "BASE",
            Mall::Qoo10 => "QOO10",
            Mall::Bcart => "BCART",
            Mall::Makeshop => "MAKESHOP",
            Mall::Shopserve => "SHOPSERVE",
        }
    }
}

impl std::fmt::Display for Mall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_code_and_label() {
        assert_eq!(Mall::parse("base"), Some(Mall::Base));
        assert_eq!(Mall::parse("BCART"), Some(Mall::Bcart));
        assert_eq!(Mall::parse("ショップサーブ"), Some(Mall::Shopserve));
        assert_eq!(Mall::parse("rakuten"), None);
        for m in Mall::ALL {
            assert_eq!(Mall::parse(m.code()), Some(m));
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.code())
            );
        }
    }
}
