//! `/settings`: API key, API address, language, theme, and a backup of what this browser
//! remembers.

use crate::components::auto_prolong_settings::AutoProlongSettings;
use crate::components::backup_panel::BackupPanel;
use crate::components::inbox_settings::InboxSettings;
use crate::components::key_form::KeyForm;
use crate::i18n::{Lang, Msg};
use crate::state::session::use_session;
use crate::state::settings::{parse_api_base, use_settings, Theme};
use leptos::prelude::*;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    view! {
        <h1>{settings.text(Msg::SettingsTitle)}</h1>
        <section class="card" aria-labelledby="key-title">
            <h2 id="key-title">{settings.text(Msg::SettingsKey)}</h2>
            <SavedKey/>
            <KeyForm offer_demo=true/>
        </section>
        <section class="card" aria-labelledby="api-title">
            <h2 id="api-title">{settings.text(Msg::SettingsApi)}</h2>
            <ApiAddress/>
        </section>
        <section class="card" aria-labelledby="look-title">
            <h2 id="look-title" class="visually-hidden">
                {move || format!("{} / {}", t(Msg::SettingsLanguage), t(Msg::SettingsTheme))}
            </h2>
            <LanguageChoice/>
            <ThemeChoice/>
        </section>
        <section class="card" aria-labelledby="auto-title">
            <h2 id="auto-title">{settings.text(Msg::AutoTitle)}</h2>
            <AutoProlongSettings/>
        </section>
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">{settings.text(Msg::SettingsData)}</h2>
            <BackupPanel/>
            <InboxSettings/>
        </section>
    }
}

/// The saved key, masked, with a way to forget it.
#[component]
fn SavedKey() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let forgotten = RwSignal::new(false);
    let masked = move || {
        settings.api_key.get().map(|key| {
            let tail: String = key
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("••••••••{tail}")
        })
    };
    view! {
        {move || match masked() {
            Some(masked) => view! {
                <p class="saved-key">
                    {t(Msg::SettingsKeyCurrent)} ": " <code data-testid="masked-key">{masked}</code>
                    " "
                    <button type="button" class="secondary" on:click=move |_| {
                        settings.set_key(None);
                        forgotten.set(true);
                        session.refresh_balance();
                    }>{t(Msg::SettingsKeyForget)}</button>
                </p>
            }.into_any(),
            None => view! {
                <p class="saved-key">
                    {move || if forgotten.get() { t(Msg::SettingsKeyForgotten) } else { t(Msg::SettingsKeyNone) }}
                </p>
            }.into_any(),
        }}
    }
}

/// The API address: empty for the app's origin, else an absolute http(s) URL.
#[component]
fn ApiAddress() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let input = RwSignal::new(settings.api_base.get_untracked().unwrap_or_default());
    let message: RwSignal<Option<Result<(), Msg>>> = RwSignal::new(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_api_base(&input.get_untracked()) {
            Ok(base) => {
                input.set(base.clone().unwrap_or_default());
                settings.set_api_base(base);
                message.set(Some(Ok(())));
                session.refresh_balance();
            }
            Err(msg) => message.set(Some(Err(msg))),
        }
    };
    view! {
        <form novalidate on:submit=save>
            <label for="api-base">{settings.text(Msg::SettingsApi)}</label>
            <div class="row">
                <input
                    id="api-base"
                    type="url"
                    inputmode="url"
                    placeholder=crate::state::settings::default_api_base
                    aria-describedby="api-base-help"
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                />
                <button type="submit">{settings.text(Msg::Save)}</button>
            </div>
            <p id="api-base-help" class="help">{settings.text(Msg::SettingsApiHelp)}</p>
            {move || message.get().map(|m| match m {
                Ok(()) => view! { <p class="note ok" role="status">{t(Msg::SettingsApiSaved)}</p> }.into_any(),
                Err(msg) => view! { <p class="note error" role="alert">{t(msg)}</p> }.into_any(),
            })}
        </form>
    }
}

/// German, English or Russian.
#[component]
fn LanguageChoice() -> impl IntoView {
    let settings = use_settings();
    let option = move |lang: Lang, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="lang"
                    prop:checked=move || settings.lang.get() == lang
                    on:change=move |_| settings.set_lang(lang)
                />
                <span lang=lang.code()>{label}</span>
            </label>
        }
    };
    let missing = move || {
        settings
            .texts_missing
            .get()
            .filter(|l| *l == settings.lang.get())
    };
    view! {
        <fieldset>
            <legend>{settings.text(Msg::SettingsLanguage)}</legend>
            {Lang::ALL.map(|lang| option(lang, lang.name()))}
            {move || {
                missing()
                    .map(|lang| {
                        view! {
                            <p class="note error" role="alert" data-testid="texts-missing">
                                {settings.text(Msg::TextsMissing)} " "
                                <button type="button" on:click=move |_| settings.set_lang(lang)>
                                    {settings.text(Msg::Retry)}
                                </button>
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}

/// Light, dark, or like the system.
#[component]
fn ThemeChoice() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let option = move |theme: Theme, label: Msg| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="theme"
                    prop:checked=move || settings.theme.get() == theme
                    on:change=move |_| settings.set_theme(theme)
                />
                <span>{move || t(label)}</span>
            </label>
        }
    };
    view! {
        <fieldset>
            <legend>{settings.text(Msg::SettingsTheme)}</legend>
            {option(Theme::System, Msg::ThemeSystem)}
            {option(Theme::Light, Msg::ThemeLight)}
            {option(Theme::Dark, Msg::ThemeDark)}
        </fieldset>
    }
}
