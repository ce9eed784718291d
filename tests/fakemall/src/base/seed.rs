//! Turning the shared generator's orders into BASE orders (every payment code and every
//! `dispatch_status` of base.md, multi-item orders, partner-shop sales with null buyers).

use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;
use rand::Rng;

use super::model::{
    Hidden, Order, OrderCharge, OrderDiscount, OrderItem, OrderReceiver, PaymentTransaction,
    Subscription,
};
use super::uncertain;
use crate::data::{DataGen, PaymentKind, SampleOrder, DELIVERY_SLOTS};

/// The first generated orders take these (payment, dispatch_status) pairs, so that any seed
/// with at least this many orders covers every payment code and every status.
pub const COVERAGE: &[(&str, &str)] = &[
    ("creditcard", "ordered"),
    ("cvs", "unpaid"),
    ("cod", "ordered"),
    ("base_bt", "unpaid"),
    ("atobarai", "shipping"),
    ("creditcard", "dispatched"),
    ("cod", "cancelled"),
    ("bt", "unshippable"),
    ("carrier_01", "ordered"),
    ("carrier_02", "dispatched"),
    ("carrier_03", "ordered"),
    ("coin", "ordered"),
    ("paypal", "ordered"),
    ("amazon_pay", "dispatched"),
    ("bnpl", "ordered"),
    ("cvs", "ordered"),
    ("base_bt", "dispatched"),
    ("atobarai", "ordered"),
];

fn payment_code(kind: PaymentKind, rng: &mut impl Rng) -> &'static str {
    let pick =
        |rng: &mut dyn rand::RngCore, list: &[&'static str]| *list.choose(rng).unwrap_or(&list[0]);
    match kind {
        PaymentKind::CreditCard => "creditcard",
        PaymentKind::BankTransfer => pick(rng, &["base_bt", "base_bt", "bt"]),
        PaymentKind::CashOnDelivery => "cod",
        PaymentKind::ConvenienceStore => "cvs",
        PaymentKind::Deferred => "atobarai",
        PaymentKind::Carrier => pick(rng, &["carrier_01", "carrier_02", "carrier_03"]),
        PaymentKind::Wallet => pick(rng, &["paypal", "amazon_pay", "coin", "bnpl"]),
    }
}

fn random_status(payment: &str, age: Duration, rng: &mut impl Rng) -> &'static str {
    let old = age > Duration::days(4);
    if matches!(payment, "cvs" | "base_bt") && rng.random_bool(if old { 0.1 } else { 0.5 }) {
        return "unpaid";
    }
    if payment == "cod" && rng.random_bool(0.05) {
        return "cancelled";
    }
    if payment == "atobarai" && old && rng.random_bool(0.3) {
        return "shipping";
    }
    if rng.random_bool(if old { 0.75 } else { 0.15 }) {
        "dispatched"
    } else {
        "ordered"
    }
}

fn fee(total: i64) -> i64 {
    total * 36 / 1000 + 40
}

/// One BASE order from one generated order. `next_item_id` numbers the order items.
pub fn to_base(
    sample: &SampleOrder,
    gen: &mut DataGen,
    now: DateTime<Utc>,
    next_item_id: &mut i64,
) -> Order {
    let unique_key = gen.hex_upper(16);
    let rng = gen.rng();
    let age = now - sample.ordered_at;
    let (payment, status) = match COVERAGE.get(sample.index) {
        Some((p, s)) => (*p, *s),
        None => {
            let p = payment_code(sample.payment, rng);
            (p, random_status(p, age, rng))
        }
    };
    let ordered = sample.ordered_at.timestamp();
    let done_at = (sample.ordered_at + Duration::hours(rng.random_range(6..72)))
        .min(now - Duration::minutes(1));
    let done = done_at.timestamp().max(ordered);
    let per_item_shipping = rng.random_bool(0.1);
    let shipping_method = if per_item_shipping {
        None
    } else {
        Some(
            (*["ヤマト運輸", "ゆうパケット", "佐川急便", "日本郵便"]
                .choose(rng)
                .unwrap_or(&"ヤマト運輸"))
            .to_string(),
        )
    };

    let mut items: Vec<OrderItem> = sample
        .lines
        .iter()
        .map(|l| {
            *next_item_id += 1;
            OrderItem {
                order_item_id: *next_item_id,
                item_id: i64::try_from(l.product.item_id).unwrap_or(0),
                variation_id: l.variation.as_ref().and_then(|v| i64::try_from(v.id).ok()),
                title: l.product.title.to_string(),
                variation: l
                    .variation
                    .as_ref()
                    .map(|v| v.name.to_string())
                    .unwrap_or_default(),
                price: l.product.price,
                amount: l.quantity,
                total: l.total(),
                item_tax_type: Some(if l.product.tax_rate == 8 { 2 } else { 1 }),
                consumption_tax_rate: Some(i64::from(l.product.tax_rate)),
                status: "ordered".to_string(),
                shipping_method: per_item_shipping.then(|| "ゆうパケット".to_string()),
                shipping_fee: if per_item_shipping { 370 } else { 0 },
                shipping_start: None,
                shipping_end: None,
                modified: ordered,
                extra: Default::default(),
            }
        })
        .collect();
    let item_status = match status {
        "dispatched" => "dispatched",
        "cancelled" => "cancelled",
        _ => "ordered",
    };
    for i in &mut items {
        i.status = item_status.to_string();
        if item_status != "ordered" {
            i.modified = done;
        }
    }
    // An ugly partial dispatch: first item sent, the rest still waiting.
    let partial =
        status == "ordered" && items.len() > 1 && payment != "atobarai" && rng.random_bool(0.2);
    if partial {
        items[0].status = "dispatched".to_string();
        items[0].modified = done;
    }

    let items_total: i64 = items.iter().map(|i| i.total).sum();
    let shipping_fee = if per_item_shipping {
        items.iter().map(|i| i.shipping_fee).sum()
    } else {
        sample.shipping_fee
    };
    let cod_fee = if payment == "cod" { 330 } else { 0 };
    let discount = if rng.random_bool(0.1) { 300 } else { 0 };
    let total = items_total + shipping_fee + cod_fee - discount;
    let collected = fee(total);

    let tx = |s: &str| PaymentTransaction::with(collected, s);
    let mut order = Order {
        unique_key,
        ordered,
        cancelled: (status == "cancelled").then_some(done),
        dispatched: (status == "dispatched").then_some(done),
        payment: payment.to_string(),
        shipping_method,
        shipping_fee,
        cod_fee,
        total,
        delivery_company_id: 0,
        delivery_date: sample
            .delivery_date
            .map(|d| d.format("%Y-%m-%d").to_string()),
        delivery_time_zone: sample.delivery_slot.and_then(|slot| {
            let i = DELIVERY_SLOTS.iter().position(|s| *s == slot)?;
            uncertain::DELIVERY_TIME_ZONES.get(i).map(|c| c.to_string())
        }),
        terminated: uncertain::terminated(status),
        dispatch_status: status.to_string(),
        modified: if status == "ordered" && !partial {
            ordered
        } else {
            done
        },
        order_discount: OrderDiscount {
            discount,
            note: (discount > 0).then(|| "クーポン割引".to_string()),
            is_allocate_user_balance_log: 0,
        },
        order_charge: OrderCharge {
            collected_fee: collected,
        },
        order_items: items,
        hidden: Hidden {
            yamato_kantan: status == "ordered" && payment == "creditcard" && rng.random_bool(0.05),
        },
        ..Default::default()
    };
    match payment {
        "creditcard" => {
            order.c_c_payment_transaction = tx(match status {
                "dispatched" => "captured",
                "cancelled" => "cancelled",
                _ => "creditable",
            })
        }
        "cvs" => {
            order.cvs_payment_transaction = tx(if status == "unpaid" { "unpaid" } else { "paid" })
        }
        "base_bt" => {
            let mut t = tx(if status == "unpaid" { "unpaid" } else { "paid" });
            t.extra.insert("shortage".into(), 0.into());
            order.bt_payment_transaction = t;
        }
        "atobarai" => {
            order.atobarai_payment_transaction = tx(match status {
                "shipping" => "shipping",
                "dispatched" => "arrived",
                _ => "ordered",
            })
        }
        p if p.starts_with("carrier_") => {
            order.carrier_payment_transaction = tx(if status == "dispatched" {
                "captured"
            } else {
                "authorized"
            })
        }
        "coin" => {
            order.coin_payment_transaction = tx(if status == "dispatched" {
                "captured"
            } else {
                "authorized"
            })
        }
        "paypal" => {
            order.paypal_payment_transaction = tx(if status == "dispatched" {
                "captured"
            } else {
                "authorized"
            })
        }
        _ => {}
    }
    if matches!(status, "dispatched" | "shipping") || partial {
        order.delivery_company_id =
            rng.random_range(1..=uncertain::DELIVERY_COMPANIES.len() as i64);
        order.tracking_number = Some(format!(
            "{:012}",
            rng.random_range(100_000_000_000u64..999_999_999_999)
        ));
        if rng.random_bool(0.3) {
            order.add_comment = Some("この度はご注文ありがとうございました🎁".to_string());
        }
    }
    if rng.random_bool(0.05) {
        order.subscription = Subscription {
            unique_key: Some(format!("S{}", gen.hex_upper(15))),
            repeat_number: Some(1),
            repeat_times: Some(12),
        };
    }
    let rng = gen.rng();
    // A partner shop's sale (販売パートナーApp): every buyer field is null (base.md §2).
    let partner = sample.index >= COVERAGE.len() && rng.random_bool(0.03);
    if !partner {
        let b = &sample.buyer;
        order.first_name = Some(b.given_name.clone());
        order.last_name = Some(b.family_name.clone());
        order.country = Some("Japan".into());
        order.country_code = Some("JP".into());
        order.zip_code = Some(b.address.zip.clone());
        order.prefecture = Some(b.address.prefecture.clone());
        order.address = Some(format!("{}{}", b.address.city, b.address.street));
        order.address2 = Some(b.address.building.clone().unwrap_or_default());
        order.mail_address = Some(b.email.clone());
        order.tel = Some(b.phone.clone());
    }
    order.remark = match (&sample.remark, &sample.gift_message) {
        (Some(r), Some(g)) => Some(format!("{r}\nギフトメッセージ：{g}")),
        (None, Some(g)) => Some(format!("ギフトメッセージ：{g}")),
        (Some(r), None) => Some(r.clone()),
        (None, None) => None,
    };
    if let Some(r) = &sample.recipient {
        order.order_receiver = OrderReceiver {
            first_name: Some(r.given_name.clone()),
            last_name: Some(r.family_name.clone()),
            zip_code: Some(r.address.zip.clone()),
            prefecture: Some(r.address.prefecture.clone()),
            address: Some(format!("{}{}", r.address.city, r.address.street)),
            address2: Some(r.address.building.clone().unwrap_or_default()),
            tel: Some(r.phone.clone()),
        };
    }
    order
}
