//! What the app's open tabs share, in one place. Tabs of the same desk (origin, API address
//! and key) talk over one `BroadcastChannel`, and the tabs that show My rentals elect one
//! leader with a Web Lock: only the leader sends the 30-second `orders` refresh and the
//! `sms` requests, every tab draws what it shares. A paid action in any tab is announced,
//! so every tab's balance and table update at once. Without Web Locks (a BroadcastChannel
//! alone) the tab that polled last leads: another tab's answer makes a tab follow, and a
//! follower whose period plus a random head start runs out with no answer polls and leads
//! (see `LiveRentals`).

use crate::api::ApiFailure;
use crate::browser::broadcast::Channel;
use crate::browser::locks::{self, Lease};
use crate::state::session::Session;
use crate::state::settings::Settings;
use leptos::prelude::*;
use rent_api::Sms;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// What one tab tells the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]

pub enum Message {
    /// A fresh `orders` answer as the API sent it, received at `at` (browser ms).
    Orders { at: f64, answer: String },
    /// A refresh failed: the rentals shown are stale.
    Failed { failure: ApiFailure },
    /// A tab opened My rentals and would like the rentals now.
    Hello,
    /// The newest SMS the leader knows of each rental (the answer to `Hello`).
    Latest { sms: Vec<(i64, Sms)> },
    /// The leader asked for a rental's SMS; `unread`: it brought one not seen before.
    Sms { id: i64, newest: Sms, unread: bool },
    /// The person opened a rental's SMS in a tab: seen in all.
    Opened { id: i64 },
    /// A paid action or an activation changed the rentals and the balance.
    Changed,
}

/// A message and the desk it belongs to: tabs of another API address or key ignore it.
#[derive(Serialize, Deserialize)]
struct Envelope {
    desk: String,
    message: Message,
}

type Listener = Rc<dyn Fn(&Message)>;

/// The tabs context.
#[derive(Clone, Copy)]
pub struct Tabs {
    channel: StoredValue<Option<Channel>, LocalStorage>,
    listeners: StoredValue<Vec<(u64, Listener)>, LocalStorage>,
    next_listener: StoredValue<u64>,
    lease: StoredValue<Option<(String, Lease)>, LocalStorage>,
    /// Whether this tab wants to poll (it shows My rentals, visible or notifying).
    wanted: StoredValue<bool>,
    /// Whether this tab polls for all: it holds the lock, or has no Web Locks.
    pub leader: RwSignal<bool>,
    desk: Memo<String>,
}

/// The channel every tab of the app opens.
const CHANNEL: &str = "rentdesk";

/// Which desk the settings name: the API address and a fingerprint of the key (the key
/// itself never goes into a lock name).
fn desk_of(base: &str, key: Option<&str>) -> String {
    let Some(key) = key else {
        return String::new();
    };
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{base}#{hash:016x}")
}

impl Tabs {
    /// Opens the channel; a paid action announced by another tab refreshes the balance.
    pub fn start(settings: Settings, session: Session) -> Tabs {
        let desk = Memo::new(move |_| {
            desk_of(
                &settings.effective_base(),
                settings.api_key.get().as_deref(),
            )
        });
        let tabs = Tabs {
            channel: StoredValue::new_local(None),
            listeners: StoredValue::new_local(Vec::new()),
            next_listener: StoredValue::new(0),
            lease: StoredValue::new_local(None),
            wanted: StoredValue::new(false),
            leader: RwSignal::new(false),
            desk,
        };
        let channel = Channel::open(CHANNEL, move |text| {
            // Through `Value`: the decoders of API answers already read that way, so no
            // second copy of the deserializing code is compiled in.
            let envelope = serde_json::from_str::<serde_json::Value>(&text)
                .and_then(serde_json::from_value::<Envelope>);
            let Ok(envelope) = envelope else {
                return;
            };
            if envelope.desk.is_empty() || envelope.desk != desk.get_untracked() {
                return;
            }
            match envelope.message {
                Message::Changed => session.refresh_balance(),
                // Without Web Locks, the tab that polled last leads.
                Message::Orders { .. } if !locks::supported() && tabs.leader.get_untracked() => {
                    tabs.leader.set(false);
                }
                _ => {}
            }
            tabs.tell_here(&envelope.message);
        });
        tabs.channel.set_value(channel);
        // A new key or address is another desk: its own lock.
        Effect::new(move |_| {
            desk.track();
            if tabs.wanted.get_value() {
                tabs.seek_lead();
            }
        });
        tabs
    }

    /// Tells the other tabs of this desk.
    pub fn post(self, message: Message) {
        let desk = self.desk.get_untracked();
        if desk.is_empty() {
            return;
        }
        let Ok(text) = serde_json::to_string(&Envelope { desk, message }) else {
            return;
        };
        self.channel.with_value(|c| {
            if let Some(channel) = c {
                channel.post(&text);
            }
        });
    }

    /// Runs `listener` for every message of this desk from another tab, until the calling
    /// view goes away.
    pub fn listen(self, listener: impl Fn(&Message) + 'static) {
        let id = self.next_listener.get_value();
        self.next_listener.set_value(id + 1);
        self.listeners
            .update_value(|l| l.push((id, Rc::new(listener))));
        on_cleanup(move || {
            self.listeners
                .try_update_value(|l| l.retain(|(i, _)| *i != id));
        });
    }

    /// This tab just polled: without Web Locks that makes it the leader (with them, the
    /// lock decides).
    pub fn polled(self) {
        if !locks::supported() && self.wanted.get_value() && !self.leader.get_untracked() {
            self.leader.set(true);
        }
    }

    /// Announces a paid action or activation done in this tab.
    pub fn changed(self) {
        self.post(Message::Changed);
    }

    /// Announces rentals made in this tab away from the view that shows them (a batch
    /// runs wherever the person is): this tab's table refreshes soon too, as the others'.
    pub fn changed_here_too(self) {
        self.post(Message::Changed);
        self.tell_here(&Message::Changed);
    }

    /// Runs this tab's listeners for `message`.
    fn tell_here(self, message: &Message) {
        let listeners: Vec<Listener> = self
            .listeners
            .with_value(|l| l.iter().map(|(_, f)| f.clone()).collect());
        for listener in listeners {
            listener(message);
        }
    }

    /// This tab wants to poll (`true`) or no longer does: it asks for the lock of its desk,
    /// or lets go of it so a tab that still wants takes over.
    pub fn want_lead(self, want: bool) {
        if self.wanted.try_get_value() == Some(want) {
            return;
        }
        self.wanted.set_value(want);
        if want {
            self.seek_lead();
        } else {
            self.step_down();
        }
    }

    fn seek_lead(self) {
        let desk = self.desk.get_untracked();
        let held = self
            .lease
            .with_value(|l| l.as_ref().map(|(d, _)| d.clone()));
        if held.as_deref() == Some(desk.as_str()) {
            return;
        }
        self.step_down();
        if desk.is_empty() {
            return;
        }
        if !locks::supported() {
            return; // it leads once it polls (see `polled`)
        }
        let leader = self.leader;
        let lease = locks::request(&format!("rentdesk-poll:{desk}"), move || {
            leader.try_set(true);
        });
        if let Some(lease) = lease {
            self.lease.set_value(Some((desk, lease)));
        }
    }

    fn step_down(self) {
        if let Some(Some((_, lease))) = self.lease.try_update_value(Option::take) {
            lease.release();
        }
        if self.leader.try_get_untracked() == Some(true) {
            self.leader.set(false);
        }
    }
}

/// The tabs context.
pub fn use_tabs() -> Tabs {
    expect_context::<Tabs>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_is_the_address_and_a_fingerprint_of_the_key() {
        let a = desk_of("https://x.example", Some("key-1"));
        assert!(a.starts_with("https://x.example#"));
        assert!(
            !a.contains("key-1"),
            "the key itself is never in a lock name"
        );
        assert_ne!(a, desk_of("https://x.example", Some("key-2")));
        assert_ne!(a, desk_of("https://y.example", Some("key-1")));
        assert_eq!(desk_of("https://x.example", None), "");
    }

    #[test]
    fn messages_travel_as_json() {
        let message = Message::Sms {
            id: 7,
            newest: Sms {
                text: "<b>Code 671094</b>".into(),
                sender: "Instagram".into(),
                date: 1_700_000_000,
            },
            unread: true,
        };
        let text = serde_json::to_string(&Envelope {
            desk: "d".into(),
            message: message.clone(),
        })
        .unwrap();
        let back: Envelope = serde_json::from_str(&text).unwrap();
        assert_eq!(back.message, message);
        assert!(serde_json::from_str::<Envelope>(
            "{\"desk\":\"d\",\"message\":{\"kind\":\"Nope\"}}"
        )
        .is_err());
    }
}
