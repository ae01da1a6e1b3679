//! Request ids and `drop_after`: a paid call repeated with its id charges once and gets the
//! first answer; a dropped answer leaves the charge done exactly once.

use crate::harness::*;
use serde_json::{json, Value};

/// A paid call with a request id; the answer, or `None` when the connection broke.
async fn with_rid(sb: &Sandbox, params: &[(&str, &str)], rid: &str) -> Option<Value> {
    let mut query = vec![("apikey", KEY), ("rid", rid)];
    query.extend_from_slice(params);
    let response = reqwest::Client::new()
        .get(format!("{}/api/rent.php", sb.base))
        .query(&query)
        .send()
        .await
        .ok()?;
    let text = response.text().await.ok()?;
    Some(serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")))
}

const CREATE: &[(&str, &str)] = &[
    ("method", "create"),
    ("dtype", "week"),
    ("dcount", "1"),
    ("country", "US"),
    ("service", "opt1"),
    ("rent_type", "always"),
];

async fn rental_count(sb: &Sandbox) -> usize {
    sb.keyed("orders", &[]).await["data"]
        .as_array()
        .map_or(0, Vec::len)
}

#[tokio::test]
async fn a_repeated_request_id_answers_the_first_answer_and_charges_once() {
    let sb = Sandbox::new().await;
    let start = sb.balance().await;
    let first = with_rid(&sb, CREATE, "click-1").await.unwrap();
    assert_eq!(first["status"], 1, "{first}");
    let charged = sb.balance().await;
    assert!(charged < start);

    let again = with_rid(&sb, CREATE, "click-1").await.unwrap();
    assert_eq!(again, first, "the same answer, the same rental");
    assert_eq!(rental_count(&sb).await, 1);
    assert_eq!(sb.balance().await, charged, "charged once");

    let reused = with_rid(&sb, &[("method", "prolong"), ("id", "1")], "click-1").await;
    assert_eq!(reused.unwrap()["status"], 0, "an id names one request only");

    let second = with_rid(&sb, CREATE, "click-2").await.unwrap();
    assert_eq!(second["status"], 1);
    assert_ne!(
        second["data"]["id"], first["data"]["id"],
        "a new click rents again"
    );
    assert_eq!(rental_count(&sb).await, 2);

    let concurrent = futures_join(&sb, "click-3").await;
    assert_eq!(
        concurrent.0, concurrent.1,
        "a repeat in flight waits for the first"
    );
    assert_eq!(rental_count(&sb).await, 3);
}

async fn futures_join(sb: &Sandbox, rid: &str) -> (Value, Value) {
    let (a, b) = tokio::join!(with_rid(sb, CREATE, rid), with_rid(sb, CREATE, rid));
    (a.unwrap(), b.unwrap())
}

/// Sets `drop_after` for one request of `method`, calls it, and checks the connection broke
/// and the call was done once: the repeat with the same id gets the answer the first lost.
async fn dropped_then_replayed(sb: &Sandbox, params: &[(&str, &str)], rid: &str) -> Value {
    let method = params[0].1;
    let (code, _) = sb
        .admin(
            "fault",
            json!({ "method": method, "kind": "drop_after", "times": 1 }),
        )
        .await;
    assert_eq!(code, 200);
    assert!(
        with_rid(sb, params, rid).await.is_none(),
        "{method}: the answer is lost"
    );
    let charged = sb.balance().await;
    let replayed = with_rid(sb, params, rid).await.expect("answered");
    assert_eq!(
        replayed["status"], 1,
        "{method}: done the first time: {replayed}"
    );
    assert_eq!(sb.balance().await, charged, "{method}: not charged again");
    replayed
}

#[tokio::test]
async fn drop_after_charges_every_paid_method_once_and_loses_only_the_answer() {
    let sb = Sandbox::new().await;
    let start = sb.balance().await;
    let created = dropped_then_replayed(&sb, CREATE, "c").await;
    assert_eq!(rental_count(&sb).await, 1);
    assert!(sb.balance().await < start, "the rental was charged");
    let id = id_of(&created["data"]).to_string();

    let before = sb.balance().await;
    dropped_then_replayed(
        &sb,
        &[
            ("method", "add_service_to_order"),
            ("id", &id),
            ("service", "opt2"),
            ("pnumber", &pnumber(&sb, &id).await),
        ],
        "a",
    )
    .await;
    assert!(sb.balance().await < before, "the service was charged");
    assert!(sb
        .order(id.parse().unwrap())
        .await
        .unwrap()
        .scode
        .contains("opt2"));

    sb.advance_days(2).await;
    let before = sb.balance().await;
    let until = sb.order(id.parse().unwrap()).await.unwrap().until;
    dropped_then_replayed(
        &sb,
        &[
            ("method", "prolong"),
            ("id", &id),
            ("dtype", "week"),
            ("dcount", "1"),
        ],
        "p",
    )
    .await;
    assert!(sb.balance().await < before, "the prolongation was charged");
    assert_eq!(
        sb.order(id.parse().unwrap()).await.unwrap().until,
        until + 7 * 86_400,
        "prolonged by one week, once"
    );

    sb.advance_days(13).await;
    assert_eq!(rental_count(&sb).await, 0, "expired");
    let before = sb.balance().await;
    dropped_then_replayed(&sb, &[("method", "restore_user"), ("id", &id)], "r").await;
    assert!(sb.balance().await < before, "the restore was charged");
    assert_eq!(rental_count(&sb).await, 1, "restored once");
}

async fn pnumber(sb: &Sandbox, id: &str) -> String {
    let r = sb.order(id.parse().unwrap()).await.unwrap();
    format!("{}{}", r.ccode.trim_start_matches('+'), r.pnumber)
}

#[tokio::test]
async fn the_proxy_answers_a_repeated_request_id_without_forwarding_it_again() {
    let upstream = Sandbox::new().await;
    let mut config = config(":memory:");
    config.upstream = Some(upstream.base.clone());
    let proxy = Sandbox::with(config).await;
    let first = with_rid(&proxy, CREATE, "via-proxy").await.unwrap();
    assert_eq!(first["status"], 1);
    let charged = upstream.balance().await;
    let again = with_rid(&proxy, CREATE, "via-proxy").await.unwrap();
    assert_eq!(again, first);
    assert_eq!(upstream.balance().await, charged, "charged once upstream");
    assert_eq!(rental_count(&upstream).await, 1);
}
