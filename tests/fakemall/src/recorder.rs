//! The record of every request a fake received, so a test can assert exactly which calls a
//! client made (and count them against a mall's limits).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use crate::faults::Fault;

/// Request headers recorded by default (lower-case). A mall can record more through
/// [`crate::server::StartOptions::recorded_headers`].
pub const DEFAULT_RECORDED_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "accept",
    "user-agent",
    // Qoo10
    "giosiscertificationkey",
    "qapiversion",
    // MakeShop
    "x-api-key",
    "x-timestamp",
];

/// One request as the fake saw it, and what it answered.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// Arrival number on this mall, from 0; never reused, even after a clear.
    pub seq: u64,
    /// Test-clock time of arrival.
    pub at: DateTime<Utc>,
    /// `GET`, `POST`…
    pub method: String,
    /// Path without the query, e.g. `/1/orders`.
    pub path: String,
    /// The raw query string (without `?`), if any.
    pub query: Option<String>,
    /// The selected request headers, lower-case names.
    pub headers: BTreeMap<String, String>,
    /// The request body (lossy UTF-8).
    pub body: String,
    /// The status answered; `None` while the answer is pending or when the fake hung.
    pub status: Option<u16>,
    /// The transport fault injected into this request, if any.
    pub fault: Option<Fault>,
}

impl RecordedRequest {
    /// `"GET /1/orders"`.
    pub fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The decoded query parameters, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.query
            .as_deref()
            .and_then(|q| serde_urlencoded::from_str(q).ok())
            .unwrap_or_default()
    }

    /// The first query parameter of that name.
    pub fn query_param(&self, name: &str) -> Option<String> {
        first(self.query_pairs(), name)
    }

    /// The body decoded as a form (`application/x-www-form-urlencoded`), in order.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_str(&self.body).unwrap_or_default()
    }

    /// The first form parameter of that name.
    pub fn form_param(&self, name: &str) -> Option<String> {
        first(self.form_pairs(), name)
    }

    /// The body parsed as JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// A recorded header (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

fn first(pairs: Vec<(String, String)>, name: &str) -> Option<String> {
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// Shared, clonable handle on one mall's request record.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    requests: Vec<RecordedRequest>,
    next_seq: u64,
}

impl std::ops::Deref for Inner {
    type Target = Vec<RecordedRequest>;
    fn deref(&self) -> &Self::Target {
        &self.requests
    }
}

impl std::ops::DerefMut for Inner {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.requests
    }
}

impl Recorder {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every request since the start or the last [`clear`](Self::clear), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().clone()
    }

    /// `"METHOD /path"` of every request, oldest first.
    pub fn routes(&self) -> Vec<String> {
        self.lock().iter().map(RecordedRequest::route).collect()
    }

    /// How many requests were recorded.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Forgets every request.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Returns every request and forgets them.
    pub fn take(&self) -> Vec<RecordedRequest> {
        std::mem::take(&mut self.lock().requests)
    }

    /// Records a new request; its `seq` is assigned here and returned.
    pub(crate) fn push(&self, mut request: RecordedRequest) -> u64 {
        let mut inner = self.lock();
        request.seq = inner.next_seq;
        inner.next_seq += 1;
        inner.requests.push(request);
        inner.next_seq - 1
    }

    /// Changes the entry `seq` (if it was not cleared meanwhile).
    pub(crate) fn update(&self, seq: u64, f: impl FnOnce(&mut RecordedRequest)) {
        let mut inner = self.lock();
        if let Some(r) = inner.requests.iter_mut().rev().find(|r| r.seq == seq) {
            f(r);
        }
    }
}
