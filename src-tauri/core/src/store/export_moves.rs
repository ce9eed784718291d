//! The move an export owes an order once every shipment of it is sent
//! (送信後のステータス), recorded before the first call: a crash after the
//! last call and before the move leaves the intent, and the next export
//! makes it good — if the order is still where it was.

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::Status;

/// Records that `order_id`, now in `from`, moves to `to` once sent whole.
pub fn intend(conn: &Connection, order_id: i64, from: Status, to: Status) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO export_moves(order_id, from_status, to_status) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![order_id, from.code(), to.code()])?;
    Ok(())
}

/// The intent of `order_id`: (from, to).
pub fn of(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<(Status, Status)>> {
    conn.prepare_cached("SELECT from_status, to_status FROM export_moves WHERE order_id = ?1")?
        .query_row([order_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()
        .map(|found| {
            found.and_then(|(f, t)| Some((Status::from_code(&f)?, Status::from_code(&t)?)))
        })
}

pub fn forget(conn: &Connection, order_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM export_moves WHERE order_id = ?1")?
        .execute([order_id])?;
    Ok(())
}
