//! The rent confirmation and the paid call behind it: the one place that charges for a new
//! rental. Its own wasm part (crate::parts), so the rent page's first load does not carry
//! the paid flow until Rent is clicked.

use crate::api::Api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::flag::Flag;
use crate::i18n::{period_text, usd, Msg};
use crate::state::paid::{self, Check, PaidAction};
use crate::state::rent_offers::ChoiceOffers;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use rent_api::{rules, CreatedRental, Money, NumberType, Period, ServiceOffer};

/// What the rent page has chosen, as the confirmation shows and orders it.
#[derive(Clone, Copy)]
pub struct RentDraft {
    /// The dialog is open.
    pub open: RwSignal<bool>,
    pub rent_type: RwSignal<NumberType>,
    pub country: RwSignal<Option<String>>,
    /// The country's name in the current language.
    pub country_label: Signal<String>,
    pub period: RwSignal<Period>,
    pub operator: RwSignal<Option<String>>,
    pub picked: Signal<Vec<ServiceOffer>>,
    pub total: Signal<Option<Money>>,
    /// Everything needed is known, in stock and affordable.
    pub can_rent: Signal<bool>,
    /// Reloaded after a refusal: the stock may have changed meanwhile.
    pub offers: ChoiceOffers,
}

/// What one click on "Rent now" orders.
type Order = (String, Vec<String>, Period, NumberType, Option<String>);

/// The confirmation dialog; confirming rents (one service: `create`, several:
/// `create_multi`) and opens the new rental in My rentals.
#[component]
pub fn RentConfirm(draft: RentDraft) -> impl IntoView {
    let RentDraft {
        open,
        rent_type,
        country,
        country_label,
        period,
        operator,
        picked,
        total,
        can_rent,
        offers,
    } = draft;
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let navigate = use_navigate();
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
            open.set(false);
            navigate(
                &format!("/rentals?new={}", created.id),
                NavigateOptions::default(),
            );
        },
        // A refusal may mean the balance or the stock changed meanwhile: show both anew.
        move || {
            session.refresh_balance();
            offers.reload();
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
    // Each opening starts clean: an old refusal is not shown again.
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now && was_open != Some(true) {
            rent.forget_failure();
        }
        now
    });
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
    let balance = move || session.balance.get().and_then(|r| r.ok());
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
        <ConfirmDialog
            open=open
            on_close=Callback::new(move |_| open.set(false))
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

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// The rent page → Rent: the confirmation and the paid call.
    rent_confirm / preload_rent_confirm (draft: RentDraft) => view! { <RentConfirm draft/> };
}
