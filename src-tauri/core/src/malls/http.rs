//! The HTTP layer every mall client shares: one `reqwest` client per mall
//! client (rustls, timeouts, no redirects followed), a call counter, an
//! optional hourly call budget, and automatic retries with exponential
//! back-off for idempotent GETs only.
//!
//! A POST is never retried here: after a timeout its outcome is unknown, and
//! the export pipeline reads the order back (`MallClient::shipped_units`)
//! before it sends anything again.
//!
//! Transport failures become [`MallError`]s: `Timeout`, `Network`, `Server`
//! (5xx, HTML error pages), `Maintenance` (an HTML page that says so) and
//! `Malformed` (a cut-off or unreadable body). Details are short and never
//! carry a secret (no header, no body, no URL with a query).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};

use super::MallError;

/// Timeouts and retry policy. `Default` is what the app uses; tests shorten it.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    /// Whole request, body included.
    pub request_timeout: Duration,
    /// Tries of one idempotent GET, the first included.
    pub max_tries: usize,
    /// First back-off delay; doubles each retry (with jitter).
    pub retry_min_delay: Duration,
    pub retry_max_delay: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_tries: 3,
            retry_min_delay: Duration::from_millis(500),
            retry_max_delay: Duration::from_secs(8),
        }
    }
}

impl HttpOptions {
    /// Short timeouts and back-off, for tests against a local fake.
    pub fn fast() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(2),
            max_tries: 3,
            retry_min_delay: Duration::from_millis(20),
            retry_max_delay: Duration::from_millis(100),
        }
    }
}

/// The shared `reqwest` client builder: rustls, the timeouts, no redirects
/// (an API answer that redirects is an error, and the token endpoint must
/// never be followed elsewhere), a Juchu user agent.
pub fn build_client(options: &HttpOptions) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(options.connect_timeout)
        .timeout(options.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Juchu/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| short(&e.without_url()))
}

/// A fixed-window call budget per clock hour (UNIX time, aligned to :00).
/// Stops a client before the mall's own hourly limit is reached.
#[derive(Debug)]
pub struct HourBudget {
    limit: u32,
    used: Mutex<(i64, u32)>,
}

impl HourBudget {
    pub fn new(limit: u32) -> HourBudget {
        HourBudget {
            limit,
            used: Mutex::new((i64::MIN, 0)),
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Takes one call from the budget of the hour of `now`, or says when the
    /// next hour starts.
    pub fn take(&self, now: i64) -> Result<(), i64> {
        let hour = now.div_euclid(3600);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.0 != hour {
            *used = (hour, 0);
        }
        if used.1 >= self.limit {
            return Err((hour + 1) * 3600);
        }
        used.1 += 1;
        Ok(())
    }

    /// Calls taken in the hour of `now`.
    pub fn used(&self, now: i64) -> u32 {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.0 == now.div_euclid(3600) {
            used.1
        } else {
            0
        }
    }
}

/// What a mall answered, with the body read in full.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
}

impl Reply {
    /// The body as JSON, or `Malformed`.
    pub fn json(&self, mall: &'static str) -> Result<serde_json::Value, MallError> {
        serde_json::from_slice(&self.body).map_err(|e| MallError::Malformed {
            mall,
            detail: format!(
                "JSON として読めません（HTTP {}、{}行目）",
                self.status,
                e.line()
            ),
        })
    }

    fn is_html(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|c| c.to_ascii_lowercase().contains("html"))
            || self
                .body
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take(1)
                .any(|b| *b == b'<')
    }
}

/// A clock reading UNIX seconds (tests can move it).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The HTTP side of one mall client.
pub struct Http {
    mall: &'static str,
    client: Result<reqwest::Client, String>,
    options: HttpOptions,
    calls: AtomicU32,
    budget: Option<HourBudget>,
    clock: Clock,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("mall", &self.mall)
            .field("calls", &self.calls())
            .finish()
    }
}

/// A GET that may be retried, or a POST that may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

impl Http {
    /// `mall` is the label every error names (e.g. "BASE").
    pub fn new(mall: &'static str, options: HttpOptions) -> Http {
        Http {
            mall,
            client: build_client(&options),
            options,
            calls: AtomicU32::new(0),
            budget: None,
            clock: Arc::new(crate::time::now_unix),
        }
    }

    /// Stops before more than `limit` calls in one clock hour.
    pub fn with_hour_budget(mut self, limit: u32) -> Http {
        self.budget = Some(HourBudget::new(limit));
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Http {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    pub fn mall(&self) -> &'static str {
        self.mall
    }

    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// Requests sent so far (retries and token calls included).
    pub fn calls(&self) -> u32 {
        self.calls.load(Ordering::Relaxed)
    }

    /// Counts one request sent outside [`get`](Self::get) / [`post_form`](Self::post_form)
    /// (e.g. by the `oauth2` crate).
    pub fn count(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }

    pub fn budget(&self) -> Option<&HourBudget> {
        self.budget.as_ref()
    }

    /// The underlying client (for the `oauth2` crate).
    pub fn client(&self) -> Result<&reqwest::Client, MallError> {
        self.client.as_ref().map_err(|detail| MallError::Network {
            mall: self.mall,
            detail: format!("HTTP クライアントを作れません: {detail}"),
        })
    }

    /// An idempotent GET, retried with back-off on 5xx, timeouts, connection
    /// errors, cut-off or non-JSON 200 bodies and HTML error pages.
    pub async fn get(
        &self,
        url: &str,
        query: &[(&str, String)],
        bearer: Option<&str>,
    ) -> Result<Reply, MallError> {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(self.options.retry_min_delay)
            .with_max_delay(self.options.retry_max_delay)
            .with_max_times(self.options.max_tries.saturating_sub(1))
            .with_jitter();
        (|| self.once(Method::Get, url, query, &[], bearer))
            .retry(backoff)
            .when(retryable)
            .notify(|e, after| {
                tracing::debug!(
                    mall = self.mall,
                    code = e.code(),
                    ?after,
                    "GET を再試行します"
                );
            })
            .await
    }

    /// A form-urlencoded POST, sent once.
    pub async fn post_form(
        &self,
        url: &str,
        form: &[(&str, String)],
        bearer: Option<&str>,
    ) -> Result<Reply, MallError> {
        self.once(Method::Post, url, &[], form, bearer).await
    }

    /// Sends a prepared request once (counted; no budget, no retry): for
    /// token requests built by the `oauth2` crate.
    pub async fn execute(&self, request: reqwest::Request) -> Result<Reply, MallError> {
        let client = self.client()?;
        self.count();
        let response = client
            .execute(request)
            .await
            .map_err(|e| transport(self.mall, &e))?;
        self.read(Method::Post, response).await
    }

    async fn read(&self, method: Method, response: reqwest::Response) -> Result<Reply, MallError> {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = response
            .bytes()
            .await
            .map_err(|e| transport(self.mall, &e))?
            .to_vec();
        let reply = Reply {
            status,
            body,
            content_type,
        };
        classify(self.mall, method, reply)
    }

    async fn once(
        &self,
        method: Method,
        url: &str,
        query: &[(&str, String)],
        form: &[(&str, String)],
        bearer: Option<&str>,
    ) -> Result<Reply, MallError> {
        let client = self.client()?;
        if let Some(budget) = &self.budget {
            if let Err(next_hour) = budget.take(self.now()) {
                return Err(budget_exhausted(self.mall, budget.limit(), next_hour));
            }
        }
        let mut request = match method {
            Method::Get => client.get(url).query(query),
            Method::Post => client.post(url).form(form),
        };
        request = request.header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        self.count();
        let response = request.send().await.map_err(|e| transport(self.mall, &e))?;
        self.read(method, response).await
    }
}

/// Which replies are failures whatever the mall: 5xx, HTML pages, non-JSON 200s on a GET.
fn classify(mall: &'static str, method: Method, reply: Reply) -> Result<Reply, MallError> {
    if reply.is_html() {
        let text = String::from_utf8_lossy(&reply.body);
        if text.contains("メンテナンス") || text.to_ascii_lowercase().contains("maintenance")
        {
            return Err(MallError::Maintenance { mall });
        }
        if reply.status >= 500 {
            return Err(MallError::Server {
                mall,
                status: reply.status,
            });
        }
        return Err(MallError::Malformed {
            mall,
            detail: format!(
                "JSON ではなく HTML のページが返りました（HTTP {}）",
                reply.status
            ),
        });
    }
    if reply.status >= 500 {
        return Err(MallError::Server {
            mall,
            status: reply.status,
        });
    }
    if method == Method::Get && reply.status == 200 {
        // A cut-off or garbled 200 is worth another try.
        reply.json(mall)?;
    }
    Ok(reply)
}

fn retryable(e: &MallError) -> bool {
    matches!(
        e,
        MallError::Server { .. }
            | MallError::Timeout { .. }
            | MallError::Network { .. }
            | MallError::Malformed { .. }
    )
}

/// The mall's hourly limit is near: Juchu stops on its own.
pub fn budget_exhausted(mall: &'static str, limit: u32, next_hour: i64) -> MallError {
    MallError::RateLimited {
        mall,
        limit: format!("Juchu の自主制限: 1時間に{limit}回まで"),
        resume: format!("{} 以降に続きを取得します。", hhmm(next_hour)),
        retry_at: Some(next_hour),
    }
}

/// `HH:MM` in JST.
pub fn hhmm(unix: i64) -> String {
    crate::time::jst(unix).format("%H:%M").to_string()
}

/// A reqwest failure as a `MallError`, with a short detail and no URL.
pub fn transport(mall: &'static str, e: &reqwest::Error) -> MallError {
    if e.is_timeout() {
        return MallError::Timeout { mall };
    }
    if e.is_body() || e.is_decode() {
        return MallError::Malformed {
            mall,
            detail: "応答が途中で切れました".to_string(),
        };
    }
    if e.is_redirect() || e.status().is_some() {
        return MallError::Malformed {
            mall,
            detail: "想定外のリダイレクトが返りました".to_string(),
        };
    }
    MallError::Network {
        mall,
        detail: short(&e.without_url_ref()),
    }
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        // The innermost cause says the most ("Connection refused", "dns error"…).
        let mut source: &dyn std::error::Error = self;
        while let Some(next) = source.source() {
            source = next;
        }
        source.to_string()
    }
}

/// At most 120 characters of an error text.
fn short(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    let mut out: String = text.chars().take(120).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_counts_per_clock_hour() {
        let b = HourBudget::new(2);
        let t = 1_700_000_000 - 1_700_000_000 % 3600 + 10;
        assert!(b.take(t).is_ok());
        assert!(b.take(t + 1).is_ok());
        assert_eq!(b.take(t + 2), Err(t - 10 + 3600));
        assert_eq!(b.used(t), 2);
        assert!(b.take(t - 10 + 3600).is_ok(), "a new hour starts afresh");
        assert_eq!(b.used(t - 10 + 3600), 1);
    }

    fn reply(status: u16, ct: &str, body: &str) -> Reply {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
            content_type: Some(ct.to_string()),
        }
    }

    #[test]
    fn classify_maps_transport_answers() {
        let m = "BASE";
        let html = "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>";
        assert_eq!(
            classify(m, Method::Get, reply(502, "text/html", html)).unwrap_err(),
            MallError::Server {
                mall: m,
                status: 502
            }
        );
        let maint = "<html><body>ただいまメンテナンス中です</body></html>";
        assert_eq!(
            classify(m, Method::Get, reply(503, "text/html", maint)).unwrap_err(),
            MallError::Maintenance { mall: m }
        );
        assert!(matches!(
            classify(
                m,
                Method::Get,
                reply(200, "application/json", "{\"orders\":[")
            ),
            Err(MallError::Malformed { .. })
        ));
        assert_eq!(
            classify(
                m,
                Method::Get,
                reply(503, "text/plain", "Service Unavailable")
            )
            .unwrap_err(),
            MallError::Server {
                mall: m,
                status: 503
            }
        );
        // A 400 with JSON is the mall's own answer: the client reads it.
        assert!(classify(
            m,
            Method::Post,
            reply(400, "application/json", "{\"error\":\"x\"}")
        )
        .is_ok());
        assert!(retryable(&MallError::Server {
            mall: m,
            status: 500
        }));
        assert!(!retryable(&MallError::Maintenance { mall: m }));
        assert!(!retryable(&MallError::Refused {
            mall: m,
            code: "x".into(),
            message: "y".into()
        }));
    }

    fn assert_send<T: Send>(_: T) {}

    /// Compiles only if the futures can cross threads (`MallClient` is `Send`).
    #[allow(dead_code)]
    fn futures_are_send(h: &Http, s: &crate::secrets::Secrets) {
        assert_send(h.get("", &[], None));
        assert_send(h.post_form("", &[], None));
        assert_send(crate::oauth::refresh(h, "", 1, s));
    }

    #[test]
    fn short_cuts_long_texts() {
        let long = "あ".repeat(300);
        assert_eq!(short(&long).chars().count(), 121);
        assert_eq!(short(&"abc"), "abc");
    }
}
