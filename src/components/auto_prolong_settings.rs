//! Settings → Automatic prolonging: the one switch, the monthly limit with what was spent
//! this month, how many numbers prolong themselves, and the log, newest first.

use crate::i18n::{usd, Msg};
use crate::state::auto_prolong::{log_text, use_auto_prolong};
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use rent_api::Money;

/// Lines of the log shown (the rest stay in the backup).
const LOG_SHOWN: usize = 50;

/// The section's controls and log.
#[component]
pub fn AutoProlongSettings() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let auto = use_auto_prolong();
    let notes = use_number_notes();
    let limit_text = RwSignal::new(
        auto.plan
            .with_untracked(|p| p.limit)
            .map(Money::to_plain_string)
            .unwrap_or_default(),
    );
    let message: RwSignal<Option<Result<(), Msg>>> = RwSignal::new(None);
    let save_limit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = limit_text.get_untracked();
        let parsed = match text.trim() {
            "" => Ok(None),
            text => match text.parse::<Money>() {
                Ok(m) if m > Money::ZERO => Ok(Some(m)),
                _ => Err(Msg::AutoLimitInvalid),
            },
        };
        match parsed {
            Ok(limit) => {
                auto.set_limit(limit);
                message.set(Some(Ok(())));
            }
            Err(m) => message.set(Some(Err(m))),
        }
    };
    let numbers_on = move || {
        auto.plan
            .with(|p| p.rules.values().filter(|r| r.on).count())
    };
    view! {
        <p class="help">{settings.text(Msg::AutoOnlyOpen)}</p>
        <label class="choice">
            <input type="checkbox" data-testid="auto-running" prop:checked=move || auto.plan.with(|p| !p.stopped)
                on:change=move |ev| auto.set_running(event_target_checked(&ev))/>
            " " {settings.text(Msg::AutoRunning)}
        </label>
        {move || auto.plan.with(|p| p.stopped).then(|| view! { <p class="note warn" role="status">{t(Msg::AutoStopped)}</p> })}
        <form novalidate on:submit=save_limit>
            <label for="auto-limit-settings">{settings.text(Msg::AutoLimitLabel)}</label>
            <div class="row">
                <input id="auto-limit-settings" type="text" inputmode="decimal" autocomplete="off"
                    aria-describedby="auto-spent"
                    prop:value=move || limit_text.get()
                    on:input=move |ev| limit_text.set(event_target_value(&ev))/>
                <button type="submit">{settings.text(Msg::Save)}</button>
            </div>
            <p class="help" id="auto-spent" data-testid="auto-spent">{move || {
                let lang = settings.lang.get();
                match auto.plan.with(|p| p.limit) {
                    Some(limit) => t(Msg::AutoSpent)
                        .replace("{spent}", &usd(auto.spent_this_month(), lang))
                        .replace("{limit}", &usd(limit, lang)),
                    None => t(Msg::AutoLimitRequired).to_owned(),
                }
            }}</p>
            {move || message.get().map(|m| match m {
                Ok(()) => view! { <p class="note ok" role="status">{t(Msg::AutoSaved)}</p> }.into_any(),
                Err(m) => view! { <p class="note error" role="alert">{t(m)}</p> }.into_any(),
            })}
        </form>
        <p>{move || t(Msg::AutoNumbersOn).replace("{n}", &numbers_on().to_string())}</p>
        <h3>{settings.text(Msg::AutoLogTitle)}</h3>
        {move || {
            let lang = settings.lang.get();
            let lines: Vec<String> = auto.log.with(|log| {
                log.iter()
                    .take(LOG_SHOWN)
                    .map(|e| log_text(e, notes.label(&e.number), lang))
                    .collect()
            });
            if lines.is_empty() {
                view! { <p class="help">{t(Msg::AutoLogEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="auto-log" data-testid="auto-log">
                        {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ol>
                }.into_any()
            }
        }}
    }
}
