//! Runs a batch in the tab that holds its lock: one paid call per number, each written to
//! storage before and after it, a lost answer settled from `orders` before anything else
//! is sent (the rules are `rent_api::batch`'s).

use crate::api::{Api, ApiFailure};
use crate::state::batches::Batches;
use crate::state::number_notes::NumberNotes;
use crate::state::session::Session;
use crate::state::settings::Settings;
use crate::state::tabs::Tabs;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use rent_api::batch::{Batch, BatchState, Next, StepOutcome};
use rent_api::{CreatedRental, Rental};

/// How long after one paid call the next is sent. SMSPVA's own clients space paid calls
/// 4–5 s apart, and the API refuses a client that sends them faster; a batch that keeps to
/// it is never stopped halfway by a rate limit. Tests set `window.__rdBatchSpacing` (ms).
pub const PAID_SPACING_MS: u32 = 4_500;

/// How many times one number is sent again after `orders` showed it was not done, before
/// the batch pauses: the connection is failing.
const RESENDS: u32 = 2;

/// Why this tab's runner paused a batch that is not over (it stays interrupted: Continue
/// settles what is open and goes on).
#[derive(Debug, Clone, PartialEq)]
pub enum Pause {
    /// A call or `orders` failed; the message says why.
    Failed(ApiFailure),
    /// Storage refused a step: going on could rent twice after a reload.
    Storage,
}

/// What the runner needs.
#[derive(Clone, Copy)]
pub struct Runner {
    pub batches: Batches,
    pub settings: Settings,
    pub session: Session,
    pub notes: NumberNotes,
    pub tabs: Option<Tabs>,
}

fn spacing() -> u32 {
    js_sys::Reflect::get(&window(), &"__rdBatchSpacing".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(PAID_SPACING_MS, |ms| ms.clamp(0.0, 60_000.0) as u32)
}

impl Runner {
    /// Runs batch `id` until it ends or pauses; `Err` says why it paused.
    pub async fn run(self, id: &str) -> Result<(), Pause> {
        let api = self.settings.api();
        let mut resends = 0;
        let mut last_call: Option<f64> = None;
        loop {
            let Some(mut batch) = Batches::fresh(id) else {
                return Ok(());
            };
            match batch.next() {
                Next::Nothing => return Ok(()),
                Next::End(end) => {
                    batch.state = BatchState::Ended { end };
                    self.save(&batch)?;
                    self.session.refresh_balance();
                    return Ok(());
                }
                Next::Baseline => {
                    let now = api.orders().await.map_err(Pause::Failed)?;
                    batch.before = Some(batch.baseline(&now));
                    self.save(&batch)?;
                }
                Next::Settle(position) => {
                    let after = api.orders().await.map_err(Pause::Failed)?;
                    match batch.find_lost(&after) {
                        Some(rental) => self.rented(&mut batch, position, found(rental))?,
                        // Not done: sent again with the same request id, so a call still
                        // on its way on the server is answered by the replay, not repeated.
                        None => {
                            batch.not_done(position);
                            self.save(&batch)?;
                        }
                    }
                }
                // Another tab took the lock (this one froze past its hold): it goes on.
                Next::Rent(_) if !self.batches.holder.get_untracked() => return Ok(()),
                Next::Rent(position) => {
                    if let Some(at) = last_call {
                        if !self.wait(id, at).await {
                            continue;
                        }
                    }
                    let Some(mut batch) =
                        Batches::fresh(id).filter(|b| b.next() == Next::Rent(position))
                    else {
                        continue;
                    };
                    batch.mark_sent(position, js_sys::Date::now() as i64);
                    self.save(&batch)?;
                    last_call = Some(js_sys::Date::now());
                    match self.call(&api, &batch, position).await {
                        Ok(created) => {
                            resends = 0;
                            let outcome = StepOutcome::Rented {
                                id: created.id,
                                number: format!(
                                    "{}{}",
                                    created.ccode.trim_start_matches('+'),
                                    created.pnumber
                                ),
                                until: created.until,
                                found: false,
                            };
                            self.rented(&mut batch, position, outcome)?;
                        }
                        Err(ApiFailure::Refused(msg)) => {
                            batch.set(position, StepOutcome::Refused { msg });
                            self.save(&batch)?;
                        }
                        Err(e @ (ApiFailure::NoKey | ApiFailure::BadKey)) => {
                            batch.not_done(position);
                            self.save(&batch)?;
                            return Err(Pause::Failed(e));
                        }
                        // The answer is lost (or unreadable): what happened is read from
                        // `orders` at the top of the loop, before anything else is sent.
                        Err(lost) => {
                            resends += 1;
                            if resends > RESENDS {
                                return Err(Pause::Failed(lost));
                            }
                            if lost == ApiFailure::Timeout {
                                // The call may still be under way on the server.
                                TimeoutFuture::new(5_000).await;
                            }
                        }
                    }
                }
            }
        }
    }

    /// One number's paid call, with its request id.
    async fn call(
        self,
        api: &Api,
        batch: &Batch,
        position: u32,
    ) -> Result<CreatedRental, ApiFailure> {
        let paid = api.clone().with_request_id(&batch.request_id(position));
        let (country, period, rent_type, provider) = (
            batch.country.clone(),
            batch.period,
            batch.rent_type,
            batch.provider.clone(),
        );
        match batch.services.as_slice() {
            [one] => {
                paid.create(country, one.clone(), period, rent_type, provider)
                    .await
            }
            many => {
                paid.create_multi(country, many.to_vec(), period, rent_type, provider)
                    .await
            }
        }
    }

    /// Records a rented number, labels it, and tells the other tabs.
    fn rented(self, batch: &mut Batch, position: u32, outcome: StepOutcome) -> Result<(), Pause> {
        if let StepOutcome::Rented { number, .. } = &outcome {
            if let Some(label) = batch.label(position) {
                self.notes.set_label(number, &label);
            }
            if !batch.note.trim().is_empty() {
                self.notes.set_note(number, &batch.note);
            }
        }
        batch.set(position, outcome);
        self.save(batch)?;
        self.session.refresh_balance();
        if let Some(tabs) = self.tabs {
            tabs.changed_here_too();
        }
        Ok(())
    }

    fn save(self, batch: &Batch) -> Result<(), Pause> {
        self.batches.save(batch).then_some(()).ok_or(Pause::Storage)
    }

    /// Waits out the spacing since the call at `since` (ms); false when the batch was
    /// stopped or changed meanwhile (looked at four times a second, so Stop is quick).
    async fn wait(self, id: &str, since: f64) -> bool {
        let until = since + f64::from(spacing());
        while js_sys::Date::now() < until {
            let left = (until - js_sys::Date::now()).clamp(0.0, 250.0) as u32;
            TimeoutFuture::new(left).await;
            if Batches::fresh(id).is_none_or(|b| b.state != BatchState::Running) {
                return false;
            }
        }
        true
    }
}

/// A lost answer's rental, as a step's outcome.
fn found(rental: &Rental) -> StepOutcome {
    StepOutcome::Rented {
        id: rental.id,
        number: rental.full_number(),
        until: rental.until,
        found: true,
    }
}
