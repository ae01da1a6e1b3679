//! Rental periods (`dtype` × `dcount`) and the number types of the rent page.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The unit of a rental period, the API's `dtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodUnit {
    /// One day: `prolong_max` and day prices (`getdata` with `dtype=day`).
    Day,
    /// Seven days.
    Week,
    /// Thirty days.
    Month,
}

impl PeriodUnit {
    /// Days in one unit: a week is 7, a month is 30.
    pub const fn days(self) -> u32 {
        match self {
            PeriodUnit::Day => 1,
            PeriodUnit::Week => 7,
            PeriodUnit::Month => 30,
        }
    }

    /// The API's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Day => "day",
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
        }
    }
}

impl FromStr for PeriodUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "day" => Ok(PeriodUnit::Day),
            "week" => Ok(PeriodUnit::Week),
            "month" => Ok(PeriodUnit::Month),
            other => Err(format!("dtype must be day, week or month, not {other:?}")),
        }
    }
}

/// A rental period: `count` days, weeks or months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// `dtype`.
    pub unit: PeriodUnit,
    /// `dcount`, at least 1.
    pub count: u32,
}

/// The most units one period may hold; far beyond the 90-day guarantee, it only keeps
/// arithmetic on hostile input bounded.
pub const MAX_PERIOD_COUNT: u32 = 1000;

impl Period {
    /// A period of `count` units, refused when `count` is 0 or absurdly large.
    pub fn new(unit: PeriodUnit, count: u32) -> Result<Period, String> {
        if count == 0 || count > MAX_PERIOD_COUNT {
            return Err(format!("dcount must be between 1 and {MAX_PERIOD_COUNT}"));
        }
        Ok(Period { unit, count })
    }

    /// `count` days, as `prolong_max` and `rent_days` take them.
    pub fn days_of(count: u32) -> Result<Period, String> {
        Period::new(PeriodUnit::Day, count)
    }

    /// One week, the shortest rental period.
    pub const fn one_week() -> Period {
        Period {
            unit: PeriodUnit::Week,
            count: 1,
        }
    }

    /// Days the period covers.
    pub const fn days(self) -> u32 {
        self.unit.days() * self.count
    }

    /// Seconds the period covers.
    pub const fn seconds(self) -> i64 {
        self.days() as i64 * crate::rules::DAY
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{}", self.count, self.unit.as_str())
    }
}

/// Which kind of number to rent: the rent page's three radio choices. An extension the
/// real API may ignore (`rent_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    /// Numbers that are always active and receive SMS at any time.
    #[default]
    Always,
    /// Numbers activated on request, from 10 minutes.
    OnRequest,
    /// Either kind, always-active first.
    Any,
}

impl NumberType {
    /// The `rent_type` parameter's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            NumberType::Always => "always",
            NumberType::OnRequest => "on_request",
            NumberType::Any => "any",
        }
    }
}

impl FromStr for NumberType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "always" => Ok(NumberType::Always),
            "on_request" => Ok(NumberType::OnRequest),
            "any" => Ok(NumberType::Any),
            other => Err(format!(
                "rent_type must be always, on_request or any, not {other:?}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_a_period() {
        assert_eq!(Period::new(PeriodUnit::Week, 1).unwrap().days(), 7);
        assert_eq!(Period::new(PeriodUnit::Week, 3).unwrap().days(), 21);
        assert_eq!(Period::new(PeriodUnit::Month, 1).unwrap().days(), 30);
        assert_eq!(Period::new(PeriodUnit::Month, 3).unwrap().days(), 90);
    }

    #[test]
    fn zero_or_huge_counts_are_refused() {
        assert!(Period::new(PeriodUnit::Week, 0).is_err());
        assert!(Period::new(PeriodUnit::Month, MAX_PERIOD_COUNT + 1).is_err());
    }

    #[test]
    fn spellings_round_trip() {
        for t in [NumberType::Always, NumberType::OnRequest, NumberType::Any] {
            assert_eq!(t.as_str().parse::<NumberType>().unwrap(), t);
        }
        for u in [PeriodUnit::Day, PeriodUnit::Week, PeriodUnit::Month] {
            assert_eq!(u.as_str().parse::<PeriodUnit>().unwrap(), u);
        }
        assert!("days".parse::<PeriodUnit>().is_err());
        assert_eq!(Period::days_of(5).unwrap().days(), 5);
    }
}
