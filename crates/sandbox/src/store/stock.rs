//! Which numbers are free for what: a country's free numbers with their kind, operator
//! and the services they cannot take, the demo's stock caps, and where a service is
//! offered. Counts and picks of every method come from here.

use super::Refusal;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// A free number of a country.
pub(super) struct FreeNumber {
    pub id: i64,
    pub pnumber: String,
    pub on_request: bool,
    pub operator: Option<String>,
    /// Services this number cannot take.
    pub blocked: Vec<String>,
}

impl FreeNumber {
    /// Whether this number can be rented as `on_request`, from `operator` (any when
    /// `None`), for all of `services`.
    pub fn fits(&self, on_request: bool, operator: Option<&str>, services: &[&str]) -> bool {
        self.on_request == on_request
            && operator.is_none_or(|op| self.operator.as_deref() == Some(op))
            && !services.iter().any(|s| self.blocked.iter().any(|b| b == s))
    }
}

/// The free numbers of one country, read in two queries.
pub(super) struct Pool {
    pub numbers: Vec<FreeNumber>,
    /// Stock caps by service (absent: only free numbers limit it).
    caps: HashMap<String, i64>,
}

impl Pool {
    pub fn load(conn: &Connection, country: &str) -> Result<Pool, Refusal> {
        let mut stmt = conn.prepare_cached(
            "SELECT n.id, n.pnumber, n.kind = 'on_request', n.operator FROM numbers n
             WHERE n.country = ?1 AND n.retired = 0
               AND NOT EXISTS (SELECT 1 FROM rentals r WHERE r.number_id = n.id AND r.closed IS NULL)
             ORDER BY n.id",
        )?;
        let mut numbers: Vec<FreeNumber> = stmt
            .query_map([country], |r| {
                Ok(FreeNumber {
                    id: r.get(0)?,
                    pnumber: r.get(1)?,
                    on_request: r.get(2)?,
                    operator: r.get(3)?,
                    blocked: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT b.number_id, b.service FROM number_blocks b
             JOIN numbers n ON n.id = b.number_id WHERE n.country = ?1",
        )?;
        let mut blocks: HashMap<i64, Vec<String>> = HashMap::new();
        for row in stmt.query_map([country], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, service): (i64, String) = row?;
            blocks.entry(id).or_default().push(service);
        }
        for number in &mut numbers {
            number.blocked = blocks.remove(&number.id).unwrap_or_default();
        }
        let mut stmt =
            conn.prepare_cached("SELECT service, remaining FROM stock WHERE country = ?1")?;
        let caps = stmt
            .query_map([country], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Pool { numbers, caps })
    }

    /// The stock cap of a service, if the demo sets one.
    pub fn cap(&self, service: &str) -> Option<i64> {
        self.caps.get(service).copied()
    }

    /// Numbers of this kind and operator free for all of `services`, not counting caps.
    pub fn free(&self, on_request: bool, operator: Option<&str>, services: &[&str]) -> i64 {
        self.numbers
            .iter()
            .filter(|n| n.fits(on_request, operator, services))
            .count() as i64
    }

    /// Numbers of any of `kinds` free for all of `services` from `operator`, within every
    /// service's cap.
    pub fn count(&self, kinds: &[bool], operator: Option<&str>, services: &[&str]) -> i64 {
        let free: i64 = kinds
            .iter()
            .map(|k| self.free(*k, operator, services))
            .sum();
        services
            .iter()
            .filter_map(|s| self.cap(s))
            .fold(free, i64::min)
    }

    /// The kind `create` would pick first for `services`: the first of `kinds` with a
    /// free number, else the first.
    pub fn first_kind(&self, kinds: &[bool], operator: Option<&str>, services: &[&str]) -> bool {
        kinds
            .iter()
            .copied()
            .find(|k| self.free(*k, operator, services) > 0)
            .unwrap_or(kinds[0])
    }

    /// A random free number for all of `services`, of the first of `kinds` that has one.
    pub fn pick(
        &self,
        kinds: &[bool],
        operator: Option<&str>,
        services: &[&str],
    ) -> Option<&FreeNumber> {
        kinds.iter().find_map(|k| {
            let fitting: Vec<&FreeNumber> = self
                .numbers
                .iter()
                .filter(|n| n.fits(*k, operator, services))
                .collect();
            (!fitting.is_empty()).then(|| fitting[fastrand::usize(..fitting.len())])
        })
    }
}

/// The operators of a country, in the order its numbers name them.
pub(super) fn operators(conn: &Connection, country: &str) -> Result<Vec<String>, Refusal> {
    let mut stmt = conn.prepare_cached(
        "SELECT operator FROM numbers WHERE country = ?1 AND operator IS NOT NULL
         GROUP BY operator ORDER BY MIN(id)",
    )?;
    let list = stmt
        .query_map([country], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(list)
}

/// Whether a service is offered in a country: enabled, and either offered everywhere or
/// listed for it.
pub(super) fn offered(conn: &Connection, service: &str, country: &str) -> Result<bool, Refusal> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM services s WHERE s.code = ?1 AND s.enabled = 1 AND (
                NOT EXISTS (SELECT 1 FROM service_countries sc WHERE sc.service = s.code)
                OR EXISTS (SELECT 1 FROM service_countries sc
                           WHERE sc.service = s.code AND sc.country = ?2))",
            params![service, country],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The services offered in a country: (code, name, base price in mills), in the page's
/// order.
pub(super) fn offered_services(
    conn: &Connection,
    country: &str,
) -> Result<Vec<(String, String, i64)>, Refusal> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.code, s.name, s.base_price_mills FROM services s WHERE s.enabled = 1 AND (
            NOT EXISTS (SELECT 1 FROM service_countries sc WHERE sc.service = s.code)
            OR EXISTS (SELECT 1 FROM service_countries sc
                       WHERE sc.service = s.code AND sc.country = ?1))
         ORDER BY s.position",
    )?;
    let list = stmt
        .query_map([country], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(list)
}
