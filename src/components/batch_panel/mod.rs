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
    batches.keep_lock();
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
    // The banner is built once per batch; what changes with each step is drawn from
    // `shown`, so the hundredth number adds one row, not a hundred.
    let shown_id = Memo::new(move |_| shown.with(|b| b.as_ref().map(|b| b.id.clone())));
    move || shown_id.get().map(|_| view! { <Banner shown paused/> })
}

/// A number the batch rented, as its list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Rented {
    position: u32,
    /// "+49…".
    number: String,
    label: Option<String>,
    /// Its answer was lost and it was found in `orders`.
    lost: bool,
}

fn rented_of(batch: &Batch) -> Vec<Rented> {
    batch
        .steps
        .iter()
        .filter_map(|s| match &s.outcome {
            StepOutcome::Rented { number, found, .. } => Some(Rented {
                position: s.position,
                number: format!("+{number}"),
                label: batch.label(s.position),
                lost: *found,
            }),
            _ => None,
        })
        .collect()
}

/// The banner for the batch `shown`.
#[component]
fn Banner(shown: Memo<Option<Batch>>, paused: RwSignal<Option<Pause>>) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let batches: Batches = use_batches();
    let rented = Memo::new(move |_| shown.with(|b| b.as_ref().map(rented_of).unwrap_or_default()));
    let running = Memo::new(move |_| shown.with(|b| b.as_ref().is_some_and(|b| !b.ended())));
    // This tab runs the batch shown (its runner is at work on it).
    let here = move || {
        shown.with(|b| {
            b.as_ref().is_some_and(|b| {
                batches.busy.get() && batches.run_here.get().as_deref() == Some(b.id.as_str())
            })
        })
    };
    let interrupted = move || {
        shown.with(|b| b.as_ref().is_some_and(|b| b.state == BatchState::Running))
            && batches.holder.get()
            && !here()
    };
    let text = move || {
        shown.with(|b| {
            b.as_ref()
                .map(|b| headline(b, settings.lang.get(), here(), batches.holder.get()))
        })
    };
    let count = move || shown.with(|b| b.as_ref().map_or(0, |b| b.count));
    let done = move || shown.with(|b| b.as_ref().map_or(0, Batch::rented_count));
    let copied = RwSignal::new(None::<bool>);
    let why = move || {
        paused.get().filter(|_| interrupted()).map(|p| match p {
            Pause::Failed(e) => e.message(settings.lang.get()),
            Pause::Storage => t(Msg::StorageUnavailable).to_owned(),
        })
    };
    let actions = move || {
        let batch = shown.get()?;
        let interrupted = interrupted();
        let id = batch.id.clone();
        let view = if !batch.ended() {
            let (go_id, stop_id) = (id.clone(), id);
            view! {
                {interrupted.then(|| view! {
                    <button type="button" data-testid="batch-continue" on:click=move |_| batches.resume(&go_id)>{t(Msg::BatchContinue)}</button>
                })}
                <button type="button" class="secondary" data-testid="batch-stop" disabled=batch.state == BatchState::Stopping
                    on:click=move |_| {
                        batches.stop(&stop_id);
                        // An interrupted batch is settled and ended by its holder.
                        if interrupted {
                            batches.resume(&stop_id);
                        }
                    }>{t(Msg::BatchStop)}</button>
            }
            .into_any()
        } else {
            let all_numbers = rented.with_untracked(|r| {
                r.iter()
                    .map(|r| r.number.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            let csv = batch.csv();
            let (csv_id, close_id) = (id.clone(), id.clone());
            let show = crate::browser::base::href(&format!("/rentals?batch={id}"));
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
            .into_any()
        };
        Some(view)
    };
    view! {
        <section class="batch-panel" class:running=running data-testid="batch" aria-labelledby="batch-headline">
            <p id="batch-headline" role="status" data-testid="batch-headline">{text}</p>
            <progress max=count value=done aria-labelledby="batch-headline"></progress>
            {move || why().map(|w| view! { <p class="note warn" role="alert">{w}</p> })}
            <div class="actions">{actions}</div>
            <Show when=move || rented.with(|r| !r.is_empty())>
                <details class="batch-numbers" open=move || !running.get()>
                    <summary>{move || t(Msg::BatchNumbers).replace("{n}", &rented.with(Vec::len).to_string())}</summary>
                    <ol data-testid="batch-numbers">
                        <For each=move || rented.get() key=|r| r.position let:r>
                            <li value=r.position + 1>
                                <span class="number">{r.number.clone()}</span>
                                <CopyNumber number=r.number/>
                                {r.label.map(|l| view! { <span class="batch-label">{l}</span> })}
                                {r.lost.then(|| view! { <span class="note">{t(Msg::BatchFoundLost)}</span> })}
                            </li>
                        </For>
                    </ol>
                </details>
            </Show>
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
