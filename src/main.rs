//! Mounts the app in place of the static shell of index.html.

fn main() {
    console_error_panic_hook::set_once();
    // Removed in the same task as the mount, so no frame shows neither.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(rentdesk::App);
}
