//! The ショップサーブ fake's XML codec: a JSON value written as XML and read back (the mapping
//! is a guess, documented in [`super::uncertain`]; the client implements the same one).
//!
//! Writing ([`to_xml`]):
//! * the document is `<?xml version="1.0" encoding="UTF-8"?>` then one root element
//!   (`<response>` for answers, `<request>` for request bodies) holding the top-level value;
//! * an object: one child element per key, in the map's key order, named by the key;
//! * an array: the element's children are all `<item>`, one per array element;
//! * `null`: the element is left out (an array's `null` element is an empty `<item/>`, so
//!   the other elements keep their positions);
//! * a string: the element's text, with `&`, `<`, `>` escaped (`&amp;`, `&lt;`, `&gt;`);
//!   attributes are never written;
//! * a number: its decimal text; a boolean: `true` / `false`;
//! * an empty string, an empty array and an empty object: an empty element `<key/>`.
//!
//! No whitespace is written between elements. Reading ([`from_xml`]):
//! * an element whose children are all `<item>` → an array;
//! * an element with other child elements → an object (text between them is ignored; a
//!   repeated name keeps the last one);
//! * an element without child elements → its text as a string (numbers and booleans come
//!   back as strings), an empty element → `""`;
//! * entity references `&amp; &lt; &gt; &quot; &apos;` and character references
//!   (`&#x20BB7;`, `&#134071;`) are resolved, CDATA is text, comments, processing
//!   instructions, the declaration and attributes are ignored.
//!
//! Keys must be XML names (the fake's keys are ASCII `snake_case`).
//!
//! ```
//! use fakemall::shopserve::xml::{from_xml, to_xml};
//! let v = serde_json::json!({"orders": [{"order_no": "1", "remarks": null}, {"order_no": "2"}]});
//! let s = to_xml("response", &v);
//! assert_eq!(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><response><orders>\
//!     <item><order_no>1</order_no></item><item><order_no>2</order_no></item></orders></response>");
//! assert_eq!(from_xml(&s).unwrap(), serde_json::json!({"orders": [{"order_no": "1"}, {"order_no": "2"}]}));
//! ```

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{Map, Value};

use super::uncertain as u;

/// An XML text that is not a document this codec reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad XML: {0}")]
pub struct XmlError(pub String);

fn err(s: impl Into<String>) -> XmlError {
    XmlError(s.into())
}

/// `v` as an XML document with root element `root`, declared `encoding="UTF-8"`.
pub fn to_xml(root: &str, v: &Value) -> String {
    to_xml_declared(root, v, "UTF-8")
}

/// `v` as an XML document with root element `root`, declared with `encoding` (the text is
/// still a Rust string: encoding it is the caller's business, see
/// [`super::wire::encode_body`]).
pub fn to_xml_declared(root: &str, v: &Value, encoding: &str) -> String {
    let mut out = format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>");
    match v {
        // A null document still has its root.
        Value::Null => empty(&mut out, root),
        _ => element(&mut out, root, v),
    }
    out
}

/// `s` with `&`, `<`, `>` escaped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn empty(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push_str("/>");
}

fn open(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn text_element(out: &mut String, name: &str, text: &str) {
    if text.is_empty() {
        return empty(out, name);
    }
    open(out, name);
    push_escaped(out, text);
    close(out, name);
}

/// Writes `v` as the element `name` (a `null` writes nothing).
fn element(out: &mut String, name: &str, v: &Value) {
    match v {
        Value::Null => {}
        Value::Bool(b) => text_element(out, name, if *b { "true" } else { "false" }),
        Value::Number(n) => text_element(out, name, &n.to_string()),
        Value::String(s) => text_element(out, name, s),
        Value::Array(a) if a.is_empty() => empty(out, name),
        Value::Array(a) => {
            open(out, name);
            for x in a {
                match x {
                    Value::Null => empty(out, u::XML_ITEM),
                    x => element(out, u::XML_ITEM, x),
                }
            }
            close(out, name);
        }
        Value::Object(m) if m.values().all(Value::is_null) => empty(out, name),
        Value::Object(m) => {
            open(out, name);
            for (k, x) in m {
                element(out, k, x);
            }
            close(out, name);
        }
    }
}

/// What a JSON value reads back as after [`to_xml`] then [`from_xml`]: numbers and booleans
/// become strings, `null` members disappear (`null` array elements become `""`), empty
/// arrays and objects become `""`. Handy to compare an XML answer with the fake's state.
pub fn as_read_back(v: &Value) -> Value {
    match v {
        Value::Null => Value::String(String::new()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        Value::String(s) => Value::String(s.clone()),
        Value::Array(a) if a.is_empty() => Value::String(String::new()),
        Value::Array(a) => Value::Array(a.iter().map(as_read_back).collect()),
        Value::Object(m) => {
            let kept: Map<String, Value> = m
                .iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| (k.clone(), as_read_back(x)))
                .collect();
            if kept.is_empty() {
                Value::String(String::new())
            } else {
                Value::Object(kept)
            }
        }
    }
}

/// One open element while reading.
struct Frame {
    name: String,
    children: Vec<(String, Value)>,
    text: String,
}

impl Frame {
    fn new(name: String) -> Self {
        Self {
            name,
            children: Vec::new(),
            text: String::new(),
        }
    }

    fn into_value(self) -> Value {
        if self.children.is_empty() {
            Value::String(self.text)
        } else if self.children.iter().all(|(n, _)| n == u::XML_ITEM) {
            Value::Array(self.children.into_iter().map(|(_, v)| v).collect())
        } else {
            Value::Object(self.children.into_iter().collect())
        }
    }
}

fn name_of(e: &quick_xml::events::BytesStart<'_>) -> String {
    let name = e.name();
    let raw: &str = name.as_ref();
    raw.to_string()
}

/// The root element's content of the document `s` (see the module doc for the mapping).
pub fn from_xml(s: &str) -> Result<Value, XmlError> {
    from_xml_document(s).map(|(_, v)| v)
}

/// The root element's name and content of the document `s`.
pub fn from_xml_document(s: &str) -> Result<(String, Value), XmlError> {
    let mut reader = Reader::from_str(s);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| err(format!("at byte {}: {e}", reader.error_position())))?;
        match event {
            Event::Start(e) => {
                if root.is_some() {
                    return Err(err("more than one root element"));
                }
                stack.push(Frame::new(name_of(&e)));
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                match stack.last_mut() {
                    Some(top) => top.children.push((name, Value::String(String::new()))),
                    None if root.is_none() => root = Some((name, Value::String(String::new()))),
                    None => return Err(err("more than one root element")),
                }
            }
            Event::End(_) => {
                let frame = stack.pop().ok_or_else(|| err("end tag without start"))?;
                let name = frame.name.clone();
                let value = frame.into_value();
                match stack.last_mut() {
                    Some(top) => top.children.push((name, value)),
                    None => root = Some((name, value)),
                }
            }
            Event::Text(t) => match stack.last_mut() {
                Some(top) => top.text.push_str(&t.xml10_content()),
                None if t.trim().is_empty() => {}
                None => return Err(err("text outside the root element")),
            },
            Event::CData(t) => match stack.last_mut() {
                Some(top) => top.text.push_str(&t.xml10_content()),
                None => return Err(err("CDATA outside the root element")),
            },
            Event::GeneralRef(r) => {
                let top = stack
                    .last_mut()
                    .ok_or_else(|| err("reference outside the root element"))?;
                if r.is_char_ref() {
                    let c = r
                        .resolve_char_ref()
                        .map_err(|e| err(format!("bad character reference &{};: {e}", &*r)))?
                        .ok_or_else(|| err("bad character reference"))?;
                    top.text.push(c);
                } else {
                    let s = resolve_xml_entity(&r)
                        .ok_or_else(|| err(format!("unknown entity &{};", &*r)))?;
                    top.text.push_str(s);
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(err("unclosed element"));
    }
    root.ok_or_else(|| err("no root element"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn order() -> Value {
        json!({
            "order_no": "100001",
            "order_date": "2024-06-29 10:15:00",
            "total": 12_345,
            "discount": 0,
            "paid": true,
            "remarks": "𠮷田様へ①番 <髙島屋> & \"包装\" 'のし'",
            "payment_date": null,
            "customer": {"name": "髙橋 花子", "kana": null, "address2": ""},
            "deliveries": [
                {"delivery_no": 1, "name": "𠮷田 太郎", "tracking_no": null,
                 "items": [{"item_code": "A-1", "item_name": "①番人気 福袋🎁", "quantity": 2}]},
                {"delivery_no": 2, "name": "宮﨑 次郎", "tracking_no": "1234-5678",
                 "items": []}
            ],
            "extra_list": [],
            "tags": ["a", "b&c"],
        })
    }

    #[test]
    fn order_with_two_deliveries_round_trips() {
        let v = json!({"result": "ok", "order": order()});
        let s = to_xml("response", &v);
        assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><response>"));
        assert!(s.ends_with("</response>"));
        assert!(
            s.contains("<deliveries><item><delivery_no>1</delivery_no>"),
            "{s}"
        );
        assert!(s.contains("<remarks>𠮷田様へ①番 &lt;髙島屋&gt; &amp; \"包装\" 'のし'</remarks>"));
        assert!(s.contains("<total>12345</total>") && s.contains("<paid>true</paid>"));
        assert!(!s.contains("payment_date") && !s.contains("<kana") && !s.contains("null"));
        assert!(s.contains("<address2/>") && s.contains("<extra_list/>") && s.contains("<items/>"));
        assert!(s.contains("<tags><item>a</item><item>b&amp;c</item></tags>"));
        assert!(!s.contains(" ="), "no attributes");
        let back = from_xml(&s).expect("read");
        assert_eq!(back, as_read_back(&v));
        assert_eq!(back["order"]["deliveries"][1]["name"], "宮﨑 次郎");
        assert_eq!(back["order"]["deliveries"][0]["items"][0]["quantity"], "2");
        assert_eq!(back["order"]["deliveries"][1]["items"], "");
        assert_eq!(back["order"]["total"], "12345");
        assert_eq!(back["order"]["remarks"], order()["remarks"]);
        assert!(back["order"].get("payment_date").is_none());
        assert_eq!(from_xml_document(&s).expect("doc").0, "response");
    }

    #[test]
    fn request_root_and_keys_in_map_order() {
        let v = json!({"orders": [{"order_no": "1", "tracking_no": "", "delivery_no": 2}]});
        let s = to_xml("request", &v);
        let row: Vec<String> = v["orders"][0]
            .as_object()
            .expect("row")
            .iter()
            .map(|(k, x)| match x {
                Value::String(t) if t.is_empty() => format!("<{k}/>"),
                Value::String(t) => format!("<{k}>{t}</{k}>"),
                x => format!("<{k}>{x}</{k}>"),
            })
            .collect();
        let want = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request><orders><item>{}</item></orders></request>",
            row.concat()
        );
        assert_eq!(s, want);
        let (root, back) = from_xml_document(&s).expect("read");
        assert_eq!(root, "request");
        assert_eq!(
            back,
            json!({"orders": [{"order_no": "1", "tracking_no": "", "delivery_no": "2"}]})
        );
    }

    #[test]
    fn reads_what_other_writers_write() {
        let s = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<!-- c -->\n<response>\n  \
                 <result>ok</result>\n  <orders>\n    <item>\n      <order_no>7</order_no>\n      \
                 <name>&#x20BB7;&#134071;田 &amp; &lt;&gt;&quot;&apos;</name>\n      <memo><![CDATA[<b>&]]></memo>\n      \
                 <empty></empty>\n      <space> a </space>\n    </item>\n  </orders>\n  <none/>\n</response>\n";
        let v = from_xml(s).expect("read");
        assert_eq!(
            v,
            json!({"result": "ok", "none": "", "orders": [{
                "order_no": "7", "name": "𠮷𠮷田 & <>\"'", "memo": "<b>&", "empty": "", "space": " a "
            }]})
        );
        assert_eq!(from_xml("<response/>").expect("empty"), json!(""));
        assert_eq!(
            from_xml("<r><list><item/><item>x</item></list></r>").expect("items"),
            json!({"list": ["", "x"]})
        );
    }

    #[test]
    fn bad_documents_are_errors() {
        for s in [
            "",
            "{\"orders\":[]}",
            "<request><orders></request>",
            "<request>",
            "<a/><b/>",
            "<a>&nbsp;</a>",
            "<a>x</a>y",
        ] {
            assert!(from_xml(s).is_err(), "{s}");
        }
    }

    #[test]
    fn nulls_and_empties() {
        assert_eq!(
            to_xml("response", &Value::Null),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><response/>"
        );
        let v = json!({"a": null, "b": [], "c": "", "d": {"x": null}, "e": [null, 1]});
        let s = to_xml("response", &v);
        assert!(
            s.ends_with("<response><b/><c/><d/><e><item/><item>1</item></e></response>"),
            "{s}"
        );
        assert_eq!(from_xml(&s).expect("read"), as_read_back(&v));
        assert_eq!(escape_text("a&b<c>d"), "a&amp;b&lt;c&gt;d");
    }
}
