//! rentdesk: a browser app for renting phone numbers that receive SMS, speaking the
//! SMSPVA rent API. Client-side Leptos, compiled to WebAssembly.

pub mod api;
mod app;
pub mod components;
pub mod i18n;
mod pages;
pub mod rent_choice;
pub mod session;
pub mod settings;
mod storage;
pub mod time;

pub use app::App;
