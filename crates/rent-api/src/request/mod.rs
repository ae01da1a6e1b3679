//! The requests of rent.php: one variant per method, with its parameters. The app turns
//! them into query strings; the sandbox parses query strings back into them.

use crate::{NumberType, Period};

mod parse;

/// One call of rent.php, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `getcountries`.
    GetCountries,
    /// `get_default_services`: the site's suggested services with their lowest day price.
    DefaultServices,
    /// `get_country_by_service`: every country offering a service, with price and stock.
    CountriesByService {
        /// Service code.
        service: String,
        /// The period the price is for (`dcount` defaults to 1).
        period: Period,
    },
    /// `getdata`: the services of a country for a period.
    GetData {
        /// Country code.
        country: String,
        /// The period the day price is for (default one week; `day` prices N days).
        period: Period,
        /// Number type (extension).
        rent_type: Option<NumberType>,
        /// `extend=1`: icons and discount fields.
        extend: bool,
    },
    /// `getdataWithProviders`: as `getdata`, with stock per operator.
    GetDataWithProviders {
        /// Country code.
        country: String,
        /// The period the day price is for (default one week).
        period: Period,
        /// Number type (extension).
        rent_type: Option<NumberType>,
        /// `extend=1`.
        extend: bool,
    },
    /// `getcount`: numbers available per service.
    GetCount {
        /// Country code.
        country: String,
        /// The period (default one week).
        period: Period,
    },
    /// `getCountWithProviders`: numbers available per service and operator.
    GetCountWithProviders {
        /// Country code.
        country: String,
        /// The period (default one week).
        period: Period,
    },
    /// `get_count_multi`: numbers that can take all the services at once.
    CountMulti {
        /// Country code.
        country: String,
        /// Service codes, at least one, no repeats.
        services: Vec<String>,
        /// The period.
        period: Period,
        /// Number type (extension).
        rent_type: Option<NumberType>,
    },
    /// `create`: rent a number.
    Create {
        /// API key.
        apikey: String,
        /// Rental period (weeks or months).
        period: Period,
        /// Country code.
        country: String,
        /// Service code.
        service: String,
        /// Number type (extension).
        rent_type: Option<NumberType>,
        /// Operator (`T-Mobile`); `None` is any.
        provider: Option<String>,
        /// Partner key, passed through.
        partner_key: Option<String>,
    },
    /// `create_multi`: one number for several services, in one charge.
    CreateMulti {
        /// API key.
        apikey: String,
        /// Rental period (weeks or months).
        period: Period,
        /// Country code.
        country: String,
        /// Service codes, at least one, no repeats.
        services: Vec<String>,
        /// Number type (extension).
        rent_type: Option<NumberType>,
        /// Operator; `None` is any.
        provider: Option<String>,
        /// Partner key, passed through.
        partner_key: Option<String>,
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
        /// Days to pay for (`rent_days`); `None` is until the rental's end.
        rent_days: Option<u32>,
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
        /// Period to add (weeks or months).
        period: Period,
    },
    /// `prolong_max` (`dtype=day`): prolong by a number of days.
    ProlongDays {
        /// API key.
        apikey: String,
        /// Order id.
        id: i64,
        /// Days to add.
        days: u32,
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

/// The most services one `create_multi` or `get_count_multi` may name.
pub const MAX_MULTI_SERVICES: usize = 20;

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

impl Request {
    /// The `method` parameter.
    pub const fn method(&self) -> &'static str {
        match self {
            Request::GetCountries => "getcountries",
            Request::DefaultServices => "get_default_services",
            Request::CountriesByService { .. } => "get_country_by_service",
            Request::GetData { .. } => "getdata",
            Request::GetDataWithProviders { .. } => "getdataWithProviders",
            Request::GetCount { .. } => "getcount",
            Request::GetCountWithProviders { .. } => "getCountWithProviders",
            Request::CountMulti { .. } => "get_count_multi",
            Request::Create { .. } => "create",
            Request::CreateMulti { .. } => "create_multi",
            Request::Orders { .. } => "orders",
            Request::AddService { .. } => "add_service_to_order",
            Request::Sms { .. } => "sms",
            Request::Prolong { .. } => "prolong",
            Request::ProlongDays { .. } => "prolong_max",
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
            Request::GetCountries
            | Request::DefaultServices
            | Request::CountriesByService { .. }
            | Request::GetData { .. }
            | Request::GetDataWithProviders { .. }
            | Request::GetCount { .. }
            | Request::GetCountWithProviders { .. }
            | Request::CountMulti { .. } => None,
            Request::Create { apikey, .. }
            | Request::CreateMulti { apikey, .. }
            | Request::Orders { apikey }
            | Request::AddService { apikey, .. }
            | Request::Sms { apikey, .. }
            | Request::Prolong { apikey, .. }
            | Request::ProlongDays { apikey, .. }
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
                | Request::CreateMulti { .. }
                | Request::AddService { .. }
                | Request::Prolong { .. }
                | Request::ProlongDays { .. }
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
        let optional = |q: &mut Vec<_>, name: &'static str, value: Option<&str>| {
            if let Some(v) = value {
                q.push((name, v.to_owned()));
            }
        };
        match self {
            Request::GetCountries | Request::DefaultServices => {}
            Request::CountriesByService { service, period } => {
                q.push(("service", service.clone()));
                period_params(&mut q, period);
            }
            Request::GetData {
                country,
                period,
                rent_type,
                extend,
            }
            | Request::GetDataWithProviders {
                country,
                period,
                rent_type,
                extend,
            } => {
                q.push(("country", country.clone()));
                period_params(&mut q, period);
                if *extend {
                    q.push(("extend", "1".to_owned()));
                }
                optional(&mut q, "rent_type", rent_type.map(NumberType::as_str));
            }
            Request::GetCount { country, period }
            | Request::GetCountWithProviders { country, period } => {
                q.push(("country", country.clone()));
                period_params(&mut q, period);
            }
            Request::CountMulti {
                country,
                services,
                period,
                rent_type,
            } => {
                q.push(("country", country.clone()));
                q.push(("services", services.join(",")));
                period_params(&mut q, period);
                optional(&mut q, "rent_type", rent_type.map(NumberType::as_str));
            }
            Request::Create {
                apikey,
                period,
                country,
                service,
                rent_type,
                provider,
                partner_key,
            } => {
                q.push(("apikey", apikey.clone()));
                period_params(&mut q, period);
                q.push(("country", country.clone()));
                q.push(("service", service.clone()));
                optional(&mut q, "rent_type", rent_type.map(NumberType::as_str));
                optional(&mut q, "provider", provider.as_deref());
                optional(&mut q, "partner_key", partner_key.as_deref());
            }
            Request::CreateMulti {
                apikey,
                period,
                country,
                services,
                rent_type,
                provider,
                partner_key,
            } => {
                q.push(("apikey", apikey.clone()));
                period_params(&mut q, period);
                q.push(("country", country.clone()));
                q.push(("services", services.join(",")));
                optional(&mut q, "rent_type", rent_type.map(NumberType::as_str));
                optional(&mut q, "provider", provider.as_deref());
                optional(&mut q, "partner_key", partner_key.as_deref());
            }
            Request::Orders { apikey } => q.push(("apikey", apikey.clone())),
            Request::AddService {
                apikey,
                id,
                service,
                pnumber,
                rent_days,
            } => {
                q.push(("apikey", apikey.clone()));
                q.push(("id", id.to_string()));
                q.push(("service", service.clone()));
                q.push(("pnumber", pnumber.clone()));
                optional(
                    &mut q,
                    "rent_days",
                    rent_days.map(|d| d.to_string()).as_deref(),
                );
            }
            Request::Prolong { apikey, id, period } => {
                q.push(("apikey", apikey.clone()));
                q.push(("id", id.to_string()));
                period_params(&mut q, period);
            }
            Request::ProlongDays { apikey, id, days } => {
                q.push(("apikey", apikey.clone()));
                q.push(("id", id.to_string()));
                q.push(("dtype", "day".to_owned()));
                q.push(("dcount", days.to_string()));
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
}

#[cfg(test)]
mod tests;
