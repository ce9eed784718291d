//! The conformance suite every `MallClient` runs against its fake mall:
//! written once, one line per mall (`suite!(Harness)` in
//! `tests/conformance_<mall>.rs`). What it proves for any mall:
//!
//! * fetch and re-fetch: every order in the window once, nothing
//!   duplicated, every request counted by the client, a re-fetch that
//!   merges nothing new;
//! * every transport fault (5xx, timeout, malformed body, an HTML page, a
//!   refused connection, a rate limit) is a Japanese message naming the mall
//!   with a stable code, and a one-off 5xx on a read is retried;
//! * a unit the mall accepted is reported by `shipped_units`, so after a crash
//!   between the call and its record the read-back prevents a second send;
//! * dead credentials are named and ask the merchant to reconnect;
//! * no secret reaches the database, its journal or an error message.

use async_trait::async_trait;
use fakemall::{FakeMall, Fault};
use juchu_core::domain::{IncomingOrder, MallState, ShopSettings};
use juchu_core::malls::{
    FetchWindow, FetchedPage, KnownOrders, MallClient, MallError, ShipmentForExport, Stage,
};

/// What the suite needs of one mall: its fake, a connected client, and the
/// mall's own way to break credentials or pick an order to ship.
#[async_trait]
pub trait Harness: Sized + Send + Sync {
    /// A fake with `orders` orders in the last 30 days, and credentials in place.
    async fn start(orders: usize) -> Self;
    fn fake(&self) -> &FakeMall;
    fn label(&self) -> &'static str;
    /// A connected client with short timeouts.
    fn client(&self) -> Box<dyn MallClient>;
    /// The same client pointed at another address (a refused connection).
    fn client_at(&self, api_base: &str) -> Box<dyn MallClient>;
    /// Makes the stored credentials dead the way the mall kills them.
    fn break_credentials(&self);
    /// Every secret value the client holds (none may be written anywhere).
    fn secret_values(&self) -> Vec<String>;
    /// Orders placed in the fake's window.
    fn orders_in_window(&self) -> usize;
    /// A shipment of `order` ready to send, with a valid tracking number.
    fn shipment(&self, order: &IncomingOrder) -> ShipmentForExport;
}

pub fn window() -> FetchWindow {
    let now = chrono::Utc::now().timestamp();
    FetchWindow {
        from: now - 31 * 86_400,
        to: now + 3_600,
    }
}

/// Fetches with `known`; returns the pages and the result.
pub async fn fetch(
    c: &dyn MallClient,
    known: &KnownOrders,
) -> (Vec<FetchedPage>, Result<(), MallError>) {
    let mut pages = Vec::new();
    let r = c
        .fetch(window(), known, &mut |p: FetchedPage| pages.push(p))
        .await;
    (pages, r)
}

fn orders_of(pages: &[FetchedPage]) -> Vec<IncomingOrder> {
    pages.iter().flat_map(|p| p.orders.clone()).collect()
}

/// The message names the mall, is Japanese, and carries no secret.
pub fn names_the_mall<H: Harness>(h: &H, e: &MallError) {
    let text = e.to_string();
    assert!(text.contains(h.label()), "{text}");
    assert!(!text.is_ascii(), "{text}");
    for s in h.secret_values() {
        assert!(!text.contains(&s), "a secret in the message: {text}");
    }
}

pub async fn fetch_and_refetch<H: Harness>() {
    let h = H::start(150).await;
    let c = h.client();
    h.fake().clear_requests();
    let (pages, r) = fetch(c.as_ref(), &KnownOrders::new()).await;
    r.unwrap();
    let orders = orders_of(&pages);
    assert_eq!(orders.len(), h.orders_in_window());
    let mut ids: Vec<&str> = orders.iter().map(|o| o.mall_order_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), orders.len(), "no order handed over twice");
    assert_eq!(
        c.calls() as usize,
        h.fake().requests().len(),
        "every request counted"
    );

    // A re-fetch with what the store knows brings nothing new to merge.
    let known: KnownOrders = orders
        .iter()
        .filter_map(|o| Some((o.mall_order_id.clone(), o.mall_modified.clone()?)))
        .collect();
    let again = h.client();
    let (pages, r) = fetch(again.as_ref(), &known).await;
    r.unwrap();
    let refetched = orders_of(&pages);
    let unchanged: usize = pages.iter().map(|p| p.unchanged.len()).sum();
    assert_eq!(refetched.len() + unchanged, orders.len());
    for o in &refetched {
        let first = orders
            .iter()
            .find(|f| f.mall_order_id == o.mall_order_id)
            .unwrap();
        assert_eq!(o.raw, first.raw, "an unchanged order is read as it was");
    }
}

/// Switches one fault on.
type FaultSetup = Box<dyn Fn(&FakeMall) + Send + Sync>;

pub async fn faults_are_named<H: Harness>() {
    let h = H::start(3).await;
    let cases: Vec<(&str, FaultSetup)> = vec![
        (
            "MALL_SERVER_ERROR",
            Box::new(|f| f.faults().inject_next_n(10, Fault::Status(503))),
        ),
        (
            "MALL_MALFORMED",
            Box::new(|f| f.faults().inject_next_n(10, Fault::MalformedJson)),
        ),
        (
            "MALL_MALFORMED",
            Box::new(|f| f.faults().inject_next_n(10, Fault::TruncatedBody)),
        ),
        (
            "MALL_SERVER_ERROR",
            Box::new(|f| f.faults().inject_next_n(10, Fault::HtmlErrorPage(502))),
        ),
        (
            "MALL_TIMEOUT",
            Box::new(|f| f.faults().inject_next_n(10, Fault::Hang)),
        ),
        (
            "MALL_MAINTENANCE",
            Box::new(|f| f.faults().set_maintenance(true)),
        ),
        (
            "MALL_RATE_LIMITED",
            Box::new(|f| f.faults().set_force_rate_limit(true)),
        ),
    ];
    for (code, setup) in cases {
        h.fake().faults().clear();
        setup(h.fake());
        let e = h.client().test_connection().await.unwrap_err();
        assert_eq!(e.code(), code, "{e}");
        names_the_mall(&h, &e);
    }
    h.fake().faults().clear();

    // A refused connection.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let e = h.client_at(&closed).test_connection().await.unwrap_err();
    assert_eq!(e.code(), "MALL_NETWORK", "{e}");
    names_the_mall(&h, &e);

    // One 5xx on a read is retried without the merchant noticing.
    h.fake().faults().inject_next(Fault::Status(503));
    h.client().test_connection().await.unwrap();
}

pub async fn read_back_sees_what_was_sent<H: Harness>() {
    let h = H::start(40).await;
    let c = h.client();
    let (pages, r) = fetch(c.as_ref(), &KnownOrders::new()).await;
    r.unwrap();
    let order = orders_of(&pages)
        .into_iter()
        .find(|o| o.mall_state == MallState::Open && !o.raw.is_null())
        .expect("an order that can be shipped");
    let s = h.shipment(&order);
    let units = c.shipment_units(&s, Stage::Shipped);
    assert!(!units.is_empty(), "an open order has something to send");
    assert!(c
        .shipped_units(&s, Stage::Shipped)
        .await
        .unwrap()
        .is_empty());
    // The call reaches the mall; the answer is "lost" (a crash before the journal's record).
    c.send_unit(&s, Stage::Shipped, &units[0]).await.unwrap();
    let after_crash = h.client();
    let shipped = after_crash.shipped_units(&s, Stage::Shipped).await.unwrap();
    assert!(
        shipped.contains(&units[0]),
        "the read-back finds the unit: {shipped:?}"
    );
}

pub async fn dead_credentials_are_named<H: Harness>() {
    let h = H::start(2).await;
    h.break_credentials();
    let e = h.client().test_connection().await.unwrap_err();
    assert!(e.needs_reauthorization(), "{e:?}");
    names_the_mall(&h, &e);
}

pub async fn no_secret_is_written<H: Harness>() {
    let h = H::start(30).await;
    let dir = tempfile::tempdir().unwrap();
    let juchu = juchu_core::Juchu::open_at(dir.path(), juchu_core::Profile::Real).unwrap();
    let c = h.client();
    let mall = c.mall();
    let (pages, r) = fetch(c.as_ref(), &KnownOrders::new()).await;
    r.unwrap();
    let credentials = juchu_core::malls::registry::spec(mall)
        .credential_keys()
        .map(|k| (k.to_string(), format!("placeholder-{k}")))
        .collect();
    let shop = juchu
        .add_shop(&juchu_core::shop_admin::ShopInput {
            mall,
            name: "適合テスト店".into(),
            settings: ShopSettings::for_mall(mall),
            credentials,
        })
        .unwrap();
    juchu.merge_orders(shop.id, &orders_of(&pages)).unwrap();
    h.fake().faults().inject_next_n(10, Fault::Status(500));
    let e = c.test_connection().await.unwrap_err();
    names_the_mall(&h, &e);
    drop(juchu);
    let mut written = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        written.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
    }
    let text = String::from_utf8_lossy(&written);
    for s in h.secret_values() {
        assert!(
            !text.contains(&s),
            "a secret was written to the data folder"
        );
    }
}

/// One `#[tokio::test]` per behaviour for `$harness`.
macro_rules! suite {
    ($harness:ty) => {
        #[tokio::test]
        async fn fetch_and_refetch() {
            conformance::fetch_and_refetch::<$harness>().await
        }
        #[tokio::test]
        async fn faults_are_named() {
            conformance::faults_are_named::<$harness>().await
        }
        #[tokio::test]
        async fn read_back_sees_what_was_sent() {
            conformance::read_back_sees_what_was_sent::<$harness>().await
        }
        #[tokio::test]
        async fn dead_credentials_are_named() {
            conformance::dead_credentials_are_named::<$harness>().await
        }
        #[tokio::test]
        async fn no_secret_is_written() {
            conformance::no_secret_is_written::<$harness>().await
        }
    };
}
