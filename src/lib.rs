//! rentdesk: a browser app for renting phone numbers that receive SMS, speaking the
//! SMSPVA rent API. Client-side Leptos, compiled to WebAssembly.

pub mod api;
mod app;
pub mod base;
pub mod clipboard;
pub mod components;
pub mod i18n;
pub mod live_rentals;
mod pages;
pub mod paid;
pub mod phone;
pub mod refresh;
pub mod rent_choice;
pub mod session;
pub mod settings;
pub mod sms_code;
mod storage;
pub mod time;

pub use app::App;
