//! Mounts the app in place of the static shell of index.html.

use rentdesk::browser::texts;
use rentdesk::state::settings::chosen_lang;

fn main() {
    console_error_panic_hook::set_once();
    // A page in German or Russian waits for its texts (boot.js asked for them beside the
    // wasm, so they are usually here); the shell stays painted meanwhile.
    let lang = chosen_lang();
    if texts::ready(lang) {
        mount();
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            texts::bring(lang).await;
            mount();
        });
    }
}

fn mount() {
    // Removed in the same task as the mount, so no frame shows neither.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(rentdesk::App);
}
