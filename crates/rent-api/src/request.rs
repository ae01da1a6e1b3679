//! The requests of rent.php: one variant per method, with its parameters. The app turns
//! them into query strings; the sandbox parses query strings back into them.

use crate::{NumberType, Period, PeriodUnit};

/// One call of rent.php, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `getcountries`.
    GetCountries,
    /// `getdata`: the services of a country for a period.
    GetData {
        /// Country code.
        country: String,
        /// The period the day price is for (default one week).
        period: Period,
        /// Number type (extension).
        rent_type: Option<NumberType>,
    },
    /// `create`: rent a number.
    Create {
        /// API key.
        apikey: String,
        /// Rental period.
        period: Period,
        /// Country code.
        country: String,
        /// Service code.
        service: String,
        /// Number type (extension).
        rent_type: Option<NumberType>,
    },
    /// `orders`: current rentals.
    Orders {
        /// API key.
        apikey: String,
    },
    /// `add_service_to_order`.
    AddService {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
        /// Service code to add.
        service: String,
        /// Number with dialling code, no `+`.
        pnumber: String,
    },
    /// `sms`: messages of a rental.
    Sms {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
    },
    /// `prolong`.
    Prolong {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
        /// Period to add.
        period: Period,
    },
    /// `activate`.
    Activate {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
    },
    /// `delete`.
    Delete {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
    },
    /// `get_rent_history`: one page of the archive.
    History {
        /// API key.
        apikey: String,
        /// Rows to skip.
        skip: u32,
        /// Rows to take.
        take: u32,
    },
    /// `restore_user_precalc`.
    RestorePrecalc {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
    },
    /// `restore_user`.
    Restore {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
    },
}

/// The most archive rows one page may ask for.
pub const MAX_TAKE: u32 = 500;

/// A query that is not a valid request; `msg` is what the API answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    /// The reason, worded for the `msg` field.
    pub msg: String,
}

impl RequestError {
    fn new(msg: impl Into<String>) -> Self {
        RequestError { msg: msg.into() }
    }
}

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

fn apikey(query: Query<'_>) -> Result<String, RequestError> {
    required(query, "apikey").map(str::to_owned)
}

fn id(query: Query<'_>) -> Result<i64, RequestError> {
    let raw = required(query, "id")?;
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| RequestError::new(format!("Invalid id: {raw}")))
}

fn period(query: Query<'_>, default_one_week: bool) -> Result<Period, RequestError> {
    let (unit, count) = match (param(query, "dtype"), param(query, "dcount")) {
        (None, None) if default_one_week => return Ok(Period::one_week()),
        (unit, count) => (
            unit.ok_or_else(|| RequestError::new("Missing parameter: dtype"))?,
            count.ok_or_else(|| RequestError::new("Missing parameter: dcount"))?,
        ),
    };
    let unit: PeriodUnit = unit.parse().map_err(RequestError::new)?;
    let count: u32 = count
        .parse()
        .map_err(|_| RequestError::new(format!("Invalid dcount: {count}")))?;
    Period::new(unit, count).map_err(RequestError::new)
}

fn rent_type(query: Query<'_>) -> Result<Option<NumberType>, RequestError> {
    param(query, "rent_type")
        .map(|t| t.parse().map_err(RequestError::new))
        .transpose()
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
    /// The `method` parameter.
    pub const fn method(&self) -> &'static str {
        match self {
            Request::GetCountries => "getcountries",
            Request::GetData { .. } => "getdata",
            Request::Create { .. } => "create",
            Request::Orders { .. } => "orders",
            Request::AddService { .. } => "add_service_to_order",
            Request::Sms { .. } => "sms",
            Request::Prolong { .. } => "prolong",
            Request::Activate { .. } => "activate",
            Request::Delete { .. } => "delete",
            Request::History { .. } => "get_rent_history",
            Request::RestorePrecalc { .. } => "restore_user_precalc",
            Request::Restore { .. } => "restore_user",
        }
    }

    /// The API key the call is made with; `None` for the catalogue calls that need none.
    pub fn apikey(&self) -> Option<&str> {
        match self {
            Request::GetCountries | Request::GetData { .. } => None,
            Request::Create { apikey, .. }
            | Request::Orders { apikey }
            | Request::AddService { apikey, .. }
            | Request::Sms { apikey, .. }
            | Request::Prolong { apikey, .. }
            | Request::Activate { apikey, .. }
            | Request::Delete { apikey, .. }
            | Request::History { apikey, .. }
            | Request::RestorePrecalc { apikey, .. }
            | Request::Restore { apikey, .. } => Some(apikey),
        }
    }

    /// Whether this call spends money, so it must never be sent twice by accident.
    pub const fn is_paid(&self) -> bool {
        matches!(
            self,
            Request::Create { .. }
                | Request::AddService { .. }
                | Request::Prolong { .. }
                | Request::Restore { .. }
        )
    }

    /// The query parameters, `method` first.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![("method", self.method().to_owned())];
        let period_params = |q: &mut Vec<_>, p: &Period| {
            q.push(("dtype", p.unit.as_str().to_owned()));
            q.push(("dcount", p.count.to_string()));
        };
        match self {
            Request::GetCountries => {}
            Request::GetData {
                country,
                period,
                rent_type,
            } => {
                q.push(("country", country.clone()));
                period_params(&mut q, period);
                if let Some(t) = rent_type {
                    q.push(("rent_type", t.as_str().to_owned()));
                }
            }
            Request::Create {
                apikey,
                period,
                country,
                service,
                rent_type,
            } => {
                q.push(("apikey", apikey.clone()));
                period_params(&mut q, period);
                q.push(("country", country.clone()));
                q.push(("service", service.clone()));
                if let Some(t) = rent_type {
                    q.push(("rent_type", t.as_str().to_owned()));
                }
            }
            Request::Orders { apikey } => q.push(("apikey", apikey.clone())),
            Request::AddService {
                apikey,
                id,
                service,
                pnumber,
            } => {
                q.push(("apikey", apikey.clone()));
                q.push(("id", id.to_string()));
                q.push(("service", service.clone()));
                q.push(("pnumber", pnumber.clone()));
            }
            Request::Prolong { apikey, id, period } => {
                q.push(("apikey", apikey.clone()));
                q.push(("id", id.to_string()));
                period_params(&mut q, period);
            }
            Request::History { apikey, skip, take } => {
                q.push(("apikey", apikey.clone()));
                q.push(("skip", skip.to_string()));
                q.push(("take", take.to_string()));
            }
            Request::Sms { apikey, id }
            | Request::Activate { apikey, id }
            | Request::Delete { apikey, id }
            | Request::RestorePrecalc { apikey, id }
            | Request::Restore { apikey, id } => {
                q.push(("apikey", apikey.clone()));
                q.push(("id", id.to_string()));
            }
        }
        q
    }

    /// Parses a query string's pairs. An unknown or missing method is `Incorrect method`,
    /// as the live API answers.
    pub fn from_query(query: Query<'_>) -> Result<Request, RequestError> {
        let method = param(query, "method").unwrap_or_default();
        Ok(match method {
            "getcountries" => Request::GetCountries,
            "getdata" => Request::GetData {
                country: required(query, "country")?.to_owned(),
                period: period(query, true)?,
                rent_type: rent_type(query)?,
            },
            "create" => Request::Create {
                apikey: apikey(query)?,
                period: period(query, false)?,
                country: required(query, "country")?.to_owned(),
                service: required(query, "service")?.to_owned(),
                rent_type: rent_type(query)?,
            },
            "orders" => Request::Orders {
                apikey: apikey(query)?,
            },
            "add_service_to_order" => Request::AddService {
                apikey: apikey(query)?,
                id: id(query)?,
                service: required(query, "service")?.to_owned(),
                pnumber: required(query, "pnumber")?
                    .trim_start_matches('+')
                    .to_owned(),
            },
            "sms" => Request::Sms {
                apikey: apikey(query)?,
                id: id(query)?,
            },
            "prolong" => Request::Prolong {
                apikey: apikey(query)?,
                id: id(query)?,
                period: period(query, false)?,
            },
            "activate" => Request::Activate {
                apikey: apikey(query)?,
                id: id(query)?,
            },
            "delete" => Request::Delete {
                apikey: apikey(query)?,
                id: id(query)?,
            },
            "get_rent_history" => Request::History {
                apikey: apikey(query)?,
                skip: count(query, "skip", 0, u32::MAX)?,
                take: count(query, "take", 20, MAX_TAKE)?,
            },
            "restore_user_precalc" => Request::RestorePrecalc {
                apikey: apikey(query)?,
                id: id(query)?,
            },
            "restore_user" => Request::Restore {
                apikey: apikey(query)?,
                id: id(query)?,
            },
            _ => return Err(RequestError::new("Incorrect method")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_the_seed_examples() {
        let create = pairs(&[
            ("method", "create"),
            ("apikey", "k"),
            ("dtype", "week"),
            ("dcount", "1"),
            ("country", "RU"),
            ("service", "opt6"),
        ]);
        assert_eq!(
            Request::from_query(&create).unwrap(),
            Request::Create {
                apikey: "k".into(),
                period: Period::one_week(),
                country: "RU".into(),
                service: "opt6".into(),
                rent_type: None,
            }
        );
        let getdata = pairs(&[("method", "getdata"), ("country", "RU")]);
        assert!(matches!(
            Request::from_query(&getdata).unwrap(),
            Request::GetData { period, .. } if period == Period::one_week()
        ));
    }

    #[test]
    fn bad_queries_name_the_problem() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[], "Incorrect method"),
            (&[("method", "nope")], "Incorrect method"),
            (&[("method", "orders")], "Missing parameter: apikey"),
            (
                &[("method", "sms"), ("apikey", "k"), ("id", "-3")],
                "Invalid id: -3",
            ),
            (
                &[
                    ("method", "prolong"),
                    ("apikey", "k"),
                    ("id", "1"),
                    ("dtype", "day"),
                    ("dcount", "1"),
                ],
                "dtype must be week or month, not \"day\"",
            ),
            (
                &[
                    ("method", "get_rent_history"),
                    ("apikey", "k"),
                    ("take", "100000"),
                ],
                "Invalid take: 100000",
            ),
        ];
        for (query, msg) in cases {
            assert_eq!(Request::from_query(&pairs(query)).unwrap_err().msg, *msg);
        }
    }

    #[test]
    fn the_key_is_found_on_keyed_calls_only() {
        let orders = pairs(&[("method", "orders"), ("apikey", "k")]);
        assert_eq!(Request::from_query(&orders).unwrap().apikey(), Some("k"));
        assert_eq!(Request::GetCountries.apikey(), None);
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (
            prop_oneof![Just(PeriodUnit::Week), Just(PeriodUnit::Month)],
            1u32..=1000,
        )
            .prop_map(|(unit, count)| Period::new(unit, count).unwrap())
    }

    proptest! {
        #[test]
        fn random_queries_never_panic(
            query in proptest::collection::vec(
                (prop_oneof![
                    Just("method".to_string()), Just("apikey".to_string()), Just("id".to_string()),
                    Just("dtype".to_string()), Just("dcount".to_string()), Just("skip".to_string()),
                    Just("take".to_string()), Just("country".to_string()), ".*"
                ],
                prop_oneof![
                    Just("create".to_string()), Just("prolong".to_string()),
                    Just("get_rent_history".to_string()), Just("week".to_string()), ".*", "-?[0-9]{1,25}"
                ]),
                0..8,
            )
        ) {
            let _ = Request::from_query(&query);
        }

        #[test]
        fn queries_round_trip(id in 1i64..i64::MAX, period in any_period(), key in "[a-zA-Z0-9]{1,40}") {
            for request in [
                Request::Prolong { apikey: key.clone(), id, period },
                Request::Create { apikey: key.clone(), period, country: "RU".into(), service: "opt1".into(), rent_type: Some(NumberType::Any) },
                Request::Restore { apikey: key.clone(), id },
            ] {
                let query: Vec<(String, String)> = request
                    .to_query()
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect();
                prop_assert_eq!(Request::from_query(&query).unwrap(), request);
            }
        }
    }
}
