//! The header's count of inbox messages not opened yet: a number in localStorage that the
//! inbox's code (a part that arrives on demand) writes, so the header needs none of it.

use crate::browser::storage::{self, keys};
use leptos::prelude::*;

/// The count context.
#[derive(Clone, Copy)]
pub struct InboxCount(pub RwSignal<u32>);

thread_local! {
    /// The app's count, for writers that run outside any view (after an await).
    static CURRENT: std::cell::Cell<Option<InboxCount>> = const { std::cell::Cell::new(None) };
}

fn stored() -> u32 {
    storage::get(keys::INBOX_UNREAD)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

impl InboxCount {
    /// Reads the count, and follows what another tab writes.
    pub fn load() -> InboxCount {
        let count = InboxCount(RwSignal::new(stored()));
        CURRENT.with(|c| c.set(Some(count)));
        // The app lives as long as the page: the listener is never removed.
        let _ = storage::on_change(move |key, _| {
            if key.is_none_or(|k| k == keys::INBOX_UNREAD) {
                count.0.set(stored());
            }
        });
        count
    }

    /// Sets the count here and for every tab.
    pub fn set(n: u32) {
        storage::set(keys::INBOX_UNREAD, Some(&n.to_string()));
        if let Some(count) = CURRENT.with(std::cell::Cell::get) {
            count.0.try_set(n);
        }
    }
}
