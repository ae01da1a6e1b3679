//! `/rentals`: the live table of current rentals.

use crate::api::{Api, ApiFailure};
use crate::components::error_note::ErrorNote;
use crate::components::key_gate::KeyGate;
use crate::i18n::{Lang, Msg};
use crate::settings::use_settings;
use crate::time;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use rent_api::{Rental, RentalState};
use std::time::Duration;

/// How often the table asks for `orders`, as the rent page promises.
const REFRESH: Duration = Duration::from_secs(30);

/// The rentals page.
#[component]
pub fn RentalsPage() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{move || settings.t(Msg::RentalsTitle)}</h1>
        <KeyGate>
            <RentalsTable/>
        </KeyGate>
    }
}

/// The table, its refresh, and its states (loading, empty, failed with the last data kept).
#[component]
fn RentalsTable() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let rentals: RwSignal<Option<Vec<Rental>>> = RwSignal::new(None);
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let refreshed_at: RwSignal<Option<i64>> = RwSignal::new(None);
    // `?new=ID`: the rental just rented or restored, highlighted.
    let query = use_query_map();
    let highlight = move || query.with(|q| q.get("new").and_then(|id| id.parse::<i64>().ok()));

    let load = Action::new_local(move |_: &()| {
        let api = Api::current();
        async move { api.orders().await }
    });
    Effect::new(move |_| {
        if let Some(result) = load.value().get() {
            match result {
                Ok(list) => {
                    rentals.set(Some(list));
                    failure.set(None);
                    refreshed_at.set(Some(time::now()));
                }
                // A failed refresh keeps the last rows on screen.
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let refresh = move || {
        if !load.pending().get_untracked() {
            load.dispatch(());
        }
    };
    Effect::new(move |_| {
        settings.api_key.track();
        settings.api_base.track();
        refresh();
    });
    if let Ok(handle) = set_interval_with_handle(refresh, REFRESH) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <p class="hint">{move || t(Msg::RentalsAutoRefresh)}</p>
        <p class="refreshed" aria-live="polite">
            {move || refreshed_at.get().map(|at| format!("{}: {}", t(Msg::LastRefresh), time::clock(at)))}
            {move || load.pending().get().then(|| view! { <span class="pending">" · " {t(Msg::Refreshing)}</span> })}
        </p>
        {move || failure.get().map(|f| view! { <ErrorNote failure=f retry=Callback::new(move |_| refresh())/> })}
        {move || match rentals.get() {
            None if failure.get().is_none() => view! { <p role="status">{t(Msg::Loading)}</p> }.into_any(),
            None => ().into_any(),
            Some(list) if list.is_empty() => view! {
                <div class="empty">
                    <p>{t(Msg::RentalsEmpty)}</p>
                    <A href="/">{t(Msg::RentalsEmptyAction)}</A>
                </div>
            }.into_any(),
            Some(list) => view! { <Table list lang=settings.lang.get() highlight=highlight()/> }.into_any(),
        }}
    }
}

fn state_text(state: RentalState) -> Msg {
    match state {
        RentalState::NotActive => Msg::StateNotActive,
        RentalState::Active => Msg::StateActive,
        RentalState::Activating => Msg::StateActivating,
        RentalState::NotInSystem => Msg::StateNotInSystem,
        RentalState::Other(_) => Msg::StateUnknown,
    }
}

#[component]
fn Table(list: Vec<Rental>, lang: Lang, highlight: Option<i64>) -> impl IntoView {
    let now = time::now();
    view! {
        <div class="table-wrap">
            <table class="rentals">
                <thead>
                    <tr>
                        <th scope="col">{lang.t(Msg::ColStatus)}</th>
                        <th scope="col">{lang.t(Msg::ColNumber)}</th>
                        <th scope="col">{lang.t(Msg::ColService)}</th>
                        <th scope="col">{lang.t(Msg::ColExpires)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|r| view! {
                        <tr data-rental=r.id class:new=highlight == Some(r.id)>
                            <td>
                                <span class=format!("state state-{}", r.state.code())>{lang.t(state_text(r.state))}</span>
                                {(highlight == Some(r.id)).then(|| view! { <span class="badge">{lang.t(Msg::RentedHighlight)}</span> })}
                            </td>
                            <td class="number">{format!("{} {}", r.ccode, r.pnumber)}</td>
                            <td>{r.sname.clone()}</td>
                            <td>
                                {time::date_time(r.until, lang)}
                                <span class="left">" · " {time::remaining(r.until, now, lang)}</span>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
