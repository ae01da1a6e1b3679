//! Named timings in the browser's performance timeline, so the benchmarks can read what the
//! work on 20,000 rentals costs (decoding, taking a new list, ordering) without a debugger;
//! and the main thread given back between the pieces of such work.

use wasm_bindgen::JsCast;

/// Runs `work` and records its time as the performance measure `name` (only the latest is
/// kept, so a desk open all day does not fill the timeline).
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return work();
    };
    let start = format!("{name}:start");
    let _ = perf.mark(&start);
    let out = work();
    perf.clear_measures_with_measure_name(name);
    let _ = perf.measure_with_start_mark(name, &start);
    perf.clear_marks_with_mark_name(&start);
    out
}

/// Marks the start of work that spans several tasks, measured by [`measure_since_start`].
pub fn start(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(&format!("{name}:start"));
    }
}

/// Records the time since [`start`] of `name` as its performance measure.
pub fn measure_since_start(name: &str) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let start = format!("{name}:start");
    perf.clear_measures_with_measure_name(name);
    let _ = perf.measure_with_start_mark(name, &start);
    perf.clear_marks_with_mark_name(&start);
}

/// The browser's clock in milliseconds (0 where there is none).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Gives the main thread back until the browser has handled what waits (input, a frame):
/// `scheduler.yield()` where the engine has it (Chromium), which resumes ahead of other
/// work, else a zero timeout.
pub async fn give_way() {
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &"scheduler".into()).ok();
    let yield_fn = scheduler
        .as_ref()
        .filter(|s| s.is_object())
        .and_then(|s| js_sys::Reflect::get(s, &"yield".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let (Some(scheduler), Some(yield_fn)) = (scheduler, yield_fn) {
        if let Ok(promise) = yield_fn.call0(&scheduler) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                return;
            }
        }
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Marks a moment in the performance timeline (the start's steps, read by bench-start.js
/// from a trace).
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
