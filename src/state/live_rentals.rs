//! The rentals as the table shows them, kept fresh: one `orders` request per refresh,
//! every 30 seconds while the tab is visible, at once when it shows again, sooner after
//! a failure. Each rental has its own signal, so a refresh touches only rows that changed.

use crate::api::{Api, ApiFailure};
use crate::state::refresh;
use crate::state::settings::{use_settings, Settings};
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::Rental;
use std::collections::HashMap;

/// The live list and how fresh it is.
#[derive(Clone, Copy)]
pub struct LiveRentals {
    /// The whole list as one value, for what looks at all rentals at once (filters, counts):
    /// one subscription instead of one per row. Rows render from their own signals.
    list: RwSignal<Vec<Rental>>,
    rows: StoredValue<HashMap<i64, RwSignal<Rental>>>,
    /// Whether the first answer has come.
    pub loaded: RwSignal<bool>,
    /// A request is on its way.
    pub refreshing: RwSignal<bool>,
    /// Browser time of the last successful refresh.
    pub refreshed_at: RwSignal<Option<i64>>,
    /// Why the last refresh failed; the rows shown are then stale.
    pub failure: RwSignal<Option<ApiFailure>>,
    /// The tab was hidden when a refresh was due: it runs when the tab shows again.
    pub paused: RwSignal<bool>,
    /// Bumped after every successful refresh (an open SMS list refreshes with it).
    pub generation: RwSignal<u64>,
    /// Refresh in a hidden tab too (while new SMS are notified).
    pub background: RwSignal<bool>,
    failures: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
    settings: Settings,
}

fn tab_visible() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Visible
}

impl LiveRentals {
    /// Starts the refresh rhythm; it stops when the calling view goes away.
    pub fn start() -> LiveRentals {
        let live = LiveRentals {
            list: RwSignal::new(Vec::new()),
            rows: StoredValue::new(HashMap::new()),
            loaded: RwSignal::new(false),
            refreshing: RwSignal::new(false),
            refreshed_at: RwSignal::new(None),
            failure: RwSignal::new(None),
            paused: RwSignal::new(false),
            generation: RwSignal::new(0),
            background: RwSignal::new(false),
            failures: StoredValue::new(0),
            timer: StoredValue::new(None),
            settings: use_settings(),
        };
        let on_visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if tab_visible() && live.paused.get_untracked() {
                live.refresh();
            }
        });
        on_cleanup(move || {
            on_visible.remove();
            live.cancel_timer();
        });
        live
    }

    /// The signal of one rental.
    pub fn row(&self, id: i64) -> Option<RwSignal<Rental>> {
        self.rows.with_value(|rows| rows.get(&id).copied())
    }

    /// Whether there are no rentals (tracked).
    pub fn is_empty(&self) -> bool {
        self.list.with(Vec::is_empty)
    }

    /// Every rental now, in API order (tracked as one value).
    pub fn all(&self) -> Vec<Rental> {
        self.list.get()
    }

    /// Changes one rental on screen before the next refresh confirms it.
    pub fn patch(&self, id: i64, change: impl Fn(&mut Rental)) {
        if let Some(row) = self.row(id) {
            row.update(&change);
        }
        self.list
            .update(|list| list.iter_mut().filter(|r| r.id == id).for_each(&change));
    }

    fn cancel_timer(&self) {
        if let Some(Some(handle)) = self.timer.try_update_value(|t| t.take()) {
            handle.clear();
        }
    }

    fn schedule(self) {
        self.cancel_timer();
        let wait = refresh::retry_after(self.failures.get_value());
        let handle = set_timeout_with_handle(
            move || {
                if self.list.try_with_untracked(|_| ()).is_none() {
                    return;
                }
                if tab_visible() || self.background.get_untracked() {
                    self.refresh();
                } else {
                    self.paused.set(true);
                }
            },
            wait,
        );
        self.timer.set_value(handle.ok());
    }

    /// Asks for `orders` now, unless a request is already on its way.
    pub fn refresh(self) {
        if self.refreshing.get_untracked() {
            return;
        }
        self.cancel_timer();
        self.paused.set(false);
        self.refreshing.set(true);
        let api = Api::for_settings(self.settings);
        spawn_local(async move {
            let result = api.orders().await;
            if self.refreshing.try_set(false).is_some() {
                return; // the view is gone
            }
            match result {
                Ok(list) => {
                    self.apply(list);
                    self.failures.set_value(0);
                    self.failure.set(None);
                    self.refreshed_at.set(Some(time::now()));
                    self.loaded.set(true);
                    self.generation.update(|g| *g += 1);
                }
                // The rows stay on screen, marked stale; the next try comes sooner.
                Err(e) => {
                    self.failures.update_value(|n| *n += 1);
                    self.failure.set(Some(e));
                }
            }
            self.schedule();
        });
    }

    /// Takes a fresh list: changed rentals get their new data, new ones a signal, gone
    /// ones are dropped; the list is set only when something changed.
    fn apply(&self, list: Vec<Rental>) {
        // Rows first, so every id in the published list already has its signal.
        self.rows.update_value(|rows| {
            let mut fresh = HashMap::with_capacity(list.len());
            for rental in list.iter().cloned() {
                let id = rental.id;
                match rows.remove(&id) {
                    Some(row) => {
                        if row.with_untracked(|old| *old != rental) {
                            row.set(rental);
                        }
                        fresh.insert(id, row);
                    }
                    None => {
                        fresh.insert(id, RwSignal::new(rental));
                    }
                }
            }
            for (_, gone) in rows.drain() {
                gone.dispose();
            }
            *rows = fresh;
        });
        if self.list.with_untracked(|old| *old != list) {
            self.list.set(list);
        }
    }
}
