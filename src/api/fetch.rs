//! One GET with a time limit and, for reads, cancellation when the view that asked is gone.

use super::early::EarlyRead;
use super::{ApiFailure, ApiResult};
use gloo_net::http::{Request, Response};
use gloo_timers::callback::Timeout;
use leptos::prelude::Owner;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;

/// `base?k=v&…` with every value percent-encoded.
pub fn url<V: AsRef<str>>(base: &str, query: &[(&str, V)]) -> String {
    let mut url = base.to_owned();
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(k);
        url.push('=');
        url.push_str(&String::from(js_sys::encode_uri_component(v.as_ref())));
    }
    url
}

/// GETs `url` and returns its body. An HTTP error status gives the API's own refusal when
/// the body carries one (the sandbox's proxy does), else the status. `early` is the same
/// read already sent by boot.js: its answer is taken instead, or the read is sent again
/// when that one never got an answer.
pub async fn get(
    url: &str,
    timeout_ms: u32,
    cancel_with_view: bool,
    early: Option<EarlyRead>,
) -> ApiResult<String> {
    if let Some(read) = early {
        let limits = Limits::new(read.controller, timeout_ms, cancel_with_view);
        let response = JsFuture::from(read.response)
            .await
            .map(|raw| Response::from(web_sys::Response::from(raw)));
        match response {
            Ok(response) => return limits.body_of(response).await,
            // Cut off by the time limit or by the view going away: not sent again.
            Err(_) if limits.controller.signal().aborted() => return Err(limits.failure()),
            Err(_) => {}
        }
    }
    let Ok(controller) = web_sys::AbortController::new() else {
        return Err(ApiFailure::Network);
    };
    let limits = Limits::new(controller, timeout_ms, cancel_with_view);
    let response = Request::get(url)
        .abort_signal(Some(&limits.controller.signal()))
        .send()
        .await
        .map_err(|_| limits.failure())?;
    limits.body_of(response).await
}

/// The time limit and view-bound cancellation of one request.
struct Limits {
    controller: web_sys::AbortController,
    timed_out: Rc<Cell<bool>>,
    _timer: Timeout,
}

impl Limits {
    fn new(controller: web_sys::AbortController, timeout_ms: u32, cancel_with_view: bool) -> Self {
        let timed_out = Rc::new(Cell::new(false));
        let _timer = {
            let (flag, c) = (timed_out.clone(), controller.clone());
            Timeout::new(timeout_ms, move || {
                flag.set(true);
                c.abort();
            })
        };
        if cancel_with_view {
            let c = SendWrapper::new(controller.clone());
            Owner::on_cleanup(move || c.abort());
        }
        Limits {
            controller,
            timed_out,
            _timer,
        }
    }

    fn failure(&self) -> ApiFailure {
        if self.timed_out.get() {
            ApiFailure::Timeout
        } else {
            ApiFailure::Network
        }
    }

    async fn body_of(&self, response: Response) -> ApiResult<String> {
        let status = response.status();
        // Bytes, not text: copying 5 MB of `orders` into the wasm is a memcpy, where a JS
        // string would be transcoded from UTF-16. Invalid UTF-8 reads as text() reads it.
        let bytes = response.binary().await.map_err(|_| self.failure())?;
        let body = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if (200..300).contains(&status) {
            return Ok(body);
        }
        match rent_api::decode::ok(&body) {
            Err(rent_api::ApiError::Refused { msg }) if !msg.is_empty() => {
                Err(ApiFailure::Refused(msg))
            }
            _ => Err(ApiFailure::Http(status)),
        }
    }
}
