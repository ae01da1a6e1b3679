//! Decoding the methods of the current API (api-notes.md, "The current rent API"), each
//! also in the older or odd shapes the live API is seen to send.

use super::{list, success, typed, ApiError};
use crate::catalogue::*;
use crate::flex;
use crate::types::ServiceOffer;
use serde_json::Value;
use std::collections::BTreeMap;

/// `getdata`: `{services, totalAmount}` (current), `data: [...]` (older), or `null`.
pub fn service_list(body: &str) -> Result<ServiceList, ApiError> {
    match success(body)?.data {
        Value::Object(map) if map.contains_key("services") => typed(Value::Object(map), "services"),
        other => Ok(ServiceList {
            services: list::<ServiceOffer>(other, "services", "services")?,
            total_amount: None,
        }),
    }
}

/// `getdataWithProviders`: `{services, totalAmount, allOperators}`; a bare list of
/// services is accepted too, with the operators gathered from their counts.
pub fn operator_list(body: &str) -> Result<OperatorList, ApiError> {
    let mut answer = match success(body)?.data {
        Value::Object(map) if map.contains_key("services") => {
            typed::<OperatorList>(Value::Object(map), "services")?
        }
        other => OperatorList {
            services: list(other, "services", "services")?,
            ..OperatorList::default()
        },
    };
    if answer.operators.is_empty() {
        let mut seen: Vec<String> = Vec::new();
        for name in answer.services.iter().flat_map(|s| s.count.keys()) {
            if !seen.contains(name) {
                seen.push(name.clone());
            }
        }
        answer.operators = seen;
    }
    Ok(answer)
}

/// Stock per service (`getcount`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceCounts {
    /// `{service: n}`.
    PerService(BTreeMap<String, i64>),
    /// A single number: the country's numbers in all.
    All(i64),
}

impl ServiceCounts {
    /// Numbers available for `service`; with a single number, that number.
    pub fn of(&self, service: &str) -> i64 {
        match self {
            ServiceCounts::PerService(map) => map.get(service).copied().unwrap_or(0),
            ServiceCounts::All(n) => *n,
        }
    }
}

/// `getcount`: `{service: n}` (values may be strings), a single number, or `[]`.
pub fn counts(body: &str) -> Result<ServiceCounts, ApiError> {
    let data = success(body)?.data;
    if let Some(n) = flex::int_value(&data) {
        return Ok(ServiceCounts::All(n));
    }
    flex::counts_of(data)
        .map(ServiceCounts::PerService)
        .map_err(|e| ApiError::Malformed(format!("counts: {e}")))
}

/// `getCountWithProviders`: `{service: {Amount: {operator: n}, Total: n}}`; PHP's `[]`
/// is an empty answer.
pub fn operator_counts(body: &str) -> Result<BTreeMap<String, OperatorCount>, ApiError> {
    match success(body)?.data {
        Value::Null => Ok(BTreeMap::new()),
        Value::Array(items) if items.is_empty() => Ok(BTreeMap::new()),
        other => typed(other, "counts"),
    }
}

/// `get_count_multi`: `{count: n}`, or the number alone.
pub fn multi_count(body: &str) -> Result<i64, ApiError> {
    let data = success(body)?.data;
    let n = match &data {
        Value::Object(map) => map.get("count").and_then(flex::int_value),
        Value::Array(items) => items
            .first()
            .and_then(|o| o.get("count"))
            .and_then(flex::int_value),
        other => flex::int_value(other),
    };
    n.ok_or_else(|| ApiError::Malformed(format!("multi count: {data}")))
}

/// `get_default_services`: a list, or an object holding it under `services`.
pub fn default_services(body: &str) -> Result<Vec<DefaultService>, ApiError> {
    list(success(body)?.data, "services", "default services")
}

/// `get_country_by_service`: an object keyed by country (current) or a list of rows;
/// a row without `country` takes its key. Sorted by country code.
pub fn countries_by_service(body: &str) -> Result<Vec<CountryOffer>, ApiError> {
    let rows: Vec<(Option<String>, Value)> = match success(body)?.data {
        Value::Null => Vec::new(),
        Value::Object(map) => map.into_iter().map(|(k, v)| (Some(k), v)).collect(),
        Value::Array(items) => items.into_iter().map(|v| (None, v)).collect(),
        other => return Err(ApiError::Malformed(format!("countries: {other}"))),
    };
    let mut offers = rows
        .into_iter()
        .map(|(key, row)| {
            let mut offer: CountryOffer = typed(row, "country offer")?;
            if offer.country.trim().is_empty() {
                offer.country = key.unwrap_or_default();
            }
            Ok(offer)
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    crate::order::sort_by(&mut offers, |a, b| a.country.cmp(&b.country));
    Ok(offers)
}

/// `add_service_to_order`: `{id, pnumber, service, until}` in the current API; the older
/// answer is the status alone (`None`).
pub fn added_service(body: &str) -> Result<Option<AddedService>, ApiError> {
    match success(body)?.data {
        Value::Null | Value::Bool(true) => Ok(None),
        Value::Array(items) if items.is_empty() => Ok(None),
        Value::Array(mut items) => typed(items.swap_remove(0), "added service").map(Some),
        other => typed(other, "added service").map(Some),
    }
}

#[cfg(test)]
mod tests;
