//! What the person chose on the rent page, and how it is kept: in the URL (so a link or a
//! reload shows the same choice) and in localStorage (for the next visit).

use crate::browser::storage::{self, keys};
use rent_api::batch::MAX_BATCH;
use rent_api::{NumberType, Period, PeriodUnit, ServiceOffer};

/// The longest period offered per unit: the 90-day guarantee caps rentals.
pub const MAX_WEEKS: u32 = 12;
/// See [`MAX_WEEKS`].
pub const MAX_MONTHS: u32 = 3;

/// The most services one link may preselect: a guard against junk URLs, not an API limit.
pub const MAX_LINKED_SERVICES: usize = 20;

/// Number type, country, period, services and operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentChoice {
    /// Which kind of number.
    pub rent_type: NumberType,
    /// Country code; `None` until the countries are known.
    pub country: Option<String>,
    /// Rental period.
    pub period: Period,
    /// Service codes picked, in the order picked: one number for all of them.
    pub services: Vec<String>,
    /// The operator asked for; `None` is any operator.
    pub operator: Option<String>,
    /// How many numbers of this choice to rent: more than one is a batch.
    pub count: u32,
}

impl Default for RentChoice {
    fn default() -> Self {
        RentChoice {
            rent_type: NumberType::Always,
            country: None,
            period: Period::one_week(),
            services: Vec::new(),
            operator: None,
            count: 1,
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
        PeriodUnit::Day => return None,
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

/// `20` → 20, within 1 ..= [`MAX_BATCH`]; junk is none.
pub fn parse_count(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_BATCH).contains(n))
}

fn valid_code(code: &str) -> bool {
    (1..=16).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `opt1,opt2` → the valid codes, each once, at most [`MAX_LINKED_SERVICES`].
pub fn parse_services(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for code in text.split(',').map(str::trim).filter(|c| valid_code(c)) {
        if !codes.iter().any(|c| c == code) && codes.len() < MAX_LINKED_SERVICES {
            codes.push(code.to_owned());
        }
    }
    codes
}

/// An operator name as a link may carry it: printable, short.
fn valid_operator(name: &str) -> bool {
    (1..=40).contains(&name.chars().count()) && !name.chars().any(char::is_control)
}

/// Percent-encodes everything but unreserved characters, for a query value.
fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
        choice.services = param("service")
            .map(|s| parse_services(&s))
            .unwrap_or_default();
        choice.operator = param("operator")
            .map(|o| o.trim().to_owned())
            .filter(|o| valid_operator(o));
        choice.count = param("count")
            .or_else(|| storage::get(keys::RENT_COUNT))
            .and_then(|c| parse_count(&c))
            .unwrap_or(1);
        choice
    }

    /// Remembers type, country and period for the next visit.
    pub fn remember(&self) {
        storage::set("rentdesk.rent.type", Some(self.rent_type.as_str()));
        storage::set("rentdesk.rent.country", self.country.as_deref());
        storage::set("rentdesk.rent.period", Some(&period_code(self.period)));
        storage::set(keys::RENT_COUNT, Some(&self.count.to_string()));
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
        if !self.services.is_empty() {
            q.push_str("&service=");
            q.push_str(&self.services.join(","));
        }
        if let Some(o) = &self.operator {
            q.push_str("&operator=");
            q.push_str(&encode(o));
        }
        if self.count > 1 {
            q.push_str(&format!("&count={}", self.count));
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
    let needle = crate::text::lower(search.trim());
    let mut shown: Vec<(usize, &ServiceOffer)> = offers
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            needle.is_empty()
                || crate::text::lower(&o.name).contains(&needle)
                || crate::text::lower(&o.service).contains(&needle)
        })
        .collect();
    let fav = |o: &ServiceOffer| !favourites.contains(&o.service);
    rent_api::order::sort_by(&mut shown, |(ia, a), (ib, b)| {
        fav(a).cmp(&fav(b)).then_with(|| {
            match sort {
                SortBy::Popular => std::cmp::Ordering::Equal,
                SortBy::Name => crate::text::lower(&a.name).cmp(&crate::text::lower(&b.name)),
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
            img: String::new(),
            discount: Default::default(),
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
    fn a_link_carries_several_services_and_an_operator() {
        assert_eq!(
            parse_services("opt1, opt29,opt1,,bad-code,opt5"),
            ["opt1", "opt29", "opt5"]
        );
        let many: Vec<String> = (0..30).map(|n| format!("opt{n}")).collect();
        assert_eq!(parse_services(&many.join(",")).len(), MAX_LINKED_SERVICES);
        let choice = RentChoice {
            country: Some("US".into()),
            services: vec!["opt1".into(), "opt29".into()],
            operator: Some("AT&T Mobility".into()),
            ..RentChoice::default()
        };
        assert_eq!(
            choice.to_query(),
            "?type=always&period=week-1&country=US&service=opt1,opt29&operator=AT%26T%20Mobility"
        );
        assert!(valid_operator("T-Mobile"));
        assert!(!valid_operator("") && !valid_operator("a\nb"));
    }

    #[test]
    fn a_link_carries_a_count_within_a_batch() {
        assert_eq!(parse_count("20"), Some(20));
        assert_eq!(parse_count(" 100 "), Some(MAX_BATCH));
        assert_eq!(parse_count("0"), None);
        assert_eq!(parse_count("101"), None);
        assert_eq!(parse_count("2x"), None);
        let choice = RentChoice {
            count: 20,
            ..RentChoice::default()
        };
        assert!(choice.to_query().ends_with("&count=20"));
        assert!(!RentChoice::default().to_query().contains("count"));
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
