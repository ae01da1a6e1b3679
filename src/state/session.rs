//! What the pages share about the signed-in key: its balance, refreshed on demand.

use crate::api::ApiFailure;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use rent_api::Money;

/// The session context.
#[derive(Clone, Copy)]
pub struct Session {
    /// The key's balance; refetched when the key or address changes, or on demand.
    pub balance: LocalResource<Result<Money, ApiFailure>>,
}

impl Session {
    /// Starts the balance resource.
    pub fn new() -> Session {
        Session {
            balance: LocalResource::new(move || {
                let api = use_settings().api();
                async move { api.balance().await }
            }),
        }
    }

    /// Asks for the balance again (after anything that may change it).
    pub fn refresh_balance(self) {
        self.balance.refetch();
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
