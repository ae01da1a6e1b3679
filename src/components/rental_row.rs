//! One row of the rentals table. It reads its own rental signal, so a refresh that does
//! not change this rental does not touch it.

use crate::base::href;
use crate::clipboard;
use crate::i18n::{Lang, Msg};
use crate::phone::{dialable, format_phone};
use crate::settings::use_settings;
use crate::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
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

/// A rental's row. It is rebuilt only when its own rental changes; what moves with the
/// clock (time left, whether prolonging is open) is memoized per row, so a refresh that
/// changes nothing else reaches the DOM only where such a text changes.
#[component]
pub fn RentalRow(
    row: RwSignal<Rental>,
    #[prop(into)] now: Signal<i64>,
    actions: RowActions,
    highlight: bool,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    let remaining =
        Memo::new(move |_| row.with(|r| time::remaining(r.until, now.get(), settings.lang.get())));
    let reason =
        Memo::new(move |_| row.with(|r| prolong_reason(r, now.get(), settings.lang.get())));
    move || {
        let r = row.get();
        let lang = settings.lang.get();
        let id = r.id;
        let number = format_phone(&r.ccode, &r.pnumber);
        let dial = dialable(&r.ccode, &r.pnumber);
        let copy_number = move |_| {
            let text = dial.clone();
            spawn_local(async move {
                let ok = clipboard::copy(&text).await;
                copied.try_set(Some(ok));
            });
        };
        view! {
            <tr data-rental=id class:new=highlight class:has-sms=r.hasnewsms>
                <td data-label=lang.t(Msg::ColStatus)>
                    <span class=format!("state state-{}", r.state.code())>{lang.t(state_msg(r.state))}</span>
                    {(r.state == RentalState::Activating).then(|| view! {
                        <span class="explain">{lang.t(Msg::ActivatingExplain)}</span>
                    })}
                    {r.hasnewsms.then(|| view! { <span class="badge sms">{lang.t(Msg::NewSmsBadge)}</span> })}
                    {highlight.then(|| view! { <span class="badge">{lang.t(Msg::RentedHighlight)}</span> })}
                </td>
                <td data-label=lang.t(Msg::ColNumber) class="number">
                    <button type="button" class="copy" on:click=copy_number
                        aria-label=format!("{}: {number}", lang.t(Msg::CopyNumber))>
                        {number.clone()}
                    </button>
                    <span class="copied" aria-live="polite">
                        {move || copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}
                    </span>
                </td>
                <td data-label=lang.t(Msg::ColService)>{r.sname.clone()}</td>
                <td data-label=lang.t(Msg::ColExpires)>
                    {time::date_time(r.until, lang)}
                    <span class="left">{move || remaining.get()}</span>
                </td>
                <td class="actions-cell">
                    {(r.state == RentalState::NotActive).then(|| view! {
                        <button type="button" disabled=move || actions.activating.get() == Some(id)
                            on:click=move |_| actions.activate.run(id)>{lang.t(Msg::ActionActivate)}</button>
                    })}
                    <button type="button" class="secondary" on:click=move |_| actions.sms.run(id)>
                        {lang.t(Msg::ActionSms)}
                    </button>
                    <button type="button" class="secondary" disabled=move || reason.get().is_some()
                        title=move || reason.get().unwrap_or_default()
                        on:click=move |_| actions.prolong.run(id)>
                        {lang.t(Msg::ActionProlong)}
                    </button>
                    {move || reason.get().map(|why| view! {
                        <a href=href("/faq#prolong-disabled") class="why" title=why>
                            <span aria-hidden="true">"?"</span>
                            <span class="visually-hidden">{t(Msg::ProlongWhy)}</span>
                        </a>
                    })}
                    <button type="button" class="secondary" on:click=move |_| actions.add_service.run(id)>
                        {lang.t(Msg::ActionAddService)}
                    </button>
                    <button type="button" class="secondary danger" on:click=move |_| actions.delete.run(id)>
                        {lang.t(Msg::ActionDelete)}
                    </button>
                </td>
            </tr>
        }
    }
}
