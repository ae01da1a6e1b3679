//! Which store function answers which rent.php request, and whether its answer may be
//! cached.

use super::{archive, catalogue, check_key, extra, life, rent, renting};
use super::{Answered, Outcome, Refusal, Store};
use rent_api::{Period, Request};

impl Store {
    /// Answers one rent.php request.
    pub fn handle(&self, request: Request) -> Answered {
        if is_read(&request) {
            self.answer_read(request)
        } else {
            let outcome = self.answer_write(request);
            Answered {
                outcome,
                generation: 0,
                fresh_until: None,
            }
        }
    }

    /// The cacheable reads, with how long their answer holds.
    fn answer_read(&self, request: Request) -> Answered {
        let mut generation = 0;
        let result = self.read(|conn, now, seen| {
            generation = seen;
            if let Some(key) = request.apikey() {
                check_key(conn, key)?;
            }
            match request {
                Request::GetCountries => Ok((catalogue::countries(conn)?, i64::MAX)),
                Request::DefaultServices => Ok((catalogue::default_services(conn)?, i64::MAX)),
                Request::CountriesByService { service, period } => Ok((
                    catalogue::countries_by_service(conn, &service, period)?,
                    rent::next_expiry(conn)?,
                )),
                Request::GetData {
                    country,
                    period,
                    rent_type,
                    extend,
                } => Ok((
                    catalogue::service_list(conn, &country, period, rent_type, extend, false)?,
                    rent::next_expiry(conn)?,
                )),
                Request::GetDataWithProviders {
                    country,
                    period,
                    rent_type,
                    extend,
                } => Ok((
                    catalogue::service_list(conn, &country, period, rent_type, extend, true)?,
                    rent::next_expiry(conn)?,
                )),
                Request::GetCount { country, .. } => Ok((
                    catalogue::counts(conn, &country, false)?,
                    rent::next_expiry(conn)?,
                )),
                Request::GetCountWithProviders { country, .. } => Ok((
                    catalogue::counts(conn, &country, true)?,
                    rent::next_expiry(conn)?,
                )),
                Request::CountMulti {
                    country,
                    services,
                    rent_type,
                    ..
                } => Ok((
                    catalogue::count_multi(conn, &country, &services, rent_type)?,
                    rent::next_expiry(conn)?,
                )),
                Request::Orders { apikey } => rent::orders(conn, now, &apikey),
                _ => Err(Refusal::msg("Incorrect method")),
            }
        });
        match result {
            Ok((data, fresh_until)) => Answered {
                outcome: Ok(data),
                generation,
                fresh_until: Some(fresh_until),
            },
            Err(refusal) => Answered {
                outcome: Err(refusal),
                generation,
                fresh_until: None,
            },
        }
    }

    fn answer_write(&self, request: Request) -> Outcome {
        let timings = self.timings;
        self.with(|conn, now| {
            if let Some(key) = request.apikey() {
                check_key(conn, key)?;
            }
            match request {
                Request::Create {
                    apikey,
                    period,
                    country,
                    service,
                    rent_type,
                    provider,
                    ..
                } => renting::create(
                    conn,
                    now,
                    renting::Order {
                        apikey: &apikey,
                        period,
                        country: &country,
                        services: &[service],
                        rent_type,
                        provider: provider.as_deref(),
                    },
                ),
                Request::CreateMulti {
                    apikey,
                    period,
                    country,
                    services,
                    rent_type,
                    provider,
                    ..
                } => renting::create(
                    conn,
                    now,
                    renting::Order {
                        apikey: &apikey,
                        period,
                        country: &country,
                        services: &services,
                        rent_type,
                        provider: provider.as_deref(),
                    },
                ),
                Request::AddService {
                    apikey,
                    id,
                    service,
                    pnumber,
                    rent_days,
                } => extra::add_service(conn, now, &apikey, id, &service, &pnumber, rent_days),
                Request::Sms { apikey, id } => life::sms(conn, &apikey, id),
                Request::Prolong { apikey, id, period } => {
                    life::prolong(conn, now, &apikey, id, period)
                }
                Request::ProlongDays { apikey, id, days } => {
                    let period = Period::days_of(days).map_err(Refusal::Msg)?;
                    life::prolong(conn, now, &apikey, id, period)
                }
                Request::Activate { apikey, id } => life::activate(conn, now, timings, &apikey, id),
                Request::Delete { apikey, id } => life::delete(conn, now, &apikey, id),
                Request::History { apikey, skip, take } => {
                    archive::history(conn, &apikey, skip, take)
                }
                Request::RestorePrecalc { apikey, id } => archive::precalc(conn, now, &apikey, id),
                Request::Restore { apikey, id } => archive::restore(conn, now, &apikey, id),
                _ => Err(Refusal::msg("Incorrect method")),
            }
        })
    }
}

/// The catalogue calls and `orders`: they only read, so their answers can be cached. The
/// catalogue calls are the ones that take no key.
fn is_read(request: &Request) -> bool {
    request.apikey().is_none() || matches!(request, Request::Orders { .. })
}
