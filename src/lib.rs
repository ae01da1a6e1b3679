//! rentdesk: a browser app for renting phone numbers that receive SMS, speaking the
//! SMSPVA rent API. Client-side Leptos, compiled to WebAssembly.

pub mod api;
mod app;
pub mod browser;
pub mod components;
pub mod i18n;
mod pages;
mod parts;
pub mod state;
pub mod text;

pub use app::App;
