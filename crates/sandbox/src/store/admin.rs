//! What the admin interface and the simulator do to the sandbox: deliver SMS, move the
//! clock, top up, create keys, and shape the catalogue for tests.

use super::rent::state_at;
use super::{balance_of, insert_rental, NewRental, Refusal, Store};
use rent_api::rules::DAY;
use rent_api::{Money, RentalState};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Deserialize;
use std::sync::atomic::Ordering;

/// An SMS to deliver to a rental.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsDelivery {
    /// Rental (order) id.
    pub id: i64,
    /// Sender name.
    pub sender: String,
    /// Message text, stored as given.
    pub text: String,
}

/// Many rentals at once, for benchmarks and paging tests; nothing is charged.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkRentals {
    /// The key that will own them.
    pub apikey: String,
    /// How many.
    pub count: u32,
    /// Country code (default `RU`).
    #[serde(default)]
    pub country: Option<String>,
    /// Service code (default the first service).
    #[serde(default)]
    pub service: Option<String>,
    /// Days each runs (default 7); with `expired`, how long ago they ran.
    #[serde(default)]
    pub days: Option<u32>,
    /// Create them already expired, so they are in the archive.
    #[serde(default)]
    pub expired: bool,
}

/// The most rentals one bulk call creates.
pub const MAX_BULK: u32 = 20_000;

impl Store {
    /// Delivers an SMS to a rental, whatever its state (a test tool, not the network).
    pub fn deliver_sms(&self, sms: &SmsDelivery) -> Result<(), Refusal> {
        self.with(|conn, now| {
            let open: Option<bool> = conn
                .query_row(
                    "SELECT closed IS NULL FROM rentals WHERE id = ?1",
                    [sms.id],
                    |r| r.get(0),
                )
                .optional()?;
            match open {
                None => Err(Refusal::msg("Order not found")),
                Some(false) => Err(Refusal::msg("The rental has expired or was deleted")),
                Some(true) => {
                    conn.execute(
                        "INSERT INTO sms (rental_id, sender, text, date) VALUES (?1, ?2, ?3, ?4)",
                        params![sms.id, sms.sender, sms.text, now],
                    )?;
                    Ok(())
                }
            }
        })
    }

    /// Moves the sandbox clock forward by `minutes` (never back), persisting it.
    pub fn advance_clock(&self, minutes: i64) -> Result<i64, Refusal> {
        if !(0..=10 * 366 * 24 * 60).contains(&minutes) {
            return Err(Refusal::msg(
                "advance_minutes must be between 0 and ten years",
            ));
        }
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let offset = self.clock_offset.load(Ordering::Relaxed) + minutes * 60;
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('clock_offset', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [offset.to_string()],
        )?;
        self.clock_offset.store(offset, Ordering::Relaxed);
        self.generation.fetch_add(1, Ordering::AcqRel);
        drop(conn);
        Ok(self.now())
    }

    /// Adds `amount` to a key's balance; returns the new balance.
    pub fn top_up(&self, apikey: &str, amount: Money) -> Result<Money, Refusal> {
        if amount.is_negative() || amount.mills() > 1_000_000_000_000 {
            return Err(Refusal::msg("amount must be between 0 and 1000000000"));
        }
        self.with(|conn, now| {
            let changed = conn.execute(
                "UPDATE accounts SET balance_mills = balance_mills + ?2 WHERE apikey = ?1",
                params![apikey, amount.mills()],
            )?;
            if changed == 0 {
                return Err(Refusal::msg(super::BAD_KEY));
            }
            conn.execute(
                "INSERT INTO ledger (apikey, amount_mills, reason, at) VALUES (?1, ?2, 'top_up', ?3)",
                params![apikey, amount.mills(), now],
            )?;
            Ok(balance_of(conn, apikey)?.unwrap_or(Money::ZERO))
        })
    }

    /// Creates a key with a balance; a random one when `apikey` is `None`.
    pub fn create_key(&self, apikey: Option<&str>, balance: Money) -> Result<String, Refusal> {
        let key = match apikey {
            Some(k) if !k.trim().is_empty() && k.len() <= 128 => k.trim().to_owned(),
            Some(_) => return Err(Refusal::msg("apikey must be 1 to 128 characters")),
            None => random_key(),
        };
        if balance.is_negative() {
            return Err(Refusal::msg("balance must not be negative"));
        }
        self.with(|conn, now| {
            let added = conn.execute(
                "INSERT OR IGNORE INTO accounts (apikey, balance_mills, created_at) VALUES (?1, ?2, ?3)",
                params![key, balance.mills(), now],
            )?;
            if added == 0 {
                return Err(Refusal::msg("That key exists already"));
            }
            Ok(key.clone())
        })
    }

    /// Ensures a key exists (for the demo key); keeps its balance if it does.
    pub fn ensure_key(&self, apikey: &str, balance: Money) -> Result<(), Refusal> {
        self.with(|conn, now| {
            conn.execute(
                "INSERT OR IGNORE INTO accounts (apikey, balance_mills, created_at) VALUES (?1, ?2, ?3)",
                params![apikey, balance.mills(), now],
            )?;
            Ok(())
        })
    }

    /// Caps how many more numbers of a service may be rented in a country (`None`: no cap).
    pub fn set_stock(
        &self,
        country: &str,
        service: &str,
        remaining: Option<u32>,
    ) -> Result<(), Refusal> {
        self.with(|conn, _| {
            check_catalogue(conn, "countries", country)?;
            check_catalogue(conn, "services", service)?;
            match remaining {
                Some(n) => conn.execute(
                    "INSERT INTO stock (country, service, remaining) VALUES (?1, ?2, ?3)
                     ON CONFLICT (country, service) DO UPDATE SET remaining = excluded.remaining",
                    params![country, service, n],
                )?,
                None => conn.execute(
                    "DELETE FROM stock WHERE country = ?1 AND service = ?2",
                    params![country, service],
                )?,
            };
            Ok(())
        })
    }

    /// Offers or withdraws a service or a country (`table` is `services` or `countries`).
    pub fn set_enabled(
        &self,
        table: &'static str,
        code: &str,
        enabled: bool,
    ) -> Result<(), Refusal> {
        self.with(|conn, _| {
            check_catalogue(conn, table, code)?;
            conn.execute(
                &format!("UPDATE {table} SET enabled = ?2 WHERE code = ?1"),
                params![code, enabled],
            )?;
            Ok(())
        })
    }

    /// Renames a service or a country (`table` is `services` or `countries`).
    pub fn set_name(&self, table: &'static str, code: &str, name: &str) -> Result<(), Refusal> {
        if name.is_empty() || name.len() > 100_000 {
            return Err(Refusal::msg("name must be 1 to 100000 bytes"));
        }
        self.with(|conn, _| {
            check_catalogue(conn, table, code)?;
            conn.execute(
                &format!("UPDATE {table} SET name = ?2 WHERE code = ?1"),
                params![code, name],
            )?;
            Ok(())
        })
    }

    /// Sets a service's base price (thousandths of a dollar a day, before the country's
    /// share and the period's discount): what `getdata` shows and `create` charges.
    pub fn set_base_price(&self, code: &str, mills: i64) -> Result<(), Refusal> {
        if !(1..=100_000_000).contains(&mills) {
            return Err(Refusal::msg("price_mills must be 1 to 100000000"));
        }
        self.with(|conn, _| {
            check_catalogue(conn, "services", code)?;
            conn.execute(
                "UPDATE services SET base_price_mills = ?2 WHERE code = ?1",
                params![code, mills],
            )?;
            Ok(())
        })
    }

    /// Takes a rental's number out of the system (state -1; it can no longer be restored).
    pub fn retire_number(&self, rental_id: i64) -> Result<(), Refusal> {
        self.with(|conn, _| {
            let changed = conn.execute(
                "UPDATE numbers SET retired = 1 WHERE id = (SELECT number_id FROM rentals WHERE id = ?1)",
                [rental_id],
            )?;
            if changed == 0 {
                return Err(Refusal::msg("Order not found"));
            }
            Ok(())
        })
    }

    /// Adds `count` free numbers to a country's pool, always active or on request: a
    /// stock as big as a benchmark's batch needs (the demo keeps 8–25 of each kind).
    pub fn add_numbers(&self, country: &str, count: u32, on_request: bool) -> Result<(), Refusal> {
        if count == 0 || count > MAX_BULK {
            return Err(Refusal::msg(format!(
                "count must be between 1 and {MAX_BULK}"
            )));
        }
        self.with(|conn, _| {
            check_catalogue(conn, "countries", country)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let first: i64 =
                tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM numbers", [], |r| {
                    r.get(0)
                })?;
            let kind = if on_request { "on_request" } else { "always" };
            for id in first..first + i64::from(count) {
                tx.execute(
                    "INSERT INTO numbers (id, country, pnumber, kind) VALUES (?1, ?2, ?3, ?4)",
                    params![id, country, format!("6{id:09}"), kind],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Creates `count` rentals for a key without charging, adding numbers to the pool as
    /// needed; returns their ids.
    pub fn bulk_rentals(&self, bulk: &BulkRentals) -> Result<Vec<i64>, Refusal> {
        if bulk.count == 0 || bulk.count > MAX_BULK {
            return Err(Refusal::msg(format!(
                "count must be between 1 and {MAX_BULK}"
            )));
        }
        let days = i64::from(bulk.days.unwrap_or(7).clamp(1, 90));
        self.with(|conn, now| {
            super::check_key(conn, &bulk.apikey)?;
            let country = bulk.country.as_deref().unwrap_or("RU");
            check_catalogue(conn, "countries", country)?;
            let service: String = match &bulk.service {
                Some(s) => {
                    check_catalogue(conn, "services", s)?;
                    s.clone()
                }
                None => conn.query_row(
                    "SELECT code FROM services ORDER BY position LIMIT 1",
                    [],
                    |r| r.get(0),
                )?,
            };
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut ids = Vec::with_capacity(bulk.count as usize);
            let first: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM numbers", [], |r| r.get(0))?;
            for i in 0..i64::from(bulk.count) {
                tx.execute(
                    "INSERT INTO numbers (id, country, pnumber, kind) VALUES (?1, ?2, ?3, 'always')",
                    params![first + i, country, format!("5{:09}", first + i)],
                )?;
                let (begin, until, closed) = if bulk.expired {
                    let until = now - (i + 1) * 3600;
                    (until - days * DAY, until, Some(until))
                } else {
                    (now, now + days * DAY - i * 60, None)
                };
                ids.push(insert_rental(
                    &tx,
                    NewRental {
                        apikey: &bulk.apikey,
                        number_id: first + i,
                        service: &service,
                        begin,
                        until,
                        closed,
                        active_from: Some(begin),
                    },
                )?);
            }
            tx.commit()?;
            Ok(ids)
        })
    }

    /// Ids of open rentals whose number is active now: where demo SMS may arrive.
    pub fn active_rentals(&self) -> Result<Vec<i64>, Refusal> {
        self.read(|conn, now, _| {
            let mut stmt = conn.prepare_cached(
                "SELECT r.id, n.retired, n.kind = 'on_request', r.active_from, r.active_to
                 FROM rentals r JOIN numbers n ON n.id = r.number_id WHERE r.closed IS NULL",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    state_at(now, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                ))
            })?;
            let mut ids = Vec::new();
            for row in rows {
                let (id, state) = row?;
                if state == RentalState::Active {
                    ids.push(id);
                }
            }
            Ok(ids)
        })
    }

    /// The sum of a key's ledger entries and its balance, for checking that the books agree.
    pub fn ledger_total(&self, apikey: &str) -> Result<(Money, usize), Refusal> {
        self.read(|conn, _, _| {
            Ok(conn.query_row(
                "SELECT COALESCE(SUM(amount_mills), 0), COUNT(*) FROM ledger WHERE apikey = ?1 AND amount_mills < 0",
                [apikey],
                |r| Ok((Money::from_mills(r.get(0)?), r.get::<_, i64>(1)? as usize)),
            )?)
        })
    }
}

fn check_catalogue(conn: &rusqlite::Connection, table: &str, code: &str) -> Result<(), Refusal> {
    let known: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE code = ?1)"),
        [code],
        |r| r.get(0),
    )?;
    if known {
        Ok(())
    } else {
        Err(Refusal::msg(format!("Unknown code {code:?}")))
    }
}

/// A fresh API key: 32 hex digits.
pub fn random_key() -> String {
    (0..32)
        .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
        .collect()
}
