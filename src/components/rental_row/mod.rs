//! One row of the rentals table, comfortable (every action a button) or compact (one line,
//! the rarer actions in its menu: `compact.rs`). It reads its own rental signal, so a
//! refresh that does not change this rental does not touch it.

mod compact;

use crate::browser::base::href;
use crate::browser::clipboard;
use crate::components::copy_code::CopyCode;
use crate::components::number_label::{LabelEditing, NumberLabel};
use crate::components::row_menu::OpenMenu;
use crate::i18n::{days_text, period_text, Lang, Msg};
use crate::state::auto_prolong::use_auto_prolong;
use crate::state::settings::use_settings;
use crate::text::phone::{dialable, format_phone};
use crate::text::sms_code::find_code;
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::rules::{DAY, PROLONG_WINDOW_DAYS};
use rent_api::{Rental, RentalState, Sms};

/// What the row's buttons do; each gets the rental id.
#[derive(Clone, Copy)]
pub struct RowActions {
    /// Activate an on-request number.
    pub activate: Callback<i64>,
    /// Open its SMS.
    pub sms: Callback<i64>,
    /// Open the prolong dialog.
    pub prolong: Callback<i64>,
    /// Open "Prolong automatically".
    pub auto_prolong: Callback<i64>,
    /// Open the extra-service dialog.
    pub add_service: Callback<i64>,
    /// Open the delete confirmation.
    pub delete: Callback<i64>,
    /// Whether an activation of this id is on its way.
    pub activating: Signal<Option<i64>>,
    /// Select or unselect it for prolonging in one go.
    pub select: Callback<(i64, bool)>,
}

/// Rentals with fewer days left than this stand out.
pub const EXPIRING_DAYS: i64 = 7;

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

/// Why prolonging is closed, in the seed's words; `None` when the API allows it, or when
/// a few days still fit (`prolong_max`) though a week no longer does.
pub fn prolong_reason(rental: &Rental, now: i64, lang: Lang) -> Option<&'static str> {
    if rental.canprolong || rental.prolong_limits().check_days(now, 1).is_ok() {
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
    /// Its place in the whole list (0: the first), for screen readers.
    #[prop(into)]
    index: Signal<Option<usize>>,
    /// The newest SMS looked up for this rental.
    #[prop(into)]
    latest: Signal<Option<Sms>>,
    /// An SMS not opened yet.
    #[prop(into)]
    unread: Signal<bool>,
    /// Waiting for its first SMS since (UNIX seconds).
    #[prop(into)]
    waiting: Signal<Option<i64>>,
    /// Selected for prolonging in one go.
    #[prop(into)]
    selected: Signal<bool>,
    /// One line, the rarer actions in the row's menu.
    #[prop(into)]
    compact: Signal<bool>,
    /// Which row's menu is open.
    menu: OpenMenu,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    let remaining =
        Memo::new(move |_| row.with(|r| time::remaining(r.until, now.get(), settings.lang.get())));
    let reason =
        Memo::new(move |_| row.with(|r| prolong_reason(r, now.get(), settings.lang.get())));
    let editing = LabelEditing::new();
    let auto = use_auto_prolong();
    let full_number = row.with_untracked(Rental::full_number);
    // This number's rule while it runs, and its last automatic prolong.
    let auto_rule = Memo::new(move |_| auto.plan.with(|p| p.active_rule(&full_number)));
    let auto_last = Memo::new(move |_| {
        let id = row.with(|r| r.id);
        auto.log.with(|log| {
            log.iter()
                .find(|e| e.rental == id && e.outcome.is_done())
                .map(|e| e.at / 1000)
        })
    });
    let parts = compact::Parts {
        row,
        now,
        actions,
        highlight,
        index,
        latest,
        unread,
        waiting,
        selected,
        remaining,
        reason,
        auto_rule,
        editing,
        copied,
        menu,
    };
    move || {
        if compact.get() {
            return compact::row(parts).into_any();
        }
        let r = row.get();
        let lang = settings.lang.get();
        let id = r.id;
        let (has_new, until, state) = (r.hasnewsms, r.until, r.state);
        let number = format_phone(&r.ccode, &r.pnumber);
        let dial = dialable(&r.ccode, &r.pnumber);
        let copy_number = move |_| copy_number(dial.clone(), copied);
        view! {
            <tr data-rental=id data-row=id aria-rowindex=move || index.get().map(|i| (i + 2).to_string())
                class:new=highlight class:has-sms=move || has_new || unread.get()
                class:expiring=move || until - now.get() < EXPIRING_DAYS * DAY>
                <td class="select-cell">
                    <input type="checkbox" prop:checked=move || selected.get()
                        aria-label=format!("{}: {number}", lang.t(Msg::SelectRental))
                        on:change=move |ev| actions.select.run((id, event_target_checked(&ev)))/>
                </td>
                <td data-label=lang.t(Msg::ColStatus)>
                    <span class=format!("state state-{}", r.state.code())>{lang.t(state_msg(r.state))}</span>
                    {(r.state == RentalState::Activating).then(|| view! {
                        <span class="explain">{lang.t(Msg::ActivatingExplain)}</span>
                    })}
                    {move || (has_new || unread.get()).then(|| view! { <span class="badge sms">{lang.t(Msg::NewSmsBadge)}</span> })}
                    {move || waiting.get().filter(|_| state == RentalState::Active).map(|since| view! {
                        <span class="badge waiting" data-testid="waiting">
                            {format!("{} · {} min", lang.t(Msg::WaitingForSms), (now.get() - since).max(0) / 60)}
                        </span>
                    })}
                    {highlight.then(|| view! { <span class="badge">{lang.t(Msg::RentedHighlight)}</span> })}
                </td>
                <td data-label=lang.t(Msg::ColNumber) class="number">
                    <button type="button" class="copy" on:click=copy_number
                        aria-label=format!("{}: {number}", lang.t(Msg::CopyNumber))>
                        {number.clone()}
                    </button>
                    {r.provider.clone().map(|p| view! { <span class="operator" data-testid="operator">{p}</span> })}
                    <span class="copied" aria-live="polite">
                        {move || copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}
                    </span>
                    <NumberLabel number=r.full_number() keep=true state=editing/>
                </td>
                <td data-label=lang.t(Msg::ColService)>
                    <ul class="service-names">
                        {r.service_names().into_iter().map(|name| view! { <li>{name.to_owned()}</li> }).collect_view()}
                    </ul>
                </td>
                <td data-label=lang.t(Msg::ColLatestSms) class="latest-sms">
                    {move || latest.get().map(|sms| view! { <LatestSms sms/> })}
                </td>
                <td data-label=lang.t(Msg::ColExpires) class="expires">
                    {time::date_time(r.until, lang)}
                    <span class="left">{move || remaining.get()}</span>
                    {move || auto_rule.get().map(|rule| {
                        let text = t(Msg::AutoBadgeText)
                            .replace("{period}", &period_text(rule.period, lang))
                            .replace("{days}", &days_text(i64::from(rule.days_left), lang));
                        let title = text.clone();
                        view! {
                            <span class="badge auto" data-testid="auto-badge" title=title>
                                <span aria-hidden="true">"↻ " {t(Msg::AutoBadge)}</span>
                                <span class="visually-hidden">{text}</span>
                            </span>
                        }
                    })}
                    {move || auto_last.get().map(|at| view! {
                        <span class="auto-last" data-testid="auto-last">
                            {t(Msg::AutoLast).replace("{when}", &time::date_time(at, lang))}
                        </span>
                    })}
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
                    <button type="button" class="secondary" on:click=move |_| actions.auto_prolong.run(id)>
                        {lang.t(Msg::AutoAction)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| actions.add_service.run(id)>
                        {lang.t(Msg::ActionAddService)}
                    </button>
                    <button type="button" class="secondary danger" on:click=move |_| actions.delete.run(id)>
                        {lang.t(Msg::ActionDelete)}
                    </button>
                </td>
            </tr>
        }
        .into_any()
    }
}

/// Copies a rental's number (`dial`: with its dialling code) and says how that went.
fn copy_number(dial: String, copied: RwSignal<Option<bool>>) {
    spawn_local(async move {
        let ok = clipboard::copy(&dial).await;
        copied.try_set(Some(ok));
    });
}

/// A rental's newest SMS in its row: sender, time, and the code with a copy button; in a
/// `compact` row the code alone (or the text's start), the sender and time in its title.
#[component]
fn LatestSms(sms: Sms, #[prop(optional)] compact: bool) -> impl IntoView {
    let settings = use_settings();
    let code = find_code(&sms.text);
    if compact {
        let title = format!(
            "{} · {}",
            sms.sender,
            time::date_time(sms.date, settings.lang.get_untracked())
        );
        return view! {
            <span class="sms-compact" title=title>
                {match code {
                    Some(code) => view! { <CopyCode code testid="row-code"/> }.into_any(),
                    None => view! { <bdi class="sms-text">{sms.text.chars().take(40).collect::<String>()}</bdi> }.into_any(),
                }}
            </span>
        }
        .into_any();
    }
    view! {
        <span class="sms-meta">
            <bdi class="sms-sender">{sms.sender.clone()}</bdi>
            " · "
            <time>{move || time::date_time(sms.date, settings.lang.get())}</time>
        </span>
        {match code {
            Some(code) => view! { <CopyCode code testid="row-code"/> }.into_any(),
            None => view! { <bdi class="sms-text">{sms.text.chars().take(60).collect::<String>()}</bdi> }.into_any(),
        }}
    }
    .into_any()
}
