//! Catalogue, renting, the rentals list and extra services.

use super::Refusal;
use rent_api::rules::{DAY, PROLONG_WINDOW_DAYS};
use rent_api::Rental;
use rent_api::{Money, NumberType, RentalState};
use rusqlite::{Connection, OptionalExtension};
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

pub(super) fn kinds(rent_type: Option<NumberType>) -> &'static [bool] {
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
        "SELECT rs.rental_id, rs.service, s.name, rs.until FROM rentals r
         JOIN rental_services rs ON rs.rental_id = r.id JOIN services s ON s.code = rs.service
         WHERE r.apikey = ?1 AND r.closed IS NULL AND (rs.until IS NULL OR rs.until > ?2)
         ORDER BY rs.rental_id, rs.position",
    )?;
    let mut rows = stmt.query(rusqlite::params![apikey, now])?;
    let mut service_ends = Vec::new();
    while let Some(row) = rows.next()? {
        service_ends.push(row.get::<_, Option<i64>>(3)?);
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
    for end in service_ends {
        upcoming(end);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.until, r.guarantee_until, r.begin, r.active_from, r.active_to,
                n.pnumber, n.kind = 'on_request', n.retired, c.dial, c.code, n.operator
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
            provider: r.get(11)?,
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
