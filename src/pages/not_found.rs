//! Any address that is not a page.

use crate::browser::base::href;
use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// The not-found page.
#[component]
pub fn NotFound() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{settings.text(Msg::NotFoundTitle)}</h1>
        <p>{settings.text(Msg::NotFoundText)}</p>
        <p><a href=href("/")>{settings.text(Msg::NotFoundHome)}</a></p>
    }
}
