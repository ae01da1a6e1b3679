//! The life of a rental: activation, messages, prolongation, deletion.

use super::rent::{open_rental, service_base, state_at, OpenRental};
use super::{charge, not_enough, pricing, Outcome, Refusal, Timings};
use rent_api::rules::{ProlongBlock, ProlongLimits, DAY};
use rent_api::{Money, OrderRef, Period, PeriodUnit, RentalState, Sms};
use rusqlite::{params, Connection, TransactionBehavior};
use serde_json::json;

fn draw((low, high): (i64, i64)) -> i64 {
    if high > low {
        fastrand::i64(low..=high)
    } else {
        low
    }
}

/// `activate`: queues an on-request number; it turns active after the queue delay.
pub(super) fn activate(
    conn: &mut Connection,
    now: i64,
    timings: Timings,
    apikey: &str,
    id: i64,
) -> Outcome {
    open_rental(conn, apikey, id)?;
    let (on_request, retired, from, to): (bool, bool, Option<i64>, Option<i64>) = conn.query_row(
        "SELECT n.kind = 'on_request', n.retired, r.active_from, r.active_to
             FROM rentals r JOIN numbers n ON n.id = r.number_id WHERE r.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    match state_at(now, retired, on_request, from, to) {
        RentalState::NotActive => {}
        RentalState::Activating => return Err(Refusal::msg("Activation is already in progress")),
        RentalState::Active => return Err(Refusal::msg("The number is already active")),
        _ => return Err(Refusal::msg("The number is not in the system")),
    }
    let active_from = now + draw(timings.queue);
    let active_to = active_from + draw(timings.active);
    conn.execute(
        "UPDATE rentals SET active_from = ?2, active_to = ?3 WHERE id = ?1",
        params![id, active_from, active_to],
    )?;
    Ok(json!(OrderRef { id }))
}

/// `sms`: the rental's messages, newest first; reading them clears `hasnewsms`.
pub(super) fn sms(conn: &mut Connection, apikey: &str, id: i64) -> Outcome {
    let owner: Option<String> = conn
        .query_row("SELECT apikey FROM rentals WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .ok();
    if owner.as_deref() != Some(apikey) {
        return Err(Refusal::msg("Order not found"));
    }
    let messages = {
        let mut stmt = conn.prepare_cached(
            "SELECT text, sender, date FROM sms WHERE rental_id = ?1 ORDER BY date DESC, id DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Sms {
                text: r.get(0)?,
                sender: r.get(1)?,
                date: r.get(2)?,
            })
        })?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    conn.execute(
        "UPDATE sms SET read = 1 WHERE rental_id = ?1 AND read = 0",
        [id],
    )?;
    Ok(json!(messages))
}

/// `prolong` and `prolong_max`: adds a period (weeks, months or days) when fewer than 7
/// days are left, within the guarantee; every service running to the rental's end is
/// charged its day price for the period.
pub(super) fn prolong(
    conn: &mut Connection,
    now: i64,
    apikey: &str,
    id: i64,
    period: Period,
) -> Outcome {
    let OpenRental {
        number_id,
        until,
        country,
        ..
    } = open_rental(conn, apikey, id)?;
    let guarantee: i64 = conn.query_row(
        "SELECT guarantee_until FROM rentals WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let limits = ProlongLimits {
        until,
        max_days: (guarantee - until) / DAY,
        max_until: guarantee,
    };
    let check = limits.check_period(now, period);
    match check {
        Ok(()) => {}
        Err(ProlongBlock::TooEarly { days_left }) => {
            return Err(Refusal::msg(format!(
            "Prolongation is possible only when fewer than 7 days are left ({days_left} days left)"
        )))
        }
        Err(ProlongBlock::Expired) => {
            return Err(Refusal::msg("The rental has expired or was deleted"))
        }
        Err(ProlongBlock::GuaranteeReached) if limits.max_days < 1 => {
            return Err(Refusal::msg(
                "The rental has reached the 90-day guarantee and cannot be prolonged",
            ))
        }
        Err(ProlongBlock::GuaranteeReached)
            if period.unit != PeriodUnit::Day && limits.max_days < 7 =>
        {
            return Err(Refusal::msg(
                "The rental has reached the 90-day guarantee and cannot be prolonged",
            ))
        }
        Err(ProlongBlock::GuaranteeReached) => {
            return Err(Refusal::msg(format!(
                "The 90-day guarantee allows at most {} more days",
                limits.max_days
            )))
        }
    }
    let on_request: bool = conn.query_row(
        "SELECT kind = 'on_request' FROM numbers WHERE id = ?1",
        [number_id],
        |r| r.get(0),
    )?;
    let services: Vec<String> = {
        let mut stmt = conn.prepare_cached(
            "SELECT service FROM rental_services WHERE rental_id = ?1 AND until IS NULL",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut price = Money::ZERO;
    for service in &services {
        let base = service_base(conn, service)?.ok_or_else(|| Refusal::msg("Service not found"))?;
        price += rent_api::rules::total(
            pricing::day_price(base, country.price_pct, on_request, period.days()),
            period,
        )
        .ok_or_else(|| Refusal::msg("Price out of range"))?;
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE rentals SET until = until + ?2 WHERE id = ?1 AND closed IS NULL",
        params![id, period.seconds()],
    )?;
    charge(
        &tx,
        now,
        apikey,
        price,
        "prolong",
        Some(id),
        not_enough(price),
    )?;
    tx.commit()?;
    Ok(json!(OrderRef { id }))
}

/// `delete`: ends the rental now and moves it to the archive; no refund.
pub(super) fn delete(conn: &mut Connection, now: i64, apikey: &str, id: i64) -> Outcome {
    open_rental(conn, apikey, id)?;
    conn.execute(
        "UPDATE rentals SET closed = ?2, deleted = 1 WHERE id = ?1 AND closed IS NULL",
        params![id, now],
    )?;
    Ok(json!(OrderRef { id }))
}
