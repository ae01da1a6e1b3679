//! The data rent.php answers with. Serialization writes the documented shape; decoding
//! accepts the live API's variants (string numbers, missing optional fields, extra fields).

use crate::flex;
use crate::Money;
use serde::{Deserialize, Serialize};

/// A country numbers can be rented in (`getcountries`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// The API's name, often in Russian (`Россия`); show a localized name by code.
    #[serde(deserialize_with = "flex::text", default)]
    pub name: String,
    /// Country code: ISO-like, but `UK` for the United Kingdom.
    #[serde(deserialize_with = "flex::text")]
    pub code: String,
    /// The country's slug on the vendor's site (`united-states`); may be missing.
    #[serde(deserialize_with = "flex::text", default)]
    pub url_country_name: String,
    /// Undocumented switch of the rent page; kept as sent.
    #[serde(deserialize_with = "flex::text", default)]
    pub rent_switch_type: String,
    /// Whether rentals in this country can be prolonged (`"1"`/`"0"`); `None` when not sent.
    #[serde(
        deserialize_with = "flex::opt_flag",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rent_avail_prolong: Option<bool>,
}

/// A service offered in a country for a period (`getdata`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceOffer {
    /// Service name (`Airbnb`).
    #[serde(deserialize_with = "flex::text", default)]
    pub name: String,
    /// Service code (`opt46`).
    #[serde(deserialize_with = "flex::text")]
    pub service: String,
    /// Price per day for the period asked (discounted for longer periods).
    pub price_day: Money,
    /// Numbers available.
    #[serde(deserialize_with = "flex::int", default)]
    pub count: i64,
    /// Icon address (`extend`); may be relative or empty.
    #[serde(deserialize_with = "flex::text", default)]
    pub img: String,
    /// Volume discount, shown as information only: [`Discount`].
    #[serde(flatten)]
    pub discount: Discount,
}

/// The undocumented volume-discount fields (`procent` off from `procent_days` days, in
/// steps of `day_step`). Information only: a charge is always the API's price for the
/// period, never computed from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Discount {
    /// Days from which the discount applies.
    #[serde(
        deserialize_with = "flex::lenient_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub procent_days: Option<i64>,
    /// Percent off.
    #[serde(
        deserialize_with = "flex::lenient_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub procent: Option<i64>,
    /// Day step of the period choice.
    #[serde(
        deserialize_with = "flex::lenient_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub day_step: Option<i64>,
}

impl Discount {
    /// `(percent, from_days)` when the API names a real discount (both positive).
    pub fn offer(&self) -> Option<(i64, i64)> {
        match (self.procent, self.procent_days) {
            (Some(p), Some(d)) if p > 0 && d > 0 => Some((p, d)),
            _ => None,
        }
    }
}

/// A new rental (`create`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedRental {
    /// Order id.
    #[serde(deserialize_with = "flex::int")]
    pub id: i64,
    /// Phone number without the country code.
    #[serde(deserialize_with = "flex::text")]
    pub pnumber: String,
    /// Dialling code with `+` (`+7`).
    #[serde(deserialize_with = "flex::text", default)]
    pub ccode: String,
    /// Service code.
    #[serde(deserialize_with = "flex::text", default)]
    pub service: String,
    /// Expiry (UNIX seconds).
    #[serde(deserialize_with = "flex::int")]
    pub until: i64,
}

/// The state of a rented number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RentalState {
    /// 0: must be activated before it can receive SMS.
    NotActive,
    /// 1: active, can receive SMS.
    Active,
    /// 2: waiting in the activation queue.
    Activating,
    /// -1: the number is not in the system.
    NotInSystem,
    /// Any other code the API may invent.
    Other(i64),
}

impl RentalState {
    /// The API's code.
    pub const fn code(self) -> i64 {
        match self {
            RentalState::NotActive => 0,
            RentalState::Active => 1,
            RentalState::Activating => 2,
            RentalState::NotInSystem => -1,
            RentalState::Other(c) => c,
        }
    }

    /// The state for an API code.
    pub const fn from_code(code: i64) -> Self {
        match code {
            0 => RentalState::NotActive,
            1 => RentalState::Active,
            2 => RentalState::Activating,
            -1 => RentalState::NotInSystem,
            c => RentalState::Other(c),
        }
    }
}

impl Serialize for RentalState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

impl<'de> Deserialize<'de> for RentalState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        flex::int(d).map(RentalState::from_code)
    }
}

/// One current rental (`orders`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rental {
    /// Order id.
    #[serde(deserialize_with = "flex::int")]
    pub id: i64,
    /// Service code(s); several are comma-separated after `add_service_to_order`.
    #[serde(deserialize_with = "flex::text", default)]
    pub scode: String,
    /// Service name(s).
    #[serde(deserialize_with = "flex::text", default)]
    pub sname: String,
    /// Number state.
    pub state: RentalState,
    /// Phone number without the country code.
    #[serde(deserialize_with = "flex::text")]
    pub pnumber: String,
    /// Dialling code with `+`.
    #[serde(deserialize_with = "flex::text", default)]
    pub ccode: String,
    /// Country code.
    #[serde(deserialize_with = "flex::text", default)]
    pub cname: String,
    /// A new SMS arrived since the last `sms` call.
    #[serde(deserialize_with = "flex::flag", default)]
    pub hasnewsms: bool,
    /// Expiry (UNIX seconds).
    #[serde(deserialize_with = "flex::int")]
    pub until: i64,
    /// Whether prolongation is open now.
    #[serde(deserialize_with = "flex::flag", default)]
    pub canprolong: bool,
    /// Most days that may still be added.
    #[serde(deserialize_with = "flex::int", default)]
    pub canprolongmax: i64,
    /// Latest expiry the guarantee allows (UNIX seconds).
    #[serde(deserialize_with = "flex::int", default)]
    pub canprolonguntil: i64,
    /// Last time the number was online (UNIX seconds), if known.
    #[serde(
        deserialize_with = "flex::opt_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub lastonline: Option<i64>,
    /// Extension: the number's kind (`always` or `on_request`), so prices for
    /// prolongation and extra services can be asked for the right kind. The live API
    /// does not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent_type: Option<String>,
    /// Extension: the number's operator (`T-Mobile`), where the country has operators.
    /// The live API does not send it.
    #[serde(
        deserialize_with = "flex::opt_text",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provider: Option<String>,
}

impl Rental {
    /// The number's kind, when the API says.
    pub fn number_type(&self) -> Option<crate::NumberType> {
        self.rent_type.as_deref().and_then(|t| t.parse().ok())
    }

    /// The rental's prolongation limits, for the rules.
    pub fn prolong_limits(&self) -> crate::rules::ProlongLimits {
        crate::rules::ProlongLimits {
            until: self.until,
            max_days: self.canprolongmax,
            max_until: self.canprolonguntil,
        }
    }

    /// The rental's service codes (`scode` is comma-separated after `create_multi` or
    /// `add_service_to_order`).
    pub fn service_codes(&self) -> Vec<&str> {
        split_list(&self.scode)
    }

    /// The rental's service names, in the order of [`Rental::service_codes`]. Commas
    /// inside parentheses belong to a name (`Google (GMail, YTube, etc.)`).
    pub fn service_names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        let (mut depth, mut start) = (0i32, 0);
        for (i, ch) in self.sname.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth <= 0 => {
                    names.push(&self.sname[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        names.push(&self.sname[start..]);
        names
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The number with its dialling code and no `+`: what `add_service_to_order` wants.
    pub fn full_number(&self) -> String {
        format!("{}{}", self.ccode.trim_start_matches('+'), self.pnumber)
    }
}

/// One SMS received by a rental (`sms`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sms {
    /// Message text: data, never markup.
    #[serde(deserialize_with = "flex::text", default)]
    pub text: String,
    /// Sender.
    #[serde(deserialize_with = "flex::text", default)]
    pub sender: String,
    /// Time received (UNIX seconds).
    #[serde(deserialize_with = "flex::int", default)]
    pub date: i64,
}

/// The `{ "id": … }` that several methods answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRef {
    /// Order id.
    #[serde(deserialize_with = "flex::int")]
    pub id: i64,
}

/// One past rental (`get_rent_history`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchivedRental {
    /// Order id.
    #[serde(deserialize_with = "flex::int")]
    pub order_id: i64,
    /// Service code.
    #[serde(deserialize_with = "flex::text", default)]
    pub resource_code: String,
    /// Number with its dialling code, no `+`.
    #[serde(deserialize_with = "flex::text", default)]
    pub number: String,
    /// Branch (internal to the API).
    #[serde(deserialize_with = "flex::opt_int", default)]
    pub branch_id: Option<i64>,
    /// Whether any SMS was received.
    #[serde(deserialize_with = "flex::flag", default)]
    pub have_sms: bool,
    /// Days rented.
    #[serde(deserialize_with = "flex::int", default)]
    pub days: i64,
    /// Country code (`EN` is seen for the United Kingdom).
    #[serde(deserialize_with = "flex::text", default)]
    pub country: String,
    /// Start (UNIX seconds).
    #[serde(deserialize_with = "flex::int", default)]
    pub begin: i64,
    /// Paid-until time (UNIX seconds).
    #[serde(deserialize_with = "flex::int", default)]
    pub end: i64,
    /// When it was closed (UNIX seconds).
    #[serde(deserialize_with = "flex::int", default)]
    pub closed: i64,
    /// Whether the API thinks it can be restored (only sometimes sent).
    #[serde(
        deserialize_with = "flex::opt_flag",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_avail_for_restore: Option<bool>,
}

/// What restoring would cost (`restore_user_precalc`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreQuote {
    /// Country code.
    #[serde(deserialize_with = "flex::text", default)]
    pub ccode: String,
    /// Service code.
    #[serde(deserialize_with = "flex::text", default)]
    pub scode: String,
    /// The whole restore price.
    pub price: Money,
    /// Service name.
    #[serde(deserialize_with = "flex::text", default)]
    pub sname: String,
    /// Number with its dialling code.
    #[serde(deserialize_with = "flex::text", default)]
    pub pnumber: String,
    /// Overdue days, charged without discount.
    #[serde(deserialize_with = "flex::int", default)]
    pub outdays: i64,
    /// Order id.
    #[serde(deserialize_with = "flex::int")]
    pub orderid: i64,
    /// Days paid ahead.
    #[serde(rename = "prolongTo", deserialize_with = "flex::int", default)]
    pub prolong_to: i64,
}

/// The non-empty, trimmed items of a comma-separated list.
pub(crate) fn split_list(list: &str) -> Vec<&str> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}
