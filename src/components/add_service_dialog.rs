//! "Renting an additional service" (the seed's dialog): a service of the same country, a
//! number of days up to the rental's end (`rent_days`), the total in USD, one confirmation.

use crate::api::{Api, ApiFailure};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::number_label::LabelLine;
use crate::i18n::{days_text, usd, Msg};
use crate::state::live_rentals::LiveRentals;
use crate::state::paid::{self, Check, PaidAction};
use crate::state::settings::use_settings;
use crate::text::phone::format_phone;
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::rules::DAY;
use rent_api::{rules, NumberType, Period, ServiceOffer};

/// The extra-service dialog for the rental in `open`.
#[component]
pub fn AddServiceDialog(
    open: RwSignal<Option<i64>>,
    live: LiveRentals,
    /// Runs after the service was added.
    done: Callback<()>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let rental = Memo::new(move |_| open.get().and_then(|id| live.row(id)).map(|r| r.get()));
    let offers: RwSignal<Option<Result<Vec<ServiceOffer>, ApiFailure>>> = RwSignal::new(None);
    // The number of days the day prices in `offers` are for.
    let offers_for: RwSignal<Option<i64>> = RwSignal::new(None);
    let ticket = StoredValue::new(0u64);
    let choice: RwSignal<Option<String>> = RwSignal::new(None);
    // `None` while the typed number is not a valid count of days.
    let wanted_days: RwSignal<Option<i64>> = RwSignal::new(None);
    let add = PaidAction::new(
        move |(id, service, days): &(i64, String, u32), api: Api| {
            let rental = live.row(*id).map(|r| r.get_untracked());
            let (service, days) = (service.clone(), *days);
            async move {
                match rental {
                    Some(r) => api.add_service(&r, service, Some(days)).await,
                    None => Err(ApiFailure::Malformed),
                }
            }
        },
        move |()| {
            open.set(None);
            done.run(());
        },
        || {},
        Some(Check {
            done: Msg::ServiceAddedAnswerLost,
            find: |(id, service, _): &(i64, String, u32), before, after| {
                paid::find_service_added(*id, service, before, after)
            },
            rents: false,
        }),
    );

    Effect::new(move |_| {
        let Some(r) = open.get().and_then(|_| rental.get_untracked()) else {
            return;
        };
        offers.set(None);
        offers_for.set(None);
        choice.set(None);
        wanted_days.set(Some(rules::extra_service_days(r.until, time::now())));
        add.forget_failure();
    });
    let days_left = move || {
        rental
            .get()
            .map(|r| rules::extra_service_days(r.until, time::now()))
    };
    let days = Memo::new(move |_| {
        wanted_days
            .get()
            .filter(|d| days_left().is_some_and(|max| (1..=max).contains(d)))
    });
    // The day price of N extra days is getdata's for an N-day period.
    Effect::new(move |_| {
        let (Some(d), Some(r)) = (days.get(), rental.get_untracked()) else {
            return;
        };
        let Some(period) = u32::try_from(d).ok().and_then(|d| Period::days_of(d).ok()) else {
            return;
        };
        let api = use_settings().api();
        let mine = ticket.get_value() + 1;
        ticket.set_value(mine);
        spawn_local(async move {
            let kind = r.number_type().unwrap_or(NumberType::Any);
            let result = api.services(r.cname.clone(), period, kind).await;
            let on_rental = r.service_codes();
            let result = result.map(|list| {
                list.into_iter()
                    .filter(|o| !on_rental.contains(&o.service.as_str()))
                    .collect::<Vec<_>>()
            });
            if ticket.try_get_value() == Some(mine) {
                offers.try_set(Some(result));
                offers_for.try_set(Some(d));
            }
        });
    });
    let chosen = move || {
        let code = choice.get()?;
        offers.get()?.ok()?.into_iter().find(|o| o.service == code)
    };
    let total = move || {
        let d = days.get().filter(|d| offers_for.get() == Some(*d))?;
        chosen()?.price_day.times(d)
    };

    let confirm = Callback::new(move |_| {
        let days = days.get_untracked().and_then(|d| u32::try_from(d).ok());
        if let (Some(id), Some(code), Some(days)) =
            (open.get_untracked(), choice.get_untracked(), days)
        {
            add.start((id, code, days));
        }
    });

    view! {
        <ConfirmDialog
            open=Signal::derive(move || open.get().is_some())
            on_close=Callback::new(move |_| open.set(None))
            title=Signal::derive(move || t(Msg::AddServiceTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::AddServiceConfirm).to_owned())
            busy=add.busy()
            busy_label=Signal::derive(move || t(Msg::AddingService).to_owned())
            blocked=Signal::derive(move || total().is_none())
            on_confirm=confirm
        >
            {move || rental.get().map(|r| view! {
                <p class="dialog-subject">{format_phone(&r.ccode, &r.pnumber)} " " <LabelLine number=r.full_number()/> " · " {r.sname.clone()}</p>
            })}
            <label for="extra-service">{settings.text(Msg::ServicesLegend)}</label>
            {move || match offers.get() {
                None => view! { <p role="status">{t(Msg::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNote failure=e/> }.into_any(),
                Some(Ok(list)) => view! {
                    <select id="extra-service" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        choice.set((!v.is_empty()).then_some(v));
                    }>
                        <option value="" selected=move || choice.get().is_none()>{t(Msg::ChooseService)}</option>
                        {list.into_iter().map(|o| {
                            let label = format!("{} — {} USD {}", o.name, o.price_day, t(Msg::PerDay));
                            let code = o.service.clone();
                            let selected = move || choice.get().as_deref() == Some(code.as_str());
                            view! { <option value=o.service.clone() disabled=o.count <= 0 selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
            }}
            <label for="extra-days">{settings.text(Msg::AddServiceDays)}</label>
            <input id="extra-days" type="number" inputmode="numeric" min="1"
                max=move || days_left().unwrap_or(1).to_string()
                aria-describedby="extra-days-range"
                prop:value=move || wanted_days.get().map(|d| d.to_string()).unwrap_or_default()
                on:input=move |ev| wanted_days.set(event_target_value(&ev).trim().parse::<i64>().ok())/>
            <p class="help" id="extra-days-range">
                {move || days_left().map(|max| t(Msg::AddServiceDaysHint).replace("{max}", &max.to_string()))}
            </p>
            <dl class="summary">
                <dt>{settings.text(Msg::AddServiceDays)}</dt>
                <dd>{move || days.get().map(|d| days_text(d, settings.lang.get())).unwrap_or_else(|| "—".into())}</dd>
                <dt>{settings.text(Msg::AddServiceUntil)}</dt>
                <dd data-testid="extra-until">{move || {
                    let until = rental.get()?.until;
                    days.get().map(|d| time::date_time(until.min(time::now() + d * DAY), settings.lang.get()))
                }}</dd>
                <dt>{settings.text(Msg::TotalLabel)}</dt>
                <dd data-testid="extra-total">{move || total().map(|m| usd(m, settings.lang.get())).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            {move || add.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// My rentals → Add a service.
    add_service_dialog / preload_add_service_dialog (open: RwSignal<Option<i64>>, live: LiveRentals, done: Callback<()>) => view! { <AddServiceDialog open live done/> };
}
