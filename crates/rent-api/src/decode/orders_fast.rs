//! The `orders` answer read in one pass: `data` as a list of rentals, an object with
//! `orders`, or null. Anything else fails here and is read the tolerant way instead.

use crate::types::Rental;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// The envelope with only what `orders` needs.
#[derive(Deserialize)]
pub(super) struct Answer {
    #[serde(default)]
    pub status: Value,
    #[serde(default)]
    pub data: Rentals,
}

/// The rentals of `data`.
#[derive(Default)]
pub(super) struct Rentals(pub Vec<Rental>);

impl<'de> Deserialize<'de> for Rentals {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RentalsVisitor)
    }
}

struct RentalsVisitor;

impl<'de> Visitor<'de> for RentalsVisitor {
    type Value = Rentals;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rentals, an object with `orders`, or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Rentals, E> {
        Ok(Rentals::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Rentals, E> {
        Ok(Rentals::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rentals, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(rental) = seq.next_element::<Rental>()? {
            list.push(rental);
        }
        Ok(Rentals(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rentals, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "orders" && found.is_none() {
                found = Some(map.next_value::<Rentals>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| de::Error::custom("no orders"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_tolerant_way_reads() {
        let one = r#"{"id":"7","scode":"opt1","sname":"Google","state":"1","pnumber":9001234567,"ccode":"+7","cname":"RU","hasnewsms":"true","until":"4102444800","canprolong":0,"canprolongmax":"3","canprolonguntil":4102444800}"#;
        let bodies = [
            format!(r#"{{"status":1,"data":[{one},{one}]}}"#),
            format!(r#"{{"status":"1","msg":null,"data":{{"orders":[{one}],"total":1}}}}"#),
            r#"{"status":true,"data":null}"#.to_owned(),
            r#"{"status":1}"#.to_owned(),
        ];
        for body in &bodies {
            let tolerant = super::super::list::<Rental>(
                super::super::success(body).unwrap().data,
                "orders",
                "orders",
            )
            .unwrap();
            let fast: Answer = serde_json::from_str(body).unwrap();
            assert_eq!(fast.data.0, tolerant, "{body}");
            assert_eq!(super::super::orders(body).unwrap(), tolerant);
        }
    }

    #[test]
    fn leaves_the_rest_to_the_tolerant_way() {
        // A refusal, a wrong shape and a broken rental fail here and are explained there.
        for body in [
            r#"{"status":0,"msg":"API key not found"}"#,
            r#"{"status":1,"data":{"x":1}}"#,
            r#"{"status":1,"data":[{"id":"x"}]}"#,
        ] {
            let fast = serde_json::from_str::<Answer>(body);
            assert!(
                fast.is_err() || crate::flex::status_of(&fast.unwrap().status) != Some(true),
                "{body}"
            );
            assert!(super::super::orders(body).is_err(), "{body}");
        }
    }
}
