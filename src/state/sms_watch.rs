//! Watching the rentals' SMS: the newest SMS of each rental for its row, which rentals have
//! SMS not opened yet, which wait for their first SMS, and one notification per new SMS.
//! All `sms` requests made here go one at a time, at least [`MIN_GAP_MS`] apart (the API asks
//! clients for 4–5 s between calls). With several tabs open only the leader asks and
//! notifies; what it learns, and an SMS opened in any tab, is shared with all.

use crate::browser::notify::{self, NotifySwitch};
use crate::browser::storage;
use crate::i18n::Msg;
use crate::state::inbox;
use crate::state::live_rentals::LiveRentals;
use crate::state::number_notes::NumberNotes;
use crate::state::settings::{use_settings, Settings};
use crate::state::tabs::{use_tabs, Message, Tabs};
use crate::text::phone::format_phone;
use crate::text::sms_code::find_code;
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::inbox::{sms_key, StoredSms};
use rent_api::{Rental, RentalState, Sms};
use std::collections::{HashMap, HashSet, VecDeque};

/// The least time between two `sms` requests of the watch.
pub const MIN_GAP_MS: f64 = 5_000.0;
/// How often a waiting rental is asked for its SMS.
const WAITING_EVERY_MS: f64 = 10_000.0;
/// How long a rental counts as waiting for its first SMS.
const WAIT_LIMIT_SECS: i64 = 30 * 60;
/// Rentals whose newest SMS is looked up when the view opens.
const FIRST_LOOKUPS: usize = 20;
/// SMS remembered as seen.
const SEEN_CAP: usize = rent_api::desk::SEEN_MAX;

/// The watch, shared by the rentals view and its rows.
#[derive(Clone, Copy)]
pub struct SmsWatch {
    /// The newest SMS of each rental looked up.
    pub latest: RwSignal<HashMap<i64, Sms>>,
    /// Rentals with an SMS the person has not opened yet.
    pub unread: RwSignal<HashSet<i64>>,
    /// Rentals waiting for their first SMS, with when the wait began (UNIX seconds).
    pub waiting: RwSignal<HashMap<i64, i64>>,
    /// Each queued rental, and whether an SMS not seen yet is new even on a first visit.
    queue: StoredValue<VecDeque<(i64, bool)>>,
    busy: StoredValue<bool>,
    last_ask: StoredValue<f64>,
    asked_at: StoredValue<HashMap<i64, f64>>,
    known: StoredValue<Option<HashMap<i64, RentalState>>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    notify: NotifySwitch,
    open_sms: Callback<i64>,
    /// The rental whose SMS are open on screen: what arrives there is seen, not new.
    viewing: Signal<Option<i64>>,
    live: LiveRentals,
    settings: Settings,
    notes: NumberNotes,
    tabs: Tabs,
    /// This browser had seen SMS before this view opened: any SMS it has not seen is new.
    /// (On a first visit only a rental's "new SMS" flag makes an SMS new.)
    seen_before: bool,
}

fn load_list<T: serde::de::DeserializeOwned + Default>(key: &str) -> T {
    storage::get(key)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn save_list<T: serde::Serialize>(key: &str, value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|text| storage::set(key, Some(&text)))
}

/// The SMS already notified or shown, oldest first.
pub(crate) fn stored_seen() -> Vec<String> {
    load_list(storage::keys::SMS_SEEN)
}

/// Keeps the newest [`SEEN_CAP`] marks; when storage is full, the oldest half goes too,
/// so the marks never fill the quota the settings need.
pub(crate) fn save_seen(mut seen: Vec<String>) {
    let over = seen.len().saturating_sub(SEEN_CAP);
    seen.drain(..over);
    if !save_list(storage::keys::SMS_SEEN, &seen) {
        let half = seen.len() / 2;
        seen.drain(..half);
        save_list(storage::keys::SMS_SEEN, &seen);
    }
}

impl SmsWatch {
    /// Starts watching `live`; `just_rented` waits for its first SMS from the start;
    /// clicking a notification runs `open_sms` with the rental; `viewing` is the rental
    /// whose SMS are open.
    pub fn start(
        live: LiveRentals,
        notify: NotifySwitch,
        just_rented: Option<i64>,
        open_sms: Callback<i64>,
        viewing: Signal<Option<i64>>,
    ) -> SmsWatch {
        let unread: Vec<i64> = load_list(storage::keys::SMS_UNREAD);
        let seen_before = storage::get(storage::keys::SMS_SEEN).is_some();
        if !seen_before {
            storage::set(storage::keys::SMS_SEEN, Some("[]"));
        }
        let watch = SmsWatch {
            latest: RwSignal::new(HashMap::new()),
            unread: RwSignal::new(unread.into_iter().collect()),
            waiting: RwSignal::new(
                just_rented
                    .map(|id| (id, time::now()))
                    .into_iter()
                    .collect(),
            ),
            queue: StoredValue::new(VecDeque::new()),
            busy: StoredValue::new(false),
            last_ask: StoredValue::new(f64::MIN),
            asked_at: StoredValue::new(HashMap::new()),
            known: StoredValue::new(None),
            timer: StoredValue::new(None),
            notify,
            open_sms,
            viewing,
            live,
            settings: use_settings(),
            notes: crate::state::number_notes::use_number_notes(),
            tabs: use_tabs(),
            seen_before,
        };
        watch.tabs.listen(move |message| watch.hear(message));
        // A tab that takes the lead asks what it has queued.
        Effect::new(move |_| {
            if watch.tabs.leader.get() {
                watch.pump();
            }
        });
        Effect::new(move |_| {
            live.generation.track();
            if live.loaded.get_untracked() {
                live.with_all_untracked(|list| watch.on_refresh(list));
            }
        });
        Effect::new(move |_| {
            let ids: Vec<i64> = watch.unread.with(|u| u.iter().copied().collect());
            save_list(storage::keys::SMS_UNREAD, &ids);
        });
        if let Ok(tick) = set_interval_with_handle(
            move || watch.ask_waiting(),
            std::time::Duration::from_millis(WAITING_EVERY_MS as u64),
        ) {
            on_cleanup(move || tick.clear());
        }
        on_cleanup(move || {
            if let Some(Some(t)) = watch.timer.try_update_value(|t| t.take()) {
                t.clear();
            }
        });
        watch
    }

    /// Whether rental `id` has an SMS not opened yet (tracked).
    pub fn is_unread(&self, id: i64) -> bool {
        self.unread.with(|u| u.contains(&id))
    }

    /// The person opened the SMS of `id`: seen in every tab.
    pub fn opened(&self, id: i64) {
        self.tabs.post(Message::Opened { id });
        self.unread.update(|u| {
            u.remove(&id);
        });
    }

    /// Takes what another tab shares.
    fn hear(self, message: &Message) {
        match message {
            Message::Sms { id, newest, unread } => {
                if *unread {
                    self.unread.update(|u| {
                        u.insert(*id);
                    });
                }
                self.waiting.update(|w| {
                    w.remove(id);
                });
                self.show_latest(*id, newest.clone());
            }
            Message::Latest { sms } => {
                for (id, newest) in sms {
                    self.show_latest(*id, newest.clone());
                }
            }
            // Opening the SMS there cleared the API's "new SMS" flag too.
            Message::Opened { id } => {
                self.live.patch(*id, |r| r.hasnewsms = false);
                self.unread.update(|u| {
                    u.remove(id);
                });
            }
            Message::Hello if self.tabs.leader.get_untracked() => {
                let sms = self
                    .latest
                    .with_untracked(|l| l.iter().map(|(id, m)| (*id, m.clone())).collect());
                self.tabs.post(Message::Latest { sms });
            }
            _ => {}
        }
    }

    /// Shows `newest` as the rental's latest SMS unless a newer one is shown.
    fn show_latest(self, id: i64, newest: Sms) {
        if self
            .latest
            .with_untracked(|l| l.get(&id).is_none_or(|shown| shown.date <= newest.date))
        {
            self.latest.update(|l| {
                l.insert(id, newest);
            });
        }
    }

    fn on_refresh(self, list: &[Rental]) {
        let now = time::now();
        let first = self.known.with_value(Option::is_none);
        let before = self.known.get_value().unwrap_or_default();
        for r in list {
            let was = before.get(&r.id).copied();
            let became_active = matches!(was, Some(s) if s != RentalState::Active)
                && r.state == RentalState::Active;
            let appeared = !first && was.is_none() && r.state == RentalState::Active;
            if became_active || appeared {
                self.waiting.update(|w| {
                    w.entry(r.id).or_insert(now);
                });
            }
        }
        self.known
            .set_value(Some(list.iter().map(|r| (r.id, r.state)).collect()));
        let open: HashSet<i64> = list.iter().map(|r| r.id).collect();
        self.waiting
            .update(|w| w.retain(|id, since| open.contains(id) && now - *since < WAIT_LIMIT_SECS));
        if self
            .unread
            .with_untracked(|u| u.iter().any(|id| !open.contains(id)))
        {
            self.unread.update(|u| u.retain(|id| open.contains(id)));
        }
        for r in list.iter().filter(|r| r.hasnewsms) {
            self.enqueue(r.id, true, true);
        }
        if first {
            for r in list.iter().filter(|r| !r.hasnewsms).take(FIRST_LOOKUPS) {
                self.enqueue(r.id, false, false);
            }
        }
        self.pump();
    }

    /// Queues the waiting rentals that are active and not asked for a while.
    fn ask_waiting(self) {
        let now = js_sys::Date::now();
        let due: Vec<i64> = self.waiting.with_untracked(|w| {
            w.keys()
                .copied()
                .filter(|id| {
                    self.live
                        .row(*id)
                        .is_some_and(|r| r.with_untracked(|r| r.state == RentalState::Active))
                })
                .filter(|id| {
                    self.asked_at.with_value(|a| {
                        a.get(id)
                            .is_none_or(|at| now - at >= WAITING_EVERY_MS - 500.0)
                    })
                })
                .collect()
        });
        for id in due {
            self.enqueue(id, true, false);
        }
        self.pump();
    }

    fn enqueue(self, id: i64, loud: bool, urgent: bool) {
        self.queue.update_value(|q| {
            if let Some(entry) = q.iter_mut().find(|(i, _)| *i == id) {
                entry.1 |= loud;
                return;
            }
            if urgent {
                q.push_front((id, loud));
            } else {
                q.push_back((id, loud));
            }
        });
    }

    /// Sends the next queued request when the gap allows; only the leading tab asks.
    fn pump(self) {
        if !self.tabs.leader.get_untracked()
            || self.busy.get_value()
            || self.queue.with_value(VecDeque::is_empty)
        {
            return;
        }
        let wait = self.last_ask.get_value() + MIN_GAP_MS - js_sys::Date::now();
        if wait > 0.0 {
            if self.timer.with_value(Option::is_none) {
                let handle = set_timeout_with_handle(
                    move || {
                        if self.timer.try_set_value(None).is_some() {
                            return;
                        }
                        self.pump();
                    },
                    std::time::Duration::from_millis(wait.ceil() as u64),
                );
                self.timer.set_value(handle.ok());
            }
            return;
        }
        let Some((id, loud)) = self.queue.try_update_value(|q| q.pop_front()).flatten() else {
            return;
        };
        let now = js_sys::Date::now();
        self.busy.set_value(true);
        self.last_ask.set_value(now);
        self.asked_at.update_value(|a| {
            a.insert(id, now);
        });
        let api = self.settings.api();
        spawn_local(async move {
            let inbox = api.sms(id).await;
            if self.busy.try_set_value(false).is_some() {
                return; // the view is gone
            }
            if let Ok(inbox) = inbox {
                self.take(id, inbox.messages, loud);
            }
            self.pump();
        });
    }

    /// Takes a rental's messages: the newest for its row, new ones marked and notified.
    fn take(self, id: i64, messages: Vec<Sms>, loud: bool) {
        let Some(newest) = messages.iter().max_by_key(|m| m.date).cloned() else {
            return;
        };
        // Into the inbox, where they outlive the rental (read when they are on screen).
        if let Some(rental) = self.live.row(id).map(|r| r.get_untracked()) {
            let on_screen = self.viewing.get_untracked() == Some(id);
            let kept = messages
                .iter()
                .map(|m| StoredSms::new(&rental, m, on_screen))
                .collect();
            spawn_local(inbox::keep(kept));
        }
        let mut seen = stored_seen();
        let fresh: Vec<&Sms> = messages
            .iter()
            .filter(|m| !seen.contains(&sms_key(id, m)))
            .collect();
        let mut unread = false;
        if !fresh.is_empty() {
            seen.extend(fresh.iter().map(|m| sms_key(id, m)));
            save_seen(seen);
            let on_screen = self.viewing.get_untracked() == Some(id);
            if (loud || self.seen_before) && !on_screen {
                unread = true;
                self.unread.update(|u| {
                    u.insert(id);
                });
                if self.notify.on.get_untracked() {
                    self.announce(id, &newest);
                }
            }
        }
        self.tabs.post(Message::Sms {
            id,
            newest: newest.clone(),
            unread,
        });
        self.waiting.update(|w| {
            w.remove(&id);
        });
        self.latest.update(|l| {
            l.insert(id, newest);
        });
    }

    fn announce(self, id: i64, sms: &Sms) {
        let lang = self.settings.lang.get_untracked();
        let Some(rental) = self.live.row(id).map(|r| r.get_untracked()) else {
            return;
        };
        let number = format_phone(&rental.ccode, &rental.pnumber);
        let title = format!("{} · {}", lang.t(Msg::NotifyTitle), rental.sname);
        // The person's label says which account the code is for: it leads.
        let label = self.notes.label_untracked(&rental.full_number());
        let body = match (find_code(&sms.text), label) {
            (Some(code), Some(label)) => format!(
                "{} · {number}",
                lang.t(Msg::NotifyLabelCode)
                    .replace("{label}", &label)
                    .replace("{code}", &code)
            ),
            (Some(code), None) => format!("{number} · {}: {code}", lang.t(Msg::NotifyCode)),
            (None, label) => format!(
                "{}{number} · {}",
                label.map(|l| format!("{l} · ")).unwrap_or_default(),
                sms.text.chars().take(120).collect::<String>()
            ),
        };
        let open = self.open_sms;
        notify::show(&title, &body, &sms_key(id, sms), move || open.run(id));
    }
}
