//! One request as a line of the record file.

use std::collections::BTreeMap;

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::body::body_value;
use crate::mall::MallKind;
use crate::recorder::RecordedRequest;

/// One line of the record file (the fields are described in [`crate::record_file`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordLine {
    /// The mall's id: `base`, `qoo10`, `bcart`, `makeshop`, `shopserve`.
    pub mall: String,
    /// Arrival number on that mall, from 0.
    pub seq: u64,
    /// Arrival on the mall's clock, RFC 3339 in UTC.
    pub time: String,
    /// `GET`, `POST`…
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The recorded request headers, lower-case names.
    pub headers: BTreeMap<String, String>,
    /// The body: `null`, form fields, JSON or text (see [`body_value`]).
    pub body: Value,
    /// The status answered; `None` when the fake gave no answer.
    pub status: Option<u16>,
    /// The transport fault injected ([`Fault`](crate::faults::Fault)'s display), if any.
    pub fault: Option<String>,
}

impl RecordLine {
    /// The line for `request`, received by `mall`.
    pub fn new(mall: MallKind, request: &RecordedRequest) -> Self {
        Self {
            mall: mall.id().to_string(),
            seq: request.seq,
            time: request.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            method: request.method.clone(),
            path: request.path.clone(),
            query: request.query.clone(),
            headers: request.headers.clone(),
            body: body_value(request.header("content-type"), &request.body),
            status: request.status,
            fault: request.fault.as_ref().map(ToString::to_string),
        }
    }

    /// `"GET /1/orders"`.
    pub fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// A recorded request header (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::Fault;
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    #[test]
    fn a_line_carries_every_field() {
        let at = Utc
            .with_ymd_and_hms(2024, 6, 30, 3, 0, 0)
            .single()
            .expect("valid time");
        let request = RecordedRequest {
            seq: 4,
            at,
            method: "POST".into(),
            path: "/1/oauth/token".into(),
            query: Some("a=1".into()),
            headers: [(
                "content-type".to_string(),
                "application/x-www-form-urlencoded".to_string(),
            )]
            .into(),
            body: "grant_type=refresh_token".into(),
            status: Some(502),
            fault: Some(Fault::Status(502)),
        };
        let line = serde_json::to_value(RecordLine::new(MallKind::Base, &request)).expect("json");
        assert_eq!(
            line,
            json!({"mall": "base", "seq": 4, "time": "2024-06-30T03:00:00Z", "method": "POST",
                "path": "/1/oauth/token", "query": "a=1",
                "headers": {"content-type": "application/x-www-form-urlencoded"},
                "body": {"grant_type": "refresh_token"}, "status": 502, "fault": "status:502"})
        );
    }
}
