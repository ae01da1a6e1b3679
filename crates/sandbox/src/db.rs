//! Opening the database and bringing its schema up to date.
//!
//! Migrations are numbered steps applied in order; `PRAGMA user_version` records how far
//! a database file has come, so an old file is upgraded on start and never rebuilt.

use rusqlite::Connection;

/// The schema, one step per entry; never edit a released step, add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: accounts, catalogue, number pool, rentals, SMS, ledger, sandbox clock.
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE accounts (
        apikey TEXT PRIMARY KEY,
        balance_mills INTEGER NOT NULL CHECK (balance_mills >= 0),
        created_at INTEGER NOT NULL
    );
    CREATE TABLE countries (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        dial TEXT NOT NULL,
        price_pct INTEGER NOT NULL DEFAULT 100,
        enabled INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL
    );
    CREATE TABLE services (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        base_price_mills INTEGER NOT NULL CHECK (base_price_mills > 0),
        enabled INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL
    );
    -- A cap on how many more numbers may be rented for a service in a country
    -- (absent: only the free pool limits it). Lets demos and tests show a sold-out service.
    CREATE TABLE stock (
        country TEXT NOT NULL REFERENCES countries(code),
        service TEXT NOT NULL REFERENCES services(code),
        remaining INTEGER NOT NULL CHECK (remaining >= 0),
        PRIMARY KEY (country, service)
    );
    CREATE TABLE numbers (
        id INTEGER PRIMARY KEY,
        country TEXT NOT NULL REFERENCES countries(code),
        pnumber TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('always', 'on_request')),
        retired INTEGER NOT NULL DEFAULT 0,
        UNIQUE (country, pnumber)
    );
    CREATE TABLE rentals (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        apikey TEXT NOT NULL REFERENCES accounts(apikey),
        number_id INTEGER NOT NULL REFERENCES numbers(id),
        begin INTEGER NOT NULL,
        until INTEGER NOT NULL,
        guarantee_until INTEGER NOT NULL,
        closed INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0,
        active_from INTEGER,
        active_to INTEGER
    );
    -- A number is never rented twice: at most one open rental per number.
    CREATE UNIQUE INDEX rentals_one_open_per_number ON rentals(number_id) WHERE closed IS NULL;
    CREATE INDEX rentals_open_until ON rentals(until) WHERE closed IS NULL;
    CREATE INDEX rentals_by_key ON rentals(apikey, closed);
    CREATE TABLE rental_services (
        rental_id INTEGER NOT NULL REFERENCES rentals(id),
        service TEXT NOT NULL REFERENCES services(code),
        position INTEGER NOT NULL,
        PRIMARY KEY (rental_id, service)
    );
    CREATE TABLE sms (
        id INTEGER PRIMARY KEY,
        rental_id INTEGER NOT NULL REFERENCES rentals(id),
        sender TEXT NOT NULL,
        text TEXT NOT NULL,
        date INTEGER NOT NULL,
        read INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sms_by_rental ON sms(rental_id, read);
    -- Every charge and top-up, so a double charge is visible in the books.
    CREATE TABLE ledger (
        id INTEGER PRIMARY KEY,
        apikey TEXT NOT NULL,
        amount_mills INTEGER NOT NULL,
        reason TEXT NOT NULL,
        rental_id INTEGER,
        at INTEGER NOT NULL
    );
    -- Order ids look like the live API's from the first rental on.
    INSERT INTO sqlite_sequence (name, seq) VALUES ('rentals', 40299);
    "#,
    // 2: the current API: operators, services offered only in some countries, numbers
    // that cannot take a service, extra services paid for fewer days than the rental.
    r#"
    ALTER TABLE countries ADD COLUMN url_name TEXT NOT NULL DEFAULT '';
    -- The number's operator; NULL where the country has none.
    ALTER TABLE numbers ADD COLUMN operator TEXT;
    CREATE INDEX numbers_by_operator ON numbers(country, operator);
    -- When an extra service added for some days stops; NULL: with the rental.
    ALTER TABLE rental_services ADD COLUMN until INTEGER;
    -- A service with rows here is offered only in those countries.
    CREATE TABLE service_countries (
        service TEXT NOT NULL REFERENCES services(code),
        country TEXT NOT NULL REFERENCES countries(code),
        PRIMARY KEY (service, country)
    );
    -- A number already used for a service elsewhere cannot be rented for it.
    CREATE TABLE number_blocks (
        number_id INTEGER NOT NULL REFERENCES numbers(id),
        service TEXT NOT NULL,
        PRIMARY KEY (number_id, service)
    );
    "#,
];

/// Opens (or creates) the database at `path`; `:memory:` keeps it in memory.
pub fn open(path: &str) -> rusqlite::Result<Connection> {
    let conn = if path == ":memory:" {
        Connection::open_in_memory()?
    } else {
        Connection::open(path)?
    };
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if path != ":memory:" {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&conn)?;
    Ok(conn)
}

/// Applies the migrations this database has not seen yet, each in its own transaction.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let done: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// How far the schema has come; for tests of upgrades.
pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// The number of migration steps this build knows.
pub const LATEST_VERSION: usize = MIGRATIONS.len();
