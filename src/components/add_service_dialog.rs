//! "Renting an additional service" (the seed's dialog): a service of the same country, the
//! days left on the rental, the total in USD, one confirmation.

use crate::api::{Api, ApiFailure};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::i18n::Msg;
use crate::live_rentals::LiveRentals;
use crate::paid::{self, Check, PaidAction};
use crate::phone::format_phone;
use crate::settings::use_settings;
use crate::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
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
    let choice: RwSignal<Option<String>> = RwSignal::new(None);
    let add = PaidAction::new(
        move |(id, service): &(i64, String), api: Api| {
            let rental = live.row(*id).map(|r| r.get_untracked());
            let service = service.clone();
            async move {
                match rental {
                    Some(r) => api.add_service(&r, service).await,
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
            find: |(id, service): &(i64, String), before, after| {
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
        choice.set(None);
        add.forget_failure();
        let api = Api::current();
        spawn_local(async move {
            let kind = r.number_type().unwrap_or(NumberType::Any);
            let result = api
                .services(r.cname.clone(), Period::one_week(), kind)
                .await;
            let on_rental: Vec<&str> = r.scode.split(',').collect();
            let result = result.map(|list| {
                list.into_iter()
                    .filter(|o| !on_rental.contains(&o.service.as_str()))
                    .collect::<Vec<_>>()
            });
            offers.try_set(Some(result));
        });
    });
    let days = move || {
        rental
            .get()
            .map(|r| rules::extra_service_days(r.until, time::now()))
    };
    let chosen = move || {
        let code = choice.get()?;
        offers.get()?.ok()?.into_iter().find(|o| o.service == code)
    };
    let total = move || chosen().zip(days()).and_then(|(o, d)| o.price_day.times(d));

    let confirm = Callback::new(move |_| {
        if let (Some(id), Some(code)) = (open.get_untracked(), choice.get_untracked()) {
            add.start((id, code));
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
                <p class="dialog-subject">{format_phone(&r.ccode, &r.pnumber)} " · " {r.sname.clone()}</p>
            })}
            <label for="extra-service">{move || t(Msg::ServicesLegend)}</label>
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
                            view! { <option value=o.service.clone() disabled=o.count <= 0>{label}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
            }}
            <dl class="summary">
                <dt>{move || t(Msg::AddServiceDays)}</dt>
                <dd>{move || days().map(|d| format!("{d} {}", t(Msg::DaysUnit)))}</dd>
                <dt>{move || t(Msg::TotalLabel)}</dt>
                <dd data-testid="extra-total">{move || total().map(|m| format!("{m} USD")).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            {move || add.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}
