//! Search benchmark (issue 20): the order list's search at 1,000,000
//! generated orders, per kind of search, many different queries each, with
//! and without a status tab and a shop. Prints the median and the worst of
//! the first page (100 rows, newest first, with its total or capped count)
//! and of the tab counts of the same search, and the database's size with
//! and without the search index.
//!
//! `cargo bench -p juchu-core --bench search_bench`
//! (JUCHU_BENCH_ORDERS to change the size). The database is built once and
//! kept in `target/search_bench/` per schema version and size; delete it to
//! build it again. Figures, not pass/fail: the target (30 ms) is in the README.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use juchu_core::domain::*;
use juchu_core::store::{schema::latest_version as schema_version, Store, DB_FILE};
use juchu_core::{sample, Profile};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

const BATCH: usize = 10_000;
/// Different queries per kind (each run once per filter).
const QUERIES: usize = 40;

fn main() {
    let total: usize = std::env::var("JUCHU_BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/search_bench")
        .join(format!("v{}-{total}", schema_version()));
    let built = dir.join("built");
    if !built.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("bench dir");
        build(&dir, total);
        std::fs::write(&built, "").expect("marker");
    } else {
        println!("search_bench: reusing {}", dir.display());
    }
    let store = Store::open(&dir, Profile::Real).expect("open store");
    let shops: Vec<i64> = store.shops().expect("shops").iter().map(|s| s.id).collect();
    let conn = Connection::open(dir.join(DB_FILE)).expect("read connection");
    let segments: i64 = conn
        .query_row(
            "SELECT count(DISTINCT segid) FROM order_search_idx",
            [],
            |r| r.get(0),
        )
        .expect("segments");
    println!("search_bench: the index has {segments} FTS5 segments, as the merges left it");
    let mut rng = ChaCha8Rng::seed_from_u64(20);

    let kinds = queries(&conn, &mut rng);
    println!(
        "search_bench: {total} orders, {QUERIES} different queries per kind, each alone, with a \
         status tab, with a shop, and with both (page of 100 newest first + count capped at 1,000)"
    );
    // Warm the page cache the way a window that has been open a while has it.
    for q in ["山田", "090", "タオル"] {
        store.list_orders(&page(q, None, None)).expect("warm");
    }
    let mut all_pages = Vec::new();
    let mut all_counts = Vec::new();
    let mut slow = Vec::new();
    println!(
        "{:<24} {:>7} {:>9} {:>9} {:>9} {:>9}  hits of a query (min–max)",
        "kind", "runs", "page med", "page max", "tabs med", "tabs max"
    );
    for (kind, qs) in &kinds {
        let mut pages = Vec::new();
        let mut counts = Vec::new();
        let (mut least, mut most) = (u32::MAX, 0u32);
        for (i, q) in qs.iter().enumerate() {
            let status = *Status::ALL.choose(&mut rng).expect("status");
            let shop = *shops.choose(&mut rng).expect("shop");
            for (st, sh) in [
                (None, None),
                (Some(status), None),
                (None, Some(shop)),
                (Some(status), Some(shop)),
            ] {
                let query = page(q, st, sh);
                let t = Instant::now();
                let p = store.list_orders(&query).expect("page");
                pages.push(t.elapsed());
                if t.elapsed() > Duration::from_millis(30) {
                    slow.push(format!(
                        "{kind} 「{q}」 {st:?} {sh:?}: {:.1} ms",
                        t.elapsed().as_secs_f64() * 1000.0
                    ));
                }
                if st.is_none() && sh.is_none() {
                    least = least.min(p.total);
                    most = most.max(p.total);
                    assert!(p.total > 0, "{kind}: 「{q}」 found nothing");
                }
                if i.is_multiple_of(2) && st.is_none() {
                    let t = Instant::now();
                    store
                        .status_counts(&CountFilter {
                            shop_id: sh,
                            search: Some(q.clone()),
                        })
                        .expect("counts");
                    counts.push(t.elapsed());
                }
            }
        }
        let (pm, px) = stats(&mut pages);
        let (cm, cx) = stats(&mut counts);
        let most = if most >= 1000 {
            "1,000+".to_string()
        } else {
            most.to_string()
        };
        println!(
            "{kind:<24} {:>7} {pm:>9.2} {px:>9.2} {cm:>9.2} {cx:>9.2}  {least}–{most}  e.g. 「{}」",
            pages.len(),
            qs[0]
        );
        all_pages.extend(pages);
        all_counts.extend(counts);
    }
    let (pm, px) = stats(&mut all_pages);
    let (cm, cx) = stats(&mut all_counts);
    println!(
        "{:<24} {:>7} {pm:>9.2} {px:>9.2} {cm:>9.2} {cx:>9.2}  (ms)",
        "every kind",
        all_pages.len()
    );
    for s in &slow {
        println!("over 30 ms: {s}");
    }
    drop(conn);
    drop(store);
    sizes(&dir);
}

fn page(q: &str, status: Option<Status>, shop_id: Option<i64>) -> OrderQuery {
    OrderQuery {
        status,
        shop_id,
        search: Some(q.into()),
        limit: 100,
        ..OrderQuery::default()
    }
}

/// Median and worst, in ms.
fn stats(times: &mut [Duration]) -> (f64, f64) {
    if times.is_empty() {
        return (0.0, 0.0);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(times[times.len() / 2]), ms(times[times.len() - 1]))
}

/// Loads `total` sample orders the way a fetch stores them (batches of
/// 10,000 into five shops, dates over a year); a shipped order has a
/// tracking number from its mall.
fn build(dir: &Path, total: usize) {
    let mut store = Store::open(dir, Profile::Real).expect("open store");
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
    let now = 1_795_000_000;
    let t = Instant::now();
    let mut inserted = 0usize;
    let mut batch_no = 0u64;
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    while inserted < total {
        let n = BATCH.min(total - inserted);
        let mall = Mall::ALL[batch_no as usize % 5];
        let mut orders = sample::orders(mall, n, batch_no, now, 365);
        for (i, o) in orders.iter_mut().enumerate() {
            // Unique per shop, shaped like the mall's: 「B20123456」.
            o.mall_order_id = format!(
                "{}{:08}",
                &o.mall_order_id[..o.mall_order_id.len() - 8],
                20_000_000 + inserted + i
            );
            if matches!(
                o.initial_status,
                Some(Status::Done | Status::AwaitingPaymentAfterShipping)
            ) {
                o.shipments.push(IncomingShipment {
                    shipment_ref: String::new(),
                    ship_to: o.ship_to.clone(),
                    mall_status: "shipped".into(),
                    mall_state: MallState::Shipped,
                    item_ids: Vec::new(),
                    mall_tracking: Some(format!(
                        "{:04}-{:04}-{:04}",
                        rng.random_range(3000..10000),
                        rng.random_range(0..10000),
                        rng.random_range(0..10000)
                    )),
                    mall_note: None,
                    delivery: Default::default(),
                });
            }
        }
        let stats = store
            .merge_orders(shops[batch_no as usize % shops.len()], &orders)
            .expect("merge");
        assert_eq!(stats.new as usize, n);
        inserted += n;
        batch_no += 1;
        if inserted.is_multiple_of(100_000) {
            println!(
                "build: {inserted} orders in {:.1} s",
                t.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "build: {inserted} orders in {:.1} s ({:.0} orders/s, with items, search index and counts)",
        t.elapsed().as_secs_f64(),
        inserted as f64 / t.elapsed().as_secs_f64()
    );
}

/// Queries per kind, taken from the stored orders (random ones) the way a
/// merchant types them: fragments, full values, other widths and kana.
fn queries(conn: &Connection, rng: &mut ChaCha8Rng) -> Vec<(&'static str, Vec<String>)> {
    let max_id: i64 = conn
        .query_row("SELECT max(id) FROM orders", [], |r| r.get(0))
        .expect("max id");
    let field = |rng: &mut ChaCha8Rng, sql: &str| -> String {
        loop {
            let id = rng.random_range(1..=max_id);
            if let Ok(Some(v)) = conn.query_row(sql, [id], |r| r.get::<_, Option<String>>(0)) {
                return v;
            }
        }
    };
    let take =
        |s: &str, from: usize, len: usize| -> String { s.chars().skip(from).take(len).collect() };
    let mut kinds: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut qs = |kind: &'static str, f: &mut dyn FnMut(&mut ChaCha8Rng) -> String| {
        let v = (0..QUERIES).map(|_| f(rng)).collect();
        kinds.push((kind, v));
    };
    qs("order number fragment", &mut |r| {
        let n = field(r, "SELECT mall_order_id FROM orders WHERE id = ?1");
        let len = r.random_range(5..=n.len());
        let from = r.random_range(0..=n.len() - len);
        n[from..from + len].to_string()
    });
    qs("order number, full", &mut |r| {
        field(r, "SELECT mall_order_id FROM orders WHERE id = ?1")
    });
    qs("name, 2 characters", &mut |r| {
        let n = field(r, "SELECT buyer_name FROM orders WHERE id = ?1");
        let (family, given) = n.split_once(' ').unwrap_or((&n, ""));
        if r.random_bool(0.6) || given.chars().count() < 2 {
            take(family, 0, 2)
        } else {
            take(given, 0, 2)
        }
    });
    qs("name, full", &mut |r| {
        let n = field(r, "SELECT ship_name FROM orders WHERE id = ?1");
        if r.random_bool(0.5) {
            n.replace(' ', "")
        } else {
            n.replace(' ', "　")
        }
    });
    qs("kana (half-width, hiragana)", &mut |r| {
        let k = field(r, "SELECT buyer_kana FROM orders WHERE id = ?1");
        let family = k.split(' ').next().unwrap_or(&k).to_string();
        match r.random_range(0..3) {
            0 => hiragana(&family),
            1 => half_width(&k),
            _ => hiragana(&k),
        }
    });
    qs("phone fragment", &mut |r| {
        let p: String = field(r, "SELECT buyer_phone FROM orders WHERE id = ?1")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        match r.random_range(0..4) {
            0 => format!("{}-{}-{}", &p[..3], &p[3..7], &p[7..]),
            1 => p[3..].to_string(),
            2 => p[7..].to_string(),
            _ => full_width(&p[..7]),
        }
    });
    qs("email", &mut |r| {
        let e = field(r, "SELECT buyer_email FROM orders WHERE id = ?1");
        if r.random_bool(0.5) {
            e
        } else {
            e.split('@').next().unwrap_or(&e).to_string()
        }
    });
    qs("postal code", &mut |r| {
        let z = field(r, "SELECT ship_zip FROM orders WHERE id = ?1");
        match r.random_range(0..3) {
            0 => z.replace('-', ""),
            1 => format!("〒{z}"),
            _ => full_width(&z),
        }
    });
    qs("tracking number", &mut |r| {
        let t = field(
            r,
            "SELECT tracking_number FROM shipments WHERE order_id = ?1",
        );
        if r.random_bool(0.5) {
            t.replace('-', "")
        } else {
            t[5..].to_string()
        }
    });
    qs("item name", &mut |r| {
        let n = field(
            r,
            "SELECT name FROM order_items WHERE order_id = ?1 ORDER BY id LIMIT 1",
        );
        let len = n.chars().count();
        let take_n = r.random_range(2..=len.min(6));
        take(&n, r.random_range(0..=len - take_n), take_n)
    });
    qs("SKU", &mut |r| {
        let s = field(
            r,
            "SELECT sku FROM order_items WHERE order_id = ?1 ORDER BY id LIMIT 1",
        );
        if r.random_bool(0.5) {
            s.to_lowercase()
        } else {
            full_width(&s)
        }
    });
    kinds
}

fn hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Katakana as the half-width forms label software and some malls use.
fn half_width(s: &str) -> String {
    const FULL: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー ";
    const HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ ";
    const VOICED: &str = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    const BASE: &str = "カキクケコサシスセソタチツテトハヒフヘホ";
    const SEMI: &str = "パピプペポ";
    let mut out = String::new();
    for c in s.chars() {
        if let Some(i) = VOICED.chars().position(|v| v == c) {
            out.push(half_of(BASE.chars().nth(i).unwrap_or(c), FULL, HALF));
            out.push('ﾞ');
        } else if let Some(i) = SEMI.chars().position(|v| v == c) {
            out.push(half_of(
                "ハヒフヘホ".chars().nth(i).unwrap_or(c),
                FULL,
                HALF,
            ));
            out.push('ﾟ');
        } else {
            out.push(half_of(c, FULL, HALF));
        }
    }
    out
}

fn half_of(c: char, full: &str, half: &str) -> char {
    full.chars()
        .position(|f| f == c)
        .and_then(|i| half.chars().nth(i))
        .unwrap_or(c)
}

/// The file as the app leaves it, and compacted copies with and without the
/// search index (its table, its key column and that column's index).
fn sizes(dir: &Path) {
    let mib = |p: &PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
    let live = dir.join(DB_FILE);
    let with = dir.join("with-index.sqlite3");
    let without = dir.join("without-index.sqlite3");
    for p in [&with, &without] {
        let _ = std::fs::remove_file(p);
    }
    let c = Connection::open(&live).expect("open");
    c.execute("VACUUM INTO ?1", [with.to_str().expect("path")])
        .expect("vacuum into");
    c.execute("VACUUM INTO ?1", [without.to_str().expect("path")])
        .expect("vacuum into");
    drop(c);
    let c = Connection::open(&without).expect("open copy");
    c.execute_batch(
        "DROP TABLE order_search;
         DROP INDEX orders_by_search_key;
         ALTER TABLE orders DROP COLUMN search_key;
         VACUUM;",
    )
    .expect("drop the index");
    drop(c);
    let (l, w, wo) = (mib(&live), mib(&with), mib(&without));
    println!(
        "database file: {l:.0} MiB as written; compacted {w:.0} MiB with the search index, \
         {wo:.0} MiB without it ({:.2}×)",
        w / wo
    );
    for p in [&with, &without] {
        let _ = std::fs::remove_file(p);
    }
}
