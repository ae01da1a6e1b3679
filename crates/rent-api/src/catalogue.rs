//! The answers of the current API's catalogue calls: default services, where a service
//! can be rented, operators and their stock, and the answer of adding a service.

use crate::flex;
use crate::types::{Discount, ServiceOffer};
use crate::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `getdata`'s current answer: the services and the count of numbers in all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceList {
    /// The services of the country for the period asked.
    pub services: Vec<ServiceOffer>,
    /// Numbers in the country (`totalAmount`), when sent.
    #[serde(
        rename = "totalAmount",
        deserialize_with = "flex::opt_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_amount: Option<i64>,
}

/// One service of `getdataWithProviders`: its stock per operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorOffer {
    /// Service name.
    #[serde(deserialize_with = "flex::text", default)]
    pub name: String,
    /// Service code.
    #[serde(deserialize_with = "flex::text")]
    pub service: String,
    /// Price per day for the period asked.
    pub price_day: Money,
    /// Numbers available per operator; empty where the country has no operators.
    #[serde(deserialize_with = "flex::counts", default)]
    pub count: BTreeMap<String, i64>,
    /// Numbers available in all (`totalCount`); the sum of `count` when not sent.
    #[serde(
        rename = "totalCount",
        deserialize_with = "flex::opt_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<i64>,
    /// Icon address.
    #[serde(deserialize_with = "flex::text", default)]
    pub img: String,
    /// Volume discount, information only.
    #[serde(flatten)]
    pub discount: Discount,
}

impl OperatorOffer {
    /// Numbers available from any operator.
    pub fn total(&self) -> i64 {
        self.total_count
            .unwrap_or_else(|| self.count.values().sum())
    }

    /// Numbers available from `operator` (0 when it has none).
    pub fn of_operator(&self, operator: &str) -> i64 {
        self.count.get(operator).copied().unwrap_or(0)
    }
}

/// `getdataWithProviders`: services with stock per operator, and the country's operators.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OperatorList {
    /// The services.
    pub services: Vec<OperatorOffer>,
    /// Numbers in the country (`totalAmount`), when sent.
    #[serde(
        rename = "totalAmount",
        deserialize_with = "flex::opt_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_amount: Option<i64>,
    /// Every operator of the country (`allOperators`); empty where it has none.
    #[serde(rename = "allOperators", default)]
    pub operators: Vec<String>,
}

/// `getCountWithProviders`: one service's stock.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OperatorCount {
    /// Numbers per operator (`Amount`).
    #[serde(rename = "Amount", deserialize_with = "flex::counts", default)]
    pub amount: BTreeMap<String, i64>,
    /// Numbers in all (`Total`).
    #[serde(rename = "Total", deserialize_with = "flex::int", default)]
    pub total: i64,
}

/// A service of `get_default_services`: the site's suggested services with a day price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultService {
    /// Service name.
    #[serde(deserialize_with = "flex::text", default)]
    pub name: String,
    /// Service code.
    #[serde(deserialize_with = "flex::text")]
    pub service: String,
    /// Lowest price per day (`priceForDay`).
    #[serde(rename = "priceForDay")]
    pub price_for_day: Money,
    /// Icon address.
    #[serde(deserialize_with = "flex::text", default)]
    pub img: String,
    /// Days from which `PROC` applies (`DAYP`, undocumented).
    #[serde(
        rename = "DAYP",
        deserialize_with = "flex::lenient_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dayp: Option<i64>,
    /// Percent off (`PROC`, undocumented).
    #[serde(
        rename = "PROC",
        deserialize_with = "flex::lenient_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub proc: Option<i64>,
}

/// A country where a service can be rented (`get_country_by_service`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryOffer {
    /// Country code (taken from the answer's key when the row lacks it).
    #[serde(deserialize_with = "flex::text", default)]
    pub country: String,
    /// Service name.
    #[serde(deserialize_with = "flex::text", default)]
    pub service_name: String,
    /// Price per day for the period asked.
    pub price: Money,
    /// Numbers available (`phoneAmount`).
    #[serde(rename = "phoneAmount", deserialize_with = "flex::int", default)]
    pub phone_amount: i64,
    /// Volume discount, information only.
    #[serde(flatten)]
    pub discount: Discount,
}

/// What `add_service_to_order` answers in the current API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedService {
    /// Order id.
    #[serde(deserialize_with = "flex::int")]
    pub id: i64,
    /// The number, as sent.
    #[serde(deserialize_with = "flex::text", default)]
    pub pnumber: String,
    /// The added service's code.
    #[serde(deserialize_with = "flex::text", default)]
    pub service: String,
    /// Until when the added service receives SMS (UNIX seconds), when sent.
    #[serde(
        deserialize_with = "flex::opt_int",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub until: Option<i64>,
}
