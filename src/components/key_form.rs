//! Entering an API key: checked with the API before it is saved.

use crate::api::{sandbox_demo_key, ApiFailure};
use crate::i18n::Msg;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// A key field with Save; with `offer_demo`, the sandbox's demo key in one click.
#[component]
pub fn KeyForm(
    /// Offer the sandbox's demo key when the app runs on the sandbox.
    #[prop(optional)]
    offer_demo: bool,
) -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let input = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let outcome: RwSignal<Option<Result<(), ApiFailure>>> = RwSignal::new(None);
    let demo_key = LocalResource::new(move || async move {
        if offer_demo {
            sandbox_demo_key().await
        } else {
            None
        }
    });

    // Checks the key with getBalance; only a key the API accepts is saved.
    let check = Action::new_local(move |key: &String| {
        let key = key.trim().to_owned();
        let api = use_settings().api().with_key(&key);
        async move {
            if key.is_empty() {
                return Err(None);
            }
            match api.balance().await {
                Ok(_) => Ok(key),
                Err(e) => Err(Some(e)),
            }
        }
    });
    Effect::new(move |_| match check.value().get() {
        Some(Ok(key)) => {
            settings.set_key(Some(key));
            input.set(String::new());
            outcome.set(Some(Ok(())));
            session.refresh_balance();
        }
        Some(Err(Some(e))) => outcome.set(Some(Err(e))),
        Some(Err(None)) => outcome.set(Some(Err(ApiFailure::NoKey))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !check.pending().get_untracked() {
            check.dispatch(input.get_untracked());
        }
    };
    let status = move || {
        if check.pending().get() {
            return Some(
                view! { <p class="note" role="status">{t(Msg::SettingsKeyChecking)}</p> }
                    .into_any(),
            );
        }
        match outcome.get()? {
            Ok(()) => Some(
                view! { <p class="note ok" role="status">{t(Msg::SettingsKeySaved)}</p> }
                    .into_any(),
            ),
            Err(ApiFailure::NoKey) => Some(
                view! { <p class="note error" role="alert">{t(Msg::SettingsKeyEmpty)}</p> }
                    .into_any(),
            ),
            Err(e) => Some(
                view! { <p class="note error" role="alert">{e.message(settings.lang.get())}</p> }
                    .into_any(),
            ),
        }
    };

    view! {
        <form class="key-form" on:submit=submit>
            <label for="api-key">{settings.text(Msg::SettingsKey)}</label>
            <div class="row">
                <input
                    id="api-key"
                    name="api-key"
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { t(Msg::SettingsKeyHide) } else { t(Msg::SettingsKeyShow) }}
                </button>
                <button type="submit" disabled=move || check.pending().get()>{settings.text(Msg::Save)}</button>
            </div>
            <p class="help">{settings.text(Msg::SettingsKeyHelp)}</p>
            {status}
            {move || demo_key.get().flatten().map(|key| view! {
                <div class="demo">
                    <p>{t(Msg::KeyPromptDemoText)}</p>
                    <button
                        type="button"
                        disabled=move || check.pending().get()
                        on:click=move |_| { check.dispatch(key.clone()); }
                    >
                        {t(Msg::KeyPromptDemo)}
                    </button>
                </div>
            })}
        </form>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// The key prompt, shown only while no key is saved.
    key_form / preload_key_form (offer_demo: bool) => view! { <KeyForm offer_demo/> };
}
