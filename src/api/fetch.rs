//! One GET with a time limit and, for reads, cancellation when the view that asked is gone.

use super::{ApiFailure, ApiResult};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use leptos::prelude::Owner;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;

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
/// the body carries one (the sandbox's proxy does), else the status.
pub async fn get(url: &str, timeout_ms: u32, cancel_with_view: bool) -> ApiResult<String> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let flag = timed_out.clone();
        Timeout::new(timeout_ms, move || {
            flag.set(true);
            c.abort();
        })
    });
    if cancel_with_view {
        if let Some(c) = controller.clone() {
            let c = SendWrapper::new(c);
            Owner::on_cleanup(move || c.abort());
        }
    }
    let signal = controller.as_ref().map(|c| c.signal());
    let failed = |_| {
        if timed_out.get() {
            ApiFailure::Timeout
        } else {
            ApiFailure::Network
        }
    };
    let response = Request::get(url)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(failed)?;
    let status = response.status();
    let body = response.text().await.map_err(failed)?;
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
