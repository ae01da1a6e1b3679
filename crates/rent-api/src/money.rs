//! Money in exact thousandths of a US dollar.
//!
//! The API quotes prices with up to three decimals (`0.05`, `2.4`, `0.125`), sometimes as
//! strings. Binary floats would make `0.1 * 3` a cent off, so every amount is an integer
//! count of mills (1/1000 USD) from the moment it is decoded.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

/// An amount in USD, held as an exact integer number of mills (1/1000 dollar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Mills in one dollar.
const MILLS: i64 = 1000;

impl Money {
    /// No money.
    pub const ZERO: Money = Money(0);

    /// An amount from a count of mills (1/1000 USD).
    pub const fn from_mills(mills: i64) -> Self {
        Money(mills)
    }

    /// An amount from a count of cents.
    pub const fn from_cents(cents: i64) -> Self {
        Money(cents * 10)
    }

    /// The exact count of mills.
    pub const fn mills(self) -> i64 {
        self.0
    }

    /// This amount times a whole count (days, numbers), or `None` on overflow.
    pub fn times(self, count: i64) -> Option<Money> {
        self.0.checked_mul(count).map(Money)
    }

    /// This amount scaled by `percent` / 100, rounded half up to the mill.
    pub fn percent(self, percent: i64) -> Money {
        Money((self.0 * percent + 50).div_euclid(100))
    }

    /// Whether the amount is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Shown as dollars: two decimals, or three when a fraction of a cent is present,
    /// so what is shown is always exactly what is charged.
    pub fn to_plain_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = abs / MILLS as u64;
        let mills = abs % MILLS as u64;
        if mills.is_multiple_of(10) {
            format!("{sign}{dollars}.{:02}", mills / 10)
        } else {
            format!("{sign}{dollars}.{mills:03}")
        }
    }

    /// The JSON number the API would send: an integer when whole, else a decimal.
    fn to_json_number(self) -> serde_json::Number {
        if self.0 % MILLS == 0 {
            serde_json::Number::from(self.0 / MILLS)
        } else {
            // Shortest round-trip formatting of a value with at most three decimals prints
            // exactly those decimals, so this float never leaks an error into the JSON.
            serde_json::Number::from_f64(self.0 as f64 / MILLS as f64)
                .unwrap_or_else(|| serde_json::Number::from(0))
        }
    }

    /// Reads a JSON float the way the API meant it: rounded to the nearest mill.
    fn from_f64(value: f64) -> Option<Money> {
        let mills = (value * MILLS as f64).round();
        (mills.is_finite() && mills.abs() < 9.0e15).then_some(Money(mills as i64))
    }
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyParseError(pub String);

impl fmt::Display for MoneyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an amount: {:?}", self.0)
    }
}

impl std::error::Error for MoneyParseError {}

impl FromStr for Money {
    type Err = MoneyParseError;

    /// Parses `12`, `12.5`, `0.125`, `-3.40` exactly; more than three decimals are refused
    /// rather than rounded, because a price the app cannot charge exactly is not a price.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || MoneyParseError(text.to_owned());
        let t = text.trim();
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (!frac.is_empty() && !digits(frac)) || frac.len() > 3 {
            return Err(err());
        }
        if t.ends_with('.') {
            return Err(err());
        }
        let whole: i64 = whole.parse().map_err(|_| err())?;
        let frac_mills: i64 = format!("{frac:0<3}").parse().map_err(|_| err())?;
        let mills = whole
            .checked_mul(MILLS)
            .and_then(|m| m.checked_add(frac_mills))
            .ok_or_else(err)?;
        Ok(Money(if negative { -mills } else { mills }))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain_string())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json_number().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    /// Accepts a JSON number or a numeric string, as the live API sends both.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    i.checked_mul(MILLS)
                        .map(Money)
                        .ok_or_else(|| de::Error::custom("amount out of range"))
                } else {
                    n.as_f64()
                        .and_then(Money::from_f64)
                        .ok_or_else(|| de::Error::custom("amount out of range"))
                }
            }
            serde_json::Value::String(s) => s.parse().map_err(de::Error::custom),
            other => Err(de::Error::custom(format!(
                "expected an amount, got {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!("0.05".parse::<Money>().unwrap().mills(), 50);
        assert_eq!("2.4".parse::<Money>().unwrap().mills(), 2400);
        assert_eq!("0.125".parse::<Money>().unwrap().mills(), 125);
        assert_eq!("-3.40".parse::<Money>().unwrap().mills(), -3400);
        assert_eq!("12".parse::<Money>().unwrap().mills(), 12000);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "",
            "abc",
            "1.2345",
            "1.",
            ".5",
            "1e3",
            "--1",
            "NaN",
            "99999999999999999",
        ] {
            assert!(bad.parse::<Money>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn ten_cents_three_times_is_thirty_cents() {
        let dime: Money = "0.1".parse().unwrap();
        assert_eq!(dime + dime + dime, Money::from_cents(30));
        assert_eq!(dime.times(3), Some(Money::from_cents(30)));
    }

    #[test]
    fn shows_cents_or_mills() {
        assert_eq!(Money::from_mills(2400).to_string(), "2.40");
        assert_eq!(Money::from_mills(125).to_string(), "0.125");
        assert_eq!(Money::from_mills(-50).to_string(), "-0.05");
    }

    #[test]
    fn json_number_or_string_both_decode() {
        let from_number: Money = serde_json::from_str("0.05").unwrap();
        let from_string: Money = serde_json::from_str("\"0.05\"").unwrap();
        let from_int: Money = serde_json::from_str("6").unwrap();
        assert_eq!(from_number, Money::from_mills(50));
        assert_eq!(from_string, from_number);
        assert_eq!(from_int, Money::from_cents(600));
    }

    #[test]
    fn serializes_as_the_api_does() {
        assert_eq!(serde_json::to_string(&Money::from_cents(600)).unwrap(), "6");
        assert_eq!(
            serde_json::to_string(&Money::from_mills(2400)).unwrap(),
            "2.4"
        );
        assert_eq!(
            serde_json::to_string(&Money::from_mills(125)).unwrap(),
            "0.125"
        );
    }

    #[test]
    fn percent_rounds_half_up_to_the_mill() {
        assert_eq!(Money::from_mills(105).percent(90), Money::from_mills(95));
        assert_eq!(Money::from_cents(600).percent(85), Money::from_cents(510));
    }

    proptest::proptest! {
        #[test]
        fn display_parses_back(mills in -10_000_000_000i64..10_000_000_000) {
            let m = Money::from_mills(mills);
            proptest::prop_assert_eq!(m.to_string().parse::<Money>().unwrap(), m);
            let json = serde_json::to_string(&m).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        }
    }
}
