//! The messages of one rental: newest first, as plain text, the code in each one copyable.
//! While open it reloads whenever the table refreshes.

use crate::api::ApiFailure;
use crate::components::copy_code::CopyCode;
use crate::components::error_note::ErrorNote;
use crate::components::number_label::LabelLine;
use crate::i18n::Msg;
use crate::state::live_rentals::LiveRentals;
use crate::state::settings::use_settings;
use crate::text::phone::format_phone;
use crate::text::sms_code::find_code;
use crate::text::time;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::inbox::StoredSms;
use rent_api::{Inbox, Sms};

/// The SMS dialog for the rental in `open` (none: closed).
#[component]
pub fn SmsDialog(open: RwSignal<Option<i64>>, live: LiveRentals) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let dialog = NodeRef::<Dialog>::new();
    let inbox: RwSignal<Option<Result<Inbox, ApiFailure>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match (open.get().is_some(), el.open()) {
            (true, false) => {
                inbox.set(None);
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
    // Load on open, and again with every table refresh while open.
    Effect::new(move |_| {
        live.generation.track();
        let Some(id) = open.get() else { return };
        let api = use_settings().api();
        spawn_local(async move {
            let result = api.sms(id).await;
            if open.try_get_untracked().flatten() == Some(id) {
                if let Ok(inbox) = &result {
                    live.patch(id, |r| r.hasnewsms = false);
                    // On screen now: into the inbox as read.
                    if let Some(rental) = live.row(id).map(|r| r.get_untracked()) {
                        let kept = inbox
                            .messages
                            .iter()
                            .chain(&inbox.other)
                            .map(|m| StoredSms::new(&rental, m, true))
                            .collect();
                        spawn_local(crate::state::inbox::keep(kept));
                    }
                }
                inbox.set(Some(result));
            }
        });
    });
    let title = move || {
        let number = open
            .get()
            .and_then(|id| live.row(id))
            .map(|r| r.with(|r| format_phone(&r.ccode, &r.pnumber)))
            .unwrap_or_default();
        format!("{} {number}", t(Msg::SmsTitle))
    };
    let list = move |mut messages: Vec<Sms>| {
        rent_api::order::sort_by_key(&mut messages, |m| std::cmp::Reverse(m.date));
        messages
            .into_iter()
            .map(|m| view! { <SmsItem sms=m/> })
            .collect_view()
    };
    view! {
        <dialog node_ref=dialog class="dialog sms-dialog" aria-labelledby="sms-title"
            on:keydown=move |ev| {
                if let Some(el) = dialog.get_untracked() {
                    crate::components::focus_trap::wrap_tab(&ev, &el);
                }
            }
            on:close=move |_| open.set(None)>
            <h2 id="sms-title">{title}</h2>
            <p class="dialog-subject"><LabelLine number=Signal::derive(move || {
                open.get().and_then(|id| live.row(id)).map(|r| r.with(rent_api::Rental::full_number)).unwrap_or_default()
            })/></p>
            {move || match inbox.get() {
                None => view! { <p role="status">{t(Msg::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNote failure=e/> }.into_any(),
                Some(Ok(inbox)) if inbox.messages.is_empty() && inbox.other.is_empty() => {
                    view! { <p class="empty-sms">{t(Msg::SmsNone)}</p> }.into_any()
                }
                Some(Ok(inbox)) => view! {
                    <ol class="sms-list">{list(inbox.messages)}</ol>
                    {(!inbox.other.is_empty()).then(|| view! {
                        <h3>{t(Msg::SmsOther)}</h3>
                        <ol class="sms-list">{list(inbox.other)}</ol>
                    })}
                }.into_any(),
            }}
            <div class="actions">
                <button type="button" autofocus on:click=move |_| open.set(None)>{settings.text(Msg::Close)}</button>
            </div>
        </dialog>
    }
}

/// One message: sender, time, text (as text), and its code with a copy button.
#[component]
fn SmsItem(sms: Sms) -> impl IntoView {
    let settings = use_settings();
    let code = find_code(&sms.text);
    view! {
        <li class="sms">
            <p class="sms-meta">
                <span class="sms-sender">{settings.text(Msg::SmsFrom)} " " <bdi>{sms.sender.clone()}</bdi></span>
                <time>{move || time::date_time(sms.date, settings.lang.get())}</time>
            </p>
            <p class="sms-text"><bdi>{sms.text.clone()}</bdi></p>
            {code.map(|code| view! { <CopyCode code testid="sms-code"/> })}
        </li>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// My rentals → SMS.
    sms_dialog / preload_sms_dialog (open: RwSignal<Option<i64>>, live: LiveRentals) => view! { <SmsDialog open live/> };
}
