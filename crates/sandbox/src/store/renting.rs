//! `create` and `create_multi`: one number for one or several services, from any
//! operator or the one asked for, in one transaction with one charge, or nothing at all.

use super::catalogue::not_offered;
use super::rent::{country, kinds, service_base};
use super::stock::{offered, operators, Pool};
use super::{charge, insert_rental, not_enough, pricing, NewRental, Outcome, Refusal};
use rent_api::rules::{self, GUARANTEE_DAYS};
use rent_api::{CreatedRental, Money, NumberType, Period};
use rusqlite::{params, Connection, TransactionBehavior};
use serde_json::json;

/// What to rent.
pub(super) struct Order<'a> {
    pub apikey: &'a str,
    pub period: Period,
    pub country: &'a str,
    pub services: &'a [String],
    pub rent_type: Option<NumberType>,
    pub provider: Option<&'a str>,
}

/// Rents one free number that can take every service of the order; the price is the sum
/// of each service's `getdata` day price for the period times its days.
pub(super) fn create(conn: &mut Connection, now: i64, order: Order<'_>) -> Outcome {
    let Order {
        apikey,
        period,
        country: code,
        services,
        rent_type,
        provider,
    } = order;
    if i64::from(period.days()) > GUARANTEE_DAYS {
        return Err(Refusal::msg(format!(
            "The longest rental is {GUARANTEE_DAYS} days"
        )));
    }
    let country = country(conn, code)?.ok_or_else(|| Refusal::msg("Country not found"))?;
    let mut bases = Vec::with_capacity(services.len());
    for service in services {
        let base = service_base(conn, service)?.ok_or_else(|| Refusal::msg("Service not found"))?;
        if !offered(conn, service, &country.code)? {
            return Err(not_offered(service));
        }
        bases.push(base);
    }
    if let Some(op) = provider {
        if !operators(conn, &country.code)?.iter().any(|o| o == op) {
            return Err(Refusal::msg(format!("Operator not found: {op}")));
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let pool = Pool::load(&tx, &country.code)?;
    let wanted: Vec<&str> = services.iter().map(String::as_str).collect();
    let sold_out = || Refusal::msg("No free numbers for this service");
    if wanted.iter().any(|s| pool.cap(s) == Some(0)) {
        return Err(sold_out());
    }
    let number = pool
        .pick(kinds(rent_type), provider, &wanted)
        .ok_or_else(sold_out)?;
    let mut price = Money::ZERO;
    for base in bases {
        price += rules::total(
            pricing::day_price(base, country.price_pct, number.on_request, period.days()),
            period,
        )
        .ok_or_else(|| Refusal::msg("Price out of range"))?;
    }
    let until = now + period.seconds();
    let id = insert_rental(
        &tx,
        NewRental {
            apikey,
            number_id: number.id,
            service: &services[0],
            begin: now,
            until,
            closed: None,
            active_from: (!number.on_request).then_some(now),
        },
    )?;
    for (position, service) in services.iter().enumerate().skip(1) {
        tx.execute(
            "INSERT INTO rental_services (rental_id, service, position) VALUES (?1, ?2, ?3)",
            params![id, service, position],
        )?;
    }
    for service in services {
        tx.execute(
            "UPDATE stock SET remaining = remaining - 1 WHERE country = ?1 AND service = ?2",
            params![country.code, service],
        )?;
    }
    let reason = if services.len() > 1 {
        "create_multi"
    } else {
        "create"
    };
    charge(&tx, now, apikey, price, reason, Some(id), not_enough(price))?;
    let pnumber = number.pnumber.clone();
    tx.commit()?;
    Ok(json!(CreatedRental {
        id,
        pnumber,
        ccode: format!("+{}", country.dial),
        service: services.join(","),
        until,
    }))
}
