//! A mall authorized in the system browser (BASE's OAuth today): the
//! authorization in progress, the ones waiting for their redirect, and the
//! redirected URL's parameters. Mall-neutral; each mall's token exchange
//! lives in its own folder (`malls/base/oauth.rs`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The deep link a mall's authorization comes back to: `juchu://oauth/<mall>`.
pub fn deep_link(mall: crate::domain::Mall) -> String {
    format!("juchu://oauth/{}", mall.code())
}

/// An authorization in progress.
#[derive(Clone, PartialEq, Eq)]
pub struct Authorization {
    /// Open this in the system browser.
    pub url: String,
    /// Random; the mall echoes it back, and the mall's `finish` refuses any other.
    pub state: String,
    pub redirect_uri: String,
    /// The API base the flow began against; the code is exchanged there.
    pub(crate) api: String,
}

impl std::fmt::Debug for Authorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The state guards the flow: keep it out of logs.
        f.debug_struct("Authorization")
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

/// The query parameters of a redirected URL: a deep link
/// (`juchu://oauth/base?code=…&state=…`), a loopback URL, or what the
/// merchant pasted (a whole URL, or only its `?code=…&state=…` part).
pub fn redirect_params(redirected_url: &str) -> HashMap<String, String> {
    let text = redirected_url.trim();
    let query = match url::Url::parse(text) {
        Ok(u) => u.query().unwrap_or_default().to_string(),
        Err(_) => text.split_once('?').map_or(text, |(_, q)| q).to_string(),
    };
    let query = query.split('#').next().unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Compares without stopping at the first different byte.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Authorizations waiting for their redirect, found by `state` (the deep
/// link arrives in another code path than the one that began the flow).
/// Entries expire (default 10 minutes, as long as an authorization code is
/// assumed to live).
#[derive(Debug)]
pub struct Pending {
    ttl: Duration,
    entries: Mutex<HashMap<String, (i64, Authorization, Instant)>>,
}

impl Default for Pending {
    fn default() -> Self {
        Pending::new(Duration::from_secs(10 * 60))
    }
}

impl Pending {
    pub fn new(ttl: Duration) -> Pending {
        Pending {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (i64, Authorization, Instant)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `auth` of `shop_id` until its redirect arrives or it expires.
    pub fn insert(&self, shop_id: i64, auth: Authorization) {
        let mut entries = self.lock();
        let now = Instant::now();
        entries.retain(|_, (_, _, at)| now.duration_since(*at) < self.ttl);
        entries.insert(auth.state.clone(), (shop_id, auth, now));
    }

    /// Removes and returns the authorization with that state, if it has not expired.
    pub fn take(&self, state: &str) -> Option<(i64, Authorization)> {
        let (shop_id, auth, at) = self.lock().remove(state)?;
        (at.elapsed() < self.ttl).then_some((shop_id, auth))
    }

    /// [`take`](Self::take) by the `state` of a redirected URL.
    pub fn take_for_url(&self, redirected_url: &str) -> Option<(i64, Authorization)> {
        let params = redirect_params(redirected_url);
        self.take(params.get("state")?)
    }

    /// Authorizations still waiting (expired ones included until the next insert).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_params_from_every_shape() {
        for text in [
            "juchu://oauth/base?code=abc&state=xyz",
            "http://127.0.0.1:53121/oauth/base?code=abc&state=xyz",
            "  https://example.com/cb?state=xyz&code=abc#frag \n",
            "?code=abc&state=xyz",
            "code=abc&state=xyz",
        ] {
            let p = redirect_params(text);
            assert_eq!(p.get("code").map(String::as_str), Some("abc"), "{text}");
            assert_eq!(p.get("state").map(String::as_str), Some("xyz"), "{text}");
        }
        let p = redirect_params("juchu://oauth/base?error=access_denied&state=s%20t");
        assert_eq!(p.get("error").map(String::as_str), Some("access_denied"));
        assert_eq!(p.get("state").map(String::as_str), Some("s t"));
    }

    #[test]
    fn same_compares_whole_strings() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert!(!same("", "a"));
    }

    fn auth(state: &str) -> Authorization {
        Authorization {
            url: "https://api.thebase.in/1/oauth/authorize".into(),
            state: state.into(),
            redirect_uri: "juchu://oauth/base".into(),
            api: "https://api.thebase.in".into(),
        }
    }

    #[test]
    fn pending_finds_by_state_once_and_forgets_expired() {
        let p = Pending::default();
        p.insert(3, auth("s1"));
        p.insert(4, auth("s2"));
        assert_eq!(p.len(), 2);
        let (shop, a) = p
            .take_for_url("juchu://oauth/base?code=c&state=s2")
            .unwrap();
        assert_eq!((shop, a.state.as_str()), (4, "s2"));
        assert!(p.take("s2").is_none(), "taken only once");
        assert!(p.take("nope").is_none());
        let short = Pending::new(Duration::ZERO);
        short.insert(1, auth("s3"));
        assert!(short.take("s3").is_none(), "expired");
    }

    #[test]
    fn debug_hides_the_state() {
        let text = format!("{:?}", auth("very-secret-state"));
        assert!(!text.contains("very-secret-state"), "{text}");
    }
}
