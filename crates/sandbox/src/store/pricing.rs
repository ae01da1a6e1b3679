//! Day prices: the service's base price, the country's and number type's factors, and
//! the discount a longer period earns.

use rent_api::Money;

/// Percent of the week price a period of `days` costs per day.
fn discount_pct(days: u32) -> i64 {
    match days {
        0..=7 => 100,
        8..=14 => 95,
        15..=29 => 92,
        30..=59 => 85,
        60..=89 => 80,
        _ => 75,
    }
}

/// The discount the table above gives from 30 days on, as `getdata` states it
/// (`procent`, `procent_days`): information only, the price is always `day_price`.
pub const VOLUME_DISCOUNT: (i64, i64) = (100 - 85, 30);

/// Percent of the always-active price an on-request number costs.
pub const ON_REQUEST_PCT: i64 = 60;

/// The day price for a period of `days`, rounded to the cent (at least one cent).
pub fn day_price(base: Money, country_pct: i64, on_request: bool, days: u32) -> Money {
    let kind_pct = if on_request { ON_REQUEST_PCT } else { 100 };
    let mills = base
        .percent(country_pct)
        .percent(kind_pct)
        .percent(discount_pct(days))
        .mills();
    Money::from_cents(((mills + 5) / 10).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_periods_are_cheaper_per_day() {
        let base = Money::from_cents(20);
        let week = day_price(base, 100, false, 7);
        let month = day_price(base, 100, false, 30);
        let quarter = day_price(base, 100, false, 90);
        assert_eq!(week, Money::from_cents(20));
        assert!(month < week && quarter < month);
        assert!(day_price(base, 100, true, 7) < week);
        assert_eq!(
            day_price(Money::from_mills(1), 100, true, 90),
            Money::from_cents(1)
        );
    }

    #[test]
    fn the_stated_volume_discount_is_the_tables() {
        let (pct, days) = VOLUME_DISCOUNT;
        assert_eq!(discount_pct(days as u32), 100 - pct);
        assert_eq!(discount_pct(days as u32 - 1), 92, "it starts at 30 days");
    }
}
