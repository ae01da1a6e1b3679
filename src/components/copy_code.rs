//! A code found in an SMS with a button that copies it, and what the copy did.

use crate::browser::clipboard;
use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `code` as text, a Copy button, and a polite note when it was copied (or could not be).
#[component]
pub fn CopyCode(code: String, testid: &'static str) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    let shown = code.clone();
    view! {
        <span class="sms-code">
            <code data-testid=testid>{shown}</code>
            <button type="button" class="secondary" on:click=move |_| {
                let code = code.clone();
                spawn_local(async move {
                    let ok = clipboard::copy(&code).await;
                    copied.try_set(Some(ok));
                });
            }>{settings.text(Msg::CopyCode)}</button>
            <span aria-live="polite">{move || copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}</span>
        </span>
    }
}
