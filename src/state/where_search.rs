//! The service-first search's rules, free of the browser: which services match what was
//! typed, how the countries offering one are ordered, and how a volume discount reads.

use crate::i18n::{Lang, Msg};
use rent_api::{CountryOffer, DefaultService, Discount, ServiceOffer};

/// How the countries offering a service are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountrySort {
    /// Cheapest day price first.
    Price,
    /// Most numbers available first.
    Available,
    /// By country name.
    Name,
}

impl CountrySort {
    /// From a `<select>` value.
    pub fn from_value(value: &str) -> CountrySort {
        match value {
            "available" => CountrySort::Available,
            "name" => CountrySort::Name,
            _ => CountrySort::Price,
        }
    }
}

/// Services whose name or code contains `needle` (any case): names starting with it
/// first, then the rest, each in the API's order; at most `limit`.
pub fn matching_services(
    list: &[DefaultService],
    needle: &str,
    limit: usize,
) -> Vec<DefaultService> {
    let needle = crate::text::lower(needle.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(bool, usize, &DefaultService)> = list
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let name = crate::text::lower(&s.name);
            let code = crate::text::lower(&s.service);
            (name.contains(&needle) || code == needle).then(|| (!name.starts_with(&needle), i, s))
        })
        .collect();
    rent_api::order::sort_by_key(&mut hits, |(later, i, _)| (*later, *i));
    hits.into_iter()
        .take(limit)
        .map(|(.., s)| s.clone())
        .collect()
}

/// The services a search can find: the site's suggestions first, then a country's other
/// services (`getdata`), each code once.
pub fn service_directory(
    suggested: Vec<DefaultService>,
    local: Vec<ServiceOffer>,
) -> Vec<DefaultService> {
    let mut all = suggested;
    for offer in local {
        if !all.iter().any(|s| s.service == offer.service) {
            all.push(DefaultService {
                name: offer.name,
                service: offer.service,
                price_for_day: offer.price_day,
                img: offer.img,
                dayp: None,
                proc: None,
            });
        }
    }
    all
}

/// The discount every offer shares, when they all name the same one: said once for the
/// list instead of on each of 174 cards.
pub fn common_discount(offers: &[ServiceOffer]) -> Option<(i64, i64)> {
    let first = offers.first()?.discount.offer()?;
    offers
        .iter()
        .all(|o| o.discount.offer() == Some(first))
        .then_some(first)
}

/// Orders `(country name, offer)` pairs; sold-out countries always last, ties by name.
pub fn arrange_countries(rows: &mut Vec<(String, CountryOffer)>, sort: CountrySort) {
    rent_api::order::sort_by(rows, |(na, a), (nb, b)| {
        (a.phone_amount <= 0)
            .cmp(&(b.phone_amount <= 0))
            .then_with(|| match sort {
                CountrySort::Price => a.price.cmp(&b.price),
                CountrySort::Available => b.phone_amount.cmp(&a.phone_amount),
                CountrySort::Name => std::cmp::Ordering::Equal,
            })
            .then_with(|| crate::text::lower(na).cmp(&crate::text::lower(nb)))
    });
}

/// `−10 % from 30 days`, when the API names a discount; information only, never a price.
pub fn discount_text(discount: &Discount, lang: Lang) -> Option<String> {
    discount.offer().map(|d| discount_words(d, lang))
}

/// `(percent, from days)` in words.
pub fn discount_words((pct, days): (i64, i64), lang: Lang) -> String {
    lang.t(Msg::DiscountFrom)
        .replace("{pct}", &pct.to_string())
        .replace("{days}", &days.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rent_api::Money;

    fn service(code: &str, name: &str) -> DefaultService {
        DefaultService {
            name: name.into(),
            service: code.into(),
            price_for_day: Money::from_cents(10),
            img: String::new(),
            dayp: None,
            proc: None,
        }
    }

    fn offer(country: &str, cents: i64, amount: i64) -> (String, CountryOffer) {
        let offer = CountryOffer {
            country: country.into(),
            service_name: "Telegram".into(),
            price: Money::from_cents(cents),
            phone_amount: amount,
            discount: Discount::default(),
        };
        (country.to_owned(), offer)
    }

    #[test]
    fn names_starting_with_the_text_come_first() {
        let list = [
            service("opt41", "X (Twitter)"),
            service("opt29", "Telegram"),
            service("opt20", "WhatsAPP"),
            service("opt104", "TikTok"),
        ];
        let names = |v: Vec<DefaultService>| v.into_iter().map(|s| s.name).collect::<Vec<_>>();
        assert_eq!(
            names(matching_services(&list, "T", 10)),
            ["Telegram", "TikTok", "X (Twitter)", "WhatsAPP"]
        );
        assert_eq!(
            names(matching_services(&list, " twit", 10)),
            ["X (Twitter)"]
        );
        assert_eq!(names(matching_services(&list, "opt29", 10)), ["Telegram"]);
        assert_eq!(matching_services(&list, "t", 2).len(), 2);
        assert!(matching_services(&list, "  ", 10).is_empty());
    }

    #[test]
    fn countries_sort_by_price_or_stock_with_sold_out_last() {
        let mut rows = vec![
            offer("DE", 30, 50),
            offer("AT", 20, 0),
            offer("FR", 25, 40),
            offer("CH", 30, 9),
        ];
        let codes =
            |rows: &[(String, CountryOffer)]| rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
        arrange_countries(&mut rows, CountrySort::Price);
        assert_eq!(codes(&rows), ["FR", "CH", "DE", "AT"]);
        arrange_countries(&mut rows, CountrySort::Available);
        assert_eq!(codes(&rows), ["DE", "FR", "CH", "AT"]);
        arrange_countries(&mut rows, CountrySort::Name);
        assert_eq!(codes(&rows), ["CH", "DE", "FR", "AT"]);
    }

    fn local(code: &str, name: &str, discount: Option<(i64, i64)>) -> ServiceOffer {
        ServiceOffer {
            name: name.into(),
            service: code.into(),
            price_day: Money::from_cents(12),
            count: 3,
            img: String::new(),
            discount: Discount {
                procent: discount.map(|d| d.0),
                procent_days: discount.map(|d| d.1),
                day_step: None,
            },
        }
    }

    #[test]
    fn the_directory_adds_the_countrys_services_to_the_suggestions_once() {
        let all = service_directory(
            vec![service("opt29", "Telegram")],
            vec![
                local("opt29", "Telegram", None),
                local("opt178", "Kleinanzeigen", None),
            ],
        );
        assert_eq!(
            all.iter().map(|s| s.service.as_str()).collect::<Vec<_>>(),
            ["opt29", "opt178"]
        );
        assert_eq!(all[1].price_for_day, Money::from_cents(12));
    }

    #[test]
    fn a_discount_all_services_share_is_said_once() {
        let same = [
            local("opt1", "A", Some((15, 30))),
            local("opt2", "B", Some((15, 30))),
        ];
        assert_eq!(common_discount(&same), Some((15, 30)));
        let mixed = [
            local("opt1", "A", Some((15, 30))),
            local("opt2", "B", Some((10, 30))),
        ];
        assert_eq!(common_discount(&mixed), None);
        let some_none = [local("opt1", "A", Some((15, 30))), local("opt2", "B", None)];
        assert_eq!(common_discount(&some_none), None);
        assert_eq!(common_discount(&[]), None);
    }

    #[test]
    fn a_discount_reads_as_information() {
        let d = Discount {
            procent_days: Some(30),
            procent: Some(10),
            day_step: None,
        };
        assert_eq!(
            discount_text(&d, Lang::En).as_deref(),
            Some("−10 % from 30 days")
        );
        assert_eq!(
            discount_text(&d, Lang::De).as_deref(),
            Some("−10 % ab 30 Tagen")
        );
        assert_eq!(discount_text(&Discount::default(), Lang::En), None);
    }
}
