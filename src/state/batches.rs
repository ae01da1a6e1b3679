//! The batches of rentals this browser made, kept in storage (`rentdesk.batches`) and
//! followed across tabs: the plan, each step's outcome, how it ended. Storage, not a
//! signal, is the truth while one runs: its runner reads the batch anew before each step,
//! so a Stop from another tab or a reload is never missed, and writes every step before
//! and after its paid call (see `rent_api::batch`).

use crate::browser::locks::{self, Lease};
use crate::browser::storage::{self, keys};
use leptos::prelude::*;
use rent_api::batch::{Batch, BatchState, KEPT};

/// The lock the tab at an unfinished batch holds: one tab runs it or offers to go on.
const LOCK: &str = "rentdesk-batch";

/// The batches context.
#[derive(Clone, Copy)]
pub struct Batches {
    /// Every batch kept, oldest first.
    pub all: RwSignal<Vec<Batch>>,
    /// The batch this tab was asked to run: started here, or Continue clicked here.
    pub run_here: RwSignal<Option<String>>,
    /// This tab holds the batch lock (or the browser has no Web Locks): it alone runs an
    /// unfinished batch or offers to go on with one.
    pub holder: RwSignal<bool>,
    /// This tab's runner is at work.
    pub busy: RwSignal<bool>,
    lease: StoredValue<Option<Lease>, LocalStorage>,
    /// A batch confirmed before the lock was granted.
    pending: StoredValue<Option<Batch>>,
}

/// What storage holds; junk reads as none.
pub fn stored() -> Vec<Batch> {
    storage::get(keys::BATCHES)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

impl Batches {
    /// Reads what this browser keeps and follows what other tabs write.
    pub fn load() -> Batches {
        let batches = Batches {
            all: RwSignal::new(stored()),
            run_here: RwSignal::new(None),
            holder: RwSignal::new(false),
            busy: RwSignal::new(false),
            lease: StoredValue::new_local(None),
            pending: StoredValue::new(None),
        };
        // An unfinished batch (another tab's, or one a reload interrupted): wait for the
        // lock; whoever gets it goes on with it. Let go once nothing is left to run.
        Effect::new(move |_| {
            let wanted = batches.unfinished() || batches.busy.get() || batches.starting();
            let asked = batches.lease.with_value(Option::is_some);
            if wanted && !asked && !batches.holder.get_untracked() {
                batches.ask_lock();
            } else if !wanted && (asked || batches.holder.get_untracked()) {
                if let Some(lease) = batches.lease.try_update_value(Option::take).flatten() {
                    lease.release();
                }
                batches.holder.set(false);
            }
        });
        // The app lives as long as the page: the listener is never removed.
        let _ = storage::on_change(move |key, _| {
            if key.is_none_or(|k| k == keys::BATCHES) {
                batches.all.set(stored());
            }
        });
        batches
    }

    /// The batch to show: the newest one not closed (tracked).
    pub fn shown(self) -> Option<Batch> {
        self.all
            .with(|all| all.iter().rev().find(|b| !b.closed).cloned())
    }

    /// Whether a batch is unfinished (running or interrupted), in any tab (tracked).
    pub fn unfinished(self) -> bool {
        self.all.with(|all| all.iter().any(|b| !b.ended()))
    }

    /// [`Batches::unfinished`] without tracking.
    pub fn unfinished_untracked(self) -> bool {
        untrack(|| self.unfinished())
    }

    /// The batch `id` as storage has it now.
    pub fn fresh(id: &str) -> Option<Batch> {
        stored().into_iter().find(|b| b.id == id)
    }

    /// Writes `batch` (replacing the one with its id); whether storage took it. Kept to
    /// the newest [`KEPT`], never dropping an unfinished one.
    pub fn save(self, batch: &Batch) -> bool {
        let mut all = stored();
        match all.iter_mut().find(|b| b.id == batch.id) {
            Some(b) => *b = batch.clone(),
            None => all.push(batch.clone()),
        }
        while all.len() > KEPT {
            let Some(old) = all.iter().position(Batch::ended) else {
                break;
            };
            all.remove(old);
        }
        let written = serde_json::to_string(&all)
            .map(|text| storage::set(keys::BATCHES, Some(&text)))
            .unwrap_or(false);
        self.all.set(all);
        written
    }

    /// Asks for the lock; once this tab holds it (at once without Web Locks), a batch
    /// started meanwhile runs.
    fn ask_lock(self) {
        match locks::request(LOCK, move || self.granted()) {
            Some(lease) => self.lease.set_value(Some(lease)),
            None => self.granted(),
        }
    }

    fn granted(self) {
        self.holder.set(true);
        if let Some(batch) = self.pending.try_update_value(Option::take).flatten() {
            if self.save(&batch) {
                self.run_here.set(Some(batch.id));
            }
        }
    }

    /// Runs a new batch in this tab. It is written to storage only once this tab holds
    /// the lock, so no other tab, told by the write, can take the lock first and think the
    /// batch interrupted. False (nothing starts) when storage refuses writes: a batch whose
    /// steps cannot be kept could rent twice after a reload.
    pub fn start(self, batch: Batch) -> bool {
        if !storage::writable() {
            return false;
        }
        self.pending.set_value(Some(batch));
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
            self.all.set(all);
        }
        added
    }

    /// The batch `id` (tracked), for My rentals' batch filter.
    pub fn get(self, id: &str) -> Option<Batch> {
        self.all
            .with(|all| all.iter().find(|b| b.id == id).cloned())
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
