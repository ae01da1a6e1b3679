//! A lock for browsers without Web Locks, kept in localStorage: the holder writes its tab
//! and a time [`HOLD_MS`] ahead every [`BEAT_MS`], and another tab takes the lock once that
//! time has run out (the holder closed, crashed or froze). Two tabs asking in the same
//! instant could both write: each reads the value back, so the later writer holds it and
//! the other hears at its next beat that it lost it.

use crate::browser::storage;
use gloo_timers::callback::Interval;
use std::cell::Cell;

/// How often the holder renews the lock, and a waiting tab looks whether it is free.
const BEAT_MS: u32 = 2_000;
/// How long a lock holds without a renewal: a few beats, so a busy or throttled holder
/// (a background tab's timers run about once a second) keeps it.
const HOLD_MS: u64 = 10_000;

/// A request for the lock under a storage key, renewed until released or dropped.
pub struct StoredLock {
    key: &'static str,
    tab: String,
    _beat: Interval,
}

/// The holder's tab and until when (ms), whole numbers: formatting and parsing floats
/// would bring their code into the module every page starts with.
fn holder(key: &str) -> Option<(String, u64)> {
    let value = storage::get(key)?;
    let (tab, until) = value.split_once(' ')?;
    Some((tab.to_owned(), until.parse().ok()?))
}

/// Asks for the lock kept under `key`: `granted` runs when this tab gets it, `lost` if
/// another tab took it later (this tab was frozen past [`HOLD_MS`]).
pub fn request(
    key: &'static str,
    granted: impl Fn() + 'static,
    lost: impl Fn() + 'static,
) -> StoredLock {
    let tab = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
    let me = tab.clone();
    let held = Cell::new(false);
    let beat = move || {
        let now = js_sys::Date::now() as u64;
        let free = holder(key).is_none_or(|(t, until)| t == me || until < now);
        if free {
            storage::set(key, Some(&format!("{me} {}", now + HOLD_MS)));
        }
        let mine = holder(key).is_some_and(|(t, _)| t == me);
        if mine != held.replace(mine) {
            if mine {
                granted();
            } else {
                lost();
            }
        }
    };
    beat();
    StoredLock {
        key,
        tab,
        _beat: Interval::new(BEAT_MS, beat),
    }
}

impl StoredLock {
    /// Lets go: the beats stop, and the lock is free at once if this tab held it.
    pub fn release(self) {
        if holder(self.key).is_some_and(|(t, _)| t == self.tab) {
            storage::set(self.key, None);
        }
    }
}
