//! How the ショップサーブ fake writes its answers and reads request bodies: the codec (JSON or
//! XML, see [`super::xml`]) and the charset (UTF-8 or CP932), both switchable per instance
//! because the real ones are unknown (shopserve.md §2 \[U\]; the guesses are documented in
//! [`super::uncertain`]).

use std::borrow::Cow;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use encoding_rs::{EncoderResult, Encoding, SHIFT_JIS, UTF_8};
use serde_json::Value;

use super::uncertain as u;
use super::xml;

/// The body format of a fake instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Codec {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `application/xml`, mapped from the JSON shape as [`super::xml`] describes.
    Xml,
}

/// The character set of a fake instance's bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Charset {
    /// UTF-8 (the default).
    #[default]
    Utf8,
    /// CP932 (Windows-31J), labelled `Shift_JIS`; encoded with `encoding_rs::SHIFT_JIS`, which
    /// is the CP932 superset (①, 髙, 﨑 included). Characters outside it (𠮷, emoji) become
    /// character references in XML and 〓 in JSON.
    Cp932,
}

impl Charset {
    /// The label written in `Content-Type`: `utf-8` / `Shift_JIS`.
    pub fn label(self) -> &'static str {
        match self {
            Charset::Utf8 => u::CHARSET_LABEL_UTF8,
            Charset::Cp932 => u::CHARSET_LABEL_CP932,
        }
    }

    /// The name in the XML declaration: `UTF-8` / `Shift_JIS`.
    pub fn xml_encoding(self) -> &'static str {
        match self {
            Charset::Utf8 => u::XML_ENCODING_UTF8,
            Charset::Cp932 => u::XML_ENCODING_CP932,
        }
    }

    /// The charset a `charset=` label names: `utf-8`, `utf8` → UTF-8; `Shift_JIS`,
    /// `shift-jis`, `sjis`, `x-sjis`, `cp932`, `windows-31j`, `ms932`, `ms_kanji`,
    /// `csshiftjis` → CP932 (any case, quotes allowed). Anything else → `None`.
    pub fn from_label(label: &str) -> Option<Charset> {
        let l = label.trim().trim_matches('"').trim().to_ascii_lowercase();
        if matches!(l.as_str(), "cp932" | "ms932" | "windows-31j" | "x-ms-cp932") {
            return Some(Charset::Cp932);
        }
        match Encoding::for_label(l.as_bytes()) {
            Some(e) if e == UTF_8 => Some(Charset::Utf8),
            Some(e) if e == SHIFT_JIS => Some(Charset::Cp932),
            _ => None,
        }
    }
}

/// `Content-Type` of an answer: `application/json; charset=utf-8`,
/// `application/json; charset=Shift_JIS`, `application/xml; charset=utf-8`,
/// `application/xml; charset=Shift_JIS`.
pub fn content_type(codec: Codec, charset: Charset) -> &'static str {
    u::content_type(codec, charset)
}

/// A body that cannot be read in the expected codec and charset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// `Content-Type` names a charset other than UTF-8 / Shift_JIS.
    #[error("unsupported charset {0}")]
    Charset(String),
    /// Bytes that are not text in that charset.
    #[error("the body is not {0}")]
    Encoding(&'static str),
    /// Not JSON.
    #[error("bad JSON: {0}")]
    Json(String),
    /// Not XML in the expected shape.
    #[error(transparent)]
    Xml(#[from] xml::XmlError),
    /// The XML root element is not the expected one.
    #[error("XML root <{0}>, expected <{1}>")]
    Root(String, &'static str),
}

/// The charset of a request: the `charset=` parameter of its `Content-Type` when there is
/// one, else `default` (the instance's charset).
pub fn request_charset(headers: &HeaderMap, default: Charset) -> Result<Charset, BodyError> {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    else {
        return Ok(default);
    };
    for param in ct.split(';').skip(1) {
        if let Some((k, v)) = param.split_once('=') {
            if k.trim().eq_ignore_ascii_case("charset") {
                return Charset::from_label(v).ok_or_else(|| BodyError::Charset(v.trim().into()));
            }
        }
    }
    Ok(default)
}

/// The text of `bytes` in `charset` (a UTF-8 BOM is skipped); malformed bytes are an error.
pub fn decode_text(bytes: &[u8], charset: Charset) -> Result<Cow<'_, str>, BodyError> {
    match charset {
        Charset::Utf8 => {
            let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(b)
                .map(Cow::Borrowed)
                .map_err(|_| BodyError::Encoding("UTF-8"))
        }
        Charset::Cp932 => SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(BodyError::Encoding("Shift_JIS")),
    }
}

/// `s` in CP932, each character CP932 lacks handed to `unmappable` to write its stand-in.
fn encode_cp932(s: &str, mut unmappable: impl FnMut(char, &mut Vec<u8>)) -> Vec<u8> {
    let mut encoder = SHIFT_JIS.new_encoder();
    let mut out = Vec::with_capacity(s.len() + 16);
    let mut buf = [0u8; 4096];
    let mut rest = s;
    loop {
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
        out.extend_from_slice(&buf[..written]);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return out,
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(c) => unmappable(c, &mut out),
        }
    }
}

/// Can CP932 hold `c`?
pub fn cp932_has(c: char) -> bool {
    let mut b = [0u8; 4];
    let (_, _, had_errors) = SHIFT_JIS.encode(c.encode_utf8(&mut b));
    !had_errors
}

/// `s` with every character CP932 lacks replaced by [`u::CP932_JSON_SUBSTITUTE`] (〓): what a
/// JSON + CP932 answer carries instead of `s`.
pub fn cp932_substitute(s: &str) -> String {
    s.chars()
        .map(|c| {
            if cp932_has(c) {
                c
            } else {
                u::CP932_JSON_SUBSTITUTE
            }
        })
        .collect()
}

/// [`cp932_substitute`] applied to every string (and key) of `v`.
pub fn cp932_substitute_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(cp932_substitute(s)),
        Value::Array(a) => Value::Array(a.iter().map(cp932_substitute_value).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (cp932_substitute(k), cp932_substitute_value(x)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `v` as a body: JSON, or an XML document with root element `root` (`response` for
/// answers, `request` for request bodies), in `charset`. In CP932 a character CP932 lacks
/// is written `&#xHEX;` in XML and `〓` in JSON.
pub fn encode_body(codec: Codec, charset: Charset, root: &str, v: &Value) -> Vec<u8> {
    let text = match codec {
        Codec::Json => v.to_string(),
        Codec::Xml => xml::to_xml_declared(root, v, charset.xml_encoding()),
    };
    match (charset, codec) {
        (Charset::Utf8, _) => text.into_bytes(),
        (Charset::Cp932, Codec::Json) => {
            let sub = SHIFT_JIS
                .encode(&u::CP932_JSON_SUBSTITUTE.to_string())
                .0
                .into_owned();
            encode_cp932(&text, |_, out| out.extend_from_slice(&sub))
        }
        (Charset::Cp932, Codec::Xml) => encode_cp932(&text, |c, out| {
            out.extend_from_slice(format!("&#x{:X};", u32::from(c)).as_bytes());
        }),
    }
}

/// A body read back: the JSON value, or the XML root element's content. For XML the root
/// element must be `root` (`None`: any root).
pub fn decode_body(
    codec: Codec,
    charset: Charset,
    root: Option<&'static str>,
    bytes: &[u8],
) -> Result<Value, BodyError> {
    let text = decode_text(bytes, charset)?;
    match codec {
        Codec::Json => serde_json::from_str(&text).map_err(|e| BodyError::Json(e.to_string())),
        Codec::Xml => {
            let (name, v) = xml::from_xml_document(&text)?;
            match root {
                Some(want) if name != want => Err(BodyError::Root(name, want)),
                _ => Ok(v),
            }
        }
    }
}

/// An answer: `status`, [`content_type`], `v` written by [`encode_body`] with root
/// `response`.
pub fn respond(status: StatusCode, codec: Codec, charset: Charset, v: &Value) -> Response {
    let body = encode_body(codec, charset, u::XML_ROOT_ANSWER, v);
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(codec, charset)),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Codec::Json, Charset::Utf8),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            content_type(Codec::Json, Charset::Cp932),
            "application/json; charset=Shift_JIS"
        );
        assert_eq!(
            content_type(Codec::Xml, Charset::Utf8),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Codec::Xml, Charset::Cp932),
            "application/xml; charset=Shift_JIS"
        );
    }

    #[test]
    fn labels() {
        for l in ["utf-8", "UTF-8", "utf8", "\"utf-8\""] {
            assert_eq!(Charset::from_label(l), Some(Charset::Utf8), "{l}");
        }
        for l in [
            "Shift_JIS",
            "shift-jis",
            "SJIS",
            "x-sjis",
            "cp932",
            "CP932",
            "Windows-31J",
            "ms_kanji",
        ] {
            assert_eq!(Charset::from_label(l), Some(Charset::Cp932), "{l}");
        }
        assert_eq!(Charset::from_label("euc-jp"), None);
        let mut h = HeaderMap::new();
        assert_eq!(request_charset(&h, Charset::Cp932), Ok(Charset::Cp932));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml"),
        );
        assert_eq!(request_charset(&h, Charset::Cp932), Ok(Charset::Cp932));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; Charset=\"UTF-8\""),
        );
        assert_eq!(request_charset(&h, Charset::Cp932), Ok(Charset::Utf8));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json;charset=iso-2022-jp"),
        );
        assert!(request_charset(&h, Charset::Utf8).is_err());
    }

    #[test]
    fn cp932_keeps_its_own_characters_and_substitutes_the_rest() {
        for c in ['①', '髙', '﨑', '～', 'ア', '〓'] {
            assert!(cp932_has(c), "{c}");
        }
        for c in ['𠮷', '🎁'] {
            assert!(!cp932_has(c), "{c}");
        }
        let v = json!({"name": "𠮷田 髙子①🎁 &<>"});
        let j = encode_body(Codec::Json, Charset::Cp932, "response", &v);
        let back = decode_body(Codec::Json, Charset::Cp932, None, &j).expect("json");
        assert_eq!(back, json!({"name": "〓田 髙子①〓 &<>"}));
        assert_eq!(back, cp932_substitute_value(&v));
        assert!(std::str::from_utf8(&j).is_err(), "really Shift_JIS");

        let x = encode_body(Codec::Xml, Charset::Cp932, "response", &v);
        assert!(x.starts_with(
            b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><response><name>&#x20BB7;"
        ));
        assert!(x.windows(9).any(|w| w == b"&#x1F381;"));
        let back = decode_body(Codec::Xml, Charset::Cp932, Some("response"), &x).expect("xml");
        assert_eq!(back, v);
        assert!(matches!(
            decode_body(Codec::Xml, Charset::Cp932, Some("request"), &x),
            Err(BodyError::Root(..))
        ));
        // Long texts cross the encoder's buffer.
        let long = json!({"s": "髙𠮷".repeat(3000)});
        let x = encode_body(Codec::Xml, Charset::Cp932, "response", &long);
        assert_eq!(
            decode_body(Codec::Xml, Charset::Cp932, None, &x).expect("long"),
            long
        );
    }

    #[test]
    fn utf8_keeps_everything_and_wrong_bytes_are_errors() {
        let v = json!({"name": "𠮷田 髙子①🎁"});
        for codec in [Codec::Json, Codec::Xml] {
            let b = encode_body(codec, Charset::Utf8, "request", &v);
            assert_eq!(
                decode_body(codec, Charset::Utf8, Some("request"), &b),
                Ok(v.clone())
            );
        }
        let sjis = encode_body(Codec::Json, Charset::Cp932, "request", &v);
        assert!(decode_body(Codec::Json, Charset::Utf8, None, &sjis).is_err());
        assert!(decode_body(Codec::Json, Charset::Cp932, None, b"\x82").is_err());
        assert!(decode_body(Codec::Xml, Charset::Utf8, None, b"{\"a\":1}").is_err());
        assert!(decode_body(Codec::Json, Charset::Utf8, None, b"<request/>").is_err());
    }
}
