//! Helpers shared by the ショップサーブ tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use fakemall::shopserve::FakeShopserve;
pub use fakemall::testkit::http;
use fakemall::testkit::{self, start_frozen};
use serde_json::Value;

/// A fake with `orders` generated orders, seed 9, clock frozen at `testkit::t0()`.
pub async fn start(orders: usize) -> FakeShopserve {
    start_frozen(orders, 9).await
}

/// Status, `Retry-After`, content type, JSON body (or the text as a JSON string).
pub type Answer = (u16, Option<String>, String, Value);

pub async fn read(r: reqwest::Response) -> Answer {
    shape(testkit::Answer::read(r).await)
}

fn shape(a: testkit::Answer) -> Answer {
    let ct = a.header_string("content-type").unwrap_or_default();
    (a.status, a.header_string("retry-after"), ct, a.body)
}

/// GET with Basic `shop_id:key` (the manager key unless given).
pub async fn get_with(s: &FakeShopserve, key: Option<&str>, path_and_query: &str) -> Answer {
    let c = s.credentials();
    let mut req = http().get(format!("{}{path_and_query}", s.api_base_url()));
    if let Some(k) = key {
        req = req.basic_auth(&c.shop_id, Some(k));
    }
    shape(testkit::send(req).await)
}

/// GET with the manager key.
pub async fn get(s: &FakeShopserve, path_and_query: &str) -> Answer {
    let key = s.credentials().manager_key;
    get_with(s, Some(&key), path_and_query).await
}

/// POST JSON to the update endpoint.
pub async fn update(s: &FakeShopserve, body: &Value) -> Answer {
    let c = s.credentials();
    let r = http()
        .post(format!("{}/api/v1/orders/update", s.api_base_url()))
        .basic_auth(&c.shop_id, Some(&c.manager_key))
        .json(body);
    shape(testkit::send(r).await)
}

/// `from`/`to` query for the window `[t - days, t]`.
pub fn window(t: DateTime<Utc>, days: i64) -> String {
    let f = |t: DateTime<Utc>| fakemall::shopserve::orders::format_time(t).replace(' ', "%20");
    format!("from={}&to={}", f(t - Duration::days(days)), f(t))
}

/// The error shape: status, `result: error`, first error code.
pub fn assert_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.0, status, "{a:?}");
    assert_eq!(a.3["result"], "error", "{a:?}");
    assert_eq!(a.3["errors"][0]["code"], code, "{a:?}");
    assert!(!a.3["errors"][0]["message"]
        .as_str()
        .expect("message")
        .is_empty());
}

// ---- Codec and charset: answers read from their bytes, request bodies written in them. ----

use fakemall::shopserve::{wire, xml, Charset, Codec};

/// The four combinations a client must handle.
pub const COMBOS: [(Codec, Charset); 4] = [
    (Codec::Json, Charset::Utf8),
    (Codec::Json, Charset::Cp932),
    (Codec::Xml, Charset::Utf8),
    (Codec::Xml, Charset::Cp932),
];

/// An answer as bytes.
#[derive(Debug, Clone)]
pub struct Raw {
    pub status: u16,
    pub content_type: String,
    pub retry_after: Option<String>,
    pub bytes: Vec<u8>,
}

/// Sends and reads the answer's bytes.
pub async fn raw(req: reqwest::RequestBuilder) -> Raw {
    let r = req.send().await.expect("send");
    let h = |name: &str| {
        r.headers()
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let content_type = h("content-type").unwrap_or_default();
    let retry_after = h("retry-after");
    let status = r.status().as_u16();
    let bytes = r.bytes().await.expect("body").to_vec();
    Raw {
        status,
        content_type,
        retry_after,
        bytes,
    }
}

/// GET with the manager key, read as bytes.
pub async fn get_raw(s: &FakeShopserve, path_and_query: &str) -> Raw {
    let c = s.credentials();
    raw(http()
        .get(format!("{}{path_and_query}", s.api_base_url()))
        .basic_auth(&c.shop_id, Some(&c.manager_key)))
    .await
}

/// POST `body` with that `Content-Type` to the update endpoint, read as bytes.
pub async fn post_raw(s: &FakeShopserve, body: Vec<u8>, content_type: &str) -> Raw {
    let c = s.credentials();
    raw(http()
        .post(format!("{}/api/v1/orders/update", s.api_base_url()))
        .basic_auth(&c.shop_id, Some(&c.manager_key))
        .header("content-type", content_type)
        .body(body))
    .await
}

/// `v` as an update body in `codec` and `charset` (XML root `<request>`) and its
/// `Content-Type` with the `charset=` label.
pub fn request_body(codec: Codec, charset: Charset, v: &Value) -> (Vec<u8>, String) {
    let media = match codec {
        Codec::Json => "application/json",
        Codec::Xml => "application/xml",
    };
    let label = match charset {
        Charset::Utf8 => "utf-8",
        Charset::Cp932 => "Shift_JIS",
    };
    (
        wire::encode_body(codec, charset, "request", v),
        format!("{media}; charset={label}"),
    )
}

/// What the fake's JSON value `v` reads as through `codec` and `charset`.
pub fn seen(codec: Codec, charset: Charset, v: &Value) -> Value {
    match (codec, charset) {
        (Codec::Json, Charset::Utf8) => v.clone(),
        (Codec::Json, Charset::Cp932) => wire::cp932_substitute_value(v),
        (Codec::Xml, _) => xml::as_read_back(v),
    }
}

/// The names of the XML elements in document order, read with quick-xml directly.
pub fn element_names(text: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(text);
    let mut names = Vec::new();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let n = e.name();
                let s: &str = n.as_ref();
                names.push(s.to_string());
            }
            Event::Eof => return names,
            _ => {}
        }
    }
}

impl Raw {
    /// The codec and charset the `Content-Type` announces, the body decoded with encoding_rs
    /// (panics on malformed bytes) and parsed (JSON, or XML whose root must be `<response>`
    /// and whose declaration must name the same charset).
    pub fn decode(&self) -> (Codec, Charset, String, Value) {
        let ct = self.content_type.as_str();
        let (media, params) = ct.split_once(';').expect("a charset parameter");
        let label = params
            .trim()
            .strip_prefix("charset=")
            .unwrap_or_else(|| panic!("charset in {ct}"));
        let enc = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known charset");
        let charset = if enc == encoding_rs::UTF_8 {
            Charset::Utf8
        } else {
            assert_eq!(enc, encoding_rs::SHIFT_JIS, "{ct}");
            Charset::Cp932
        };
        let text = enc
            .decode_without_bom_handling_and_without_replacement(&self.bytes)
            .unwrap_or_else(|| panic!("a {label} body: {:?}", self.bytes))
            .into_owned();
        match media {
            "application/json" => {
                let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
                (Codec::Json, charset, text, v)
            }
            "application/xml" => {
                let decl = match charset {
                    Charset::Utf8 => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    Charset::Cp932 => "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>",
                };
                assert!(text.starts_with(decl), "{text}");
                assert_eq!(element_names(&text)[0], "response", "{text}");
                let (root, v) = xml::from_xml_document(&text).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(root, "response");
                (Codec::Xml, charset, text, v)
            }
            other => panic!("content type {other}"),
        }
    }

    /// Asserts the answer is in `codec` and `charset` (its `Content-Type` says so, the bytes
    /// are such a body) and returns the decoded value.
    pub fn value_in(&self, codec: Codec, charset: Charset) -> Value {
        assert_eq!(
            self.content_type,
            wire::content_type(codec, charset),
            "{self:?}"
        );
        let (c, ch, _, v) = self.decode();
        assert_eq!((c, ch), (codec, charset));
        v
    }

    /// Asserts an error answer in `codec` and `charset`: status, code, a message.
    pub fn assert_error_in(&self, codec: Codec, charset: Charset, status: u16, code: &str) {
        assert_eq!(self.status, status, "{self:?}");
        let v = self.value_in(codec, charset);
        assert_eq!(v["result"], "error", "{v}");
        assert_eq!(v["errors"][0]["code"], code, "{v}");
        assert!(!v["errors"][0]["message"]
            .as_str()
            .expect("message")
            .is_empty());
    }
}
