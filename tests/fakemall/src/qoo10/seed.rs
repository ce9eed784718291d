//! Turning the shared generator's orders into Qoo10 rows: one pack per order, one row per line,
//! every status 1–5 (plus cancelled rows that the search hides), every guessed payment method,
//! multi-line packs, gift orders shipped to someone else.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use super::model::ShippingInfo;
use super::uncertain;
use crate::clock::jst;
use crate::data::{DataGen, PaymentKind, Person, SampleOrder};

/// The first generated orders take these statuses (0 = cancelled), so that any seed with at
/// least this many orders covers every status.
pub const COVERAGE: &[u8] = &[2, 1, 3, 4, 5, 2, 2, 3, 0, 4];

/// `YYYY-MM-DD HH:MM:SS` in JST.
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `090-1234-5678` → `+81-90-1234-5678` (as `buyerMobile` shows phones); hyphen-less numbers
/// keep no hyphens after the country code.
pub fn international(phone: &str) -> String {
    let rest = phone.strip_prefix('0').unwrap_or(phone);
    format!("+81-{rest}")
}

fn is_mobile(phone: &str) -> bool {
    ["090", "080", "070"].iter().any(|p| phone.starts_with(p))
}

fn payment_method(kind: PaymentKind, rng: &mut impl Rng) -> &'static str {
    let m = uncertain::payment_methods();
    match kind {
        PaymentKind::CreditCard => m[0],
        PaymentKind::ConvenienceStore => m[1],
        PaymentKind::BankTransfer => m[2],
        // Qoo10 has no cash on delivery: those buyers pay later.
        PaymentKind::Deferred | PaymentKind::CashOnDelivery => m[3],
        PaymentKind::Carrier => m[4],
        PaymentKind::Wallet => m[5 + rng.random_range(0..3)],
    }
}

fn kana(p: &Person) -> String {
    format!("{} {}", p.family_kana, p.given_kana)
}

/// The rows of one generated order. `next_order_no` / `next_pack_no` are the last numbers used.
pub fn to_rows(
    sample: &SampleOrder,
    gen: &mut DataGen,
    now: DateTime<Utc>,
    next_order_no: &mut i64,
    next_pack_no: &mut i64,
) -> Vec<ShippingInfo> {
    let rng = gen.rng();
    let mut stat = COVERAGE
        .get(sample.index)
        .copied()
        .unwrap_or_else(|| [1u8, 2, 2, 2, 3, 3, 4, 4, 5, 0][rng.random_range(0..10)]);
    let method = if sample.index < uncertain::payment_methods().len() {
        uncertain::payment_methods()[sample.index]
    } else {
        payment_method(sample.payment, rng)
    };
    // Card, carrier and wallet payments are paid at once: never 入金待ち.
    let prepaid = matches!(method, "コンビニ決済" | "銀行振込(ペイジー)");
    if stat == 1 && !prepaid && sample.index >= COVERAGE.len() {
        stat = 2;
    }
    let ordered = sample.ordered_at;
    let paid = ordered
        + if prepaid {
            Duration::hours(rng.random_range(2..48))
        } else {
            Duration::seconds(rng.random_range(5..90))
        };
    let paid = paid.min(now);
    let est = paid + Duration::days(3);
    let shipped = (paid + Duration::hours(rng.random_range(20..60))).min(now);
    let delivered = (shipped + Duration::hours(rng.random_range(20..50))).min(now);
    let carrier =
        uncertain::DEFAULT_CARRIERS[rng.random_range(0..uncertain::DEFAULT_CARRIERS.len())];
    let tracking = format!(
        "{:012}",
        rng.random_range(100_000_000_000u64..999_999_999_999)
    );
    let coupon = rng.random_bool(0.15);

    *next_pack_no += 1;
    let pack_no = *next_pack_no;
    let first_no = *next_order_no + 1;
    let last_no = *next_order_no + sample.lines.len() as i64;
    *next_order_no = last_no;
    let related: Vec<String> = (first_no..=last_no).map(|n| n.to_string()).collect();
    let related = related.join(",");

    let b = &sample.buyer;
    let r = sample.recipient.as_ref().unwrap_or(b);
    let addr1 = format!("{}{}", r.address.prefecture, r.address.city);
    let addr2 = match &r.address.building {
        Some(bld) => format!("{} {bld}", r.address.street),
        None => r.address.street.clone(),
    };
    let msg = match (&sample.remark, &sample.gift_message) {
        (Some(a), Some(g)) => format!("{a} {g}"),
        (Some(a), None) => a.clone(),
        (None, Some(g)) => g.clone(),
        (None, None) => String::new(),
    };
    let (buyer_tel, buyer_mobile) = if is_mobile(&b.phone) {
        (String::new(), international(&b.phone))
    } else {
        (international(&b.phone), String::new())
    };
    let (receiver_tel, receiver_mobile) = if is_mobile(&r.phone) {
        (String::new(), international(&r.phone))
    } else {
        (international(&r.phone), String::new())
    };

    sample
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let discount = if coupon && i == 0 { 200 } else { 0 };
            let total = l.total() - discount;
            let shipping = if i == 0 || !uncertain::SHIPPING_RATE_ON_FIRST_LINE_ONLY {
                sample.shipping_fee
            } else {
                0
            };
            let mut row = ShippingInfo {
                order_no: first_no + i as i64,
                pack_no,
                order_date: fmt_time(ordered),
                payment_date: if stat == 1 {
                    uncertain::UNSET_DATE.to_string()
                } else {
                    fmt_time(paid)
                },
                est_shipping_date: if stat >= 3 {
                    // 発送予定日 is a date: midnight (as SetSellerCheckYN_V2 stores it).
                    format!("{} 00:00:00", est.with_timezone(&jst()).format("%Y-%m-%d"))
                } else {
                    uncertain::UNSET_DATE.to_string()
                },
                shipping_date: if stat >= 4 {
                    fmt_time(shipped)
                } else {
                    uncertain::UNSET_DATE.to_string()
                },
                delivered_date: if stat == 5 {
                    fmt_time(delivered)
                } else {
                    uncertain::UNSET_DATE.to_string()
                },
                buyer: b.full_name(),
                buyer_gata: kana(b),
                buyer_tel: buyer_tel.clone(),
                buyer_mobile: buyer_mobile.clone(),
                buyer_email: b.email.clone(),
                item_code: (1_000_000_000 + l.product.item_id % 100_000_000).to_string(),
                seller_item_code: l.product.sku.to_string(),
                item_title: l.product.title.to_string(),
                option: l
                    .variation
                    .as_ref()
                    .map(|v| format!("種類:{}", v.name))
                    .unwrap_or_default(),
                option_code: l
                    .variation
                    .as_ref()
                    .map(|v| format!("{}-{}", l.product.sku, v.code))
                    .unwrap_or_default(),
                order_price: l.product.price,
                order_qty: l.quantity,
                discount,
                total,
                settle_price: total + shipping,
                receiver: r.full_name(),
                receiver_gata: kana(r),
                zip_code: r.address.zip.clone(),
                shipping_addr: format!("{addr1}{}{addr2}", uncertain::ADDR_JOIN),
                addr1: addr1.clone(),
                addr2: addr2.clone(),
                receiver_tel: receiver_tel.clone(),
                receiver_mobile: receiver_mobile.clone(),
                hope_date: sample
                    .delivery_date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                shipping_msg: msg.clone(),
                shipping_rate: shipping,
                delivery_company: carrier.to_string(),
                tracking_no: if stat >= 4 {
                    tracking.clone()
                } else {
                    String::new()
                },
                payment_method: method.to_string(),
                related_order: related.clone(),
                ..Default::default()
            };
            row.set_stat(stat);
            row
        })
        .collect()
}
