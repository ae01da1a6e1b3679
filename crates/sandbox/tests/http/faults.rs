//! Fault mode: each kind answers as described, and rent-api turns each into its typed error.

use crate::harness::*;
use rent_api::{decode, ApiError};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn every_fault_kind_answers_as_described_then_stops() {
    let sb = Sandbox::new().await;
    let orders_url = format!("{}/api/rent.php?method=orders&apikey={KEY}", sb.base);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let fault = |kind: &str| json!({ "method": "orders", "kind": kind, "times": 1 });

    for (kind, status, expect) in [
        ("html502", 502, "not json"),
        ("empty", 200, "not json"),
        ("truncated", 200, "not json"),
        ("rate_limited", 429, "not json"),
        ("wrong_types", 200, "malformed"),
        ("missing_fields", 200, "malformed"),
        ("unknown_msg", 200, "refused"),
    ] {
        let (code, _) = sb.admin("fault", fault(kind)).await;
        assert_eq!(code, 200);
        let response = client.get(&orders_url).send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{kind}");
        let body = response.text().await.unwrap();
        let decoded = decode::orders(&body);
        match expect {
            "not json" => assert!(
                matches!(decoded, Err(ApiError::NotJson { .. })),
                "{kind}: {decoded:?}"
            ),
            "malformed" => assert!(
                matches!(decoded, Err(ApiError::Malformed(_))),
                "{kind}: {decoded:?}"
            ),
            _ => assert!(
                matches!(&decoded, Err(ApiError::Refused { msg }) if msg.contains("<script>")),
                "{kind}"
            ),
        }
        let healthy = decode::orders(
            &client
                .get(&orders_url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        );
        assert!(healthy.is_ok(), "{kind} lasted one request");
    }

    sb.admin("fault", fault("drop")).await;
    let dropped = client.get(&orders_url).send().await;
    let body = match dropped {
        Ok(r) => r.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the connection breaks");

    sb.admin("fault", fault("slow")).await;
    let slow = client.get(&orders_url).send().await;
    assert!(
        slow.is_err_and(|e| e.is_timeout()),
        "slower than the client waits"
    );

    sb.admin("fault", fault("huge")).await;
    let huge = client
        .get(&orders_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(decode::orders(&huge).unwrap().len(), 20_000);

    sb.admin("fault", json!({ "method": "*", "kind": "empty" }))
        .await;
    assert!(sb.raw(&[("method", "getcountries")]).await.is_empty());
    sb.admin("fault", json!({ "method": "*" })).await;
    assert_eq!(sb.call(&[("method", "getcountries")]).await["status"], 1);
    let (code, _) = sb
        .admin("fault", json!({ "method": "orders", "kind": "melt" }))
        .await;
    assert_eq!(code, 400, "unknown kinds are refused");
}
