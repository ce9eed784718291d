//! What the mall sync benches share: a first sync and a second with nothing
//! changed, each timed and printed with its calls and counts.

use std::time::Instant;

use juchu_core::Juchu;

/// Runs the two syncs of `shop_id`; `clear_requests` empties the fake's
/// request log before each, so the calls counted are that sync's own.
pub async fn first_and_second_sync(juchu: &Juchu, shop_id: i64, clear_requests: impl Fn()) {
    for run in ["first sync", "second sync, nothing changed"] {
        clear_requests();
        let t = Instant::now();
        let report = juchu.sync(Some(shop_id)).await.expect("sync").remove(0);
        let wall = t.elapsed();
        assert!(report.error.is_none(), "{:?}", report.error);
        println!(
            "{run}: {:.2} s, {} calls, new {}, updated {}, unchanged {}",
            wall.as_secs_f64(),
            report.calls,
            report.new,
            report.updated,
            report.unchanged
        );
    }
}
