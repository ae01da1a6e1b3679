//! Mounts the app in place of the static shell of index.html.

use gloo_timers::callback::Timeout;
use rentdesk::browser::{texts, timing};
use rentdesk::state::settings::chosen_lang;
use std::cell::Cell;
use std::rc::Rc;

/// How long a page in German or Russian waits for its texts before it starts in English
/// (a stalled request must not leave the shell standing; Settings then offers a retry).
const TEXTS_WAIT_MS: u32 = 8_000;

fn main() {
    console_error_panic_hook::set_once();
    timing::mark("rentdesk start:main");
    // A page in German or Russian waits for its texts (boot.js asked for them beside the
    // wasm, so they are usually here); the shell stays painted meanwhile.
    let lang = chosen_lang();
    if texts::ready(lang) {
        mount();
        return;
    }
    let mounted = Rc::new(Cell::new(false));
    let once = move |mounted: &Cell<bool>| {
        if !mounted.replace(true) {
            mount();
        }
    };
    let late = mounted.clone();
    Timeout::new(TEXTS_WAIT_MS, move || once(&late)).forget();
    wasm_bindgen_futures::spawn_local(async move {
        texts::bring(lang).await;
        once(&mounted);
    });
}

fn mount() {
    // Removed in the same task as the mount, so no frame shows neither.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(rentdesk::App);
    timing::mark("rentdesk start:mounted");
}
