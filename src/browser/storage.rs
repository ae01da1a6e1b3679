//! The browser's localStorage, where rentdesk keeps its settings. Storage may be blocked
//! (private modes, policies) or full: then reads find nothing and writes are dropped,
//! never a panic, and the app is told once ([`on_failure`]) so it can say so.

use std::cell::{Cell, RefCell};

thread_local! {
    static FAILED: Cell<bool> = const { Cell::new(false) };
    static ON_FAILURE: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Storage let us down: tell the app, once.
fn failed() {
    if !FAILED.with(|f| f.replace(true)) {
        ON_FAILURE.with(|listener| {
            if let Some(listener) = listener.borrow().as_ref() {
                listener();
            }
        });
    }
}

fn local() -> Option<web_sys::Storage> {
    let storage = web_sys::window()?.local_storage().ok().flatten();
    if storage.is_none() {
        failed();
    }
    storage
}

/// Runs `listener` the first time storage is found blocked or a write is refused (full),
/// at once if that has already happened.
pub fn on_failure(listener: impl Fn() + 'static) {
    if FAILED.with(Cell::get) {
        listener();
    }
    ON_FAILURE.with(|l| *l.borrow_mut() = Some(Box::new(listener)));
}

/// The stored value of `key`.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`, or removes the key for `None`; whether it was written.
pub fn set(key: &str, value: Option<&str>) -> bool {
    let Some(storage) = local() else {
        return false;
    };
    let written = match value {
        Some(v) => storage.set_item(key, v),
        None => storage.remove_item(key),
    }
    .is_ok();
    if !written {
        failed();
    }
    written
}

/// Whether storage takes a write now (it may be blocked, or full).
pub fn writable() -> bool {
    const PROBE: &str = "rentdesk.probe";
    let Some(storage) = local() else {
        return false;
    };
    let ok = storage.set_item(PROBE, "1").is_ok();
    let _ = storage.remove_item(PROBE);
    ok
}

/// Stores a copy the app can do without (a cache): a refused write removes the old copy
/// quietly instead of telling the person that nothing is remembered.
pub fn set_copy(key: &str, value: &str) {
    if let Some(storage) = local() {
        if storage.set_item(key, value).is_err() {
            let _ = storage.remove_item(key);
        }
    }
}

/// A change another tab made to storage: the key (`None`: all cleared) and its new value.
pub fn on_change(
    change: impl Fn(Option<String>, Option<String>) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener(leptos::ev::storage, move |event| {
        change(event.key(), event.new_value());
    })
}

/// Storage keys, in one place so nothing else spells them.
pub mod keys {
    /// The API key.
    pub const API_KEY: &str = "rentdesk.key";
    /// The API address (absent: the app's origin).
    pub const API_BASE: &str = "rentdesk.api";
    /// `de` or `en` (absent: the browser's language).
    pub const LANG: &str = "rentdesk.lang";
    /// `light` or `dark` (absent: the system's). `public/boot.js` reads it too.
    pub const THEME: &str = "rentdesk.theme";
    /// `on` while "Notify me of new SMS" is on.
    pub const NOTIFY: &str = "rentdesk.notify";
    /// SMS already notified or shown, so none is notified twice (also across reloads).
    pub const SMS_SEEN: &str = "rentdesk.sms-seen";
    /// Rentals whose newest SMS has not been opened yet.
    pub const SMS_UNREAD: &str = "rentdesk.sms-unread";
    /// Favourite service codes, comma-separated, oldest first.
    pub const FAVOURITES: &str = "rentdesk.favourites";
    /// Labels, notes and keep marks by number.
    pub const NUMBERS: &str = "rentdesk.numbers";
    /// Automatic prolonging: the switch, the monthly limit, each number's rule.
    pub const AUTO_PROLONG: &str = "rentdesk.auto-prolong";
    /// What automatic prolonging did, newest first.
    pub const AUTO_LOG: &str = "rentdesk.auto-prolong-log";
    /// How many inbox messages are not opened yet (the header's count).
    pub const INBOX_UNREAD: &str = "rentdesk.inbox-unread";
    /// Where the person last read SMS: `inbox` or `rentals` (a notification opens there).
    pub const LAST_VIEW: &str = "rentdesk.last-view";
    /// How many messages the inbox keeps.
    pub const INBOX_KEEP: &str = "rentdesk.inbox-keep";
    /// The rent page's last `getdata` answer, shown at once on the next visit.
    pub const LAST_CATALOGUE: &str = "rentdesk.last-catalogue";
    /// Each rental expiry automatic prolonging tried, so no tab tries it twice.
    pub const AUTO_ATTEMPTS: &str = "rentdesk.auto-prolong-attempts";
    /// `compact` or `comfortable`: how My rentals draws its rows (absent: by their count).
    pub const DENSITY: &str = "rentdesk.density";
    /// Batches of rentals: each one's plan and every step's outcome, oldest first.
    pub const BATCHES: &str = "rentdesk.batches";
    /// The batch lock of a browser without Web Locks (see `stored_lock`).
    pub const BATCH_LOCK: &str = "rentdesk.batch-lock";
    /// The number of numbers the rent page rents at once.
    pub const RENT_COUNT: &str = "rentdesk.rent.count";
}
