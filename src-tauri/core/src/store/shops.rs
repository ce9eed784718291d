//! Shops: one row per connected shop (several per mall allowed). Settings
//! only; credentials live in the OS keyring (see `secrets`).

use rusqlite::{params, Connection, OptionalExtension};

use super::error::{Result, StoreError};
use crate::domain::{DomainError, Mall, Shop, ShopSettings};
use crate::time::now_unix;

fn shop_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn build((id, mall, name, settings): (i64, String, String, String)) -> Result<Shop> {
    let mall = Mall::parse(&mall).ok_or(DomainError::UnknownMall(mall))?;
    let settings = settings_from_json(mall, &settings);
    Ok(Shop {
        id,
        mall,
        name,
        settings,
    })
}

/// Stored settings over the mall's defaults: keys an older Juchu did not
/// write get their default (in the mall's own part too), and the merchant's
/// own values are kept. The mall's part always belongs to the shop's mall.
fn settings_from_json(mall: Mall, stored: &str) -> ShopSettings {
    use serde_json::Value;
    let defaults = ShopSettings::for_mall(mall);
    let mut merged = serde_json::to_value(&defaults).unwrap_or_default();
    if let (Some(base), Ok(Value::Object(saved))) =
        (merged.as_object_mut(), serde_json::from_str(stored))
    {
        for (k, v) in saved {
            match (base.get_mut(&k), v) {
                (Some(Value::Object(own)), Value::Object(saved_own)) => {
                    for (k2, v2) in saved_own {
                        own.insert(k2, v2);
                    }
                    own.insert("mall".into(), Value::String(mall.code().into()));
                }
                (_, v) => {
                    base.insert(k, v);
                }
            }
        }
    }
    serde_json::from_value(merged).unwrap_or(defaults)
}

/// A shop's name (trimmed, required) and its settings as stored.
fn checked(mall: Mall, name: &str, settings: &ShopSettings) -> Result<(String, String)> {
    if settings.mall.mall() != mall {
        return Err(DomainError::setting(
            "mall",
            format!(
                "{}のショップに{}の設定は使えません",
                mall.label(),
                settings.mall.mall().label()
            ),
        )
        .into());
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::InvalidSetting {
            key: "name".into(),
            reason: "ショップ名を入力してください（例: BASE 1号店）".into(),
        }
        .into());
    }
    let json = serde_json::to_string(settings).map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok((name.to_string(), json))
}

/// A write refused by the unique index: a live shop of the mall has the name.
fn duplicate_name(written: rusqlite::Result<usize>, name: &str) -> Result<usize> {
    match written {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::DuplicateShopName(name.to_string()))
        }
        other => Ok(other?),
    }
}

pub fn add(conn: &Connection, mall: Mall, name: &str, settings: &ShopSettings) -> Result<Shop> {
    let (name, json) = checked(mall, name, settings)?;
    duplicate_name(
        conn.execute(
            "INSERT INTO shops(mall, name, settings, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![mall.code(), name, json, now_unix()],
        ),
        &name,
    )?;
    get(conn, conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, name: &str, settings: &ShopSettings) -> Result<Shop> {
    let (name, json) = checked(get(conn, id)?.mall, name, settings)?;
    let changed = duplicate_name(
        conn.execute(
            "UPDATE shops SET name = ?2, settings = ?3 WHERE id = ?1 AND removed_at IS NULL",
            params![id, name, json],
        ),
        &name,
    )?;
    if changed == 0 {
        return Err(StoreError::ShopNotFound(id));
    }
    get(conn, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Shop> {
    let raw = conn
        .prepare_cached(
            "SELECT id, mall, name, settings FROM shops WHERE id = ?1 AND removed_at IS NULL",
        )?
        .query_row([id], shop_from)
        .optional()?
        .ok_or(StoreError::ShopNotFound(id))?;
    build(raw)
}

pub fn list(conn: &Connection) -> Result<Vec<Shop>> {
    let raws = conn
        .prepare_cached(
            "SELECT id, mall, name, settings FROM shops WHERE removed_at IS NULL ORDER BY id",
        )?
        .query_map([], shop_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(build).collect()
}

/// Removes a shop. With `keep_orders` its orders stay (and keep showing the
/// shop's name); without, they are deleted with it.
pub fn remove(conn: &mut Connection, id: i64, keep_orders: bool) -> Result<()> {
    get(conn, id)?;
    if keep_orders {
        conn.execute(
            "UPDATE shops SET removed_at = ?2 WHERE id = ?1",
            params![id, now_unix()],
        )?;
    } else {
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM order_search WHERE rowid IN (SELECT search_key FROM orders WHERE shop_id = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM shops WHERE id = ?1", [id])?;
        tx.execute("DELETE FROM order_counts WHERE shop_id = ?1", [id])?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ExportScope, OAuthRedirect};

    #[test]
    fn settings_of_an_older_version_keep_their_values_and_gain_defaults() {
        let s = settings_from_json(
            Mall::Base,
            r#"{"fetch_days": 14, "mall": {"mall": "base", "export_scope": "done_only"}}"#,
        );
        assert_eq!(s.fetch_days, 14);
        let base = s.base().unwrap();
        assert_eq!(base.export_scope, ExportScope::DoneOnly);
        assert_eq!(
            base.oauth_redirect,
            OAuthRedirect::DeepLink,
            "a new key gets its default"
        );
        assert_eq!(s.fetch_interval_minutes, 30);
        // The mall's part always belongs to the shop's mall.
        let s = settings_from_json(Mall::Qoo10, r#"{"mall": {"mall": "base"}}"#);
        assert_eq!(s.mall.mall(), Mall::Qoo10);
        assert_eq!(
            settings_from_json(Mall::Base, "not json"),
            ShopSettings::for_mall(Mall::Base)
        );
    }
}
