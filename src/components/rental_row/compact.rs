//! A rental as one line: the checkbox, the status with the marks that matter (new SMS,
//! waiting, kept, automatic prolonging; an expiry within a week colours its cell), the
//! number with its label, the services, the latest code, the expiry, SMS and Prolong (or
//! Activate), and everything else in the row's menu.

use super::{copy_number, state_msg, LatestSms, RowActions, EXPIRING_DAYS};
use crate::components::number_label::{LabelEditing, NumberLabel};
use crate::components::row_menu::{OpenMenu, RowMenu};
use crate::i18n::{days_text, period_text, Msg};
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use crate::text::phone::{dialable, format_phone};
use crate::text::time;
use leptos::prelude::*;
use rent_api::auto_prolong::AutoRule;
use rent_api::rules::DAY;
use rent_api::{Rental, RentalState, Sms};

/// What a row keeps across its redraws, handed to whichever density draws it.
#[derive(Clone, Copy)]
pub(super) struct Parts {
    pub row: RwSignal<Rental>,
    pub now: Signal<i64>,
    pub actions: RowActions,
    pub highlight: bool,
    pub index: Signal<Option<usize>>,
    pub latest: Signal<Option<Sms>>,
    pub unread: Signal<bool>,
    pub waiting: Signal<Option<i64>>,
    pub selected: Signal<bool>,
    pub remaining: Memo<String>,
    pub reason: Memo<Option<&'static str>>,
    pub auto_rule: Memo<Option<AutoRule>>,
    pub editing: LabelEditing,
    pub copied: RwSignal<Option<bool>>,
    pub menu: OpenMenu,
}

/// The compact row of `p.row` as it is now.
pub(super) fn row(p: Parts) -> impl IntoView {
    let settings = use_settings();
    let notes = use_number_notes();
    let t = move |m: Msg| settings.t(m);
    let r = p.row.get();
    let lang = settings.lang.get();
    let (id, state, until, has_new) = (r.id, r.state, r.until, r.hasnewsms);
    let full = r.full_number();
    let number = format_phone(&r.ccode, &r.pnumber);
    let dial = dialable(&r.ccode, &r.pnumber);
    let kept = Memo::new({
        let full = full.clone();
        move |_| notes.of(&full).keep
    });
    let actions = p.actions;
    let services = r.service_names().join(", ");
    let marks = view! {
        {move || (has_new || p.unread.get()).then(|| view! { <span class="badge sms">{t(Msg::NewSmsBadge)}</span> })}
        {move || p.waiting.get().filter(|_| state == RentalState::Active).map(|since| {
            let minutes = (p.now.get() - since).max(0) / 60;
            view! {
                <span class="badge waiting" data-testid="waiting" title=t(Msg::WaitingForSms)>
                    <span class="visually-hidden">{t(Msg::WaitingForSms)} " · "</span>{format!("{minutes} min")}
                </span>
            }
        })}
        {move || kept.get().then(|| view! {
            <span class="mark kept" data-testid="kept-mark" title=t(Msg::KeptMark)>
                <span aria-hidden="true">"●"</span><span class="visually-hidden">{t(Msg::KeptMark)}</span>
            </span>
        })}
        {move || p.auto_rule.get().map(|rule| {
            let text = t(Msg::AutoBadgeText)
                .replace("{period}", &period_text(rule.period, lang))
                .replace("{days}", &days_text(i64::from(rule.days_left), lang));
            let title = text.clone();
            view! {
                <span class="mark auto" data-testid="auto-badge" title=title>
                    <span aria-hidden="true">"↻"</span><span class="visually-hidden">{text}</span>
                </span>
            }
        })}
        {p.highlight.then(|| view! { <span class="badge">{t(Msg::RentedHighlight)}</span> })}
    };
    let items = {
        let (full, dial) = (full.clone(), dial.clone());
        move || {
            let (full_label, full_note, full_keep) = (full.clone(), full.clone(), full.clone());
            let dial = dial.clone();
            let has_label = untrack(|| notes.label(&full).is_some());
            let keep_on = kept.get_untracked();
            view! {
                // Prolong is here when it is not a button in the line: closed (and why), or
                // beside Activate.
                {match p.reason.get_untracked() {
                    Some(why) => Some(view! {
                        <button type="button" role="menuitem" tabindex="-1" aria-disabled="true" class="disabled">
                            {t(Msg::ActionProlong)} <span class="why-text">{why}</span>
                        </button>
                    }.into_any()),
                    None => (state == RentalState::NotActive).then(|| view! {
                        <button type="button" role="menuitem" tabindex="-1" on:click=move |_| actions.prolong.run(id)>{t(Msg::ActionProlong)}</button>
                    }.into_any()),
                }}
                <button type="button" role="menuitem" tabindex="-1" on:click=move |_| actions.auto_prolong.run(id)>{t(Msg::AutoAction)}</button>
                <button type="button" role="menuitem" tabindex="-1" on:click=move |_| actions.add_service.run(id)>{t(Msg::ActionAddService)}</button>
                <button type="button" role="menuitem" tabindex="-1"
                    on:click=move |_| p.editing.edit_label(untrack(|| notes.of(&full_label).label))>
                    {t(if has_label { Msg::LabelEdit } else { Msg::LabelAdd })}
                </button>
                <button type="button" role="menuitem" tabindex="-1"
                    on:click=move |_| p.editing.edit_note(untrack(|| notes.of(&full_note).note))>{t(Msg::NoteButton)}</button>
                <button type="button" role="menuitemcheckbox" tabindex="-1" aria-checked=keep_on.to_string()
                    title=t(Msg::KeepHelp) on:click=move |_| notes.set_keep(&full_keep, !keep_on)>{t(Msg::KeepMark)}</button>
                <button type="button" role="menuitem" tabindex="-1" on:click=move |_| copy_number(dial.clone(), p.copied)>{t(Msg::CopyNumber)}</button>
                <button type="button" role="menuitem" tabindex="-1" class="danger" on:click=move |_| actions.delete.run(id)>{t(Msg::ActionDelete)}</button>
            }
        }
    };
    view! {
        <tr data-rental=id data-row=id class="compact" aria-rowindex=move || p.index.get().map(|i| (i + 2).to_string())
            class:new=p.highlight class:has-sms=move || has_new || p.unread.get()
            class:expiring=move || until - p.now.get() < EXPIRING_DAYS * DAY>
            <td class="select-cell">
                <input type="checkbox" prop:checked=move || p.selected.get()
                    aria-label=format!("{}: {number}", t(Msg::SelectRental))
                    on:change=move |ev| actions.select.run((id, event_target_checked(&ev)))/>
            </td>
            <td data-label=t(Msg::ColStatus) class="status-cell">
                <span class=format!("state state-{}", state.code())
                    title=(state == RentalState::Activating).then(|| t(Msg::ActivatingExplain))>{t(state_msg(state))}</span>
                {marks}
            </td>
            <td data-label=t(Msg::ColNumber) class="number">
                <button type="button" class="copy" on:click={
                    let dial = dial.clone();
                    move |_| copy_number(dial.clone(), p.copied)
                } aria-label=format!("{}: {number}", t(Msg::CopyNumber))>{number.clone()}</button>
                <span class="copied" aria-live="polite">
                    {move || p.copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}
                </span>
                <NumberLabel number=full.clone() keep=true compact=true state=p.editing/>
            </td>
            <td data-label=t(Msg::ColService) class="services" title=services.clone()>{services.clone()}</td>
            <td data-label=t(Msg::ColLatestSms) class="latest-sms">
                {move || p.latest.get().map(|sms| view! { <LatestSms sms compact=true/> })}
            </td>
            <td data-label=t(Msg::ColExpires) class="expires" title=time::date_time(until, lang)>
                <span class="date">{time::short_date(until, lang)}</span>
                " " <span class="left">{move || p.remaining.get()}</span>
                {move || (until - p.now.get() < EXPIRING_DAYS * DAY).then(|| view! {
                    <span class="visually-hidden">{t(Msg::ExpiringSoonMark)}</span>
                })}
            </td>
            <td class="actions-cell">
                {(state == RentalState::NotActive).then(|| view! {
                    <button type="button" disabled=move || actions.activating.get() == Some(id)
                        on:click=move |_| actions.activate.run(id)>{t(Msg::ActionActivate)}</button>
                })}
                <button type="button" class="secondary" on:click=move |_| actions.sms.run(id)>{t(Msg::ActionSms)}</button>
                {move || (p.reason.get().is_none() && state != RentalState::NotActive).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| actions.prolong.run(id)>{t(Msg::ActionProlong)}</button>
                })}
                <RowMenu id open=p.menu label=format!("{}: {number}", t(Msg::RowMenu))>{items.clone()}</RowMenu>
            </td>
        </tr>
    }
}
