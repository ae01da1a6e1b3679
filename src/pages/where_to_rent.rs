//! `/where`: "where can I rent X?". Type a service, see every country offering it for a
//! period with its day price and the numbers available (`get_country_by_service`), sort,
//! and pick one to open the rent form with that country and service chosen.

use crate::browser::base::href;
use crate::components::error_note::ErrorNote;
use crate::components::flag::Flag;
use crate::components::rent_options::PeriodPicker;
use crate::i18n::{country_name, usd, Msg};
use crate::state::rent_choice::{parse_count, parse_period, period_code, RentChoice};
use crate::state::settings::use_settings;
use crate::state::where_search::CountrySort;
use crate::state::where_search::{
    arrange_countries, discount_text, matching_services, service_directory,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use rent_api::batch::MAX_BATCH;
use rent_api::{CountryOffer, DefaultService, NumberType, Period};

/// Suggestions shown under the search field.
const SUGGESTIONS: usize = 12;

/// The service-first search page.
#[component]
pub fn WherePage() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let query = use_query_map();
    let service = RwSignal::new(query.with_untracked(|q| q.get("service")));
    let period = RwSignal::new(
        query
            .with_untracked(|q| q.get("period"))
            .and_then(|p| parse_period(&p))
            .unwrap_or_else(Period::one_week),
    );
    let count = RwSignal::new(
        query
            .with_untracked(|q| q.get("count"))
            .and_then(|c| parse_count(&c))
            .unwrap_or(1),
    );
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(CountrySort::Price);

    let navigate = use_navigate();
    Effect::new(move |_| {
        let mut url = format!("/where?period={}", period_code(period.get()));
        if let Some(s) = service.get() {
            url.push_str("&service=");
            url.push_str(&s);
        }
        if count.get() > 1 {
            url.push_str(&format!("&count={}", count.get()));
        }
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&url, options);
    });

    // The services to search: the site's suggestions and those of the person's country.
    let services = LocalResource::new(move || {
        let api = use_settings().api();
        async move {
            let suggested = api.default_services().await;
            let country = match RentChoice::restore(|_| None).country {
                Some(c) => Some(c),
                None => api
                    .countries()
                    .await
                    .ok()
                    .and_then(|l| l.into_iter().next())
                    .map(|c| c.code),
            };
            let local = match country {
                Some(c) => api
                    .services(c, Period::one_week(), NumberType::Any)
                    .await
                    .ok(),
                None => None,
            };
            match (suggested, local) {
                (Err(e), None) => Err(e),
                (suggested, local) => Ok(service_directory(
                    suggested.unwrap_or_default(),
                    local.unwrap_or_default(),
                )),
            }
        }
    });
    let countries = LocalResource::new(move || {
        let api = use_settings().api();
        async move { api.countries().await.unwrap_or_default() }
    });
    let offers = LocalResource::new(move || {
        let (code, period) = (service.get(), period.get());
        let api = use_settings().api();
        async move {
            match code {
                Some(code) => Some(api.countries_for_service(code, period).await),
                None => None,
            }
        }
    });
    let service_name = move || {
        let code = service.get()?;
        let list = services.get()?.ok()?;
        Some(
            list.into_iter()
                .find(|s| s.service == code)
                .map(|s| s.name)
                .unwrap_or(code),
        )
    };
    Effect::new(move |_| {
        if let Some(name) = service_name() {
            if search.get_untracked().is_empty() {
                search.set(name);
            }
        }
    });
    let suggestions = move || {
        let list = services.get()?.ok()?;
        let needle = search.get();
        let chosen = service_name();
        if needle.trim().is_empty() || chosen.as_deref() == Some(needle.as_str()) {
            return Some(Vec::new());
        }
        Some(matching_services(&list, &needle, SUGGESTIONS))
    };
    let pick = move |s: DefaultService| {
        search.set(s.name.clone());
        service.set(Some(s.service));
    };

    // Localized by code; the API's name (often Russian) only where the app knows none.
    let name_of = move |code: &str| {
        let api_name = countries
            .get()
            .and_then(|l| l.into_iter().find(|c| c.code == code).map(|c| c.name))
            .unwrap_or_default();
        country_name(code, &api_name, settings.lang.get())
    };
    let rows = move || {
        let list = offers.get()??.ok()?;
        let mut named: Vec<(String, CountryOffer)> =
            list.into_iter().map(|o| (name_of(&o.country), o)).collect();
        arrange_countries(&mut named, sort.get());
        Some(named)
    };
    let row = move |(name, offer): (String, CountryOffer)| {
        let code = offer.country.clone();
        let label = name;
        let period = period.get_untracked();
        let base = format!(
            "/?period={}&country={}&service={}",
            period_code(period),
            code,
            service.get_untracked().unwrap_or_default()
        );
        // A count carried to the rent page, at most what this country has.
        let stock = u32::try_from(offer.phone_amount.max(1)).unwrap_or(1);
        let href = move || match count.get().min(stock) {
            1 => href(&base),
            n => href(&format!("{base}&count={n}")),
        };
        let sold_out = offer.phone_amount <= 0;
        let rent_label = format!("{}: {label}", t(Msg::RentHere));
        let discount = {
            let d = offer.discount;
            move || discount_text(&d, settings.lang.get()).unwrap_or_else(|| "—".into())
        };
        view! {
            <tr data-country=code.clone() class:sold-out=sold_out>
                <th scope="row" data-label=settings.text(Msg::ColCountry)><span class="with-flag"><Flag code=Some(code.clone())/>{label.clone()}</span></th>
                <td data-label=settings.text(Msg::ColDayPrice) class="num" data-testid="day-price">{move || usd(offer.price, settings.lang.get())}</td>
                <td data-label=settings.text(Msg::ColAvailable) class="num" data-testid="available">
                    {move || if sold_out { t(Msg::SoldOut).to_owned() } else { offer.phone_amount.to_string() }}
                </td>
                <td data-label=settings.text(Msg::ColDiscount)>{discount}</td>
                <td>
                    {(!sold_out).then(|| view! { <a class="button" href=href aria-label=rent_label>{settings.text(Msg::RentHere)}</a> })}
                </td>
            </tr>
        }
    };

    view! {
        <h1>{settings.text(Msg::WhereTitle)}</h1>
        <div class="where">
            <div class="choice-row where-choice">
                <div class="field where-search">
                    <label for="where-service">{settings.text(Msg::WhereService)}</label>
                    <input id="where-service" type="search" autocomplete="off"
                        placeholder=settings.text(Msg::WherePlaceholder)
                        aria-controls=move || services.get().is_some_and(|r| r.is_ok()).then_some("where-suggestions")
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <PeriodPicker value=period/>
                <label class="field count-field">
                    <span class="label">{settings.text(Msg::CountLabel)}</span>
                    <input type="number" min="1" max=MAX_BATCH.to_string() inputmode="numeric" data-testid="where-count"
                        prop:value=move || count.get().to_string()
                        on:change=move |ev| count.set(parse_count(&event_target_value(&ev)).unwrap_or(1))/>
                </label>
            </div>
            {move || match services.get() {
                None => view! { <p role="status">{t(Msg::ServicesLoadingAll)}</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNote failure=e retry=Callback::new(move |_| services.refetch())/> }.into_any(),
                Some(Ok(_)) => view! {
                    <ul id="where-suggestions" class="suggestions">
                        {move || suggestions().unwrap_or_default().into_iter().map(|s| {
                            let name = s.name.clone();
                            view! {
                                <li><button type="button" class="secondary" on:click=move |_| pick(s.clone())>{name}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || suggestions().is_some_and(|s| s.is_empty()).then(|| {
                        (!search.get().trim().is_empty() && service_name().as_deref() != Some(search.get().as_str()))
                            .then(|| view! { <p class="empty-search">{t(Msg::NoServiceMatch)}</p> })
                    })}
                }.into_any(),
            }}
            {move || match offers.get() {
                None => view! { <p role="status">{t(Msg::Loading)}</p> }.into_any(),
                Some(None) => view! { <p class="hint">{t(Msg::WhereChoose)}</p> }.into_any(),
                Some(Some(Err(e))) => view! { <ErrorNote failure=e retry=Callback::new(move |_| offers.refetch())/> }.into_any(),
                Some(Some(Ok(list))) if list.is_empty() => view! { <p class="empty-search">{t(Msg::WhereNone)}</p> }.into_any(),
                Some(Some(Ok(list))) => {
                    let heading = t(Msg::WhereCountries)
                        .replace("{service}", &service_name().unwrap_or_default())
                        .replace("{n}", &list.len().to_string());
                    view! {
                        <div class="row tools">
                            <h2 class="where-count">{heading}</h2>
                            <label for="where-sort" class="inline">{t(Msg::SortLabel)}</label>
                            <select id="where-sort" on:change=move |ev| sort.set(CountrySort::from_value(&event_target_value(&ev)))>
                                <option value="price" selected=move || sort.get() == CountrySort::Price>{t(Msg::SortPrice)}</option>
                                <option value="available" selected=move || sort.get() == CountrySort::Available>{t(Msg::SortAvailable)}</option>
                                <option value="name" selected=move || sort.get() == CountrySort::Name>{t(Msg::SortName)}</option>
                            </select>
                        </div>
                        <div class="table-wrap">
                            <table class="where-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColCountry)}</th>
                                        <th scope="col">{t(Msg::ColDayPrice)}</th>
                                        <th scope="col">{t(Msg::ColAvailable)}</th>
                                        <th scope="col">{t(Msg::ColDiscount)}</th>
                                        <th scope="col"><span class="visually-hidden">{t(Msg::ColAction)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>{move || rows().unwrap_or_default().into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}
