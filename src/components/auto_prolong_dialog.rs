//! "Prolong automatically" for one number: on or off, by how much, at how many days left,
//! and the monthly limit for all numbers (required to turn it on). Saving changes nothing
//! on the API: the leading tab acts when the rental is due. Turning it on also marks the
//! number as one to keep.

use crate::components::confirm_dialog::ConfirmDialog;
use crate::i18n::{days_text, period_text, usd, Msg};
use crate::state::auto_prolong::use_auto_prolong;
use crate::state::live_rentals::LiveRentals;
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use crate::text::phone::format_phone;
use leptos::prelude::*;
use rent_api::auto_prolong::{DEFAULT_DAYS_LEFT, MAX_DAYS_LEFT};
use rent_api::{Money, Period, PeriodUnit};

/// The periods offered: a week, two, a month, or a number of days.
fn periods() -> [Period; 3] {
    [
        Period::one_week(),
        Period {
            unit: PeriodUnit::Week,
            count: 2,
        },
        Period {
            unit: PeriodUnit::Month,
            count: 1,
        },
    ]
}

/// The select's value for "a number of days".
const BY_DAYS: &str = "days";

/// The dialog for the rental in `open`.
#[component]
pub fn AutoProlongDialog(open: RwSignal<Option<i64>>, live: LiveRentals) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let auto = use_auto_prolong();
    let notes = use_number_notes();
    let rental = Memo::new(move |_| open.get().and_then(|id| live.row(id)).map(|r| r.get()));
    let on = RwSignal::new(true);
    let period = RwSignal::new(Period::one_week());
    let by_days = RwSignal::new(false);
    let days = RwSignal::new(3u32);
    let days_left = RwSignal::new(DEFAULT_DAYS_LEFT);
    let limit_text = RwSignal::new(String::new());
    let problem: RwSignal<Option<Msg>> = RwSignal::new(None);

    // Each opening starts from what is saved for that number.
    Effect::new(move |_| {
        let Some(r) = rental.get() else { return };
        let rule = auto.plan.with_untracked(|p| p.rule(&r.full_number()));
        on.set(true);
        problem.set(None);
        let saved = rule.map(|r| r.period).unwrap_or_else(Period::one_week);
        by_days.set(saved.unit == PeriodUnit::Day);
        if saved.unit == PeriodUnit::Day {
            days.set(saved.count);
        }
        period.set(saved);
        days_left.set(rule.map_or(DEFAULT_DAYS_LEFT, |r| r.days_left));
        limit_text.set(
            auto.plan
                .with_untracked(|p| p.limit)
                .map(Money::to_plain_string)
                .unwrap_or_default(),
        );
    });
    let has_rule = move || {
        rental
            .get()
            .is_some_and(|r| auto.plan.with(|p| p.rule(&r.full_number()).is_some()))
    };

    let save = Callback::new(move |_| {
        let Some(r) = rental.get_untracked() else {
            return;
        };
        let number = r.full_number();
        if !on.get_untracked() {
            auto.set_rule(&number, None);
            open.set(None);
            return;
        }
        let limit = match limit_text.get_untracked().trim() {
            "" => {
                problem.set(Some(Msg::AutoLimitRequired));
                return;
            }
            text => match text.parse::<Money>() {
                Ok(m) if !m.is_negative() && m > Money::ZERO => m,
                _ => {
                    problem.set(Some(Msg::AutoLimitInvalid));
                    return;
                }
            },
        };
        if auto.plan.with_untracked(|p| p.limit) != Some(limit) {
            auto.set_limit(Some(limit));
        }
        let chosen = if by_days.get_untracked() {
            Period::days_of(days.get_untracked()).unwrap_or_else(|_| Period::one_week())
        } else {
            period.get_untracked()
        };
        notes.set_keep(&number, true);
        auto.set_rule(&number, Some((chosen, days_left.get_untracked())));
        open.set(None);
    });

    view! {
        <ConfirmDialog
            open=Signal::derive(move || open.get().is_some())
            on_close=Callback::new(move |_| open.set(None))
            title=Signal::derive(move || t(Msg::AutoTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::Save).to_owned())
            busy=Signal::derive(|| false)
            busy_label=Signal::derive(move || t(Msg::Save).to_owned())
            on_confirm=save
        >
            {move || rental.get().map(|r| {
                let lang = settings.lang.get();
                view! {
                    <p class="dialog-subject">{format_phone(&r.ccode, &r.pnumber)} " · " {r.sname.clone()}</p>
                    <label class="choice">
                        <input type="checkbox" data-testid="auto-on" prop:checked=move || on.get()
                            on:change=move |ev| on.set(event_target_checked(&ev))/>
                        " " {t(Msg::AutoRuleSwitch)}
                    </label>
                    <fieldset class="auto-fields" prop:disabled=move || !on.get()>
                        <label for="auto-period">{t(Msg::AutoPeriod)}</label>
                        <select id="auto-period" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            by_days.set(value == BY_DAYS);
                            if let Some(p) = value.parse::<usize>().ok().and_then(|i| periods().get(i).copied()) {
                                period.set(p);
                            }
                        }>
                            {periods().into_iter().enumerate().map(|(i, p)| view! {
                                <option value=i.to_string() selected=move || !by_days.get() && period.get() == p>{period_text(p, lang)}</option>
                            }).collect_view()}
                            <option value=BY_DAYS selected=move || by_days.get()>{t(Msg::ProlongByDays)}</option>
                        </select>
                        {move || by_days.get().then(|| view! {
                            <label for="auto-days">{t(Msg::ProlongDays)}</label>
                            <input id="auto-days" type="number" inputmode="numeric" min="1" max="90"
                                prop:value=move || days.get().to_string()
                                on:input=move |ev| {
                                    if let Some(n) = event_target_value(&ev).trim().parse::<u32>().ok().filter(|n| (1..=90).contains(n)) {
                                        days.set(n);
                                    }
                                }/>
                        })}
                        <label for="auto-days-left">{t(Msg::AutoDaysLeft)}</label>
                        <select id="auto-days-left" on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                days_left.set(n.clamp(1, MAX_DAYS_LEFT));
                            }
                        }>
                            {(1..=MAX_DAYS_LEFT).map(|n| view! {
                                <option value=n.to_string() selected=move || days_left.get() == n>{days_text(i64::from(n), lang)}</option>
                            }).collect_view()}
                        </select>
                        <label for="auto-limit">{t(Msg::AutoLimitLabel)}</label>
                        <input id="auto-limit" type="text" inputmode="decimal" autocomplete="off"
                            aria-describedby="auto-limit-spent"
                            prop:value=move || limit_text.get()
                            on:input=move |ev| limit_text.set(event_target_value(&ev))/>
                        <p class="help" id="auto-limit-spent">{move || {
                            let spent = usd(auto.spent_this_month(), lang);
                            match auto.plan.with(|p| p.limit) {
                                Some(limit) => t(Msg::AutoSpent).replace("{spent}", &spent).replace("{limit}", &usd(limit, lang)),
                                None => t(Msg::AutoLimitRequired).to_owned(),
                            }
                        }}</p>
                    </fieldset>
                    <p class="note">{t(Msg::AutoOnlyOpen)}</p>
                    {move || (has_rule() && auto.plan.with(|p| p.stopped)).then(|| view! {
                        <p class="note warn">{t(Msg::AutoStopped)}</p>
                    })}
                }
            })}
            {move || problem.get().map(|m| view! { <p class="note error" role="alert">{t(m)}</p> })}
        </ConfirmDialog>
    }
}

// Its own wasm part (see `on_demand_parts!`): fetched by the first opening, or ahead by
// `crate::parts::prefetch`.
crate::components::on_demand::on_demand_parts! {
    /// My rentals → Auto-prolong.
    auto_prolong_dialog / preload_auto_prolong_dialog (open: RwSignal<Option<i64>>, live: LiveRentals) => view! { <AutoProlongDialog open live/> };
}
