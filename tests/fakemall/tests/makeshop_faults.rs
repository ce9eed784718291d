//! MakeShop answers that are not JSON (makeshop.md 1b: "Non-JSON bodies (e.g. HTML 404) are
//! possible, so keep the raw body for diagnostics"), through the shared faults
//! (`fake.faults()`): an HTML error page for one request, a maintenance page for all, a
//! broken JSON body; then the GraphQL answers again.

mod makeshop_common;

use chrono::Duration;
use fakemall::makeshop::{FakeMakeshop, GRAPHQL_PATH};
use fakemall::testkit::{send, Answer};
use fakemall::Fault;
use makeshop_common::{auth_headers, gql, http, start};
use serde_json::{json, Value};

const Q: &str = "query { searchOrder(input: {page: 1, limit: 1}) { searchedCount } }";

/// Waits one second (the 1 req/s limit), then POSTs `Q` with valid headers.
async fn call(ms: &FakeMakeshop) -> Answer {
    ms.clock().advance(Duration::seconds(1));
    let mut req = http()
        .post(format!("{}{GRAPHQL_PATH}", ms.base_url()))
        .header("content-type", "application/json")
        .body(json!({ "query": Q, "variables": {}, "operationName": null }).to_string());
    for (k, v) in auth_headers(ms) {
        req = req.header(k, v);
    }
    send(req).await
}

fn assert_html(answer: &Answer, status: u16) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert!(
        answer
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/html")),
        "{answer:?}"
    );
    // Not JSON: the test client keeps the raw text.
    let text = answer.body.as_str().expect("raw text, not JSON");
    assert!(text.starts_with("<!DOCTYPE html>"), "{text}");
    assert!(serde_json::from_str::<Value>(text).is_err());
}

fn assert_graphql_ok(answer: &Answer) {
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(
        answer.body,
        json!({"data": {"searchOrder": {"searchedCount": 2}}})
    );
}

#[tokio::test]
async fn html_error_and_maintenance_pages_instead_of_json() {
    let ms = start(2).await;
    assert_graphql_ok(&call(&ms).await);
    // One HTML 404 (a gateway's page), then one 503; the next call is GraphQL again.
    ms.faults().inject_next(Fault::HtmlErrorPage(404));
    ms.faults().inject_next(Fault::HtmlErrorPage(503));
    assert_html(&call(&ms).await, 404);
    assert_html(&call(&ms).await, 503);
    assert_graphql_ok(&call(&ms).await);
    let faults: Vec<Option<Fault>> = ms.requests().into_iter().map(|r| r.fault).collect();
    assert_eq!(
        faults,
        vec![
            None,
            Some(Fault::HtmlErrorPage(404)),
            Some(Fault::HtmlErrorPage(503)),
            None
        ]
    );
    // Maintenance: every request gets the HTML maintenance page until it is switched off.
    ms.faults().set_maintenance(true);
    for _ in 0..2 {
        let answer = call(&ms).await;
        assert_html(&answer, 503);
        assert!(answer
            .body
            .as_str()
            .is_some_and(|t| t.contains("メンテナンス")));
    }
    ms.faults().set_maintenance(false);
    assert_graphql_ok(&call(&ms).await);
    // A random share of HTML pages, scoped to the GraphQL path, is also possible.
    ms.faults().update(|c| {
        c.html_error_rate = 1.0;
        c.path_prefix = Some(GRAPHQL_PATH.to_string());
    });
    assert_html(&call(&ms).await, 503);
    ms.faults().clear();
    assert_graphql_ok(&call(&ms).await);
}

#[tokio::test]
async fn a_broken_json_body_with_http_200() {
    let ms = start(2).await;
    ms.faults().inject_next(Fault::MalformedJson);
    let answer = call(&ms).await;
    assert_eq!(answer.status, 200);
    assert!(answer
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    let text = answer.body.as_str().expect("raw text, not JSON");
    assert!(serde_json::from_str::<Value>(text).is_err(), "{text}");
    // The next call, a second later, is GraphQL again.
    let (status, body) = gql(&ms, Q, json!({})).await;
    assert_eq!(status, 200);
    assert!(body.get("errors").is_none(), "{body:?}");
}
