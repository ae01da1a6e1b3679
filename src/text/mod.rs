//! Text helpers: phone numbers, codes in SMS, times.

pub mod phone;
pub mod sms_code;
pub mod time;
