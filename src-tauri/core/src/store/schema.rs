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

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3)])
}

/// The newest schema version this build knows (SQLite `user_version`).
pub fn latest_version() -> i64 {
    3
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
}
