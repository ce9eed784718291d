//! Seeded, realistic Japanese order data shared by every fake mall.
//!
//! [`DataGen`] produces mall-neutral [`SampleOrder`]s; each mall module turns them into its own
//! wire shape (and draws its mall-specific choices, such as payment codes, from
//! [`DataGen::rng`] so that they stay deterministic). Same seed and same `now` → same data.
//!
//! What the data contains, on purpose: names with kana (including 𠮷, 髙, 﨑), addresses in all
//! 47 prefectures, postal codes and phones with and without hyphens, half-width kana, several
//! products with variations and two tax rates, multi-line orders, gift orders shipped to
//! someone else, remarks and gift messages with emoji and characters outside Shift_JIS
//! (𠮷, 髙, ①, 🎁), orders spread over the last 30 days.

pub mod names;
pub mod places;
pub mod products;
pub mod texts;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use products::{catalogue, Product, Variation};

use crate::clock::jst;

/// A postal address in Japan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Postal code, `"106-0032"` or `"1060032"` (buyers type both).
    pub zip: String,
    /// One of the 47 prefectures.
    pub prefecture: String,
    /// City / ward + town, e.g. `港区六本木`.
    pub city: String,
    /// Block number, e.g. `4-11-4` or `１丁目２番３号`.
    pub street: String,
    /// Building and room, if any.
    pub building: Option<String>,
}

/// A buyer or recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Family name (姓), kanji.
    pub family_name: String,
    /// Given name (名), kanji or kana.
    pub given_name: String,
    /// Family name in katakana.
    pub family_kana: String,
    /// Given name in katakana.
    pub given_kana: String,
    /// Mail address.
    pub email: String,
    /// Phone, with or without hyphens, landline or mobile.
    pub phone: String,
    /// Address.
    pub address: Address,
}

impl Person {
    /// `山田 太郎`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.family_name, self.given_name)
    }
}

/// Mall-neutral payment kinds; each mall maps them to its own codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentKind {
    /// クレジットカード
    CreditCard,
    /// 銀行振込 (prepaid)
    BankTransfer,
    /// 代金引換
    CashOnDelivery,
    /// コンビニ決済 (prepaid)
    ConvenienceStore,
    /// 後払い
    Deferred,
    /// キャリア決済
    Carrier,
    /// PayPal, Amazon Pay and similar wallets
    Wallet,
}

/// One order line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleLine {
    /// The product.
    pub product: Product,
    /// The chosen variation, if the product has variations.
    pub variation: Option<Variation>,
    /// Quantity.
    pub quantity: i64,
}

impl SampleLine {
    /// Unit price × quantity.
    pub fn total(&self) -> i64 {
        self.product.price * self.quantity
    }
}

/// A mall-neutral order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleOrder {
    /// Index in generation order (0-based); malls use it for coverage of their statuses.
    pub index: usize,
    /// When it was ordered.
    pub ordered_at: DateTime<Utc>,
    /// Who bought.
    pub buyer: Person,
    /// Who receives it, when not the buyer (gift orders).
    pub recipient: Option<Person>,
    /// At least one line.
    pub lines: Vec<SampleLine>,
    /// How it is paid.
    pub payment: PaymentKind,
    /// Shipping fee in yen.
    pub shipping_fee: i64,
    /// Buyer's note.
    pub remark: Option<String>,
    /// Gift message (gift orders).
    pub gift_message: Option<String>,
    /// Desired delivery date.
    pub delivery_date: Option<NaiveDate>,
    /// Desired delivery time slot (from hour, to hour), e.g. (8, 12).
    pub delivery_slot: Option<(u8, u8)>,
}

impl SampleOrder {
    /// Sum of the lines.
    pub fn items_total(&self) -> i64 {
        self.lines.iter().map(SampleLine::total).sum()
    }
}

/// Time slots offered by Japanese carriers.
pub const DELIVERY_SLOTS: &[(u8, u8)] =
    &[(8, 12), (12, 14), (14, 16), (16, 18), (18, 20), (19, 21)];

/// The seeded generator.
#[derive(Debug, Clone)]
pub struct DataGen {
    rng: ChaCha8Rng,
    catalogue: Vec<Product>,
    next_index: usize,
}

impl DataGen {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            catalogue: catalogue(),
            next_index: 0,
        }
    }

    /// The generator's RNG, for a mall's own deterministic choices.
    pub fn rng(&mut self) -> &mut ChaCha8Rng {
        &mut self.rng
    }

    /// The catalogue orders are drawn from.
    pub fn catalogue(&self) -> &[Product] {
        &self.catalogue
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        // Every list used here is a non-empty constant.
        items.choose(&mut self.rng).unwrap_or(&items[0])
    }

    /// A phone number: mobile or landline, with hyphens or without.
    pub fn phone(&mut self) -> String {
        let hyphens = self.rng.random_bool(0.6);
        let (a, b, c) = if self.rng.random_bool(0.6) {
            let p = *self.pick(places::MOBILE_PREFIXES);
            (
                p.to_string(),
                self.rng.random_range(1000..10000).to_string(),
                self.rng.random_range(1000..10000).to_string(),
            )
        } else {
            let area = *self.pick(places::AREA_CODES);
            // Area code + local part always make 10 digits.
            let local_len = 10 - area.len() - 4;
            let local = self
                .rng
                .random_range(10u32.pow(local_len as u32 - 1)..10u32.pow(local_len as u32));
            (
                area.to_string(),
                local.to_string(),
                format!("{:04}", self.rng.random_range(0..10000)),
            )
        };
        if hyphens {
            format!("{a}-{b}-{c}")
        } else {
            format!("{a}{b}{c}")
        }
    }

    /// An address; `prefecture_index` (0..47) chooses the prefecture, `None` a random one.
    pub fn address(&mut self, prefecture_index: Option<usize>) -> Address {
        let i = prefecture_index.unwrap_or_else(|| self.rng.random_range(0..places::PLACES.len()))
            % places::PLACES.len();
        let (pref, city, town, zip) = places::PLACES[i];
        let zip = if self.rng.random_bool(0.7) {
            format!("{}-{}", &zip[..3], &zip[3..])
        } else {
            zip.to_string()
        };
        let (a, b, c) = (
            self.rng.random_range(1..10),
            self.rng.random_range(1..30),
            self.rng.random_range(1..20),
        );
        let street = if self.rng.random_bool(0.15) {
            format!(
                "{}丁目{}番{}号",
                to_fullwidth(a),
                to_fullwidth(b),
                to_fullwidth(c)
            )
        } else {
            format!("{a}-{b}-{c}")
        };
        let building = self
            .rng
            .random_bool(0.5)
            .then(|| (*self.pick(places::BUILDINGS)).to_string());
        Address {
            zip,
            prefecture: pref.to_string(),
            city: format!("{city}{town}"),
            street,
            building,
        }
    }

    /// A person living in `prefecture_index` (or anywhere).
    pub fn person(&mut self, prefecture_index: Option<usize>) -> Person {
        let (family, family_kana, family_romaji) = *self.pick(names::FAMILY_NAMES);
        let (given, given_kana, given_romaji) = *self.pick(names::GIVEN_NAMES);
        let domain = *self.pick(names::MAIL_DOMAINS);
        let n: u16 = self.rng.random_range(1..1000);
        Person {
            family_name: family.to_string(),
            given_name: given.to_string(),
            family_kana: family_kana.to_string(),
            given_kana: given_kana.to_string(),
            email: format!("{given_romaji}.{family_romaji}{n}@{domain}"),
            phone: self.phone(),
            address: self.address(prefecture_index),
        }
    }

    /// One order placed within the 30 days before `now`.
    pub fn order(&mut self, now: DateTime<Utc>) -> SampleOrder {
        let index = self.next_index;
        self.next_index += 1;
        let age = Duration::seconds(self.rng.random_range(60..30 * 24 * 3600));
        let ordered_at = now - age;
        // The first 47 orders visit every prefecture once; then at random.
        let pref = (index < places::PLACES.len()).then_some(index);
        let buyer = self.person(pref);
        let gift = self.rng.random_bool(0.2);
        let recipient = gift.then(|| self.person(None));
        let n_lines = if self.rng.random_bool(0.35) {
            self.rng.random_range(2..5)
        } else {
            1
        };
        let mut lines: Vec<SampleLine> = Vec::new();
        for _ in 0..n_lines {
            let p = self.rng.random_range(0..self.catalogue.len());
            let product = self.catalogue[p].clone();
            let variation = (!product.variations.is_empty()).then(|| {
                product.variations[self.rng.random_range(0..product.variations.len())].clone()
            });
            if lines
                .iter()
                .any(|l| l.product.item_id == product.item_id && l.variation == variation)
            {
                continue;
            }
            let quantity = if self.rng.random_bool(0.8) {
                1
            } else {
                self.rng.random_range(2..6)
            };
            lines.push(SampleLine {
                product,
                variation,
                quantity,
            });
        }
        let payment = *self.pick(&[
            PaymentKind::CreditCard,
            PaymentKind::CreditCard,
            PaymentKind::CreditCard,
            PaymentKind::BankTransfer,
            PaymentKind::CashOnDelivery,
            PaymentKind::ConvenienceStore,
            PaymentKind::Deferred,
            PaymentKind::Carrier,
            PaymentKind::Wallet,
        ]);
        let items_total: i64 = lines.iter().map(SampleLine::total).sum();
        let shipping_fee = if items_total >= 10_000 {
            0
        } else {
            *self.pick(&[550, 660, 880, 1100])
        };
        let remark = self
            .rng
            .random_bool(0.35)
            .then(|| (*self.pick(texts::REMARKS)).to_string());
        let gift_message = (gift && self.rng.random_bool(0.7))
            .then(|| (*self.pick(texts::GIFT_MESSAGES)).to_string());
        let delivery_date = self.rng.random_bool(0.3).then(|| {
            (ordered_at.with_timezone(&jst()) + Duration::days(self.rng.random_range(3..10)))
                .date_naive()
        });
        let delivery_slot = self
            .rng
            .random_bool(0.4)
            .then(|| *self.pick(DELIVERY_SLOTS));
        SampleOrder {
            index,
            ordered_at,
            buyer,
            recipient,
            lines,
            payment,
            shipping_fee,
            remark,
            gift_message,
            delivery_date,
            delivery_slot,
        }
    }

    /// `n` orders within the 30 days before `now`, oldest first.
    pub fn orders(&mut self, n: usize, now: DateTime<Utc>) -> Vec<SampleOrder> {
        let mut v: Vec<SampleOrder> = (0..n).map(|_| self.order(now)).collect();
        v.sort_by_key(|o| (o.ordered_at, o.index));
        v
    }

    /// `n` upper-case hex digits (order keys and the like).
    pub fn hex_upper(&mut self, n: usize) -> String {
        hex(&mut self.rng, n).to_uppercase()
    }
}

/// `n` lower-case hex digits from `rng` (tokens, codes).
pub fn hex(rng: &mut impl Rng, n: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..n)
        .map(|_| char::from(DIGITS[rng.random_range(0..16)]))
        .collect()
}

/// Full-width digits (１２３), as some buyers type them.
pub fn to_fullwidth(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(0xFF10 + d))
                .unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-06-30T12:00:00+09:00")
            .map(|t| t.with_timezone(&Utc))
            .expect("valid")
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = DataGen::new(42).orders(60, now());
        assert_eq!(a, DataGen::new(42).orders(60, now()));
        assert_ne!(a, DataGen::new(43).orders(60, now()));
    }

    #[test]
    fn data_is_realistic_and_ugly() {
        let orders = DataGen::new(7).orders(300, now());
        let prefs: std::collections::HashSet<_> = orders
            .iter()
            .map(|o| o.buyer.address.prefecture.clone())
            .collect();
        assert_eq!(prefs.len(), 47);
        assert!(orders
            .iter()
            .all(|o| o.ordered_at <= now() && o.ordered_at >= now() - Duration::days(30)));
        assert!(orders
            .windows(2)
            .all(|w| w[0].ordered_at <= w[1].ordered_at));
        let phones: Vec<&str> = orders.iter().map(|o| o.buyer.phone.as_str()).collect();
        assert!(phones.iter().any(|p| p.contains('-')));
        assert!(phones.iter().any(|p| !p.contains('-')));
        assert!(phones
            .iter()
            .all(|p| p.chars().filter(char::is_ascii_digit).count() >= 10));
        assert!(orders.iter().any(|o| o.buyer.address.zip.contains('-')));
        assert!(orders.iter().any(|o| !o.buyer.address.zip.contains('-')));
        assert!(orders.iter().any(|o| o.lines.len() > 1));
        assert!(orders
            .iter()
            .any(|o| o.lines.iter().any(|l| l.variation.is_some())));
        assert!(orders.iter().any(|o| o.recipient.is_some()));
        let text: String = orders
            .iter()
            .flat_map(|o| {
                [
                    o.remark.clone(),
                    o.gift_message.clone(),
                    Some(o.buyer.full_name()),
                ]
            })
            .flatten()
            .collect();
        for c in ['𠮷', '髙', '①', '🎁'] {
            assert!(text.contains(c), "missing {c}");
        }
        assert!(orders.iter().all(|o| !o.buyer.family_kana.is_empty()));
    }
}
