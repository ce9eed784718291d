//! The HTTP layer every mall client shares: one `reqwest` client per mall
//! client (rustls, timeouts, no redirects followed), a call counter, the
//! shop's [`Limiter`] (shared by every client of the shop), and automatic
//! retries with exponential back-off for idempotent requests only.
//!
//! One entry point, [`Http::send`], takes any method, query, headers, a form,
//! JSON or raw body and bearer / basic / header auth. Whether a request is
//! retried is its `idempotent` flag, not its method: a GraphQL query is a
//! read-only POST and is retried; a write is never retried here: after a
//! timeout its outcome is unknown, and the export pipeline reads the order
//! back (`MallClient::shipped_units`) before it sends anything again.
//!
//! Replies keep their headers (`Retry-After`; a 429 with it locks the shop's
//! limiter until then) and their bytes; [`Reply::text`] decodes them by their
//! charset (UTF-8, Shift_JIS / CP932, EUC-JP) with `encoding_rs`.
//!
//! Transport failures become [`MallError`]s: `Timeout`, `Network`, `Server`
//! (5xx, HTML error pages), `Maintenance` (an HTML page that says so) and
//! `Malformed` (a cut-off or unreadable body). Details are short and never
//! carry a secret (no header, no body, no URL with a query).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};

use super::limit::{LimitPolicy, Limiter};
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

/// An HTTP method a mall API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

/// What a request carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    None,
    /// `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
    Json(serde_json::Value),
    Raw {
        content_type: String,
        bytes: Vec<u8>,
    },
}

/// How a request proves who it is. Never logged.
#[derive(Clone, PartialEq)]
pub enum Auth {
    None,
    Bearer(String),
    Basic {
        user: String,
        password: Option<String>,
    },
    /// A key in a header of the mall's choosing (e.g. `x-api-key`).
    Header {
        name: String,
        value: String,
    },
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "None",
            Auth::Bearer(_) => "Bearer(…)",
            Auth::Basic { .. } => "Basic(…)",
            Auth::Header { .. } => "Header(…)",
        })
    }
}

/// One request to a mall. Build it with [`Request::get`] / [`Request::new`]
/// and the builder methods; send it with [`Http::send`].
#[derive(Clone)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub query: Vec<(String, String)>,
    /// Extra headers (values may be secret: never logged).
    pub headers: Vec<(String, String)>,
    pub body: Body,
    pub auth: Auth,
    /// Safe to repeat: retried on 5xx, timeouts, connection errors and
    /// unreadable 200s. Defaults to true for GET, false otherwise.
    pub idempotent: bool,
    /// The answer must be JSON (an unreadable 200 is then a failure worth a
    /// retry). Default true; false for XML or CSV APIs.
    pub expect_json: bool,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values and bodies may be keys: only their names are shown.
        let headers: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("auth", &self.auth)
            .field("idempotent", &self.idempotent)
            .finish_non_exhaustive()
    }
}

impl Request {
    pub fn new(method: Method, url: impl Into<String>) -> Request {
        Request {
            method,
            url: url.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            auth: Auth::None,
            idempotent: method == Method::Get,
            expect_json: true,
        }
    }
    pub fn get(url: impl Into<String>) -> Request {
        Request::new(Method::Get, url)
    }
    pub fn post(url: impl Into<String>) -> Request {
        Request::new(Method::Post, url)
    }
    pub fn query(mut self, query: &[(&str, String)]) -> Request {
        self.query
            .extend(query.iter().map(|(k, v)| (k.to_string(), v.clone())));
        self
    }
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Request {
        self.headers.push((name.to_string(), value.into()));
        self
    }
    pub fn form(mut self, form: &[(&str, String)]) -> Request {
        self.body = Body::Form(
            form.iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        );
        self
    }
    pub fn json(mut self, value: serde_json::Value) -> Request {
        self.body = Body::Json(value);
        self
    }
    pub fn raw(mut self, content_type: &str, bytes: Vec<u8>) -> Request {
        self.body = Body::Raw {
            content_type: content_type.to_string(),
            bytes,
        };
        self
    }
    pub fn auth(mut self, auth: Auth) -> Request {
        self.auth = auth;
        self
    }
    /// A bearer token, when there is one.
    pub fn bearer(self, token: Option<&str>) -> Request {
        match token {
            Some(t) => self.auth(Auth::Bearer(t.to_string())),
            None => self,
        }
    }
    /// Marks a request safe to repeat (a read-only POST such as a GraphQL query).
    pub fn idempotent(mut self, yes: bool) -> Request {
        self.idempotent = yes;
        self
    }
    pub fn expect_json(mut self, yes: bool) -> Request {
        self.expect_json = yes;
        self
    }
}

/// What a mall answered, with the body read in full.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// A reply made by hand (tests, and token answers rebuilt for `oauth2`).
    pub fn new(status: u16, content_type: Option<&str>, body: Vec<u8>) -> Reply {
        Reply {
            status,
            body,
            content_type: content_type.map(str::to_string),
            headers: reqwest::header::HeaderMap::new(),
        }
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// When `Retry-After` says calls may resume (UNIX seconds): delta-seconds
    /// or an HTTP date.
    pub fn retry_after(&self, now: i64) -> Option<i64> {
        let v = self.header("retry-after")?.trim();
        if let Ok(secs) = v.parse::<i64>() {
            return Some(now + secs.max(0));
        }
        chrono::DateTime::parse_from_rfc2822(v)
            .ok()
            .map(|d| d.timestamp())
    }

    /// The body as text, decoded by the charset of its `Content-Type`, or
    /// by `default` (a label such as "Shift_JIS") when it names none.
    pub fn text(&self, default: &'static encoding_rs::Encoding) -> String {
        let named = self
            .content_type
            .as_deref()
            .and_then(|ct| {
                ct.split(';')
                    .find_map(|p| p.trim().strip_prefix("charset="))
            })
            .and_then(|label| encoding_rs::Encoding::for_label(label.trim_matches('"').as_bytes()));
        let (text, _, _) = named.unwrap_or(default).decode(&self.body);
        text.into_owned()
    }

    /// The body as JSON, or `Malformed`.
    /// (In the charset its `Content-Type` names: a Shift_JIS JSON reads too.)
    pub fn json(&self, mall: &'static str) -> Result<serde_json::Value, MallError> {
        serde_json::from_str(&self.text(encoding_rs::UTF_8)).map_err(|e| MallError::Malformed {
            mall,
            detail: format!(
                "JSON として読めません（HTTP {}、{}行目）",
                self.status,
                e.line()
            ),
        })
    }

    /// An HTML page: said so, or a body opening with `<` that is not XML.
    fn is_html(&self) -> bool {
        let ct = self
            .content_type
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let start: Vec<u8> = self
            .body
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(5)
            .copied()
            .collect();
        ct.contains("html")
            || (start.first() == Some(&b'<') && !ct.contains("xml") && start != b"<?xml")
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
    limiter: Arc<Limiter>,
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

impl Http {
    /// `mall` is the label every error names (e.g. "BASE").
    pub fn new(mall: &'static str, options: HttpOptions) -> Http {
        Http {
            mall,
            client: build_client(&options),
            options,
            calls: AtomicU32::new(0),
            limiter: Arc::new(Limiter::unlimited(mall)),
            clock: Arc::new(crate::time::now_unix),
        }
    }

    /// Draws every call from `limiter` (the shop's, shared by all its clients).
    pub fn with_limiter(mut self, limiter: Arc<Limiter>) -> Http {
        self.limiter = limiter;
        self
    }

    /// A limiter of this client's own with `policies` (tests, one-off calls).
    pub fn with_limits(self, policies: &[LimitPolicy]) -> Http {
        let mall = self.mall;
        self.with_limiter(Arc::new(Limiter::new(mall, policies)))
    }

    pub fn with_clock(mut self, clock: Clock) -> Http {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Requests sent so far (retries and token calls included).
    pub fn calls(&self) -> u32 {
        self.calls.load(Ordering::Relaxed)
    }

    /// Counts one request sent outside [`send`](Self::send) (e.g. by the `oauth2` crate).
    pub fn count(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }

    pub fn limiter(&self) -> &Arc<Limiter> {
        &self.limiter
    }

    /// The underlying client (for the `oauth2` crate).
    pub fn client(&self) -> Result<&reqwest::Client, MallError> {
        self.client.as_ref().map_err(|detail| MallError::Network {
            mall: self.mall,
            detail: format!("HTTP クライアントを作れません: {detail}"),
        })
    }

    /// Sends `request`: an idempotent one is retried with back-off on 5xx,
    /// timeouts, connection errors, cut-off or unreadable 200 bodies and HTML
    /// error pages; any other is sent once.
    pub async fn send(&self, request: &Request) -> Result<Reply, MallError> {
        if !request.idempotent {
            return self.once(request).await;
        }
        let backoff = ExponentialBuilder::default()
            .with_min_delay(self.options.retry_min_delay)
            .with_max_delay(self.options.retry_max_delay)
            .with_max_times(self.options.max_tries.saturating_sub(1))
            .with_jitter();
        (|| self.once(request))
            .retry(backoff)
            .when(retryable)
            .notify(|e, after| {
                tracing::debug!(mall = self.mall, code = e.code(), ?after, "再試行します");
            })
            .await
    }

    /// An idempotent GET with a query and an optional bearer token.
    pub async fn get(
        &self,
        url: &str,
        query: &[(&str, String)],
        bearer: Option<&str>,
    ) -> Result<Reply, MallError> {
        self.send(&Request::get(url).query(query).bearer(bearer))
            .await
    }

    /// A form-urlencoded POST, sent once.
    pub async fn post_form(
        &self,
        url: &str,
        form: &[(&str, String)],
        bearer: Option<&str>,
    ) -> Result<Reply, MallError> {
        self.send(&Request::post(url).form(form).bearer(bearer))
            .await
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
        self.read(false, response).await
    }

    async fn read(
        &self,
        expect_json: bool,
        response: reqwest::Response,
    ) -> Result<Reply, MallError> {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let content_type = headers
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
            headers,
        };
        if reply.status == 429 {
            // Too many requests: every client of the shop waits as told.
            let at = reply.retry_after(self.now()).unwrap_or(self.now() + 60);
            self.limiter.lock_until(at);
            return Err(MallError::RateLimited {
                mall: self.mall,
                limit: "短時間の呼び出し回数".to_string(),
                resume: format!("{} 以降に続きを取得します。", super::limit::hhmm(at)),
                retry_at: Some(at),
            });
        }
        classify(self.mall, expect_json, reply)
    }

    async fn once(&self, r: &Request) -> Result<Reply, MallError> {
        let client = self.client()?;
        self.limiter.acquire(self.now()).await?;
        let method = match r.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = client.request(method, &r.url);
        if !r.query.is_empty() {
            request = request.query(&r.query);
        }
        if r.expect_json {
            request = request.header(reqwest::header::ACCEPT, "application/json");
        }
        for (name, value) in &r.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request = match &r.body {
            Body::None => request,
            Body::Form(form) => request.form(form),
            Body::Json(value) => request.json(value),
            Body::Raw {
                content_type,
                bytes,
            } => request
                .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
                .body(bytes.clone()),
        };
        request = match &r.auth {
            Auth::None => request,
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Basic { user, password } => request.basic_auth(user, password.as_deref()),
            Auth::Header { name, value } => request.header(name.as_str(), value.as_str()),
        };
        self.count();
        let response = request.send().await.map_err(|e| transport(self.mall, &e))?;
        self.read(r.expect_json && r.idempotent, response).await
    }
}

/// Which replies are failures whatever the mall: 5xx, HTML pages, non-JSON
/// 200s where JSON was expected of a request worth repeating.
fn classify(mall: &'static str, expect_json: bool, reply: Reply) -> Result<Reply, MallError> {
    // Decoded by its own charset: a Shift_JIS page says メンテナンス too.
    let text = reply.text(encoding_rs::UTF_8);
    let says_maintenance =
        text.contains("メンテナンス") || text.to_ascii_lowercase().contains("maintenance");
    if reply.status == 503 && says_maintenance {
        return Err(MallError::Maintenance { mall });
    }
    if reply.is_html() {
        if says_maintenance {
            return Err(MallError::Maintenance { mall });
        }
        if reply.status >= 500 {
            return Err(MallError::Server {
                mall,
                status: reply.status,
            });
        }
        // The page's title is kept for diagnosis (a 404 page, a gateway's error).
        let title = text
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(t, _)| t.trim().chars().take(80).collect::<String>())
            .filter(|t| !t.is_empty())
            .map_or_else(String::new, |t| format!("「{t}」"));
        return Err(MallError::Malformed {
            mall,
            detail: format!(
                "JSON ではなく HTML のページ{title}が返りました（HTTP {}）",
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
    if expect_json && reply.status == 200 {
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

    fn reply(status: u16, ct: &str, body: &str) -> Reply {
        reply_bytes(status, ct, body.as_bytes())
    }

    fn reply_bytes(status: u16, ct: &str, body: &[u8]) -> Reply {
        Reply::new(status, Some(ct), body.to_vec())
    }

    #[test]
    fn classify_maps_transport_answers() {
        let m = "BASE";
        let html = "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>";
        assert_eq!(
            classify(m, true, reply(502, "text/html", html)).unwrap_err(),
            MallError::Server {
                mall: m,
                status: 502
            }
        );
        let not_found = "<html><head><title>404 Not Found</title></head><body>nginx</body></html>";
        match classify(m, true, reply(404, "text/html", not_found)) {
            Err(MallError::Malformed { detail, .. }) => {
                assert!(detail.contains("「404 Not Found」"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        // A mall's own 503 (JSON or XML, in Shift_JIS) that says so is maintenance too.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("<response><message>ただいまメンテナンス中です</message></response>");
        assert_eq!(
            classify(
                m,
                true,
                reply_bytes(503, "application/xml; charset=Shift_JIS", &sjis)
            )
            .unwrap_err(),
            MallError::Maintenance { mall: m }
        );
        let maint = "<html><body>ただいまメンテナンス中です</body></html>";
        assert_eq!(
            classify(m, true, reply(503, "text/html", maint)).unwrap_err(),
            MallError::Maintenance { mall: m }
        );
        assert!(matches!(
            classify(m, true, reply(200, "application/json", "{\"orders\":[")),
            Err(MallError::Malformed { .. })
        ));
        assert_eq!(
            classify(m, true, reply(503, "text/plain", "Service Unavailable")).unwrap_err(),
            MallError::Server {
                mall: m,
                status: 503
            }
        );
        // A 400 with JSON is the mall's own answer: the client reads it.
        assert!(classify(
            m,
            false,
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

    /// A server on 127.0.0.1 that answers every request with 429 and
    /// `Retry-After: 120`, counting the requests that reach it.
    async fn too_many_requests() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/orders", listener.local_addr().unwrap());
        let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = hits.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                counted.fetch_add(1, Ordering::SeqCst);
                let body = r#"{"message":"Too Many Requests"}"#;
                let answer = format!(
                    "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            }
        });
        (url, hits)
    }

    #[tokio::test]
    async fn a_429_locks_every_client_of_the_shop_until_retry_after() {
        let (url, hits) = too_many_requests().await;
        let limiter = Arc::new(Limiter::unlimited("Bカート"));
        let now = 1_800_000_000;
        let clock: Clock = Arc::new(move || now);
        let sync = Http::new("Bカート", HttpOptions::fast())
            .with_limiter(limiter.clone())
            .with_clock(clock.clone());
        let e = sync.send(&Request::get(&url)).await.unwrap_err();
        assert!(
            matches!(e, MallError::RateLimited { retry_at: Some(at), .. } if at == now + 120),
            "{e:?}"
        );
        assert_eq!(
            hits.load(Ordering::SeqCst),
            1,
            "a rate limit is not retried"
        );
        // Another client of the same shop (an export) waits as told, without calling.
        let export = Http::new("Bカート", HttpOptions::fast())
            .with_limiter(limiter)
            .with_clock(clock);
        let e = export.send(&Request::get(&url)).await.unwrap_err();
        assert!(matches!(e, MallError::RateLimited { .. }), "{e:?}");
        assert!(e.to_string().contains("Bカート"), "{e}");
        assert_eq!(
            hits.load(Ordering::SeqCst),
            1,
            "nothing sent during the lockout"
        );
    }

    /// Compiles only if the futures can cross threads (`MallClient` is `Send`).
    #[allow(dead_code)]
    fn futures_are_send(h: &Http, s: &crate::secrets::Secrets) {
        assert_send(h.get("", &[], None));
        assert_send(h.post_form("", &[], None));
        assert_send(h.send(&Request::get("")));
        assert_send(crate::malls::base::oauth::refresh(h, "", 1, s));
    }

    #[test]
    fn replies_decode_their_charset_and_retry_after() {
        let sjis = encoding_rs::SHIFT_JIS.encode("受注番号").0.to_vec();
        let r = Reply::new(200, Some("text/xml; charset=Shift_JIS"), sjis.clone());
        assert_eq!(r.text(encoding_rs::UTF_8), "受注番号");
        let r = Reply::new(200, Some("text/xml"), sjis);
        assert_eq!(
            r.text(encoding_rs::SHIFT_JIS),
            "受注番号",
            "the mall's default"
        );
        let euc = encoding_rs::EUC_JP.encode("発送").0.to_vec();
        let r = Reply::new(200, Some("text/plain; charset=\"EUC-JP\""), euc);
        assert_eq!(r.text(encoding_rs::UTF_8), "発送");
        let mut r = Reply::new(429, None, Vec::new());
        r.headers.insert("retry-after", "300".parse().unwrap());
        assert_eq!(r.retry_after(1_000), Some(1_300));
        r.headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(r.retry_after(0), Some(1_445_412_480));
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let r = Request::get("https://x")
            .auth(Auth::Basic {
                user: "shop".into(),
                password: Some("manager-key-secret".into()),
            })
            .header("x-api-key", "k");
        let text = format!("{r:?}");
        assert!(!text.contains("manager-key-secret"), "{text}");
        assert!(
            text.contains("x-api-key") && !text.contains("\"k\""),
            "{text}"
        );
    }

    #[test]
    fn short_cuts_long_texts() {
        let long = "あ".repeat(300);
        assert_eq!(short(&long).chars().count(), 121);
        assert_eq!(short(&"abc"), "abc");
    }
}
