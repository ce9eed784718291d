//! The merchant-facing rules of 送り状データ出力 and 発行済データ取込, one
//! function each, with their tests: the shipment key, the service of a
//! shipment, what COD a service can carry, the delivery time slot of a wish,
//! and which status moves are forward.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::settings::LabelSettings;
use crate::domain::{Carrier, Status};
use crate::text::fold_width;

/// The label formats Juchu writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LabelFormat {
    /// ヤマト B2クラウド 基本レイアウト (97 columns).
    B2,
    /// 佐川 e飛伝Ⅲ (74 columns).
    Ehiden3,
    /// 日本郵便 ゆうプリR (117 named columns, for a registered 取込レイアウト).
    Yupri,
    /// 日本郵便 クリックポスト まとめ申込 (8 columns, 40 rows per file).
    Clickpost,
}

impl LabelFormat {
    pub const ALL: [LabelFormat; 4] = [
        LabelFormat::B2,
        LabelFormat::Ehiden3,
        LabelFormat::Yupri,
        LabelFormat::Clickpost,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LabelFormat::B2 => "b2",
            LabelFormat::Ehiden3 => "ehiden3",
            LabelFormat::Yupri => "yupri",
            LabelFormat::Clickpost => "clickpost",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LabelFormat::B2 => "ヤマト B2クラウド",
            LabelFormat::Ehiden3 => "佐川 e飛伝Ⅲ",
            LabelFormat::Yupri => "日本郵便 ゆうプリR",
            LabelFormat::Clickpost => "クリックポスト まとめ申込",
        }
    }

    pub fn parse(text: &str) -> Option<LabelFormat> {
        let t = text.trim();
        LabelFormat::ALL
            .into_iter()
            .find(|f| f.code().eq_ignore_ascii_case(t) || f.label() == t)
    }

    pub fn carrier(self) -> Carrier {
        match self {
            LabelFormat::B2 => Carrier::Yamato,
            LabelFormat::Ehiden3 => Carrier::Sagawa,
            LabelFormat::Yupri | LabelFormat::Clickpost => Carrier::JapanPost,
        }
    }

    /// The most data rows one file may hold.
    pub fn rows_per_file(self) -> usize {
        match self {
            LabelFormat::Clickpost => 40,
            _ => usize::MAX,
        }
    }
}

/// A carrier's service, as the merchant picks it by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// ヤマト 宅急便 (発払い; コレクト when COD).
    Takkyubin,
    /// ヤマト 宅急便コンパクト (コンパクトコレクト when COD).
    Compact,
    /// ヤマト ネコポス.
    Nekopos,
    /// ヤマト クロネコゆうパケット.
    KuronekoYuPacket,
    /// ヤマト クロネコゆうメール.
    KuronekoYuMail,
    /// 佐川 飛脚宅配便.
    Hikyaku,
    /// 日本郵便 ゆうパック.
    YuPack,
    /// 日本郵便 ゆうパケット.
    YuPacket,
    /// 日本郵便 ゆうメール.
    YuMail,
    /// 日本郵便 クリックポスト.
    ClickPost,
}

impl Service {
    pub const ALL: [Service; 10] = [
        Service::Takkyubin,
        Service::Compact,
        Service::Nekopos,
        Service::KuronekoYuPacket,
        Service::KuronekoYuMail,
        Service::Hikyaku,
        Service::YuPack,
        Service::YuPacket,
        Service::YuMail,
        Service::ClickPost,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Service::Takkyubin => "宅急便",
            Service::Compact => "宅急便コンパクト",
            Service::Nekopos => "ネコポス",
            Service::KuronekoYuPacket => "クロネコゆうパケット",
            Service::KuronekoYuMail => "クロネコゆうメール",
            Service::Hikyaku => "飛脚宅配便",
            Service::YuPack => "ゆうパック",
            Service::YuPacket => "ゆうパケット",
            Service::YuMail => "ゆうメール",
            Service::ClickPost => "クリックポスト",
        }
    }

    /// The format that prints this service's labels.
    pub fn format(self) -> LabelFormat {
        match self {
            Service::Takkyubin
            | Service::Compact
            | Service::Nekopos
            | Service::KuronekoYuPacket
            | Service::KuronekoYuMail => LabelFormat::B2,
            Service::Hikyaku => LabelFormat::Ehiden3,
            Service::YuPack | Service::YuPacket | Service::YuMail => LabelFormat::Yupri,
            Service::ClickPost => LabelFormat::Clickpost,
        }
    }

    /// Post-box services: no COD, no delivery date or time.
    pub fn is_mailbox(self) -> bool {
        matches!(
            self,
            Service::Nekopos
                | Service::KuronekoYuPacket
                | Service::KuronekoYuMail
                | Service::YuPacket
                | Service::YuMail
                | Service::ClickPost
        )
    }

    /// B2 送り状種類 (carriers.md §1.2): 7 is クロネコゆうパケット today, ネコポス
    /// in the old meaning the shop may still use.
    pub fn b2_code(self, cod: bool, nekopos_as_7: bool) -> &'static str {
        match (self, cod) {
            (Service::Takkyubin, false) => "0",
            (Service::Takkyubin, true) => "2",
            (Service::Compact, false) => "8",
            (Service::Compact, true) => "9",
            (Service::KuronekoYuMail, _) => "3",
            (Service::KuronekoYuPacket, _) => "7",
            (Service::Nekopos, _) if nekopos_as_7 => "7",
            (Service::Nekopos, _) => "A",
            _ => "",
        }
    }

    /// ゆうプリR 郵便種別.
    pub fn yupri_code(self) -> &'static str {
        match self {
            Service::YuMail => "1",
            Service::YuPacket => "9",
            _ => "0",
        }
    }
}

/// The key of a shipment in every format's お客様管理番号: `J` + the order's
/// local id, and `-n` for the n-th shipment of an order with several. At most
/// 15 half-width characters (ゆうプリR's limit) up to order id 99,999,999,999.
pub fn shipment_key(order_id: i64, index: usize, shipments: usize) -> String {
    if shipments > 1 {
        format!("J{order_id}-{}", index + 1)
    } else {
        format!("J{order_id}")
    }
}

/// The order id and the shipment's position (0-based) of a key; `None` when
/// the text is not one of Juchu's keys.
pub fn parse_shipment_key(key: &str) -> Option<(i64, usize)> {
    let k = fold_width(key.trim());
    let rest = k.strip_prefix('J').or_else(|| k.strip_prefix('j'))?;
    let (id, n) = match rest.split_once('-') {
        Some((id, n)) => (id, n.parse::<usize>().ok().filter(|n| *n >= 1)? - 1),
        None => (rest, 0),
    };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((id.parse().ok()?, n))
}

/// The service a shipment goes with in a format: the shop's mapping of the
/// shipping method, else the format's default. A mapped service of another
/// carrier is an error the merchant must see.
pub fn service_for(
    format: LabelFormat,
    shipping_method: Option<&str>,
    settings: &LabelSettings,
) -> Result<Service, String> {
    let mapped = shipping_method.and_then(|m| {
        let m = fold_width(m.trim());
        settings
            .method_services
            .iter()
            .find(|ms| fold_width(ms.method.trim()) == m)
            .map(|ms| ms.service)
    });
    let service = match mapped {
        Some(s) => s,
        None => match format {
            LabelFormat::B2 => settings.b2_default,
            LabelFormat::Ehiden3 => settings.ehiden_default,
            LabelFormat::Yupri => settings.yupri_default,
            LabelFormat::Clickpost => Service::ClickPost,
        },
    };
    if service.format() == format {
        Ok(service)
    } else {
        Err(format!(
            "配送方法「{}」は{}の設定です。{}の送り状データには出力できません。",
            shipping_method.unwrap_or(""),
            service.label(),
            format.label()
        ))
    }
}

/// Whether an order is paid on delivery (代金引換), from its payment method.
pub fn is_cod(payment_method: &str, settings: &LabelSettings) -> bool {
    let p = fold_width(payment_method.trim()).to_lowercase();
    !p.is_empty()
        && settings
            .cod_payment_methods
            .iter()
            .any(|m| fold_width(m.trim()).to_lowercase() == p)
}

/// The COD columns of a shipment: the amount to collect and the tax included in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cod {
    pub amount: i64,
    pub tax: i64,
}

/// Decides the COD of a shipment, or why it cannot be written: a service
/// that cannot carry COD is blocked, never silently switched.
pub fn cod_for(
    format: LabelFormat,
    service: Service,
    amount: i64,
    shipments_of_order: usize,
    tax_percent: u32,
) -> Result<Cod, String> {
    if service.is_mailbox() {
        return Err(format!(
            "代金引換の注文は{}では送れません。配送方法か支払方法を変えてください。",
            service.label()
        ));
    }
    if shipments_of_order > 1 {
        return Err("配送先が複数ある注文の代金引換は、送り状データで出力できません。送り状ソフトで個別に作成してください。".into());
    }
    let max = match (format, service) {
        (LabelFormat::B2, Service::Compact) => 30_000,
        (LabelFormat::B2, _) => 300_000,
        _ => 9_999_999,
    };
    if amount < 1 || amount > max {
        return Err(format!(
            "代金引換の金額 {amount}円は{}で扱えません（1〜{max}円）。",
            service.label()
        ));
    }
    let rate = i64::from(tax_percent);
    Ok(Cod {
        amount,
        tax: amount * rate / (100 + rate),
    })
}

/// A delivery time slot the buyer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
pub enum TimeSlot {
    #[serde(rename = "午前中")]
    Morning,
    #[serde(rename = "12-14時")]
    H12_14,
    #[serde(rename = "14-16時")]
    H14_16,
    #[serde(rename = "16-18時")]
    H16_18,
    #[serde(rename = "18-20時")]
    H18_20,
    #[serde(rename = "19-21時")]
    H19_21,
    #[serde(rename = "20-21時")]
    H20_21,
}

impl TimeSlot {
    pub const ALL: [TimeSlot; 7] = [
        TimeSlot::Morning,
        TimeSlot::H12_14,
        TimeSlot::H14_16,
        TimeSlot::H16_18,
        TimeSlot::H18_20,
        TimeSlot::H19_21,
        TimeSlot::H20_21,
    ];

    /// Reads the wish as malls write it: 午前中, 14:00～16:00, 14-16時, 1416…
    pub fn parse(wish: &str) -> Option<TimeSlot> {
        let t = fold_width(wish.trim());
        if t.contains("午前") || t == "0812" || t.starts_with("8-12") || t.starts_with("08-12") {
            return Some(TimeSlot::Morning);
        }
        let runs: Vec<&str> = t
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        let (from, to) = match runs.as_slice() {
            [hhmm] if hhmm.len() == 4 => (&hhmm[..2], &hhmm[2..]),
            [a, b] => (*a, *b),
            // 14:00～16:00
            [a, "00", b, "00"] => (*a, *b),
            _ => return None,
        };
        let (from, to): (u32, u32) = (from.parse().ok()?, to.parse().ok()?);
        match (from, to) {
            (8, 12) => Some(TimeSlot::Morning),
            (12, 14) => Some(TimeSlot::H12_14),
            (14, 16) => Some(TimeSlot::H14_16),
            (16, 18) => Some(TimeSlot::H16_18),
            (18, 20) => Some(TimeSlot::H18_20),
            (19, 21) => Some(TimeSlot::H19_21),
            (20, 21) => Some(TimeSlot::H20_21),
            _ => None,
        }
    }

    /// B2 配達時間帯 (12–14 and 20–21 are legacy codes B2 still accepts).
    pub fn b2_code(self) -> &'static str {
        match self {
            TimeSlot::Morning => "0812",
            TimeSlot::H12_14 => "1214",
            TimeSlot::H14_16 => "1416",
            TimeSlot::H16_18 => "1618",
            TimeSlot::H18_20 => "1820",
            TimeSlot::H19_21 => "1921",
            TimeSlot::H20_21 => "2021",
        }
    }

    /// e飛伝Ⅲ 配達指定時間帯.
    pub fn sagawa_code(self) -> &'static str {
        match self {
            TimeSlot::Morning => "01",
            TimeSlot::H12_14 => "12",
            TimeSlot::H14_16 => "14",
            TimeSlot::H16_18 => "16",
            TimeSlot::H18_20 => "18",
            TimeSlot::H19_21 | TimeSlot::H20_21 => "19",
        }
    }
}

/// Where a status stands in the order's life; moves go only up.
fn progress(s: Status) -> Option<u8> {
    match s {
        Status::New => Some(0),
        Status::AwaitingPaymentBeforeShipping => Some(1),
        Status::AwaitingShipment => Some(2),
        Status::AwaitingPaymentAfterShipping => Some(3),
        Status::Done => Some(4),
        Status::OnHold | Status::Cancelled => None,
    }
}

/// Whether an import may move an order from `from` to `to`: only forward,
/// and never an order on hold or cancelled (the merchant decided those).
pub fn moves_forward(from: Status, to: Status) -> bool {
    matches!((progress(from), progress(to)), (Some(a), Some(b)) if b > a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fit_every_format_and_read_back() {
        assert_eq!(shipment_key(123, 0, 1), "J123");
        assert_eq!(shipment_key(123, 1, 2), "J123-2");
        let long = shipment_key(99_999_999_999, 8, 9);
        assert!(long.len() <= 15, "{long}");
        assert_eq!(parse_shipment_key("J123"), Some((123, 0)));
        assert_eq!(parse_shipment_key(" J123-2 "), Some((123, 1)));
        assert_eq!(parse_shipment_key("Ｊ１２３"), Some((123, 0)));
        for bad in ["123", "J", "J12a", "J12-0", "ORD10001", "J-1"] {
            assert_eq!(parse_shipment_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn services_follow_the_mapping_else_the_default_and_stay_in_their_format() {
        let mut s = LabelSettings::default();
        s.method_services
            .push(super::super::settings::MethodService {
                method: "メール便".into(),
                service: Service::Nekopos,
            });
        s.method_services
            .push(super::super::settings::MethodService {
                method: "ゆうパケット".into(),
                service: Service::YuPacket,
            });
        assert_eq!(
            service_for(LabelFormat::B2, Some("メール便"), &s),
            Ok(Service::Nekopos)
        );
        assert_eq!(
            service_for(LabelFormat::B2, None, &s),
            Ok(Service::Takkyubin)
        );
        assert_eq!(
            service_for(LabelFormat::B2, Some("通常"), &s),
            Ok(Service::Takkyubin)
        );
        let err = service_for(LabelFormat::B2, Some("ゆうパケット"), &s).unwrap_err();
        assert!(err.contains("ゆうパケット") && err.contains("B2"), "{err}");
        assert_eq!(
            service_for(LabelFormat::Clickpost, None, &s),
            Ok(Service::ClickPost)
        );
    }

    #[test]
    fn b2_codes_with_the_new_and_the_old_meaning_of_7() {
        assert_eq!(Service::Takkyubin.b2_code(false, false), "0");
        assert_eq!(Service::Takkyubin.b2_code(true, false), "2");
        assert_eq!(Service::Compact.b2_code(false, false), "8");
        assert_eq!(Service::Compact.b2_code(true, false), "9");
        assert_eq!(Service::KuronekoYuMail.b2_code(false, false), "3");
        assert_eq!(Service::Nekopos.b2_code(false, false), "A");
        assert_eq!(Service::Nekopos.b2_code(false, true), "7");
        assert_eq!(Service::KuronekoYuPacket.b2_code(false, false), "7");
        assert_eq!(Service::YuPacket.yupri_code(), "9");
        assert_eq!(Service::YuMail.yupri_code(), "1");
        assert_eq!(Service::YuPack.yupri_code(), "0");
    }

    #[test]
    fn cod_is_read_from_the_payment_method() {
        let s = LabelSettings::default();
        assert!(is_cod("代金引換", &s));
        assert!(is_cod("COD", &s));
        assert!(!is_cod("クレジットカード", &s));
        assert!(!is_cod("", &s));
    }

    #[test]
    fn every_blocked_cod_combination() {
        for svc in [
            Service::Nekopos,
            Service::KuronekoYuPacket,
            Service::KuronekoYuMail,
            Service::YuPacket,
            Service::YuMail,
            Service::ClickPost,
        ] {
            let err = cod_for(svc.format(), svc, 3980, 1, 10).unwrap_err();
            assert!(
                err.contains(svc.label()) && err.contains("代金引換"),
                "{err}"
            );
        }
        assert!(cod_for(LabelFormat::B2, Service::Takkyubin, 0, 1, 10).is_err());
        assert!(cod_for(LabelFormat::B2, Service::Takkyubin, 300_001, 1, 10).is_err());
        assert!(cod_for(LabelFormat::B2, Service::Compact, 30_001, 1, 10).is_err());
        assert!(cod_for(LabelFormat::B2, Service::Takkyubin, 3980, 2, 10).is_err());
        assert_eq!(
            cod_for(LabelFormat::B2, Service::Takkyubin, 3980, 1, 8),
            Ok(Cod {
                amount: 3980,
                tax: 294
            })
        );
        assert_eq!(
            cod_for(LabelFormat::Ehiden3, Service::Hikyaku, 1100, 1, 10),
            Ok(Cod {
                amount: 1100,
                tax: 100
            })
        );
        assert!(cod_for(LabelFormat::Yupri, Service::YuPack, 5000, 1, 10).is_ok());
    }

    #[test]
    fn time_wishes_as_malls_write_them() {
        for (wish, slot) in [
            ("午前中", TimeSlot::Morning),
            ("8時～12時", TimeSlot::Morning),
            ("14:00～16:00", TimeSlot::H14_16),
            ("14-16時", TimeSlot::H14_16),
            ("１６時〜１８時", TimeSlot::H16_18),
            ("1820", TimeSlot::H18_20),
            ("19時-21時", TimeSlot::H19_21),
            ("12時～14時", TimeSlot::H12_14),
        ] {
            assert_eq!(TimeSlot::parse(wish), Some(slot), "{wish}");
        }
        for wish in ["指定なし", "", "夜", "10-11時"] {
            assert_eq!(TimeSlot::parse(wish), None, "{wish}");
        }
        assert_eq!(TimeSlot::H19_21.b2_code(), "1921");
        assert_eq!(TimeSlot::Morning.sagawa_code(), "01");
    }

    #[test]
    fn status_moves_only_forward() {
        assert!(moves_forward(Status::New, Status::AwaitingShipment));
        assert!(moves_forward(Status::AwaitingShipment, Status::Done));
        assert!(!moves_forward(Status::Done, Status::AwaitingShipment));
        assert!(!moves_forward(
            Status::AwaitingShipment,
            Status::AwaitingShipment
        ));
        assert!(!moves_forward(Status::OnHold, Status::Done));
        assert!(!moves_forward(Status::Cancelled, Status::Done));
        assert!(!moves_forward(Status::New, Status::Cancelled));
    }

    #[test]
    fn formats_parse_by_code_and_label() {
        for f in LabelFormat::ALL {
            assert_eq!(LabelFormat::parse(f.code()), Some(f));
            assert_eq!(LabelFormat::parse(f.label()), Some(f));
        }
        assert_eq!(LabelFormat::parse("B2"), Some(LabelFormat::B2));
        assert_eq!(LabelFormat::parse("x"), None);
    }
}
