//! The batches of rentals this browser made, kept in storage (`rentdesk.batches`) and
//! followed across tabs: the plan, each step's outcome, how it ended. Storage, not a
//! signal, is the truth while one runs: its runner reads the batch anew before each step,
//! so a Stop from another tab or a reload is never missed, and writes every step before
//! and after its paid call (see `rent_api::batch`).
//!
//! What the whole app reads at start is only each batch's head (id, ended, closed), taken
//! from the stored JSON as values: decoding a whole `Batch` is code that only the batch
//! part, the confirmation and My rentals need, so the rent page's start does not carry it.
//! The lock that hands an unfinished batch to one tab is asked for by the confirmation and
//! kept by the banner ([`Batches::keep_lock`]), both parts of their own, for the same reason.

use crate::browser::locks::{self, Lease};
use crate::browser::storage::{self, keys};
use crate::browser::stored_lock::{self, StoredLock};
use leptos::prelude::*;
use rent_api::batch::{Batch, BatchState, KEPT};
use serde_json::Value;

/// The lock the tab at an unfinished batch holds: one tab runs it or offers to go on.
const LOCK: &str = "rentdesk-batch";

/// The batches context.
#[derive(Clone, Copy)]
pub struct Batches {
    /// Every batch kept, oldest first, by its head.
    pub heads: RwSignal<Vec<Head>>,
    /// The batch this tab was asked to run: started here, or Continue clicked here.
    pub run_here: RwSignal<Option<String>>,
    /// This tab holds the batch lock: it alone runs an unfinished batch or offers to go
    /// on with one.
    pub holder: RwSignal<bool>,
    /// This tab's runner is at work.
    pub busy: RwSignal<bool>,
    lease: StoredValue<Option<Hold>, LocalStorage>,
    /// A batch confirmed before the lock was granted.
    pending: StoredValue<Option<Value>>,
    /// The last batch confirmed was not started: storage refused to keep it.
    pub not_kept: RwSignal<bool>,
}

/// The batch lock asked for: a Web Lock, or one kept in storage where the browser has none.
enum Hold {
    Web(Lease),
    Stored(StoredLock),
}

/// What the app needs to know of a batch before its part is here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The batch's id.
    pub id: String,
    /// It is over.
    pub ended: bool,
    /// Its summary was closed.
    pub closed: bool,
}

impl Head {
    fn of(value: &Value) -> Option<Head> {
        Some(Head {
            id: value.get("id")?.as_str()?.to_owned(),
            ended: value.get("state")?.get("state")?.as_str()? == "ended",
            closed: value
                .get("closed")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    }
}

/// What storage holds, as JSON values (junk reads as none).
fn stored_values() -> Vec<Value> {
    storage::get(keys::BATCHES)
        .and_then(|text| serde_json::from_str::<Vec<Value>>(&text).ok())
        .unwrap_or_default()
}

fn heads_of(values: &[Value]) -> Vec<Head> {
    values.iter().filter_map(Head::of).collect()
}

/// Every batch storage holds; junk reads as none.
pub fn stored() -> Vec<Batch> {
    stored_values()
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect()
}

impl Batches {
    /// Reads what this browser keeps and follows what other tabs write.
    pub fn load() -> Batches {
        let batches = Batches {
            heads: RwSignal::new(heads_of(&stored_values())),
            run_here: RwSignal::new(None),
            holder: RwSignal::new(false),
            busy: RwSignal::new(false),
            lease: StoredValue::new_local(None),
            pending: StoredValue::new(None),
            not_kept: RwSignal::new(false),
        };
        // The app lives as long as the page: the listener is never removed.
        let _ = storage::on_change(move |key, _| {
            if key.is_none_or(|k| k == keys::BATCHES) {
                batches.heads.set(heads_of(&stored_values()));
            }
        });
        batches
    }

    /// Keeps the batch lock while the banner is shown: an unfinished batch (another
    /// tab's, or one a reload interrupted) waits for it, and whoever gets it goes on with
    /// it; let go once nothing is left to run, and when the banner goes. Called by the
    /// banner, so that this code arrives with its part, not with every page's start.
    pub fn keep_lock(self) {
        Effect::new(move |_| {
            let wanted = self.unfinished() || self.busy.get() || self.starting();
            let asked = self.lease.with_value(Option::is_some);
            if wanted && !asked && !self.holder.get_untracked() {
                self.ask_lock();
            } else if !wanted && (asked || self.holder.get_untracked()) {
                self.let_go();
            }
        });
        on_cleanup(move || self.let_go());
    }

    /// Lets go of the batch lock, or of the request for it.
    fn let_go(self) {
        match self.lease.try_update_value(Option::take).flatten() {
            Some(Hold::Web(lease)) => lease.release(),
            Some(Hold::Stored(lock)) => lock.release(),
            None => {}
        }
        self.holder.try_set(false);
    }

    /// The batch to show: the newest one not closed (tracked).
    pub fn shown(self) -> Option<Batch> {
        let id = self
            .heads
            .with(|all| all.iter().rev().find(|b| !b.closed).map(|b| b.id.clone()))?;
        Self::fresh(&id)
    }

    /// Whether a batch is unfinished (running or interrupted), in any tab (tracked).
    pub fn unfinished(self) -> bool {
        self.heads.with(|all| all.iter().any(|b| !b.ended))
    }

    /// [`Batches::unfinished`] without tracking.
    pub fn unfinished_untracked(self) -> bool {
        untrack(|| self.unfinished())
    }

    /// The batch `id` as storage has it now.
    pub fn fresh(id: &str) -> Option<Batch> {
        stored_values()
            .into_iter()
            .find(|v| v.get("id").and_then(Value::as_str) == Some(id))
            .and_then(|v| serde_json::from_value(v).ok())
    }

    /// Writes `batch` (replacing the one with its id); whether storage took it. Kept to
    /// the newest [`KEPT`], never dropping an unfinished one.
    pub fn save(self, batch: &Batch) -> bool {
        serde_json::to_value(batch).is_ok_and(|value| self.save_value(value))
    }

    /// [`Batches::save`] of a batch already made a JSON value: what the lock's grant
    /// writes, so encoding a `Batch` stays out of the code every page starts with.
    fn save_value(self, value: Value) -> bool {
        let Some(id) = value.get("id").and_then(Value::as_str).map(str::to_owned) else {
            return false;
        };
        let mut all = stored_values();
        let same = |v: &Value| v.get("id").and_then(Value::as_str) == Some(id.as_str());
        match all.iter_mut().find(|v| same(v)) {
            Some(v) => *v = value,
            None => all.push(value),
        }
        while all.len() > KEPT {
            let ended = |v: &Value| Head::of(v).is_none_or(|h| h.ended);
            let Some(old) = all.iter().position(ended) else {
                break;
            };
            all.remove(old);
        }
        let written = serde_json::to_string(&all)
            .map(|text| storage::set(keys::BATCHES, Some(&text)))
            .unwrap_or(false);
        self.heads.set(heads_of(&all));
        written
    }

    /// Asks for the lock; once this tab holds it, a batch started meanwhile runs.
    fn ask_lock(self) {
        let hold = match locks::request(LOCK, move || self.granted()) {
            Some(lease) => Hold::Web(lease),
            None => Hold::Stored(stored_lock::request(
                keys::BATCH_LOCK,
                move || self.granted(),
                move || {
                    self.holder.try_set(false);
                },
            )),
        };
        self.lease.set_value(Some(hold));
    }

    fn granted(self) {
        self.holder.set(true);
        if let Some(value) = self.pending.try_update_value(Option::take).flatten() {
            let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
            match (id, self.save_value(value)) {
                (Some(id), true) => self.run_here.set(Some(id)),
                _ => {
                    self.not_kept.set(true);
                    self.let_go();
                }
            }
        }
    }

    /// Runs a new batch in this tab. It is written to storage only once this tab holds
    /// the lock, so no other tab, told by the write, can take the lock first and think the
    /// batch interrupted. False (nothing starts) when storage refuses writes: a batch whose
    /// steps cannot be kept could rent twice after a reload.
    pub fn start(self, batch: Batch) -> bool {
        let Ok(value) = serde_json::to_value(&batch) else {
            return false;
        };
        if !storage::writable() {
            return false;
        }
        self.not_kept.set(false);
        self.pending.set_value(Some(value));
        if self.holder.get_untracked() {
            self.granted();
        } else if self.lease.with_value(Option::is_none) {
            self.ask_lock();
        }
        true
    }

    /// A batch is confirmed and waits for the lock (untracked).
    pub fn starting(self) -> bool {
        self.pending.with_value(Option::is_some)
    }

    /// Goes on with an interrupted batch in this tab (its holder).
    pub fn resume(self, id: &str) {
        if self.holder.get_untracked() {
            self.run_here.set(Some(id.to_owned()));
        }
    }

    /// Asks the batch to stop after the call on its way, from any tab.
    pub fn stop(self, id: &str) {
        if let Some(mut batch) = Self::fresh(id) {
            if batch.state == BatchState::Running {
                batch.state = BatchState::Stopping;
                self.save(&batch);
            }
        }
    }

    /// Closes a batch's summary.
    pub fn close(self, id: &str) {
        if let Some(mut batch) = Self::fresh(id) {
            batch.closed = true;
            self.save(&batch);
        }
    }

    /// Adds a backup's batches (see `rent_api::batch::merge`); how many.
    pub fn merge(self, theirs: Vec<Batch>) -> usize {
        let mut all = stored();
        let added = rent_api::batch::merge(&mut all, theirs);
        if added > 0 {
            if let Ok(text) = serde_json::to_string(&all) {
                storage::set(keys::BATCHES, Some(&text));
            }
            self.heads.set(heads_of(&stored_values()));
        }
        added
    }

    /// The batch `id` (tracked), for My rentals' batch filter.
    pub fn get(self, id: &str) -> Option<Batch> {
        self.heads.track();
        Self::fresh(id)
    }
}

/// A new batch id: time and chance, unique in this browser.
pub fn new_batch_id() -> String {
    let time = js_sys::Date::now() as u64;
    let chance = (js_sys::Math::random() * 65_536.0) as u64;
    format!("{time:x}{chance:04x}")
}

/// The batches context.
pub fn use_batches() -> Batches {
    expect_context::<Batches>()
}
