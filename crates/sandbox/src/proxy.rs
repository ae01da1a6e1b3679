//! `--upstream URL`: forwards rent.php and handler_api.php calls unchanged to a real API
//! and streams its answers back, so the browser app can use a real account from this
//! origin (the live API sends no CORS headers).

use crate::replay::Recorded;
use axum::body::Body;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::time::Duration;

/// A client for one upstream API.
pub struct Proxy {
    base: String,
    client: reqwest::Client,
}

impl Proxy {
    /// A proxy to `base` (`https://host`, no trailing path).
    pub fn new(base: &str) -> Result<Proxy, Box<dyn std::error::Error + Send + Sync>> {
        let base = base.trim_end_matches('/').to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(format!("--upstream must be an http(s) URL, not {base:?}").into());
        }
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .build()?;
        Ok(Proxy { base, client })
    }

    /// Sends the same method, path and query upstream; streams back status, type and body.
    pub async fn forward(&self, method: &Method, uri: &Uri) -> Response {
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let url = format!("{}{}", self.base, path);
        let method =
            reqwest::Method::from_bytes(method.as_str().as_bytes()).unwrap_or(reqwest::Method::GET);
        match self.client.request(method, &url).send().await {
            Ok(upstream) => {
                let status = StatusCode::from_u16(upstream.status().as_u16())
                    .unwrap_or(StatusCode::BAD_GATEWAY);
                let content_type = upstream
                    .headers()
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok());
                let mut response = Response::new(Body::from_stream(upstream.bytes_stream()));
                *response.status_mut() = status;
                if let Some(ct) = content_type {
                    response.headers_mut().insert(header::CONTENT_TYPE, ct);
                }
                response
            }
            Err(e) => (
                StatusCode::BAD_GATEWAY,
                axum::Json(json!({
                    "status": 0,
                    "msg": format!("The upstream API could not be reached: {}", without_url(&e)),
                })),
            )
                .into_response(),
        }
    }
}

impl Proxy {
    /// Like [`Proxy::forward`], with the whole answer read, so a repeat of the request
    /// (same key and request id) can be given the same answer.
    pub async fn recorded(&self, method: &Method, uri: &Uri) -> Recorded {
        let response = self.forward(method, uri).await;
        let status = response.status();
        let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
        match axum::body::to_bytes(response.into_body(), MAX_ANSWER).await {
            Ok(body) => Recorded {
                status,
                content_type,
                body,
            },
            Err(_) => Recorded::json(
                json!({
                    "status": 0,
                    "msg": "The upstream API's answer was cut off",
                })
                .to_string()
                .into(),
            ),
        }
    }
}

/// The largest upstream answer kept for repeats.
const MAX_ANSWER: usize = 16 * 1024 * 1024;

/// The error without its URL, which carries the API key in its query.
fn without_url(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "connection failed".into()
    } else {
        "request failed".into()
    }
}
