//! The shop's own names for its mall's status values (Bカート: a renamed
//! slot `カスタム1` is the shop's 処理中), kept as the last fetch read them.

use std::collections::HashMap;

use rusqlite::{params, Connection};

/// Replaces the shop's labels with `pairs` (raw value, label).
pub fn replace(
    conn: &Connection,
    shop_id: i64,
    pairs: &[(String, String)],
) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM mall_status_labels WHERE shop_id = ?1")?
        .execute([shop_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO mall_status_labels(shop_id, raw, label) VALUES (?1, ?2, ?3)",
    )?;
    for (raw, label) in pairs {
        insert.execute(params![shop_id, raw, label])?;
    }
    Ok(())
}

/// The shop's labels, by raw value.
pub fn of_shop(conn: &Connection, shop_id: i64) -> rusqlite::Result<HashMap<String, String>> {
    conn.prepare_cached("SELECT raw, label FROM mall_status_labels WHERE shop_id = ?1")?
        .query_map([shop_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mall, ShopSettings};
    use crate::paths::Profile;
    use crate::store::Store;

    #[test]
    fn a_fetch_replaces_what_the_last_one_read() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path(), Profile::Real).expect("store");
        let shop = store
            .add_shop(Mall::Bcart, "B", &ShopSettings::for_mall(Mall::Bcart))
            .expect("shop")
            .id;
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        store
            .run(|c| {
                replace(
                    c,
                    shop,
                    &[pair("カスタム1", "処理中"), pair("カスタム2", "キャンセル")],
                )
            })
            .expect("write");
        store
            .run(|c| replace(c, shop, &[pair("カスタム1", "入金待ち")]))
            .expect("write");
        let labels = store.run(|c| of_shop(c, shop)).expect("read");
        assert_eq!(labels.len(), 1);
        assert_eq!(labels["カスタム1"], "入金待ち");
    }
}
