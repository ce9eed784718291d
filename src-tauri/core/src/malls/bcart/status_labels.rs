//! The shop's own names for its order statuses (`GET /order_statuses`).
//! Orders in a shop-defined status carry the slot name (`カスタム1`…) rather
//! than the label the shop gave it (bcart.md "Seen in production"); the
//! merchant sees the label, and Juchu keeps the raw value beside it.

use serde_json::Value;

use super::uncertain;
use crate::malls::json::{int, text};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusLabels {
    /// (raw value an order may carry, the shop's label), one per slot the
    /// shop renamed.
    renamed: Vec<(String, String)>,
}

impl StatusLabels {
    /// From the answer of `GET /order_statuses` (its shape: `uncertain`).
    pub fn from_answer(answer: &Value) -> StatusLabels {
        let mut rows: Vec<(i64, String)> = answer
            .get(uncertain::ORDER_STATUSES_KEY)
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .filter_map(|r| Some((int(r, "id").unwrap_or(0), text(r, "name")?)))
                    .collect()
            })
            .unwrap_or_default();
        rows.sort_by_key(|(id, _)| *id);
        let renamed = rows
            .into_iter()
            .map(|(_, name)| name)
            .filter(|name| !uncertain::FIXED_STATUSES.contains(&name.as_str()))
            .enumerate()
            .map(|(i, label)| (uncertain::slot_name(i + 1), label))
            .filter(|(slot, label)| slot != label)
            .collect();
        StatusLabels { renamed }
    }

    /// The shop's label for a status an order carries (the value itself
    /// when it is already a label).
    pub fn label<'a>(&'a self, raw: &'a str) -> &'a str {
        self.renamed
            .iter()
            .find(|(slot, _)| slot == raw)
            .map_or(raw, |(_, label)| label.as_str())
    }

    /// Every (raw value, label) pair that differ, for the order screen.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.renamed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shop() -> StatusLabels {
        // Out of id order on purpose: the slots follow the ids.
        StatusLabels::from_answer(&json!({"order_statuses":[
            {"id":5,"name":"完了"},
            {"id":3,"name":"キャンセル"},
            {"id":1,"name":"新規注文"},
            {"id":2,"name":"処理中"},
            {"id":4,"name":"カスタム3"}]}))
    }

    #[test]
    fn a_slot_name_reads_as_the_shops_label() {
        let l = shop();
        assert_eq!(l.label("カスタム1"), "処理中");
        assert_eq!(l.label("カスタム2"), "キャンセル");
        assert_eq!(l.label("カスタム3"), "カスタム3", "a slot left unnamed");
        assert_eq!(l.label("新規注文"), "新規注文");
        assert_eq!(l.label("処理中"), "処理中", "a label stays itself");
        assert_eq!(l.pairs().len(), 2);
    }

    #[test]
    fn an_unreadable_answer_leaves_values_as_they_came() {
        let l = StatusLabels::from_answer(&json!({"errors":[]}));
        assert_eq!(l.label("カスタム1"), "カスタム1");
        assert!(l.pairs().is_empty());
    }
}
