//! Any address that is not a page.

use crate::browser::base::href;
use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// The not-found page.
#[component]
pub fn NotFound() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    view! {
        <h1>{move || t(Msg::NotFoundTitle)}</h1>
        <p>{move || t(Msg::NotFoundText)}</p>
        <p><a href=href("/")>{move || t(Msg::NotFoundHome)}</a></p>
    }
}
