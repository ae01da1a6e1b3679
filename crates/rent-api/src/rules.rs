//! The rent page's rules that need no I/O: totals, prolongation, restore cost.

use crate::{Money, Period};

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// Prolongation opens when fewer than this many days are left.
pub const PROLONG_WINDOW_DAYS: i64 = 7;
/// The longest guaranteed rental, in days.
pub const GUARANTEE_DAYS: i64 = 90;
/// Days paid ahead when an expired rental is restored.
pub const RESTORE_PREPAID_DAYS: i64 = 30;

/// Price per day × the period's days, exact; `None` only on overflow.
pub fn total(price_day: Money, period: Period) -> Option<Money> {
    price_day.times(i64::from(period.days()))
}

/// Why prolongation is not possible now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProlongBlock {
    /// 7 or more days are left; prolongation opens when fewer are.
    TooEarly {
        /// Whole days left until expiry.
        days_left: i64,
    },
    /// The 90-day guarantee leaves no room for even one more week.
    GuaranteeReached,
    /// The rental has already expired.
    Expired,
}

/// What the `orders` row says about prolongation, for [`prolong_check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProlongLimits {
    /// Expiry (UNIX seconds).
    pub until: i64,
    /// Most days that may still be added (`canprolongmax`).
    pub max_days: i64,
    /// Latest expiry the guarantee allows (`canprolonguntil`).
    pub max_until: i64,
}

impl ProlongLimits {
    /// Whether prolongation is open at `now`, or why not.
    pub fn check(&self, now: i64) -> Result<(), ProlongBlock> {
        let left = self.until - now;
        if left <= 0 {
            return Err(ProlongBlock::Expired);
        }
        if left >= PROLONG_WINDOW_DAYS * DAY {
            return Err(ProlongBlock::TooEarly {
                days_left: left / DAY,
            });
        }
        if self.max_days < 7 || self.until + 7 * DAY > self.max_until {
            return Err(ProlongBlock::GuaranteeReached);
        }
        Ok(())
    }

    /// Whether `period` fits within the guarantee.
    pub fn fits(&self, period: Period) -> bool {
        let days = i64::from(period.days());
        days <= self.max_days && self.until + days * DAY <= self.max_until
    }

    /// Whether prolonging by `days` (`prolong_max`) is possible at `now`: the same 7-day
    /// window, and the days must fit within the guarantee (fewer than 7 are fine).
    pub fn check_days(&self, now: i64, days: i64) -> Result<(), ProlongBlock> {
        let left = self.until - now;
        if left <= 0 {
            return Err(ProlongBlock::Expired);
        }
        if left >= PROLONG_WINDOW_DAYS * DAY {
            return Err(ProlongBlock::TooEarly {
                days_left: left / DAY,
            });
        }
        if days < 1 || days > self.max_days || self.until + days * DAY > self.max_until {
            return Err(ProlongBlock::GuaranteeReached);
        }
        Ok(())
    }

    /// Whether prolonging by `period` is possible at `now`: by days (`prolong_max`) within
    /// the window and the guarantee, by weeks or months when the window is open and the
    /// period fits the guarantee.
    pub fn check_period(&self, now: i64, period: Period) -> Result<(), ProlongBlock> {
        if period.unit == crate::PeriodUnit::Day {
            return self.check_days(now, i64::from(period.days()));
        }
        self.check(now)?;
        if self.fits(period) {
            Ok(())
        } else {
            Err(ProlongBlock::GuaranteeReached)
        }
    }

    /// The expiry after prolonging by `period`.
    pub fn new_until(&self, period: Period) -> i64 {
        self.until + period.seconds()
    }
}

/// Days an extra service is charged for (at its one-week day price): the rest of the
/// rental, a started day counted in full, at least one.
pub fn extra_service_days(until: i64, now: i64) -> i64 {
    ((until - now + DAY - 1) / DAY).max(1)
}

/// Whole days a rental is overdue at `now`, counting a started day as a day.
pub fn overdue_days(until: i64, now: i64) -> i64 {
    if now <= until {
        0
    } else {
        (now - until + DAY - 1) / DAY
    }
}

/// The restore cost, spelled out: overdue days at the undiscounted day price, plus the
/// days paid ahead at the prepaid day price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoreCost {
    /// Overdue days (`outdays`).
    pub overdue_days: i64,
    /// Day price without discount.
    pub overdue_day_price: Money,
    /// Days paid ahead (`prolongTo`).
    pub prepaid_days: i64,
    /// Day price of the prepaid month.
    pub prepaid_day_price: Money,
}

impl RestoreCost {
    /// Cost of the overdue days.
    pub fn overdue(&self) -> Money {
        self.overdue_day_price
            .times(self.overdue_days)
            .unwrap_or(Money::ZERO)
    }

    /// Cost of the days paid ahead.
    pub fn prepaid(&self) -> Money {
        self.prepaid_day_price
            .times(self.prepaid_days)
            .unwrap_or(Money::ZERO)
    }

    /// The whole restore price.
    pub fn total(&self) -> Money {
        self.overdue() + self.prepaid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PeriodUnit;

    const NOW: i64 = 1_700_000_000;

    fn limits(days_left: i64, max_days: i64) -> ProlongLimits {
        let until = NOW + days_left * DAY;
        ProlongLimits {
            until,
            max_days,
            max_until: until + max_days * DAY,
        }
    }

    #[test]
    fn total_is_exact() {
        let week = Period::new(PeriodUnit::Week, 1).unwrap();
        let price: Money = "0.15".parse().unwrap();
        assert_eq!(total(price, week), Some("1.05".parse().unwrap()));
        let months = Period::new(PeriodUnit::Month, 3).unwrap();
        assert_eq!(
            total("2.4".parse().unwrap(), months),
            Some(Money::from_cents(21600))
        );
    }

    #[test]
    fn prolong_closed_at_eight_days_open_at_six() {
        assert_eq!(
            limits(8, 60).check(NOW),
            Err(ProlongBlock::TooEarly { days_left: 8 })
        );
        assert_eq!(
            limits(7, 60).check(NOW),
            Err(ProlongBlock::TooEarly { days_left: 7 })
        );
        assert_eq!(limits(6, 60).check(NOW), Ok(()));
    }

    #[test]
    fn prolong_closed_when_guarantee_is_used_up() {
        assert_eq!(limits(3, 5).check(NOW), Err(ProlongBlock::GuaranteeReached));
        assert_eq!(limits(-1, 60).check(NOW), Err(ProlongBlock::Expired));
    }

    #[test]
    fn a_period_past_the_guarantee_does_not_fit() {
        let l = limits(3, 30);
        assert!(l.fits(Period::new(PeriodUnit::Week, 4).unwrap()));
        assert!(l.fits(Period::new(PeriodUnit::Month, 1).unwrap()));
        assert!(!l.fits(Period::new(PeriodUnit::Week, 5).unwrap()));
        assert_eq!(l.new_until(Period::one_week()), l.until + 7 * DAY);
    }

    #[test]
    fn overdue_days_count_started_days() {
        assert_eq!(overdue_days(NOW, NOW - 1), 0);
        assert_eq!(overdue_days(NOW, NOW + 1), 1);
        assert_eq!(overdue_days(NOW, NOW + DAY), 1);
        assert_eq!(overdue_days(NOW, NOW + DAY + 1), 2);
    }

    #[test]
    fn extra_service_is_charged_for_the_days_left() {
        assert_eq!(extra_service_days(NOW + 6 * DAY + 1, NOW), 7);
        assert_eq!(extra_service_days(NOW + 6 * DAY, NOW), 6);
        assert_eq!(extra_service_days(NOW + 10, NOW), 1);
    }

    #[test]
    fn restore_cost_is_overdue_plus_thirty_days() {
        let cost = RestoreCost {
            overdue_days: 32,
            overdue_day_price: Money::from_cents(10),
            prepaid_days: RESTORE_PREPAID_DAYS,
            prepaid_day_price: Money::from_cents(8),
        };
        assert_eq!(cost.overdue(), Money::from_cents(320));
        assert_eq!(cost.prepaid(), Money::from_cents(240));
        assert_eq!(cost.total(), Money::from_cents(560));
    }

    #[test]
    fn prolonging_by_days_keeps_the_window_and_the_guarantee() {
        assert_eq!(limits(3, 5).check_days(NOW, 5), Ok(()));
        assert_eq!(limits(3, 5).check(NOW), Err(ProlongBlock::GuaranteeReached));
        assert_eq!(
            limits(3, 5).check_days(NOW, 6),
            Err(ProlongBlock::GuaranteeReached)
        );
        assert_eq!(
            limits(10, 60).check_days(NOW, 1),
            Err(ProlongBlock::TooEarly { days_left: 10 })
        );
        assert_eq!(
            limits(-1, 60).check_days(NOW, 1),
            Err(ProlongBlock::Expired)
        );
        assert_eq!(
            limits(3, 60).check_days(NOW, 0),
            Err(ProlongBlock::GuaranteeReached)
        );
    }
}
