//! `orders` answers decoded against the one before: a rental whose text is the same as in
//! the last answer is taken from it, and only the changed ones are decoded. A refresh of
//! 20,000 rentals where ten changed decodes ten.

use super::{orders_tolerant, ApiError};
use crate::flex;
use crate::types::Rental;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// The last answer's rentals, each with its text.
#[derive(Debug, Default)]
pub struct OrdersCache {
    /// The texts of the rentals, one after another.
    text: String,
    /// Each rental with where its text is in `text`.
    rentals: Vec<(usize, usize, Rental)>,
    /// A short fingerprint of each text to its place in `rentals`.
    by_print: HashMap<u64, usize>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    status: Value,
    #[serde(borrow, default)]
    data: Items<'a>,
}

/// The texts of `data`'s rentals: a list, an object with `orders`, or null.
#[derive(Default)]
struct Items<'a>(Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for Items<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemsVisitor(std::marker::PhantomData))
    }
}

struct ItemsVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ItemsVisitor<'a> {
    type Value = Items<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rentals, an object with `orders`, or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Items<'a>, E> {
        Ok(Items::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Items<'a>, E> {
        Ok(Items::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<'a>, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            list.push(item);
        }
        Ok(Items(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Items<'a>, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<&'de str>()? {
            if key == "orders" && found.is_none() {
                found = Some(map.next_value::<Items<'a>>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| de::Error::custom("no orders"))
    }
}

impl OrdersCache {
    /// The rentals of `body`, as [`super::orders`] reads them; the cache then holds this answer.
    pub fn decode(&mut self, body: &str) -> Result<Vec<Rental>, ApiError> {
        let mut decoding = OrdersDecoding::new(std::mem::take(self), body.to_owned());
        while !decoding.step(usize::MAX) {}
        let (cache, result, _) = decoding.finish();
        *self = cache;
        result
    }
}

/// An `orders` answer decoded against the one before a slice of rentals at a time, so a
/// page can give the main thread back between slices: 20,000 rentals decoded at once hold
/// it for 137 ms on the first open (46–64 ms on a refresh) at full speed.
#[derive(Debug)]
pub struct OrdersDecoding {
    body: String,
    /// Where each rental's text is in `body`; `None`: not a list of rentals (read the
    /// tolerant way at the end).
    items: Option<Vec<(usize, usize)>>,
    /// How many of `items` are decoded.
    at: usize,
    before: OrdersCache,
    /// The last answer's rentals, each taken (moved, not copied) when it comes again.
    before_rentals: Vec<(usize, usize, Option<Rental>)>,
    next: OrdersCache,
    list: Vec<Rental>,
    /// A rental that did not read alone: the whole answer is read the tolerant way.
    broken: bool,
}

impl OrdersDecoding {
    /// Begins decoding `body` against `before` (the cache of the answer before, taken).
    pub fn new(mut before: OrdersCache, body: String) -> OrdersDecoding {
        let items = items_of(&body).map(|items| {
            let base = body.as_ptr() as usize;
            items
                .iter()
                .map(|item| {
                    let start = item.get().as_ptr() as usize - base;
                    (start, start + item.get().len())
                })
                .collect::<Vec<_>>()
        });
        let count = items.as_ref().map_or(0, Vec::len);
        let before_rentals = std::mem::take(&mut before.rentals)
            .into_iter()
            .map(|(start, end, rental)| (start, end, Some(rental)))
            .collect();
        let next = OrdersCache {
            text: String::with_capacity(before.text.len().max(body.len())),
            rentals: Vec::with_capacity(count),
            by_print: HashMap::with_capacity(count),
        };
        OrdersDecoding {
            body,
            items,
            at: 0,
            before,
            before_rentals,
            next,
            list: Vec::with_capacity(count),
            broken: false,
        }
    }

    /// Decodes up to `count` more rentals; `true` once all are.
    pub fn step(&mut self, count: usize) -> bool {
        let Some(items) = self.items.as_ref().filter(|_| !self.broken) else {
            return true;
        };
        let end = self.at.saturating_add(count).min(items.len());
        for &(start, stop) in &items[self.at..end] {
            let text = &self.body[start..stop];
            let print = print(text);
            let known = self
                .before
                .by_print
                .get(&print)
                .and_then(|i| self.before_rentals.get_mut(*i))
                .filter(|(start, end, _)| self.before.text.get(*start..*end) == Some(text))
                .and_then(|(_, _, rental)| rental.take());
            let rental = match known {
                Some(rental) => rental,
                None => match serde_json::from_str::<Rental>(text) {
                    Ok(rental) => rental,
                    Err(_) => {
                        self.broken = true;
                        return true;
                    }
                },
            };
            let from = self.next.text.len();
            self.next.text.push_str(text);
            self.next.by_print.insert(print, self.next.rentals.len());
            self.list.push(rental.clone());
            self.next.rentals.push((from, self.next.text.len(), rental));
        }
        self.at = end;
        end == items.len()
    }

    /// The cache for the next answer, the rentals (as [`super::orders`] reads them), and the
    /// answer's text back.
    pub fn finish(self) -> (OrdersCache, Result<Vec<Rental>, ApiError>, String) {
        if self.items.is_none() || self.broken {
            // Another shape, a refusal or a broken rental: the tolerant way, and afresh.
            let result = orders_tolerant(&self.body);
            return (OrdersCache::default(), result, self.body);
        }
        (self.next, Ok(self.list), self.body)
    }
}

/// The rentals' texts of a successful answer; `None` for anything else.
fn items_of(body: &str) -> Option<Vec<&RawValue>> {
    let envelope: Envelope = serde_json::from_str(body).ok()?;
    if flex::status_of(&envelope.status) != Some(true) {
        return None;
    }
    Some(envelope.data.0)
}

/// A fingerprint of a rental's text: its start (the id comes first) and its length.
fn print(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ text.len() as u64;
    for byte in text.bytes().take(48) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rental(id: i64, sms: bool) -> String {
        format!(
            r#"{{"id":{id},"scode":"opt1","sname":"Google","state":1,"pnumber":"900{id:07}","ccode":"+7","cname":"RU","hasnewsms":{sms},"until":4102444800,"canprolong":false,"canprolongmax":0,"canprolonguntil":4102444800}}"#
        )
    }

    fn answer(rentals: &[String]) -> String {
        format!(r#"{{"status":1,"data":[{}]}}"#, rentals.join(","))
    }

    #[test]
    fn reads_each_answer_as_orders_does_and_reuses_the_unchanged() {
        let mut cache = OrdersCache::default();
        let first: Vec<String> = (1..=50).map(|id| rental(id, false)).collect();
        assert_eq!(
            cache.decode(&answer(&first)).unwrap(),
            orders_tolerant(&answer(&first)).unwrap()
        );
        // Two changed, one gone, one new, the order turned round.
        let mut second = first.clone();
        second[3] = rental(4, true);
        second[40] = rental(41, true);
        second.remove(10);
        second.push(rental(99, false));
        second.reverse();
        let body = answer(&second);
        assert_eq!(
            cache.decode(&body).unwrap(),
            orders_tolerant(&body).unwrap()
        );
        assert_eq!(cache.rentals.len(), 50);
        // Numbers and flags as strings, the object with `orders`, null, a refusal, a broken
        // rental, an HTML page: as the tolerant way reads them.
        let strings = r#"{"id":"7","scode":"opt1","sname":"Google","state":"1","pnumber":9001234567,"ccode":"+7","cname":"RU","hasnewsms":"true","until":"4102444800","canprolong":0,"canprolongmax":"3","canprolonguntil":4102444800}"#;
        for body in [
            format!(r#"{{"status":"1","msg":null,"data":[{strings},{strings}]}}"#),
            r#"{"status":1}"#.to_owned(),
            r#"{"status":1,"data":{"x":1}}"#.to_owned(),
            format!(
                r#"{{"status":"1","data":{{"orders":[{}],"n":1}}}}"#,
                rental(5, true)
            ),
            r#"{"status":1,"data":null}"#.to_owned(),
            r#"{"status":0,"msg":"API key not found"}"#.to_owned(),
            r#"{"status":1,"data":[{"id":"x"}]}"#.to_owned(),
            "<html>502</html>".to_owned(),
        ] {
            assert_eq!(cache.decode(&body), orders_tolerant(&body), "{body}");
        }
    }

    #[test]
    fn decodes_in_slices_as_at_once() {
        let first: Vec<String> = (1..=50).map(|id| rental(id, false)).collect();
        let mut second = first.clone();
        second[7] = rental(8, true);
        second.push(rental(77, false));
        let mut at_once = OrdersCache::default();
        let mut cache = OrdersCache::default();
        for body in [
            answer(&first),
            answer(&second),
            r#"{"status":1,"data":[{"id":"x"}]}"#.to_owned(),
        ] {
            let expected = at_once.decode(&body);
            let mut decoding = OrdersDecoding::new(std::mem::take(&mut cache), body.clone());
            while !decoding.step(7) {}
            let (next, result, text) = decoding.finish();
            assert_eq!(result, expected);
            assert_eq!(text, body, "the answer's text comes back");
            cache = next;
        }
        // Eight slices of seven for the 51 rentals of the second answer.
        let mut decoding = OrdersDecoding::new(OrdersCache::default(), answer(&second));
        let steps = std::iter::from_fn(|| Some(decoding.step(7)))
            .take_while(|done| !done)
            .count();
        assert_eq!(steps + 1, 8);
    }
}
