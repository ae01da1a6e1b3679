//! Turning an outcome into the JSON answer: the current API's shapes (those of the
//! vendor's SDK), or with the `--real-api-variants` switch the older and odd shapes the
//! live API is seen to send (api-notes.md).

use crate::store::{Outcome, Refusal};
use rent_api::Request;
use serde_json::{json, Map, Value};

/// The answer to `request`, in the current shape or the live variants.
pub fn answer(request: Option<&Request>, outcome: Outcome, variants: bool) -> Value {
    if variants {
        live(request, outcome)
    } else {
        current(request, outcome)
    }
}

fn refusal_text(refusal: Refusal, variants: bool) -> String {
    match refusal {
        Refusal::Msg(msg) => msg,
        Refusal::Restore(code) if variants => code.sentence().unwrap_or(code.code()).to_owned(),
        Refusal::Restore(code) => code.code().to_owned(),
    }
}

fn current(request: Option<&Request>, outcome: Outcome) -> Value {
    let data = match outcome {
        Err(refusal) => return json!({ "status": 0, "msg": refusal_text(refusal, false) }),
        Ok(data) => data,
    };
    let data = match (request, data) {
        (Some(Request::Prolong { .. } | Request::ProlongDays { .. }), _) => Value::Null,
        (Some(Request::Create { .. } | Request::CreateMulti { .. }), mut one) => {
            // The SDK types `until` of a new rental as a string.
            if let Some(until) = one.get("until").and_then(Value::as_i64) {
                one["until"] = json!(until.to_string());
            }
            one
        }
        (Some(Request::Activate { .. }), one) => json!([one]),
        (Some(Request::Sms { .. }), list) => json!({ "SmsList": list, "OtherSms": [] }),
        (Some(Request::Restore { id, .. }), _) => json!({ "id": id }),
        (_, data) => data,
    };
    if data.is_null() {
        json!({ "status": 1 })
    } else {
        json!({ "status": 1, "data": data })
    }
}

/// PHP encodes an empty map as `[]`.
fn empty_maps_as_lists(value: Value) -> Value {
    match value {
        Value::Object(map) if map.is_empty() => json!([]),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, empty_maps_as_lists(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(empty_maps_as_lists).collect()),
        other => other,
    }
}

/// Numbers become numeric strings, as the live API often sends them.
fn stringify_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(stringify_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, stringify_numbers(v)))
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}

fn live(request: Option<&Request>, outcome: Outcome) -> Value {
    let data = match outcome {
        Err(refusal) => return json!({ "status": "0", "msg": refusal_text(refusal, true) }),
        Ok(data) => data,
    };
    let data = match (request, data) {
        (Some(Request::GetData { .. }), mut list) => list["services"].take(),
        (
            Some(Request::GetDataWithProviders { .. } | Request::GetCountWithProviders { .. }),
            data,
        ) => empty_maps_as_lists(data),
        (Some(Request::CountMulti { .. }), data) => data["count"].clone(),
        (Some(Request::CountriesByService { .. }), Value::Object(map)) => {
            Value::Array(map.into_iter().map(|(_, row)| row).collect())
        }
        (Some(Request::Create { .. } | Request::CreateMulti { .. }), one) => json!([one]),
        (Some(Request::AddService { .. }), _) => Value::Null,
        (Some(Request::Restore { .. }), _) => json!(true),
        (Some(Request::History { .. }), Value::Array(rows)) => Value::Array(
            rows.into_iter()
                .map(|mut row| {
                    if row["country"] == "UK" {
                        row["country"] = json!("EN");
                    }
                    row
                })
                .collect(),
        ),
        (_, data) => data,
    };
    // getcountries is seen with status 0 and a valid list; everything has an unknown field.
    let status = if matches!(request, Some(Request::GetCountries)) {
        "0"
    } else {
        "1"
    };
    let mut answer = json!({ "status": status, "server_time": "unknown-field" });
    if !data.is_null() {
        answer["data"] = stringify_numbers(data);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use rent_api::decode;

    #[test]
    fn live_variants_still_decode_to_the_same_data() {
        let rows = json!([{"id": 1, "scode": "opt1", "sname": "G", "state": 0, "pnumber": "9", "ccode": "+7",
            "cname": "RU", "hasnewsms": true, "until": 5, "canprolong": false, "canprolongmax": 3,
            "canprolonguntil": 9, "lastonline": 4, "rent_type": "always"}]);
        let req = Request::Orders { apikey: "k".into() };
        let doc = answer(Some(&req), Ok(rows.clone()), false).to_string();
        let live = answer(Some(&req), Ok(rows), true).to_string();
        assert!(live.contains("\"id\":\"1\""));
        assert_eq!(
            decode::orders(&doc).unwrap(),
            decode::orders(&live).unwrap()
        );
    }

    #[test]
    fn restore_codes_become_sentences_in_live_mode() {
        let refusal = || Err(Refusal::Restore(rent_api::RestoreErrorCode::NoBalance));
        assert_eq!(answer(None, refusal(), false)["msg"], "NOBALANCE");
        assert_eq!(
            answer(None, refusal(), true)["msg"],
            "Balance is not enough"
        );
    }
}
