//! Reading fields of a mall's JSON, the same way for every mall: blank
//! strings are absent, numbers may come as text, and a Japanese name or
//! address is joined the way it is printed on a slip.

use serde_json::Value;

/// A string field; `None` when absent, null or blank (a number is given as text).
pub fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list field; empty when absent, null or not a list (an XML answer has
/// `""` for an empty one).
pub fn list(v: &Value, key: &str) -> Vec<Value> {
    v.get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// A number field; a numeric string is accepted, a decimal is rounded.
pub fn int(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(int_value)
}

/// [`int`] of a value already picked out.
pub fn int_value(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
        Value::String(s) => {
            let s = s.trim();
            s.parse()
                .ok()
                .or_else(|| s.parse::<f64>().ok().map(|f| f.round() as i64))
        }
        _ => None,
    }
}

/// A number field kept with its decimals (`"1200.50"`, `1.5`); a numeric string is accepted.
pub fn decimal(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Non-blank parts joined by `sep` (「山田 太郎」, 「東京都港区」).
pub fn join(parts: impl IntoIterator<Item = Option<String>>, sep: &str) -> String {
    parts.into_iter().flatten().collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_read_alike_for_every_mall() {
        let v = json!({"a": " x ", "b": "", "c": 12, "d": "34", "e": 2.5, "f": "7.0", "g": null});
        assert_eq!(text(&v, "a").as_deref(), Some("x"));
        assert_eq!(text(&v, "b"), None);
        assert_eq!(text(&v, "c").as_deref(), Some("12"));
        assert_eq!(text(&v, "g"), None);
        assert_eq!(int(&v, "c"), Some(12));
        assert_eq!(int(&v, "d"), Some(34));
        assert_eq!(int(&v, "e"), Some(3));
        assert_eq!(int(&v, "f"), Some(7));
        assert_eq!(int(&v, "a"), None);
        assert_eq!(
            join([Some("山田".into()), None, Some("太郎".into())], " "),
            "山田 太郎"
        );
    }
}
