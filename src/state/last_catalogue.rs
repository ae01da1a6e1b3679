//! The rent page's last catalogue, kept for the next visit: a repeat visit shows the
//! services and prices it left at once, marked as being updated, until the fresh `getdata`
//! answer replaces them. Renting waits for the fresh answer, so a confirmation always
//! shows the price the API gives now; a price that changed in between is said.
//!
//! Kept as the address asked (API, country, period, type), a line break, and the API's
//! own answer: decoded by the decoder the fresh answer goes through, no code of its own.

use crate::browser::storage::{self, keys::LAST_CATALOGUE};
use rent_api::{decode, ServiceList};

/// The catalogue kept for `url`, if the last one kept was for it.
pub fn load(url: &str) -> Option<ServiceList> {
    let kept = storage::get(LAST_CATALOGUE)?;
    let (kept_url, answer) = kept.split_once('\n')?;
    (kept_url == url)
        .then(|| decode::service_list(answer).ok())
        .flatten()
}

/// Keeps `answer`, the fresh answer for `url`, for the next visit.
pub fn keep(url: &str, answer: &str) {
    storage::set_copy(LAST_CATALOGUE, &format!("{url}\n{answer}"));
}
