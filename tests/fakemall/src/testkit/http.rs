//! Calling a fake over HTTP and reading its answer.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

/// A client for the fakes: no redirects followed (a test sees BASE's 302s), a 10 s timeout.
///
/// # Panics
/// When the client cannot be built.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("building the HTTP client: {e}"))
}

/// An answer as the tests look at it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The response headers, lower-case names (the last value of a repeated header).
    pub headers: BTreeMap<String, String>,
    /// The body parsed as JSON, or the text as a JSON string when it is not JSON.
    pub body: Value,
}

impl Answer {
    /// Reads status, headers and body.
    ///
    /// # Panics
    /// When the body cannot be read.
    pub async fn read(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_string(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let text = response
            .text()
            .await
            .unwrap_or_else(|e| panic!("reading the body of a {status} answer: {e}"));
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Self {
            status,
            headers,
            body,
        }
    }

    /// A response header (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// A response header as an owned string.
    pub fn header_string(&self, name: &str) -> Option<String> {
        self.header(name).map(str::to_string)
    }
}

/// `(status, body)`, the shape most tests compare.
impl From<Answer> for (u16, Value) {
    fn from(a: Answer) -> Self {
        (a.status, a.body)
    }
}

/// Sends the request and reads the answer.
///
/// # Panics
/// When the request cannot be sent or the body read.
pub async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("sending a request to a fake: {e}"));
    Answer::read(response).await
}

/// `pairs` as an `application/x-www-form-urlencoded` body.
///
/// # Panics
/// Never for string pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_else(|e| panic!("encoding a form: {e}"))
}
