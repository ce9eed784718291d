//! ショップサーブ's body format, whichever it turns out to be: JSON or XML
//! ([`Codec`]), UTF-8 or CP932 ([`Charset`]). Which one the real API speaks
//! is a guess (`uncertain::CODEC`, `uncertain::CHARSET`); both are built and
//! tested, so a maintainer holding the specification flips a switch.
//!
//! The XML form of a JSON value: the root element (`<response>` / `<request>`)
//! holds the top-level object's keys; an object is one child element per
//! key; an array is an element whose children are all `<item>`; `null` is
//! left out; strings, numbers and booleans are the element's text (numbers
//! come back as strings, which every reader of ours accepts); an empty
//! element is `""` (or an empty list, to a reader expecting one).

use encoding_rs::{Encoding, SHIFT_JIS, UTF_8};
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Json,
    Xml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    /// Windows-31J (encoding_rs's Shift_JIS is that superset: ①, 髙…).
    Cp932,
}

impl Charset {
    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Utf8 => UTF_8,
            Charset::Cp932 => SHIFT_JIS,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Cp932 => "Shift_JIS",
        }
    }
}

/// A request body and its `Content-Type`.
pub fn encode(codec: Codec, charset: Charset, value: &Value) -> (Vec<u8>, String) {
    let (text, kind) = match codec {
        Codec::Json => (json_for(charset, value), "application/json"),
        Codec::Xml => (
            format!(
                "<?xml version=\"1.0\" encoding=\"{}\"?>{}",
                charset.label(),
                to_xml("request", value)
            ),
            "application/xml",
        ),
    };
    // Unmappable characters become numeric character references: valid XML;
    // a JSON body has had them replaced already.
    let (bytes, _, _) = charset.encoding().encode(&text);
    (
        bytes.into_owned(),
        format!("{kind}; charset={}", charset.label()),
    )
}

/// A JSON body in CP932 cannot carry what CP932 lacks (𠮷, emoji): 〓 stands
/// in, as Japanese systems do.
fn json_for(charset: Charset, value: &Value) -> String {
    let text = value.to_string();
    if charset == Charset::Utf8 {
        return text;
    }
    text.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let (_, _, unmappable) = SHIFT_JIS.encode(c.encode_utf8(&mut buf));
            if unmappable {
                '〓'
            } else {
                c
            }
        })
        .collect()
}

/// An answer body as JSON, whatever its codec and charset: the charset its
/// `Content-Type` names, else its XML declaration's, else `charset`; XML
/// when its `Content-Type` says so or it starts with `<`.
pub fn decode(body: &[u8], content_type: Option<&str>, charset: Charset) -> Result<Value, String> {
    let ct = content_type.unwrap_or_default().to_ascii_lowercase();
    let named = ct
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .and_then(|l| Encoding::for_label(l.trim_matches('"').as_bytes()))
        .or_else(|| declared_encoding(body));
    let (text, _, _) = named.unwrap_or(charset.encoding()).decode(body);
    let is_xml = ct.contains("xml") || text.trim_start().starts_with('<');
    if is_xml {
        from_xml(&text)
    } else {
        serde_json::from_str(&text)
            .map_err(|e| format!("JSON として読めません（{}行目）", e.line()))
    }
}

/// `<?xml … encoding="Shift_JIS"?>`, read from the raw bytes (ASCII).
fn declared_encoding(body: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
    let decl = head
        .trim_start()
        .strip_prefix("<?xml")?
        .split("?>")
        .next()?
        .to_string();
    let after = decl.split("encoding=").nth(1)?;
    let label: String = after
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| *c != '"' && *c != '\'')
        .collect();
    Encoding::for_label(label.as_bytes())
}

pub fn to_xml(root: &str, value: &Value) -> String {
    let mut out = String::new();
    element(&mut out, root, value);
    out
}

fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            out.push_str(&format!("<{name}>"));
            for (k, v) in map {
                element(out, k, v);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::Array(items) => {
            out.push_str(&format!("<{name}>"));
            for v in items {
                element(out, "item", v);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(s) => out.push_str(&format!("<{name}>{}</{name}>", escape(s.as_str()))),
        other => out.push_str(&format!("<{name}>{other}</{name}>")),
    }
}

/// One element being read: its children, or its text.
struct Node {
    name: String,
    children: Vec<(String, Value)>,
    text: String,
}

impl Node {
    fn new(name: String) -> Node {
        Node {
            name,
            children: Vec::new(),
            text: String::new(),
        }
    }

    fn into_value(self) -> Value {
        if self.children.is_empty() {
            return Value::String(self.text);
        }
        if self.children.iter().all(|(n, _)| n == "item") {
            return Value::Array(self.children.into_iter().map(|(_, v)| v).collect());
        }
        let mut map = Map::new();
        for (k, v) in self.children {
            map.insert(k, v);
        }
        Value::Object(map)
    }
}

/// The XML form back to JSON (the root element's content).
pub fn from_xml(text: &str) -> Result<Value, String> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let bad = |e: &dyn std::fmt::Display| format!("XML として読めません（{e}）");
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Start(e) => stack.push(Node::new(e.name().as_ref().to_string())),
            Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                match stack.last_mut() {
                    Some(parent) => parent.children.push((name, Value::String(String::new()))),
                    None => return Ok(Value::Object(Map::new())),
                }
            }
            Event::Text(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| bad(&e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.as_ref().to_string();
                        resolve_predefined_entity(&name)
                            .ok_or_else(|| bad(&format!("&{name};")))?
                            .to_string()
                    }
                };
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or_else(|| bad(&"閉じタグが多すぎます"))?;
                match stack.last_mut() {
                    Some(parent) => {
                        let name = node.name.clone();
                        parent.children.push((name, node.into_value()));
                    }
                    None => {
                        return Ok(match node.into_value() {
                            Value::String(s) if s.trim().is_empty() => Value::Object(Map::new()),
                            v => v,
                        })
                    }
                }
            }
            Event::Eof => return Err(bad(&"途中で終わっています")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn order() -> Value {
        json!({"result":"ok","total_count":1,"orders":[{"order_no":"100001","customer":{"name":"髙橋 𠮷子","remarks":"A & B <至急>"},
          "deliveries":[{"delivery_no":1,"items":[{"item_code":"T-1","quantity":2}]},{"delivery_no":2,"items":[]}],
          "payment_date":null,"shipping_fee":0}]})
    }

    #[test]
    fn every_codec_and_charset_round_trips() {
        for codec in [Codec::Json, Codec::Xml] {
            for charset in [Charset::Utf8, Charset::Cp932] {
                let (bytes, ct) = encode(codec, charset, &order());
                let back = decode(&bytes, Some(&ct), Charset::Utf8).unwrap();
                let o = &back["orders"][0];
                let name = o["customer"]["name"].as_str().unwrap();
                match (codec, charset) {
                    (Codec::Json, Charset::Cp932) => {
                        assert_eq!(name, "髙橋 〓子", "CP932 JSON cannot carry 𠮷")
                    }
                    _ => assert_eq!(name, "髙橋 𠮷子", "{codec:?} {charset:?}"),
                }
                assert_eq!(o["customer"]["remarks"], "A & B <至急>");
                assert_eq!(o["deliveries"].as_array().unwrap().len(), 2);
                assert_eq!(o["order_no"], "100001");
                if codec == Codec::Xml {
                    assert_eq!(
                        o["deliveries"][0]["delivery_no"], "1",
                        "numbers come back as text"
                    );
                    assert!(o.get("payment_date").is_none(), "null is left out");
                    assert_eq!(
                        o["deliveries"][1]["items"], "",
                        "an empty list is an empty element"
                    );
                }
            }
        }
    }

    #[test]
    fn the_charset_comes_from_the_header_then_the_declaration() {
        let (sjis, _, _) = SHIFT_JIS.encode("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><response><m>メンテナンス中</m></response>");
        let v = decode(&sjis, Some("application/xml"), Charset::Utf8).unwrap();
        assert_eq!(v["m"], "メンテナンス中");
        let (sjis, _, _) = SHIFT_JIS.encode("{\"m\":\"受注\"}");
        let v = decode(
            &sjis,
            Some("application/json; charset=Shift_JIS"),
            Charset::Utf8,
        )
        .unwrap();
        assert_eq!(v["m"], "受注");
        let v = decode(&sjis, None, Charset::Cp932).unwrap();
        assert_eq!(v["m"], "受注", "no label: the configured charset");
        assert!(decode(b"<html><body>404", Some("text/html"), Charset::Utf8).is_err());
    }
}
