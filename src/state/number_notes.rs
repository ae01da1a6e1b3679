//! Labels, notes and keep marks per number, kept in this browser (`rentdesk.numbers`) and
//! followed across tabs. Keyed by the number, so they follow it through prolonging, a
//! restore and a new rental id; what a person clears keeps its time, so an older backup
//! cannot bring it back.

use crate::browser::storage::{self, keys};
use leptos::prelude::*;
use rent_api::desk::{self, clean_label, clean_note, number_key, Notes, NumberNote};

/// The labels context.
#[derive(Clone, Copy)]
pub struct NumberNotes {
    all: RwSignal<Notes>,
}

fn stored() -> Notes {
    storage::get(keys::NUMBERS)
        .and_then(|text| serde_json::from_str::<Notes>(&text).ok())
        .map(desk::tidy)
        .unwrap_or_default()
}

impl NumberNotes {
    /// Reads what this browser keeps, and takes what another tab saves from now on.
    pub fn load() -> NumberNotes {
        let notes = NumberNotes {
            all: RwSignal::new(stored()),
        };
        // The app lives as long as the page: the listener is never removed.
        let _ = storage::on_change(move |key, _| {
            if key.is_none_or(|k| k == keys::NUMBERS) {
                notes.all.set(stored());
            }
        });
        notes
    }

    /// Reads every number's entry without copying them (tracked).
    pub fn with<R>(self, read: impl FnOnce(&Notes) -> R) -> R {
        self.all.with(read)
    }

    /// Every number's entry, untracked.
    pub fn all_untracked(self) -> Notes {
        self.all.get_untracked()
    }

    /// What is written about `number` (dialling code and number, any format; tracked).
    pub fn of(self, number: &str) -> NumberNote {
        let key = number_key(number);
        self.all.with(|a| a.get(&key).cloned().unwrap_or_default())
    }

    /// The label of `number`, if it has one (tracked).
    pub fn label(self, number: &str) -> Option<String> {
        Some(self.of(number).label).filter(|l| !l.is_empty())
    }

    /// The label of `number` without tracking it (for one-off texts: a notification).
    pub fn label_untracked(self, number: &str) -> Option<String> {
        untrack(|| self.label(number))
    }

    /// Sets the label (cleaned; empty removes it).
    pub fn set_label(self, number: &str, text: &str) {
        let label = clean_label(text);
        self.change(number, |n| n.label = label);
    }

    /// Sets the note (cleaned; empty removes it).
    pub fn set_note(self, number: &str, text: &str) {
        let note = clean_note(text);
        self.change(number, |n| n.note = note);
    }

    /// Marks the number as one to keep, or not.
    pub fn set_keep(self, number: &str, keep: bool) {
        self.change(number, |n| n.keep = keep);
    }

    /// Replaces every entry (an import), saved at once.
    pub fn replace(self, notes: Notes) {
        self.all.set(notes);
        self.save();
    }

    fn change(self, number: &str, edit: impl FnOnce(&mut NumberNote)) {
        let key = number_key(number);
        let before = self.of_untracked(&key);
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return;
        }
        after.changed = js_sys::Date::now() as i64;
        self.all.update(|a| {
            a.insert(key, after);
        });
        self.save();
    }

    fn of_untracked(self, key: &str) -> NumberNote {
        self.all
            .with_untracked(|a| a.get(key).cloned().unwrap_or_default())
    }

    fn save(self) {
        let notes = self.all.with_untracked(|a| desk::tidy(a.clone()));
        if let Ok(text) = serde_json::to_string(&notes) {
            storage::set(keys::NUMBERS, Some(&text));
        }
    }
}

/// The labels context.
pub fn use_number_notes() -> NumberNotes {
    expect_context::<NumberNotes>()
}
