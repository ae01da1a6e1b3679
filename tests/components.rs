//! Component tests in headless Chromium (wasm-bindgen-test): behaviour a component owns,
//! checked in a real DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use rentdesk::api::ApiFailure;
use rentdesk::components::error_note::ErrorNote;
use rentdesk::components::key_gate::KeyGate;
use rentdesk::i18n::Lang;
use rentdesk::state::session::Session;
use rentdesk::state::settings::{Settings, Theme};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` with the app's contexts into a fresh element; returns the element.
fn mount<V: IntoView + 'static>(
    view: impl FnOnce() -> V + Send + 'static,
) -> (web_sys::HtmlElement, Settings) {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let settings = Settings::load();
        provide_context(settings);
        provide_context(Session::new());
        tx.send(settings).unwrap();
        view! { <leptos_router::components::Router>{view()}</leptos_router::components::Router> }
    });
    handle.forget();
    (host, rx.recv().unwrap())
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn an_error_from_the_api_is_shown_as_text_never_as_markup() {
    let hostile = "<img src=x onerror=\"window.__owned=1\"><b>bold</b>";
    let (host, settings) = mount(move || {
        view! { <ErrorNote failure=ApiFailure::Refused(hostile.into())/> }
    });
    settings.lang.set(Lang::En);
    tick().await;
    assert_eq!(
        host.query_selector("img").unwrap(),
        None,
        "no element made from API text"
    );
    assert_eq!(host.query_selector("b").unwrap(), None);
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains(hostile), "{text}");
    assert!(host.query_selector("[role=alert]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn the_key_gate_shows_the_page_only_with_a_key() {
    let (host, settings) = mount(|| view! { <KeyGate><p id="inside">"content"</p></KeyGate> });
    settings.lang.set(Lang::En);
    tick().await;
    assert!(host.query_selector("#inside").unwrap().is_none());
    assert!(host.text_content().unwrap().contains("Enter your API key"));
    settings.api_key.set(Some("k".into()));
    tick().await;
    assert!(host.query_selector("#inside").unwrap().is_some());
    assert!(!host.text_content().unwrap().contains("Enter your API key"));
}

#[wasm_bindgen_test]
async fn settings_drive_the_document_language_and_theme_and_are_remembered() {
    let (_host, settings) = mount(|| view! { <p/> });
    let root = document().document_element().unwrap();
    settings.set_lang(Lang::De);
    settings.set_theme(Theme::Dark);
    tick().await;
    assert_eq!(root.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(
        storage.get_item("rentdesk.theme").unwrap().as_deref(),
        Some("dark")
    );
    settings.set_theme(Theme::System);
    tick().await;
    assert_eq!(
        root.get_attribute("data-theme"),
        None,
        "the system decides again"
    );
    assert_eq!(storage.get_item("rentdesk.theme").unwrap(), None);
}
