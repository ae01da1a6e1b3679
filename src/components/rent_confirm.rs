//! The rent confirmation and the paid call behind it: the one place that charges for a new
//! rental. Its own wasm part (crate::parts), so the rent page's first load does not carry
//! the paid flow until Rent is clicked.

use crate::api::Api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::flag::Flag;
use crate::i18n::{period_text, usd, Msg};
use crate::state::batches::{new_batch_id, use_batches};
use crate::state::number_notes::use_number_notes;
use crate::state::paid::{self, Check, PaidAction};
use crate::state::rent_offers::ChoiceOffers;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use rent_api::batch::{label_of, next_first, Batch, BatchState};
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
    /// The price of one number.
    pub one: Signal<Option<Money>>,
    /// How many numbers: more than one is a batch.
    pub count: Signal<u32>,
    /// The price of all of them.
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
        one,
        count,
        total,
        can_rent,
        offers,
    } = draft;
    let batches = use_batches();
    let notes = use_number_notes();
    let pattern = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let not_kept = RwSignal::new(false);
    let batch = move || count.get() > 1;
    // Numbering goes on where the same pattern left off.
    let first = move || {
        pattern.with(|p| notes.with(|all| next_first(p, all.values().map(|n| n.label.as_str()))))
    };
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
            not_kept.set(false);
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
        let offers = picked.get_untracked();
        let codes: Vec<String> = offers.iter().map(|o| o.service.clone()).collect();
        if count.get_untracked() > 1 {
            // A double click finds the batch started and the dialog closed.
            if batches.unfinished_untracked() || batches.starting() {
                return;
            }
            let Some(price) = one.get_untracked() else {
                return;
            };
            let plan = Batch {
                id: new_batch_id(),
                started: js_sys::Date::now() as i64,
                count: count.get_untracked(),
                country: c,
                country_name: country_label.get_untracked(),
                services: codes,
                service_names: offers.into_iter().map(|o| o.name).collect(),
                period: period.get_untracked(),
                rent_type: rent_type.get_untracked(),
                provider: operator.get_untracked(),
                price,
                pattern: pattern.get_untracked().trim().to_owned(),
                first: untrack(first),
                note: note.get_untracked().trim().to_owned(),
                before: None,
                steps: Vec::new(),
                state: BatchState::Running,
                closed: false,
            };
            if batches.start(plan) {
                open.set(false);
            } else {
                not_kept.set(true);
            }
            return;
        }
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
            confirm_label=Signal::derive(move || if batch() {
                t(Msg::BatchStart).replace("{n}", &count.get().to_string())
            } else {
                t(Msg::ConfirmRent).to_owned()
            })
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
                {move || batch().then(|| view! {
                    <dt>{t(Msg::ConfirmCount)}</dt><dd data-testid="confirm-count">{count.get()}</dd>
                    <dt>{t(Msg::ConfirmPriceOne)}</dt><dd data-testid="confirm-one">{money(one.get())}</dd>
                })}
                <dt>{settings.text(Msg::TotalLabel)}</dt><dd data-testid="confirm-total">{move || money(total.get())}</dd>
                <dt>{settings.text(Msg::BalanceAfter)}</dt>
                <dd>{move || money(balance().zip(total.get()).map(|(b, t)| b - t))}</dd>
            </dl>
            {move || batch().then(|| {
                let hint = move || {
                    let first = first();
                    let last = first + count.get().saturating_sub(1);
                    pattern.with(|p| label_of(p, first).zip(label_of(p, last)))
                        .map(|(a, b)| t(Msg::BatchPatternHint).replace("{first}", &a).replace("{last}", &b))
                };
                view! {
                    <div class="field">
                        <label for="batch-pattern">{t(Msg::BatchPattern)}</label>
                        <input id="batch-pattern" type="text" maxlength="40" autocomplete="off" data-testid="batch-pattern"
                            placeholder="Shop {n}" aria-describedby="batch-pattern-hint"
                            prop:value=move || pattern.get() on:input=move |ev| pattern.set(event_target_value(&ev))/>
                        <p id="batch-pattern-hint" class="hint">{hint}</p>
                    </div>
                    <div class="field">
                        <label for="batch-note">{t(Msg::BatchNote)}</label>
                        <input id="batch-note" type="text" maxlength="200" autocomplete="off"
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    </div>
                }
            })}
            {move || not_kept.get().then(|| view! { <p class="note error" role="alert">{t(Msg::BatchNotKept)}</p> })}
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
