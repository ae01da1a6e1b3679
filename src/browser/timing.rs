//! Named timings in the browser's performance timeline, so the benchmarks can read what the
//! work on 20,000 rentals costs (decoding, taking a new list, ordering) without a debugger.

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
