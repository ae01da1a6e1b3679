//! Catalogue, renting, the rentals list and extra services.

use super::{charge, insert_rental, not_enough, pricing, NewRental, Outcome, Refusal};
use rent_api::rules::{self, DAY, GUARANTEE_DAYS, PROLONG_WINDOW_DAYS};
use rent_api::Rental;
use rent_api::{Country, CreatedRental, Money, NumberType, Period, RentalState, ServiceOffer};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::json;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A country row: code, dialling code, price factor.
pub(super) struct CountryRow {
    pub code: String,
    pub dial: String,
    pub price_pct: i64,
}

pub(super) fn country(conn: &Connection, code: &str) -> Result<Option<CountryRow>, Refusal> {
    Ok(conn
        .query_row(
            "SELECT code, dial, price_pct FROM countries WHERE code = ?1 AND enabled = 1",
            [code],
            |r| {
                Ok(CountryRow {
                    code: r.get(0)?,
                    dial: r.get(1)?,
                    price_pct: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// A service's base (one-week, always-active) day price, if it is offered.
pub(super) fn service_base(conn: &Connection, code: &str) -> Result<Option<Money>, Refusal> {
    Ok(conn
        .query_row(
            "SELECT base_price_mills FROM services WHERE code = ?1 AND enabled = 1",
            [code],
            |r| r.get(0),
        )
        .optional()?
        .map(Money::from_mills))
}

fn kinds(rent_type: Option<NumberType>) -> &'static [bool] {
    // Each entry says "on request?"; `any` (and no choice) prefers always-active.
    match rent_type {
        Some(NumberType::Always) => &[false],
        Some(NumberType::OnRequest) => &[true],
        Some(NumberType::Any) | None => &[false, true],
    }
}

fn kind_name(on_request: bool) -> &'static str {
    if on_request {
        "on_request"
    } else {
        "always"
    }
}

const FREE_NUMBERS: &str = "FROM numbers n WHERE n.country = ?1 AND n.kind = ?2 AND n.retired = 0
     AND NOT EXISTS (SELECT 1 FROM rentals r WHERE r.number_id = n.id AND r.closed IS NULL)";

fn free_count(conn: &Connection, country: &str, on_request: bool) -> Result<i64, Refusal> {
    Ok(conn.query_row(
        &format!("SELECT COUNT(*) {FREE_NUMBERS}"),
        params![country, kind_name(on_request)],
        |r| r.get(0),
    )?)
}

/// `getcountries`.
pub(super) fn countries(conn: &Connection) -> Outcome {
    let mut stmt = conn
        .prepare_cached("SELECT name, code FROM countries WHERE enabled = 1 ORDER BY position")?;
    let list = stmt
        .query_map([], |r| {
            Ok(Country {
                name: r.get(0)?,
                code: r.get(1)?,
                url_country_name: String::new(),
                rent_switch_type: String::new(),
                rent_avail_prolong: None,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!(list))
}

/// `getdata`: every offered service with its day price for `period` and the numbers free.
pub(super) fn services(
    conn: &Connection,
    code: &str,
    period: Period,
    rent_type: Option<NumberType>,
) -> Outcome {
    let country = country(conn, code)?.ok_or_else(|| Refusal::msg("Country not found"))?;
    let kinds = kinds(rent_type);
    let free: Vec<i64> = kinds
        .iter()
        .map(|k| free_count(conn, &country.code, *k))
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.code, s.name, s.base_price_mills, st.remaining FROM services s
         LEFT JOIN stock st ON st.service = s.code AND st.country = ?1
         WHERE s.enabled = 1 ORDER BY s.position",
    )?;
    let list = stmt
        .query_map([&country.code], |r| {
            let base = Money::from_mills(r.get(2)?);
            let cap: Option<i64> = r.get(3)?;
            let capped = |n: i64| cap.map_or(n, |c| n.min(c));
            // The price shown is that of the kind `create` would pick first.
            let first = kinds
                .iter()
                .zip(&free)
                .find(|(_, n)| capped(**n) > 0)
                .map_or(kinds[0], |(k, _)| *k);
            Ok(ServiceOffer {
                service: r.get(0)?,
                name: r.get(1)?,
                price_day: pricing::day_price(base, country.price_pct, first, period.days()),
                count: capped(free.iter().sum()),
                img: String::new(),
                discount: Default::default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!(list))
}

/// `create`: rents a free number in one transaction, or changes nothing.
pub(super) fn create(
    conn: &mut Connection,
    now: i64,
    apikey: &str,
    period: Period,
    code: &str,
    service: &str,
    rent_type: Option<NumberType>,
) -> Outcome {
    if i64::from(period.days()) > GUARANTEE_DAYS {
        return Err(Refusal::msg(format!(
            "The longest rental is {GUARANTEE_DAYS} days"
        )));
    }
    let country = country(conn, code)?.ok_or_else(|| Refusal::msg("Country not found"))?;
    let base = service_base(conn, service)?.ok_or_else(|| Refusal::msg("Service not found"))?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stock: Option<i64> = tx
        .query_row(
            "SELECT remaining FROM stock WHERE country = ?1 AND service = ?2",
            params![country.code, service],
            |r| r.get(0),
        )
        .optional()?;
    let sold_out = || Refusal::msg("No free numbers for this service");
    if stock == Some(0) {
        return Err(sold_out());
    }
    let mut picked = None;
    for on_request in kinds(rent_type) {
        let number: Option<(i64, String)> = tx
            .query_row(
                &format!("SELECT n.id, n.pnumber {FREE_NUMBERS} ORDER BY random() LIMIT 1"),
                params![country.code, kind_name(*on_request)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some(number) = number {
            picked = Some((number, *on_request));
            break;
        }
    }
    let ((number_id, pnumber), on_request) = picked.ok_or_else(sold_out)?;
    let price = rules::total(
        pricing::day_price(base, country.price_pct, on_request, period.days()),
        period,
    )
    .ok_or_else(|| Refusal::msg("Price out of range"))?;
    let until = now + period.seconds();
    let id = insert_rental(
        &tx,
        NewRental {
            apikey,
            number_id,
            service,
            begin: now,
            until,
            closed: None,
            active_from: (!on_request).then_some(now),
        },
    )?;
    if stock.is_some() {
        tx.execute(
            "UPDATE stock SET remaining = remaining - 1 WHERE country = ?1 AND service = ?2",
            params![country.code, service],
        )?;
    }
    charge(
        &tx,
        now,
        apikey,
        price,
        "create",
        Some(id),
        not_enough(price),
    )?;
    tx.commit()?;
    Ok(json!(CreatedRental {
        id,
        pnumber,
        ccode: format!("+{}", country.dial),
        service: service.to_owned(),
        until,
    }))
}

/// The derived state of a rental's number at `now`.
pub(super) fn state_at(
    now: i64,
    retired: bool,
    on_request: bool,
    active_from: Option<i64>,
    active_to: Option<i64>,
) -> RentalState {
    match (retired, on_request, active_from, active_to) {
        (true, ..) => RentalState::NotInSystem,
        (false, false, ..) => RentalState::Active,
        (false, true, None, _) => RentalState::NotActive,
        (false, true, Some(from), _) if now < from => RentalState::Activating,
        (false, true, Some(_), Some(to)) if now < to => RentalState::Active,
        _ => RentalState::NotActive,
    }
}

/// When the next open rental expires (getdata's counts change then).
pub(super) fn next_expiry(conn: &Connection) -> Result<i64, Refusal> {
    Ok(conn
        .query_row(
            "SELECT MIN(until) FROM rentals WHERE closed IS NULL",
            [],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .unwrap_or(i64::MAX))
}

/// `orders`: the key's open rentals, oldest first, in three flat queries (rentals,
/// their services, unread SMS); also the time until which the answer stays true.
pub(super) fn orders(conn: &Connection, now: i64, apikey: &str) -> Result<(Value, i64), Refusal> {
    let mut services: HashMap<i64, (String, String)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT rs.rental_id, rs.service, s.name FROM rentals r
         JOIN rental_services rs ON rs.rental_id = r.id JOIN services s ON s.code = rs.service
         WHERE r.apikey = ?1 AND r.closed IS NULL ORDER BY rs.rental_id, rs.position",
    )?;
    let mut rows = stmt.query([apikey])?;
    while let Some(row) = rows.next()? {
        let (codes, names) = services.entry(row.get(0)?).or_default();
        if !codes.is_empty() {
            codes.push(',');
            names.push_str(", ");
        }
        codes.push_str(row.get_ref(1)?.as_str().unwrap_or_default());
        names.push_str(row.get_ref(2)?.as_str().unwrap_or_default());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT sms.rental_id FROM rentals r JOIN sms ON sms.rental_id = r.id
         WHERE r.apikey = ?1 AND r.closed IS NULL AND sms.read = 0",
    )?;
    let unread: HashSet<i64> = stmt
        .query_map([apikey], |r| r.get(0))?
        .collect::<Result<_, _>>()?;

    let mut fresh_until = i64::MAX;
    let mut upcoming = |t: Option<i64>| {
        if let Some(t) = t.filter(|t| *t > now) {
            fresh_until = fresh_until.min(t);
        }
    };
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.until, r.guarantee_until, r.begin, r.active_from, r.active_to,
                n.pnumber, n.kind = 'on_request', n.retired, c.dial, c.code
         FROM rentals r JOIN numbers n ON n.id = r.number_id JOIN countries c ON c.code = n.country
         WHERE r.apikey = ?1 AND r.closed IS NULL ORDER BY r.id",
    )?;
    let mut rows = stmt.query([apikey])?;
    let mut list = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let until: i64 = r.get(1)?;
        let guarantee: i64 = r.get(2)?;
        let begin: i64 = r.get(3)?;
        let active_from: Option<i64> = r.get(4)?;
        let active_to: Option<i64> = r.get(5)?;
        let state = state_at(now, r.get(8)?, r.get(7)?, active_from, active_to);
        let lastonline = match state {
            RentalState::Active => now - now % 60,
            _ => active_to.unwrap_or(begin).min(now),
        };
        // Whatever changes with time alone ends the answer's freshness.
        upcoming(active_from);
        upcoming(active_to);
        upcoming(Some(until - PROLONG_WINDOW_DAYS * DAY + 1));
        upcoming(Some(until));
        if state == RentalState::Active {
            upcoming(Some(now - now % 60 + 60));
        }
        let (scode, sname) = services.remove(&id).unwrap_or_default();
        let mut rental = Rental {
            id,
            scode,
            sname,
            state,
            pnumber: r.get(6)?,
            ccode: format!("+{}", r.get_ref(9)?.as_str().unwrap_or_default()),
            cname: r.get(10)?,
            hasnewsms: unread.contains(&id),
            until,
            canprolong: false,
            canprolongmax: ((guarantee - until) / DAY).max(0),
            canprolonguntil: guarantee,
            lastonline: Some(lastonline),
            rent_type: Some(kind_name(r.get(7)?).to_owned()),
            provider: None,
        };
        rental.canprolong = rental.prolong_limits().check(now).is_ok();
        list.push(rental);
    }
    let data = serde_json::to_value(list).map_err(|e| Refusal::msg(e.to_string()))?;
    Ok((data, fresh_until))
}

/// An open rental of this key, as the paid actions need it.
pub(super) struct OpenRental {
    pub number_id: i64,
    pub until: i64,
    pub country: CountryRow,
    pub pnumber: String,
}

/// The key's open rental `id`, or why there is none.
pub(super) fn open_rental(conn: &Connection, apikey: &str, id: i64) -> Result<OpenRental, Refusal> {
    let row = conn
        .query_row(
            "SELECT r.apikey, r.closed IS NULL, r.number_id, r.until, c.code, c.dial, c.price_pct,
                    n.pnumber
             FROM rentals r JOIN numbers n ON n.id = r.number_id JOIN countries c ON c.code = n.country
             WHERE r.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    OpenRental {
                        number_id: r.get(2)?,
                        until: r.get(3)?,
                        country: CountryRow {
                            code: r.get(4)?,
                            dial: r.get(5)?,
                            price_pct: r.get(6)?,
                        },
                        pnumber: r.get(7)?,
                    },
                ))
            },
        )
        .optional()?;
    match row {
        Some((owner, true, rental)) if owner == apikey => Ok(rental),
        Some((owner, false, _)) if owner == apikey => {
            Err(Refusal::msg("The rental has expired or was deleted"))
        }
        _ => Err(Refusal::msg("Order not found")),
    }
}

/// `add_service_to_order`: adds a service to a rented number for the rest of the rental.
pub(super) fn add_service(
    conn: &mut Connection,
    now: i64,
    apikey: &str,
    id: i64,
    service: &str,
    full_number: &str,
) -> Outcome {
    let OpenRental {
        number_id,
        until,
        country,
        pnumber,
    } = open_rental(conn, apikey, id)?;
    if full_number != format!("{}{}", country.dial, pnumber) {
        return Err(Refusal::msg(
            "The phone number does not belong to this order",
        ));
    }
    let base = service_base(conn, service)?.ok_or_else(|| Refusal::msg("Service not found"))?;
    let on_request: bool = conn.query_row(
        "SELECT kind = 'on_request' FROM numbers WHERE id = ?1",
        [number_id],
        |r| r.get(0),
    )?;
    let days = rules::extra_service_days(until, now);
    let price = pricing::day_price(base, country.price_pct, on_request, 7)
        .times(days)
        .ok_or_else(|| Refusal::msg("Price out of range"))?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let added = tx.execute(
        "INSERT OR IGNORE INTO rental_services (rental_id, service, position)
         VALUES (?1, ?2, (SELECT COUNT(*) FROM rental_services WHERE rental_id = ?1))",
        params![id, service],
    )?;
    if added == 0 {
        return Err(Refusal::msg("This service is already on the order"));
    }
    charge(
        &tx,
        now,
        apikey,
        price,
        "add_service",
        Some(id),
        not_enough(price),
    )?;
    tx.commit()?;
    Ok(serde_json::Value::Null)
}
