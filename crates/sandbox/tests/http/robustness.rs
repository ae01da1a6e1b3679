//! Bad input, concurrency, persistence, the live-variant switch, the admin guard, the proxy.

use crate::harness::*;
use rent_api::{decode, Money};
use serde_json::{json, Value};

#[tokio::test]
async fn every_bad_query_gets_status_zero_with_a_message() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("RU", "opt16", "week", "1", "always").await).to_string();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![], "Incorrect method"),
        (vec![("method", "bogus")], "Incorrect method"),
        (vec![("method", "orders")], "Missing parameter: apikey"),
        (
            vec![("method", "orders"), ("apikey", "wrong")],
            "Invalid API key",
        ),
        (
            vec![("method", "sms"), ("apikey", KEY), ("id", "abc")],
            "Invalid id: abc",
        ),
        (
            vec![("method", "sms"), ("apikey", KEY), ("id", "0")],
            "Invalid id: 0",
        ),
        (
            vec![
                ("method", "sms"),
                ("apikey", KEY),
                ("id", "99999999999999999999"),
            ],
            "Invalid id: 99999999999999999999",
        ),
        (
            vec![("method", "activate"), ("apikey", KEY), ("id", "12345678")],
            "Order not found",
        ),
        (
            vec![
                ("method", "prolong"),
                ("apikey", KEY),
                ("id", &id),
                ("dtype", "week"),
                ("dcount", "-1"),
            ],
            "Invalid dcount: -1",
        ),
        (
            vec![
                ("method", "prolong"),
                ("apikey", KEY),
                ("id", &id),
                ("dtype", "week"),
                ("dcount", "0"),
            ],
            "dcount must be between 1 and 1000",
        ),
        (
            vec![
                ("method", "prolong"),
                ("apikey", KEY),
                ("id", &id),
                ("dtype", "week"),
                ("dcount", "99999999999"),
            ],
            "Invalid dcount: 99999999999",
        ),
        (
            vec![
                ("method", "get_rent_history"),
                ("apikey", KEY),
                ("skip", "-5"),
            ],
            "Invalid skip: -5",
        ),
        (
            vec![
                ("method", "create"),
                ("apikey", KEY),
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "ZZ"),
                ("service", "opt1"),
            ],
            "Country not found",
        ),
        (
            vec![
                ("method", "create"),
                ("apikey", KEY),
                ("dtype", "year"),
                ("dcount", "1"),
                ("country", "RU"),
                ("service", "opt1"),
            ],
            "dtype must be week or month, not \"year\"",
        ),
        (
            vec![
                ("method", "create"),
                ("apikey", KEY),
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "RU"),
                ("service", "opt1"),
                ("rent_type", "sometimes"),
            ],
            "rent_type must be always, on_request or any, not \"sometimes\"",
        ),
    ];
    let before = sb.balance().await;
    for (query, msg) in cases {
        let answer = sb.call(&query).await;
        assert_eq!(answer, json!({ "status": 0, "msg": msg }), "{query:?}");
    }
    assert_eq!(sb.balance().await, before, "nothing charged");
    assert_eq!(
        sb.keyed("orders", &[]).await["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let client = reqwest::Client::new();
    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        let response = client
            .request(
                method.clone(),
                format!("{}/api/rent.php?method=orders&apikey={KEY}", sb.base),
            )
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body,
            json!({ "status": 0, "msg": "Only GET requests are accepted" }),
            "{method}"
        );
    }
    // Broken percent-encoding and odd bytes are still answered, never a 500.
    let text = client
        .get(format!(
            "{}/api/rent.php?method=orders&apikey=%ZZ%&%%%",
            sb.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 200);
}

#[tokio::test]
async fn random_queries_are_answered_in_json_never_with_a_server_error() {
    let sb = Sandbox::new().await;
    let methods = [
        "getcountries",
        "getdata",
        "create",
        "orders",
        "add_service_to_order",
        "sms",
        "prolong",
        "activate",
        "delete",
        "get_rent_history",
        "restore_user_precalc",
        "restore_user",
        "x",
    ];
    let keys = [
        "method",
        "apikey",
        "id",
        "dtype",
        "dcount",
        "country",
        "service",
        "pnumber",
        "skip",
        "take",
        "rent_type",
    ];
    let values = [
        "",
        "1",
        "-1",
        "0",
        "week",
        "month",
        "RU",
        "opt16",
        KEY,
        "99999999999999999999",
        "1e3",
        "%00",
        "<script>",
        "Россия",
        "1.5",
    ];
    let mut rng = fastrand::Rng::with_seed(7);
    let client = reqwest::Client::new();
    for _ in 0..300 {
        let mut query = vec![(
            "method".to_string(),
            methods[rng.usize(..methods.len())].to_string(),
        )];
        for _ in 0..rng.usize(0..6) {
            query.push((
                keys[rng.usize(..keys.len())].into(),
                values[rng.usize(..values.len())].into(),
            ));
        }
        let response = client
            .get(format!("{}/api/rent.php", sb.base))
            .query(&query)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{query:?}");
        let body: Value = response
            .json()
            .await
            .unwrap_or_else(|_| panic!("not JSON for {query:?}"));
        assert!(
            body["status"] == 1 || (body["status"] == 0 && body["msg"].is_string()),
            "{query:?}: {body}"
        );
    }
    let balance = sb.balance().await;
    assert!(!balance.is_negative());
    let running = sb.running.store.as_ref().unwrap();
    let (spent, _) = running.ledger_total(KEY).unwrap();
    assert_eq!(
        rentdesk_sandbox::DEMO_BALANCE + spent,
        balance,
        "the books agree with the balance"
    );
}

#[tokio::test]
async fn a_rush_on_the_last_free_number_lets_exactly_one_win() {
    let sb = Sandbox::new().await;
    // EE has 50 numbers: rent all but one.
    for _ in 0..49 {
        sb.rent("EE", "opt1", "week", "1", "any").await;
    }
    let mut tasks = Vec::new();
    for i in 0..16 {
        let key = format!("rush{i}");
        sb.new_key(&key, "100").await;
        let url = format!("{}/api/rent.php", sb.base);
        tasks.push(tokio::spawn(async move {
            let body: Value = reqwest::Client::new()
                .get(url)
                .query(&[
                    ("method", "create"),
                    ("apikey", &key),
                    ("dtype", "week"),
                    ("dcount", "1"),
                    ("country", "EE"),
                    ("service", "opt2"),
                ])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            (key, body)
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        let (key, body) = task.await.unwrap();
        if body["status"] == 1 {
            winners.push(key);
        } else {
            assert_eq!(body["msg"], "No free numbers for this service");
            assert_eq!(
                sb.balance_of(&key).await,
                Money::from_cents(10000),
                "losers pay nothing"
            );
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
}

#[tokio::test]
async fn double_paid_calls_charge_once_each() {
    let sb = Sandbox::new().await;
    sb.new_key("twice", "0").await;
    let price = day_price(&sb, "RU", "opt6", "week", "1", "always")
        .await
        .times(7)
        .unwrap();
    // Enough for one and a half rentals: two at once must leave exactly one charge.
    let top = price + Money::from_mills(price.mills() / 2);
    sb.admin(
        "balance",
        json!({ "apikey": "twice", "amount": top.to_string() }),
    )
    .await;
    let q = [
        ("method", "create"),
        ("apikey", "twice"),
        ("dtype", "week"),
        ("dcount", "1"),
        ("country", "RU"),
        ("service", "opt6"),
    ];
    let (a, b) = tokio::join!(sb.call(&q), sb.call(&q));
    let wins = [&a, &b].iter().filter(|r| r["status"] == 1).count();
    assert_eq!(wins, 1, "{a} {b}");
    assert_eq!(sb.balance_of("twice").await, top - price);
}

#[tokio::test]
async fn state_survives_a_restart() {
    let db = temp_db();
    let mut config = config(&db);
    config.demo_key = None;
    let sb = Sandbox::with(config.clone()).await;
    let key = sb.running.demo_key.clone().unwrap();
    let rented = sb
        .call(&[
            ("method", "create"),
            ("apikey", &key),
            ("dtype", "week"),
            ("dcount", "1"),
            ("country", "RU"),
            ("service", "opt16"),
        ])
        .await;
    let id = id_of(&rented["data"]);
    sb.admin("sms", json!({ "id": id, "sender": "S", "text": "kept" }))
        .await;
    sb.advance_days(2).await;
    let balance = sb.balance_of(&key).await;
    let orders = sb.raw(&[("method", "orders"), ("apikey", &key)]).await;
    sb.running.stop().await;

    let again = Sandbox::with(config).await;
    assert_eq!(
        again.running.demo_key.as_deref(),
        Some(key.as_str()),
        "the demo key is kept"
    );
    assert_eq!(again.balance_of(&key).await, balance);
    let after =
        decode::orders(&again.raw(&[("method", "orders"), ("apikey", &key)]).await).unwrap();
    assert_eq!(
        after,
        decode::orders(&orders).unwrap(),
        "same rentals, same clock"
    );
    let sms = again
        .call(&[("method", "sms"), ("apikey", &key), ("id", &id.to_string())])
        .await;
    assert_eq!(sms["data"]["SmsList"][0]["text"], "kept");
    again.running.stop().await;
    let conn = rentdesk_sandbox::db::open(&db).unwrap();
    assert_eq!(
        rentdesk_sandbox::db::schema_version(&conn).unwrap(),
        rentdesk_sandbox::db::LATEST_VERSION
    );
    let _ = std::fs::remove_file(&db);
}

#[tokio::test]
async fn the_variant_switch_answers_like_the_live_api_and_decodes_the_same() {
    let plain = Sandbox::new().await;
    let mut config = config(":memory:");
    config.variants = true;
    let live = Sandbox::with(config).await;

    let countries = live.call(&[("method", "getcountries")]).await;
    assert_eq!(
        countries["status"], "0",
        "status 0 with a valid list, as seen live"
    );
    assert_eq!(
        decode::countries(&countries.to_string()).unwrap(),
        decode::countries(&plain.raw(&[("method", "getcountries")]).await).unwrap()
    );
    let services = live.call(&[("method", "getdata"), ("country", "RU")]).await;
    assert!(
        services["data"].is_array(),
        "getdata's older shape: the bare list"
    );
    assert!(services["data"][0]["price_day"].is_string());
    assert_eq!(
        decode::services(&services.to_string()).unwrap(),
        decode::services(&plain.raw(&[("method", "getdata"), ("country", "RU")]).await).unwrap()
    );

    let created = live
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "UK"),
                ("service", "opt1"),
            ],
        )
        .await;
    assert!(
        created["data"].is_array(),
        "create data wrapped in an array"
    );
    let rental = decode::created(&created.to_string()).unwrap();
    let orders = live.keyed("orders", &[]).await;
    assert!(orders["data"][0]["id"].is_string());
    assert_eq!(
        decode::orders(&orders.to_string()).unwrap()[0].id,
        rental.id
    );
    live.admin(
        "sms",
        json!({ "id": rental.id, "sender": "A", "text": "123 456" }),
    )
    .await;
    let sms = live.keyed("sms", &[("id", &rental.id.to_string())]).await;
    assert!(sms["data"].is_array(), "sms's older shape: the bare list");
    assert_eq!(
        decode::sms(&sms.to_string()).unwrap().messages[0].text,
        "123 456"
    );

    live.advance_days(8).await;
    let history = live.keyed("get_rent_history", &[]).await;
    assert_eq!(
        history["data"][0]["country"], "EN",
        "UK archive rows say EN, as seen live"
    );
    assert_eq!(history["data"][0]["isAvailForRestore"], true);
    let restored = live
        .keyed("restore_user", &[("id", &rental.id.to_string())])
        .await;
    assert_eq!(restored["data"], true, "restore_user's older answer");
    assert_eq!(decode::restored(&restored.to_string()).unwrap(), None);
    let orders = live.keyed("orders", &[]).await;
    assert_eq!(
        decode::orders(&orders.to_string()).unwrap()[0].id,
        rental.id
    );
    let foreign = live
        .call(&[
            ("method", "restore_user"),
            ("apikey", "nobody"),
            ("id", "1"),
        ])
        .await;
    assert_eq!(foreign["status"], "0");
}

#[tokio::test]
async fn admin_refuses_bad_bodies_and_is_off_without_the_flag() {
    let sb = Sandbox::new().await;
    for (path, body) in [
        ("clock", json!({ "advance_minutes": "soon" })),
        ("clock", json!({ "advance_minutes": -5 })),
        ("sms", json!({ "id": 1 })),
        ("balance", json!({ "apikey": KEY, "amount": "1.23456" })),
        ("balance", json!({ "apikey": "nobody", "amount": "1" })),
        ("keys", json!({ "apikey": KEY })),
        ("rentals", json!({ "apikey": KEY, "count": 0 })),
        (
            "stock",
            json!({ "country": "XX", "service": "opt1", "remaining": 1 }),
        ),
        ("catalogue", json!({ "enabled": true })),
    ] {
        let (status, answer) = sb.admin(path, body.clone()).await;
        assert!((400..500).contains(&status), "{path} {body}: {status}");
        assert!(
            answer["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}: {answer}"
        );
    }
    let raw = reqwest::Client::new()
        .post(format!("{}/admin/clock", sb.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);

    let mut config = config(":memory:");
    config.admin = false;
    let closed = Sandbox::with(config).await;
    let (status, _) = closed.admin("clock", json!({ "advance_minutes": 5 })).await;
    assert_eq!(status, 405, "no admin routes without --admin");
}

#[tokio::test]
async fn app_routes_fall_back_to_the_app_and_api_answers_carry_cors() {
    let dist = std::env::temp_dir().join(format!("rentdesk-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>rentdesk</title>",
    )
    .unwrap();
    std::fs::write(dist.join("app.js"), "console.log(1)").unwrap();
    let mut config = config(":memory:");
    config.dist = dist.clone();
    let sb = Sandbox::with(config).await;
    for path in ["/", "/rentals", "/archive", "/faq", "/settings"] {
        let response = reqwest::get(format!("{}{path}", sb.base)).await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        assert_eq!(response.headers()["x-frame-options"], "DENY");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';")
                && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("<title>rentdesk</title>"),
            "{path}"
        );
    }
    assert_eq!(
        reqwest::get(format!("{}/app.js", sb.base))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "console.log(1)"
    );
    assert_eq!(
        reqwest::get(format!("{}/missing.js", sb.base))
            .await
            .unwrap()
            .status(),
        404
    );
    let api = reqwest::get(format!("{}/api/rent.php?method=getcountries", sb.base))
        .await
        .unwrap();
    assert_eq!(api.headers()["access-control-allow-origin"], "*");
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn the_proxy_forwards_to_a_real_api_and_reports_when_it_is_gone() {
    let upstream = Sandbox::new().await;
    let mut config = config(":memory:");
    config.upstream = Some(upstream.base.clone());
    let proxy = Sandbox::with(config).await;
    assert!(proxy.running.demo_key.is_none());
    let info = reqwest::get(format!("{}/sandbox.json", proxy.base))
        .await
        .unwrap();
    assert_eq!(info.status(), 404, "a proxy offers no demo key");

    assert_eq!(
        proxy.raw(&[("method", "getdata"), ("country", "US")]).await,
        upstream
            .raw(&[("method", "getdata"), ("country", "US")])
            .await
    );
    let created = proxy
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "US"),
                ("service", "opt1"),
            ],
        )
        .await;
    assert_eq!(created["status"], 1);
    assert_eq!(
        proxy.raw(&[("method", "orders"), ("apikey", KEY)]).await,
        upstream.raw(&[("method", "orders"), ("apikey", KEY)]).await,
        "the rental exists upstream"
    );
    assert_eq!(proxy.balance().await, upstream.balance().await);
    let post = reqwest::Client::new()
        .post(format!("{}/api/rent.php?method=orders", proxy.base))
        .send()
        .await
        .unwrap();
    let body: Value = post.json().await.unwrap();
    assert_eq!(
        body["msg"], "Only GET requests are accepted",
        "the method is forwarded as sent"
    );

    upstream.running.stop().await;
    let gone = reqwest::get(format!(
        "{}/api/rent.php?method=orders&apikey={KEY}",
        proxy.base
    ))
    .await
    .unwrap();
    assert_eq!(gone.status(), 502);
    let body: Value = gone.json().await.unwrap();
    assert_eq!(body["status"], 0);
    let msg = body["msg"].as_str().unwrap();
    assert!(
        msg.starts_with("The upstream API could not be reached"),
        "{msg}"
    );
    assert!(!msg.contains(KEY), "the key never appears in the message");
}
