//! `/`: renting a number.

use crate::components::key_gate::KeyGate;
use crate::i18n::Msg;
use crate::settings::use_settings;
use leptos::prelude::*;

/// The rent page.
#[component]
pub fn RentPage() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{move || settings.t(Msg::RentTitle)}</h1>
        <KeyGate>
            <p></p>
        </KeyGate>
    }
}
