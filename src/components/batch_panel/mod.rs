//! The batch banner at the top of every page: a batch's progress while it runs (here or in
//! another tab), Continue or Stop for one a reload or a closed tab interrupted, and the
//! summary at its end. Its own wasm part with the runner (crate::parts is told by
//! `on_demand_parts!` below): a person who never rents a batch never downloads it.

mod runner;

use crate::browser::{clipboard, download};
use crate::i18n::{usd, Lang, Msg};
use crate::state::batches::{use_batches, Batches};
use crate::state::number_notes::use_number_notes;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::batch::{Batch, BatchState, End, StepOutcome};
use runner::{Pause, Runner};

/// What the banner says of `batch`, where this tab stands to it.
fn headline(batch: &Batch, lang: Lang, here: bool, holder: bool) -> String {
    let done = batch.rented_count().to_string();
    let count = batch.count.to_string();
    let charged = usd(batch.charged(), lang);
    let msg = match &batch.state {
        BatchState::Running if here => Msg::BatchRunning,
        BatchState::Running if holder => Msg::BatchInterrupted,
        BatchState::Running => Msg::BatchElsewhere,
        BatchState::Stopping => Msg::BatchStopping,
        BatchState::Ended { end: End::Finished } => Msg::BatchFinished,
        BatchState::Ended { end: End::Stopped } => Msg::BatchStopped,
        BatchState::Ended {
            end: End::Refused { .. },
        } => Msg::BatchRefused,
    };
    let reason = match &batch.state {
        BatchState::Ended {
            end: End::Refused { msg },
        } => msg.clone(),
        _ => String::new(),
    };
    lang.t(msg)
        .replace("{done}", &done)
        .replace("{count}", &count)
        .replace("{charged}", &charged)
        .replace("{what}", &what(batch))
        .replace("{reason}", &reason)
}

/// "Telegram · Germany".
fn what(batch: &Batch) -> String {
    let services = if batch.service_names.is_empty() {
        batch.services.join(", ")
    } else {
        batch.service_names.join(", ")
    };
    format!("{services} · {}", batch.country_name)
}

/// The banner, shown while a batch is not closed.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let settings = use_settings();
    let batches = use_batches();
    let runner = Runner {
        batches,
        settings,
        session: use_session(),
        notes: use_number_notes(),
        tabs: use_context(),
    };
    let paused: RwSignal<Option<Pause>> = RwSignal::new(None);
    // Runs the batch this tab was asked to run, once it holds the lock.
    Effect::new(move |_| {
        let (Some(id), true) = (batches.run_here.get(), batches.holder.get()) else {
            return;
        };
        if batches.busy.get_untracked() {
            return;
        }
        batches.busy.set(true);
        paused.set(None);
        spawn_local(async move {
            let result = runner.run(&id).await;
            let _ = batches.busy.try_set(false);
            let _ = batches.run_here.try_set(None);
            if let Err(why) = result {
                let _ = paused.try_set(Some(why));
            }
        });
    });
    let shown = Memo::new(move |_| batches.shown());
    move || {
        let batch = shown.get()?;
        let here =
            batches.busy.get() && batches.run_here.get().as_deref() == Some(batch.id.as_str());
        let holder = batches.holder.get();
        Some(view! { <Banner batch here holder paused/> })
    }
}

/// The banner for `batch`: `here` this tab runs it, `holder` this tab may go on with it.
#[component]
fn Banner(
    batch: Batch,
    here: bool,
    holder: bool,
    paused: RwSignal<Option<Pause>>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let batches: Batches = use_batches();
    let id = batch.id.clone();
    let running = !batch.ended();
    let interrupted = batch.state == BatchState::Running && holder && !here;
    // Each number rented: its place, the number, its label, and whether its answer was
    // lost and it was found in `orders`.
    let numbers: Vec<(u32, String, Option<String>, bool)> = batch
        .steps
        .iter()
        .filter_map(|s| match &s.outcome {
            StepOutcome::Rented { number, found, .. } => Some((
                s.position,
                format!("+{number}"),
                batch.label(s.position),
                *found,
            )),
            _ => None,
        })
        .collect();
    let all_numbers = numbers
        .iter()
        .map(|(_, n, ..)| n.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let csv = batch.csv();
    let batch_text = batch.clone();
    let text = move || headline(&batch_text, settings.lang.get(), here, holder);
    let copied = RwSignal::new(None::<bool>);
    let why = move || {
        paused.get().filter(|_| interrupted).map(|p| match p {
            Pause::Failed(e) => e.message(settings.lang.get()),
            Pause::Storage => t(Msg::StorageUnavailable).to_owned(),
        })
    };
    let (stop_id, go_id, close_id, csv_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <section class="batch-panel" class:running=running data-testid="batch" aria-labelledby="batch-headline">
            <p id="batch-headline" role="status" data-testid="batch-headline">{text}</p>
            <progress max=batch.count value=batch.rented_count() aria-labelledby="batch-headline"></progress>
            {move || why().map(|w| view! { <p class="note warn" role="alert">{w}</p> })}
            <div class="actions">
                {interrupted.then(|| view! {
                    <button type="button" data-testid="batch-continue" on:click=move |_| batches.resume(&go_id)>{t(Msg::BatchContinue)}</button>
                })}
                {running.then(|| {
                    let stop_id = stop_id.clone();
                    view! {
                        <button type="button" class="secondary" data-testid="batch-stop" disabled=batch.state == BatchState::Stopping
                            on:click=move |_| {
                                batches.stop(&stop_id);
                                // An interrupted batch is settled and ended by its holder.
                                if interrupted {
                                    batches.resume(&stop_id);
                                }
                            }>{t(Msg::BatchStop)}</button>
                    }
                })}
                {(!running).then(|| {
                    let all_numbers = all_numbers.clone();
                    let csv = csv.clone();
                    let csv_id = csv_id.clone();
                    let close_id = close_id.clone();
                    let show = crate::browser::base::href(&format!("/rentals?batch={}", id));
                    view! {
                        <button type="button" class="secondary" on:click=move |_| {
                            let text = all_numbers.clone();
                            spawn_local(async move {
                                let ok = clipboard::copy(&text).await;
                                copied.try_set(Some(ok));
                            });
                        }>{t(Msg::BatchCopyAll)}</button>
                        <button type="button" class="secondary" on:click=move |_| {
                            download::save(&format!("rentdesk-batch-{csv_id}.csv"), "text/csv", &csv);
                        }>{t(Msg::BatchCsv)}</button>
                        <a class="button secondary" href=show data-testid="batch-show">{t(Msg::BatchShow)}</a>
                        <button type="button" class="secondary" data-testid="batch-close" on:click=move |_| batches.close(&close_id)>{t(Msg::Close)}</button>
                        <span aria-live="polite">{move || copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}</span>
                    }
                })}
            </div>
            {(!numbers.is_empty()).then(|| view! {
                <details class="batch-numbers" open=!running>
                    <summary>{t(Msg::BatchNumbers).replace("{n}", &numbers.len().to_string())}</summary>
                    <ol data-testid="batch-numbers">
                        {numbers.into_iter().map(|(position, number, label, lost)| {
                            view! {
                                <li value=position + 1>
                                    <span class="number">{number.clone()}</span>
                                    <CopyNumber number/>
                                    {label.map(|l| view! { <span class="batch-label">{l}</span> })}
                                    {lost.then(|| view! { <span class="note">{t(Msg::BatchFoundLost)}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </details>
            })}
        </section>
    }
}

/// A rented number's copy button, with what the copy did.
#[component]
fn CopyNumber(number: String) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let copied = RwSignal::new(None::<bool>);
    let label = format!("{} {number}", t(Msg::CopyNumber));
    view! {
        <button type="button" class="secondary small" aria-label=label on:click=move |_| {
            let number = number.clone();
            spawn_local(async move {
                let ok = clipboard::copy(&number).await;
                copied.try_set(Some(ok));
            });
        }>{t(Msg::CopyNumber)}</button>
        <span aria-live="polite">{move || copied.get().map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed }))}</span>
    }
}

crate::components::on_demand::on_demand_parts! {
    /// The batch banner and its runner.
    batch_panel / preload_batch_panel () => view! { <BatchPanel/> };
}
