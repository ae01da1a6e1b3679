//! Starting a sandbox on a free loopback port and talking to it.

use rent_api::Money;
use rentdesk_sandbox::store::Timings;
use rentdesk_sandbox::{start, Config, Running};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The demo key every test sandbox has.
pub const KEY: &str = "demo-key";
/// Seconds in the activation queue in tests.
pub const QUEUE: i64 = 600;
/// Seconds active after the queue in tests.
pub const ACTIVE: i64 = 1200;

/// A sandbox under test and a client for it.
pub struct Sandbox {
    pub running: Running,
    pub base: String,
    client: reqwest::Client,
}

pub fn config(db: &str) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db: db.to_owned(),
        dist: std::env::temp_dir().join("rentdesk-no-dist"),
        demo_key: Some(KEY.to_owned()),
        admin: true,
        variants: false,
        upstream: None,
        timings: Timings {
            queue: (QUEUE, QUEUE),
            active: (ACTIVE, ACTIVE),
        },
        demo_sms_every: 0,
        answer_cache: true,
        faults: Vec::new(),
        connect_src: Vec::new(),
    }
}

/// A fresh file path for a database that a test may reopen.
pub fn temp_db() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "rentdesk-test-{}-{}.db",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_file(&path);
    path.to_string_lossy().into_owned()
}

impl Sandbox {
    /// A sandbox with a fresh in-memory database.
    pub async fn new() -> Sandbox {
        Sandbox::with(config(":memory:")).await
    }

    pub async fn with(config: Config) -> Sandbox {
        let running = start(config).await.expect("sandbox starts");
        Sandbox {
            base: format!("http://{}", running.addr),
            running,
            client: reqwest::Client::new(),
        }
    }

    /// `GET /api/rent.php` with these parameters; the JSON answer.
    pub async fn call(&self, params: &[(&str, &str)]) -> Value {
        let response = self
            .client
            .get(format!("{}/api/rent.php", self.base))
            .query(params)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "rent.php always answers 200");
        let text = response.text().await.unwrap();
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    }

    /// The raw body, for decoding with rent-api.
    pub async fn raw(&self, params: &[(&str, &str)]) -> String {
        self.client
            .get(format!("{}/api/rent.php", self.base))
            .query(params)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Calls a method with the demo key.
    pub async fn keyed(&self, method: &str, extra: &[(&str, &str)]) -> Value {
        let mut params = vec![("method", method), ("apikey", KEY)];
        params.extend_from_slice(extra);
        self.call(&params).await
    }

    /// POST to an admin endpoint; (status, JSON).
    pub async fn admin(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/admin/{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn advance_minutes(&self, minutes: i64) {
        let (status, _) = self
            .admin("clock", serde_json::json!({ "advance_minutes": minutes }))
            .await;
        assert_eq!(status, 200);
    }

    pub async fn advance_days(&self, days: i64) {
        self.advance_minutes(days * 24 * 60).await;
    }

    /// The key's balance through `getBalance`.
    pub async fn balance_of(&self, key: &str) -> Money {
        let text = self
            .client
            .get(format!("{}/stubs/handler_api.php", self.base))
            .query(&[("api_key", key), ("action", "getBalance")])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        rent_api::decode::balance(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    pub async fn balance(&self) -> Money {
        self.balance_of(KEY).await
    }

    /// Rents a number with the demo key; the `create` answer's data.
    pub async fn rent(
        &self,
        country: &str,
        service: &str,
        dtype: &str,
        dcount: &str,
        rent_type: &str,
    ) -> Value {
        let answer = self
            .keyed(
                "create",
                &[
                    ("dtype", dtype),
                    ("dcount", dcount),
                    ("country", country),
                    ("service", service),
                    ("rent_type", rent_type),
                ],
            )
            .await;
        assert_eq!(answer["status"], 1, "create failed: {answer}");
        answer["data"].clone()
    }

    /// The demo key's open rental with this id, from `orders`.
    pub async fn order(&self, id: i64) -> Option<rent_api::Rental> {
        let body = self.raw(&[("method", "orders"), ("apikey", KEY)]).await;
        rent_api::decode::orders(&body)
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
    }

    /// Creates a key with a balance.
    pub async fn new_key(&self, key: &str, balance: &str) {
        let (status, body) = self
            .admin(
                "keys",
                serde_json::json!({ "apikey": key, "balance": balance }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
}

/// The `getdata` day price of a service for a period and number type.
pub async fn day_price(
    sandbox: &Sandbox,
    country: &str,
    service: &str,
    dtype: &str,
    dcount: &str,
    rent_type: &str,
) -> Money {
    let body = sandbox
        .raw(&[
            ("method", "getdata"),
            ("country", country),
            ("dtype", dtype),
            ("dcount", dcount),
            ("rent_type", rent_type),
        ])
        .await;
    rent_api::decode::services(&body)
        .unwrap()
        .into_iter()
        .find(|s| s.service == service)
        .expect("service listed")
        .price_day
}

pub fn id_of(data: &Value) -> i64 {
    data["id"].as_i64().expect("id")
}
