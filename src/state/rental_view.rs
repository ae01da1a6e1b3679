//! How My rentals filters and orders the rentals: over all of them, whatever is drawn.

use crate::text::fold;
use rent_api::desk::{number_key, Notes};
use rent_api::Rental;
use std::collections::HashSet;

/// The table's filter and order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RentalView {
    /// Searched in service, service code, number, label and note.
    pub text: String,
    /// A state code, `sms` (new SMS) or `kept`; empty: any.
    pub status: String,
    /// A country's API name; empty: any.
    pub country: String,
    /// The order's name; empty: new SMS first, then by expiry.
    pub sort: String,
    /// Only rentals that expire before this (UNIX seconds).
    pub expiring_before: Option<i64>,
    /// Only these numbers (their `number_key`s): a batch's.
    pub numbers: Option<Vec<String>>,
}

/// A search prepared once for all rentals.
struct Needle {
    text: String,
    digits: String,
}

impl RentalView {
    fn keeps(&self, needle: &Needle, r: &Rental, notes: &Notes) -> bool {
        // Looked up only when needed: thousands of rentals are filtered at every refresh.
        let note = || {
            (!notes.is_empty())
                .then(|| notes.get(&number_key(&r.full_number())))
                .flatten()
        };
        let text = &needle.text;
        let text_ok = text.is_empty()
            || fold(&r.sname).contains(text)
            || fold(&r.scode).contains(text)
            || (!needle.digits.is_empty() && r.full_number().contains(&needle.digits))
            || note()
                .is_some_and(|n| fold(&n.label).contains(text) || fold(&n.note).contains(text));
        let status_ok = match self.status.as_str() {
            "" => true,
            "sms" => r.hasnewsms,
            "kept" => note().is_some_and(|n| n.keep),
            code => code.parse::<i64>().is_ok_and(|c| r.state.code() == c),
        };
        let country_ok = self.country.is_empty() || r.cname == self.country;
        let expiring_ok = self.expiring_before.is_none_or(|t| r.until < t);
        let numbers_ok = self
            .numbers
            .as_ref()
            .is_none_or(|keys| keys.contains(&number_key(&r.full_number())));
        text_ok && status_ok && country_ok && expiring_ok && numbers_ok
    }

    /// The ids shown, in order; by default rentals with new SMS (`unread`) come first.
    pub fn arrange(&self, all: &[Rental], unread: &HashSet<i64>, notes: &Notes) -> Vec<i64> {
        let text = fold(self.text.trim());
        let digits = text.chars().filter(char::is_ascii_digit).collect();
        let needle = Needle { text, digits };
        let mut rows: Vec<&Rental> = all
            .iter()
            .filter(|r| self.keeps(&needle, r, notes))
            .collect();
        // One key shape for every order: each sort instantiation costs kilobytes of wasm.
        rent_api::order::sort_by_key(&mut rows, |r| match self.sort.as_str() {
            "newest" => (String::new(), -r.id, 0),
            "status" => (String::new(), r.state.code(), r.until),
            "service" => (fold(&r.sname), r.until, 0),
            "country" => (r.cname.clone(), r.until, 0),
            "number" => (format!("{}{}", r.ccode, r.pnumber), 0, 0),
            // Labelled numbers first, by label; the rest by expiry.
            "label" => match notes.get(&number_key(&r.full_number())) {
                Some(n) if !n.label.is_empty() => (format!("0{}", fold(&n.label)), 0, 0),
                _ => ("1".to_owned(), r.until, 0),
            },
            _ => {
                let new = r.hasnewsms || unread.contains(&r.id);
                (String::from(if new { "0" } else { "1" }), r.until, r.id)
            }
        });
        rows.into_iter().map(|r| r.id).collect()
    }
}
