//! Per-shop settings of 送り状データ出力, with the defaults a new shop gets.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::rules::{Service, TimeSlot};

/// ご依頼主: the shop as printed on the label.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct Sender {
    pub name: String,
    /// Half-width katakana (B2 ご依頼主略称カナ); may stay empty.
    pub kana: String,
    pub phone: String,
    pub zip: String,
    pub address: String,
    pub building: String,
}

/// One of the shop's shipping methods (as the mall names it) and the
/// carrier service it is sent with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct MethodService {
    pub method: String,
    pub service: Service,
}

/// ゆうプリR's code for a time slot (only 00 and 52 are confirmed: carriers.md §3.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SlotCode {
    pub slot: TimeSlot,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct LabelSettings {
    pub sender: Sender,
    /// B2 ご請求先顧客コード (10–12 digits).
    pub b2_billing_code: String,
    /// B2 ご請求先分類コード (3 digits, optional).
    pub b2_billing_class: String,
    /// B2 運賃管理番号 (2 digits, usually 01).
    pub b2_freight_no: String,
    /// ネコポス as the old code 7 (before クロネコゆうパケット took it) instead of A.
    pub b2_nekopos_as_7: bool,
    /// 佐川 お客様コード (12 digits).
    pub sagawa_customer_code: String,
    /// ゆうプリR 送り状種別 (a form code such as 1100780).
    pub yupri_form_code: String,
    pub yupri_slot_codes: Vec<SlotCode>,
    /// 品名 when set; otherwise the first item's name.
    pub item_name: String,
    /// 出荷予定日 = the day of the export plus this many days.
    pub ship_offset_days: u32,
    /// The service each shipping method goes with; unlisted methods use the
    /// format's default below.
    pub method_services: Vec<MethodService>,
    pub b2_default: Service,
    pub ehiden_default: Service,
    pub yupri_default: Service,
    /// Payment methods that are 代金引換 (compared after width folding, case-insensitively).
    pub cod_payment_methods: Vec<String>,
    /// The rate of the tax included in a COD amount, in percent.
    pub cod_tax_percent: u32,
}

impl Default for LabelSettings {
    fn default() -> Self {
        LabelSettings {
            sender: Sender::default(),
            b2_billing_code: String::new(),
            b2_billing_class: String::new(),
            b2_freight_no: "01".into(),
            b2_nekopos_as_7: false,
            sagawa_customer_code: String::new(),
            yupri_form_code: String::new(),
            yupri_slot_codes: vec![SlotCode {
                slot: TimeSlot::H12_14,
                code: "52".into(),
            }],
            item_name: "雑貨".into(),
            ship_offset_days: 0,
            method_services: Vec::new(),
            b2_default: Service::Takkyubin,
            ehiden_default: Service::Hikyaku,
            yupri_default: Service::YuPack,
            cod_payment_methods: ["代金引換", "代引き", "代引", "代金引換え", "cod"]
                .map(String::from)
                .to_vec(),
            cod_tax_percent: 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_partial_json_fill_in() {
        let s: LabelSettings =
            serde_json::from_str(r#"{"b2_billing_code":"012345678901"}"#).unwrap();
        assert_eq!(s.b2_billing_code, "012345678901");
        assert_eq!(s.b2_freight_no, "01");
        assert!(!s.b2_nekopos_as_7);
        assert_eq!(s.b2_default, Service::Takkyubin);
        let back: LabelSettings =
            serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }
}
