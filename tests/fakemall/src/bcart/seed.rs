//! Turning the shared generator's orders into Bカート orders: B2B company buyers, wholesale
//! sets (入数 × 注文数), every payment label and order status, several shipments per order,
//! shipping / fee / point rows, texts with emoji and characters outside Shift_JIS.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;
use rand::Rng;

use super::common::format_time;
use super::model::{FullOrder, Logistic, Order, OrderProduct, OrderTotal};
use super::uncertain;
use crate::clock::jst;
use crate::data::{DataGen, PaymentKind, Person, SampleLine, SampleOrder};

/// B2B buyers (会社名), some with characters outside Shift_JIS or emoji.
pub const COMPANIES: &[&str] = &[
    "株式会社サンプル",
    "株式会社𠮷野商店",
    "有限会社髙橋製作所",
    "合同会社ＡＢＣトレーディング",
    "株式会社山﨑商会",
    "㈱みどり雑貨",
    "カフェ・ド・ソレイユ株式会社☕",
    "一般社団法人こども食堂ネットワーク",
    "丸福水産株式会社 🐟",
    "株式会社ＮＥＸＴ　ＳＴＡＧＥ",
];

/// Departments (部署).
pub const DEPARTMENTS: &[&str] = &["購買部", "仕入課", "総務部 備品係", "本店営業部", "第①倉庫"];

/// The first generated orders take these (payment, order status, shipment statuses), so that
/// any seed with at least this many orders covers every payment label, every order status,
/// every shipment status, several shipments per order and a partly shipped order.
pub const COVERAGE: &[(&str, &str, &[&str])] = &[
    ("銀行振込", "新規注文", &["未発送"]),
    ("代金引換", "処理中", &["発送指示"]),
    ("クレジットカード決済", "完了", &["発送済"]),
    ("NP掛け払い", "新規注文", &["未発送", "未発送"]),
    (
        "請求書払い（月末締め翌月末払い）",
        "キャンセル",
        &["未発送"],
    ),
    ("口座振替", "カスタム3", &["発送済", "未発送"]),
    ("銀行振込", "完了", &["発送済", "発送済"]),
    ("代金引換", "新規注文", &["未発送"]),
];

fn payment_label(kind: PaymentKind) -> &'static str {
    match kind {
        PaymentKind::BankTransfer => "銀行振込",
        PaymentKind::CashOnDelivery => "代金引換",
        PaymentKind::CreditCard => "クレジットカード決済",
        PaymentKind::Deferred => "NP掛け払い",
        PaymentKind::Carrier | PaymentKind::ConvenienceStore => "請求書払い（月末締め翌月末払い）",
        PaymentKind::Wallet => "口座振替",
    }
}

fn random_status(age: Duration, rng: &mut impl Rng) -> (&'static str, &'static [&'static str]) {
    let x: f64 = rng.random();
    if age > Duration::days(5) {
        match x {
            x if x < 0.70 => ("完了", &["発送済"]),
            x if x < 0.75 => ("キャンセル", &["未発送"]),
            x if x < 0.85 => ("処理中", &["発送指示"]),
            x if x < 0.90 => ("カスタム3", &["発送済"]),
            _ => ("新規注文", &["未発送"]),
        }
    } else {
        match x {
            x if x < 0.60 => ("新規注文", &["未発送"]),
            x if x < 0.85 => ("処理中", &["発送指示"]),
            x if x < 0.90 => ("処理中", &["未発送"]),
            _ => ("完了", &["発送済"]),
        }
    }
}

/// Next ids to use.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    /// Next order id.
    pub order: i64,
    /// Next order_products id.
    pub product: i64,
    /// Next logistics id.
    pub logistic: i64,
}

fn date(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst()).format("%Y-%m-%d").to_string()
}

fn destination(l: &mut Logistic, p: &Person) {
    l.name = Some(p.full_name());
    l.zip = Some(p.address.zip.clone());
    l.pref = Some(p.address.prefecture.clone());
    l.address1 = Some(p.address.city.clone());
    l.address2 = Some(p.address.street.clone());
    l.address3 = p.address.building.clone();
    l.tel = Some(p.phone.clone());
}

/// One Bカート order (with its rows and shipments) from one generated order.
pub fn to_bcart(
    sample: &SampleOrder,
    gen: &mut DataGen,
    now: DateTime<Utc>,
    ids: &mut Ids,
) -> FullOrder {
    let second_person = gen.person(None);
    let rng = gen.rng();
    let age = now - sample.ordered_at;
    let (payment, status, ship_statuses) = match COVERAGE.get(sample.index) {
        Some((p, s, l)) => (*p, *s, *l),
        None => {
            let (s, l) = random_status(age, rng);
            let multi = sample.lines.len() > 1 && rng.random_bool(0.25);
            let l: &'static [&'static str] = match (multi, l.first().copied()) {
                (true, Some("発送済")) => &["発送済", "発送済"],
                (true, Some("発送指示")) => &["発送指示", "未発送"],
                (true, _) => &["未発送", "未発送"],
                (false, _) => l,
            };
            (payment_label(sample.payment), s, l)
        }
    };
    let order_id = ids.order;
    ids.order += 1;
    let ordered_local = sample.ordered_at.with_timezone(&jst());
    let code = uncertain::order_code(&ordered_local.format("%Y%m%d").to_string(), order_id);
    let company = (*COMPANIES.choose(rng).unwrap_or(&COMPANIES[0])).to_string();
    let department = rng
        .random_bool(0.6)
        .then(|| (*DEPARTMENTS.choose(rng).unwrap_or(&DEPARTMENTS[0])).to_string());

    // Shipments: the first to the buyer's company (or the gift recipient), the second to a
    // branch.
    let mut logistics: Vec<Logistic> = Vec::new();
    for (n, st) in ship_statuses.iter().enumerate() {
        let mut l = Logistic {
            id: ids.logistic,
            shipment_code: Some(format!("{code}-{}", n + 1)),
            shipping_group_id: Some(
                rng.random_range(1..=uncertain::DEFAULT_SHIPPING_GROUPS.len() as i64),
            ),
            status: (*st).to_string(),
            ..Default::default()
        };
        ids.logistic += 1;
        if n == 0 {
            match &sample.recipient {
                Some(r) => {
                    destination(&mut l, r);
                    l.comp_name = Some(company.clone());
                    l.department = Some("配送センター".into());
                    l.destination_code = Some(format!("D{:03}", rng.random_range(1..200)));
                }
                None => {
                    destination(&mut l, &sample.buyer);
                    l.comp_name = Some(company.clone());
                    l.department = department.clone();
                }
            }
            l.due_date = sample
                .delivery_date
                .map(|d| d.format("%Y-%m-%d").to_string());
            l.due_time = sample.delivery_slot.map(|(a, _)| {
                let i = crate::data::DELIVERY_SLOTS
                    .iter()
                    .position(|s| s.0 == a)
                    .unwrap_or(0);
                uncertain::DUE_TIMES[i.min(uncertain::DUE_TIMES.len() - 1)].to_string()
            });
        } else {
            destination(&mut l, &second_person);
            l.comp_name = Some(format!("{company} 大阪支店"));
            l.department = Some("店舗運営課".into());
            l.memo = Some("支店分は別送でお願いします🙇".into());
        }
        let shipped_at = (sample.ordered_at + Duration::hours(rng.random_range(20..60))).min(now);
        match *st {
            "発送済" => {
                l.delivery_code = Some(format!(
                    "{:012}",
                    rng.random_range(100_000_000_000u64..999_999_999_999)
                ));
                l.shipment_date = Some(date(shipped_at));
                if now - shipped_at > Duration::days(2) {
                    l.arrival_date = Some(date(shipped_at + Duration::days(1)));
                }
            }
            "発送指示" => {
                l.delivery_code = Some(format!(
                    "{:012}",
                    rng.random_range(100_000_000_000u64..999_999_999_999)
                ));
                l.shipment_date = rng.random_bool(0.5).then(|| date(now + Duration::days(1)));
            }
            _ => {}
        }
        logistics.push(l);
    }

    // Goods rows: wholesale price of a set, split over the shipments.
    let mut lines: Vec<SampleLine> = sample.lines.clone();
    if logistics.len() > 1 && lines.len() == 1 {
        lines.push(lines[0].clone());
    }
    let mut products: Vec<OrderProduct> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let tax = line.product.tax_rate;
        let unit_price = (line.product.price * 60 / (100 + i64::from(tax))).max(1);
        let set_quantity = *[1i64, 6, 10, 12, 24].choose(rng).unwrap_or(&1);
        let logistics_id = logistics.get(n % logistics.len().max(1)).map(|l| l.id);
        let set_name = match &line.variation {
            Some(v) => format!("{} {}個入", v.name, set_quantity),
            None => format!("{set_quantity}個入"),
        };
        products.push(OrderProduct {
            id: ids.product,
            order_id,
            logistics_id,
            product_no: Some(match &line.variation {
                Some(v) => format!("{}-{}", line.product.sku, v.code),
                None => line.product.sku.to_string(),
            }),
            jan_code: line.product.jan.map(str::to_string),
            product_name: line.product.title.to_string(),
            product_set_id: Some(
                i64::try_from(line.product.item_id % 100_000).unwrap_or(0) * 10
                    + i64::try_from(line.variation.as_ref().map(|v| v.id % 10).unwrap_or(0))
                        .unwrap_or(0),
            ),
            set_name: Some(set_name),
            unit_price,
            set_quantity,
            order_pro_count: line.quantity,
            tax_rate: uncertain::tax_rate_text(tax),
            tax_type_id: if tax == 8 { 2 } else { 1 },
            tax_incl: uncertain::TAX_INCL,
            item_type: "product".into(),
            extra: Default::default(),
        });
        ids.product += 1;
    }

    // Money.
    let mut per_rate: BTreeMap<String, i64> = BTreeMap::new();
    for p in &products {
        *per_rate.entry(p.tax_rate.clone()).or_default() += p.line_total();
    }
    let order_totals: Vec<OrderTotal> = per_rate
        .iter()
        .rev()
        .map(|(rate, total)| {
            let percent: i64 = rate.trim_start_matches("0.").parse().unwrap_or(10);
            let tax = total * percent / 100;
            OrderTotal {
                tax_rate: rate.clone(),
                total: *total,
                tax,
                total_incl_tax: total + tax,
            }
        })
        .collect();
    let total_price: i64 = order_totals.iter().map(|t| t.total).sum();
    let tax: i64 = order_totals.iter().map(|t| t.tax).sum();
    let shipping_cost = if total_price >= 30_000 {
        0
    } else {
        sample.shipping_fee
    };
    let cod_cost = if payment == "代金引換" { 330 } else { 0 };
    let use_point = if rng.random_bool(0.1) {
        rng.random_range(1..=10) * 100
    } else {
        0
    };
    let final_price = total_price + tax + shipping_cost + cod_cost - use_point;
    if uncertain::FEE_ROWS {
        let mut fee = |name: &str, kind: &str, price: i64, logistics_id: Option<i64>| {
            products.push(OrderProduct {
                id: ids.product,
                order_id,
                logistics_id,
                product_name: name.to_string(),
                unit_price: price,
                item_type: kind.to_string(),
                ..Default::default()
            });
            ids.product += 1;
        };
        if shipping_cost > 0 {
            fee(
                "送料",
                "shipping",
                shipping_cost,
                logistics.first().map(|l| l.id),
            );
        }
        if cod_cost > 0 {
            fee("代引手数料", "payment_fees", cod_cost, None);
        }
        if use_point > 0 {
            fee("ポイント利用", "point", -use_point, None);
        }
    }

    let paid = matches!(status, "完了" | "カスタム3")
        || payment == "クレジットカード決済"
        || (payment == "銀行振込" && status == "処理中");
    let b = &sample.buyer;
    let customer_message = match (&sample.remark, &sample.gift_message) {
        (Some(r), Some(g)) => Some(format!("{r}\n{g}")),
        (Some(r), None) => Some(r.clone()),
        (None, Some(g)) => Some(g.clone()),
        (None, None) => None,
    };
    let order = Order {
        id: order_id,
        code,
        customer_id: Some(rng.random_range(100..10_000)),
        customer_ext_id: rng
            .random_bool(0.7)
            .then(|| format!("T{:05}", rng.random_range(1..100_000))),
        customer_comp_name: Some(company),
        customer_department: department,
        customer_name: Some(b.full_name()),
        customer_tel: Some(b.phone.clone()),
        customer_email: Some(b.email.clone()),
        customer_zip: Some(b.address.zip.clone()),
        customer_pref: Some(b.address.prefecture.clone()),
        customer_address1: Some(b.address.city.clone()),
        customer_address2: Some(b.address.street.clone()),
        customer_address3: b.address.building.clone(),
        payment: payment.to_string(),
        payment_at: paid.then(|| format_time((sample.ordered_at + Duration::hours(2)).min(now))),
        total_price,
        tax,
        cod_cost,
        shipping_cost,
        final_price,
        use_point,
        order_totals,
        customer_message,
        admin_message: rng
            .random_bool(0.15)
            .then(|| "請求書を同封いたします。".to_string()),
        memo: rng
            .random_bool(0.1)
            .then(|| "⚠️与信枠確認中（髙橋）".to_string()),
        ordered_at: format_time(sample.ordered_at),
        status: status.to_string(),
        extra: Default::default(),
    };
    FullOrder {
        order,
        order_products: products,
        logistics,
    }
}
