//! `/`: renting a number. Number type, country and period choose what `getdata` lists;
//! the person picks a service, sees the total against the balance, confirms once.

use crate::api::{Api, ApiFailure};
use crate::base::href;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::key_gate::KeyGate;
use crate::components::rent_options::{CountryPicker, NumberTypePicker, PeriodPicker};
use crate::components::service_list::ServiceList;
use crate::i18n::{country_name, flag, period_text, Msg};
use crate::paid::PaidAction;
use crate::rent_choice::RentChoice;
use crate::session::use_session;
use crate::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use rent_api::{rules, Money, NumberType, Period, ServiceOffer};

/// The rent page.
#[component]
pub fn RentPage() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{move || settings.t(Msg::RentTitle)}</h1>
        <KeyGate>
            <RentForm/>
        </KeyGate>
    }
}

/// Where "write to support" leads: `<meta name="rentdesk-support">` in index.html, set by
/// the deployment.
fn support_address() -> String {
    document()
        .query_selector("meta[name='rentdesk-support']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default()
}

type OffersKey = (String, Period, NumberType);

#[component]
fn RentForm() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let query = use_query_map();
    let initial = RentChoice::restore(|k| query.with_untracked(|q| q.get(k)));
    let rent_type = RwSignal::new(initial.rent_type);
    let country = RwSignal::new(initial.country);
    let period = RwSignal::new(initial.period);
    let service = RwSignal::new(initial.service);

    let countries = LocalResource::new(move || {
        let api = Api::current();
        async move { api.countries().await }
    });
    // An unknown or missing country becomes the first one the API lists.
    Effect::new(move |_| {
        if let Some(Ok(list)) = countries.get() {
            let current = country.get_untracked();
            if !list.iter().any(|c| Some(&c.code) == current.as_ref()) {
                country.set(list.first().map(|c| c.code.clone()));
            }
        }
    });

    // The choice lives in the URL (replace, no scroll) and in storage.
    let navigate = use_navigate();
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            let choice = RentChoice {
                rent_type: rent_type.get(),
                country: country.get(),
                period: period.get(),
                service: service.get(),
            };
            choice.remember();
            // Not resolved by the router, which would drop the slash of a sub-path's root.
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                resolve: false,
                ..Default::default()
            };
            navigate(&href(&format!("/{}", choice.to_query())), options);
        }
    });

    // getdata for the current choice. Each request has a ticket; an answer whose ticket is
    // no longer the latest is dropped, so a slow old answer never overwrites a newer choice.
    let offers: RwSignal<Option<Vec<ServiceOffer>>> = RwSignal::new(None);
    let offers_for: RwSignal<Option<OffersKey>> = RwSignal::new(None);
    let offers_failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let reload = RwSignal::new(0u32);
    let latest = StoredValue::new(0u64);
    let wanted = Memo::new(move |_| country.get().map(|c| (c, period.get(), rent_type.get())));
    Effect::new(move |_| {
        reload.track();
        let Some(key) = wanted.get() else { return };
        let api = Api::current();
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        offers_failure.set(None);
        spawn_local(async move {
            let result = api.services(key.0.clone(), key.1, key.2).await;
            if latest.try_get_value() != Some(ticket) {
                return;
            }
            match result {
                Ok(list) => {
                    offers.try_set(Some(list));
                    offers_for.try_set(Some(key));
                }
                Err(e) => {
                    offers_failure.try_set(Some(e));
                }
            }
        });
    });
    let refreshing = Signal::derive(move || {
        offers_failure.get().is_none() && wanted.get().is_some() && offers_for.get() != wanted.get()
    });

    let chosen = Memo::new(move |_| {
        let code = service.get()?;
        offers.get()?.into_iter().find(|o| o.service == code)
    });
    let total = Memo::new(move |_| {
        chosen
            .get()
            .and_then(|o| rules::total(o.price_day, period.get()))
    });
    let balance = move || session.balance.get().and_then(|r| r.ok());
    let short = move || matches!((total.get(), balance()), (Some(t), Some(b)) if t > b);
    let can_rent = Signal::derive(move || {
        chosen.get().is_some_and(|o| o.count > 0)
            && !refreshing.get()
            && total.get().is_some()
            && !short()
    });

    let dialog_open = RwSignal::new(false);
    let rent = PaidAction::new(
        move |order: &(String, String, Period, NumberType)| {
            let api = Api::current();
            let (country, service, period, rent_type) = order.clone();
            async move { api.create(country, service, period, rent_type).await }
        },
        move |created| {
            session.refresh_balance();
            dialog_open.set(false);
            navigate(
                &format!("/rentals?new={}", created.id),
                NavigateOptions::default(),
            );
        },
        // A refusal may mean the balance or the stock changed meanwhile: show both anew.
        move || {
            session.refresh_balance();
            reload.update(|n| *n += 1);
        },
    );
    let confirm = Callback::new(move |_| {
        if !can_rent.get_untracked() {
            return;
        }
        let (Some(c), Some(s)) = (country.get_untracked(), service.get_untracked()) else {
            return;
        };
        rent.start((c, s, period.get_untracked(), rent_type.get_untracked()));
    });
    let open_dialog = move |_| {
        if can_rent.get_untracked() {
            rent.forget_failure();
            dialog_open.set(true);
        }
    };

    let country_label = move || {
        let code = country.get().unwrap_or_default();
        let api_name = countries
            .get()
            .and_then(|r| r.ok())
            .and_then(|l| l.into_iter().find(|c| c.code == code).map(|c| c.name))
            .unwrap_or_default();
        format!(
            "{} {}",
            flag(&code),
            country_name(&code, &api_name, settings.lang.get())
        )
    };
    let type_label = move || {
        t(match rent_type.get() {
            NumberType::Always => Msg::TypeAlways,
            NumberType::OnRequest => Msg::TypeOnRequest,
            NumberType::Any => Msg::TypeAny,
        })
    };
    let money = |m: Option<Money>| m.map(|m| format!("{m} USD")).unwrap_or_else(|| "—".into());

    view! {
        <div class="rent">
            <NumberTypePicker value=rent_type/>
            <div class="choice-row">
                {move || match countries.get() {
                    None => view! { <p role="status">{t(Msg::CountriesLoading)}</p> }.into_any(),
                    Some(Err(e)) => view! { <ErrorNote failure=e retry=Callback::new(move |_| countries.refetch())/> }.into_any(),
                    Some(Ok(list)) => view! { <CountryPicker countries=list value=country/> }.into_any(),
                }}
                <PeriodPicker value=period/>
                <div class="total" aria-live="polite">
                    <span class="total-label">{move || t(Msg::TotalLabel)}</span>
                    <strong data-testid="total">
                        {move || match total.get() {
                            Some(total) => format!("{total} USD"),
                            None => t(Msg::TotalChooseService).to_owned(),
                        }}
                    </strong>
                    <span class="total-balance">
                        {move || balance().map(|b| format!("{} {b} USD", t(Msg::Balance)))}
                    </span>
                </div>
                <button type="button" class="rent-button" disabled=move || !can_rent.get() on:click=open_dialog>
                    {move || t(Msg::RentButton)}
                </button>
            </div>
            {move || short().then(|| view! { <p class="note warn" role="alert">{t(Msg::NotEnoughBalance)}</p> })}
            {move || (service.get().is_some() && offers.get().is_some() && chosen.get().is_none() && !refreshing.get())
                .then(|| view! { <p class="note warn">{t(Msg::ServiceUnavailableNow)}</p> })}
            {move || offers_failure.get().map(|e| view! {
                <ErrorNote failure=e retry=Callback::new(move |_| reload.update(|n| *n += 1))/>
            })}
            <ServiceList offers=offers selected=service refreshing=refreshing support=support_address()/>
        </div>
        <ConfirmDialog
            open=dialog_open
            on_close=Callback::new(move |_| dialog_open.set(false))
            title=Signal::derive(move || t(Msg::ConfirmTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::ConfirmRent).to_owned())
            busy=rent.busy()
            busy_label=Signal::derive(move || t(Msg::Renting).to_owned())
            blocked=Signal::derive(move || !can_rent.get())
            on_confirm=confirm
        >
            <p>{move || t(Msg::ConfirmText)}</p>
            <dl class="summary">
                <dt>{move || t(Msg::TypeLegend)}</dt><dd>{type_label}</dd>
                <dt>{move || t(Msg::CountryLabel)}</dt><dd>{country_label}</dd>
                <dt>{move || t(Msg::ServicesLegend)}</dt><dd>{move || chosen.get().map(|o| o.name)}</dd>
                <dt>{move || t(Msg::PeriodLabel)}</dt><dd>{move || period_text(period.get(), settings.lang.get())}</dd>
                <dt>{move || t(Msg::TotalLabel)}</dt><dd data-testid="confirm-total">{move || money(total.get())}</dd>
                <dt>{move || t(Msg::BalanceAfter)}</dt>
                <dd>{move || money(balance().zip(total.get()).map(|(b, t)| b - t))}</dd>
            </dl>
            {move || rent.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}
