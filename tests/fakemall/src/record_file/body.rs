//! A request body as the record file shows it: form fields, JSON, or text.

use serde_json::{Map, Value};

/// `body` read according to its `Content-Type`: `null` when empty; a form
/// (`application/x-www-form-urlencoded`) as an object of its fields, a repeated field as an
/// array of its values; JSON (`application/json`, `…+json`) parsed; anything else, or a body
/// that does not parse, as a string.
pub fn body_value(content_type: Option<&str>, body: &str) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    let mime = content_type
        .and_then(|ct| ct.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let parsed = if mime == "application/x-www-form-urlencoded" {
        serde_urlencoded::from_str::<Vec<(String, String)>>(body)
            .ok()
            .map(form_object)
    } else if mime == "application/json" || mime.ends_with("+json") {
        serde_json::from_str(body).ok()
    } else {
        None
    };
    parsed.unwrap_or_else(|| Value::String(body.to_string()))
}

fn form_object(pairs: Vec<(String, String)>) -> Value {
    let mut fields = Map::new();
    for (name, value) in pairs {
        match fields.get_mut(&name) {
            None => {
                fields.insert(name, Value::String(value));
            }
            Some(Value::Array(values)) => values.push(Value::String(value)),
            Some(first) => {
                let first = first.take();
                fields.insert(name, Value::Array(vec![first, Value::String(value)]));
            }
        }
    }
    Value::Object(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forms_become_objects_and_repeated_fields_arrays() {
        let form = Some("application/x-www-form-urlencoded; charset=utf-8");
        assert_eq!(
            body_value(form, "grant_type=code&name=%E9%AB%99&x=1&x=2&x=3"),
            json!({"grant_type": "code", "name": "髙", "x": ["1", "2", "3"]})
        );
    }

    #[test]
    fn json_is_parsed_and_anything_else_stays_text() {
        let j = Some("Application/JSON");
        assert_eq!(body_value(j, r#"{"a":[1]}"#), json!({"a": [1]}));
        assert_eq!(
            body_value(Some("application/graphql-response+json"), "[]"),
            json!([])
        );
        assert_eq!(body_value(j, "{broken"), json!("{broken"));
        assert_eq!(body_value(Some("text/plain"), "a=1"), json!("a=1"));
        assert_eq!(body_value(None, r#"{"a":1}"#), json!(r#"{"a":1}"#));
        assert_eq!(body_value(j, ""), Value::Null);
    }
}
