//! The rent page's rules for one number with several services and an operator, free of
//! the browser: the services picked as offered now, their total, and what is available.

use rent_api::{rules, Money, OperatorList, Period, ServiceOffer};

/// The picked codes as offered now, in the order picked; codes not offered are left out.
pub fn picked_offers(offers: &[ServiceOffer], picked: &[String]) -> Vec<ServiceOffer> {
    picked
        .iter()
        .filter_map(|code| offers.iter().find(|o| o.service == *code).cloned())
        .collect()
}

/// The sum of each service's price for the period, exact; `None` with nothing picked or on
/// overflow. Each price is the API's day price for this period × its days.
pub fn total(picked: &[ServiceOffer], period: Period) -> Option<Money> {
    if picked.is_empty() {
        return None;
    }
    picked.iter().try_fold(Money::ZERO, |sum, o| {
        rules::total(o.price_day, period).map(|p| sum + p)
    })
}

/// An operator and how many numbers it has for all picked services (`None` with none
/// picked). For several services this is the least any one of them has: an upper bound,
/// since the API counts numbers free for all of them only across operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorStock {
    /// The operator's name as the API spells it.
    pub name: String,
    /// Numbers it has for the picked services.
    pub count: Option<i64>,
}

/// Each operator of the country with its stock for `picked`.
pub fn operator_stock(list: &OperatorList, picked: &[String]) -> Vec<OperatorStock> {
    list.operators
        .iter()
        .map(|name| {
            let count = picked
                .iter()
                .map(|code| {
                    list.services
                        .iter()
                        .find(|s| s.service == *code)
                        .map_or(0, |s| s.of_operator(name))
                })
                .min();
            OperatorStock {
                name: name.clone(),
                count,
            }
        })
        .collect()
}

/// Numbers that can be rented now for the picked services: one service's own count, or
/// for several `get_count_multi`'s answer (`None` while it is not known).
pub fn available(picked: &[ServiceOffer], multi_count: Option<i64>) -> Option<i64> {
    match picked {
        [] => None,
        [one] => Some(one.count),
        _ => multi_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rent_api::{OperatorOffer, PeriodUnit};
    use std::collections::BTreeMap;

    fn offer(code: &str, cents: i64, count: i64) -> ServiceOffer {
        ServiceOffer {
            service: code.into(),
            name: code.to_uppercase(),
            price_day: Money::from_cents(cents),
            count,
            img: String::new(),
            discount: Default::default(),
        }
    }

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_total_adds_each_services_price_for_the_period() {
        let offers = [
            offer("opt1", 18, 5),
            offer("opt29", 31, 2),
            offer("opt20", 25, 0),
        ];
        let picked = picked_offers(&offers, &codes(&["opt29", "gone", "opt1"]));
        assert_eq!(
            picked
                .iter()
                .map(|o| o.service.as_str())
                .collect::<Vec<_>>(),
            ["opt29", "opt1"]
        );
        let two_weeks = Period::new(PeriodUnit::Week, 2).unwrap();
        // 0.31 × 14 + 0.18 × 14 = 4.34 + 2.52
        assert_eq!(total(&picked, two_weeks), Some(Money::from_cents(686)));
        assert_eq!(total(&[], two_weeks), None);
    }

    #[test]
    fn availability_is_the_services_own_count_or_the_multi_count() {
        let a = offer("opt1", 18, 5);
        let b = offer("opt29", 31, 2);
        assert_eq!(available(&[], Some(3)), None);
        assert_eq!(available(std::slice::from_ref(&a), None), Some(5));
        assert_eq!(available(&[a.clone(), b.clone()], None), None);
        assert_eq!(available(&[a, b], Some(1)), Some(1));
    }

    #[test]
    fn operator_stock_is_per_service_or_the_least_over_several() {
        let service = |code: &str, counts: &[(&str, i64)]| OperatorOffer {
            name: code.into(),
            service: code.into(),
            price_day: Money::from_cents(10),
            count: counts
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect::<BTreeMap<_, _>>(),
            total_count: None,
            img: String::new(),
            discount: Default::default(),
        };
        let list = OperatorList {
            services: vec![
                service("opt1", &[("T-Mobile", 4), ("AT&T", 1)]),
                service("opt29", &[("T-Mobile", 2)]),
            ],
            total_amount: None,
            operators: codes(&["T-Mobile", "AT&T"]),
        };
        let stock = |picked: &[&str]| {
            operator_stock(&list, &codes(picked))
                .into_iter()
                .map(|s| (s.name, s.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            stock(&[]),
            [("T-Mobile".into(), None), ("AT&T".into(), None)]
        );
        assert_eq!(
            stock(&["opt1"]),
            [("T-Mobile".into(), Some(4)), ("AT&T".into(), Some(1))]
        );
        assert_eq!(
            stock(&["opt1", "opt29"]),
            [("T-Mobile".into(), Some(2)), ("AT&T".into(), Some(0))]
        );
    }
}
