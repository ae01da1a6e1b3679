//! The catalogue calls of the current API, in its shapes: countries with their extra
//! fields, services with day prices, counts (per service, per operator, for several
//! services at once), the suggested services, and where a service can be rented.

use super::rent::{country, kinds, CountryRow};
use super::stock::{offered, offered_services, operators, Pool};
use super::{pricing, Outcome, Refusal};
use rent_api::{Money, NumberType, Period};
use rusqlite::Connection;
use serde_json::{json, Map, Value};

fn known_country(conn: &Connection, code: &str) -> Result<CountryRow, Refusal> {
    country(conn, code)?.ok_or_else(|| Refusal::msg("Country not found"))
}

/// The volume-discount information of every service: what the pricing table gives from
/// 30 days on, against the one-week day price.
fn discount(row: &mut Map<String, Value>, as_text: bool) {
    let (pct, days) = pricing::VOLUME_DISCOUNT;
    let put = |v: i64| {
        if as_text {
            json!(v.to_string())
        } else {
            json!(v)
        }
    };
    row.insert("procent_days".into(), put(days));
    row.insert("procent".into(), put(pct));
    row.insert("day_step".into(), put(1));
}

/// `getcountries`: every field a string, as the current API sends them.
pub(super) fn countries(conn: &Connection) -> Outcome {
    let mut stmt = conn.prepare_cached(
        "SELECT name, code, url_name FROM countries WHERE enabled = 1 ORDER BY position",
    )?;
    let list = stmt
        .query_map([], |r| {
            Ok(json!({
                "name": r.get::<_, String>(0)?,
                "code": r.get::<_, String>(1)?,
                "url_country_name": r.get::<_, String>(2)?,
                "rent_switch_type": "0",
                "rent_avail_prolong": "1",
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(list))
}

/// `getdata` and `getdataWithProviders`: the services of a country with the day price
/// of `period` and the numbers free; `extend` adds icons and discounts.
pub(super) fn service_list(
    conn: &Connection,
    code: &str,
    period: Period,
    rent_type: Option<NumberType>,
    extend: bool,
    with_operators: bool,
) -> Outcome {
    let country = known_country(conn, code)?;
    let pool = Pool::load(conn, &country.code)?;
    let kinds = kinds(rent_type);
    let ops = if with_operators {
        operators(conn, &country.code)?
    } else {
        Vec::new()
    };
    let mut services = Vec::new();
    for (service, name, base) in offered_services(conn, &country.code)? {
        let wanted = [service.as_str()];
        let first = pool.first_kind(kinds, None, &wanted);
        let price = pricing::day_price(
            Money::from_mills(base),
            country.price_pct,
            first,
            period.days(),
        );
        let total = pool.count(kinds, None, &wanted);
        let mut row = Map::new();
        row.insert("name".into(), json!(name));
        row.insert("service".into(), json!(service));
        row.insert("price_day".into(), json!(price));
        if with_operators {
            let per_operator: Map<String, Value> = ops
                .iter()
                .map(|op| (op.clone(), json!(pool.count(kinds, Some(op), &wanted))))
                .collect();
            row.insert("count".into(), Value::Object(per_operator));
            row.insert("totalCount".into(), json!(total));
        } else {
            row.insert("count".into(), json!(total));
        }
        if extend {
            row.insert("img".into(), json!(""));
            discount(&mut row, false);
        }
        services.push(Value::Object(row));
    }
    let mut data = json!({
        "services": services,
        "totalAmount": pool.count(kinds, None, &[]),
    });
    if with_operators {
        data["allOperators"] = json!(ops);
    }
    Ok(data)
}

/// `getcount` and `getCountWithProviders`: numbers free per service (and operator).
pub(super) fn counts(conn: &Connection, code: &str, with_operators: bool) -> Outcome {
    let country = known_country(conn, code)?;
    let pool = Pool::load(conn, &country.code)?;
    let ops = operators(conn, &country.code)?;
    let kinds = kinds(None);
    let mut data = Map::new();
    for (service, _, _) in offered_services(conn, &country.code)? {
        let wanted = [service.as_str()];
        let total = pool.count(kinds, None, &wanted);
        let value = if with_operators {
            let amount: Map<String, Value> = ops
                .iter()
                .map(|op| (op.clone(), json!(pool.count(kinds, Some(op), &wanted))))
                .collect();
            json!({ "Amount": amount, "Total": total })
        } else {
            json!(total)
        };
        data.insert(service, value);
    }
    Ok(Value::Object(data))
}

/// `get_count_multi`: numbers free for every one of `services` at once.
pub(super) fn count_multi(
    conn: &Connection,
    code: &str,
    services: &[String],
    rent_type: Option<NumberType>,
) -> Outcome {
    let country = known_country(conn, code)?;
    for service in services {
        if !offered(conn, service, &country.code)? {
            return Err(not_offered(service));
        }
    }
    let pool = Pool::load(conn, &country.code)?;
    let wanted: Vec<&str> = services.iter().map(String::as_str).collect();
    Ok(json!({ "count": pool.count(kinds(rent_type), None, &wanted) }))
}

/// The refusal for a service the country does not offer.
pub(super) fn not_offered(service: &str) -> Refusal {
    Refusal::msg(format!("Service not found: {service}"))
}

/// `get_default_services`: every offered service, most popular first, with its lowest
/// one-week day price over the countries offering them; strings, as the current API sends
/// them. All of them, so "where can I rent X?" finds a service offered in one country only.
pub(super) fn default_services(conn: &Connection) -> Outcome {
    let mut stmt = conn.prepare_cached(
        "SELECT s.code, s.name, s.base_price_mills, (
             SELECT MIN(c.price_pct) FROM countries c WHERE c.enabled = 1 AND (
                 NOT EXISTS (SELECT 1 FROM service_countries sc WHERE sc.service = s.code)
                 OR EXISTS (SELECT 1 FROM service_countries sc
                            WHERE sc.service = s.code AND sc.country = c.code)))
         FROM services s WHERE s.enabled = 1 ORDER BY s.position",
    )?;
    let (pct, days) = pricing::VOLUME_DISCOUNT;
    let list = stmt
        .query_map([], |r| {
            let base = Money::from_mills(r.get(2)?);
            let country_pct: Option<i64> = r.get(3)?;
            let price = pricing::day_price(base, country_pct.unwrap_or(100), false, 7);
            Ok(json!({
                "name": r.get::<_, String>(1)?,
                "service": r.get::<_, String>(0)?,
                "priceForDay": price.to_plain_string(),
                "img": "",
                "DAYP": days.to_string(),
                "PROC": pct.to_string(),
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(list))
}

/// `get_country_by_service`: every country offering `service`, keyed by country code,
/// with the day price of `period` and the numbers free.
pub(super) fn countries_by_service(conn: &Connection, service: &str, period: Period) -> Outcome {
    let (name, base): (String, i64) = conn
        .query_row(
            "SELECT name, base_price_mills FROM services WHERE code = ?1 AND enabled = 1",
            [service],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| Refusal::msg("Service not found"))?;
    let codes: Vec<String> = {
        let mut stmt =
            conn.prepare_cached("SELECT code FROM countries WHERE enabled = 1 ORDER BY position")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let kinds = kinds(None);
    let mut data = Map::new();
    for code in codes {
        if !offered(conn, service, &code)? {
            continue;
        }
        let country = known_country(conn, &code)?;
        let pool = Pool::load(conn, &code)?;
        let first = pool.first_kind(kinds, None, &[service]);
        let price = pricing::day_price(
            Money::from_mills(base),
            country.price_pct,
            first,
            period.days(),
        );
        let mut row = Map::new();
        row.insert("service_name".into(), json!(name));
        row.insert("price".into(), json!(price.to_plain_string()));
        discount(&mut row, true);
        row.insert("country".into(), json!(code));
        row.insert(
            "phoneAmount".into(),
            json!(pool.count(kinds, None, &[service])),
        );
        data.insert(code, Value::Object(row));
    }
    Ok(Value::Object(data))
}
