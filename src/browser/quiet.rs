//! When the first page has had its turn, so background work (fetching the on-demand parts)
//! does not compete with what the person is waiting for.

use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Resolves after the page's `load`, once the service worker is active (it stores this
/// build's files, so what follows is read from its cache rather than fetched twice) or 10 s
/// passed without one, and then when the browser is idle.
pub async fn after_first_page() {
    let Some(window) = web_sys::window() else {
        return;
    };
    while window
        .document()
        .is_some_and(|d| d.ready_state() != "complete")
    {
        TimeoutFuture::new(250).await;
    }
    let ready = Reflect::get(&window.navigator(), &"serviceWorker".into())
        .ok()
        .filter(|sw| !sw.is_undefined())
        .and_then(|sw| Reflect::get(&sw, &"ready".into()).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    if let Some(ready) = ready {
        let limit = call_later(&window, "setTimeout", 10_000);
        let _ = JsFuture::from(Promise::race(&Array::of2(&ready, &limit))).await;
    }
    TimeoutFuture::new(1_000).await;
    // Safari has no requestIdleCallback: a short timer stands in.
    let _ = JsFuture::from(call_later(&window, "requestIdleCallback", 2_000)).await;
}

/// The person asked their browser to save data (`Save-Data`, Chrome's "Lite" modes):
/// then nothing is fetched ahead, each part comes when it is needed.
pub fn saves_data() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"connection".into()).ok())
        .filter(|c| c.is_object())
        .and_then(|c| Reflect::get(&c, &"saveData".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// A promise resolved by `window[name](resolve, ms)`: `setTimeout`, or `requestIdleCallback`
/// with a deadline (a 200 ms timer where the browser has none).
fn call_later(window: &web_sys::Window, name: &str, ms: i32) -> Promise {
    let target = Reflect::get(window, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let mut start = |resolve: Function, _reject: Function| {
        let done = match &target {
            Some(f) if name == "requestIdleCallback" => {
                let options = js_sys::Object::new();
                let _ = Reflect::set(&options, &"timeout".into(), &JsValue::from(ms));
                f.call2(window, &resolve, &options)
            }
            Some(f) => f.call2(window, &resolve, &JsValue::from(ms)),
            None => window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200)
                .map(JsValue::from),
        };
        if done.is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    };
    Promise::new(&mut start)
}
