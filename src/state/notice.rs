//! One note under the header for what must outlive the dialog it came from: a paid call
//! done although its answer was lost, one click that made two rentals.

use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// A note: its text, `{name}` placeholders filled from `args`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text.
    pub msg: Msg,
    /// Values for the text's placeholders.
    pub args: Vec<(&'static str, String)>,
    /// A warning (something to act on) rather than good news.
    pub warn: bool,
}

/// The note shown, shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>>);

impl Notices {
    /// An empty note, provided as context by the app.
    pub fn new() -> Notices {
        Notices(RwSignal::new(None))
    }

    /// Shows `notice` in place of the one before.
    pub fn show(self, notice: Notice) {
        self.0.set(Some(notice));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Notices::new()
    }
}

/// The note, with a button that closes it.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let settings = use_settings();
    let notices = expect_context::<Notices>();
    move || {
        notices.0.get().map(|n| {
            let text = n
                .args
                .iter()
                .fold(settings.t(n.msg).to_owned(), |text, (name, value)| {
                    text.replace(&format!("{{{name}}}"), value)
                });
            view! {
                <div class=if n.warn { "note warn notice" } else { "note ok notice" } role="status" data-testid="notice">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| notices.0.set(None)>{settings.t(Msg::Close)}</button>
                </div>
            }
        })
    }
}
