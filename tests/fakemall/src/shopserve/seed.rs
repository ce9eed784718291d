//! Turning the shared generator's orders into ショップサーブ orders: every payment method and
//! status combination, multi-destination orders, texts outside Shift_JIS (and
//! [`CHARSET_PROBE_REMARK`] on the first order of every batch).

use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;
use rand::Rng;

use super::model::{Customer, Delivery, Item, Order};
use super::orders::format_time;
use super::uncertain as u;
use crate::clock::jst;
use crate::data::{DataGen, PaymentKind, Person, SampleOrder};

/// (payment method, 注文, 発送, 確認, 入金, destinations): the first generated orders take these,
/// so any seed with at least this many orders covers every label and multi-destination.
pub const COVERAGE: &[(&str, &str, &str, &str, &str, usize)] = &[
    (
        "クレジットカード決済",
        "新規受付",
        "未発送",
        "未確認",
        "入金済",
        1,
    ),
    ("銀行振込", "新規受付", "未発送", "未確認", "未入金", 1),
    ("代金引換", "処理中", "未発送", "確認済", "未入金", 1),
    (
        "コンビニ決済（前払い）",
        "処理中",
        "未発送",
        "確認済",
        "入金済",
        2,
    ),
    ("後払い決済", "完了", "発送済", "確認済", "未入金", 1),
    ("キャリア決済", "完了", "発送済", "確認済", "入金済", 1),
    ("Amazon Pay", "キャンセル", "未発送", "確認済", "未入金", 1),
    ("PayPay", "完了", "発送済", "確認済", "入金済", 2),
];

/// The 備考 the first order of every generated batch carries (after its own remark, if any),
/// so that every seed serves text CP932 lacks (𠮷, 🎁: `&#x20BB7;` in XML, 〓 in JSON) and
/// text CP932 has but JIS X 0208 Shift_JIS lacks (①, 髙, 﨑).
pub const CHARSET_PROBE_REMARK: &str = "𠮷野様より①番の品を髙島屋の包装で🎁（宮﨑）";

fn method(kind: PaymentKind, rng: &mut impl Rng) -> &'static str {
    match kind {
        PaymentKind::CreditCard => "クレジットカード決済",
        PaymentKind::BankTransfer => "銀行振込",
        PaymentKind::CashOnDelivery => "代金引換",
        PaymentKind::ConvenienceStore => "コンビニ決済（前払い）",
        PaymentKind::Deferred => "後払い決済",
        PaymentKind::Carrier => "キャリア決済",
        PaymentKind::Wallet => ["Amazon Pay", "PayPay"].choose(rng).unwrap_or(&"PayPay"),
    }
}

fn date(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst()).format(u::DATE_FORMAT).to_string()
}

fn delivery(no: i64, p: &Person) -> Delivery {
    Delivery {
        delivery_no: no,
        name: p.full_name(),
        kana: Some(format!("{} {}", p.family_kana, p.given_kana)),
        zip: p.address.zip.clone(),
        pref: p.address.prefecture.clone(),
        address1: format!("{}{}", p.address.city, p.address.street),
        address2: p.address.building.clone(),
        tel: p.phone.clone(),
        ..Default::default()
    }
}

/// One order numbered `order_no`.
pub fn to_shopserve(
    sample: &SampleOrder,
    gen: &mut DataGen,
    now: DateTime<Utc>,
    order_no: u64,
) -> Order {
    let second = gen.person(None);
    let rng = gen.rng();
    let old = now - sample.ordered_at > Duration::days(4);
    let (pay, status, shipping, confirm, paid, n) = match COVERAGE.get(sample.index) {
        Some(c) => *c,
        None => {
            let m = method(sample.payment, rng);
            let done = rng.random_bool(if old { 0.8 } else { 0.2 });
            let prepaid = matches!(m, "銀行振込" | "コンビニ決済（前払い）");
            let paid = if m == "クレジットカード決済"
                || m.starts_with("Amazon")
                || m == "PayPay"
                || m == "キャリア決済"
                || (prepaid && (done || rng.random_bool(0.5)))
            {
                "入金済"
            } else {
                "未入金"
            };
            let multi = if sample.lines.len() > 1 && rng.random_bool(0.2) {
                2
            } else {
                1
            };
            if done {
                (m, "完了", "発送済", "確認済", paid, multi)
            } else if rng.random_bool(0.5) {
                (m, "新規受付", "未発送", "未確認", paid, multi)
            } else {
                (m, "処理中", "未発送", "確認済", paid, multi)
            }
        }
    };
    let first = sample.recipient.as_ref().unwrap_or(&sample.buyer);
    let mut deliveries = vec![delivery(1, first)];
    if n > 1 {
        deliveries.push(delivery(2, &second));
    }
    let mut lines = sample.lines.clone();
    if n > 1 && lines.len() == 1 {
        lines.push(lines[0].clone());
    }
    for (i, l) in lines.iter().enumerate() {
        deliveries[i % n].items.push(Item {
            item_code: match &l.variation {
                Some(v) => format!("{}-{}", l.product.sku, v.code),
                None => l.product.sku.to_string(),
            },
            item_name: l.product.title.to_string(),
            option: l.variation.as_ref().map(|v| v.name.to_string()),
            jan: l.product.jan.map(str::to_string),
            quantity: l.quantity,
            unit_price: l.product.price,
            tax_rate: i64::from(l.product.tax_rate),
        });
    }
    deliveries[0].desired_date = sample
        .delivery_date
        .map(|d| d.format(u::DATE_FORMAT).to_string());
    deliveries[0].desired_time = sample.delivery_slot.map(|(a, b)| u::desired_time(a, b));
    deliveries[0].gift_message = sample.gift_message.clone();
    let shipped_at = (sample.ordered_at + Duration::hours(rng.random_range(12..60))).min(now);
    if shipping == "発送済" {
        for d in &mut deliveries {
            let (code, _) = *u::CARRIERS.choose(rng).unwrap_or(&u::CARRIERS[0]);
            d.carrier_code = Some(code.to_string());
            d.tracking_no = Some(if rng.random_bool(0.5) {
                format!(
                    "{:012}",
                    rng.random_range(100_000_000_000u64..999_999_999_999)
                )
            } else {
                format!(
                    "{:04}-{:04}-{:04}",
                    rng.random_range(0..10_000),
                    rng.random_range(0..10_000),
                    rng.random_range(0..10_000)
                )
            });
            d.ship_date = Some(date(shipped_at));
            if now - shipped_at > Duration::days(2) {
                d.arrival_date = Some(date(shipped_at + Duration::days(1)));
            }
        }
    }
    let items_total: i64 = lines.iter().map(|l| l.total()).sum();
    let shipping_fee = sample.shipping_fee * n as i64;
    let cod_fee = if pay == "代金引換" { 330 } else { 0 };
    let discount = if rng.random_bool(0.1) { 500 } else { 0 };
    let point = if rng.random_bool(0.15) {
        rng.random_range(1..=30) * 10
    } else {
        0
    };
    let b = &sample.buyer;
    Order {
        order_no: order_no.to_string(),
        order_date: format_time(sample.ordered_at),
        order_status: status.to_string(),
        confirm_status: confirm.to_string(),
        shipping_status: shipping.to_string(),
        payment_status: paid.to_string(),
        payment_method: pay.to_string(),
        payment_date: (paid == "入金済").then(|| date(sample.ordered_at)),
        customer: Customer {
            name: b.full_name(),
            kana: Some(format!("{} {}", b.family_kana, b.given_kana)),
            zip: b.address.zip.clone(),
            pref: b.address.prefecture.clone(),
            address1: format!("{}{}", b.address.city, b.address.street),
            address2: b.address.building.clone(),
            tel: b.phone.clone(),
            email: Some(b.email.clone()),
        },
        items_total,
        shipping_fee,
        cod_fee,
        discount,
        point,
        total: items_total + shipping_fee + cod_fee - discount - point,
        remarks: match (sample.index, &sample.remark) {
            (0, Some(r)) => Some(format!("{r}　{CHARSET_PROBE_REMARK}")),
            (0, None) => Some(CHARSET_PROBE_REMARK.to_string()),
            (_, r) => r.clone(),
        },
        deliveries,
        updated_at: format_time(if shipping == "発送済" {
            shipped_at
        } else {
            sample.ordered_at
        }),
        extra: Default::default(),
    }
}
