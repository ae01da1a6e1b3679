//! Demo data written on first start: the live catalogue (countries as the live API names
//! them, services with their real `opt…` codes), operators for some countries, and a pool
//! of numbers of both types in every country.

use rusqlite::{params, Connection};

mod catalogue;

pub use catalogue::{COUNTRIES, SERVICES};

/// Countries whose numbers belong to operators, and those operators.
pub const OPERATORS: &[(&str, &[&str])] = &[
    ("US", &["T-Mobile", "AT&T", "Verizon"]),
    ("UK", &["EE", "O2", "Vodafone"]),
    ("DE", &["Telekom", "Vodafone"]),
];

/// Services offered only in some countries; every other service is offered everywhere.
const ONLY_IN: &[(&str, &[&str])] = &[
    ("opt59", &["RU", "DE", "KZ"]),
    ("opt148", &["RU", "KZ"]),
    ("opt221", &["UK"]),
    ("opt222", &["DE"]),
    ("opt178", &["DE"]),
    ("opt163", &["AT", "DE"]),
    ("opt216", &["FR"]),
    ("opt176", &["FR"]),
    ("opt193", &["SK", "CZ"]),
    ("opt187", &["IT"]),
    ("opt194", &["IT"]),
    ("opt105", &["IT"]),
    ("opt98", &["IT"]),
    ("opt13", &["ES"]),
    ("opt145", &["ES"]),
    ("opt168", &["BG"]),
    ("opt192", &["US"]),
    ("opt85", &["US"]),
    ("opt40", &["US"]),
    ("opt220", &["US"]),
    ("opt214", &["US", "CA"]),
    ("opt191", &["US", "CA"]),
    ("opt18", &["RU", "KZ"]),
];

/// Services some numbers cannot take (already used for them), with the share of such
/// numbers in percent: so not every number fits every set of services.
const PARTLY_USED: &[(&str, u32)] = &[
    ("opt20", 25),
    ("opt29", 25),
    ("opt9", 30),
    ("opt10", 20),
    ("opt101", 20),
];

/// Countries whose numbers all take every service (tests count on a plain pool there).
const PLAIN_POOL: &[&str] = &["EE"];

/// Numbers of each type in the first ten countries; the others have fewer.
const POOL_PER_KIND: usize = 25;
/// Numbers of each type in the other countries.
const SMALL_POOL_PER_KIND: usize = 8;

/// Writes the demo catalogue and number pool if the database has none yet.
pub fn seed(conn: &mut Connection) -> rusqlite::Result<bool> {
    let seeded: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM countries)", [], |r| r.get(0))?;
    if seeded {
        return Ok(false);
    }
    // Fixed seed: the same demo numbers on every machine.
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let tx = conn.transaction()?;
    for (pos, (code, name, english, dial, pct)) in COUNTRIES.iter().enumerate() {
        tx.execute(
            "INSERT INTO countries (code, name, dial, price_pct, position, url_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![code, name, dial, pct, pos, url_name(english)],
        )?;
        let operators = OPERATORS
            .iter()
            .find(|(c, _)| c == code)
            .map_or(&[][..], |(_, ops)| *ops);
        let per_kind = if pos < 10 {
            POOL_PER_KIND
        } else {
            SMALL_POOL_PER_KIND
        };
        for kind in ["always", "on_request"] {
            for i in 0..per_kind {
                let number = local_number(&mut rng, code);
                let operator = (!operators.is_empty()).then(|| operators[i % operators.len()]);
                tx.execute(
                    "INSERT OR IGNORE INTO numbers (country, pnumber, kind, operator)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![code, number, kind, operator],
                )?;
            }
        }
    }
    for (pos, (code, name, cents)) in SERVICES.iter().enumerate() {
        tx.execute(
            "INSERT INTO services (code, name, base_price_mills, position) VALUES (?1, ?2, ?3, ?4)",
            params![code, name, cents * 10, pos],
        )?;
    }
    for (service, countries) in ONLY_IN {
        for country in *countries {
            tx.execute(
                "INSERT INTO service_countries (service, country) VALUES (?1, ?2)",
                params![service, country],
            )?;
        }
    }
    // Its own generator, so the numbers above stay the same as before blocks existed.
    let mut used = fastrand::Rng::with_seed(0xb10c);
    let ids: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, country FROM numbers ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (id, country) in ids {
        if PLAIN_POOL.contains(&country.as_str()) {
            continue;
        }
        for (service, pct) in PARTLY_USED {
            if used.u32(0..100) < *pct {
                tx.execute(
                    "INSERT INTO number_blocks (number_id, service) VALUES (?1, ?2)",
                    params![id, service],
                )?;
            }
        }
    }
    // A sold-out service and a scarce one, as on the live page.
    tx.execute(
        "INSERT INTO stock (country, service, remaining) VALUES ('DE', 'opt59', 0), ('RU', 'opt46', 3)",
        [],
    )?;
    tx.commit()?;
    Ok(true)
}

/// The country's slug on the vendor's site (`url_country_name`).
fn url_name(english: &str) -> String {
    let english = if english == "Unt. Kingdom" {
        "United Kingdom"
    } else {
        english
    };
    english
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A plausible national number for a country (without the dialling code).
fn local_number(rng: &mut fastrand::Rng, country: &str) -> String {
    let digits = |rng: &mut fastrand::Rng, n: usize| -> String {
        (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
    };
    match country {
        "RU" => format!("9{}", digits(rng, 9)),
        "UK" => format!("7{}", digits(rng, 9)),
        "US" => format!("{}{}", rng.u8(2..10), digits(rng, 9)),
        "DE" => format!("15{}", digits(rng, 9)),
        "FR" => format!("6{}", digits(rng, 8)),
        "NL" => format!("6{}", digits(rng, 8)),
        "PL" => format!("5{}", digits(rng, 8)),
        "ES" => format!("6{}", digits(rng, 8)),
        "SE" => format!("7{}", digits(rng, 8)),
        _ => format!("5{}", digits(rng, 7)),
    }
}
