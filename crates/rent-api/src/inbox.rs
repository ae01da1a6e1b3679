//! The inbox: every SMS the desk has read, from every rental, kept in the browser after the
//! rental ends. What one stored message is, its identity, the search over all of them, and
//! the cap. Pure rules; the app keeps them in IndexedDB.

use crate::number::{number_key, valid_number_key};
use crate::{Rental, Sms};
use serde::{Deserialize, Serialize};

/// Messages kept unless the person chooses another number.
pub const KEEP_DEFAULT: usize = 10_000;
/// The most messages the person may choose to keep.
pub const KEEP_MAX: usize = 20_000;
/// The least.
pub const KEEP_MIN: usize = 100;
/// Characters of a message's text kept (an SMS is far shorter; hostile input is not).
pub const TEXT_MAX: usize = 2_000;

/// One SMS as the inbox keeps it: the message and the rental it came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSms {
    /// Its identity (see [`sms_key`]).
    pub key: String,
    /// The rental it came to.
    pub rental: i64,
    /// The number: dialling code and digits.
    pub number: String,
    /// The dialling code as the API gave it (`+7`), to show the number.
    #[serde(default)]
    pub ccode: String,
    /// The rental's service names.
    #[serde(default)]
    pub service: String,
    /// The sender.
    #[serde(default)]
    pub sender: String,
    /// The text: data, never markup.
    #[serde(default)]
    pub text: String,
    /// When it arrived (UNIX seconds).
    pub date: i64,
    /// Opened in the inbox or in the rental's SMS.
    #[serde(default)]
    pub read: bool,
}

/// One SMS's identity: the rental, the time and a hash of the text, so the same SMS read
/// twice (by the watch, by the SMS dialog, from a backup) is kept once.
pub fn sms_key(rental: i64, sms: &Sms) -> String {
    let hash = sms
        .text
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("{rental}:{}:{hash:x}", sms.date)
}

impl StoredSms {
    /// `sms` of `rental`, as kept.
    pub fn new(rental: &Rental, sms: &Sms, read: bool) -> StoredSms {
        StoredSms {
            key: sms_key(rental.id, sms),
            rental: rental.id,
            number: rental.full_number(),
            ccode: rental.ccode.clone(),
            service: rental.sname.clone(),
            sender: sms.sender.clone(),
            text: sms.text.chars().take(TEXT_MAX).collect(),
            date: sms.date,
            read,
        }
    }

    /// The number without its dialling code, for showing it grouped.
    pub fn national(&self) -> &str {
        let code = number_key(&self.ccode);
        self.number
            .strip_prefix(code.as_str())
            .unwrap_or(&self.number)
    }

    /// Whether a stored message from a file is sane.
    pub fn valid(&self) -> bool {
        valid_number_key(&self.number)
            && self.key.len() <= 80
            && self.text.chars().count() <= TEXT_MAX
            && self.sender.chars().count() <= 200
            && self.service.chars().count() <= 500
            && self.ccode.chars().count() <= 8
    }
}

/// What the inbox shows: a search over code, text, sender, number and label, and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    /// Words to find (lower case), in the text, sender, number, service or label.
    pub needle: String,
    /// Only this number (its key); empty: all.
    pub number: String,
    /// Only this service name; empty: all.
    pub service: String,
    /// Only messages not opened yet.
    pub unread_only: bool,
}

impl InboxFilter {
    /// Whether `m` (whose number is labelled `label`) is shown; `lower` folds case.
    pub fn shows(&self, m: &StoredSms, label: &str, lower: impl Fn(&str) -> String) -> bool {
        if self.unread_only && m.read {
            return false;
        }
        if !self.number.is_empty() && m.number != self.number {
            return false;
        }
        if !self.service.is_empty() && m.service != self.service {
            return false;
        }
        if self.needle.is_empty() {
            return true;
        }
        let digits = number_key(&self.needle);
        (digits.len() >= 3 && m.number.contains(&digits))
            || [&m.text, &m.sender, &m.service, label]
                .iter()
                .any(|field| lower(field).contains(&self.needle))
    }
}

/// Newest first; equal times by key, so the order is stable.
pub fn newest_first(list: &mut [StoredSms]) {
    list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.key.cmp(&b.key)));
}

/// The keys of the oldest messages beyond `keep`.
pub fn over_cap(list: &[StoredSms], keep: usize) -> Vec<String> {
    if list.len() <= keep {
        return Vec::new();
    }
    let mut by_age: Vec<(i64, &str)> = list.iter().map(|m| (m.date, m.key.as_str())).collect();
    by_age.sort_unstable();
    by_age
        .into_iter()
        .take(list.len() - keep)
        .map(|(_, k)| k.to_owned())
        .collect()
}

#[cfg(test)]
mod tests;
