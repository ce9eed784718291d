//! Reading Qoo10's rows leniently (qoo10.md A2): keys in any case, numbers
//! as numbers or strings (`"1980.0000"`), unknown keys ignored.

use serde_json::Value;

/// A field by name, whatever its case.
pub fn field<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    let map = v.as_object()?;
    map.get(name).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// A text field, trimmed; numbers as their text; `None` when empty.
pub fn text(v: &Value, name: &str) -> Option<String> {
    match field(v, name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first non-empty of several text fields.
pub fn first_text(v: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| text(v, n))
}

/// A whole-yen amount or a count, from `1980`, `"1980"` or `"1980.0000"`.
pub fn amount(v: &Value, name: &str) -> i64 {
    field(v, name)
        .and_then(crate::malls::json::int_value)
        .unwrap_or(0)
}

/// The status number in parentheses (`"On request(2)"`, `"Delivere(5)"`).
pub fn status_number(raw: &str) -> Option<u8> {
    let open = raw.rfind('(')?;
    let close = raw[open..].find(')')? + open;
    raw[open + 1..close].trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_read_leniently() {
        let row = json!({"orderNo": 1062428737, "PAYMENTDATE": "2024-06-01 10:13:02", "orderPrice": "1980.0000", "orderQty": 2.0});
        assert_eq!(text(&row, "OrderNo").as_deref(), Some("1062428737"));
        assert_eq!(
            text(&row, "PaymentDate").as_deref(),
            Some("2024-06-01 10:13:02")
        );
        assert_eq!(amount(&row, "orderPrice"), 1980);
        assert_eq!(amount(&row, "orderQty"), 2);
        assert_eq!(amount(&row, "missing"), 0);
        assert_eq!(status_number("On request(2)"), Some(2));
        assert_eq!(status_number("Delivere(5)"), Some(5));
        assert_eq!(status_number("On Waiting(1)"), Some(1));
        assert_eq!(status_number("配送要請"), None);
    }
}
