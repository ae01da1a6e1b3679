//! What the app says about itself: that the browser is offline (the app still opens from
//! the service worker's copy), that a new version was installed and opens on reload, and,
//! once, that this browser's storage is blocked or full so nothing will be remembered, and
//! that a batch confirmed was not started because storage refused to keep it.

use crate::browser::storage;
use crate::i18n::Msg;
use crate::state::batches::use_batches;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// The offline and new-version notes, above the page.
#[component]
pub fn AppNotices() -> impl IntoView {
    let settings = use_settings();
    let online = RwSignal::new(window().navigator().on_line());
    let update_ready = RwSignal::new(update_installed());
    let storage_lost = RwSignal::new(false);
    let not_kept = use_batches().not_kept;
    storage::on_failure(move || {
        storage_lost.try_set(true);
    });
    let listeners = [
        window_event_listener(leptos::ev::online, move |_| online.set(true)),
        window_event_listener(leptos::ev::offline, move |_| online.set(false)),
        window_event_listener(
            leptos::ev::Custom::<web_sys::Event>::new("rentdesk-update"),
            move |_| update_ready.set(true),
        ),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <Show when=move || !online.get()>
            <p class="note app-note" role="status" data-testid="offline">{settings.text(Msg::Offline)}</p>
        </Show>
        <Show when=move || storage_lost.get()>
            <div class="note app-note" role="status" data-testid="storage-note">
                <p>{settings.text(Msg::StorageUnavailable)}</p>
                <button type="button" class="secondary" on:click=move |_| storage_lost.set(false)>{settings.text(Msg::Close)}</button>
            </div>
        </Show>
        <Show when=move || not_kept.get()>
            <div class="note app-note warn" role="alert" data-testid="batch-not-kept">
                <p>{settings.text(Msg::BatchNotKept)}</p>
                <button type="button" class="secondary" on:click=move |_| not_kept.set(false)>{settings.text(Msg::Close)}</button>
            </div>
        </Show>
        <Show when=move || update_ready.get()>
            <div class="note app-note update" role="status" data-testid="update-ready">
                <p>{settings.text(Msg::UpdateReady)}</p>
                <button type="button" class="secondary" on:click=reload>{settings.text(Msg::UpdateReload)}</button>
            </div>
        </Show>
    }
}

/// Whether boot.js saw a new build take over before the app was mounted.
fn update_installed() -> bool {
    document()
        .document_element()
        .is_some_and(|root| root.get_attribute("data-update").as_deref() == Some("ready"))
}
