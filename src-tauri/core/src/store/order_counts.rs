//! The tab counts (`order_counts`): how many orders each shop has in each
//! status, so that counting a million orders reads a handful of rows.
//!
//! Moves and deletions keep it right through the triggers of the schema.
//! New orders are counted here, once per merge: a per-row insert trigger
//! made SQLite journal every page each insert touched, and cost more than
//! the rest of storing an order together.

use rusqlite::{params, Connection};

use crate::domain::Status;

/// New orders per status, added to the counts in one statement each.
#[derive(Debug, Default)]
pub struct Tally([i64; Status::ALL.len()]);

impl Tally {
    pub fn add(&mut self, status: Status) {
        if let Some(i) = Status::ALL.iter().position(|s| *s == status) {
            self.0[i] += 1;
        }
    }

    pub fn write(self, conn: &Connection, shop_id: i64) -> rusqlite::Result<()> {
        let mut up = conn.prepare_cached(
            "INSERT INTO order_counts(shop_id, status, n) VALUES (?1, ?2, ?3)
             ON CONFLICT(shop_id, status) DO UPDATE SET n = n + excluded.n",
        )?;
        for (status, n) in Status::ALL.into_iter().zip(self.0) {
            if n > 0 {
                up.execute(params![shop_id, status.code(), n])?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::*;
    use crate::paths::Profile;
    use crate::sample;
    use crate::store::Store;

    /// `order_counts` against a plain count of the orders, per shop and status.
    fn drift(store: &Store) -> Vec<(i64, String, i64, i64)> {
        store
            .run(|c| {
                c.prepare(
                    "SELECT o.shop_id, o.status, count(*), coalesce(oc.n, 0)
                     FROM orders o LEFT JOIN order_counts oc
                       ON oc.shop_id = o.shop_id AND oc.status = o.status
                     GROUP BY o.shop_id, o.status
                     HAVING count(*) <> coalesce(oc.n, 0)",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
            })
            .unwrap()
    }

    #[test]
    fn new_orders_of_every_status_are_counted_once_per_merge() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), Profile::Real).unwrap();
        let a = store
            .add_shop(Mall::Base, "A", &ShopSettings::for_mall(Mall::Base))
            .unwrap();
        let held = ShopSettings {
            initial_status: Status::OnHold,
            ..ShopSettings::for_mall(Mall::Qoo10)
        };
        let b = store.add_shop(Mall::Qoo10, "B", &held).unwrap();
        let mut orders = sample::orders(Mall::Base, 300, 1, 1_790_000_000, 30);
        for (i, o) in orders.iter_mut().enumerate() {
            if i % 7 == 0 {
                o.mall_state = crate::domain::MallState::Cancelled;
            }
            o.initial_status = (i % 5 == 0).then_some(Status::AwaitingShipment);
        }
        store.merge_orders(a.id, &orders[..200]).unwrap();
        store.merge_orders(b.id, &orders[100..]).unwrap();
        // Known orders again: nothing new to count.
        store.merge_orders(a.id, &orders).unwrap();
        assert_eq!(drift(&store), vec![]);
        let all = store.status_counts(&CountFilter::default()).unwrap();
        assert_eq!(all.all, 300 + 200);
        assert!(all.by_status.iter().filter(|s| s.count > 0).count() >= 4);
    }
}
