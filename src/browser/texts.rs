//! Brings a language's texts before the app speaks it: German and Russian are files of
//! their own in the app's build (src/i18n/files.rs). boot.js asks for the page's language
//! beside the wasm; a language chosen later is fetched when chosen. English is in the wasm
//! and never waits.

use crate::i18n::Lang;

/// Whether `lang` can be shown now, without a fetch.
pub fn ready(lang: Lang) -> bool {
    lang.has_texts()
}

/// Brings `lang`'s texts; false when they could not be had (offline, a broken file): the
/// app then shows English and says so in Settings.
pub async fn bring(lang: Lang) -> bool {
    if ready(lang) {
        return true;
    }
    #[cfg(feature = "lang-files")]
    return files::fetch(lang)
        .await
        .is_some_and(|t| crate::i18n::install_texts(lang, t));
    #[cfg(not(feature = "lang-files"))]
    return false;
}

#[cfg(feature = "lang-files")]
mod files {
    use crate::i18n::Lang;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// The texts of `lang`: boot.js's answer when it asked for this language and had one,
    /// else a fetch of the file index.html names.
    pub(super) async fn fetch(lang: Lang) -> Option<Vec<String>> {
        let window = web_sys::window()?;
        if let Some(early) = take_early(&window, lang) {
            if let Some(texts) = read(early).await {
                return Some(texts);
            }
        }
        read(window.fetch_with_str(&address(&window, lang)?)).await
    }

    async fn read(response: js_sys::Promise) -> Option<Vec<String>> {
        let response: web_sys::Response = JsFuture::from(response).await.ok()?.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        let list: js_sys::Array = js_sys::JSON::parse(&text).ok()?.dyn_into().ok()?;
        list.iter().map(|t| t.as_string()).collect()
    }

    /// The `<meta name="rentdesk-texts-de">` the build wrote: the file's hashed address.
    fn address(window: &web_sys::Window, lang: Lang) -> Option<String> {
        let selector = format!("meta[name=\"rentdesk-texts-{}\"]", lang.code());
        let meta = window.document()?.query_selector(&selector).ok()??;
        meta.get_attribute("content")
    }

    /// boot.js's request for `lang` (`window.rentdeskTexts`), once.
    fn take_early(window: &web_sys::Window, lang: Lang) -> Option<js_sys::Promise> {
        let key = JsValue::from_str("rentdeskTexts");
        let early = js_sys::Reflect::get(window, &key).ok()?;
        let asked = js_sys::Reflect::get(&early, &JsValue::from_str("lang")).ok()?;
        if asked.as_string().as_deref() != Some(lang.code()) {
            return None;
        }
        let _ = js_sys::Reflect::delete_property(window, &key);
        js_sys::Reflect::get(&early, &JsValue::from_str("response"))
            .ok()?
            .dyn_into()
            .ok()
    }
}
