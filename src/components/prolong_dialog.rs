//! Prolonging a rental: weeks or months (`prolong`) or a number of days (`prolong_max`)
//! within the guarantee, its price from `getdata` for the rental's country, services and
//! kind, the new expiry, one confirmation.

use crate::api::{Api, ApiFailure};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::number_label::LabelLine;
use crate::i18n::{days_text, period_text, usd, Msg};
use crate::state::live_rentals::LiveRentals;
use crate::state::paid::{self, Check, PaidAction};
use crate::state::prolong_price::price_for;
use crate::state::rent_choice::{MAX_MONTHS, MAX_WEEKS};
use crate::state::settings::use_settings;
use crate::text::phone::format_phone;
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::{Money, Period, PeriodUnit, Rental};

/// The periods a rental may still be prolonged by.
pub fn allowed_periods(rental: &Rental) -> Vec<Period> {
    let limits = rental.prolong_limits();
    [
        (PeriodUnit::Week, MAX_WEEKS),
        (PeriodUnit::Month, MAX_MONTHS),
    ]
    .into_iter()
    .flat_map(|(unit, max)| (1..=max).filter_map(move |n| Period::new(unit, n).ok()))
    .filter(|p| limits.fits(*p))
    .collect()
}

/// The most days a rental may still be prolonged by: `canprolongmax`, and no further
/// than the guarantee's last day.
pub fn max_days(rental: &Rental) -> u32 {
    let limits = rental.prolong_limits();
    let by_guarantee = (limits.max_until - limits.until) / rent_api::rules::DAY;
    u32::try_from(limits.max_days.min(by_guarantee).max(0)).unwrap_or(0)
}

/// The select's value for "a number of days".
const BY_DAYS: &str = "days";

/// The prolong dialog for the rental in `open`.
#[component]
pub fn ProlongDialog(
    open: RwSignal<Option<i64>>,
    live: LiveRentals,
    /// Runs after a successful prolongation.
    done: Callback<()>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let now = Memo::new(move |_| open.get().and_then(|id| live.row(id)).map(|r| r.get()));
    // The rental as the dialog opened on it: what the person confirms, and what the
    // request id derives from, so a click in a second tab after the first one's list
    // arrived is the same request, answered once, not a second prolong.
    let rental: RwSignal<Option<Rental>> = RwSignal::new(None);
    let period: RwSignal<Option<Period>> = RwSignal::new(None);
    let days = RwSignal::new(1u32);
    let by_days_mode = RwSignal::new(false);
    let price: RwSignal<Option<Result<Money, ApiFailure>>> = RwSignal::new(None);
    let ticket = StoredValue::new(0u64);
    let prolong = PaidAction::new(
        move |(id, _, p): &(i64, i64, Period), api: Api| {
            let (id, p) = (*id, *p);
            async move {
                if p.unit == PeriodUnit::Day {
                    api.prolong_days(id, p.count).await
                } else {
                    api.prolong(id, p).await
                }
            }
        },
        move |()| {
            open.set(None);
            done.run(());
        },
        || {},
        Some(Check {
            done: Msg::ProlongedAnswerLost,
            find: |(id, _, _), before, after| paid::find_prolonged(*id, before, after),
            rents: false,
        }),
    )
    .with_derived_ids(|(id, until, p)| paid::prolong_request_id(*id, *until, *p));

    Effect::new(move |_| {
        rental.set(open.get().and_then(|_| now.get_untracked()));
        if open.get().is_some() {
            let r = rental.get_untracked();
            days.set(1);
            let first = r.as_ref().and_then(|r| allowed_periods(r).first().copied());
            let days_only = first.is_none() && r.as_ref().is_some_and(|r| max_days(r) > 0);
            by_days_mode.set(days_only);
            period.set(first.or_else(|| days_only.then(|| Period::days_of(1).ok()).flatten()));
            prolong.forget_failure();
        }
    });
    Effect::new(move |_| {
        let (Some(r), Some(p)) = (rental.get(), period.get()) else {
            price.set(None);
            return;
        };
        let api = use_settings().api();
        let mine = ticket.get_value() + 1;
        ticket.set_value(mine);
        price.set(None);
        spawn_local(async move {
            let result = price_for(&api, &r, p).await;
            if ticket.try_get_value() == Some(mine) {
                price.set(Some(result));
            }
        });
    });

    let ready =
        Signal::derive(move || matches!(price.get(), Some(Ok(_))) && period.get().is_some());
    let confirm = Callback::new(move |_| {
        if let (Some(r), Some(p)) = (rental.get_untracked(), period.get_untracked()) {
            prolong.start((r.id, r.until, p));
        }
    });

    view! {
        <ConfirmDialog
            open=Signal::derive(move || open.get().is_some())
            on_close=Callback::new(move |_| open.set(None))
            title=Signal::derive(move || t(Msg::ProlongTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::ProlongConfirm).to_owned())
            busy=prolong.busy()
            busy_label=Signal::derive(move || t(Msg::Prolonging).to_owned())
            blocked=Signal::derive(move || !ready.get())
            on_confirm=confirm
        >
            {move || rental.get().map(|r| {
                let lang = settings.lang.get();
                let periods = allowed_periods(&r);
                let most_days = max_days(&r);
                view! {
                    <p class="dialog-subject">{format_phone(&r.ccode, &r.pnumber)} " " <LabelLine number=r.full_number()/> " · " {r.sname.clone()}</p>
                    <label for="prolong-period">{t(Msg::ProlongPeriod)}</label>
                    <select id="prolong-period" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        by_days_mode.set(value == BY_DAYS);
                        if value == BY_DAYS {
                            period.set(Period::days_of(days.get_untracked()).ok());
                        } else {
                            let i: usize = value.parse().unwrap_or(0);
                            period.set(rental.get_untracked().and_then(|r| allowed_periods(&r).get(i).copied()));
                        }
                    }>
                        {periods.into_iter().enumerate().map(|(i, p)| view! {
                            <option value=i.to_string() selected=move || period.get() == Some(p)>{period_text(p, lang)}</option>
                        }).collect_view()}
                        {(most_days > 0).then(|| view! {
                            <option value=BY_DAYS selected=move || by_days_mode.get()>{t(Msg::ProlongByDays)}</option>
                        })}
                    </select>
                    {move || by_days_mode.get().then(|| view! {
                        <label for="prolong-days">{t(Msg::ProlongDays)}</label>
                        <input id="prolong-days" type="number" inputmode="numeric" min="1" max=most_days.to_string()
                            aria-describedby="prolong-days-range"
                            prop:value=move || days.get().to_string()
                            on:input=move |ev| {
                                let n = event_target_value(&ev).trim().parse::<u32>().ok().filter(|n| (1..=most_days).contains(n));
                                if let Some(n) = n {
                                    days.set(n);
                                    period.set(Period::days_of(n).ok());
                                } else {
                                    period.set(None);
                                }
                            }/>
                        <p class="help" id="prolong-days-range">{t(Msg::DaysRange).replace("{max}", &most_days.to_string())}</p>
                    })}
                    <p class="help">{format!("{}: {}", t(Msg::ProlongMax), days_text(r.canprolongmax, lang))}</p>
                    <dl class="summary">
                        <dt>{t(Msg::ColExpires)}</dt><dd>{time::date_time(r.until, lang)}</dd>
                        <dt>{t(Msg::ProlongNewExpiry)}</dt>
                        <dd data-testid="new-expiry">{move || period.get().map(|p| time::date_time(r.until + p.seconds(), lang))}</dd>
                        <dt>{t(Msg::TotalLabel)}</dt>
                        <dd data-testid="prolong-price">{move || match price.get() {
                            _ if period.get().is_none() => "—".to_owned(),
                            None => t(Msg::PriceLoading).to_owned(),
                            Some(Ok(m)) => usd(m, lang),
                            Some(Err(_)) => "—".to_owned(),
                        }}</dd>
                    </dl>
                }
            })}
            {move || match (now.get(), rental.get()) {
                (Some(now), Some(shown)) if now.until != shown.until => Some(view! {
                    <p class="note" role="status">{t(Msg::ProlongedMeanwhile).replace("{date}", &time::date_time(now.until, settings.lang.get()))}</p>
                }),
                _ => None,
            }}
            {move || price.get().and_then(|p| p.err()).map(|e| view! { <ErrorNote failure=e/> })}
            {move || prolong.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// My rentals → Prolong.
    prolong_dialog / preload_prolong_dialog (open: RwSignal<Option<i64>>, live: LiveRentals, done: Callback<()>) => view! { <ProlongDialog open live done/> };
}
