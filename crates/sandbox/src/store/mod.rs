//! The sandbox's state and rules: one SQLite connection behind a mutex, so every paid
//! action runs alone in one transaction. Rental states are derived from timestamps on the
//! sandbox clock, so moving the clock moves every rental's life at once.

mod admin;
mod archive;
mod catalogue;
mod dispatch;
mod extra;
mod life;
mod pricing;
mod rent;
mod renting;
mod stock;

pub use admin::{random_key, BulkRentals, SmsDelivery, MAX_BULK};
pub use pricing::day_price;

use rent_api::{Money, RestoreErrorCode};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Why a request was refused: the `msg` of a `status: 0` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A free-text reason.
    Msg(String),
    /// A restore error code (the variants switch may send its sentence instead).
    Restore(RestoreErrorCode),
}

impl Refusal {
    fn msg(text: impl Into<String>) -> Refusal {
        Refusal::Msg(text.into())
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Msg(msg) => f.write_str(msg),
            Refusal::Restore(code) => f.write_str(code.code()),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<rusqlite::Error> for Refusal {
    fn from(e: rusqlite::Error) -> Self {
        Refusal::Msg(format!("Internal error: {e}"))
    }
}

/// What a request answers: the `data` field, or a refusal.
pub type Outcome = Result<Value, Refusal>;

/// An outcome with how long it stays true, so read-only answers can be cached.
#[derive(Debug)]
pub struct Answered {
    /// The answer.
    pub outcome: Outcome,
    /// The write generation it was computed at.
    pub generation: u64,
    /// Sandbox time until which it stays true without writes; `None`: not cacheable.
    pub fresh_until: Option<i64>,
}

/// How long the activation queue and the active window of on-request numbers last,
/// in seconds, each a range a random value is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// Seconds in the activation queue (state 2).
    pub queue: (i64, i64),
    /// Seconds active (state 1) before falling back to 0.
    pub active: (i64, i64),
}

impl Timings {
    /// Scaled down for demos: under a minute in the queue, a few minutes active.
    pub const DEMO: Timings = Timings {
        queue: (20, 40),
        active: (180, 300),
    };
    /// The live service's: 10–15 minutes queued, 10–30 minutes active.
    pub const REAL: Timings = Timings {
        queue: (600, 900),
        active: (600, 1800),
    };
}

/// The sandbox's database and clock.
pub struct Store {
    conn: Mutex<Connection>,
    clock_offset: AtomicI64,
    timings: Timings,
    /// Bumped by every write, so cached answers know when they went stale.
    generation: AtomicU64,
}

/// A key that does not exist.
const BAD_KEY: &str = "Invalid API key";

impl Store {
    /// Wraps an opened, migrated connection.
    pub fn new(conn: Connection, timings: Timings) -> rusqlite::Result<Store> {
        let offset: i64 = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'clock_offset'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Ok(Store {
            conn: Mutex::new(conn),
            clock_offset: AtomicI64::new(offset),
            timings,
            generation: AtomicU64::new(0),
        })
    }

    /// The sandbox clock: real time plus however far the admin moved it.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        real + self.clock_offset.load(Ordering::Relaxed)
    }

    /// The write generation: cached answers computed at an older one are stale.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Runs `f` on the connection after closing rentals that expired by `now`; `f` may
    /// write, so the generation moves on.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection, i64) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        self.locked(true, |conn, now, _| f(conn, now))
    }

    /// Like [`Store::with`] for work that only reads; gives `f` the generation it sees.
    fn read<T>(
        &self,
        f: impl FnOnce(&mut Connection, i64, u64) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        self.locked(false, f)
    }

    fn locked<T>(
        &self,
        writes: bool,
        f: impl FnOnce(&mut Connection, i64, u64) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let now = self.now();
        let expired = conn.execute(
            "UPDATE rentals SET closed = until WHERE closed IS NULL AND until <= ?1",
            [now],
        )?;
        if expired > 0 {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
        let generation = self.generation();
        let result = f(&mut conn, now, generation);
        if writes {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
        result
    }

    /// `getBalance`: the key's balance, or `None` for an unknown key.
    pub fn balance(&self, apikey: &str) -> Result<Option<Money>, Refusal> {
        self.read(|conn, _, _| balance_of(conn, apikey))
    }

    /// Whether archived rentals may be restored, for the archive rows' `isAvailForRestore`.
    pub fn restorable(&self, apikey: &str, ids: &[i64]) -> Result<Vec<bool>, Refusal> {
        self.read(|conn, now, _| {
            ids.iter()
                .map(|id| Ok(archive::check_restore(conn, now, apikey, *id).is_ok()))
                .collect()
        })
    }
}

fn balance_of(conn: &Connection, apikey: &str) -> Result<Option<Money>, Refusal> {
    Ok(conn
        .query_row(
            "SELECT balance_mills FROM accounts WHERE apikey = ?1",
            [apikey],
            |r| r.get(0),
        )
        .optional()?
        .map(Money::from_mills))
}

fn check_key(conn: &Connection, apikey: &str) -> Result<(), Refusal> {
    match balance_of(conn, apikey)? {
        Some(_) => Ok(()),
        None => Err(Refusal::msg(BAD_KEY)),
    }
}

/// Takes `amount` from the key's balance inside the caller's transaction, refusing with
/// `refusal` when it would go below zero, and books it.
fn charge(
    tx: &rusqlite::Transaction<'_>,
    now: i64,
    apikey: &str,
    amount: Money,
    reason: &str,
    rental_id: Option<i64>,
    refusal: impl FnOnce(Money) -> Refusal,
) -> Result<(), Refusal> {
    let changed = tx.execute(
        "UPDATE accounts SET balance_mills = balance_mills - ?2
         WHERE apikey = ?1 AND balance_mills >= ?2",
        params![apikey, amount.mills()],
    )?;
    if changed != 1 {
        let balance = balance_of(tx, apikey)?.unwrap_or(Money::ZERO);
        return Err(refusal(balance));
    }
    tx.execute(
        "INSERT INTO ledger (apikey, amount_mills, reason, rental_id, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![apikey, -amount.mills(), reason, rental_id, now],
    )?;
    Ok(())
}

/// A new rental row as `create` and the admin's bulk rentals write it.
struct NewRental<'a> {
    apikey: &'a str,
    number_id: i64,
    service: &'a str,
    begin: i64,
    until: i64,
    /// Set for a rental created already closed (archive fixtures).
    closed: Option<i64>,
    /// When the number became active; `None` for an on-request number not yet activated.
    active_from: Option<i64>,
}

/// Writes a rental and its first service inside the caller's transaction; its id. The
/// 90-day guarantee runs from `begin`.
fn insert_rental(tx: &rusqlite::Transaction<'_>, new: NewRental<'_>) -> Result<i64, Refusal> {
    tx.execute(
        "INSERT INTO rentals (apikey, number_id, begin, until, guarantee_until, closed, active_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            new.apikey,
            new.number_id,
            new.begin,
            new.until,
            new.begin + rent_api::rules::GUARANTEE_DAYS * rent_api::rules::DAY,
            new.closed,
            new.active_from
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO rental_services (rental_id, service, position) VALUES (?1, ?2, 0)",
        params![id, new.service],
    )?;
    Ok(id)
}

/// The usual refusal when a balance does not cover a price.
fn not_enough(price: Money) -> impl FnOnce(Money) -> Refusal {
    move |balance| {
        Refusal::msg(format!(
            "Not enough balance: {price} USD needed, {balance} USD available"
        ))
    }
}

impl Store {
    /// A value kept in the database's `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>, Refusal> {
        self.read(|conn, _, _| {
            Ok(conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?)
        })
    }

    /// Keeps a value in the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), Refusal> {
        self.with(|conn, _| {
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }
}
