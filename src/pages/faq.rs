//! `/faq`: the rent page's questions and answers.

use crate::i18n::Msg;
use crate::settings::use_settings;
use leptos::prelude::*;

/// The FAQ page.
#[component]
pub fn FaqPage() -> impl IntoView {
    let settings = use_settings();
    view! { <h1>{move || settings.t(Msg::FaqTitle)}</h1> }
}
