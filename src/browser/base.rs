//! Where the app lives on its host: the root or a sub-path chosen at build time
//! (`trunk build --public-url /rentdesk/`), read from the `rentdesk-base` meta the build
//! writes into index.html.

use leptos::prelude::document;
use std::cell::OnceCell;

thread_local! {
    static BASE: OnceCell<String> = const { OnceCell::new() };
}

/// The sub-path without a trailing slash: `""` at the root, `"/rentdesk"` under one.
pub fn base_path() -> String {
    BASE.with(|base| {
        base.get_or_init(|| {
            document()
                .query_selector("meta[name='rentdesk-base']")
                .ok()
                .flatten()
                .and_then(|meta| meta.get_attribute("content"))
                .map(|content| content.trim_end_matches('/').to_owned())
                .unwrap_or_default()
        })
        .clone()
    })
}

/// A path of the app (`/faq#refunds`) as the address to link to.
pub fn href(path: &str) -> String {
    format!("{}{path}", base_path())
}
