//! The rent page's first reads, sent by boot.js before the wasm arrives, so on a slow link
//! they travel beside the wasm instead of after it. The app leaves the list for the next
//! start in storage; boot.js keeps each answer under its exact URL, and a read of that URL
//! takes it once, while it is fresh. Only the catalogue reads qualify: no key, no charge.

use crate::browser::storage;
use wasm_bindgen::{JsCast, JsValue};

/// Where the list for the next start is kept (read by boot.js).
const STORAGE_KEY: &str = "rentdesk.early";
/// An answer older than this is not taken: the app asks again.
const FRESH_MS: f64 = 30_000.0;

/// A read boot.js started: its response and what aborts it.
pub struct EarlyRead {
    pub response: js_sys::Promise,
    pub controller: web_sys::AbortController,
}

/// The read boot.js started for `url`, once; `None` when there is none or it is stale.
pub fn take(url: &str) -> Option<EarlyRead> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &JsValue::from_str("rentdeskEarly")).ok()?;
    if early.is_undefined() || early.is_null() {
        return None;
    }
    let at = get(&early, "at")?.as_f64()?;
    let reads: js_sys::Map = get(&early, "reads")?.dyn_into().ok()?;
    let now = window.performance()?.now();
    if now - at > FRESH_MS {
        reads.clear();
        return None;
    }
    let key = JsValue::from_str(url);
    let read = reads.get(&key);
    reads.delete(&key);
    Some(EarlyRead {
        response: get(&read, "response")?.dyn_into().ok()?,
        controller: get(&read, "controller")?.dyn_into().ok()?,
    })
}

fn get(object: &JsValue, field: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(field))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Leaves `urls` for boot.js to send at the next start.
pub fn remember(urls: &[String]) {
    let list = js_sys::Array::new();
    for url in urls {
        list.push(&JsValue::from_str(url));
    }
    let text = js_sys::JSON::stringify(&list)
        .ok()
        .and_then(|s| s.as_string());
    storage::set(STORAGE_KEY, text.as_deref());
}
