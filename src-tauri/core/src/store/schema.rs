//! The schema and its versions. Append a migration; never edit a shipped one.

use rusqlite_migration::{Migrations, M};

const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE shops (
    id         INTEGER PRIMARY KEY,
    mall       TEXT NOT NULL,
    name       TEXT NOT NULL,
    settings   TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    removed_at INTEGER
);
CREATE UNIQUE INDEX shops_live_name ON shops(mall, name) WHERE removed_at IS NULL;

CREATE TABLE orders (
    id             INTEGER PRIMARY KEY,
    shop_id        INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    mall_order_id  TEXT NOT NULL,
    ordered_at     INTEGER NOT NULL,
    status         TEXT NOT NULL,
    mall_status    TEXT NOT NULL DEFAULT '',
    buyer_name     TEXT NOT NULL DEFAULT '',
    buyer_kana     TEXT,
    buyer_zip      TEXT,
    buyer_address  TEXT NOT NULL DEFAULT '',
    buyer_phone    TEXT,
    buyer_email    TEXT,
    ship_name      TEXT NOT NULL DEFAULT '',
    ship_kana      TEXT,
    ship_zip       TEXT,
    ship_address   TEXT NOT NULL DEFAULT '',
    ship_phone     TEXT,
    payment_method TEXT NOT NULL DEFAULT '',
    shipping_fee   INTEGER NOT NULL DEFAULT 0,
    total          INTEGER NOT NULL DEFAULT 0,
    remark         TEXT NOT NULL DEFAULT '',
    memo           TEXT NOT NULL DEFAULT '',
    attention      TEXT,
    raw            TEXT NOT NULL DEFAULT '{}',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (shop_id, mall_order_id)
);
CREATE INDEX orders_by_date ON orders(ordered_at);
CREATE INDEX orders_by_status_date ON orders(status, ordered_at);
CREATE INDEX orders_by_shop_date ON orders(shop_id, ordered_at);
CREATE INDEX orders_by_shop_status_date ON orders(shop_id, status, ordered_at);

CREATE TABLE order_items (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    mall_item_id TEXT,
    sku          TEXT,
    name         TEXT NOT NULL,
    variation    TEXT,
    unit_price   INTEGER NOT NULL,
    quantity     INTEGER NOT NULL
);
CREATE INDEX order_items_by_order ON order_items(order_id);

CREATE TABLE shipments (
    order_id        INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    tracking_number TEXT,
    ship_date       TEXT,
    carrier         TEXT,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE activity_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    shop_id  INTEGER,
    order_id INTEGER,
    message  TEXT NOT NULL
);
CREATE INDEX activity_log_by_time ON activity_log(at);

-- Tab counts kept by triggers, so that counting 1M orders costs a handful of rows.
-- (V3 drops the insert trigger: see store::order_counts.)
CREATE TABLE order_counts (
    shop_id INTEGER NOT NULL,
    status  TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (shop_id, status)
) WITHOUT ROWID;

CREATE TRIGGER order_counts_insert AFTER INSERT ON orders BEGIN
    INSERT OR IGNORE INTO order_counts(shop_id, status, n) VALUES (NEW.shop_id, NEW.status, 0);
    UPDATE order_counts SET n = n + 1 WHERE shop_id = NEW.shop_id AND status = NEW.status;
END;
CREATE TRIGGER order_counts_delete AFTER DELETE ON orders BEGIN
    UPDATE order_counts SET n = n - 1 WHERE shop_id = OLD.shop_id AND status = OLD.status;
END;
CREATE TRIGGER order_counts_update AFTER UPDATE OF status, shop_id ON orders
WHEN OLD.status IS NOT NEW.status OR OLD.shop_id IS NOT NEW.shop_id BEGIN
    UPDATE order_counts SET n = n - 1 WHERE shop_id = OLD.shop_id AND status = OLD.status;
    INSERT OR IGNORE INTO order_counts(shop_id, status, n) VALUES (NEW.shop_id, NEW.status, 0);
    UPDATE order_counts SET n = n + 1 WHERE shop_id = NEW.shop_id AND status = NEW.status;
END;

-- Substring search: rowid = orders.id, one column of overlapping character
-- bigrams written by store::search (see there for why).
CREATE VIRTUAL TABLE order_search USING fts5(
    tokens, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
"#;

/// Fetching and 発送情報の更新 (issue 5): the mall's change marker per order,
/// each shop's sync state, and the journal that makes sending exactly-once.
const V2: &str = r#"
ALTER TABLE orders ADD COLUMN mall_modified TEXT;

ALTER TABLE shops ADD COLUMN last_sync_at INTEGER;
ALTER TABLE shops ADD COLUMN last_sync_ok INTEGER;
ALTER TABLE shops ADD COLUMN last_error_code TEXT;
ALTER TABLE shops ADD COLUMN last_error TEXT;
ALTER TABLE shops ADD COLUMN resume_at INTEGER;

-- One row per unit sent to a mall (BASE: an order item). 'pending' is
-- written before the call and 'sent'/'failed' after it; a 'pending' row
-- found later means the outcome is unknown, and the mall is asked first.
CREATE TABLE export_units (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    unit            TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    carrier         TEXT NOT NULL,
    ship_date       TEXT,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    error_code      TEXT,
    message         TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (order_id, unit)
);
CREATE INDEX export_units_by_state ON export_units(state);
"#;

/// New orders are counted by the merge, once per batch (store::order_counts):
/// the per-row insert trigger made every insert journal the pages it touched.
const V3: &str = r#"
DROP TRIGGER order_counts_insert;
"#;

/// Five malls (issue 10), while every stored shop is BASE:
/// - shipments keyed by (order, shipment ref), each with its own destination,
///   mall status and state (NULL: the order's), and tracking info; an
///   order's existing row becomes its single shipment, ref '';
/// - items may name their shipment (NULL: the order's only one);
/// - every other number of an order on its mall, searchable;
/// - `mall_state`, the mall-neutral state the export rules read, computed
///   for the stored BASE orders from their payload exactly as
///   `malls::base::mapping::mall_state` does (a test keeps the two equal);
/// - settings reshaped into the common part and the mall's own (`mall`),
///   dropping the settings nothing read (qoo10_fetch_status, auto_export,
///   endpoint);
/// - each shop's rate-limiter state, kept across restarts.
const V4: &str = r#"
CREATE TABLE shipments_v4 (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    shipment_ref    TEXT NOT NULL DEFAULT '',
    ship_name       TEXT,
    ship_kana       TEXT,
    ship_zip        TEXT,
    ship_address    TEXT,
    ship_phone      TEXT,
    mall_status     TEXT,
    mall_state      TEXT,
    tracking_number TEXT,
    ship_date       TEXT,
    carrier         TEXT,
    updated_at      INTEGER NOT NULL,
    UNIQUE (order_id, shipment_ref)
);
INSERT INTO shipments_v4(order_id, shipment_ref, tracking_number, ship_date, carrier, updated_at)
    SELECT order_id, '', tracking_number, ship_date, carrier, updated_at FROM shipments;
DROP TABLE shipments;
ALTER TABLE shipments_v4 RENAME TO shipments;

ALTER TABLE order_items ADD COLUMN shipment_ref TEXT;

CREATE TABLE order_refs (
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    ref      TEXT NOT NULL,
    PRIMARY KEY (order_id, ref)
) WITHOUT ROWID;
CREATE INDEX order_refs_by_ref ON order_refs(ref);

ALTER TABLE orders ADD COLUMN mall_state TEXT NOT NULL DEFAULT 'open';
UPDATE orders SET mall_state = CASE
    WHEN mall_status IN ('dispatched', 'shipping') THEN 'shipped'
    WHEN mall_status = 'cancelled' THEN 'cancelled'
    WHEN mall_status = 'unshippable' THEN 'not_shippable'
    WHEN json_extract(raw, '$.payment') = 'cvs'
         AND coalesce(json_extract(raw, '$.cvs_payment_transaction.status'), '') <> 'paid' THEN 'unpaid'
    WHEN json_extract(raw, '$.payment') = 'base_bt'
         AND coalesce(json_extract(raw, '$.bt_payment_transaction.status'), '') <> 'paid' THEN 'unpaid'
    WHEN mall_status = 'unpaid' THEN 'unpaid'
    ELSE 'open' END
WHERE json_valid(raw) AND shop_id IN (SELECT id FROM shops WHERE mall = 'base');

UPDATE shops SET settings = json_set(
    json_remove(settings, '$.export_scope', '$.oauth_redirect', '$.qoo10_fetch_status',
                '$.auto_export', '$.endpoint'),
    '$.mall',
    CASE mall WHEN 'base' THEN json_object(
        'mall', 'base',
        'export_scope', coalesce(json_extract(settings, '$.export_scope'), 'all_but_new_and_hold'),
        'oauth_redirect', coalesce(json_extract(settings, '$.oauth_redirect'), 'deep_link'))
    ELSE json_object('mall', mall) END)
WHERE json_valid(settings);

-- A journal unit belongs to a shipment and a stage (BASE: '' and 'shipped').
ALTER TABLE export_units ADD COLUMN shipment_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE export_units ADD COLUMN stage TEXT NOT NULL DEFAULT 'shipped';

CREATE TABLE shop_limits (
    shop_id      INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    window_start INTEGER,
    used         INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
);
"#;

/// V5: the search entries are rebuilt: `text::search_form` now folds
/// hiragana as katakana and variant kanji of names (𠮷 → 吉, 髙 → 高), and
/// addresses are indexed. No table changes.
/// V6: the shop's own names for its mall's status values (Bカート's renamed
/// slots: `カスタム1` → 処理中), as the last fetch read them.
const V6: &str = r#"
CREATE TABLE mall_status_labels (
    shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    raw     TEXT NOT NULL,
    label   TEXT NOT NULL,
    PRIMARY KEY (shop_id, raw)
) WITHOUT ROWID;
"#;

/// V7: the shop's memo on a shipment (MakeShop: a `slipNumber` that is not
/// a tracking number), shown beside it.
const V7: &str = r#"
ALTER TABLE shipments ADD COLUMN mall_note TEXT;
"#;

/// V8: the 自動処理ログ's runs: a fetch's or an export's start, result and
/// figures beside its message.
const V8: &str = r#"
ALTER TABLE activity_log ADD COLUMN started_at INTEGER;
ALTER TABLE activity_log ADD COLUMN ok INTEGER;
ALTER TABLE activity_log ADD COLUMN new_orders INTEGER;
ALTER TABLE activity_log ADD COLUMN updated_orders INTEGER;
ALTER TABLE activity_log ADD COLUMN cancelled_orders INTEGER;
ALTER TABLE activity_log ADD COLUMN sent INTEGER;
ALTER TABLE activity_log ADD COLUMN failed INTEGER;
ALTER TABLE activity_log ADD COLUMN calls INTEGER;
CREATE INDEX activity_log_by_shop ON activity_log(shop_id, id);
"#;

/// V9: 送り状データ出力 and 発行済データ取込: each shop's label settings (JSON,
/// defaults in `labels::settings`), the imported issued files by SHA-256 (so a
/// second import of a file changes nothing), and every tracking number a
/// shipment got from them (several per shipment: 複数口).
const V9: &str = r#"
CREATE TABLE label_settings (
    shop_id  INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    settings TEXT NOT NULL
);
CREATE TABLE label_imports (
    sha256      TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    applied     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE label_tracking (
    order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    shipment_ref    TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    carrier         TEXT NOT NULL,
    import_sha256   TEXT,
    PRIMARY KEY (order_id, shipment_ref, tracking_number)
) WITHOUT ROWID;
"#;

/// V10: the move an export owes an order once it is sent whole (送信後の
/// ステータス), written before its first call, so that a crash between the
/// last call and the move is made good by the next export.
const V10: &str = r#"
CREATE TABLE export_moves (
    order_id    INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// V11: search as you type at a million orders (store::search): the search
/// entry's rowid is the order's `search_key` (newest first), entries carry
/// the status and shop as facet tokens, and email, every address's postal
/// code and kana, item names and SKUs are indexed. The entries are rebuilt
/// by the migration's hook.
const V11: &str = r#"
ALTER TABLE orders ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX orders_by_search_key ON orders(search_key);
DROP TABLE order_search;
"#;

/// V12: the buyer's delivery wish (配送方法, お届け希望日, 時間帯) as the mall
/// sent it, for the order and for each shipment with its own destination;
/// the label export maps them to the carrier's service and slot codes. An
/// order stored before it gets its wish at its next fetch (`merge`); its
/// change marker is forgotten so that the fetch reads its details again
/// (BASE skips an order whose `modified` it has seen).
const V12: &str = r#"
UPDATE orders SET mall_modified = NULL;
ALTER TABLE orders ADD COLUMN delivery_method TEXT;
ALTER TABLE orders ADD COLUMN delivery_date TEXT;
ALTER TABLE orders ADD COLUMN delivery_time TEXT;
ALTER TABLE shipments ADD COLUMN delivery_method TEXT;
ALTER TABLE shipments ADD COLUMN delivery_date TEXT;
ALTER TABLE shipments ADD COLUMN delivery_time TEXT;
"#;

/// The search table as V11 makes it: contentless (the text lives in
/// `orders`), deletable by rowid, positions kept for the bigram phrases;
/// `_` is part of a token so that facets (`_s_new`) are single tokens that
/// no folded query can produce.
pub const SEARCH_TABLE: &str = r#"
CREATE VIRTUAL TABLE order_search USING fts5(
    tokens, content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
"#;

fn v11_search(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(SEARCH_TABLE)?;
    super::search::reindex_all(tx)
}

/// V13: an email's local part is indexed by its ends and its own grams, kana
/// runs by their 4-grams (`store::search::tokens`), search keys count down
/// so that newest first is FTS5's forward order (`search::KEY_TOP`), and the
/// index merges its segments sooner (`search::INDEX_SETTINGS`): every order
/// gets a new key and its entry is written again.
fn v13_search(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(super::search::INDEX_SETTINGS)?;
    super::search::reindex_all(tx)
}

/// V5 rebuilt the search entries; V11 drops that table and rebuilds them
/// again in its own shape (its `reindex_all` needs V9's and V11's tables), so
/// on the way from V4 the rebuild is left to V11.
fn v5_reindex(_tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    Ok(())
}

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up_with_hook("", v5_reindex),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
        M::up(V10),
        M::up_with_hook(V11, |tx: &rusqlite::Transaction| {
            v11_search(tx)?;
            Ok(())
        }),
        M::up(V12),
        M::up_with_hook("", |tx: &rusqlite::Transaction| {
            v13_search(tx)?;
            Ok(())
        }),
    ])
}

/// The newest schema version this build knows (SQLite `user_version`).
pub fn latest_version() -> i64 {
    13
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_latest_matches() {
        migrations().validate().unwrap();
        let mut c = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut c).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest_version());
    }

    #[test]
    fn v12_forgets_the_change_markers_so_the_next_fetch_reads_the_wishes() {
        let mut c = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_version(&mut c, 11).unwrap();
        c.execute_batch(
            "INSERT INTO shops(id, mall, name, created_at) VALUES (1, 'base', 'BASE 1号店', 0);
             INSERT INTO orders(shop_id, mall_order_id, ordered_at, status, created_at,
                 updated_at, mall_modified, search_key)
             VALUES (1, '154D88A39E454289', 1396419762, 'new', 0, 0, '1396419762', 64);",
        )
        .unwrap();
        migrations().to_version(&mut c, 12).unwrap();
        let marker: Option<String> = c
            .query_row("SELECT mall_modified FROM orders", [], |r| r.get(0))
            .unwrap();
        assert_eq!(marker, None);
    }
}
