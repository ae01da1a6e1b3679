//! A failed call, said clearly, with a way to try again.

use crate::api::ApiFailure;
use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// The failure's translated message (as text, never markup) and an optional retry.
#[component]
pub fn ErrorNote(
    /// What failed.
    failure: ApiFailure,
    /// Tries again; no button when absent.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let settings = use_settings();
    let message = {
        let failure = failure.clone();
        move || failure.message(settings.lang.get())
    };
    view! {
        <div class="note error" role="alert">
            <p>{message}</p>
            {retry.map(|retry| view! {
                <button type="button" on:click=move |_| retry.run(())>
                    {move || settings.t(Msg::Retry)}
                </button>
            })}
        </div>
    }
}
