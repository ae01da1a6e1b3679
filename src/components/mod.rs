//! Reusable pieces of the pages.

pub mod confirm_dialog;
pub mod error_note;
pub mod header;
pub mod key_form;
pub mod key_gate;
pub mod rent_options;
pub mod service_list;
