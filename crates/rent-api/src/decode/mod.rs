//! Decoding whole rent.php answers, tolerant of every variant the live API sends
//! (see `shared/design/api-notes.md`), into typed data or a typed [`ApiError`].

use crate::flex;
use crate::types::*;
use crate::{Money, RestoreErrorCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

mod orders_cache;

pub use orders_cache::{OrdersCache, OrdersDecoding};

/// Why an answer could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The body is not JSON: an HTML error page, an empty or truncated body.
    NotJson {
        /// The start of the body, for a log line; never shown as markup.
        snippet: String,
    },
    /// JSON, but not the shape this method answers with.
    Malformed(String),
    /// `status: 0`, with the API's `msg` (may be empty).
    Refused {
        /// The API's message.
        msg: String,
    },
}

impl ApiError {
    /// The restore error code this refusal names, if any.
    pub fn restore_code(&self) -> Option<RestoreErrorCode> {
        match self {
            ApiError::Refused { msg } => RestoreErrorCode::from_msg(msg),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotJson { snippet } if snippet.is_empty() => f.write_str("empty answer"),
            ApiError::NotJson { snippet } => write!(f, "answer is not JSON: {snippet:?}"),
            ApiError::Malformed(why) => write!(f, "unexpected answer: {why}"),
            ApiError::Refused { msg } => write!(f, "refused: {msg}"),
        }
    }
}

impl std::error::Error for ApiError {}

/// The parts of every answer.
struct Envelope {
    ok: bool,
    msg: String,
    data: Value,
    whole: Value,
}

fn snippet(body: &str) -> String {
    body.trim().chars().take(120).collect()
}

fn envelope(body: &str) -> Result<Envelope, ApiError> {
    let whole: Value = serde_json::from_str(body).map_err(|_| ApiError::NotJson {
        snippet: snippet(body),
    })?;
    let Value::Object(map) = &whole else {
        return Err(ApiError::Malformed("the answer is not an object".into()));
    };
    let ok = map.get("status").and_then(flex::status_of).unwrap_or(false);
    let msg = match map.get("msg") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let data = map.get("data").cloned().unwrap_or(Value::Null);
    Ok(Envelope {
        ok,
        msg,
        data,
        whole,
    })
}

/// The envelope of a successful answer, or the refusal.
fn success(body: &str) -> Result<Envelope, ApiError> {
    let env = envelope(body)?;
    if env.ok {
        Ok(env)
    } else {
        Err(ApiError::Refused { msg: env.msg })
    }
}

fn typed<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| ApiError::Malformed(format!("{what}: {e}")))
}

/// A list that may come as an array, `null`, or an object holding the array under `key`.
fn list<T: DeserializeOwned>(data: Value, key: &str, what: &str) -> Result<Vec<T>, ApiError> {
    match data {
        Value::Null => Ok(Vec::new()),
        Value::Object(mut map) if map.contains_key(key) => {
            typed(map.remove(key).unwrap_or(Value::Null), what)
        }
        other => typed(other, what),
    }
}

/// `getcountries`: also accepted with `status: 0` when it still carries a valid list.
pub fn countries(body: &str) -> Result<Vec<Country>, ApiError> {
    let env = envelope(body)?;
    match list::<Country>(env.data, "countries", "countries") {
        Ok(list) if env.ok || !list.is_empty() => Ok(list),
        Ok(_) => Err(ApiError::Refused { msg: env.msg }),
        Err(e) if env.ok => Err(e),
        Err(_) => Err(ApiError::Refused { msg: env.msg }),
    }
}

/// `getdata`: `data: [...]` or `data: { "services": [...] }`.
pub fn services(body: &str) -> Result<Vec<ServiceOffer>, ApiError> {
    service_list(body).map(|l| l.services)
}

/// `create` and `create_multi`: an object, or an array holding one object.
pub fn created(body: &str) -> Result<CreatedRental, ApiError> {
    match success(body)?.data {
        Value::Array(mut items) if !items.is_empty() => typed(items.swap_remove(0), "rental"),
        other => typed(other, "rental"),
    }
}

/// `orders`.
pub fn orders(body: &str) -> Result<Vec<Rental>, ApiError> {
    // One pass over the text, without a JSON tree and its copy; an answer of another shape
    // goes the tolerant way.
    OrdersCache::default().decode(body)
}

/// `orders` read through a JSON tree: every shape and variant the live API sends.
fn orders_tolerant(body: &str) -> Result<Vec<Rental>, ApiError> {
    list(success(body)?.data, "orders", "orders")
}

/// The messages of one rental: its own, and those from other senders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inbox {
    /// The rental's messages (`data` or `SmsList`).
    pub messages: Vec<Sms>,
    /// Messages from other senders (`OtherSms`).
    pub other: Vec<Sms>,
}

/// `sms`: `data: [...]`, or `SmsList` / `OtherSms` arrays, in `data` or beside it.
pub fn sms(body: &str) -> Result<Inbox, ApiError> {
    let env = success(body)?;
    let pick = |v: &Value, key: &str| -> Result<Vec<Sms>, ApiError> {
        match v.get(key) {
            Some(list) => list_or_empty(list.clone(), key),
            None => Ok(Vec::new()),
        }
    };
    match &env.data {
        Value::Array(_) => Ok(Inbox {
            messages: typed(env.data, "sms")?,
            other: pick(&env.whole, "OtherSms")?,
        }),
        Value::Object(_) => Ok(Inbox {
            messages: pick(&env.data, "SmsList")?,
            other: pick(&env.data, "OtherSms")?,
        }),
        _ => Ok(Inbox {
            messages: pick(&env.whole, "SmsList")?,
            other: pick(&env.whole, "OtherSms")?,
        }),
    }
}

fn list_or_empty<T: DeserializeOwned>(value: Value, what: &str) -> Result<Vec<T>, ApiError> {
    match value {
        Value::Null => Ok(Vec::new()),
        other => typed(other, what),
    }
}

/// `activate`, `prolong`, `delete`: the order id when the answer names it.
pub fn order_ref(body: &str) -> Result<Option<OrderRef>, ApiError> {
    match success(body)?.data {
        Value::Null | Value::Bool(true) => Ok(None),
        Value::Array(mut items) if !items.is_empty() => typed(items.swap_remove(0), "order"),
        other => typed(other, "order").map(Some),
    }
}

/// `add_service_to_order`: only the status matters.
pub fn ok(body: &str) -> Result<(), ApiError> {
    success(body).map(|_| ())
}

/// `get_rent_history`.
pub fn history(body: &str) -> Result<Vec<ArchivedRental>, ApiError> {
    list(success(body)?.data, "items", "archive")
}

/// `restore_user_precalc`.
pub fn restore_quote(body: &str) -> Result<RestoreQuote, ApiError> {
    match success(body)?.data {
        Value::Array(mut items) if !items.is_empty() => typed(items.swap_remove(0), "quote"),
        other => typed(other, "quote"),
    }
}

/// `restore_user`: `data: true`, or an object with the new `id`.
pub fn restored(body: &str) -> Result<Option<i64>, ApiError> {
    match success(body)?.data {
        Value::Bool(true) | Value::Null => Ok(None),
        Value::Bool(false) => Err(ApiError::Refused { msg: String::new() }),
        other => typed::<OrderRef>(other, "restored order").map(|r| Some(r.id)),
    }
}

/// `getBalance` of `handler_api.php`: plain text `ACCESS_BALANCE:12.34`; anything else
/// (`BAD_KEY`, an HTML page) is an error.
pub fn balance(body: &str) -> Result<Money, ApiError> {
    let text = body.trim();
    match text.strip_prefix("ACCESS_BALANCE:") {
        Some(amount) => amount
            .trim()
            .parse()
            .map_err(|_| ApiError::Malformed(format!("balance {amount:?}"))),
        None if text.starts_with('<') || text.is_empty() => Err(ApiError::NotJson {
            snippet: snippet(text),
        }),
        None => Err(ApiError::Refused { msg: snippet(text) }),
    }
}

mod current;
pub use current::*;
