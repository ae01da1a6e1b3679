//! The rent page's choices: number type, country, period.

use crate::components::flag::Flag;
use crate::i18n::{country_name, period_text, Msg};
use crate::state::rent_choice::{MAX_MONTHS, MAX_WEEKS};
use crate::state::settings::use_settings;
use leptos::prelude::*;
use rent_api::{Country, NumberType, Period, PeriodUnit};

/// The three kinds of number, each with a line saying what it means.
#[component]
pub fn NumberTypePicker(value: RwSignal<NumberType>) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let option = move |kind: NumberType, label: Msg, short: Msg, hint: Msg| {
        let hint_id = format!("type-{}-hint", kind.as_str());
        view! {
            <label class="type-option">
                <input
                    type="radio"
                    name="rent-type"
                    aria-describedby=hint_id.clone()
                    prop:checked=move || value.get() == kind
                    on:change=move |_| value.set(kind)
                />
                <span>
                    <span class="type-label">{move || t(label)}</span>
                    <span class="type-short" aria-hidden="true">{move || t(short)}</span>
                    <span class="type-hint" id=hint_id>{move || t(hint)}</span>
                </span>
            </label>
        }
    };
    view! {
        <fieldset class="types">
            <legend>{settings.text(Msg::TypeLegend)}</legend>
            {option(NumberType::Always, Msg::TypeAlways, Msg::TypeAlwaysShort, Msg::TypeAlwaysHint)}
            {option(NumberType::OnRequest, Msg::TypeOnRequest, Msg::TypeOnRequestShort, Msg::TypeOnRequestHint)}
            {option(NumberType::Any, Msg::TypeAny, Msg::TypeAnyShort, Msg::TypeAnyHint)}
            // On a phone the three choices are compact: the chosen one's line shows under them.
            <p class="type-hint-chosen" aria-hidden="true">{move || t(match value.get() {
                NumberType::Always => Msg::TypeAlwaysHint,
                NumberType::OnRequest => Msg::TypeOnRequestHint,
                NumberType::Any => Msg::TypeAnyHint,
            })}</p>
        </fieldset>
    }
}

/// A select of countries by localized name (the browser's type-ahead finds them), with
/// the chosen country's flag.
#[component]
pub fn CountryPicker(countries: Vec<Country>, value: RwSignal<Option<String>>) -> impl IntoView {
    let settings = use_settings();
    let options = move || {
        let lang = settings.lang.get();
        let mut named: Vec<(String, String)> = countries
            .iter()
            .map(|c| (c.code.clone(), country_name(&c.code, &c.name, lang)))
            .collect();
        rent_api::order::sort_by_key(&mut named, |a| crate::text::lower(&a.1));
        named
            .into_iter()
            .map(|(code, name)| {
                let selected = value.get().as_deref() == Some(code.as_str());
                view! { <option value=code selected=selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="country">{settings.text(Msg::CountryLabel)}</label>
            <div class="with-flag">
                <Flag code=value/>
                <select id="country" on:change=move |ev| value.set(Some(event_target_value(&ev)))>
                    {options}
                </select>
            </div>
        </div>
    }
}

/// Weeks or months, and how many, with the days they make.
#[component]
pub fn PeriodPicker(value: RwSignal<Period>) -> impl IntoView {
    let settings = use_settings();
    let set_unit = move |unit: PeriodUnit| {
        let max = if unit == PeriodUnit::Week {
            MAX_WEEKS
        } else {
            MAX_MONTHS
        };
        let count = value.get_untracked().count.min(max);
        if let Ok(p) = Period::new(unit, count) {
            value.set(p);
        }
    };
    let counts = move || {
        let current = value.get();
        let lang = settings.lang.get();
        let max = if current.unit == PeriodUnit::Week {
            MAX_WEEKS
        } else {
            MAX_MONTHS
        };
        (1..=max)
            .filter_map(|n| Period::new(current.unit, n).ok())
            .map(|p| {
                view! {
                    <option value=p.count.to_string() selected=p == current>{period_text(p, lang)}</option>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="field period">
            <legend>{settings.text(Msg::PeriodLabel)}</legend>
            <div class="row">
                <label class="visually-hidden" for="period-unit">{settings.text(Msg::PeriodUnitLabel)}</label>
                <select
                    id="period-unit"
                    on:change=move |ev| {
                        let unit = if event_target_value(&ev) == "month" { PeriodUnit::Month } else { PeriodUnit::Week };
                        set_unit(unit);
                    }
                >
                    <option value="week" selected=move || value.get().unit == PeriodUnit::Week>{settings.text(Msg::UnitWeeks)}</option>
                    <option value="month" selected=move || value.get().unit == PeriodUnit::Month>{settings.text(Msg::UnitMonths)}</option>
                </select>
                <label class="visually-hidden" for="period-count">{settings.text(Msg::PeriodCountLabel)}</label>
                <select
                    id="period-count"
                    on:change=move |ev| {
                        let unit = value.get_untracked().unit;
                        if let Some(p) = event_target_value(&ev).parse().ok().and_then(|n| Period::new(unit, n).ok()) {
                            value.set(p);
                        }
                    }
                >
                    {counts}
                </select>
            </div>
        </fieldset>
    }
}
