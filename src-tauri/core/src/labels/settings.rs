//! Per-shop settings of 送り状データ出力, with the defaults a new shop gets.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::cp932;
use super::rules::{LabelFormat, Service, TimeSlot};
use crate::shop_form::FieldError;

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

/// The services a format prints, in the order the settings screen offers them.
pub fn services_of(format: LabelFormat) -> Vec<Service> {
    Service::ALL
        .into_iter()
        .filter(|s| s.format() == format)
        .collect()
}

impl LabelSettings {
    /// What is wrong with each field, in the merchant's words (`key` is the
    /// field: `sender.phone`, `b2_billing_code`…). Empty optional codes are
    /// fine here: the export names the ones a format needs.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut bad = |key: &str, message: String| {
            out.push(FieldError {
                key: key.to_string(),
                message,
            })
        };
        let digits = |v: &str, lens: &[usize]| {
            let v = v.trim();
            v.is_empty() || (v.bytes().all(|b| b.is_ascii_digit()) && lens.contains(&v.len()))
        };
        let s = &self.sender;
        for (key, label, value) in [
            ("sender.name", "ご依頼主名", &s.name),
            ("sender.address", "ご依頼主住所", &s.address),
            ("sender.building", "ご依頼主の建物名", &s.building),
            ("item_name", "品名", &self.item_name),
        ] {
            if let Err(chars) = cp932::encode(&cp932::normalise(value).0) {
                let chars: String = chars.into_iter().collect();
                bad(
                    key,
                    format!("{label}の「{chars}」は送り状ソフトの文字コード（Shift_JIS）にない文字です。別の文字に直してください。"),
                );
            }
        }
        if !s.kana.trim().is_empty() && !is_kana(&cp932::to_half_kana(&s.kana)) {
            bad(
                "sender.kana",
                "ご依頼主のカナは、カタカナ（全角・半角どちらでも）とスペースで入力してください。"
                    .into(),
            );
        }
        let phone: String = s.phone.chars().filter(char::is_ascii_digit).collect();
        if !s.phone.trim().is_empty()
            && (!(10..=11).contains(&phone.len())
                || s.phone
                    .chars()
                    .any(|c| !(c.is_ascii_digit() || "-()（） ".contains(c))))
        {
            bad(
                "sender.phone",
                "ご依頼主の電話番号は、市外局番からの10桁か11桁で入力してください（例: 03-1234-5678）。".into(),
            );
        }
        if !s.zip.trim().is_empty() && cp932::postcode(&s.zip).len() != 8 {
            bad(
                "sender.zip",
                "ご依頼主の郵便番号は7桁で入力してください（例: 150-0001）。".into(),
            );
        }
        if !digits(&self.b2_billing_code, &[10, 11, 12]) {
            bad(
                "b2_billing_code",
                "ご請求先顧客コードは、B2クラウドの画面に出ている10〜12桁の数字です（ハイフンなし）。".into(),
            );
        }
        if !digits(&self.b2_billing_class, &[3]) {
            bad(
                "b2_billing_class",
                "ご請求先分類コードは3桁の数字です。使わないときは空欄にしてください。".into(),
            );
        }
        if self.b2_freight_no.trim().is_empty() || !digits(&self.b2_freight_no, &[2]) {
            bad(
                "b2_freight_no",
                "運賃管理番号は2桁の数字です（ふつうは 01）。".into(),
            );
        }
        if !digits(&self.sagawa_customer_code, &[12]) {
            bad(
                "sagawa_customer_code",
                "佐川のお客様コードは12桁の数字です（ハイフンなし）。".into(),
            );
        }
        if !digits(&self.yupri_form_code, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
            bad(
                "yupri_form_code",
                "ゆうプリRの送り状種別は数字のコードです（例: 1100780）。ゆうプリRの取込設定で確かめてください。".into(),
            );
        }
        if self
            .yupri_slot_codes
            .iter()
            .any(|c| !digits(&c.code, &[2]) || c.code.trim().is_empty())
        {
            bad(
                "yupri_slot_codes",
                "ゆうプリRの時間帯コードは2桁の数字です（例: 午前中 51、12-14時 52）。".into(),
            );
        }
        for (key, format, service) in [
            ("b2_default", LabelFormat::B2, self.b2_default),
            ("ehiden_default", LabelFormat::Ehiden3, self.ehiden_default),
            ("yupri_default", LabelFormat::Yupri, self.yupri_default),
        ] {
            if service.format() != format {
                bad(
                    key,
                    format!(
                        "{}は{}では出力できません。",
                        service.label(),
                        format.label()
                    ),
                );
            }
        }
        let mut methods: Vec<String> = Vec::new();
        for m in &self.method_services {
            let name = crate::text::fold_width(m.method.trim());
            if name.is_empty() {
                bad(
                    "method_services",
                    "配送方法の名前が空の行があります。モールの配送方法の名前を入力するか、行を消してください。".into(),
                );
            } else if methods.contains(&name) {
                bad(
                    "method_services",
                    format!("配送方法「{name}」が2回あります。1行にまとめてください。"),
                );
            }
            methods.push(name);
        }
        if self.ship_offset_days > 30 {
            bad(
                "ship_offset_days",
                "出荷予定日は、出力した日から30日後までにしてください。".into(),
            );
        }
        if self.cod_tax_percent > 100 {
            bad(
                "cod_tax_percent",
                "代金引換の消費税率は 0〜100 の数字で入力してください（ふつうは 10）。".into(),
            );
        }
        out
    }
}

/// Half-width katakana, its marks and spaces only.
fn is_kana(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, '\u{FF61}'..='\u{FF9F}' | ' ' | '-'))
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

#[cfg(test)]
mod problem_tests {
    use super::*;

    fn keys(s: &LabelSettings) -> Vec<String> {
        s.problems().into_iter().map(|p| p.key).collect()
    }

    #[test]
    fn the_defaults_and_a_filled_in_shop_have_no_problem() {
        assert!(LabelSettings::default().problems().is_empty());
        let s = LabelSettings {
            sender: Sender {
                name: "テスト商店".into(),
                kana: "テストショウテン".into(),
                phone: "03-1234-5678".into(),
                zip: "〒150-0001".into(),
                address: "東京都渋谷区神宮前1-2-3".into(),
                building: "髙橋ビル 2F".into(),
            },
            b2_billing_code: "0312345678".into(),
            b2_billing_class: "001".into(),
            sagawa_customer_code: "123456789012".into(),
            yupri_form_code: "1100780".into(),
            method_services: vec![MethodService {
                method: "ネコポス".into(),
                service: Service::Nekopos,
            }],
            ..LabelSettings::default()
        };
        assert_eq!(s.problems(), vec![]);
    }

    #[test]
    fn each_wrong_field_is_named_in_japanese() {
        let mut s = LabelSettings::default();
        s.sender.name = "𠀋商店".into();
        s.sender.kana = "Test".into();
        s.sender.phone = "03-1234".into();
        s.sender.zip = "150-001".into();
        s.b2_billing_code = "03-1234-5678".into();
        s.b2_billing_class = "1".into();
        s.b2_freight_no = "".into();
        s.sagawa_customer_code = "1234".into();
        s.yupri_form_code = "ABC".into();
        s.yupri_slot_codes[0].code = "5".into();
        s.b2_default = Service::YuPack;
        s.method_services = vec![
            MethodService {
                method: "宅急便".into(),
                service: Service::Takkyubin,
            },
            MethodService {
                method: "宅急便".into(),
                service: Service::Compact,
            },
        ];
        s.ship_offset_days = 31;
        s.cod_tax_percent = 110;
        assert_eq!(
            keys(&s),
            [
                "sender.name",
                "sender.kana",
                "sender.phone",
                "sender.zip",
                "b2_billing_code",
                "b2_billing_class",
                "b2_freight_no",
                "sagawa_customer_code",
                "yupri_form_code",
                "yupri_slot_codes",
                "b2_default",
                "method_services",
                "ship_offset_days",
                "cod_tax_percent",
            ]
        );
        let p = s.problems();
        assert!(p[0].message.contains("𠀋"), "{}", p[0].message);
        assert!(p.iter().all(|p| !p.message.is_empty()));
    }

    #[test]
    fn a_variant_kanji_the_export_replaces_is_not_a_problem() {
        let mut s = LabelSettings::default();
        s.sender.name = "𠮷田商店".into();
        assert!(s.problems().is_empty());
    }
}
