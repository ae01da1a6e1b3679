//! Times in the browser's time zone and the interface's language.

use crate::i18n::{format_date, DateStyle, Lang};

/// Seconds since the epoch, now, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A UNIX time as local date and time: `26.11.2026, 17:49` or `Nov 26, 2026, 17:49`.
pub fn date_time(ts: i64, lang: Lang) -> String {
    format_date(ts, DateStyle::DateTime, lang)
}

/// A UNIX time as a short local date: `Dec 4` or `04.12.`.
pub fn short_date(ts: i64, lang: Lang) -> String {
    format_date(ts, DateStyle::ShortDate, lang)
}

/// A UNIX time as local time of day with seconds: `17:49:05` (the same in every language).
pub fn clock(ts: i64) -> String {
    format_date(ts, DateStyle::Clock, Lang::En)
}

/// How long until `until`: `in 6 d 4 h`, `in 3 h 20 min`, `in 5 min`; `expired` after.
pub fn remaining(until: i64, now: i64, lang: Lang) -> String {
    let left = until - now;
    let (prefix, day, hour, minute, expired) = match lang {
        Lang::De => ("in", "T", "h", "min", "abgelaufen"),
        Lang::En => ("in", "d", "h", "min", "expired"),
        Lang::Ru => ("через", "д", "ч", "мин", "истекла"),
    };
    if left <= 0 {
        return expired.to_owned();
    }
    let days = left / 86_400;
    let hours = left % 86_400 / 3600;
    let minutes = (left % 3600 / 60).max(if days == 0 && hours == 0 { 1 } else { 0 });
    if days > 0 {
        format!("{prefix} {days} {day} {hours} {hour}")
    } else if hours > 0 {
        format!("{prefix} {hours} {hour} {minutes} {minute}")
    } else {
        format!("{prefix} {minutes} {minute}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_time_reads_naturally() {
        let now = 1_000_000;
        assert_eq!(
            remaining(now + 6 * 86_400 + 4 * 3600 + 59, now, Lang::En),
            "in 6 d 4 h"
        );
        assert_eq!(
            remaining(now + 6 * 86_400 + 4 * 3600, now, Lang::De),
            "in 6 T 4 h"
        );
        assert_eq!(
            remaining(now + 3 * 3600 + 20 * 60, now, Lang::En),
            "in 3 h 20 min"
        );
        assert_eq!(remaining(now + 30, now, Lang::En), "in 1 min");
        assert_eq!(remaining(now, now, Lang::En), "expired");
        assert_eq!(remaining(now - 5, now, Lang::De), "abgelaufen");
        assert_eq!(
            remaining(now + 3 * 3600 + 20 * 60, now, Lang::Ru),
            "через 3 ч 20 мин"
        );
    }
}
