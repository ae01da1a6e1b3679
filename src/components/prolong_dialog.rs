//! Prolonging a rental: a period within the guarantee, its price from `getdata` for the
//! rental's country, services and kind, the new expiry, one confirmation.

use crate::api::{Api, ApiFailure};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::i18n::{period_text, Msg};
use crate::live_rentals::LiveRentals;
use crate::paid::{self, Check, PaidAction};
use crate::phone::format_phone;
use crate::rent_choice::{MAX_MONTHS, MAX_WEEKS};
use crate::settings::use_settings;
use crate::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::{Money, NumberType, Period, PeriodUnit, Rental, ServiceOffer};

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

/// The price of `period` for every service on `rental`, from `getdata`.
pub async fn price_for(api: &Api, rental: &Rental, period: Period) -> Result<Money, ApiFailure> {
    let kind = rental.number_type().unwrap_or(NumberType::Any);
    let offers = api.services(rental.cname.clone(), period, kind).await?;
    price_from(&offers, rental, period)
}

/// The price of `period` for every service on `rental`, from its country's `getdata` offers.
pub fn price_from(
    offers: &[ServiceOffer],
    rental: &Rental,
    period: Period,
) -> Result<Money, ApiFailure> {
    let mut total = Money::ZERO;
    for code in rental.scode.split(',').filter(|c| !c.is_empty()) {
        let offer = offers
            .iter()
            .find(|o| o.service == code)
            .ok_or(ApiFailure::Malformed)?;
        total += rent_api::rules::total(offer.price_day, period).ok_or(ApiFailure::Malformed)?;
    }
    Ok(total)
}

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
    let rental = Memo::new(move |_| open.get().and_then(|id| live.row(id)).map(|r| r.get()));
    let period: RwSignal<Option<Period>> = RwSignal::new(None);
    let price: RwSignal<Option<Result<Money, ApiFailure>>> = RwSignal::new(None);
    let ticket = StoredValue::new(0u64);
    let prolong = PaidAction::new(
        move |(id, p): &(i64, Period), api: Api| {
            let (id, p) = (*id, *p);
            async move { api.prolong(id, p).await }
        },
        move |()| {
            open.set(None);
            done.run(());
        },
        || {},
        Some(Check {
            done: Msg::ProlongedAnswerLost,
            find: |(id, _), before, after| paid::find_prolonged(*id, before, after),
            rents: false,
        }),
    );

    Effect::new(move |_| {
        if open.get().is_some() {
            period.set(
                rental
                    .get_untracked()
                    .and_then(|r| allowed_periods(&r).first().copied()),
            );
            prolong.forget_failure();
        }
    });
    Effect::new(move |_| {
        let (Some(r), Some(p)) = (rental.get(), period.get()) else {
            return;
        };
        let api = Api::current();
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
        if let (Some(id), Some(p)) = (open.get_untracked(), period.get_untracked()) {
            prolong.start((id, p));
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
                view! {
                    <p class="dialog-subject">{format_phone(&r.ccode, &r.pnumber)} " · " {r.sname.clone()}</p>
                    <label for="prolong-period">{t(Msg::ProlongPeriod)}</label>
                    <select id="prolong-period" on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        period.set(rental.get_untracked().and_then(|r| allowed_periods(&r).get(i).copied()));
                    }>
                        {periods.into_iter().enumerate().map(|(i, p)| view! {
                            <option value=i.to_string() selected=move || period.get() == Some(p)>{period_text(p, lang)}</option>
                        }).collect_view()}
                    </select>
                    <p class="help">{format!("{}: {} {}", t(Msg::ProlongMax), r.canprolongmax, t(Msg::DaysUnit))}</p>
                    <dl class="summary">
                        <dt>{t(Msg::ColExpires)}</dt><dd>{time::date_time(r.until, lang)}</dd>
                        <dt>{t(Msg::ProlongNewExpiry)}</dt>
                        <dd data-testid="new-expiry">{move || period.get().map(|p| time::date_time(r.until + p.seconds(), lang))}</dd>
                        <dt>{t(Msg::TotalLabel)}</dt>
                        <dd data-testid="prolong-price">{move || match price.get() {
                            None => t(Msg::PriceLoading).to_owned(),
                            Some(Ok(m)) => format!("{m} USD"),
                            Some(Err(_)) => "—".to_owned(),
                        }}</dd>
                    </dl>
                }
            })}
            {move || price.get().and_then(|p| p.err()).map(|e| view! { <ErrorNote failure=e/> })}
            {move || prolong.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}
