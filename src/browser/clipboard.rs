//! Copying to the clipboard, with a result the view can announce.

use wasm_bindgen_futures::JsFuture;

/// Copies `text`; false when the browser refused (no permission, insecure origin).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}
