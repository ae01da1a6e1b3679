//! Demo data written on first start: countries as the live API names them, services with
//! `opt…` codes, and a pool of numbers of both types in every country.

use rusqlite::{params, Connection};

/// (code, name as the live API sends it, dialling code, price factor %).
const COUNTRIES: &[(&str, &str, &str, i64)] = &[
    ("RU", "Россия", "7", 100),
    ("UK", "Великобритания", "44", 180),
    ("US", "США", "1", 200),
    ("DE", "Германия", "49", 170),
    ("FR", "Франция", "33", 160),
    ("NL", "Нидерланды", "31", 160),
    ("PL", "Польша", "48", 130),
    ("ES", "Испания", "34", 150),
    ("SE", "Швеция", "46", 170),
    ("EE", "Эстония", "372", 120),
];

/// (code, name, base day price in cents), in the rent page's "most popular" order.
const SERVICES: &[(&str, &str, i64)] = &[
    ("opt16", "Instagram", 15),
    ("opt20", "WhatsApp", 25),
    ("opt29", "Telegram", 30),
    ("opt1", "Google", 18),
    ("opt2", "Facebook", 14),
    ("opt46", "Airbnb", 12),
    ("opt59", "Avito", 10),
    ("opt6", "VK", 8),
    ("opt11", "Microsoft", 12),
    ("opt41", "Twitter", 13),
    ("opt5", "Yahoo", 7),
    ("opt104", "Amazon", 16),
    ("opt113", "Apple", 20),
    ("opt33", "Uber", 11),
    ("opt35", "Tinder", 22),
    ("opt40", "Viber", 9),
    ("opt45", "WeChat", 26),
    ("opt23", "Discord", 10),
    ("opt27", "Snapchat", 12),
    ("opt30", "LinkedIn", 14),
    ("opt32", "PayPal", 24),
    ("opt49", "Steam", 9),
    ("opt57", "Netflix", 11),
    ("opt61", "TikTok", 17),
    ("opt66", "Signal", 15),
    ("opt70", "Booking", 10),
    ("opt76", "eBay", 12),
    ("opt89", "Yandex", 6),
    ("opt94", "Ozon", 7),
    ("opt108", "Other", 5),
];

/// Numbers of each type per country.
const POOL_PER_KIND: usize = 25;

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
    for (pos, (code, name, dial, pct)) in COUNTRIES.iter().enumerate() {
        tx.execute(
            "INSERT INTO countries (code, name, dial, price_pct, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![code, name, dial, pct, pos],
        )?;
        for kind in ["always", "on_request"] {
            for _ in 0..POOL_PER_KIND {
                let number = local_number(&mut rng, code);
                tx.execute(
                    "INSERT OR IGNORE INTO numbers (country, pnumber, kind) VALUES (?1, ?2, ?3)",
                    params![code, number, kind],
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
    // A sold-out service and a scarce one, as on the live page.
    tx.execute(
        "INSERT INTO stock (country, service, remaining) VALUES ('DE', 'opt59', 0), ('RU', 'opt46', 3)",
        [],
    )?;
    tx.commit()?;
    Ok(true)
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
