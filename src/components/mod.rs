//! Reusable pieces of the pages.

pub mod error_note;
pub mod header;
pub mod key_form;
pub mod key_gate;
