//! Request ids: a rent.php call that carries `rid=…` is done once per key and id. A browser
//! resends a GET whose reused connection closed before any answer, so a paid call can
//! arrive twice; the repeat gets the first answer (for ten minutes) instead of a second
//! charge. The rule knows no method: every paid method, present or future, has it.

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long a first answer is kept for repeats.
pub const HOLD: Duration = Duration::from_secs(600);
/// The most ids kept; past it the oldest go first (hostile ids can't grow it).
const CAP: usize = 50_000;

/// An answer as it was sent, to send again.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// HTTP status.
    pub status: StatusCode,
    /// `Content-Type`, if any.
    pub content_type: Option<HeaderValue>,
    /// The whole body.
    pub body: Bytes,
}

impl Recorded {
    /// A JSON answer with status 200.
    pub fn json(body: Bytes) -> Recorded {
        Recorded {
            status: StatusCode::OK,
            content_type: Some(HeaderValue::from_static("application/json")),
            body,
        }
    }
}

impl IntoResponse for Recorded {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body).into_response();
        if let Some(ct) = self.content_type {
            response.headers_mut().insert(header::CONTENT_TYPE, ct);
        }
        response
    }
}

struct Entry {
    /// The query without its id: the same id on another request is refused.
    request: String,
    at: Instant,
    answer: watch::Receiver<Option<Recorded>>,
}

/// The ids seen in the last [`HOLD`] and their answers.
#[derive(Default)]
pub struct Replays(Mutex<HashMap<(String, String), Entry>>);

enum Claim {
    First(watch::Sender<Option<Recorded>>),
    Again(watch::Receiver<Option<Recorded>>),
    Conflict,
}

/// Why a call with an id got no answer of its own.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The id was used for another request.
    Reused,
    /// The first call with this id failed inside the server.
    Lost,
}

/// The `rid` of a query and the rest of it, when it has one (and a key).
pub fn request_id(query: &[(String, String)]) -> Option<(String, String, String)> {
    let find = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let rid = find("rid")?;
    let key = find("apikey")?;
    let rest: Vec<String> = query
        .iter()
        .filter(|(k, _)| k != "rid")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    Some((key, rid, rest.join("&")))
}

impl Replays {
    fn claim(&self, key: String, rid: String, request: String) -> Claim {
        let mut entries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        entries.retain(|_, e| now.duration_since(e.at) < HOLD);
        if let Some(e) = entries.get(&(key.clone(), rid.clone())) {
            return if e.request == request {
                Claim::Again(e.answer.clone())
            } else {
                Claim::Conflict
            };
        }
        if entries.len() >= CAP {
            let oldest = entries
                .iter()
                .min_by_key(|(_, e)| e.at)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                entries.remove(&k);
            }
        }
        let (tx, rx) = watch::channel(None);
        entries.insert(
            (key, rid),
            Entry {
                request,
                at: now,
                answer: rx,
            },
        );
        Claim::First(tx)
    }

    /// The answer of `work`, run once for this key and id: a repeat waits for the first
    /// and gets its answer. `work` runs on its own task, so a client that goes away does not
    /// stop it between the charge and the record.
    pub async fn once<F>(
        &self,
        (key, rid, request): (String, String, String),
        work: F,
    ) -> Result<Recorded, Refused>
    where
        F: Future<Output = Recorded> + Send + 'static,
    {
        let mut answer = match self.claim(key, rid, request) {
            Claim::Conflict => return Err(Refused::Reused),
            Claim::Again(rx) => rx,
            Claim::First(tx) => {
                let rx = tx.subscribe();
                tokio::spawn(async move {
                    let recorded = work.await;
                    tx.send_replace(Some(recorded));
                });
                rx
            }
        };
        let seen = answer.wait_for(Option::is_some).await;
        seen.ok().and_then(|a| a.clone()).ok_or(Refused::Lost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn id(rid: &str, rest: &str) -> (String, String, String) {
        ("k".into(), rid.into(), rest.into())
    }

    #[tokio::test]
    async fn a_repeated_id_gets_the_first_answer_without_running_again() {
        let replays = Arc::new(Replays::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let work = |n: &'static str| {
            let runs = runs.clone();
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(50)).await;
                Recorded::json(Bytes::from(n))
            }
        };
        let (a, b) = tokio::join!(
            replays.once(id("1", "m=create"), work("first")),
            replays.once(id("1", "m=create"), work("second")),
        );
        assert_eq!(a.unwrap().body, "first");
        assert_eq!(b.unwrap().body, "first");
        let other = replays.once(id("2", "m=create"), work("other")).await;
        assert_eq!(other.unwrap().body, "other");
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        let reused = replays.once(id("1", "m=prolong"), work("x")).await;
        assert_eq!(reused.unwrap_err(), Refused::Reused);
    }

    #[test]
    fn only_queries_with_a_key_and_an_id_take_part() {
        let q = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            request_id(&q(&[("method", "create"), ("rid", "r1"), ("apikey", "k")])),
            Some(("k".into(), "r1".into(), "method=create&apikey=k".into()))
        );
        assert_eq!(
            request_id(&q(&[("method", "create"), ("apikey", "k")])),
            None
        );
        assert_eq!(request_id(&q(&[("method", "create"), ("rid", "r1")])), None);
    }
}
