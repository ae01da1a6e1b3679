//! The person's settings — API key, API address, language, theme — as one context of
//! signals, remembered in localStorage and applied to `<html>`.

use crate::api::Api;
use crate::browser::storage::{self, keys};
use crate::browser::texts;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Light, dark, or whatever the system prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    fn stored(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub(crate) fn from_stored(value: Option<&str>) -> Theme {
        match value {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// The settings context: read and set from any component.
#[derive(Clone, Copy)]
pub struct Settings {
    /// The API key, if one is saved.
    pub api_key: RwSignal<Option<String>>,
    /// The API address chosen by the person; `None` is the app's own origin.
    pub api_base: RwSignal<Option<String>>,
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// The colour theme.
    pub theme: RwSignal<Theme>,
    /// Whether the system prefers dark colours now (what `Theme::System` shows).
    pub system_dark: RwSignal<bool>,
    /// The chosen language whose texts could not be brought (English shows instead).
    pub texts_missing: RwSignal<Option<Lang>>,
    /// The language asked for last: a slower fetch of an earlier choice does not win.
    wanted: StoredValue<Lang>,
}

impl Settings {
    /// Reads the stored settings (or the browser's defaults) and keeps them stored and
    /// applied from now on.
    pub fn load() -> Settings {
        let lang = chosen_lang();
        let settings = Settings {
            api_key: RwSignal::new(stored_key(storage::get(keys::API_KEY))),
            api_base: RwSignal::new(stored_base(storage::get(keys::API_BASE))),
            lang: RwSignal::new(lang),
            theme: RwSignal::new(Theme::from_stored(storage::get(keys::THEME).as_deref())),
            system_dark: RwSignal::new(false),
            // main.rs waited for the texts: missing now means they could not be had.
            texts_missing: RwSignal::new((!texts::ready(lang)).then_some(lang)),
            wanted: StoredValue::new(lang),
        };
        settings.follow_system_scheme();
        settings.follow_other_tabs();
        settings.apply();
        settings
    }

    /// Takes what another tab of the app saves (the `storage` event): a key saved or
    /// forgotten there, the API address, language and theme apply here at once, so no
    /// tab goes on with a key forgotten elsewhere.
    fn follow_other_tabs(self) {
        fn update<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
            if signal.with_untracked(|now| *now != value) {
                signal.set(value);
            }
        }
        // The app lives as long as the page: the listener is never removed.
        let _ = storage::on_change(move |key, value| {
            let value = value.filter(|v| !v.is_empty());
            let all = key.is_none();
            let key = key.unwrap_or_default();
            if all || key == keys::API_KEY {
                update(self.api_key, stored_key(value.clone().filter(|_| !all)));
            }
            if all || key == keys::API_BASE {
                update(self.api_base, stored_base(value.clone().filter(|_| !all)));
            }
            if all || key == keys::LANG {
                let code = value.clone().filter(|_| !all).unwrap_or_else(browser_lang);
                let lang = Lang::from_code(&code);
                if self.lang.with_untracked(|now| *now != lang) {
                    self.show_lang(lang);
                }
            }
            if all || key == keys::THEME {
                let stored = value.as_deref().filter(|_| !all);
                update(self.theme, Theme::from_stored(stored));
            }
        });
    }

    /// Keeps `<html lang>`, the page's description and `data-theme` in step with the signals.
    fn apply(self) {
        Effect::new(move |_| {
            let lang = self.lang.get();
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            // index.html holds the description in each language (`data-de`, …).
            if let Ok(Some(meta)) = document().query_selector(r#"meta[name="description"]"#) {
                if let Some(text) = meta.get_attribute(&format!("data-{}", lang.code())) {
                    let _ = meta.set_attribute("content", &text);
                }
            }
        });
        Effect::new(move |_| {
            let theme = self.theme.get();
            if let Some(root) = document().document_element() {
                let _ = match theme.stored() {
                    Some(t) => root.set_attribute("data-theme", t),
                    None => root.remove_attribute("data-theme"),
                };
            }
        });
    }

    /// Keeps `system_dark` in step with `prefers-color-scheme`, which may change while the
    /// page is open (a desktop switching to dark at night).
    fn follow_system_scheme(self) {
        let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") else {
            return;
        };
        self.system_dark.set(query.matches());
        let system_dark = self.system_dark;
        let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |event: web_sys::MediaQueryListEvent| system_dark.set(event.matches()),
        );
        query.set_onchange(Some(on_change.as_ref().unchecked_ref()));
        // The page lives as long as the app: the listener is never removed.
        on_change.forget();
    }

    /// Whether the page shows dark colours now, chosen or from the system.
    pub fn is_dark(self) -> bool {
        match self.theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::System => self.system_dark.get(),
        }
    }

    /// Chooses a language and remembers it.
    pub fn set_lang(self, lang: Lang) {
        storage::set(keys::LANG, Some(lang.code()));
        self.show_lang(lang);
    }

    /// Speaks `lang` once its texts are here (at once when they are); when they cannot be
    /// brought, English shows and Settings says why.
    fn show_lang(self, lang: Lang) {
        self.wanted.set_value(lang);
        if texts::ready(lang) {
            self.texts_missing.set(None);
            self.lang.set(lang);
            return;
        }
        leptos::task::spawn_local(async move {
            let brought = texts::bring(lang).await;
            if self.wanted.get_value() != lang {
                return;
            }
            self.texts_missing.set((!brought).then_some(lang));
            self.lang.set(lang);
        });
    }

    /// Chooses a theme and remembers it (`System` forgets the choice).
    pub fn set_theme(self, theme: Theme) {
        storage::set(keys::THEME, theme.stored());
        self.theme.set(theme);
    }

    /// Saves a checked API key.
    pub fn set_key(self, key: Option<String>) {
        storage::set(keys::API_KEY, key.as_deref());
        self.api_key.set(key);
    }

    /// Saves an API address (`None`: the app's origin).
    pub fn set_api_base(self, base: Option<String>) {
        storage::set(keys::API_BASE, base.as_deref());
        self.api_base.set(base);
    }

    /// The API address in use: the chosen one, or where the app was served from (its
    /// origin and sub-path, where the host forwards the API).
    pub fn effective_base(self) -> String {
        self.api_base.get().unwrap_or_else(default_api_base)
    }

    /// The API client for the address and key in force; inside a reactive closure it
    /// tracks them, so a new key or address refetches.
    pub fn api(self) -> Api {
        Api::new(self.effective_base(), self.api_key.get())
    }

    /// The text of `msg` in the current language (reactive).
    pub fn t(self, msg: Msg) -> &'static str {
        self.lang.get().t(msg)
    }

    /// `msg` as a view (or attribute value) that follows the language. Every label shares
    /// this one closure type: a `move || t(msg)` of its own per label compiled its own copy
    /// of Leptos's reactive text code.
    pub fn text(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(msg)
    }
}

/// A stored key as the app uses it: trimmed, none when empty.
pub(crate) fn stored_key(value: Option<String>) -> Option<String> {
    value.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty())
}

/// A stored API address, checked again: a value that is not one (edited by hand, written
/// by something else) is the app's origin.
pub(crate) fn stored_base(value: Option<String>) -> Option<String> {
    value.and_then(|b| parse_api_base(&b).ok().flatten())
}

/// The language chosen in this browser, else the browser's own.
pub fn chosen_lang() -> Lang {
    Lang::from_code(&storage::get(keys::LANG).unwrap_or_else(browser_lang))
}

/// The browser's preferred language (what the app speaks until one is chosen).
fn browser_lang() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// The settings context; every page is under the provider.
pub fn use_settings() -> Settings {
    expect_context::<Settings>()
}

/// Where the app was served from: its origin and sub-path.
pub fn default_api_base() -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", crate::browser::base::base_path())
}

/// Checks an API address typed by the person: empty means the app's origin (`Ok(None)`);
/// otherwise an absolute http(s) URL with a host and no path, query or credentials,
/// returned without a trailing slash.
pub fn parse_api_base(input: &str) -> Result<Option<String>, Msg> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or(Msg::SettingsApiInvalid)?;
    let host = rest.trim_end_matches('/');
    let valid_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        && !host.starts_with([':', '.', '-']);
    if !valid_host {
        return Err(Msg::SettingsApiInvalid);
    }
    let scheme = &text[..text.len() - rest.len()];
    Ok(Some(format!("{scheme}{host}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_addresses_must_be_absolute_http() {
        assert_eq!(parse_api_base(""), Ok(None));
        assert_eq!(parse_api_base("  "), Ok(None));
        assert_eq!(
            parse_api_base("https://smspva.com/"),
            Ok(Some("https://smspva.com".into()))
        );
        assert_eq!(
            parse_api_base("http://127.0.0.1:8080"),
            Ok(Some("http://127.0.0.1:8080".into()))
        );
        for bad in [
            "smspva.com",
            "ftp://smspva.com",
            "https://",
            "https://smspva.com/api/rent.php",
            "https://user:pw@host",
            "https://host?x=1",
            "javascript:alert(1)",
            "https://exa mple.com",
        ] {
            assert_eq!(parse_api_base(bad), Err(Msg::SettingsApiInvalid), "{bad}");
        }
    }
}
