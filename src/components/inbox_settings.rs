//! Settings → Your data, for the inbox: how many messages this browser keeps, and deleting
//! them all (asked twice: it cannot be undone).

use crate::i18n::Msg;
use crate::state::inbox;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::inbox::{KEEP_MAX, KEEP_MIN};

/// The cap and the delete button.
#[component]
pub fn InboxSettings() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let keep = RwSignal::new(inbox::keep_limit().to_string());
    let saved = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let deleted: RwSignal<Option<bool>> = RwSignal::new(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(n) = keep.get_untracked().trim().parse::<usize>() {
            inbox::set_keep_limit(n);
        }
        keep.set(inbox::keep_limit().to_string());
        saved.set(true);
    };
    let delete = move |_| {
        asking.set(false);
        spawn_local(async move {
            let done = inbox::delete_all().await;
            deleted.try_set(Some(done));
        });
    };
    view! {
        <form novalidate on:submit=save class="inbox-keep">
            <label for="inbox-keep">{settings.text(Msg::InboxKeep)}</label>
            <div class="row">
                <input id="inbox-keep" type="number" inputmode="numeric" min=KEEP_MIN.to_string() max=KEEP_MAX.to_string()
                    prop:value=move || keep.get() on:input=move |ev| { saved.set(false); keep.set(event_target_value(&ev)); }/>
                <button type="submit">{settings.text(Msg::Save)}</button>
            </div>
            {move || saved.get().then(|| view! { <p class="note ok" role="status">{t(Msg::AutoSaved)}</p> })}
        </form>
        <div class="row">
            <button type="button" class="secondary danger" data-testid="inbox-delete-all"
                on:click=move |_| { deleted.set(None); asking.set(true); }>
                {settings.text(Msg::InboxDeleteAll)}
            </button>
        </div>
        {move || asking.get().then(|| view! {
            <div class="note warn" role="alert">
                <p>{t(Msg::InboxDeleteSure)}</p>
                <div class="row">
                    <button type="button" class="danger" on:click=delete>{t(Msg::InboxDeleteAll)}</button>
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>{t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        {move || deleted.get().map(|ok| if ok {
            view! { <p class="note ok" role="status">{t(Msg::InboxDeleted)}</p> }.into_any()
        } else {
            view! { <p class="note error" role="alert">{t(Msg::InboxStorageFailed)}</p> }.into_any()
        })}
    }
}
