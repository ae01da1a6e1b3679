//! The live state of the app and its rules: settings, session, rentals, the rent choice,
//! paid actions, and what the open tabs share.

pub mod auto_prolong;
pub mod auto_prolong_watch;
pub mod backup;
pub mod batches;
pub mod density;
pub mod favourites;
pub mod inbox;
pub mod inbox_count;
pub mod last_catalogue;
pub mod live_rentals;
pub mod multi_rent;
pub mod notice;
pub mod number_notes;
pub mod paid;
pub mod prolong_price;
pub mod refresh;
pub mod rent_choice;
pub mod rent_offers;
pub mod rental_view;
pub mod session;
pub mod settings;
pub mod sms_watch;
pub mod tabs;
pub mod where_search;
