//! Tolerant field decoders: the live API sends numbers as strings (`"id":"123"`), flags
//! as `1`/`"true"`, and leaves fields out. These accept every such spelling.

use serde::{de, Deserialize, Deserializer};
use serde_json::Value;

fn int_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn bool_of(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|i| i != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => Some(true),
            "0" | "false" | "no" | "" => Some(false),
            _ => None,
        },
        Value::Null => Some(false),
        _ => None,
    }
}

/// An integer sent as a number or a numeric string.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let value = Value::deserialize(d)?;
    int_of(&value).ok_or_else(|| de::Error::custom(format!("expected an integer, got {value}")))
}

/// An optional integer: missing, `null` or `""` is `None`.
pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        value => int_of(&value)
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("expected an integer, got {value}"))),
    }
}

/// A flag sent as a boolean, `0`/`1`, or their strings; `null` is false.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let value = Value::deserialize(d)?;
    bool_of(&value).ok_or_else(|| de::Error::custom(format!("expected a flag, got {value}")))
}

/// An optional flag: missing or `null` is `None`.
pub fn opt_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        value => bool_of(&value)
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("expected a flag, got {value}"))),
    }
}

/// Text that may come as a number (`"pnumber": 79096037108`); `null` is empty.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Null => Ok(String::new()),
        other => Err(de::Error::custom(format!("expected text, got {other}"))),
    }
}

/// The envelope's `status`: `1`, `"1"`, `true` are success.
pub fn status_of(value: &Value) -> Option<bool> {
    bool_of(value)
}

/// An undocumented number (`procent`, `day_step`, `DAYP`): whole or fractional (truncated),
/// as a number or a string; anything else is `None` rather than a failed answer.
pub fn lenient_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(int_of(&value).or_else(|| match &value {
        Value::Number(n) => n
            .as_f64()
            .filter(|f| f.is_finite() && f.abs() < 1e15)
            .map(|f| f.trunc() as i64),
        Value::String(s) => whole_part(s.trim()),
        _ => None,
    }))
}

/// The whole part of a decimal string such as `"12.5"` or `"-0.75"`, read without the
/// standard float parser: its tables cost the wasm 13.6 KB brotli for these few fields.
/// Exponent forms (`"1e3"`) are `None`; the API sends plain decimals.
fn whole_part(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = whole.trim_start_matches(['-', '+']);
    let plain = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    if !plain(digits) || !plain(fraction) || whole.len() - digits.len() > 1 {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if whole.starts_with('-') { -n } else { n })
}

/// Counts keyed by name (`{"T-Mobile": 3}`); PHP sends an empty one as `[]`, and values
/// may be numeric strings.
pub fn counts<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, i64>, D::Error> {
    counts_of(Value::deserialize(d)?).map_err(de::Error::custom)
}

/// [`counts`] on a value already read.
pub fn counts_of(value: Value) -> Result<std::collections::BTreeMap<String, i64>, String> {
    match value {
        Value::Null => Ok(Default::default()),
        Value::Array(items) if items.is_empty() => Ok(Default::default()),
        Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| {
                int_of(&v)
                    .map(|n| (k, n))
                    .ok_or_else(|| format!("expected a count, got {v}"))
            })
            .collect(),
        other => Err(format!("expected counts by name, got {other}")),
    }
}

/// An integer read from an already parsed value.
pub fn int_value(value: &Value) -> Option<i64> {
    int_of(value)
}

/// Optional text: missing, `null` or `""` is `None`; a number becomes its text.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d).map(|s| Some(s).filter(|s| !s.trim().is_empty()))
}

#[cfg(test)]
mod lenient_tests {
    use super::*;

    fn read(json: &str) -> Option<i64> {
        #[derive(serde::Deserialize)]
        struct Row {
            #[serde(deserialize_with = "lenient_int", default)]
            n: Option<i64>,
        }
        serde_json::from_str::<Row>(&format!("{{\"n\":{json}}}"))
            .unwrap()
            .n
    }

    #[test]
    fn undocumented_numbers_read_whole_or_truncated_and_never_fail() {
        for (json, want) in [
            ("15", Some(15)),
            ("\"15\"", Some(15)),
            ("12.9", Some(12)),
            ("\"12.9\"", Some(12)),
            ("\" 30.00 \"", Some(30)),
            ("\"-0.75\"", Some(0)),
            ("\"-3.5\"", Some(-3)),
            ("\"1e3\"", None),
            ("\"\"", None),
            ("\"12.\"", None),
            ("\".5\"", None),
            ("\"--3\"", None),
            ("\"abc\"", None),
            ("null", None),
            ("[]", None),
        ] {
            assert_eq!(read(json), want, "{json}");
        }
    }
}
