//! Restoring an archived rental: the cost is precalculated and spelled out with the seed's
//! formula before anything is charged; one confirmation; the rental returns highlighted.

use crate::api::{Api, ApiFailure};
use crate::browser::base::href;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::i18n::Msg;
use crate::state::number_notes::use_number_notes;
use crate::state::paid::{self, Check, PaidAction};
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use crate::text::phone::format_international;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rent_api::rules::RestoreCost;
use rent_api::{ArchivedRental, Money, NumberType, Period, PeriodUnit, RestoreQuote};

/// The cost split the seed's way, when getdata's prices add up to the quoted price.
async fn breakdown(api: &Api, quote: &RestoreQuote) -> Option<RestoreCost> {
    let country = if quote.ccode == "EN" {
        "UK".to_owned()
    } else {
        quote.ccode.clone()
    };
    let day_price = |period: Period| {
        let api = api.clone();
        let country = country.clone();
        async move {
            api.services(country, period, NumberType::Any)
                .await
                .ok()?
                .into_iter()
                .find(|o| o.service == quote.scode)
                .map(|o| o.price_day)
        }
    };
    let cost = RestoreCost {
        overdue_days: quote.outdays,
        overdue_day_price: day_price(Period::one_week()).await?,
        prepaid_days: quote.prolong_to,
        prepaid_day_price: day_price(Period::new(PeriodUnit::Month, 1).ok()?).await?,
    };
    (cost.total() == quote.price).then_some(cost)
}

/// The restore dialog for the archived rental in `open`.
#[component]
pub fn RestoreDialog(open: RwSignal<Option<ArchivedRental>>) -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let navigate = use_navigate();
    let notes = use_number_notes();
    let quote: RwSignal<Option<Result<RestoreQuote, ApiFailure>>> = RwSignal::new(None);
    let cost: RwSignal<Option<RestoreCost>> = RwSignal::new(None);
    let restore = PaidAction::new(
        move |id: &i64, api: Api| {
            let id = *id;
            async move { api.restore(id).await.map(|new_id| new_id.unwrap_or(id)) }
        },
        move |id| {
            session.refresh_balance();
            open.set(None);
            navigate(&format!("/rentals?new={id}"), Default::default());
        },
        move || session.refresh_balance(),
        Some(Check {
            done: Msg::RestoredAnswerLost,
            find: |id, before, after| paid::find_restored(*id, before, after),
            rents: false,
        }),
    );

    Effect::new(move |_| {
        let Some(rental) = open.get() else { return };
        quote.set(None);
        cost.set(None);
        restore.forget_failure();
        let api = use_settings().api();
        spawn_local(async move {
            let answer = api.restore_quote(rental.order_id).await;
            if let Ok(q) = &answer {
                let split = breakdown(&api, q).await;
                cost.try_set(split);
            }
            quote.try_set(Some(answer));
        });
    });

    let confirm = Callback::new(move |_| {
        let ready = matches!(quote.get_untracked(), Some(Ok(_)));
        if let (Some(r), true) = (open.get_untracked(), ready) {
            restore.start(r.order_id);
        }
    });
    let balance = move || session.balance.get().and_then(|b| b.ok());
    let usd = move |m: Money| crate::i18n::usd(m, settings.lang.get());

    view! {
        <ConfirmDialog
            open=Signal::derive(move || open.get().is_some())
            on_close=Callback::new(move |_| open.set(None))
            title=Signal::derive(move || t(Msg::RestoreTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::RestoreConfirm).to_owned())
            busy=restore.busy()
            busy_label=Signal::derive(move || t(Msg::Restoring).to_owned())
            blocked=Signal::derive(move || !matches!(quote.get(), Some(Ok(_))))
            on_confirm=confirm
        >
            // What the number was for, before anything is charged.
            {move || open.get().map(|r| notes.of(&r.number)).filter(|n| !n.label.is_empty() || !n.note.is_empty()).map(|n| view! {
                <div class="was-for" data-testid="restore-was-for">
                    <p><strong>{t(Msg::RestoreWasFor)} ": "</strong> <bdi class="number-label">{n.label}</bdi></p>
                    {(!n.note.is_empty()).then(|| view! { <p class="number-note">{n.note}</p> })}
                </div>
            })}
            <p class="note">{settings.text(Msg::RestoreFeasible)}</p>
            {move || match quote.get() {
                None => view! { <p role="status">{t(Msg::RestoreChecking)}</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNote failure=e/> }.into_any(),
                Some(Ok(q)) => view! {
                    <p class="dialog-subject">{open.with_untracked(|r| format_international(r.as_ref().map_or("", |r| r.country.as_str()), &q.pnumber))} " · " {q.sname.clone()}</p>
                    <p class="formula">{t(Msg::RestoreFormula)}</p>
                    <dl class="summary">
                        <dt>{t(Msg::RestoreOverdue)}</dt>
                        <dd data-testid="restore-overdue">{move || match cost.get() {
                            Some(c) => format!("{} × {} = {}", c.overdue_days, usd(c.overdue_day_price), usd(c.overdue())),
                            None => q.outdays.to_string(),
                        }}</dd>
                        <dt>{t(Msg::RestorePrepaid)}</dt>
                        <dd data-testid="restore-prepaid">{move || match cost.get() {
                            Some(c) => format!("{} × {} = {}", c.prepaid_days, usd(c.prepaid_day_price), usd(c.prepaid())),
                            None => q.prolong_to.to_string(),
                        }}</dd>
                        <dt>{t(Msg::RestoreTotal)}</dt>
                        <dd data-testid="restore-total">{usd(q.price)}</dd>
                        <dt>{t(Msg::BalanceAfter)}</dt>
                        <dd>{move || balance().map(|b| usd(b - q.price))}</dd>
                    </dl>
                    <p><a href=href("/faq#restore-cost")>{t(Msg::RestoreWhyCost)}</a></p>
                }.into_any(),
            }}
            {move || restore.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// Archive → Restore.
    restore_dialog / preload_restore_dialog (open: RwSignal<Option<ArchivedRental>>) => view! { <RestoreDialog open/> };
}
