//! Country names by code, in the interface's language; the API's own names are often
//! Russian. `UK` (and `EN`, seen in archive rows) is the United Kingdom.

use super::Lang;

/// (code, German, English, Russian) for the countries the rent API is known to offer.
const NAMES: &[(&str, &str, &str, &str)] = &[
    ("RU", "Russland", "Russia", "Россия"),
    (
        "UK",
        "Vereinigtes Königreich",
        "United Kingdom",
        "Великобритания",
    ),
    ("US", "Vereinigte Staaten", "United States", "США"),
    ("DE", "Deutschland", "Germany", "Германия"),
    ("FR", "Frankreich", "France", "Франция"),
    ("NL", "Niederlande", "Netherlands", "Нидерланды"),
    ("PL", "Polen", "Poland", "Польша"),
    ("ES", "Spanien", "Spain", "Испания"),
    ("SE", "Schweden", "Sweden", "Швеция"),
    ("EE", "Estland", "Estonia", "Эстония"),
    ("LV", "Lettland", "Latvia", "Латвия"),
    ("LT", "Litauen", "Lithuania", "Литва"),
    ("FI", "Finnland", "Finland", "Финляндия"),
    ("IT", "Italien", "Italy", "Италия"),
    ("PT", "Portugal", "Portugal", "Португалия"),
    ("AT", "Österreich", "Austria", "Австрия"),
    ("CH", "Schweiz", "Switzerland", "Швейцария"),
    ("BE", "Belgien", "Belgium", "Бельгия"),
    ("CZ", "Tschechien", "Czechia", "Чехия"),
    ("RO", "Rumänien", "Romania", "Румыния"),
    ("UA", "Ukraine", "Ukraine", "Украина"),
    ("KZ", "Kasachstan", "Kazakhstan", "Казахстан"),
    ("IE", "Irland", "Ireland", "Ирландия"),
    ("DK", "Dänemark", "Denmark", "Дания"),
    ("NO", "Norwegen", "Norway", "Норвегия"),
    ("CA", "Kanada", "Canada", "Канада"),
    ("IL", "Israel", "Israel", "Израиль"),
    ("HK", "Hongkong", "Hong Kong", "Гонконг"),
    ("ID", "Indonesien", "Indonesia", "Индонезия"),
    ("MX", "Mexiko", "Mexico", "Мексика"),
    ("PR", "Puerto Rico", "Puerto Rico", "Пуэрто-Рико"),
    ("AL", "Albanien", "Albania", "Албания"),
    ("AR", "Argentinien", "Argentina", "Аргентина"),
    ("AU", "Australien", "Australia", "Австралия"),
    ("BD", "Bangladesch", "Bangladesh", "Бангладеш"),
    ("BG", "Bulgarien", "Bulgaria", "Болгария"),
    ("KH", "Kambodscha", "Cambodia", "Камбоджа"),
    ("HR", "Kroatien", "Croatia", "Хорватия"),
    ("CY", "Zypern", "Cyprus", "Кипр"),
    ("EG", "Ägypten", "Egypt", "Египет"),
    ("GI", "Gibraltar", "Gibraltar", "Гибралтар"),
    ("GR", "Griechenland", "Greece", "Греция"),
    ("HU", "Ungarn", "Hungary", "Венгрия"),
    ("JP", "Japan", "Japan", "Япония"),
    ("MT", "Malta", "Malta", "Мальта"),
    ("TZ", "Tansania", "Tanzania", "Танзания"),
    (
        "MK",
        "Nordmazedonien",
        "North Macedonia",
        "Северная Македония",
    ),
    ("MY", "Malaysia", "Malaysia", "Малайзия"),
    ("MD", "Moldau", "Moldova", "Молдова"),
    ("NZ", "Neuseeland", "New Zealand", "Новая Зеландия"),
    ("PY", "Paraguay", "Paraguay", "Парагвай"),
    ("PH", "Philippinen", "Philippines", "Филиппины"),
    ("RS", "Serbien", "Serbia", "Сербия"),
    ("SK", "Slowakei", "Slovakia", "Словакия"),
    ("SI", "Slowenien", "Slovenia", "Словения"),
    ("TH", "Thailand", "Thailand", "Таиланд"),
    ("TR", "Türkei", "Turkey", "Турция"),
];

/// The ISO code for an API code: `UK` and `EN` are `GB`.
fn iso(code: &str) -> String {
    match code.to_ascii_uppercase().as_str() {
        "UK" | "EN" => "GB".to_owned(),
        other => other.to_owned(),
    }
}

/// The country's name in `lang`, falling back to the API's `fallback` name, then the code.
pub fn country_name(code: &str, fallback: &str, lang: Lang) -> String {
    let wanted = match code.to_ascii_uppercase().as_str() {
        "EN" => "UK".to_owned(),
        other => other.to_owned(),
    };
    NAMES
        .iter()
        .find(|(c, ..)| *c == wanted)
        .map(|(_, de, en, ru)| match lang {
            Lang::De => (*de).to_owned(),
            Lang::En => (*en).to_owned(),
            Lang::Ru => (*ru).to_owned(),
        })
        .or_else(|| (!fallback.trim().is_empty()).then(|| fallback.to_owned()))
        .unwrap_or_else(|| code.to_owned())
}

/// The country's flag as regional-indicator letters (🇬🇧 for `UK`); empty for odd codes.
pub fn flag(code: &str) -> String {
    let iso = iso(code);
    if iso.len() != 2 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
        return String::new();
    }
    iso.bytes()
        .filter_map(|b| char::from_u32(0x1F1E6 + u32::from(b - b'A')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_code_with_fallback() {
        assert_eq!(country_name("RU", "Россия", Lang::De), "Russland");
        assert_eq!(
            country_name("UK", "Великобритания", Lang::En),
            "United Kingdom"
        );
        assert_eq!(country_name("EN", "", Lang::En), "United Kingdom");
        assert_eq!(country_name("UK", "UK", Lang::Ru), "Великобритания");
        assert_eq!(country_name("ZZ", "Неизвестно", Lang::En), "Неизвестно");
        assert_eq!(country_name("ZZ", "", Lang::En), "ZZ");
    }

    #[test]
    fn flags_treat_uk_as_gb() {
        assert_eq!(flag("UK"), "🇬🇧");
        assert_eq!(flag("de"), "🇩🇪");
        assert_eq!(flag("X1"), "");
    }
}
