//! Turning the shared generator's orders into MakeShop orders: every documented
//! paymentStatusCode, every delivery status letter, multi-destination orders (a gift to someone
//! else plus the buyer's own parcel), partially shipped orders, guest buyers, prefecture codes,
//! and `slipNumber` as production has it: ヤマト numbers (12 digits, 7DR) on most shipped
//! parcels, shop memos (`再注文`, `123456789012発送済`) on some, numbers on cancelled orders.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use super::model::{BasketInfo, DeliveryInfo, DiscountPerTax, Order};
use super::uncertain;
use crate::clock::jst;
use crate::data::places::PLACES;
use crate::data::{DataGen, PaymentKind, Person, SampleLine, SampleOrder};

/// The first generated orders take these (payMethod, paymentStatusCode, delivery letter,
/// multi-destination) combinations, so that any seed with this many orders covers them all.
pub const COVERAGE: &[(&str, &str, &str, bool)] = &[
    ("クレジットカード", "0004", "N", false),
    ("代金引換", "0000", "N", true),
    ("銀行振込", "0002", "N", false),
    ("コンビニ決済", "0001", "Y", false),
    ("クレジットカード", "0003", "C", false),
    ("ポイント払い", "1002", "N", false),
    ("後払い決済", "0004", "R", false),
    ("Amazon Pay", "0004", "Y", true),
    ("楽天ペイ", "0004", "N", false),
    ("クレジットカード", "0004", "Y", false),
];

/// What a seeded destination's `slipNumber` holds (makeshop.md, "Seen in production": shops
/// use it as a memo; only a value that passes the carrier's rule is a tracking number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipMemo {
    /// A ヤマト number: 12 digits passing 7DR ([`passes_7dr`]), on a shipped or returned parcel.
    Tracking,
    /// The text `再注文` (`uncertain::SLIP_MEMO_REORDER`).
    Reorder,
    /// 12 digits followed by `発送済` (`uncertain::SLIP_MEMO_SHIPPED_SUFFIX`), on a shipped parcel.
    NumberShipped,
    /// A tracking-like number (12 digits, 7DR) on a cancelled order.
    OnCancelled,
}

/// The [`COVERAGE`] rows (by index) whose first destination carries a memo instead of a
/// tracking number, so that any seed with `COVERAGE.len()` orders shows every shape: row 0
/// (未処理) `再注文`, row 3 (shipped) `…発送済`, row 4 (cancelled) a number. The shipped rows 7 and
/// 9 keep a real-looking number.
pub const SLIP_COVERAGE: &[(usize, SlipMemo)] = &[
    (0, SlipMemo::Reorder),
    (3, SlipMemo::NumberShipped),
    (4, SlipMemo::OnCancelled),
];

/// Does `s` pass ヤマト's (and 佐川's, ゆうパック's) check: 12 digits, the last one the first 11
/// read as a number mod 7 (7DR, carriers.md §4)?
pub fn passes_7dr(s: &str) -> bool {
    if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match (s[..11].parse::<u64>(), s[11..].parse::<u64>()) {
        (Ok(body), Ok(check)) => body % 7 == check,
        _ => false,
    }
}

/// A ヤマト 宅急便 number: 11 random digits and their 7DR check digit.
pub fn yamato_number(rng: &mut impl Rng) -> String {
    let body: u64 = rng.random_range(10_000_000_000..100_000_000_000);
    format!("{body}{}", body % 7)
}

/// 12 digits for a memo (see `uncertain::MEMO_NUMBERS_PASS_CHECK`).
fn memo_number(rng: &mut impl Rng) -> String {
    if uncertain::MEMO_NUMBERS_PASS_CHECK {
        yamato_number(rng)
    } else {
        let body: u64 = rng.random_range(10_000_000_000..100_000_000_000);
        format!("{body}{}", (body + 1) % 7)
    }
}

/// `YYYYMMDDHHmmss` in JST.
pub fn compact(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst()).format("%Y%m%d%H%M%S").to_string()
}

/// MakeShop prefecture code of a person's address.
pub fn prefecture_of(p: &Person) -> i32 {
    let jis = PLACES
        .iter()
        .position(|(name, ..)| *name == p.address.prefecture)
        .map(|i| i as i32 + 1)
        .unwrap_or(13);
    let tokyo_23 = p.address.city.contains('区');
    uncertain::prefecture_code(jis, tokyo_23)
}

fn pay(kind: PaymentKind, rng: &mut impl Rng) -> (&'static str, &'static str) {
    match kind {
        PaymentKind::CreditCard => ("クレジットカード", "0004"),
        PaymentKind::CashOnDelivery => ("代金引換", "0000"),
        PaymentKind::BankTransfer => ("銀行振込", "0002"),
        PaymentKind::ConvenienceStore => ("コンビニ決済", "0001"),
        PaymentKind::Deferred => ("後払い決済", "0004"),
        PaymentKind::Carrier => ("楽天ペイ", "0004"),
        PaymentKind::Wallet => {
            if rng.random_bool(0.3) {
                ("ポイント払い", "1002")
            } else {
                ("Amazon Pay", "0004")
            }
        }
    }
}

fn basket(l: &SampleLine) -> BasketInfo {
    BasketInfo {
        product_code: format!("{:012}", l.product.item_id),
        product_custom_code: l.product.sku.to_string(),
        variation_custom_code: l.variation.as_ref().map(|v| v.code.to_string()),
        product_name: l.product.title.to_string(),
        variation_name: l.variation.as_ref().map(|v| v.name.to_string()),
        amount: l.quantity as i32,
        price: l.product.price as i32,
        jan_code: l.product.jan.map(str::to_string),
    }
}

fn destination(
    id: i32,
    to: &Person,
    lines: &[SampleLine],
    shipping: i32,
    sample: &SampleOrder,
    message: Option<String>,
) -> DeliveryInfo {
    let baskets: Vec<BasketInfo> = lines.iter().map(basket).collect();
    let items: i32 = baskets.iter().map(|b| b.price * b.amount).sum();
    DeliveryInfo {
        delivery_id: id,
        delivery_status: "N".to_string(),
        desired_delivery_date: sample
            .delivery_date
            .map(|d| d.format(uncertain::DESIRED_DATE_FORMAT).to_string())
            .unwrap_or_else(|| uncertain::UNSET_DESIRED_DATE.to_string()),
        desired_delivery_timezone: sample
            .delivery_slot
            .map(|(a, b)| uncertain::timezone_label(a, b))
            .unwrap_or_default(),
        receiver_name: to.full_name(),
        receiver_post: to.address.zip.clone(),
        receiver_prefecture: prefecture_of(to),
        receiver_address: format!("{}{}", to.address.city, to.address.street),
        receiver_address2: to.address.building.clone().unwrap_or_default(),
        receiver_tel: to.phone.clone(),
        shipping_charge: shipping,
        delivery_sum_price: items + shipping,
        wms_status: uncertain::WMS_STATUS.to_string(),
        delivery_message: message,
        delivery_method_ids: vec![1],
        slip_number: None,
        delivery_date: None,
        estimated_shipment_date: None,
        basket_infos: baskets,
        delivery_company_code: None,
    }
}

/// One MakeShop order from a generated one; `serial` is the last serial used.
pub fn to_makeshop(
    sample: &SampleOrder,
    gen: &mut DataGen,
    now: DateTime<Utc>,
    serial: &mut u64,
) -> Order {
    *serial += 1;
    let cover = COVERAGE.get(sample.index).copied();
    let rng = gen.rng();
    let (method, code) = match cover {
        Some((m, c, ..)) => (m, c),
        None => pay(sample.payment, rng),
    };
    let letter = match cover {
        Some((_, _, l, _)) => l,
        None => ["N", "N", "N", "Y", "Y", "C", "R"][rng.random_range(0..7)],
    };
    let code = if letter == "C" { "0003" } else { code };
    let multi = match cover {
        Some((.., m)) => m,
        None => sample.recipient.is_some() && sample.lines.len() > 1 || rng.random_bool(0.05),
    };
    let ordered = sample.ordered_at;
    let shipped = (ordered + Duration::hours(rng.random_range(20..72))).min(now);
    let paid_at = (ordered + Duration::minutes(rng.random_range(1..2000))).min(now);
    let coupon = rng.random_bool(0.15);
    let slip = yamato_number(rng);
    let tail: u64 = rng.random_range(0..100_000_000);
    let member = rng
        .random_bool(0.8)
        .then(|| format!("mem{:07}", rng.random_range(0..10_000_000)));
    // What the first destination's slip holds when it is not a plain tracking number.
    let memo = match SLIP_COVERAGE.iter().find(|(i, _)| *i == sample.index) {
        Some((_, m)) => Some(*m),
        None if cover.is_some() => None,
        None => match letter {
            "C" => rng
                .random_bool(uncertain::CANCELLED_SLIP_SHARE)
                .then_some(SlipMemo::OnCancelled),
            "N" => rng
                .random_bool(uncertain::SLIP_MEMO_SHARE)
                .then_some(SlipMemo::Reorder),
            _ => rng.random_bool(uncertain::SLIP_MEMO_SHARE).then(|| {
                if rng.random_bool(0.5) {
                    SlipMemo::Reorder
                } else {
                    SlipMemo::NumberShipped
                }
            }),
        },
    };
    let memo_digits = memo_number(rng);
    let extra_person = gen.person(None);

    let b = &sample.buyer;
    let gift_to = sample.recipient.as_ref();
    let gift_msg = sample.gift_message.clone();
    let mut deliveries = Vec::new();
    let first_id = uncertain::FIRST_DELIVERY_ID;
    if multi {
        // The buyer's own parcel, and a second one to the recipient (or a relative).
        let other = gift_to.unwrap_or(&extra_person);
        let split = sample.lines.len().div_ceil(2);
        let (mine, theirs) = sample.lines.split_at(split);
        let theirs: Vec<SampleLine> = if theirs.is_empty() {
            vec![SampleLine {
                quantity: 1,
                ..sample.lines[0].clone()
            }]
        } else {
            theirs.to_vec()
        };
        deliveries.push(destination(
            first_id,
            b,
            mine,
            sample.shipping_fee as i32,
            sample,
            None,
        ));
        deliveries.push(destination(
            first_id + 1,
            other,
            &theirs,
            550,
            sample,
            gift_msg.clone(),
        ));
        // Each destination has its own wish: the date is the second parcel's (the gift's),
        // the buyer's own comes whenever.
        deliveries[0].desired_delivery_date = uncertain::UNSET_DESIRED_DATE.to_string();
        deliveries[0].desired_delivery_timezone = String::new();
    } else {
        let to = gift_to.unwrap_or(b);
        deliveries.push(destination(
            first_id,
            to,
            &sample.lines,
            sample.shipping_fee as i32,
            sample,
            gift_to.and(gift_msg.clone()),
        ));
    }
    for (i, d) in deliveries.iter_mut().enumerate() {
        // A multi-destination order marked shipped has its first parcel out, the other not yet.
        d.delivery_status = if letter == "Y" && i > 0 { "N" } else { letter }.to_string();
        if matches!(d.delivery_status.as_str(), "Y" | "R") {
            d.slip_number = Some(slip.clone());
            d.delivery_date = Some(compact(shipped));
            d.delivery_company_code = Some("002".to_string());
        }
        if i == 0 {
            match memo {
                None | Some(SlipMemo::Tracking) => {}
                Some(SlipMemo::Reorder) => {
                    d.slip_number = Some(uncertain::SLIP_MEMO_REORDER.to_string())
                }
                Some(SlipMemo::NumberShipped) => {
                    d.slip_number = Some(format!(
                        "{memo_digits}{}",
                        uncertain::SLIP_MEMO_SHIPPED_SUFFIX
                    ))
                }
                Some(SlipMemo::OnCancelled) => {
                    // A label was printed, then the order was cancelled: no delivery date.
                    d.slip_number = Some(memo_digits.clone());
                    d.delivery_company_code = Some("002".to_string());
                }
            }
        }
        if d.delivery_status == "N" && sample.delivery_date.is_some() {
            d.estimated_shipment_date = Some(
                (ordered + Duration::days(2))
                    .with_timezone(&jst())
                    .format(uncertain::ESTIMATED_SHIPMENT_FORMAT)
                    .to_string(),
            );
        }
    }
    let discount = if coupon { 300 } else { 0 };
    let sum: i32 = deliveries.iter().map(|d| d.delivery_sum_price).sum::<i32>() - discount;
    let unpaid = match code {
        "0002" | "0001" => letter == "N" && sample.index.is_multiple_of(2),
        "0000" => letter != "Y",
        "0003" => true,
        _ => false,
    };
    let message = match (&sample.remark, &gift_msg) {
        (None, None) => None,
        (r, g) => Some(format!(
            "{}{}{}",
            r.as_deref().unwrap_or(""),
            uncertain::MESSAGE_SEPARATOR,
            g.as_deref().unwrap_or("")
        )),
    };
    Order {
        system_order_number: format!(
            "{}{:06}",
            ordered.with_timezone(&jst()).format("%Y%m%d%H"),
            *serial % 1_000_000
        ),
        // `P` + 18 digits (uncertain::DISPLAY_ORDER_NUMBER_CHARS): unix time, 8 random digits.
        display_order_number: format!(
            "P{:010}{:08}",
            ordered.timestamp().rem_euclid(10_000_000_000),
            tail
        ),
        order_date: ordered
            .with_timezone(&jst())
            .format(uncertain::ORDER_DATE_FORMAT)
            .to_string(),
        member_id: member,
        sender_name: b.full_name(),
        sender_prefecture: prefecture_of(b),
        pay_method: method.to_string(),
        payment_status_code: code.to_string(),
        sum_price: sum,
        message,
        discount_per_tax: if coupon {
            vec![DiscountPerTax {
                tax_rate: 10,
                discount_price: discount,
            }]
        } else {
            Vec::new()
        },
        delivery_infos: deliveries,
        payment_date: (!unpaid).then(|| compact(paid_at)),
    }
}
