//! Store benchmark: loads 1,000,000 generated orders and prints the insert
//! rate, the tab-count query and pages of filtered, sorted searches.
//! `cargo bench -p juchu-core --bench store_bench` (JUCHU_BENCH_ORDERS to change the size).
//! Figures, not pass/fail: targets are in the README.

use std::time::{Duration, Instant};

use juchu_core::domain::*;
use juchu_core::store::Store;
use juchu_core::{sample, Profile};

const BATCH: usize = 10_000;

fn main() {
    let total: usize = std::env::var("JUCHU_BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path(), Profile::Real).expect("open store");
    let shops: Vec<i64> = Mall::ALL
        .into_iter()
        .map(|m| {
            store
                .add_shop(
                    m,
                    &format!("{} 1号店", m.label()),
                    &ShopSettings::for_mall(m),
                )
                .expect("shop")
                .id
        })
        .collect();
    println!(
        "store_bench: {total} orders, ~2 items each, in {}",
        dir.path().display()
    );

    let now = 1_795_000_000;
    let mut insert_time = Duration::ZERO;
    let mut first_100k = None;
    let mut inserted = 0usize;
    let mut batch_no = 0u64;
    while inserted < total {
        let n = BATCH.min(total - inserted);
        let shop = shops[batch_no as usize % shops.len()];
        let mut orders = sample::orders(Mall::ALL[batch_no as usize % 5], n, batch_no, now, 365);
        for (i, o) in orders.iter_mut().enumerate() {
            o.mall_order_id = format!("{}-{}", batch_no, i);
        }
        let t = Instant::now();
        let stats = store.merge_orders(shop, &orders).expect("merge");
        insert_time += t.elapsed();
        assert_eq!(stats.new as usize, n);
        inserted += n;
        batch_no += 1;
        if inserted >= 100_000 && first_100k.is_none() {
            first_100k = Some(insert_time);
        }
    }
    if let Some(t) = first_100k {
        println!(
            "insert: first 100,000 orders in {:.2} s ({:.0} orders/s)",
            t.as_secs_f64(),
            100_000.0 / t.as_secs_f64()
        );
    }
    println!(
        "insert: {inserted} orders in {:.1} s ({:.0} orders/s, with items, search index and counts)",
        insert_time.as_secs_f64(),
        inserted as f64 / insert_time.as_secs_f64()
    );

    let counts = store
        .status_counts(&CountFilter::default())
        .expect("counts");
    assert_eq!(counts.all as usize, inserted);
    measure("status-tab counts, all shops", || {
        store
            .status_counts(&CountFilter::default())
            .expect("counts");
    });
    measure("status-tab counts, one shop", || {
        store
            .status_counts(&CountFilter {
                shop_id: Some(shops[1]),
                search: None,
            })
            .expect("counts");
    });
    let page = |q: OrderQuery| {
        let p = store.list_orders(&q).expect("page");
        assert!(!p.rows.is_empty(), "{q:?} found nothing");
        p.total
    };
    let mut q = OrderQuery {
        status: Some(Status::AwaitingShipment),
        shop_id: Some(shops[2]),
        limit: 100,
        ..OrderQuery::default()
    };
    measure("page of 100: status + shop filter, newest first", || {
        page(q.clone());
    });
    q.offset = page(q.clone()) / 2;
    measure(
        &format!("page of 100: same, at offset {}", q.offset),
        || {
            page(q.clone());
        },
    );
    let s = |text: &str, status: Option<Status>| OrderQuery {
        status,
        search: Some(text.into()),
        limit: 100,
        ..OrderQuery::default()
    };
    let hits = page(s("佐藤 美咲", None));
    measure(
        &format!("page of 100: search 「佐藤 美咲」 ({hits} hits), newest first"),
        || {
            page(s("佐藤 美咲", None));
        },
    );
    let hits = page(s("090123", Some(Status::New)));
    measure(
        &format!("page of 100: search phone 「090123」 in 新規受付 ({hits} hits)"),
        || {
            page(s("090123", Some(Status::New)));
        },
    );
    measure("page of 100: search an order number 「7-4242」", || {
        page(s("7-4242", None));
    });
    measure("status-tab counts with search 「佐藤 美咲」", || {
        store
            .status_counts(&CountFilter {
                shop_id: None,
                search: Some("佐藤 美咲".into()),
            })
            .expect("counts");
    });
    let size = std::fs::metadata(dir.path().join(juchu_core::store::DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    println!("database file: {:.0} MiB", size as f64 / 1048576.0);
}

/// Runs `f` 20 times after a warm-up and prints the median and the worst.
fn measure(what: &str, mut f: impl FnMut()) {
    f();
    let mut times: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{what}: median {:.2} ms, worst {:.2} ms",
        ms(times[10]),
        ms(times[19])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
