//! Dates and times in the browser's time zone and the language's style, from the browser's
//! `Intl.DateTimeFormat`: the wasm carries no date library.

use super::Lang;

/// How much of a moment to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `26.11.2026, 17:49`, `Nov 26, 2026, 17:49`.
    DateTime,
    /// `04.12.`, `Dec 4`.
    ShortDate,
    /// `17:49:05`.
    Clock,
}

impl DateStyle {
    /// The `Intl.DateTimeFormat` options of this style in `lang`.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn options(self, lang: Lang) -> &'static [(&'static str, &'static str)] {
        const TIME: [(&str, &str); 3] = [
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
        ];
        match (self, lang) {
            (DateStyle::DateTime, Lang::En) => &[
                ("year", "numeric"),
                ("month", "short"),
                ("day", "numeric"),
                TIME[0],
                TIME[1],
                TIME[2],
            ],
            (DateStyle::DateTime, _) => &[
                ("year", "numeric"),
                ("month", "2-digit"),
                ("day", "2-digit"),
                TIME[0],
                TIME[1],
                TIME[2],
            ],
            (DateStyle::ShortDate, Lang::En) => &[("month", "short"), ("day", "numeric")],
            (DateStyle::ShortDate, _) => &[("month", "2-digit"), ("day", "2-digit")],
            (DateStyle::Clock, _) => &[TIME[0], TIME[1], ("second", "2-digit"), TIME[2]],
        }
    }
}

/// A UNIX time in `style`, in the browser's time zone and `lang`'s style.
#[cfg(target_arch = "wasm32")]
pub fn format_date(ts: i64, style: DateStyle, lang: Lang) -> String {
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    thread_local! {
        // Building a formatter is slow; a table of 1,000 rows reuses these, each made on
        // first use (the language in use only).
        static FORMATS: [[std::cell::OnceCell<Intl::DateTimeFormat>; 3]; 3] = Default::default();
    }
    let make = || {
        let options = Object::new();
        for (key, value) in style.options(lang) {
            let _ = Reflect::set(&options, &(*key).into(), &(*value).into());
        }
        Intl::DateTimeFormat::new(&Array::of1(&lang.locale().into()), &options)
    };
    let date = Date::new(&JsValue::from_f64(ts as f64 * 1000.0));
    FORMATS.with(|formats| {
        formats[style as usize][lang.index()]
            .get_or_init(make)
            .format()
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

/// Native builds (unit tests) have no `Intl`: chrono in the same shapes.
#[cfg(not(target_arch = "wasm32"))]
pub fn format_date(ts: i64, style: DateStyle, lang: Lang) -> String {
    let Some(utc) = chrono::DateTime::from_timestamp(ts, 0) else {
        return "—".into();
    };
    let local = utc.with_timezone(&chrono::Local);
    let pattern = match (style, lang) {
        (DateStyle::DateTime, Lang::En) => "%b %-d, %Y, %H:%M",
        (DateStyle::DateTime, _) => "%d.%m.%Y, %H:%M",
        (DateStyle::ShortDate, Lang::En) => "%b %-d",
        (DateStyle::ShortDate, _) => "%d.%m.",
        (DateStyle::Clock, _) => "%H:%M:%S",
    };
    local.format(pattern).to_string()
}
