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

#[wasm_bindgen_test]
fn russian_counts_take_the_plural_form_the_browser_gives() {
    use rentdesk::i18n::{count, usd, Noun};
    let ru = |n, noun| count(n, noun, Lang::Ru);
    assert_eq!(ru(1, Noun::Week), "1 неделя");
    assert_eq!(ru(3, Noun::Week), "3 недели");
    assert_eq!(ru(5, Noun::Week), "5 недель");
    assert_eq!(ru(11, Noun::Day), "11 дней");
    assert_eq!(ru(21, Noun::Day), "21 день");
    assert_eq!(ru(22, Noun::Number), "22 номера");
    assert_eq!(ru(112, Noun::Rental), "112 аренд");
    assert_eq!(count(1, Noun::Day, Lang::En), "1 day");
    assert_eq!(count(2, Noun::Month, Lang::De), "2 Monate");
    let amount: rent_api::Money = "1234.5".parse().unwrap();
    assert_eq!(usd(amount, Lang::Ru), "1234,50 USD");
    assert_eq!(usd(amount, Lang::En), "1234.50 USD");
    let mills: rent_api::Money = "0.055".parse().unwrap();
    assert_eq!(usd(mills, Lang::De), "0,055 USD");
}
