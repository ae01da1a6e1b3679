//! `/`: renting a number. Number type, country and period choose what `getdata` lists;
//! the person picks one service or several (one number for all), perhaps an operator,
//! sees the total against the balance, confirms once.

use crate::browser::base::href;
use crate::components::error_note::ErrorNote;
use crate::components::key_gate::KeyGate;
use crate::components::on_demand::DialogOnDemand;
use crate::components::operator_picker::OperatorPicker;
use crate::components::picked_services::PickedServices;
use crate::components::rent_bar::RentBar;
use crate::components::rent_confirm::{self, RentDraft};
use crate::components::rent_options::{CountryPicker, NumberTypePicker, PeriodPicker};
use crate::components::service_list::ServiceList;
use crate::i18n::{country_name, usd, Msg};
use crate::state::batches::use_batches;
use crate::state::multi_rent::{self, operator_stock};
use crate::state::rent_choice::{parse_count, RentChoice};
use crate::state::rent_offers::{ChoiceOffers, MultiCount};
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use rent_api::batch::MAX_BATCH;

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
    let count = RwSignal::new(initial.count);

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
                count: count.get(),
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
        from_last_visit,
        last_visit,
        ..
    } = loaded;
    Effect::new(move |_| {
        if offers.with(Option::is_some) || offers_failure.with(Option::is_some) {
            crate::browser::quiet::first_page_ready();
        }
    });
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
    // The price of one number, and of all `count` of them.
    let one = Memo::new(move |_| multi_rent::total(&picked.get(), period.get()));
    let total = Memo::new(move |_| one.get()?.times(i64::from(count.get())));

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

    // A batch: at most what is in stock for the choice, and [`MAX_BATCH`].
    let max_count = Signal::derive(move || {
        let stock = available
            .get()
            .unwrap_or(0)
            .min(operator_count().unwrap_or(i64::MAX));
        u32::try_from(stock.clamp(1, i64::from(MAX_BATCH))).unwrap_or(1)
    });
    let too_many =
        move || count.get() > 1 && available.get().is_some() && count.get() > max_count.get();
    let batches = use_batches();
    let batch_busy = move || count.get() > 1 && batches.unfinished();

    let balance = move || session.balance.get().and_then(|r| r.ok());
    let short = move || matches!((total.get(), balance()), (Some(t), Some(b)) if t > b);
    let can_rent = Signal::derive(move || {
        !too_many()
            && !batch_busy()
            && !picked.with(Vec::is_empty)
            && !missing()
            && available.get().is_some_and(|n| n > 0)
            && operator_count().is_none_or(|n| n > 0)
            && !refreshing.get()
            && !from_last_visit.get()
            && total.get().is_some()
            && !short()
    });

    // The total for the same choice at the last visit, when the fresh answer changed it.
    let repriced = move || {
        let (key, old) = last_visit.get()?;
        if Some(&key) != wanted.get().as_ref() || refreshing.get() {
            return None;
        }
        let before = services
            .with(|s| multi_rent::total(&multi_rent::picked_offers(&old, s), period.get()))?;
        let now = total.get()?;
        (before != now).then_some((before, now))
    };

    let dialog_open = RwSignal::new(false);
    let rent_button = NodeRef::<leptos::html::Button>::new();
    let open_dialog = move |_: ()| {
        if can_rent.get_untracked() {
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
    let draft = RentDraft {
        open: dialog_open,
        rent_type,
        country,
        country_label: Signal::derive(country_label),
        period,
        operator,
        picked: picked.into(),
        one: one.into(),
        count: count.into(),
        total: total.into(),
        can_rent,
        offers: loaded,
    };

    view! {
        <div class="rent">
            <NumberTypePicker value=rent_type/>
            <div class="choice-row">
                {move || match countries.get() {
                    // In the picker's shape, so its arrival moves nothing below it.
                    None => view! {
                        <div class="field countries-loading" role="status">
                            <span class="label">{t(Msg::CountryLabel)}</span>
                            <span class="select-like">{t(Msg::CountriesLoading)}</span>
                        </div>
                    }.into_any(),
                    Some(Err(e)) => view! { <ErrorNote failure=e retry=Callback::new(move |_| countries.refetch())/> }.into_any(),
                    Some(Ok(list)) => view! { <CountryPicker countries=list value=country/> }.into_any(),
                }}
                <PeriodPicker value=period/>
                <div class="total" aria-live="polite">
                    <span class="total-label">{settings.text(Msg::TotalLabel)}</span>
                    <strong data-testid="total">
                        {move || {
                            let lang = settings.lang.get();
                            match (one.get(), total.get()) {
                                (Some(one), Some(total)) if count.get() > 1 => t(Msg::TotalTimes)
                                    .replace("{n}", &count.get().to_string())
                                    .replace("{one}", &usd(one, lang))
                                    .replace("{total}", &usd(total, lang)),
                                (_, Some(total)) => usd(total, lang),
                                _ => t(Msg::TotalChooseService).to_owned(),
                            }
                        }}
                    </strong>
                    <span class="total-balance">
                        // A line held from the start (a no-break space until the balance is read).
                        {move || balance().map_or_else(|| "\u{a0}".to_owned(), |b| format!("{} {}", t(Msg::Balance), usd(b, settings.lang.get())))}
                    </span>
                </div>
                <label class="field count-field">
                    <span class="label">{settings.text(Msg::CountLabel)}</span>
                    <input type="number" min="1" max=move || max_count.get().to_string() inputmode="numeric"
                        data-testid="rent-count" prop:value=move || count.get().to_string()
                        on:change=move |ev| count.set(parse_count(&event_target_value(&ev)).unwrap_or(1))/>
                </label>
                <button node_ref=rent_button type="button" class="rent-button" disabled=move || !can_rent.get() on:click=move |_| open_dialog(())>
                    {settings.text(Msg::RentButton)}
                </button>
            </div>
            <PickedServices picked=picked period=period selected=services multi_count=multi_count/>
            <OperatorPicker operators=stock any_count=available value=operator
                upper_bound=Signal::derive(move || picked.with(Vec::len) > 1)/>
            {move || repriced().map(|(before, now)| {
                let lang = settings.lang.get();
                let text = t(Msg::PriceChangedSinceVisit).replace("{before}", &usd(before, lang)).replace("{now}", &usd(now, lang));
                view! { <p class="note warn" role="status" data-testid="price-changed">{text}</p> }
            })}
            {move || short().then(|| {
                let text = match (count.get(), one.get(), balance()) {
                    (n, Some(one), Some(b)) if n > 1 && one.mills() > 0 => t(Msg::BatchShort)
                        .replace("{n}", &(b.mills().max(0) / one.mills()).to_string())
                        .replace("{count}", &n.to_string()),
                    _ => t(Msg::NotEnoughBalance).to_owned(),
                };
                view! { <p class="note warn" role="alert" data-testid="short">{text}</p> }
            })}
            {move || too_many().then(|| view! {
                <p class="note warn" role="alert">{t(Msg::BatchTooMany).replace("{max}", &max_count.get().to_string())}</p>
            })}
            {move || batch_busy().then(|| view! { <p class="note warn" role="status">{t(Msg::BatchBusy)}</p> })}
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
            <ServiceList offers=offers selected=services refreshing=refreshing from_last_visit=from_last_visit support=support_address()/>
            <RentBar watched=rent_button picked=picked total=total can_rent=can_rent on_rent=Callback::new(open_dialog)/>
        </div>
        // The confirmation and its paid call: their own wasm part, fetched by the first click
        // on Rent if the prefetch has not brought it yet.
        <DialogOnDemand opened=dialog_open close=Callback::new(move |_| dialog_open.set(false))
            load=move || rent_confirm::rent_confirm(draft)/>
    }
}
