//! The favourite services this browser keeps (the rent page's stars; carried by the
//! backup file).

use crate::browser::storage;
use crate::browser::storage::keys::FAVOURITES;

/// Favourites kept; past it the oldest go first, so the list never fills the storage.
pub const FAVOURITES_CAP: usize = rent_api::desk::FAVOURITES_MAX;

/// The favourite service codes this browser keeps, oldest first.
pub fn stored_favourites() -> Vec<String> {
    let mut codes: Vec<String> = storage::get(FAVOURITES)
        .map(|s| {
            s.split(',')
                .filter(|c| !c.is_empty() && c.len() <= 64)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    codes.drain(..codes.len().saturating_sub(FAVOURITES_CAP));
    codes
}

/// Keeps `codes` as the favourites.
pub fn save_favourites(codes: &[String]) {
    storage::set(FAVOURITES, Some(&codes.join(",")));
}
