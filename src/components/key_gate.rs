//! Pages that need a key show their content only once one is saved; before that, a clear
//! prompt to enter one (or take the sandbox's demo key).

use crate::browser::base::href;
use crate::components::on_demand::OnDemand;
use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// Shows `children` when a key is saved, else the key prompt.
#[component]
pub fn KeyGate(children: ChildrenFn) -> impl IntoView {
    let settings = use_settings();
    let has_key = move || settings.api_key.get().is_some();
    view! {
        <Show when=has_key fallback=move || {
            crate::browser::quiet::first_page_ready();
            view! {
            <section class="card key-prompt" aria-labelledby="key-prompt-title">
                <h2 id="key-prompt-title">{settings.text(Msg::KeyPromptTitle)}</h2>
                <p>{settings.text(Msg::KeyPromptText)}</p>
                // Its own wasm part: a person with a saved key never downloads it.
                <OnDemand load=move || crate::components::key_form::key_form(true)/>
                <p><a href=href("/settings")>{settings.text(Msg::KeyPromptSettings)}</a></p>
            </section>
        }}>
            {children()}
        </Show>
    }
}
