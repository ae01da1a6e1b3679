//! A country's flag that renders everywhere: the flag emoji where the system draws it in
//! colour, else a country-code badge (never two boxes). `public/boot.js` tests which once,
//! before the first paint, and marks `<html data-flags>`.

use crate::i18n::flag;
use leptos::prelude::*;

/// Whether this system draws flag emoji (as `boot.js` found).
pub fn emoji_flags() -> bool {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("data-flags"))
        .is_some_and(|v| v == "emoji")
}

/// The two-letter code a badge shows: ISO's `GB` for the API's `UK` and `EN`.
fn badge_code(code: &str) -> String {
    match code.to_ascii_uppercase().as_str() {
        "UK" | "EN" => "GB".to_owned(),
        other => other.to_owned(),
    }
}

/// The flag of `code` (decorative: the country's name stands beside it).
#[component]
pub fn Flag(#[prop(into)] code: Signal<Option<String>>) -> impl IntoView {
    let emoji = emoji_flags();
    move || {
        let code = code.get().filter(|c| !flag(c).is_empty())?;
        Some(if emoji {
            view! { <span class="flag" aria-hidden="true">{flag(&code)}</span> }.into_any()
        } else {
            view! { <span class="flag-badge" aria-hidden="true">{badge_code(&code)}</span> }
                .into_any()
        })
    }
}
