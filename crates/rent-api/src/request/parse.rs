//! Parsing a query string's pairs into a [`Request`], with the `msg` the API answers for
//! a bad one.

use super::{Request, RequestError, MAX_MULTI_SERVICES, MAX_TAKE};
use crate::{NumberType, Period, PeriodUnit, MAX_PERIOD_COUNT};

type Query<'a> = &'a [(String, String)];

fn param<'a>(query: Query<'a>, name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn required<'a>(query: Query<'a>, name: &str) -> Result<&'a str, RequestError> {
    param(query, name).ok_or_else(|| RequestError::new(format!("Missing parameter: {name}")))
}

fn text(query: Query<'_>, name: &str) -> Result<String, RequestError> {
    required(query, name).map(str::to_owned)
}

fn optional(query: Query<'_>, name: &str) -> Option<String> {
    param(query, name).map(str::to_owned)
}

fn id(query: Query<'_>) -> Result<i64, RequestError> {
    let raw = required(query, "id")?;
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| RequestError::new(format!("Invalid id: {raw}")))
}

/// How a method takes `dtype`/`dcount`.
#[derive(Clone, Copy)]
enum PeriodRule {
    /// Both optional (one week when both are missing); any unit.
    DefaultWeek,
    /// `dtype` required, `dcount` defaults to 1; any unit.
    CountOptional,
    /// Both required; any unit.
    Required,
    /// Both required; weeks or months only (what can be rented or prolonged).
    Rental,
}

fn period(query: Query<'_>, rule: PeriodRule) -> Result<Period, RequestError> {
    let (unit, count) = match (param(query, "dtype"), param(query, "dcount"), rule) {
        (None, None, PeriodRule::DefaultWeek) => return Ok(Period::one_week()),
        (unit, None, PeriodRule::CountOptional) => (
            unit.ok_or_else(|| RequestError::new("Missing parameter: dtype"))?,
            "1",
        ),
        (unit, count, _) => (
            unit.ok_or_else(|| RequestError::new("Missing parameter: dtype"))?,
            count.ok_or_else(|| RequestError::new("Missing parameter: dcount"))?,
        ),
    };
    let parsed: Result<PeriodUnit, String> = unit.parse();
    let unit = match (rule, parsed) {
        (PeriodRule::Rental, Ok(PeriodUnit::Day) | Err(_)) => {
            return Err(RequestError::new(format!(
                "dtype must be week or month, not {unit:?}"
            )))
        }
        (_, parsed) => parsed.map_err(RequestError::new)?,
    };
    let count: u32 = count
        .parse()
        .map_err(|_| RequestError::new(format!("Invalid dcount: {count}")))?;
    Period::new(unit, count).map_err(RequestError::new)
}

/// `prolong_max`: `dtype=day` and a count of days.
fn days(query: Query<'_>) -> Result<u32, RequestError> {
    let unit = required(query, "dtype")?;
    if unit != "day" {
        return Err(RequestError::new(format!(
            "dtype must be day, not {unit:?}"
        )));
    }
    let raw = required(query, "dcount")?;
    positive(raw, "dcount")
}

fn positive(raw: &str, name: &str) -> Result<u32, RequestError> {
    raw.parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_PERIOD_COUNT).contains(n))
        .ok_or_else(|| RequestError::new(format!("Invalid {name}: {raw}")))
}

fn rent_type(query: Query<'_>) -> Result<Option<NumberType>, RequestError> {
    param(query, "rent_type")
        .map(|t| t.parse().map_err(RequestError::new))
        .transpose()
}

fn extend(query: Query<'_>) -> bool {
    param(query, "extend").is_some_and(|v| !matches!(v, "0" | "false"))
}

/// `services=opt1,opt2`: at least one, none twice, at most [`MAX_MULTI_SERVICES`].
fn services(query: Query<'_>) -> Result<Vec<String>, RequestError> {
    let raw = required(query, "services")?;
    let mut list: Vec<String> = Vec::new();
    for code in crate::types::split_list(raw) {
        if list.iter().any(|c| c == code) {
            return Err(RequestError::new(format!("Duplicate service: {code}")));
        }
        list.push(code.to_owned());
    }
    if list.is_empty() {
        return Err(RequestError::new("Missing parameter: services"));
    }
    if list.len() > MAX_MULTI_SERVICES {
        return Err(RequestError::new(format!(
            "At most {MAX_MULTI_SERVICES} services at once"
        )));
    }
    Ok(list)
}

fn count(query: Query<'_>, name: &str, default: u32, max: u32) -> Result<u32, RequestError> {
    match param(query, name) {
        None => Ok(default),
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= max)
            .ok_or_else(|| RequestError::new(format!("Invalid {name}: {raw}"))),
    }
}

impl Request {
    /// Parses a query string's pairs. An unknown or missing method is `Incorrect method`,
    /// as the live API answers.
    pub fn from_query(query: Query<'_>) -> Result<Request, RequestError> {
        let method = param(query, "method").unwrap_or_default();
        let apikey = || text(query, "apikey");
        Ok(match method {
            "getcountries" => Request::GetCountries,
            "get_default_services" => Request::DefaultServices,
            "get_country_by_service" => Request::CountriesByService {
                service: text(query, "service")?,
                period: period(query, PeriodRule::CountOptional)?,
            },
            "getdata" => Request::GetData {
                country: text(query, "country")?,
                period: period(query, PeriodRule::DefaultWeek)?,
                rent_type: rent_type(query)?,
                extend: extend(query),
            },
            "getdataWithProviders" => Request::GetDataWithProviders {
                country: text(query, "country")?,
                period: period(query, PeriodRule::DefaultWeek)?,
                rent_type: rent_type(query)?,
                extend: extend(query),
            },
            "getcount" => Request::GetCount {
                country: text(query, "country")?,
                period: period(query, PeriodRule::DefaultWeek)?,
            },
            "getCountWithProviders" => Request::GetCountWithProviders {
                country: text(query, "country")?,
                period: period(query, PeriodRule::DefaultWeek)?,
            },
            "get_count_multi" => Request::CountMulti {
                country: text(query, "country")?,
                services: services(query)?,
                period: period(query, PeriodRule::Required)?,
                rent_type: rent_type(query)?,
            },
            "create" => Request::Create {
                apikey: apikey()?,
                period: period(query, PeriodRule::Rental)?,
                country: text(query, "country")?,
                service: text(query, "service")?,
                rent_type: rent_type(query)?,
                provider: optional(query, "provider"),
                partner_key: optional(query, "partner_key"),
            },
            "create_multi" => Request::CreateMulti {
                apikey: apikey()?,
                period: period(query, PeriodRule::Rental)?,
                country: text(query, "country")?,
                services: services(query)?,
                rent_type: rent_type(query)?,
                provider: optional(query, "provider"),
                partner_key: optional(query, "partner_key"),
            },
            "orders" => Request::Orders { apikey: apikey()? },
            "add_service_to_order" => Request::AddService {
                apikey: apikey()?,
                id: id(query)?,
                service: text(query, "service")?,
                pnumber: required(query, "pnumber")?
                    .trim_start_matches('+')
                    .to_owned(),
                rent_days: param(query, "rent_days")
                    .map(|raw| positive(raw, "rent_days"))
                    .transpose()?,
            },
            "sms" => Request::Sms {
                apikey: apikey()?,
                id: id(query)?,
            },
            "prolong" => Request::Prolong {
                apikey: apikey()?,
                id: id(query)?,
                period: period(query, PeriodRule::Rental)?,
            },
            "prolong_max" => Request::ProlongDays {
                apikey: apikey()?,
                id: id(query)?,
                days: days(query)?,
            },
            "activate" => Request::Activate {
                apikey: apikey()?,
                id: id(query)?,
            },
            "delete" => Request::Delete {
                apikey: apikey()?,
                id: id(query)?,
            },
            "get_rent_history" => Request::History {
                apikey: apikey()?,
                skip: count(query, "skip", 0, u32::MAX)?,
                take: count(query, "take", 20, MAX_TAKE)?,
            },
            "restore_user_precalc" => Request::RestorePrecalc {
                apikey: apikey()?,
                id: id(query)?,
            },
            "restore_user" => Request::Restore {
                apikey: apikey()?,
                id: id(query)?,
            },
            _ => return Err(RequestError::new("Incorrect method")),
        })
    }
}
