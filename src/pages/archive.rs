//! `/archive`: past rentals and restoring them.

use crate::components::key_gate::KeyGate;
use crate::i18n::Msg;
use crate::settings::use_settings;
use leptos::prelude::*;

/// The archive page.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{move || settings.t(Msg::ArchiveTitle)}</h1>
        <KeyGate>
            <p></p>
        </KeyGate>
    }
}
