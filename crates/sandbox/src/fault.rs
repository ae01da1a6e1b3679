//! Fault mode: make chosen rent.php methods (or all) answer badly, the ways a real API and
//! network fail, so the app's handling of each can be tested. Set by `--fault` or
//! `POST /admin/fault`; each fault lasts for a number of requests or until cleared.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// One way of failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// An HTML error page with status 502.
    Html502,
    /// 200 with an empty body.
    Empty,
    /// JSON cut off in the middle.
    Truncated,
    /// 429 Too Many Requests.
    RateLimited,
    /// An answer slower than any client waits for (60 s).
    Slow,
    /// The connection is dropped without an answer.
    Drop,
    /// `status: 1` with fields of the wrong type.
    WrongTypes,
    /// `status: 1` with required fields missing.
    MissingFields,
    /// `status: 0` with a message no one has seen before.
    UnknownMsg,
    /// A valid `orders` answer with 20,000 rentals.
    Huge,
    /// The request is done (a paid one charges), then the connection is dropped before
    /// its answer (after the status line, so the browser does not resend it).
    DropAfter,
}

impl std::str::FromStr for FaultKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        serde_json::from_value(serde_json::Value::String(s.to_owned()))
            .map_err(|_| format!("unknown fault {s:?}"))
    }
}

/// A fault to apply: to one method or `*`, for `times` requests (none: until cleared).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// A rent.php method, `getBalance`, or `*` for all.
    pub method: String,
    /// How to fail; none clears the method's fault.
    pub kind: Option<FaultKind>,
    /// For how many requests.
    #[serde(default)]
    pub times: Option<u32>,
    /// How many requests pass untouched first (`after: 2`: the third one fails), so a
    /// test can fail one call in the middle of a run of them.
    #[serde(default)]
    pub after: Option<u32>,
}

/// The faults in force.
#[derive(Default)]
pub struct Faults(Mutex<HashMap<String, Armed>>);

/// A fault in force: how, for how many more requests, after how many more pass.
#[derive(Debug, Clone, Copy)]
struct Armed {
    kind: FaultKind,
    times: Option<u32>,
    after: u32,
}

/// What the handler does about a fault.
pub enum Injected {
    /// Answer this instead.
    Answer(Response),
    /// Wait this long, then drop the connection.
    Stall(Duration),
    /// Drop the connection now.
    Drop,
    /// Do the request, then drop the connection instead of answering.
    DropAfter,
}

impl Faults {
    /// Sets or clears a rule.
    pub fn set(&self, rule: FaultRule) {
        let mut faults = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match rule.kind {
            Some(kind) => {
                let armed = Armed {
                    kind,
                    times: rule.times,
                    after: rule.after.unwrap_or(0),
                };
                faults.insert(rule.method, armed);
            }
            None => {
                faults.remove(&rule.method);
            }
        }
    }

    /// The fault for `method` now, counting one use.
    fn take(&self, method: &str) -> Option<FaultKind> {
        let mut faults = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let key = [method, "*"]
            .into_iter()
            .find(|k| faults.contains_key(*k))?
            .to_owned();
        let armed = faults.get_mut(&key)?;
        if armed.after > 0 {
            armed.after -= 1;
            return None;
        }
        let kind = armed.kind;
        if let Some(n) = &mut armed.times {
            *n = n.saturating_sub(1);
            if *n == 0 {
                faults.remove(&key);
            }
        }
        Some(kind)
    }

    /// What to do for a request to `method`, if a fault is in force.
    pub fn inject(&self, method: &str) -> Option<Injected> {
        let json = |body: String| {
            Injected::Answer(
                (
                    [
                        (header::CONTENT_TYPE, "application/json"),
                        (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                    ],
                    body,
                )
                    .into_response(),
            )
        };
        Some(match self.take(method)? {
            FaultKind::Html502 => Injected::Answer(
                (
                    StatusCode::BAD_GATEWAY,
                    [(header::CONTENT_TYPE, "text/html"), (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")],
                    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><script>window.__owned=1</script></body></html>",
                )
                    .into_response(),
            ),
            FaultKind::Empty => json(String::new()),
            FaultKind::Truncated => json(r#"{"status":1,"data":[{"id":40300,"scode":"opt1"#.into()),
            FaultKind::RateLimited => Injected::Answer(
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")],
                    Body::from("Too Many Requests"),
                )
                    .into_response(),
            ),
            FaultKind::Slow => Injected::Stall(Duration::from_secs(60)),
            FaultKind::Drop => Injected::Drop,
            FaultKind::WrongTypes => json(
                r#"{"status":1,"data":[{"id":{"x":1},"state":"active","pnumber":[1],"until":"soon","price_day":"cheap","name":5,"service":true,"count":"many","code":null}]}"#.into(),
            ),
            FaultKind::MissingFields => json(r#"{"status":1,"data":[{"sname":"Ghost"}]}"#.into()),
            FaultKind::UnknownMsg => json(
                r#"{"status":0,"msg":"Υπηρεσία μη διαθέσιμη \u202eevil\u202c <script>window.__owned=1</script>"}"#.into(),
            ),
            FaultKind::Huge => json(huge_orders()),
            FaultKind::DropAfter => Injected::DropAfter,
        })
    }
}

/// A valid `orders` answer with 20,000 rentals.
fn huge_orders() -> String {
    let rows: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"id":{},"scode":"opt1","sname":"Google","state":1,"pnumber":"9{:09}","ccode":"+7","cname":"RU","hasnewsms":false,"until":4102444800,"canprolong":false,"canprolongmax":0,"canprolonguntil":4102444800}}"#,
                900_000 + i,
                i
            )
        })
        .collect();
    format!(r#"{{"status":1,"data":[{}]}}"#, rows.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_count_down_and_clear() {
        let faults = Faults::default();
        faults.set(FaultRule {
            method: "orders".into(),
            kind: Some(FaultKind::Empty),
            times: Some(2),
            after: None,
        });
        assert!(faults.take("orders").is_some());
        assert!(faults.take("getdata").is_none());
        assert!(faults.take("orders").is_some());
        assert!(faults.take("orders").is_none());
        faults.set(FaultRule {
            method: "*".into(),
            kind: Some(FaultKind::Drop),
            times: None,
            after: None,
        });
        assert_eq!(faults.take("sms"), Some(FaultKind::Drop));
        faults.set(FaultRule {
            method: "*".into(),
            kind: None,
            times: None,
            after: None,
        });
        assert!(faults.take("sms").is_none());
        faults.set(FaultRule {
            method: "create".into(),
            kind: Some(FaultKind::DropAfter),
            times: Some(1),
            after: Some(2),
        });
        assert!(faults.take("create").is_none());
        assert!(faults.take("create").is_none());
        assert_eq!(
            faults.take("create"),
            Some(FaultKind::DropAfter),
            "the third"
        );
        assert!(faults.take("create").is_none());
        assert!("html502".parse::<FaultKind>().is_ok() && "nope".parse::<FaultKind>().is_err());
    }

    #[test]
    fn the_huge_answer_is_valid() {
        assert_eq!(
            rent_api::decode::orders(&huge_orders()).unwrap().len(),
            20_000
        );
    }
}
