//! The header's one-click switch between light and dark, as the rent page people know has
//! it; Settings keeps "like the system".

use crate::i18n::Msg;
use crate::state::settings::{use_settings, Theme};
use leptos::prelude::*;

/// A button that shows the other theme's icon and switches to it (remembered).
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let settings = use_settings();
    let dark = move || settings.is_dark();
    let label = move || {
        settings.t(if dark() {
            Msg::ThemeToLight
        } else {
            Msg::ThemeToDark
        })
    };
    let toggle = move |_| {
        settings.set_theme(if settings.is_dark() {
            Theme::Light
        } else {
            Theme::Dark
        })
    };
    view! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle"
            aria-label=label title=label on:click=toggle>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                {move || if dark() {
                    view! {
                        <g fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
                            <circle cx="12" cy="12" r="4.5"/>
                            <path d="M12 2v2M12 20v2M2 12h2M20 12h2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>
                        </g>
                    }.into_any()
                } else {
                    view! {
                        <path fill="currentColor" d="M20.5 14.6A8.5 8.5 0 0 1 9.4 3.5a8.5 8.5 0 1 0 11.1 11.1z"/>
                    }.into_any()
                }}
            </svg>
        </button>
    }
}
