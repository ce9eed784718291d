//! ショップサーブ's codec (JSON / XML) and charset (UTF-8 / CP932) are unknown (shopserve.md §2
//! [U]), so each fake instance switches both: every answer (errors included) and every update
//! body in each of the four combinations (guesses in shopserve/uncertain.rs, the XML mapping
//! in shopserve/xml.rs). Answers are read here from their bytes with encoding_rs and quick-xml.

mod shopserve_common;

use chrono::Duration;
use fakemall::shopserve::orders::{format_time, parse_time};
use fakemall::shopserve::seed::CHARSET_PROBE_REMARK;
use fakemall::shopserve::uncertain::{self as u, codes as c};
use fakemall::shopserve::{wire, Charset, Codec, Customer, FakeShopserve, Order, ShopserveConfig};
use fakemall::testkit::{frozen_options, t0};
use serde_json::{json, Value};
use shopserve_common::{
    element_names, get_raw, post_raw, request_body, seen, start, window, Raw, COMBOS,
};

fn list_path() -> String {
    format!("/api/v1/orders?{}", window(t0(), 7))
}

/// The orders the list over the last 7 days answers, as the fake's JSON.
fn listed(s: &FakeShopserve) -> Vec<Order> {
    let from = t0() - Duration::days(7);
    let mut v: Vec<(chrono::DateTime<chrono::Utc>, Order)> = s
        .orders()
        .into_iter()
        .filter_map(|o| parse_time(&o.order_date).map(|t| (t, o)))
        .filter(|(t, _)| *t >= from && *t <= t0())
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.order_no.cmp(&b.1.order_no)));
    v.into_iter().map(|(_, o)| o).collect()
}

fn japanese(bytes: &[u8], charset: Charset) {
    match charset {
        Charset::Utf8 => assert!(std::str::from_utf8(bytes).is_ok()),
        Charset::Cp932 => assert!(
            std::str::from_utf8(bytes).is_err(),
            "Japanese text in Shift_JIS is not UTF-8"
        ),
    }
}

#[tokio::test]
async fn every_codec_and_charset_lists_gets_and_updates() {
    for (codec, charset) in COMBOS {
        let s = start(30).await;
        s.set_codec(codec);
        s.set_charset(charset);
        assert_eq!(s.content_type(), wire::content_type(codec, charset));

        // The list.
        let a = get_raw(&s, &list_path()).await;
        assert_eq!(a.status, 200, "{codec:?} {charset:?}");
        let v = a.value_in(codec, charset);
        japanese(&a.bytes, charset);
        let want = listed(&s);
        assert!(want.len() > 2, "{}", want.len());
        assert_eq!(
            v,
            seen(
                codec,
                charset,
                &json!({"result": "ok", "total_count": want.len(), "page": 1, "limit": 100, "orders": want})
            ),
            "{codec:?} {charset:?}"
        );
        if codec == Codec::Xml {
            let text = a.decode().2;
            let names = element_names(&text);
            assert_eq!(names[0], "response");
            assert!(names.iter().filter(|n| *n == "item").count() >= want.len());
            assert!(!text.contains(" xmlns") && !text.contains("=\"ok\""));
            assert!(text.contains("<result>ok</result>"), "{text}");
            assert!(
                text.contains(&format!("<order_no>{}</order_no>", want[0].order_no)),
                "{text}"
            );
        }

        // One order.
        let o = s
            .orders()
            .into_iter()
            .find(|o| {
                o.shipping_status == "未発送"
                    && o.confirm_status == "未確認"
                    && o.deliveries.len() == 1
                    && o.deliveries[0].tracking_no.is_none()
            })
            .expect("an unshipped, unconfirmed order");
        let no = o.order_no.clone();
        let a = get_raw(&s, &format!("/api/v1/orders/{no}")).await;
        assert_eq!(a.status, 200);
        assert_eq!(
            a.value_in(codec, charset),
            seen(codec, charset, &json!({"result": "ok", "order": o}))
        );

        // An update sent in the instance's codec and charset (Japanese labels included), one
        // row failing (its message is Japanese too).
        let (body, ct) = request_body(
            codec,
            charset,
            &json!({"orders": [
                {"order_no": no, "delivery_no": 1, "tracking_no": "1234-5678-9012",
                 "carrier_code": "01", "ship_date": "2024-07-01", "shipping_status": "発送済",
                 "confirm_status": "確認済", "payment_date": null},
                {"order_no": "nope", "tracking_no": "1"}
            ]}),
        );
        japanese(&body, charset);
        let a = post_raw(&s, body, &ct).await;
        assert_eq!(a.status, 200, "{a:?}");
        assert_eq!(
            a.value_in(codec, charset),
            seen(
                codec,
                charset,
                &json!({"result": "ok", "results": [
                    {"order_no": no, "result": "ok"},
                    {"order_no": "nope", "result": "error",
                     "errors": [{"code": c::NOT_FOUND, "message": c::M_NOT_FOUND}]}
                ]})
            )
        );
        let after = s.order(&no).expect("o");
        assert_eq!(after.shipping_status, "発送済");
        assert_eq!(after.confirm_status, "確認済");
        assert_eq!(
            after.deliveries[0].tracking_no.as_deref(),
            Some("1234-5678-9012")
        );
        assert_eq!(after.deliveries[0].carrier_code.as_deref(), Some("01"));
        assert_eq!(after.deliveries[0].ship_date.as_deref(), Some("2024-07-01"));
        assert_eq!(after.updated_at, format_time(t0()));
        assert_eq!(
            after.payment_date, o.payment_date,
            "null/omitted: unchanged"
        );
        let a = get_raw(&s, &format!("/api/v1/orders/{no}")).await;
        let v = a.value_in(codec, charset);
        assert_eq!(v["order"]["shipping_status"], "発送済");
        assert_eq!(v["order"]["deliveries"][0]["tracking_no"], "1234-5678-9012");
    }
}

#[tokio::test]
async fn xml_update_rows_read_numbers_and_empty_elements_as_text() {
    let s = start(30).await;
    s.set_codec(Codec::Xml);
    let o = s
        .orders()
        .into_iter()
        .find(|o| o.shipping_status == "未発送" && o.deliveries.len() == 2)
        .expect("a multi-destination order");
    let no = &o.order_no;
    // Written by hand, pretty-printed, as another XML writer would.
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request>\n  <orders>\n    <item>\n      \
         <order_no>{no}</order_no>\n      <delivery_no>2</delivery_no>\n      \
         <tracking_no>4444-5555</tracking_no>\n      <carrier_code>03</carrier_code>\n    </item>\n    \
         <item>\n      <order_no>{no}</order_no>\n      <delivery_no>2</delivery_no>\n      \
         <tracking_no/>\n    </item>\n  </orders>\n</request>\n"
    );
    let a = post_raw(&s, body.into_bytes(), "application/xml").await;
    let v = a.value_in(Codec::Xml, Charset::Utf8);
    assert_eq!(v["results"][0]["result"], "ok", "{v}");
    // `<tracking_no/>` is an empty string: it clears the number.
    assert_eq!(v["results"][1]["result"], "ok", "{v}");
    let after = s.order(no).expect("o");
    assert_eq!(after.deliveries[1].carrier_code.as_deref(), Some("03"));
    assert_eq!(after.deliveries[1].tracking_no, None);
    // One row is still a list (`<orders><item>…` is an array).
    let (body, ct) = request_body(
        Codec::Xml,
        Charset::Utf8,
        &json!({"orders": [{"order_no": no, "delivery_no": 1, "tracking_no": "777"}]}),
    );
    let v = post_raw(&s, body, &ct)
        .await
        .value_in(Codec::Xml, Charset::Utf8);
    assert_eq!(
        v,
        json!({"result": "ok", "results": [{"order_no": no, "result": "ok"}]})
    );
}

#[tokio::test]
async fn request_charset_comes_from_the_content_type_else_the_instance() {
    let s = start(30).await;
    s.set_codec(Codec::Xml);
    s.set_charset(Charset::Cp932);
    let unconfirmed: Vec<String> = s
        .orders()
        .into_iter()
        .filter(|o| o.confirm_status == "未確認")
        .map(|o| o.order_no)
        .collect();
    assert!(unconfirmed.len() >= 2);
    let row = |no: &str| json!({"orders": [{"order_no": no, "confirm_status": "確認済"}]});
    // UTF-8 body labelled utf-8: read as UTF-8 though the instance is CP932.
    let (body, _) = request_body(Codec::Xml, Charset::Utf8, &row(&unconfirmed[0]));
    let a = post_raw(&s, body, "application/xml; charset=UTF-8").await;
    let v = a.value_in(Codec::Xml, Charset::Cp932);
    assert_eq!(v["results"][0]["result"], "ok", "{v}");
    // Shift_JIS body without a charset: the instance's.
    let (body, _) = request_body(Codec::Xml, Charset::Cp932, &row(&unconfirmed[1]));
    let a = post_raw(&s, body, "application/xml").await;
    assert_eq!(
        a.value_in(Codec::Xml, Charset::Cp932)["results"][0]["result"],
        "ok"
    );
    for no in &unconfirmed[..2] {
        assert_eq!(s.order(no).expect("o").confirm_status, "確認済");
    }
    // An unknown charset, or bytes that are not Shift_JIS: bad request, in XML Shift_JIS.
    let (body, _) = request_body(Codec::Xml, Charset::Utf8, &row(&unconfirmed[0]));
    post_raw(&s, body, "application/xml; charset=euc-jp")
        .await
        .assert_error_in(Codec::Xml, Charset::Cp932, 400, c::BAD_PARAM);
    post_raw(&s, b"<request>\x82</request>".to_vec(), "application/xml")
        .await
        .assert_error_in(Codec::Xml, Charset::Cp932, 400, c::BAD_PARAM);

    // A JSON instance in UTF-8 reads a Shift_JIS body labelled so.
    s.set_codec(Codec::Json);
    s.set_charset(Charset::Utf8);
    let no = s
        .orders()
        .into_iter()
        .find(|o| o.order_status == "新規受付")
        .expect("新規受付")
        .order_no;
    let (body, ct) = request_body(
        Codec::Json,
        Charset::Cp932,
        &json!({"orders": [{"order_no": no, "order_status": "処理中"}]}),
    );
    assert_eq!(ct, "application/json; charset=Shift_JIS");
    let a = post_raw(&s, body, &ct).await;
    assert_eq!(
        a.value_in(Codec::Json, Charset::Utf8)["results"][0]["result"],
        "ok"
    );
    assert_eq!(s.order(&no).expect("o").order_status, "処理中");
}

#[tokio::test]
async fn a_body_in_the_other_codec_is_a_bad_request() {
    let s = start(5).await;
    let no = s.orders()[0].order_no.clone();
    let v = json!({"orders": [{"order_no": no, "tracking_no": "1"}]});
    for (codec, charset) in COMBOS {
        s.set_codec(codec);
        s.set_charset(charset);
        let other = match codec {
            Codec::Json => Codec::Xml,
            Codec::Xml => Codec::Json,
        };
        let (body, ct) = request_body(other, charset, &v);
        post_raw(&s, body, &ct)
            .await
            .assert_error_in(codec, charset, 400, c::BAD_PARAM);
        // Empty body, empty list.
        post_raw(&s, Vec::new(), "text/plain")
            .await
            .assert_error_in(codec, charset, 400, c::BAD_PARAM);
        let (body, ct) = request_body(codec, charset, &json!({"orders": []}));
        post_raw(&s, body, &ct)
            .await
            .assert_error_in(codec, charset, 400, c::BAD_PARAM);
    }
    // XML with the answer's root, or cut short.
    s.set_codec(Codec::Xml);
    s.set_charset(Charset::Utf8);
    let text = wire::encode_body(Codec::Xml, Charset::Utf8, "response", &v);
    post_raw(&s, text.clone(), "application/xml")
        .await
        .assert_error_in(Codec::Xml, Charset::Utf8, 400, c::BAD_PARAM);
    let mut cut = wire::encode_body(Codec::Xml, Charset::Utf8, "request", &v);
    cut.truncate(cut.len() - 5);
    post_raw(&s, cut, "application/xml").await.assert_error_in(
        Codec::Xml,
        Charset::Utf8,
        400,
        c::BAD_PARAM,
    );
}

#[tokio::test]
async fn window_over_seven_days_in_xml_cp932_is_shift_jis_xml() {
    let s = start(5).await;
    s.set_codec(Codec::Xml);
    s.set_charset(Charset::Cp932);
    let a = get_raw(&s, &format!("/api/v1/orders?{}", window(t0(), 8))).await;
    assert_eq!(a.status, 400);
    assert_eq!(a.content_type, "application/xml; charset=Shift_JIS");
    assert!(a
        .bytes
        .starts_with(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><response>"));
    assert!(std::str::from_utf8(&a.bytes).is_err(), "not UTF-8");
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c::M_RANGE_TOO_LONG);
    assert!(!unmappable);
    assert!(a.bytes.windows(sjis.len()).any(|w| w == &sjis[..]));
    let (codec, charset, text, v) = a.decode();
    assert_eq!((codec, charset), (Codec::Xml, Charset::Cp932));
    assert_eq!(
        v,
        json!({"result": "error", "errors": [{"code": c::RANGE_TOO_LONG, "message": c::M_RANGE_TOO_LONG}]})
    );
    let names = element_names(&text);
    for n in ["response", "errors", "item", "code", "message", "result"] {
        assert!(names.iter().any(|x| x == n), "{n} in {text}");
    }
    assert!(text.contains("<code>E1002</code>"), "{text}");
}

#[tokio::test]
async fn maintenance_answers_in_every_codec() {
    for (codec, charset) in COMBOS {
        let s = start(3).await;
        s.set_codec(codec);
        s.set_charset(charset);
        // The framework's fault, on every endpoint.
        s.faults().set_maintenance(true);
        for path in [
            list_path(),
            "/api/v1/orders/100001".into(),
            "/api/v1/carriers".into(),
        ] {
            let a = get_raw(&s, &path).await;
            a.assert_error_in(codec, charset, 503, c::MAINTENANCE);
            let v = a.value_in(codec, charset);
            assert_eq!(v["errors"][0]["message"], c::M_MAINTENANCE);
            japanese(&a.bytes, charset);
        }
        let (body, ct) = request_body(codec, charset, &json!({"orders": [{"order_no": "100001"}]}));
        post_raw(&s, body, &ct)
            .await
            .assert_error_in(codec, charset, 503, c::MAINTENANCE);
        s.faults().set_maintenance(false);
        // A scheduled window, with Retry-After.
        s.schedule_maintenance(t0(), t0() + Duration::minutes(10));
        let a = get_raw(&s, &list_path()).await;
        a.assert_error_in(codec, charset, 503, c::MAINTENANCE);
        assert_eq!(a.retry_after.as_deref(), Some("600"));
        s.clear_maintenance();
        let a = get_raw(&s, "/api/v1/carriers").await;
        assert_eq!(a.status, 200);
        let v = a.value_in(codec, charset);
        assert_eq!(
            v,
            seen(
                codec,
                charset,
                &json!({"result": "ok", "carriers": u::CARRIERS.iter().map(|(code, name)| json!({"carrier_code": code, "carrier_name": name})).collect::<Vec<_>>()})
            )
        );
    }
}

#[tokio::test]
async fn auth_rate_limit_and_unknown_paths_answer_in_the_codec() {
    for (codec, charset) in COMBOS {
        let s = start(3).await;
        s.set_codec(codec);
        s.set_charset(charset);
        let c0 = s.credentials();
        let path = list_path();
        let url = format!("{}{path}", s.api_base_url());
        shopserve_common::raw(shopserve_common::http().get(&url))
            .await
            .assert_error_in(codec, charset, 401, c::UNAUTHORIZED);
        shopserve_common::raw(
            shopserve_common::http()
                .get(&url)
                .basic_auth(&c0.shop_id, Some(&c0.open_key)),
        )
        .await
        .assert_error_in(codec, charset, 403, c::OPEN_KEY);
        s.faults().set_force_rate_limit(true);
        get_raw(&s, &path)
            .await
            .assert_error_in(codec, charset, 429, c::RATE_LIMITED);
        s.faults().set_force_rate_limit(false);
        get_raw(&s, "/api/v1/orders/999")
            .await
            .assert_error_in(codec, charset, 404, c::NOT_FOUND);
        get_raw(&s, "/api/v1/nothing")
            .await
            .assert_error_in(codec, charset, 404, c::BAD_PARAM);
        get_raw(&s, "/api/v1/orders?from=x&to=y")
            .await
            .assert_error_in(codec, charset, 400, c::BAD_PARAM);
    }
}

fn probe_order() -> Order {
    Order {
        order_no: "900001".into(),
        order_date: "2024-06-30 09:00:00".into(),
        order_status: "新規受付".into(),
        confirm_status: "未確認".into(),
        shipping_status: "未発送".into(),
        payment_status: "未入金".into(),
        payment_method: "銀行振込".into(),
        customer: Customer {
            name: "𠮷田 髙子".into(),
            kana: Some("ヨシダ タカコ".into()),
            zip: "180-0004".into(),
            pref: "東京都".into(),
            address1: "武蔵野市𠮷祥寺本町1-2-3".into(),
            address2: Some("メゾン①号館 <2F> & 🎁".into()),
            tel: "0422-00-0000".into(),
            email: None,
        },
        remarks: Some("①と②は同梱で。宮﨑様🎁".into()),
        updated_at: "2024-06-30 09:00:00".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn characters_outside_cp932_are_references_in_xml_and_geta_in_json() {
    let s = start(0).await;
    s.add_order(probe_order());
    let path = "/api/v1/orders/900001";

    s.set_codec(Codec::Xml);
    s.set_charset(Charset::Cp932);
    let a = get_raw(&s, path).await;
    let has = |b: &[u8]| a.bytes.windows(b.len()).any(|w| w == b);
    assert!(has(b"<name>&#x20BB7;"), "𠮷 as a character reference");
    assert!(has(b"&#x1F381;"), "🎁 as a character reference");
    assert!(has(b"&lt;2F&gt; &amp; "));
    assert!(has(b"\xFB\xFC"), "髙 in CP932 (IBM extension)");
    assert!(has(b"\x87\x40"), "① in CP932 (NEC special)");
    let v = a.value_in(Codec::Xml, Charset::Cp932);
    assert_eq!(v["order"]["customer"]["name"], "𠮷田 髙子");
    assert_eq!(
        v["order"]["customer"]["address1"],
        "武蔵野市𠮷祥寺本町1-2-3"
    );
    assert_eq!(v["order"]["customer"]["address2"], "メゾン①号館 <2F> & 🎁");
    assert_eq!(v["order"]["remarks"], "①と②は同梱で。宮﨑様🎁");
    assert!(
        v["order"]["customer"].get("email").is_none(),
        "null: left out"
    );

    s.set_codec(Codec::Json);
    let a = get_raw(&s, path).await;
    assert!(!a.bytes.windows(3).any(|w| w == b"&#x"));
    let v = a.value_in(Codec::Json, Charset::Cp932);
    assert_eq!(v["order"]["customer"]["name"], "〓田 髙子");
    assert_eq!(
        v["order"]["customer"]["address1"],
        "武蔵野市〓祥寺本町1-2-3"
    );
    assert_eq!(v["order"]["customer"]["address2"], "メゾン①号館 <2F> & 〓");
    assert_eq!(v["order"]["remarks"], "①と②は同梱で。宮﨑様〓");
    assert_eq!(v["order"]["customer"]["email"], Value::Null);

    for codec in [Codec::Json, Codec::Xml] {
        s.set_codec(codec);
        s.set_charset(Charset::Utf8);
        let v = get_raw(&s, path).await.value_in(codec, Charset::Utf8);
        assert_eq!(v["order"]["customer"]["name"], "𠮷田 髙子");
        assert_eq!(v["order"]["remarks"], "①と②は同梱で。宮﨑様🎁");
    }
}

#[tokio::test]
async fn seeded_orders_carry_text_cp932_lacks_and_text_only_cp932_has() {
    for c in ['①', '髙', '﨑'] {
        assert!(
            wire::cp932_has(c) && CHARSET_PROBE_REMARK.contains(c),
            "{c}"
        );
    }
    for c in ['𠮷', '🎁'] {
        assert!(
            !wire::cp932_has(c) && CHARSET_PROBE_REMARK.contains(c),
            "{c}"
        );
    }
    let s = start(5).await;
    let probe = s
        .orders()
        .into_iter()
        .find(|o| {
            o.remarks
                .as_deref()
                .is_some_and(|r| r.contains(CHARSET_PROBE_REMARK))
        })
        .expect("the first generated order carries the probe remark");
    let path = format!("/api/v1/orders/{}", probe.order_no);
    for (codec, charset) in COMBOS {
        s.set_codec(codec);
        s.set_charset(charset);
        let v = get_raw(&s, &path).await.value_in(codec, charset);
        let remarks = v["order"]["remarks"].as_str().expect("remarks");
        match (codec, charset) {
            (Codec::Json, Charset::Cp932) => {
                assert!(remarks.contains("〓野様より①番の品を髙島屋の包装で〓（宮﨑）"))
            }
            _ => assert!(remarks.contains(CHARSET_PROBE_REMARK)),
        }
    }
}

#[tokio::test]
async fn codec_and_charset_are_per_instance_and_switch_on_the_next_request() {
    let d = ShopserveConfig::default();
    assert_eq!((d.codec, d.charset), (Codec::Json, Charset::Utf8));
    let plain = start(3).await;
    assert_eq!(
        (plain.codec(), plain.charset()),
        (Codec::Json, Charset::Utf8)
    );
    assert_eq!(plain.content_type(), u::CONTENT_TYPE);
    let xml = FakeShopserve::start(ShopserveConfig {
        orders: 3,
        seed: 9,
        start: frozen_options(),
        codec: Codec::Xml,
        charset: Charset::Cp932,
        ..Default::default()
    })
    .await
    .expect("start");
    let a: Raw = get_raw(&xml, "/api/v1/carriers").await;
    a.value_in(Codec::Xml, Charset::Cp932);
    get_raw(&plain, "/api/v1/carriers")
        .await
        .value_in(Codec::Json, Charset::Utf8);
    xml.set_codec(Codec::Json);
    get_raw(&xml, "/api/v1/carriers")
        .await
        .value_in(Codec::Json, Charset::Cp932);
    xml.set_charset(Charset::Utf8);
    assert_eq!(xml.content_type(), "application/json; charset=utf-8");
    get_raw(&xml, "/api/v1/carriers")
        .await
        .value_in(Codec::Json, Charset::Utf8);
    xml.set_codec(Codec::Xml);
    get_raw(&xml, "/api/v1/carriers")
        .await
        .value_in(Codec::Xml, Charset::Utf8);
    // The default instance's answers are what they were (JSON, UTF-8) for the JSON helpers.
    let a = shopserve_common::get(&plain, &list_path()).await;
    assert_eq!(a.2, "application/json; charset=utf-8");
    assert_eq!(a.3["result"], "ok");
}
