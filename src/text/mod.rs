//! Text helpers: phone numbers, codes in SMS, times.

pub mod phone;
pub mod sms_code;
pub mod time;

/// `text` in lower case, for searching and sorting by name. In the wasm this is the
/// browser's `toLowerCase`: the standard library's would bring its Unicode case tables.
pub fn lower(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

/// `text` in lower case, without a call into the browser when it is ASCII (service names,
/// codes): thousands of rentals are searched and sorted at every keystroke and refresh.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        lower(text)
    }
}
