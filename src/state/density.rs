//! How My rentals draws its rows: the person's choice (remembered, followed in every tab),
//! else compact from `COMPACT_FROM` rentals on.

use crate::browser::storage;
use leptos::prelude::*;
pub use rent_api::window::{Density, COMPACT_FROM};

/// The density chosen on the page, if any.
#[derive(Clone, Copy)]
pub struct DensityChoice {
    chosen: RwSignal<Option<Density>>,
}

impl DensityChoice {
    /// The choice as remembered; a choice made in another tab follows.
    pub fn load() -> DensityChoice {
        let read = |v: Option<&str>| v.and_then(Density::from_code);
        let chosen = RwSignal::new(read(storage::get(storage::keys::DENSITY).as_deref()));
        let follow = storage::on_change(move |key, value| {
            if key.is_none() || key.as_deref() == Some(storage::keys::DENSITY) {
                chosen.try_set(read(value.as_deref()));
            }
        });
        on_cleanup(move || follow.remove());
        DensityChoice { chosen }
    }

    /// The density a list of `rentals` is drawn in now.
    pub fn for_list(self, rentals: usize) -> Density {
        Density::for_list(self.chosen.get(), rentals)
    }

    /// Remembers the person's choice.
    pub fn set(self, density: Density) {
        storage::set(storage::keys::DENSITY, Some(density.code()));
        self.chosen.set(Some(density));
    }
}
