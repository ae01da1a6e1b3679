//! `add_service_to_order`: another service on a rented number, for the rest of the
//! rental or for `rent_days` days, never beyond the rental's end.

use super::catalogue::not_offered;
use super::rent::{open_rental, service_base, OpenRental};
use super::stock::offered;
use super::{charge, not_enough, pricing, Outcome, Refusal};
use rent_api::rules::{self, DAY};
use rent_api::AddedService;
use rusqlite::{params, Connection, TransactionBehavior};
use serde_json::json;

/// Adds `service` to the rental. Without `rent_days` it runs to the rental's end at the
/// one-week day price per day left; with it, it runs that many days at the `getdata`
/// day price of that many days.
pub(super) fn add_service(
    conn: &mut Connection,
    now: i64,
    apikey: &str,
    id: i64,
    service: &str,
    full_number: &str,
    rent_days: Option<u32>,
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
    if !offered(conn, service, &country.code)? {
        return Err(not_offered(service));
    }
    let (on_request, blocked): (bool, bool) = conn.query_row(
        "SELECT kind = 'on_request',
                EXISTS (SELECT 1 FROM number_blocks WHERE number_id = ?1 AND service = ?2)
         FROM numbers WHERE id = ?1",
        params![number_id, service],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if blocked {
        return Err(Refusal::msg("This number cannot take this service"));
    }
    let days_left = rules::extra_service_days(until, now);
    let (price, service_until) = match rent_days {
        None => (
            pricing::day_price(base, country.price_pct, on_request, 7).times(days_left),
            None,
        ),
        Some(days) if i64::from(days) > days_left => {
            return Err(Refusal::msg(format!(
                "rent_days goes beyond the rental's end: at most {days_left} days"
            )))
        }
        Some(days) => (
            pricing::day_price(base, country.price_pct, on_request, days).times(i64::from(days)),
            Some((now + i64::from(days) * DAY).min(until)),
        ),
    };
    let price = price.ok_or_else(|| Refusal::msg("Price out of range"))?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // A service whose days ran out may be added again.
    let added = tx.execute(
        "INSERT INTO rental_services (rental_id, service, position, until)
         VALUES (?1, ?2, (SELECT COUNT(*) FROM rental_services WHERE rental_id = ?1), ?3)
         ON CONFLICT (rental_id, service) DO UPDATE SET until = excluded.until
         WHERE rental_services.until IS NOT NULL AND rental_services.until <= ?4",
        params![id, service, service_until, now],
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
    Ok(json!(AddedService {
        id,
        pnumber: full_number.to_owned(),
        service: service.to_owned(),
        until: Some(service_until.unwrap_or(until)),
    }))
}
