//! rentdesk: a browser app for renting phone numbers that receive SMS, speaking the
//! SMSPVA rent API. Client-side Leptos, compiled to WebAssembly.

pub mod api;
mod app;
pub mod base;
pub mod clipboard;
pub mod components;
pub mod download;
pub mod i18n;
pub mod live_rentals;
pub mod multi_rent;
pub mod notice;
pub mod notify;
mod pages;
pub mod paid;
pub mod phone;
pub mod refresh;
pub mod rent_choice;
pub mod rent_offers;
pub mod session;
pub mod settings;
pub mod sms_code;
pub mod sms_watch;
mod storage;
pub mod time;
pub mod where_search;

pub use app::App;
