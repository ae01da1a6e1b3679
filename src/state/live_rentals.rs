//! The rentals as the table shows them, kept fresh: one `orders` request per refresh,
//! every 30 seconds while the tab is visible, at once when it shows again, sooner after
//! a failure. Each rental has its own signal, so a refresh touches only rows that changed.
//!
//! With several tabs open, only the leader (see [`crate::state::tabs`]) keeps the rhythm;
//! every answer, whichever tab asked, is shared and drawn by all. A tab that hears nothing
//! for [`refresh::WATCHDOG_MS`] asks itself, in case the leader is frozen.

use crate::api::ApiFailure;
use crate::browser::{locks, timing};
use crate::state::refresh;
use crate::state::settings::{use_settings, Settings};
use crate::state::tabs::{use_tabs, Message, Tabs};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::decode::{OrdersCache, OrdersDecoding};
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
    /// Asked for while a request was on its way: that answer may predate what the asker
    /// knows changed (a rental just made), so one more request follows it.
    again: StoredValue<bool>,
    /// Another tab (or a batch here) charged while a request was on its way: the next
    /// follows a moment after that answer, so a run of rentals is not one request each.
    soon_after: StoredValue<bool>,
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
    /// Browser time (ms) of the list shown, asked here or by another tab; 0: none yet.
    last_at: StoredValue<f64>,
    /// The `orders` answer the list shown came from, for a tab that opens later.
    last_answer: StoredValue<String>,
    /// The rentals of the last answer decoded, so the next decodes only what changed.
    cache: StoredValue<OrdersCache>,
    settings: Settings,
    tabs: Tabs,
}

/// How long one slice of decoding may hold the main thread: well under the 50 ms of a long
/// task on a phone four times slower than a desktop.
const DECODE_SLICE_MS: f64 = 8.0;
/// Rentals decoded between two looks at the clock (a changed one costs about 7 µs).
const DECODE_STEP_RENTALS: usize = 200;

/// How long after drawing a fresh list the leader shares it with the other tabs.
const SHARE_AFTER_MS: u64 = 20;

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
            again: StoredValue::new(false),
            soon_after: StoredValue::new(false),
            refreshed_at: RwSignal::new(None),
            failure: RwSignal::new(None),
            paused: RwSignal::new(false),
            generation: RwSignal::new(0),
            background: RwSignal::new(false),
            failures: StoredValue::new(0),
            timer: StoredValue::new(None),
            last_at: StoredValue::new(0.0),
            last_answer: StoredValue::new(String::new()),
            cache: StoredValue::new(OrdersCache::default()),
            settings: use_settings(),
            tabs: use_tabs(),
        };
        let tabs = live.tabs;
        // A tab leads while it shows the rentals or notifies from the background; hidden
        // and quiet, it lets another tab lead.
        let visible = RwSignal::new(tab_visible());
        Effect::new(move |_| tabs.want_lead(visible.get() || live.background.get()));
        // A new leader picks the rhythm up where the last answer left it.
        Effect::new(move |_| {
            tabs.leader.track();
            live.schedule();
        });
        let on_visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
            visible.set(tab_visible());
            if tab_visible() && live.paused.get_untracked() {
                live.join(false);
            }
        });
        tabs.listen(move |message| live.hear(message));
        on_cleanup(move || {
            on_visible.remove();
            live.cancel_timer();
            tabs.want_lead(false);
        });
        live
    }

    /// Gets the rentals for a view that opens (or a new key): from the leader when one has
    /// them, else asked here. `fresh`: ask here in any case (just rented).
    pub fn join(self, fresh: bool) {
        let stale = js_sys::Date::now() - self.last_at.get_value() >= refresh::EVERY_MS;
        if fresh {
            self.refresh();
            return;
        }
        if stale && self.tabs.leader.get_untracked() {
            self.ask();
            return;
        }
        if !stale {
            self.paused.set(false);
            self.schedule();
            return;
        }
        self.tabs.post(Message::Hello);
        // No tab answered in time (none leads yet, or it has nothing): ask here.
        let asked_at = self.last_at.get_value();
        set_timeout(
            move || {
                if self.last_at.try_get_value() == Some(asked_at) {
                    self.ask();
                }
            },
            std::time::Duration::from_millis(refresh::HELLO_WAIT_MS),
        );
    }

    /// Forgets the list's age, for another key or address: the next join asks anew.
    pub fn forget(self) {
        self.last_at.set_value(0.0);
    }

    /// Takes what another tab shares.
    fn hear(self, message: &Message) {
        let leader = self.tabs.leader.get_untracked();
        match message {
            Message::Orders { at, answer } if *at > self.last_at.get_value() => {
                let (at, answer) = (*at, answer.clone());
                spawn_local(async move {
                    let Ok((list, answer)) = self.decode(answer).await else {
                        return;
                    };
                    // A newer list may have come while this one was decoded.
                    if self.last_at.try_get_value().is_some_and(|last| at > last) {
                        self.last_answer.set_value(answer);
                        self.accept(list, at);
                    }
                });
            }
            Message::Failed { failure } if self.loaded.get_untracked() => {
                self.failure.set(Some(failure.clone()));
            }
            Message::Hello if leader && self.loaded.get_untracked() => {
                self.tabs.post(Message::Orders {
                    at: self.last_at.get_value(),
                    answer: self.last_answer.get_value(),
                });
            }
            // Another tab charged: the leader asks soon, unless that tab's own fresh list
            // arrives first (it resets the rhythm).
            Message::Changed if leader => self.soon(),
            _ => {}
        }
    }

    /// Shows a fresh list (asked here or shared) and starts the next period from it.
    fn accept(self, list: Vec<Rental>, at: f64) {
        timing::timed("rentdesk orders apply", || self.apply(list));
        self.last_at.set_value(at);
        self.failures.set_value(0);
        self.failure.set(None);
        self.paused.set(false);
        self.refreshed_at.set(Some((at / 1000.0) as i64));
        self.loaded.set(true);
        self.generation.update(|g| *g += 1);
        self.schedule();
    }

    /// The signal of one rental.
    pub fn row(&self, id: i64) -> Option<RwSignal<Rental>> {
        self.rows.with_value(|rows| rows.get(&id).copied())
    }

    /// Whether there are no rentals (tracked).
    pub fn is_empty(&self) -> bool {
        self.list.with(Vec::is_empty)
    }

    /// Reads every rental now, in API order (tracked as one value), without copying them.
    pub fn with_all<R>(&self, read: impl FnOnce(&Vec<Rental>) -> R) -> R {
        self.list.with(read)
    }

    /// Reads every rental now without subscribing.
    pub fn with_all_untracked<R>(&self, read: impl FnOnce(&Vec<Rental>) -> R) -> R {
        self.list.with_untracked(read)
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

    /// The next refresh: the leader's a period after the last list (sooner after a
    /// failure), another tab's only if no list comes for [`refresh::WATCHDOG_MS`].
    fn schedule(self) {
        let Some(leader) = self.tabs.leader.try_get_untracked() else {
            return;
        };
        if !leader && self.last_at.get_value() == 0.0 {
            // The first list of a tab that does not lead comes through `join`.
            self.cancel_timer();
            return;
        }
        let failures = self.failures.get_value();
        let wait_ms = if leader && failures > 0 {
            refresh::retry_after(failures).as_millis() as f64
        } else {
            // Without Web Locks a follower is a candidate: when no answer came a little
            // after the period, a random head start decides which one asks and leads.
            let period = match (leader, locks::supported()) {
                (true, _) => refresh::EVERY_MS,
                (false, true) => refresh::WATCHDOG_MS,
                (false, false) => {
                    refresh::EVERY_MS + refresh::SPREAD_MS * (0.4 + js_sys::Math::random())
                }
            };
            self.last_at.get_value() + period - js_sys::Date::now()
        };
        self.schedule_in(wait_ms.max(0.0) as u64);
    }

    fn schedule_in(self, wait_ms: u64) {
        self.cancel_timer();
        let wait = std::time::Duration::from_millis(wait_ms);
        let handle = set_timeout_with_handle(
            move || {
                if self.list.try_with_untracked(|_| ()).is_none() {
                    return;
                }
                if tab_visible() || self.background.get_untracked() {
                    self.ask();
                } else {
                    self.paused.set(true);
                }
            },
            wait,
        );
        self.timer.set_value(handle.ok());
    }

    /// Asks for `orders` a moment after a paid action elsewhere, or a moment after the
    /// request on its way: a run of them (a batch's) is coalesced.
    fn soon(self) {
        if self.refreshing.get_untracked() {
            self.soon_after.set_value(true);
        } else {
            self.schedule_in(refresh::AFTER_CHANGE_MS);
        }
    }

    /// Asks for `orders` now, for a person or an action that knows something changed:
    /// while a request is on its way, once more after it.
    pub fn refresh(self) {
        if self.refreshing.get_untracked() {
            self.again.set_value(true);
        } else {
            self.ask();
        }
    }

    /// Asks for `orders` now, unless a request is already on its way (the rhythm's own).
    fn ask(self) {
        if self.refreshing.get_untracked() {
            return;
        }
        self.again.set_value(false);
        self.cancel_timer();
        self.paused.set(false);
        self.refreshing.set(true);
        let api = self.settings.api();
        spawn_local(async move {
            let result = match api.orders_answer().await {
                Ok(answer) => self.decode(answer).await,
                Err(e) => Err(e),
            };
            if self.refreshing.try_set(false).is_some() {
                return; // the view is gone
            }
            match result {
                Ok((list, answer)) => {
                    // Taking and drawing the list is a task of its own after the decoding's
                    // last slice: a page being scrolled or typed in gets a frame between.
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    if self.list.try_with_untracked(|_| ()).is_none() {
                        return; // the view is gone
                    }
                    let at = js_sys::Date::now();
                    self.tabs.polled();
                    self.last_answer.set_value(answer.clone());
                    self.accept(list, at);
                    // The other tabs hear it a moment later, once this tab has drawn it: the
                    // copy for them costs as much as drawing (a timer, since a hidden leader
                    // gets no animation frames).
                    set_timeout(
                        move || {
                            timing::timed("rentdesk orders share", || {
                                self.tabs.post(Message::Orders { at, answer })
                            })
                        },
                        std::time::Duration::from_millis(SHARE_AFTER_MS),
                    );
                }
                // The rows stay on screen, marked stale; the next try comes sooner.
                Err(e) => {
                    self.failures.update_value(|n| *n += 1);
                    self.tabs.post(Message::Failed { failure: e.clone() });
                    self.failure.set(Some(e));
                    self.schedule();
                }
            }
            if self.again.try_get_value() == Some(true) {
                self.ask();
            } else if self.soon_after.try_update_value(std::mem::take) == Some(true) {
                self.schedule_in(refresh::AFTER_CHANGE_MS);
            }
        });
    }

    /// Reads an `orders` answer against the one before (only changed rentals are decoded),
    /// in slices of [`DECODE_SLICE_MS`] with the main thread given back between them; the
    /// answer's text comes back with the rentals.
    async fn decode(self, answer: String) -> Result<(Vec<Rental>, String), ApiFailure> {
        const NAME: &str = "rentdesk orders decode";
        timing::start(NAME);
        // Taken for the while: a second answer decoded meanwhile (another tab's) starts
        // afresh, and whichever ends last leaves its cache — either is a true "answer before".
        let cache = self
            .cache
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let mut decoding = OrdersDecoding::new(cache, answer);
        loop {
            let began = timing::now();
            let mut done = false;
            while !done && timing::now() - began < DECODE_SLICE_MS {
                done = decoding.step(DECODE_STEP_RENTALS);
            }
            if done {
                break;
            }
            timing::give_way().await;
        }
        let (cache, result, answer) = decoding.finish();
        self.cache.try_set_value(cache);
        timing::measure_since_start(NAME);
        Ok((result.map_err(ApiFailure::from)?, answer))
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
