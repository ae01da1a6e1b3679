//! One row of the rentals table. It reads its own rental signal, so a refresh that does
//! not change this rental does not touch it.

use crate::clipboard;
use crate::i18n::{Lang, Msg};
use crate::phone::{dialable, format_phone};
use crate::settings::use_settings;
use crate::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rent_api::rules::{DAY, PROLONG_WINDOW_DAYS};
use rent_api::{Rental, RentalState};

/// What the row's buttons do; each gets the rental id.
#[derive(Clone, Copy)]
pub struct RowActions {
    /// Activate an on-request number.
    pub activate: Callback<i64>,
    /// Open its SMS.
    pub sms: Callback<i64>,
    /// Open the prolong dialog.
    pub prolong: Callback<i64>,
    /// Open the extra-service dialog.
    pub add_service: Callback<i64>,
    /// Open the delete confirmation.
    pub delete: Callback<i64>,
    /// Whether an activation of this id is on its way.
    pub activating: Signal<Option<i64>>,
}

/// The words for a state.
pub fn state_msg(state: RentalState) -> Msg {
    match state {
        RentalState::NotActive => Msg::StateNotActive,
        RentalState::Active => Msg::StateActive,
        RentalState::Activating => Msg::StateActivating,
        RentalState::NotInSystem => Msg::StateNotInSystem,
        RentalState::Other(_) => Msg::StateUnknown,
    }
}

/// Why prolonging is closed, in the seed's words; `None` when the API allows it.
pub fn prolong_reason(rental: &Rental, now: i64, lang: Lang) -> Option<&'static str> {
    if rental.canprolong {
        None
    } else if rental.until - now >= PROLONG_WINDOW_DAYS * DAY {
        Some(lang.t(Msg::ProlongTooEarly))
    } else {
        Some(lang.t(Msg::ProlongGuarantee))
    }
}

/// A rental's row.
#[component]
pub fn RentalRow(
    row: RwSignal<Rental>,
    #[prop(into)] now: Signal<i64>,
    actions: RowActions,
    highlight: bool,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let id = row.with_untracked(|r| r.id);
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    let copy_number = move |_| {
        let text = row.with_untracked(|r| dialable(&r.ccode, &r.pnumber));
        spawn_local(async move {
            let ok = clipboard::copy(&text).await;
            copied.try_set(Some(ok));
        });
    };
    let state = move || row.with(|r| r.state);
    let reason = move || row.with(|r| prolong_reason(r, now.get(), settings.lang.get()));
    let number = move || row.with(|r| format_phone(&r.ccode, &r.pnumber));
    view! {
        <tr data-rental=id class:new=highlight class:has-sms=move || row.with(|r| r.hasnewsms)>
            <td data-label=move || t(Msg::ColStatus)>
                <span class=move || format!("state state-{}", state().code())>{move || t(state_msg(state()))}</span>
                {move || (state() == RentalState::Activating).then(|| view! {
                    <span class="explain">{t(Msg::ActivatingExplain)}</span>
                })}
                {move || row.with(|r| r.hasnewsms).then(|| view! { <span class="badge sms">{t(Msg::NewSmsBadge)}</span> })}
                {highlight.then(|| view! { <span class="badge">{move || t(Msg::RentedHighlight)}</span> })}
            </td>
            <td data-label=move || t(Msg::ColNumber) class="number">
                <button type="button" class="copy" on:click=copy_number
                    aria-label=move || format!("{}: {}", t(Msg::CopyNumber), number())>
                    {number}
                </button>
                <span class="copied" aria-live="polite">
                    {move || copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}
                </span>
            </td>
            <td data-label=move || t(Msg::ColService)>{move || row.with(|r| r.sname.clone())}</td>
            <td data-label=move || t(Msg::ColExpires)>
                {move || row.with(|r| time::date_time(r.until, settings.lang.get()))}
                <span class="left">{move || row.with(|r| time::remaining(r.until, now.get(), settings.lang.get()))}</span>
            </td>
            <td class="actions-cell">
                {move || (state() == RentalState::NotActive).then(|| view! {
                    <button type="button" disabled=move || actions.activating.get() == Some(id)
                        on:click=move |_| actions.activate.run(id)>{t(Msg::ActionActivate)}</button>
                })}
                <button type="button" class="secondary" on:click=move |_| actions.sms.run(id)>
                    {move || t(Msg::ActionSms)}
                </button>
                <button type="button" class="secondary" disabled=move || reason().is_some()
                    title=move || reason().unwrap_or_default()
                    on:click=move |_| actions.prolong.run(id)>
                    {move || t(Msg::ActionProlong)}
                </button>
                {move || reason().map(|why| view! {
                    <A href="/faq#prolong-disabled" attr:class="why" attr:title=why>
                        <span aria-hidden="true">"?"</span>
                        <span class="visually-hidden">{t(Msg::ProlongWhy)}</span>
                    </A>
                })}
                <button type="button" class="secondary" on:click=move |_| actions.add_service.run(id)>
                    {move || t(Msg::ActionAddService)}
                </button>
                <button type="button" class="secondary danger" on:click=move |_| actions.delete.run(id)>
                    {move || t(Msg::ActionDelete)}
                </button>
            </td>
        </tr>
    }
}
