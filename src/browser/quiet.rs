//! When the first page has had its turn, so background work (the service worker's copy of
//! the build, fetching the on-demand parts) does not compete with what the person is waiting
//! for on a slow link.

use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Function, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The promise `after_first_page` waits for, and its resolve (taken when called).
    static PAGE_READY: RefCell<(Option<Function>, Option<Promise>)> = const { RefCell::new((None, None)) };
}

/// The first page shows what the person came for (the rent page its services and prices;
/// another page its part). Later calls do nothing.
pub fn first_page_ready() {
    let _ = page_ready();
    let resolve = PAGE_READY.with(|r| r.borrow_mut().0.take());
    if let Some(resolve) = resolve {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

fn page_ready() -> Promise {
    PAGE_READY.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(p) = &r.1 {
            return p.clone();
        }
        let mut keep = None;
        let promise = Promise::new(&mut |resolve, _| keep = Some(resolve));
        *r = (keep, Some(promise.clone()));
        promise
    })
}

/// Resolves once the page has loaded and the first page is ready (or 8 s passed), and the
/// browser is idle. Then registers the service worker (public/boot.js), whose install copies
/// this build's files (every part included), and waits until it is active (at most 10 s), so
/// what follows reads from its cache rather than fetching twice. True when it is active.
pub async fn after_first_page() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let ready = page_ready();
    while window
        .document()
        .is_some_and(|d| d.ready_state() != "complete")
    {
        TimeoutFuture::new(250).await;
    }
    let limit = call_later(&window, "setTimeout", 8_000);
    let _ = JsFuture::from(Promise::race(&Array::of2(&ready, &limit))).await;
    // Safari has no requestIdleCallback: a short timer stands in.
    let _ = JsFuture::from(call_later(&window, "requestIdleCallback", 2_000)).await;
    let worker = Reflect::get(&window, &"rentdeskWorker".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|register| register.call0(&window).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let Some(worker) = worker else {
        return false;
    };
    // The worker's registration when it is active; nothing after the limit or a failure.
    let limit = call_later(&window, "setTimeout", 10_000);
    JsFuture::from(Promise::race(&Array::of2(&worker, &limit)))
        .await
        .is_ok_and(|active| active.is_object())
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
