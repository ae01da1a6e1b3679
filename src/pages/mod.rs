//! One file per route.

pub mod archive;
pub mod faq;
pub mod inbox;
pub mod not_found;
pub mod rent;
pub mod rentals;
pub mod settings;
pub mod where_to_rent;
