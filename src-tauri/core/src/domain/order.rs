//! Orders as the order screen, the CLI and the mall clients see them.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{Carrier, DeliveryWish, Mall, Status};

/// A person with an address: the buyer (購入者) or the receiver (お届け先).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Party {
    pub name: String,
    pub kana: Option<String>,
    pub zip: Option<String>,
    /// Prefecture, city and street in one line, as printed on a slip.
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// One line of the order list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct OrderRow {
    pub id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    pub mall: Mall,
    pub mall_order_id: String,
    pub status: Status,
    /// RFC 3339 in JST (+09:00).
    pub ordered_at: String,
    pub buyer_name: String,
    pub receiver_name: String,
    pub total: i64,
    pub tracking_number: Option<String>,
    /// YYYY-MM-DD.
    pub ship_date: Option<String>,
    pub carrier: Option<Carrier>,
    /// Set when the order needs the merchant's eye (e.g. cancelled on the
    /// mall after it was shipped here).
    pub attention: Option<String>,
    /// How many shipments (destinations) the order has; the tracking fields
    /// above are its first one's.
    pub shipment_count: u32,
    /// How many of them have a 伝票番号.
    pub shipments_tracked: u32,
    /// When 発送情報の更新 last sent something of the order (RFC 3339 JST).
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct OrderItem {
    pub id: i64,
    pub sku: Option<String>,
    pub name: String,
    pub variation: Option<String>,
    pub unit_price: i64,
    pub quantity: i64,
    pub subtotal: i64,
}

/// Everything the detail pane shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct OrderDetail {
    pub row: OrderRow,
    /// The order's status on the mall, as the mall names it.
    pub mall_status: String,
    /// The same in Japanese (the mall's admin words; the raw value when unknown).
    pub mall_status_label: String,
    pub buyer: Party,
    pub ship_to: Party,
    pub payment_method: String,
    pub shipping_fee: i64,
    /// The buyer's remark sent with the order (備考).
    pub remark: String,
    /// The merchant's own memo; never overwritten by a fetch.
    pub memo: String,
    pub items: Vec<OrderItem>,
    /// Each shipment of the order (one at least), first one first.
    pub shipments: Vec<ShipmentDetail>,
    /// Its mall takes a planned ship date for it now (Qoo10's 発送予定日 on a 配送要請 order).
    pub ship_plan_available: bool,
}

/// One shipment (destination) of an order, as its detail shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ShipmentDetail {
    /// The mall's id of the shipment (`""`: the order's only one).
    pub shipment_ref: String,
    /// Its own destination; `None` when it goes to the order's 送付先.
    pub ship_to: Option<Party>,
    /// The order's items it carries (all of them when the mall does not say).
    pub item_ids: Vec<i64>,
    /// The shipment's status on the mall, as the mall names it.
    pub mall_status: Option<String>,
    /// The same in Japanese.
    pub mall_status_label: Option<String>,
    /// The shop's memo on the shipment on its mall (MakeShop: a
    /// `slipNumber` that is not a tracking number).
    pub mall_note: Option<String>,
    pub tracking_number: Option<String>,
    /// YYYY-MM-DD.
    pub ship_date: Option<String>,
    pub carrier: Option<Carrier>,
    /// What 発送情報の更新 sent of this shipment, if anything.
    pub sent: Option<SentSlip>,
    /// What to do when the slip changes after it was sent (the mall's words).
    pub after_send_fix: String,
    /// How the buyer asked for it to come: its own wish, the order's where
    /// it has none.
    pub delivery: DeliveryWish,
}

/// A shipment's slip as the mall received it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SentSlip {
    /// RFC 3339 JST.
    pub at: String,
    pub tracking_number: String,
    pub carrier: Option<Carrier>,
    pub ship_date: Option<String>,
}

impl ShipmentDetail {
    /// The slip now differs from what the mall received.
    pub fn changed_since_sent(&self) -> bool {
        self.sent.as_ref().is_some_and(|s| {
            self.tracking_number.as_deref() != Some(s.tracking_number.as_str())
                || self.carrier != s.carrier
                || self.ship_date != s.ship_date
        })
    }
}

/// 伝票番号 / 出荷日 / 配送会社 as typed by the merchant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ShipmentInput {
    /// Which shipment of the order (absent: its first, or only, one).
    #[serde(default)]
    #[specta(optional)]
    pub shipment_ref: Option<String>,
    pub tracking_number: Option<String>,
    pub ship_date: Option<String>,
    pub carrier: Option<Carrier>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum SortDir {
    #[default]
    Desc,
    Asc,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct OrderQuery {
    pub status: Option<Status>,
    pub shop_id: Option<i64>,
    pub search: Option<String>,
    /// The column the list is sorted by (注文日 by default).
    #[serde(default)]
    pub sort_by: SortKey,
    pub sort: SortDir,
    pub offset: u32,
    pub limit: u32,
}

/// A tab of 受注一覧 as filtered (no page, no sort): 「このタブの全件を選択」.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct TabQuery {
    pub status: Option<Status>,
    pub shop_id: Option<i64>,
    pub search: Option<String>,
}

/// Every order of a tab, by id, up to [`TAB_IDS_CAP`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TabIds {
    pub ids: Vec<i64>,
    /// More orders matched than were given.
    pub capped: bool,
}

/// The most orders 「このタブの全件を選択」 selects at once.
pub const TAB_IDS_CAP: u32 = 50_000;

/// The columns 受注一覧 can be sorted by. Ties (and the rest) keep the
/// newest order first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// 注文日時.
    #[default]
    OrderedAt,
    /// 出荷日 (the first shipment's; orders without one last).
    ShipDate,
    /// 合計.
    Total,
    /// ステータス, in the order of the tabs.
    Status,
    /// ショップ, by name.
    Shop,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct OrderPage {
    pub rows: Vec<OrderRow>,
    /// Every row matching the query, not only this page; with `capped`, only
    /// a lower bound (a search counts no further than it needs).
    pub total: u32,
    /// More rows match than `total` (「1,000件以上」).
    #[serde(default)]
    #[specta(optional)]
    pub capped: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct CountFilter {
    pub shop_id: Option<i64>,
    pub search: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct StatusCount {
    pub status: Status,
    pub count: u32,
    /// More orders match than `count` (a search counts up to 1,000: 「1,000件以上」).
    #[serde(default)]
    #[specta(optional)]
    pub capped: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct StatusCounts {
    pub all: u32,
    /// More orders match than `all` (「1,000件以上」).
    #[serde(default)]
    #[specta(optional)]
    pub all_capped: bool,
    pub by_status: Vec<StatusCount>,
}

/// Where an order (or one shipment of it) stands on the mall, in words every
/// mall's mapping can say. The export rules read this, never a mall's raw
/// payload; each mall's `mapping.rs` sets it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MallState {
    /// Can be shipped (and its shipping info sent).
    #[default]
    Open,
    /// The mall refuses a dispatch before payment (BASE: unpaid コンビニ / 銀行振込).
    Unpaid,
    /// The mall already has it as shipped.
    Shipped,
    Cancelled,
    /// The mall says it cannot be shipped (e.g. BASE `unshippable`).
    NotShippable,
}

impl MallState {
    /// The code stored in SQLite.
    pub fn code(self) -> &'static str {
        match self {
            MallState::Open => "open",
            MallState::Unpaid => "unpaid",
            MallState::Shipped => "shipped",
            MallState::Cancelled => "cancelled",
            MallState::NotShippable => "not_shippable",
        }
    }

    pub fn from_code(code: &str) -> Option<MallState> {
        [
            MallState::Open,
            MallState::Unpaid,
            MallState::Shipped,
            MallState::Cancelled,
            MallState::NotShippable,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// One shipment of an order as the mall delivers it: a destination with its
/// own items (Bカート: a logistics row; MakeShop: a deliveryInfo). An order
/// whose mall has one destination per order brings none: it has one shipment,
/// ref `""`, to its `ship_to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomingShipment {
    /// The mall's id of the shipment, unique within the order.
    pub shipment_ref: String,
    pub ship_to: Party,
    pub mall_status: String,
    pub mall_state: MallState,
    /// `mall_item_id`s of the order's items that go in this shipment.
    pub item_ids: Vec<String>,
    /// A tracking number the mall already holds for this shipment (checked
    /// against the carriers' rules): filled in locally only where the
    /// merchant has none.
    #[serde(default)]
    pub mall_tracking: Option<String>,
    /// The shop's memo on the shipment (MakeShop: a `slipNumber` that is not
    /// a tracking number), shown beside it, never sent as one.
    #[serde(default)]
    pub mall_note: Option<String>,
    /// The shipping method and delivery wish of this destination (none:
    /// the order's).
    #[serde(default)]
    pub delivery: DeliveryWish,
}

impl IncomingOrder {
    /// The mall says the order is cancelled.
    pub fn mall_cancelled(&self) -> bool {
        self.mall_state == MallState::Cancelled
    }
}

/// An order as a mall (or the sample generator) delivers it, before it is merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomingOrder {
    pub mall_order_id: String,
    /// The order's other numbers on the mall (Qoo10 OrderNos of a pack,
    /// Bカート code, MakeShop display number): stored and searchable.
    pub mall_refs: Vec<String>,
    /// UNIX seconds.
    pub ordered_at: i64,
    pub mall_status: String,
    /// The mall's status in the words of every mall (set by its mapping).
    pub mall_state: MallState,
    /// Local status for a first fetch; `None` means the shop's 格納先ステータス.
    pub initial_status: Option<Status>,
    pub buyer: Party,
    pub ship_to: Party,
    pub payment_method: String,
    pub shipping_fee: i64,
    pub total: i64,
    pub remark: String,
    /// The shipping method and delivery wish of the order.
    #[serde(default)]
    pub delivery: DeliveryWish,
    pub items: Vec<IncomingItem>,
    /// Several destinations (empty: one shipment to `ship_to`).
    pub shipments: Vec<IncomingShipment>,
    /// The payload the order was built from, kept verbatim.
    pub raw: serde_json::Value,
    /// The mall's change marker (BASE: `modified`): a re-fetch reads the
    /// details again only when it changed.
    pub mall_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomingItem {
    pub mall_item_id: Option<String>,
    pub sku: Option<String>,
    pub name: String,
    pub variation: Option<String>,
    pub unit_price: i64,
    pub quantity: i64,
}
