//! Reusable pieces of the pages.

pub mod add_service_dialog;
pub mod app_notices;
pub mod confirm_dialog;
pub mod error_note;
pub mod focus_trap;
pub mod header;
pub mod key_form;
pub mod key_gate;
pub mod prolong_dialog;
pub mod rent_options;
pub mod rental_row;
pub mod restore_dialog;
pub mod service_list;
pub mod sms_dialog;
