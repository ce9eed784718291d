//! A small shop catalogue: several products, some with variations, two tax rates.

/// One product of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Stable product id (also used as BASE `item_id`).
    pub item_id: u64,
    /// Shop's own product code (品番).
    pub sku: &'static str,
    /// JAN code, when the product has one.
    pub jan: Option<&'static str>,
    /// Title shown to buyers.
    pub title: &'static str,
    /// Unit price in yen, tax included.
    pub price: i64,
    /// Consumption tax rate in percent (10 standard, 8 reduced for food).
    pub tax_rate: u8,
    /// Variations (empty when the product has none).
    pub variations: Vec<Variation>,
}

/// One variation (size, colour…) of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variation {
    /// Stable variation id.
    pub id: u64,
    /// Label, e.g. `サイズM`.
    pub name: &'static str,
    /// Variation code appended to the product code.
    pub code: &'static str,
}

fn v(id: u64, name: &'static str, code: &'static str) -> Variation {
    Variation { id, name, code }
}

/// The catalogue every generated order draws from.
pub fn catalogue() -> Vec<Product> {
    vec![
        Product {
            item_id: 23245394,
            sku: "TS-ORG",
            jan: Some("4901234567894"),
            title: "オーガニックコットンTシャツ",
            price: 3300,
            tax_rate: 10,
            variations: vec![
                v(101, "サイズS", "S"),
                v(102, "サイズM", "M"),
                v(103, "サイズL", "L"),
                v(104, "サイズXL", "XL"),
            ],
        },
        Product {
            item_id: 23245395,
            sku: "MUG-ARITA",
            jan: Some("4901234567900"),
            title: "有田焼 マグカップ",
            price: 2750,
            tax_rate: 10,
            variations: vec![v(201, "白磁", "W"), v(202, "藍", "B")],
        },
        Product {
            item_id: 23245396,
            sku: "TEA-SENCHA-100",
            jan: Some("4901234567917"),
            title: "静岡県産 深蒸し煎茶 100g",
            price: 1080,
            tax_rate: 8,
            variations: vec![],
        },
        Product {
            item_id: 23245397,
            sku: "TENUGUI-FUJI",
            jan: None,
            title: "手ぬぐい「富士山」",
            price: 1320,
            tax_rate: 10,
            variations: vec![],
        },
        Product {
            item_id: 23245398,
            sku: "KEYCASE-LTH",
            jan: None,
            title: "本革キーケース（名入れ可）",
            price: 6600,
            tax_rate: 10,
            variations: vec![
                v(501, "キャメル", "CA"),
                v(502, "ブラック", "BK"),
                v(503, "ネイビー", "NV"),
            ],
        },
        Product {
            item_id: 23245399,
            sku: "HONEY-250",
            jan: Some("4901234567924"),
            title: "北海道産 はちみつ 250g",
            price: 1980,
            tax_rate: 8,
            variations: vec![],
        },
        Product {
            item_id: 23245400,
            sku: "LUCKY-BAG",
            jan: None,
            title: "①番人気 福袋🎁",
            price: 5500,
            tax_rate: 10,
            variations: vec![v(701, "Aセット", "A"), v(702, "Bセット", "B")],
        },
        Product {
            item_id: 23245401,
            sku: "WRAP",
            jan: None,
            title: "ギフトラッピング",
            price: 330,
            tax_rate: 10,
            variations: vec![],
        },
    ]
}
