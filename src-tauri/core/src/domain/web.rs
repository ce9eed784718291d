//! A web address a merchant types (a mall's API endpoint).

/// What is wrong with `value` as an `https://` address for the field
/// `label`, or `None`.
pub fn https_problem(label: &str, value: &str) -> Option<String> {
    match url::Url::parse(value) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some() => None,
        _ => Some(format!(
            "{label}は https:// で始まる URL です。管理画面に表示されている URL をそのままコピーしてください。"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_https_address_with_a_host() {
        assert_eq!(
            https_problem("URL", "https://app-api.makeshop.jp/v1/graphql"),
            None
        );
        assert!(https_problem("URL", "http://app-api.makeshop.jp/v1/graphql").is_some());
        assert!(https_problem("URL", "app-api.makeshop.jp").is_some());
    }
}
