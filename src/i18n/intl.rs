//! Counts, dates and amounts in the interface's language, formatted by the browser's `Intl`
//! (Russian needs three plural forms; hand-written rules get the edge cases wrong).

use super::Lang;
use rent_api::Money;

/// A plural category of CLDR, as `Intl.PluralRules` selects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    /// `1 неделя`, `21 неделя`, `1 week`.
    One,
    /// `2 недели`, `24 недели`.
    Few,
    /// `5 недель`, `11 недель`.
    Many,
    /// Everything else (`2 weeks`; fractions).
    Other,
}

/// What is being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// A week of a rental period.
    Week,
    /// A month of a rental period.
    Month,
    /// A day.
    Day,
    /// A rental (a rented number).
    Rental,
    /// An SMS.
    Sms,
    /// A rented phone number.
    Number,
}

impl Noun {
    /// The forms for one, few and many/other.
    fn forms(self, lang: Lang) -> [&'static str; 3] {
        match (lang, self) {
            (Lang::De, Noun::Week) => ["Woche", "Wochen", "Wochen"],
            (Lang::De, Noun::Month) => ["Monat", "Monate", "Monate"],
            (Lang::De, Noun::Day) => ["Tag", "Tage", "Tage"],
            (Lang::De, Noun::Rental) => ["Miete", "Mieten", "Mieten"],
            (Lang::De, Noun::Sms) => ["SMS", "SMS", "SMS"],
            (Lang::De, Noun::Number) => ["Nummer", "Nummern", "Nummern"],
            (Lang::En, Noun::Week) => ["week", "weeks", "weeks"],
            (Lang::En, Noun::Month) => ["month", "months", "months"],
            (Lang::En, Noun::Day) => ["day", "days", "days"],
            (Lang::En, Noun::Rental) => ["rental", "rentals", "rentals"],
            (Lang::En, Noun::Sms) => ["SMS", "SMS", "SMS"],
            (Lang::En, Noun::Number) => ["number", "numbers", "numbers"],
            (Lang::Ru, Noun::Week) => ["неделя", "недели", "недель"],
            (Lang::Ru, Noun::Month) => ["месяц", "месяца", "месяцев"],
            (Lang::Ru, Noun::Day) => ["день", "дня", "дней"],
            (Lang::Ru, Noun::Rental) => ["аренда", "аренды", "аренд"],
            (Lang::Ru, Noun::Sms) => ["SMS", "SMS", "SMS"],
            (Lang::Ru, Noun::Number) => ["номер", "номера", "номеров"],
        }
    }

    /// The word for `n` of these: `недели` for 2.
    pub fn word(self, n: i64, lang: Lang) -> &'static str {
        let [one, few, many] = self.forms(lang);
        match plural(n, lang) {
            Plural::One => one,
            Plural::Few => few,
            // Russian "other" is for fractions: `1,5 дня` takes the few form.
            Plural::Other if lang == Lang::Ru => few,
            Plural::Many | Plural::Other => many,
        }
    }
}

/// `n` and its noun: `5 недель`, `1 day`.
pub fn count(n: i64, noun: Noun, lang: Lang) -> String {
    format!("{n} {}", noun.word(n, lang))
}

/// The plural category of `n` in `lang`, from the browser's `Intl.PluralRules`.
#[cfg(target_arch = "wasm32")]
pub fn plural(n: i64, lang: Lang) -> Plural {
    use js_sys::{Array, Intl, Object};
    thread_local! {
        // Made on first use, for the language in use only: each costs milliseconds.
        static RULES: [std::cell::OnceCell<Intl::PluralRules>; 3] = Default::default();
    }
    let category: String = RULES.with(|rules| {
        rules[lang.index()]
            .get_or_init(|| {
                Intl::PluralRules::new(&Array::of1(&lang.code().into()), &Object::new())
            })
            .select(n as f64)
            .into()
    });
    match category.as_str() {
        "one" => Plural::One,
        "few" => Plural::Few,
        "many" => Plural::Many,
        _ => Plural::Other,
    }
}

/// Outside a browser (native unit tests) there is no `Intl`: German and English rules only;
/// Russian plurals are tested in Chromium (`tests/components.rs`, the browser tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn plural(n: i64, _lang: Lang) -> Plural {
    if n == 1 {
        Plural::One
    } else {
        Plural::Other
    }
}

/// An amount in US dollars in the language's number style: `12.50 USD`, `12,50 USD`;
/// two to three decimals, as exact as the API's mills.
#[cfg(target_arch = "wasm32")]
pub fn usd(amount: Money, lang: Lang) -> String {
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    thread_local! {
        // Made on first use, for the language in use only: each costs milliseconds.
        static FORMATS: [std::cell::OnceCell<Intl::NumberFormat>; 3] = Default::default();
    }
    let make = || {
        let options = Object::new();
        let _ = Reflect::set(&options, &"minimumFractionDigits".into(), &2.into());
        let _ = Reflect::set(&options, &"maximumFractionDigits".into(), &3.into());
        let _ = Reflect::set(&options, &"useGrouping".into(), &JsValue::FALSE);
        Intl::NumberFormat::new(&Array::of1(&lang.locale().into()), &options)
    };
    let value = JsValue::from_f64(amount.mills() as f64 / 1000.0);
    let number = FORMATS.with(|formats| {
        formats[lang.index()]
            .get_or_init(make)
            .format()
            .call1(&JsValue::NULL, &value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| amount.to_string())
    });
    format!("{number} USD")
}

/// Native builds (unit tests): the plain decimal point.
#[cfg(not(target_arch = "wasm32"))]
pub fn usd(amount: Money, _lang: Lang) -> String {
    format!("{amount} USD")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_and_english_counts() {
        assert_eq!(count(1, Noun::Week, Lang::De), "1 Woche");
        assert_eq!(count(3, Noun::Day, Lang::En), "3 days");
    }
}
