//! What the person chose on the rent page, and how it is kept: in the URL (so a link or a
//! reload shows the same choice) and in localStorage (for the next visit).

use crate::storage;
use rent_api::{NumberType, Period, PeriodUnit, ServiceOffer};

/// The longest period offered per unit: the 90-day guarantee caps rentals.
pub const MAX_WEEKS: u32 = 12;
/// See [`MAX_WEEKS`].
pub const MAX_MONTHS: u32 = 3;

/// Number type, country, period and service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentChoice {
    /// Which kind of number.
    pub rent_type: NumberType,
    /// Country code; `None` until the countries are known.
    pub country: Option<String>,
    /// Rental period.
    pub period: Period,
    /// Service code, once picked.
    pub service: Option<String>,
}

impl Default for RentChoice {
    fn default() -> Self {
        RentChoice {
            rent_type: NumberType::Always,
            country: None,
            period: Period::one_week(),
            service: None,
        }
    }
}

/// `week-2` → two weeks, within the offered range.
pub fn parse_period(text: &str) -> Option<Period> {
    let (unit, count) = text.split_once('-')?;
    let unit: PeriodUnit = unit.parse().ok()?;
    let count: u32 = count.parse().ok()?;
    let max = match unit {
        PeriodUnit::Week => MAX_WEEKS,
        PeriodUnit::Month => MAX_MONTHS,
    };
    (1..=max)
        .contains(&count)
        .then(|| Period::new(unit, count).ok())
        .flatten()
}

/// The inverse of [`parse_period`].
pub fn period_code(period: Period) -> String {
    format!("{}-{}", period.unit.as_str(), period.count)
}

fn valid_code(code: &str) -> bool {
    (1..=16).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl RentChoice {
    /// The choice from URL parameters, then storage, then defaults; junk is ignored.
    pub fn restore(param: impl Fn(&str) -> Option<String>) -> RentChoice {
        let stored = |key: &str| storage::get(&format!("rentdesk.rent.{key}"));
        let pick = |key: &str| param(key).or_else(|| stored(key));
        let mut choice = RentChoice::default();
        if let Some(t) = pick("type").and_then(|t| t.parse().ok()) {
            choice.rent_type = t;
        }
        choice.country = pick("country")
            .map(|c| c.to_ascii_uppercase())
            .filter(|c| valid_code(c));
        if let Some(p) = pick("period").and_then(|p| parse_period(&p)) {
            choice.period = p;
        }
        choice.service = param("service").filter(|s| valid_code(s));
        choice
    }

    /// Remembers type, country and period for the next visit.
    pub fn remember(&self) {
        storage::set("rentdesk.rent.type", Some(self.rent_type.as_str()));
        storage::set("rentdesk.rent.country", self.country.as_deref());
        storage::set("rentdesk.rent.period", Some(&period_code(self.period)));
    }

    /// The URL query that restores this choice.
    pub fn to_query(&self) -> String {
        let mut q = format!(
            "?type={}&period={}",
            self.rent_type.as_str(),
            period_code(self.period)
        );
        if let Some(c) = &self.country {
            q.push_str("&country=");
            q.push_str(c);
        }
        if let Some(s) = &self.service {
            q.push_str("&service=");
            q.push_str(s);
        }
        q
    }
}

/// How the service list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// The API's order: most popular first.
    Popular,
    /// By name.
    Name,
    /// Cheapest first.
    Price,
    /// Most numbers available first.
    Available,
}

impl SortBy {
    /// From a `<select>` value.
    pub fn from_value(value: &str) -> SortBy {
        match value {
            "name" => SortBy::Name,
            "price" => SortBy::Price,
            "available" => SortBy::Available,
            _ => SortBy::Popular,
        }
    }
}

/// The services to show: those matching `search` (by name or code, any case), favourites
/// first, then in `sort` order; each group keeps the API's order for ties.
pub fn arrange(
    offers: &[ServiceOffer],
    search: &str,
    sort: SortBy,
    favourites: &[String],
) -> Vec<ServiceOffer> {
    let needle = search.trim().to_lowercase();
    let mut shown: Vec<(usize, &ServiceOffer)> = offers
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            needle.is_empty()
                || o.name.to_lowercase().contains(&needle)
                || o.service.to_lowercase().contains(&needle)
        })
        .collect();
    let fav = |o: &ServiceOffer| !favourites.contains(&o.service);
    shown.sort_by(|(ia, a), (ib, b)| {
        fav(a).cmp(&fav(b)).then_with(|| {
            match sort {
                SortBy::Popular => std::cmp::Ordering::Equal,
                SortBy::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                SortBy::Price => a.price_day.cmp(&b.price_day),
                SortBy::Available => b.count.cmp(&a.count),
            }
            .then(ia.cmp(ib))
        })
    });
    shown.into_iter().map(|(_, o)| o.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rent_api::Money;

    fn offer(service: &str, name: &str, cents: i64, count: i64) -> ServiceOffer {
        ServiceOffer {
            service: service.into(),
            name: name.into(),
            price_day: Money::from_cents(cents),
            count,
        }
    }

    #[test]
    fn periods_parse_within_the_guarantee() {
        assert_eq!(
            parse_period("week-2"),
            Period::new(PeriodUnit::Week, 2).ok()
        );
        assert_eq!(
            parse_period("month-3"),
            Period::new(PeriodUnit::Month, 3).ok()
        );
        for bad in [
            "month-4", "week-0", "week-13", "day-1", "week", "week-x", "",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        let p = Period::new(PeriodUnit::Month, 2).unwrap();
        assert_eq!(parse_period(&period_code(p)), Some(p));
    }

    #[test]
    fn favourites_first_then_the_chosen_order() {
        let offers = vec![
            offer("opt16", "Instagram", 15, 10),
            offer("opt46", "Airbnb", 12, 0),
            offer("opt6", "VK", 8, 50),
            offer("opt1", "Google", 18, 3),
        ];
        let names = |list: Vec<ServiceOffer>| list.into_iter().map(|o| o.name).collect::<Vec<_>>();
        assert_eq!(
            names(arrange(&offers, "", SortBy::Popular, &[])),
            ["Instagram", "Airbnb", "VK", "Google"]
        );
        assert_eq!(
            names(arrange(&offers, "", SortBy::Name, &["opt6".into()])),
            ["VK", "Airbnb", "Google", "Instagram"]
        );
        assert_eq!(
            names(arrange(&offers, "", SortBy::Price, &[])),
            ["VK", "Airbnb", "Instagram", "Google"]
        );
        assert_eq!(
            names(arrange(&offers, "", SortBy::Available, &[])),
            ["VK", "Instagram", "Google", "Airbnb"]
        );
        assert_eq!(
            names(arrange(&offers, " inSTA ", SortBy::Popular, &[])),
            ["Instagram"]
        );
        assert_eq!(
            names(arrange(&offers, "opt4", SortBy::Popular, &[])),
            ["Airbnb"]
        );
        assert!(arrange(&offers, "zzz", SortBy::Popular, &[]).is_empty());
    }
}
