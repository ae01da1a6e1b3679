//! The browser's localStorage, where rentdesk keeps its settings. Storage may be blocked
//! (private modes, policies): then reads find nothing and writes are dropped, never a panic.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored value of `key`.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`, or removes the key for `None`.
pub fn set(key: &str, value: Option<&str>) {
    if let Some(storage) = local() {
        let _ = match value {
            Some(v) => storage.set_item(key, v),
            None => storage.remove_item(key),
        };
    }
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
}
