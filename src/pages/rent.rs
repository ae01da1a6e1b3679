//! `/`: renting a number. Number type, country and period choose what `getdata` lists;
//! the person picks one service or several (one number for all), perhaps an operator,
//! sees the total against the balance, confirms once.

use crate::api::Api;
use crate::browser::base::href;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::flag::Flag;
use crate::components::key_gate::KeyGate;
use crate::components::operator_picker::OperatorPicker;
use crate::components::picked_services::PickedServices;
use crate::components::rent_options::{CountryPicker, NumberTypePicker, PeriodPicker};
use crate::components::service_list::ServiceList;
use crate::i18n::{country_name, period_text, usd, Msg};
use crate::state::multi_rent::{self, operator_stock};
use crate::state::paid::{self, Check, PaidAction};
use crate::state::rent_choice::RentChoice;
use crate::state::rent_offers::{ChoiceOffers, MultiCount};
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use rent_api::{rules, CreatedRental, Money, NumberType, Period};

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

/// What one click on "Rent now" orders.
type Order = (String, Vec<String>, Period, NumberType, Option<String>);

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
    let services = RwSignal::new(initial.services);
    let operator = RwSignal::new(initial.operator);

    let countries = LocalResource::new(move || {
        let api = use_settings().api();
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
                services: services.get(),
                operator: operator.get(),
            };
            choice.remember();
            if let Some(c) = &choice.country {
                use_settings()
                    .api()
                    .remember_first_reads(c, choice.period, choice.rent_type);
            }
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

    let wanted = Memo::new(move |_| country.get().map(|c| (c, period.get(), rent_type.get())));
    let loaded = ChoiceOffers::load(wanted);
    let ChoiceOffers {
        offers,
        failure: offers_failure,
        operators,
        refreshing,
        ..
    } = loaded;
    // A chosen operator the country does not have is dropped.
    Effect::new(move |_| {
        if let (Some(list), Some(name)) = (operators.get(), operator.get_untracked()) {
            if !list.operators.contains(&name) {
                operator.set(None);
            }
        }
    });

    let picked = Memo::new(move |_| {
        offers
            .with(|o| multi_rent::picked_offers(o.as_deref().unwrap_or_default(), &services.get()))
    });
    let missing = move || {
        offers.with(Option::is_some)
            && !refreshing.get()
            && picked.with(Vec::len) < services.with(Vec::len)
    };
    let total = Memo::new(move |_| multi_rent::total(&picked.get(), period.get()));

    // get_count_multi for two or more services: numbers free for all of them.
    let multi_wanted = Memo::new(move |_| {
        let codes = services.get();
        (codes.len() > 1)
            .then(|| {
                country
                    .get()
                    .map(|c| (c, codes, period.get(), rent_type.get()))
            })
            .flatten()
    });
    let MultiCount {
        count: multi_count,
        failure: multi_failure,
    } = loaded.multi_count(multi_wanted);
    let available = Signal::derive(move || multi_rent::available(&picked.get(), multi_count.get()));
    let stock = Signal::derive(move || {
        operators
            .get()
            .map(|list| operator_stock(&list, &services.get()))
            .unwrap_or_default()
    });
    let operator_count = move || {
        let name = operator.get()?;
        stock.get().into_iter().find(|s| s.name == name)?.count
    };

    let balance = move || session.balance.get().and_then(|r| r.ok());
    let short = move || matches!((total.get(), balance()), (Some(t), Some(b)) if t > b);
    let can_rent = Signal::derive(move || {
        !picked.with(Vec::is_empty)
            && !missing()
            && available.get().is_some_and(|n| n > 0)
            && operator_count().is_none_or(|n| n > 0)
            && !refreshing.get()
            && total.get().is_some()
            && !short()
    });

    let dialog_open = RwSignal::new(false);
    let rent = PaidAction::new(
        move |order: &Order, api: Api| {
            let (country, mut services, period, rent_type, provider) = order.clone();
            async move {
                if services.len() == 1 {
                    let service = services.remove(0);
                    api.create(country, service, period, rent_type, provider)
                        .await
                } else {
                    api.create_multi(country, services, period, rent_type, provider)
                        .await
                }
            }
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
            loaded.reload();
        },
        Some(Check {
            done: Msg::RentedAnswerLost,
            // One rental carries all the services of a multi rent: find it by the first.
            find: |(_, services, ..): &Order, before, after| {
                let first = services.first()?;
                paid::find_rented(first, before, after).map(|r| CreatedRental {
                    id: r.id,
                    pnumber: r.pnumber,
                    ccode: r.ccode,
                    service: r.scode,
                    until: r.until,
                })
            },
            rents: true,
        }),
    );
    let confirm = Callback::new(move |_| {
        if !can_rent.get_untracked() {
            return;
        }
        let Some(c) = country.get_untracked() else {
            return;
        };
        let codes: Vec<String> = picked
            .get_untracked()
            .into_iter()
            .map(|o| o.service)
            .collect();
        rent.start((
            c,
            codes,
            period.get_untracked(),
            rent_type.get_untracked(),
            operator.get_untracked(),
        ));
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
        country_name(&code, &api_name, settings.lang.get())
    };
    let type_label = move || {
        t(match rent_type.get() {
            NumberType::Always => Msg::TypeAlways,
            NumberType::OnRequest => Msg::TypeOnRequest,
            NumberType::Any => Msg::TypeAny,
        })
    };
    let money = move |m: Option<Money>| {
        m.map(|m| usd(m, settings.lang.get()))
            .unwrap_or_else(|| "—".into())
    };
    let confirm_services = move || {
        let p = period.get();
        picked
            .get()
            .into_iter()
            .map(|o| {
                let price = money(rules::total(o.price_day, p));
                view! { <li>{o.name} " — " {price}</li> }
            })
            .collect_view()
    };

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
                    <span class="total-label">{settings.text(Msg::TotalLabel)}</span>
                    <strong data-testid="total">
                        {move || match total.get() {
                            Some(total) => usd(total, settings.lang.get()),
                            None => t(Msg::TotalChooseService).to_owned(),
                        }}
                    </strong>
                    <span class="total-balance">
                        {move || balance().map(|b| format!("{} {}", t(Msg::Balance), usd(b, settings.lang.get())))}
                    </span>
                </div>
                <button type="button" class="rent-button" disabled=move || !can_rent.get() on:click=open_dialog>
                    {settings.text(Msg::RentButton)}
                </button>
            </div>
            <PickedServices picked=picked period=period selected=services multi_count=multi_count/>
            <OperatorPicker operators=stock any_count=available value=operator
                upper_bound=Signal::derive(move || picked.with(Vec::len) > 1)/>
            {move || short().then(|| view! { <p class="note warn" role="alert">{t(Msg::NotEnoughBalance)}</p> })}
            {move || missing().then(|| view! { <p class="note warn">{t(Msg::ServiceUnavailableNow)}</p> })}
            {move || (multi_count.get() == Some(0)).then(|| view! { <p class="note warn">{t(Msg::FreeForAllNone)}</p> })}
            {move || (operator_count() == Some(0)).then(|| view! { <p class="note warn">{t(Msg::OperatorSoldOut)}</p> })}
            {move || offers_failure.get().map(|e| view! {
                <ErrorNote failure=e retry=Callback::new(move |_| loaded.reload())/>
            })}
            {move || multi_failure.get().map(|e| view! {
                <ErrorNote failure=e retry=Callback::new(move |_| loaded.reload())/>
            })}
            <p class="where-link"><a href=href("/where")>{settings.text(Msg::WhereLink)}</a></p>
            <ServiceList offers=offers selected=services refreshing=refreshing support=support_address()/>
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
            <p>{settings.text(Msg::ConfirmText)}</p>
            <dl class="summary">
                <dt>{settings.text(Msg::TypeLegend)}</dt><dd>{type_label}</dd>
                <dt>{settings.text(Msg::CountryLabel)}</dt><dd class="with-flag"><Flag code=country/>{country_label}</dd>
                {move || operator.get().map(|name| view! {
                    <dt>{t(Msg::OperatorLegend)}</dt><dd data-testid="confirm-operator">{name}</dd>
                })}
                <dt>{settings.text(Msg::ServicesLegend)}</dt>
                <dd><ul class="confirm-services" data-testid="confirm-services">{confirm_services}</ul></dd>
                <dt>{settings.text(Msg::PeriodLabel)}</dt><dd>{move || period_text(period.get(), settings.lang.get())}</dd>
                <dt>{settings.text(Msg::TotalLabel)}</dt><dd data-testid="confirm-total">{move || money(total.get())}</dd>
                <dt>{settings.text(Msg::BalanceAfter)}</dt>
                <dd>{move || money(balance().zip(total.get()).map(|(b, t)| b - t))}</dd>
            </dl>
            {move || rent.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}
