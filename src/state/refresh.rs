//! The rentals table's refresh rhythm: every 30 seconds while the tab is visible, at once
//! when it becomes visible again, and after a failure sooner, backing off.

use std::time::Duration;

/// The rent page's promise: data is refreshed every 30 seconds.
pub const EVERY: Duration = Duration::from_secs(30);
/// [`EVERY`] in browser milliseconds.
pub const EVERY_MS: f64 = 30_000.0;
/// A tab that does not lead asks itself when no tab's answer came for this long (a
/// leader frozen in the background).
pub const WATCHDOG_MS: f64 = 75_000.0;
/// Without Web Locks: the spread of the random head start that picks the tab that asks
/// when the leader's answer is overdue (2 to 7 s after the period).
pub const SPREAD_MS: f64 = 5_000.0;
/// How long a tab that opens My rentals waits for the leader's list before asking itself.
pub const HELLO_WAIT_MS: u64 = 1_500;
/// How soon the leader asks after another tab's paid action (unless that tab's own fresh
/// list arrives first).
pub const AFTER_CHANGE_MS: u64 = 1_000;

/// The wait before the next try after `failures` failures in a row: 5 s, 10 s, 20 s,
/// then the normal 30 s.
pub fn retry_after(failures: u32) -> Duration {
    match failures {
        0 => EVERY,
        n => Duration::from_secs(5u64 << (n - 1).min(3)).min(EVERY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_back_off_up_to_the_normal_rhythm() {
        let secs = |n| retry_after(n).as_secs();
        assert_eq!(
            (secs(0), secs(1), secs(2), secs(3), secs(4), secs(9)),
            (30, 5, 10, 20, 30, 30)
        );
    }
}
