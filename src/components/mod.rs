//! Reusable pieces of the pages.

pub mod add_service_dialog;
pub mod app_notices;
pub mod backup_panel;
pub mod bulk_prolong;
pub mod confirm_dialog;
pub mod copy_code;
pub mod error_note;
pub mod flag;
pub mod focus_trap;
pub mod header;
pub mod key_form;
pub mod key_gate;
pub mod number_label;
pub mod on_demand;
pub mod operator_picker;
pub mod picked_services;
pub mod prolong_dialog;
pub mod rent_confirm;
pub mod rent_options;
pub mod rental_row;
pub mod restore_dialog;
pub mod row_window;
pub mod service_list;
pub mod sms_dialog;
pub mod theme_toggle;
