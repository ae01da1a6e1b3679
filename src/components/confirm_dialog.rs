//! A modal confirmation on the native `<dialog>`: it traps focus, closes on Escape and
//! gives focus back to what opened it. The confirm button cannot be pressed twice.

use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::html::Dialog;
use leptos::prelude::*;

/// A dialog shown while `open` is true. The owner keeps the one source of truth (often
/// "open for rental N"); the dialog only reports a close, so nothing syncs two ways.
#[component]
pub fn ConfirmDialog(
    /// Shown while true.
    #[prop(into)]
    open: Signal<bool>,
    /// Runs when the person closes it (Cancel, Escape); the owner then makes `open` false.
    on_close: Callback<()>,
    /// Heading.
    #[prop(into)]
    title: Signal<String>,
    /// Confirm button label.
    #[prop(into)]
    confirm_label: Signal<String>,
    /// While true the confirm button is disabled and says so.
    #[prop(into)]
    busy: Signal<bool>,
    /// Label while busy.
    #[prop(into)]
    busy_label: Signal<String>,
    /// Whether confirming is possible at all.
    #[prop(into, optional)]
    blocked: Signal<bool>,
    /// Runs once per confirmation.
    on_confirm: Callback<()>,
    /// The dialog's body.
    children: ChildrenFn,
) -> impl IntoView {
    let settings = use_settings();
    let dialog = NodeRef::<Dialog>::new();
    // Several dialogs share a page: each needs its own heading id for its name.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let heading_id = format!(
        "dialog-title-{}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let title_id = heading_id.clone();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match (open.get(), el.open()) {
            (true, false) => {
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
    let confirm = move |_| {
        if !busy.get_untracked() && !blocked.get_untracked() {
            on_confirm.run(());
        }
    };
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby=title_id
            on:keydown=move |ev| {
                if let Some(el) = dialog.get_untracked() {
                    crate::components::focus_trap::wrap_tab(&ev, &el);
                }
            }
            on:close=move |_| {
                // Also fires after the owner closed it: report only a person's close.
                if open.get_untracked() {
                    on_close.run(());
                }
            }
            on:cancel=move |ev: leptos::ev::Event| {
                // Escape while a paid request runs would hide its outcome: keep it open.
                if busy.get_untracked() {
                    ev.prevent_default();
                }
            }
        >
            <h2 id=heading_id>{move || title.get()}</h2>
            {children()}
            <div class="actions">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || busy.get()
                    on:click=move |_| on_close.run(())
                >
                    {move || settings.t(Msg::Cancel)}
                </button>
                <button
                    type="button"
                    autofocus
                    disabled=move || busy.get() || blocked.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=confirm
                >
                    {move || if busy.get() { busy_label.get() } else { confirm_label.get() }}
                </button>
            </div>
        </dialog>
    }
}
