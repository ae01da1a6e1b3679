//! "Notify me of new SMS": the browser's Notification API behind a remembered switch, and
//! the tab's favicon with a badge. Permission is asked only when the person turns it on.

use crate::browser::storage;
use crate::i18n::Msg;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// The switch and why it cannot be on.
#[derive(Debug, Clone, Copy)]
pub struct NotifySwitch {
    /// On: new SMS are notified, and the list refreshes in a hidden tab too.
    pub on: RwSignal<bool>,
    /// Why the browser does not let it be on.
    pub blocked: RwSignal<Option<Msg>>,
}

fn supported() -> bool {
    js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).unwrap_or(false)
}

impl NotifySwitch {
    /// The switch as remembered; off when the browser no longer allows notifications.
    /// Turned on or off in another tab, it follows (the leading tab is the one notifying).
    pub fn load() -> NotifySwitch {
        let wanted = storage::get(storage::keys::NOTIFY).as_deref() == Some("on");
        let granted =
            || supported() && Notification::permission() == NotificationPermission::Granted;
        let on = RwSignal::new(wanted && granted());
        let follow = storage::on_change(move |key, value| {
            if key.is_none() || key.as_deref() == Some(storage::keys::NOTIFY) {
                on.try_set(value.as_deref() == Some("on") && granted());
            }
        });
        on_cleanup(move || follow.remove());
        NotifySwitch {
            on,
            blocked: RwSignal::new(
                (wanted
                    && supported()
                    && Notification::permission() == NotificationPermission::Denied)
                    .then_some(Msg::NotifyBlocked),
            ),
        }
    }

    /// Turns the switch on (asking for permission first) or off, and remembers it.
    pub fn set(self, on: bool) {
        self.blocked.set(None);
        if !on {
            self.on.set(false);
            storage::set(storage::keys::NOTIFY, None);
            return;
        }
        if !supported() {
            self.blocked.set(Some(Msg::NotifyUnsupported));
            return;
        }
        leptos::task::spawn_local(async move {
            let asked = match Notification::request_permission() {
                Ok(promise) => JsFuture::from(promise).await.ok(),
                Err(_) => None,
            };
            let granted = asked.and_then(|v| v.as_string()).as_deref() == Some("granted")
                || Notification::permission() == NotificationPermission::Granted;
            if granted {
                self.on.set(true);
                storage::set(storage::keys::NOTIFY, Some("on"));
            } else {
                self.on.set(false);
                self.blocked.set(Some(Msg::NotifyBlocked));
            }
        });
    }
}

/// Shows one notification; `on_click` runs when it is clicked, after the tab is focused.
pub fn show(title: &str, body: &str, tag: &str, on_click: impl Fn() + 'static) {
    let options = NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    let Ok(note) = Notification::new_with_options(title, &options) else {
        return;
    };
    let closure = Closure::<dyn Fn()>::new(move || {
        let _ = window().focus();
        on_click();
    });
    note.set_onclick(Some(closure.as_ref().unchecked_ref()));
    closure.forget();
}

/// The tab's favicon: the app's own, or with a badge counting rentals with new SMS.
pub fn set_favicon_badge(count: usize) {
    let Ok(Some(link)) = document().query_selector("link[rel=icon]") else {
        return;
    };
    let href = if count == 0 {
        "/favicon.svg".to_owned()
    } else {
        let label = if count > 9 {
            "9+".to_owned()
        } else {
            count.to_string()
        };
        let svg = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>\
             <rect width='32' height='32' rx='7' fill='#2563eb'/>\
             <path d='M11 6h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H11a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2zm1 3v12h8V9z' fill='#fff'/>\
             <circle cx='22' cy='10' r='10' fill='#d0342c'/>\
             <text x='22' y='14.5' font-size='13' font-family='sans-serif' font-weight='700' \
             text-anchor='middle' fill='#fff'>{label}</text></svg>"
        );
        format!(
            "data:image/svg+xml,{}",
            String::from(js_sys::encode_uri_component(&svg))
        )
    };
    let _ = link.set_attribute("href", &href);
}
