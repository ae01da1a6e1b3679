//! Prolonging the selected rentals in one go: one confirmation listing each rental with its
//! price for the chosen period (from `getdata`, as the single prolong dialog prices it) and
//! the total against the balance; then one `prolong` per rental, in order, each showing its
//! result. It stops before a rental the balance no longer covers; a failure on one is
//! explained and the others go on. Each call's request id is made of the rental, its
//! expiry and the period, so neither a double click nor a reload can prolong twice.

use crate::api::ApiFailure;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::number_label::LabelLine;
use crate::components::row_window::RowWindow;
use crate::i18n::{period_text, usd, Msg};
use crate::state::live_rentals::LiveRentals;
use crate::state::paid;
use crate::state::prolong_price::price_from;
use crate::state::rent_choice::MAX_MONTHS;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use crate::state::tabs::use_tabs;
use crate::text::phone::format_phone;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::{Money, NumberType, Period, PeriodUnit, Rental, ServiceOffer};
use std::collections::{HashMap, HashSet};

/// What became of one rental.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Running,
    Done,
    Failed(ApiFailure),
    /// Not tried: the balance left did not cover it.
    Stopped,
}

/// One rental of the batch and its price (`None`: this period does not fit it).
type Line = (Rental, Option<Money>);

/// The periods offered: 1–4 weeks and the months.
fn periods() -> Vec<Period> {
    (1..=4)
        .filter_map(|n| Period::new(PeriodUnit::Week, n).ok())
        .chain((1..=MAX_MONTHS).filter_map(|n| Period::new(PeriodUnit::Month, n).ok()))
        .collect()
}

/// The bulk prolong dialog for the `selected` rentals, in `order`.
#[component]
pub fn BulkProlong(
    open: RwSignal<bool>,
    selected: RwSignal<HashSet<i64>>,
    #[prop(into)] order: Signal<Vec<i64>>,
    live: LiveRentals,
    /// Runs after the batch ran.
    done: Callback<()>,
) -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let period = RwSignal::new(Period::one_week());
    let lines: RwSignal<Option<Result<Vec<Line>, ApiFailure>>> = RwSignal::new(None);
    let outcomes: RwSignal<HashMap<i64, Outcome>> = RwSignal::new(HashMap::new());
    let running = RwSignal::new(false);
    let ran = RwSignal::new(false);
    let ticket = StoredValue::new(0u64);

    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let p = period.get();
        // The table's order; selected rentals a filter hides now come after, by id.
        let chosen: Vec<Rental> = selected.with_untracked(|s| {
            order.with_untracked(|shown| {
                let in_table: HashSet<i64> = shown.iter().copied().collect();
                let mut hidden: Vec<i64> = s
                    .iter()
                    .filter(|id| !in_table.contains(id))
                    .copied()
                    .collect();
                rent_api::order::sort_by_key(&mut hidden, |id| *id);
                shown
                    .iter()
                    .filter(|id| s.contains(id))
                    .copied()
                    .chain(hidden)
                    .filter_map(|id| live.row(id).map(|r| r.get_untracked()))
                    .collect()
            })
        });
        outcomes.set(HashMap::new());
        ran.set(false);
        lines.set(None);
        let mine = ticket.get_value() + 1;
        ticket.set_value(mine);
        let api = use_settings().api();
        spawn_local(async move {
            let mut priced = Vec::with_capacity(chosen.len());
            // One `getdata` per country and number type, not one per rental.
            let mut offers: HashMap<(String, NumberType), Vec<ServiceOffer>> = HashMap::new();
            for r in chosen {
                let fits = r.canprolong && r.prolong_limits().fits(p);
                let price = if fits {
                    let kind = r.number_type().unwrap_or(NumberType::Any);
                    let key = (r.cname.clone(), kind);
                    let found = match offers.get(&key) {
                        Some(list) => price_from(list, &r, p),
                        None => match api.services(r.cname.clone(), p, kind).await {
                            Ok(list) => {
                                let price = price_from(&list, &r, p);
                                offers.insert(key, list);
                                price
                            }
                            Err(e) => Err(e),
                        },
                    };
                    match found {
                        Ok(m) => Some(m),
                        Err(e) => {
                            if ticket.try_get_value() == Some(mine) {
                                lines.set(Some(Err(e)));
                            }
                            return;
                        }
                    }
                } else {
                    None
                };
                priced.push((r, price));
            }
            if ticket.try_get_value() == Some(mine) {
                lines.set(Some(Ok(priced)));
            }
        });
    });

    let balance = move || session.balance.get().and_then(|b| b.ok());
    let total = Memo::new(move |_| {
        lines.with(|l| match l {
            Some(Ok(l)) => l
                .iter()
                .filter_map(|(_, p)| *p)
                .fold(Money::ZERO, |a, b| a + b),
            _ => Money::ZERO,
        })
    });
    let ready = Signal::derive(move || {
        lines.with(|l| matches!(l, Some(Ok(l)) if l.iter().any(|(_, p)| p.is_some()))) && !ran.get()
    });
    // The list is drawn like the table: only the lines near its visible part.
    let at = Memo::new(move |_| {
        lines.with(|l| match l {
            Some(Ok(l)) => l.iter().enumerate().map(|(i, (r, _))| (r.id, i)).collect(),
            _ => HashMap::new(),
        })
    });
    let ids = Memo::new(move |_| {
        lines.with(|l| match l {
            Some(Ok(l)) => l.iter().map(|(r, _)| r.id).collect(),
            _ => Vec::new(),
        })
    });
    let window = RowWindow::new(ids.into());
    let list_ref = NodeRef::<leptos::html::Ol>::new();
    window.attach(list_ref, true);
    let line = move |id: i64| {
        let i = at.with_untracked(|at| at.get(&id).copied())?;
        lines.with_untracked(|l| match l {
            Some(Ok(l)) => l.get(i).cloned().map(|line| (i, line)),
            _ => None,
        })
    };

    let run = Callback::new(move |_| {
        if running.get_untracked() || ran.get_untracked() || !ready.get_untracked() {
            return;
        }
        let Some(Ok(batch)) = lines.get_untracked() else {
            return;
        };
        running.set(true);
        let p = period.get_untracked();
        let api = use_settings().api();
        let tabs = use_tabs();
        spawn_local(async move {
            let mut left = match api.balance().await {
                Ok(b) => b,
                Err(_) => balance().unwrap_or(Money::ZERO),
            };
            let mut stopped = false;
            for (r, price) in batch {
                let Some(price) = price else { continue };
                if stopped || price > left {
                    stopped = true;
                    outcomes.update(|o| {
                        o.insert(r.id, Outcome::Stopped);
                    });
                    continue;
                }
                outcomes.update(|o| {
                    o.insert(r.id, Outcome::Running);
                });
                let answer = api
                    .clone()
                    .with_request_id(&paid::prolong_request_id(r.id, r.until, p))
                    .prolong(r.id, p)
                    .await;
                let outcome = match answer {
                    Ok(()) => Outcome::Done,
                    Err(lost @ (ApiFailure::Network | ApiFailure::Timeout)) => {
                        match api.orders().await {
                            Ok(now) => match now.iter().find(|n| n.id == r.id) {
                                Some(n) if n.until > r.until => Outcome::Done,
                                _ if lost == ApiFailure::Timeout => {
                                    Outcome::Failed(ApiFailure::LostUnknown)
                                }
                                _ => Outcome::Failed(ApiFailure::LostNotDone),
                            },
                            Err(_) => Outcome::Failed(ApiFailure::LostUnknown),
                        }
                    }
                    Err(e) => Outcome::Failed(e),
                };
                if outcome == Outcome::Done {
                    left = left - price;
                }
                if outcomes
                    .try_update(|o| {
                        o.insert(r.id, outcome);
                    })
                    .is_none()
                {
                    return;
                }
            }
            running.try_set(false);
            if ran.try_set(true).is_some() {
                return; // the view is gone
            }
            session.refresh_balance();
            tabs.changed();
            done.run(());
        });
    });

    let result_text = move |o: Outcome| match o {
        Outcome::Running => t(Msg::Prolonging).to_owned(),
        Outcome::Done => t(Msg::BulkDone).to_owned(),
        Outcome::Stopped => t(Msg::BulkStopped).to_owned(),
        Outcome::Failed(e) => e.message(settings.lang.get()),
    };

    view! {
        <ConfirmDialog
            open=open
            on_close=Callback::new(move |_| {
                if !running.get_untracked() {
                    open.set(false);
                }
            })
            title=Signal::derive(move || t(Msg::BulkTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::BulkConfirm).to_owned())
            busy=running
            busy_label=Signal::derive(move || t(Msg::Prolonging).to_owned())
            blocked=Signal::derive(move || !ready.get())
            on_confirm=run
        >
            <label for="bulk-period">{t(Msg::ProlongPeriod)}</label>
            <select id="bulk-period" disabled=move || running.get() || ran.get() on:change=move |ev| {
                let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                if let Some(p) = periods().get(i) {
                    period.set(*p);
                }
            }>
                {periods().into_iter().enumerate().map(|(i, p)| view! {
                    <option value=i.to_string() selected=move || period.get() == p>
                        {move || period_text(p, settings.lang.get())}
                    </option>
                }).collect_view()}
            </select>
            {move || lines.with(|l| match l {
                None => Some(view! { <p role="status">{t(Msg::PriceLoading)}</p> }.into_any()),
                Some(Err(e)) => Some(view! { <ErrorNote failure=e.clone()/> }.into_any()),
                Some(Ok(_)) => None,
            })}
            <p class="bulk-count" data-testid="bulk-count" hidden=move || ids.with(Vec::is_empty)>
                {move || t(Msg::RentalsCountAll).replace("{n}", &window.len().to_string())}
            </p>
            <ol class="bulk-list" node_ref=list_ref hidden=move || ids.with(Vec::is_empty)>
                <li class="window-spacer" aria-hidden="true" style:height=move || window.above()></li>
                <For each=move || window.drawn.get() key=|id| *id let:id>
                    {line(id).map(|(i, (r, price))| view! {
                        <li data-rental=id data-row=id value=(i + 1).to_string()>
                            <span class="bulk-what">{format_phone(&r.ccode, &r.pnumber)} " " <LabelLine number=r.full_number()/> " · " {r.sname.clone()}</span>
                            <span class="bulk-price" data-testid="bulk-price">{move || match price {
                                Some(m) => usd(m, settings.lang.get()),
                                None => t(Msg::BulkSkipped).to_owned(),
                            }}</span>
                            <span class="bulk-result" data-testid="bulk-result" aria-live="polite">
                                {move || outcomes.with(|o| o.get(&id).cloned()).map(result_text)}
                            </span>
                        </li>
                    })}
                </For>
                <li class="window-spacer" aria-hidden="true" style:height=move || window.below()></li>
            </ol>
            <dl class="summary">
                <dt>{t(Msg::TotalLabel)}</dt>
                <dd data-testid="bulk-total">{move || usd(total.get(), settings.lang.get())}</dd>
                <dt>{t(Msg::Balance)}</dt>
                <dd>{move || balance().map(|b| usd(b, settings.lang.get()))}</dd>
            </dl>
            {move || balance().filter(|b| total.get() > *b).map(|_| view! {
                <p class="note warn" role="alert">{t(Msg::BulkBalanceShort)}</p>
            })}
        </ConfirmDialog>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// My rentals → Prolong selected.
    bulk_prolong / preload_bulk_prolong (open: RwSignal<bool>, selected: RwSignal<HashSet<i64>>, order: Signal<Vec<i64>>, live: LiveRentals, done: Callback<()>) => view! { <BulkProlong open selected order live done/> };
}
