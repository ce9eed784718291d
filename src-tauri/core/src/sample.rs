//! Generated sample orders: for the demo's first data, the store benchmark
//! and end-to-end tests. Deterministic for a seed. (The fake malls in
//! tests/fakemall generate their own, mall-shaped data.)

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::{DeliveryWish, IncomingItem, IncomingOrder, Mall, MallState, Party, Status};

const FAMILY: &[(&str, &str)] = &[
    ("山田", "ヤマダ"),
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山本", "ヤマモト"),
    ("髙橋", "タカハシ"),
    ("斉藤", "サイトウ"),
    ("松本", "マツモト"),
];
const GIVEN: &[(&str, &str)] = &[
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("健太", "ケンタ"),
    ("美咲", "ミサキ"),
    ("翔太", "ショウタ"),
    ("陽菜", "ヒナ"),
    ("大輔", "ダイスケ"),
    ("さくら", "サクラ"),
    ("𠮷男", "ヨシオ"),
    ("結衣", "ユイ"),
];
const PLACES: &[(&str, &str, &str)] = &[
    ("北海道", "札幌市中央区北一条西", "060-0001"),
    ("宮城県", "仙台市青葉区一番町", "980-0811"),
    ("東京都", "渋谷区神宮前", "150-0001"),
    ("東京都", "港区六本木", "106-0032"),
    ("神奈川県", "横浜市西区みなとみらい", "220-0012"),
    ("愛知県", "名古屋市中区栄", "460-0008"),
    ("大阪府", "大阪市北区梅田", "530-0001"),
    ("京都府", "京都市下京区四条通", "600-8001"),
    ("広島県", "広島市中区紙屋町", "730-0031"),
    ("福岡県", "福岡市博多区博多駅前", "812-0011"),
    ("沖縄県", "那覇市久茂地", "900-0015"),
    ("新潟県", "新潟市中央区万代", "950-0088"),
];
const PRODUCTS: &[(&str, &str, i64)] = &[
    ("TS-001", "オーガニックコットンTシャツ", 2980),
    ("MG-010", "波佐見焼マグカップ", 2200),
    ("TW-100", "今治タオル フェイス", 1650),
    ("CF-200", "自家焙煎コーヒー豆 200g", 1480),
    ("SP-020", "手作り石けん ラベンダー", 980),
    ("BG-300", "帆布トートバッグ", 4500),
    ("TE-050", "静岡煎茶 100g", 1200),
    ("CD-777", "アロマキャンドル 🎁ギフト", 3300),
];
const VARIATIONS: &[&str] = &["S", "M", "L", "ホワイト", "ネイビー", "①番"];
const PAYMENTS: &[&str] = &[
    "クレジットカード",
    "コンビニ払い",
    "銀行振込",
    "代金引換",
    "後払い",
];
const REMARKS: &[&str] = &[
    "",
    "",
    "",
    "午前中の配送を希望します。",
    "ギフト包装をお願いします🎁",
    "髙橋様宛の贈り物です",
];

/// `count` orders for a shop of `mall`, spread over the `days` days before `now` (UNIX seconds).
pub fn orders(mall: Mall, count: usize, seed: u64, now: i64, days: i64) -> Vec<IncomingOrder> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|i| order(&mut rng, mall, i, now, days))
        .collect()
}

fn person(rng: &mut ChaCha8Rng) -> Party {
    let (f, fk) = *FAMILY.choose(rng).unwrap_or(&FAMILY[0]);
    let (g, gk) = *GIVEN.choose(rng).unwrap_or(&GIVEN[0]);
    let (pref, street, zip) = *PLACES.choose(rng).unwrap_or(&PLACES[0]);
    let hyphen = rng.random_bool(0.5);
    let (a, b) = (rng.random_range(1000..9999), rng.random_range(1000..9999));
    Party {
        name: format!("{f} {g}"),
        kana: Some(format!("{fk} {gk}")),
        zip: Some(zip.to_string()),
        address: format!(
            "{pref}{street}{}-{}-{}",
            rng.random_range(1..9),
            rng.random_range(1..30),
            rng.random_range(1..20)
        ),
        phone: Some(if hyphen {
            format!("090-{a}-{b}")
        } else {
            format!("090{a}{b}")
        }),
        email: Some(format!("buyer{}@example.jp", rng.random_range(1000..99999))),
    }
}

fn order(rng: &mut ChaCha8Rng, mall: Mall, i: usize, now: i64, days: i64) -> IncomingOrder {
    let buyer = person(rng);
    let ship_to = if rng.random_bool(0.8) {
        buyer.clone()
    } else {
        person(rng)
    };
    let n_items = rng.random_range(1..=3);
    let items: Vec<IncomingItem> = (0..n_items)
        .map(|k| {
            let (sku, name, price) = *PRODUCTS.choose(rng).unwrap_or(&PRODUCTS[0]);
            IncomingItem {
                mall_item_id: Some(format!("{}{k}", 1000 + i)),
                sku: Some(sku.to_string()),
                name: name.to_string(),
                variation: rng
                    .random_bool(0.5)
                    .then(|| VARIATIONS.choose(rng).unwrap_or(&"M").to_string()),
                unit_price: price,
                quantity: rng.random_range(1..=3),
            }
        })
        .collect();
    let shipping_fee = if rng.random_bool(0.3) { 0 } else { 800 };
    let total = items
        .iter()
        .map(|it| it.unit_price * it.quantity)
        .sum::<i64>()
        + shipping_fee;
    let status = match rng.random_range(0..100) {
        0..=44 => Status::New,
        45..=59 => Status::AwaitingPaymentBeforeShipping,
        60..=74 => Status::AwaitingShipment,
        75..=79 => Status::AwaitingPaymentAfterShipping,
        80..=92 => Status::Done,
        93..=96 => Status::OnHold,
        _ => Status::Cancelled,
    };
    let prefix = match mall {
        Mall::Base => "B",
        Mall::Qoo10 => "Q",
        Mall::Bcart => "BC",
        Mall::Makeshop => "MS",
        Mall::Shopserve => "SS",
    };
    IncomingOrder {
        mall_order_id: format!("{prefix}{:08}", 10_000_000 + i),
        ordered_at: now - rng.random_range(0..days.max(1) * 86_400),
        mall_refs: Vec::new(),
        mall_status: "sample".into(),
        mall_state: if status == Status::Cancelled {
            MallState::Cancelled
        } else {
            MallState::Open
        },
        initial_status: Some(status),
        buyer,
        ship_to,
        payment_method: PAYMENTS.choose(rng).unwrap_or(&PAYMENTS[0]).to_string(),
        shipping_fee,
        total,
        remark: REMARKS.choose(rng).unwrap_or(&"").to_string(),
        delivery: sample_wish(i, now),
        items,
        shipments: Vec::new(),
        raw: serde_json::json!({ "sample": i }),
        mall_modified: None,
    }
}

/// A shipping method and delivery wish for sample order `i`, from `i` alone
/// (the random stream, and so every other field, stays as it was).
fn sample_wish(i: usize, now: i64) -> DeliveryWish {
    const METHODS: [Option<&str>; 4] = [None, Some("宅配便"), Some("メール便"), Some("宅配便")];
    const TIMES: [Option<&str>; 5] = [
        None,
        Some("午前中"),
        Some("14時～16時"),
        None,
        Some("19時～21時"),
    ];
    let date = i.is_multiple_of(3).then(|| {
        crate::time::jst(now + (3 + (i % 5) as i64) * 86_400)
            .format("%Y-%m-%d")
            .to_string()
    });
    DeliveryWish::from_mall(METHODS[i % 4], date.as_deref(), TIMES[i % 5])
}
