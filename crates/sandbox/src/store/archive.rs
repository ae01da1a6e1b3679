//! The archive (`get_rent_history`) and restoring an expired rental.

use super::rent::{country, service_base};
use super::{balance_of, charge, pricing, Outcome, Refusal};
use rent_api::rules::{self, RestoreCost, DAY, GUARANTEE_DAYS, RESTORE_PREPAID_DAYS};
use rent_api::{ArchivedRental, Money, RestoreErrorCode, RestoreQuote};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::json;

/// `get_rent_history`: closed rentals, newest first, one page.
pub(super) fn history(conn: &Connection, apikey: &str, skip: u32, take: u32) -> Outcome {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id,
                (SELECT service FROM rental_services WHERE rental_id = r.id ORDER BY position LIMIT 1),
                c.dial || n.pnumber, 1235,
                EXISTS (SELECT 1 FROM sms WHERE sms.rental_id = r.id),
                (r.until - r.begin + 86399) / 86400, c.code, r.begin, r.until, r.closed
         FROM rentals r JOIN numbers n ON n.id = r.number_id JOIN countries c ON c.code = n.country
         WHERE r.apikey = ?1 AND r.closed IS NOT NULL
         ORDER BY r.closed DESC, r.id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt
        .query_map(params![apikey, take, skip], |r| {
            Ok(ArchivedRental {
                order_id: r.get(0)?,
                resource_code: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                number: r.get(2)?,
                branch_id: Some(r.get(3)?),
                have_sms: r.get(4)?,
                days: r.get(5)?,
                country: r.get(6)?,
                begin: r.get(7)?,
                end: r.get(8)?,
                closed: r.get(9)?,
                is_avail_for_restore: None,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!(rows))
}

/// What a restore would involve, once every check passed.
pub(super) struct Restorable {
    quote: RestoreQuote,
}

fn fail(code: RestoreErrorCode) -> Refusal {
    Refusal::Restore(code)
}

/// Checks, in the seed's terms, whether `id` may be restored by `apikey` at `now`, and
/// prices it: overdue days at the undiscounted day price + 30 days at the month's price.
pub(super) fn check_restore(
    conn: &Connection,
    now: i64,
    apikey: &str,
    id: i64,
) -> Result<Restorable, Refusal> {
    type Row = (
        String,
        i64,
        i64,
        Option<i64>,
        bool,
        String,
        String,
        bool,
        bool,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT r.apikey, r.number_id, r.until, r.closed, r.deleted, n.country, n.pnumber,
                    n.kind = 'on_request', n.retired
             FROM rentals r JOIN numbers n ON n.id = r.number_id WHERE r.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?;
    let Some((owner, number_id, until, closed, deleted, code, pnumber, on_request, retired)) = row
    else {
        return Err(fail(RestoreErrorCode::NoRemoteData));
    };
    if owner != apikey {
        return Err(fail(RestoreErrorCode::NotOwner));
    }
    if closed.is_none() || deleted {
        return Err(fail(RestoreErrorCode::DateDiffInvert));
    }
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM rentals WHERE number_id = ?1 AND closed IS NULL)",
        [number_id],
        |r| r.get(0),
    )?;
    if retired || taken {
        return Err(fail(RestoreErrorCode::NoAvailDays));
    }
    let country = country(conn, &code)?.ok_or(fail(RestoreErrorCode::NoOrderCountry))?;
    let mut services = {
        let mut stmt = conn.prepare_cached(
            "SELECT rs.service, s.name FROM rental_services rs JOIN services s ON s.code = rs.service
             WHERE rs.rental_id = ?1 ORDER BY rs.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    if services.is_empty() {
        return Err(fail(RestoreErrorCode::NoServiceData));
    }
    let overdue_days = rules::overdue_days(until, now).max(1);
    let mut price = Money::ZERO;
    for (service, _) in &services {
        let base = service_base(conn, service)?.ok_or(fail(RestoreErrorCode::NoServiceData))?;
        price += RestoreCost {
            overdue_days,
            overdue_day_price: pricing::day_price(base, country.price_pct, on_request, 7),
            prepaid_days: RESTORE_PREPAID_DAYS,
            prepaid_day_price: pricing::day_price(base, country.price_pct, on_request, 30),
        }
        .total();
    }
    let (scode, sname) = services.swap_remove(0);
    Ok(Restorable {
        quote: RestoreQuote {
            ccode: country.code,
            scode,
            price,
            sname,
            pnumber: format!("{}{}", country.dial, pnumber),
            outdays: overdue_days,
            orderid: id,
            prolong_to: RESTORE_PREPAID_DAYS,
        },
    })
}

/// `restore_user_precalc`: the cost, without charging.
pub(super) fn precalc(conn: &Connection, now: i64, apikey: &str, id: i64) -> Outcome {
    Ok(json!(check_restore(conn, now, apikey, id)?.quote))
}

/// `restore_user`: charges the precalculated cost and reopens the rental for 30 days.
pub(super) fn restore(conn: &mut Connection, now: i64, apikey: &str, id: i64) -> Outcome {
    let price = check_restore(conn, now, apikey, id)?.quote.price;
    if balance_of(conn, apikey)?.unwrap_or(Money::ZERO) < price {
        return Err(fail(RestoreErrorCode::NoBalance));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE rentals SET closed = NULL, deleted = 0, begin = ?2, until = ?3,
                guarantee_until = ?4, active_from = CASE WHEN active_to IS NULL THEN ?2 END,
                active_to = NULL
         WHERE id = ?1",
        params![
            id,
            now,
            now + RESTORE_PREPAID_DAYS * DAY,
            now + GUARANTEE_DAYS * DAY
        ],
    )?;
    charge(&tx, now, apikey, price, "restore", Some(id), |_| {
        fail(RestoreErrorCode::NoBalance)
    })?;
    tx.commit()?;
    Ok(json!(true))
}
