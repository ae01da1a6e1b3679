//! Country names by code, in the interface's language; the API's own names are often
//! Russian. `UK` (and `EN`, seen in archive rows) is the United Kingdom.

use super::Lang;

/// (code, German, English) for the countries the rent API is known to offer.
const NAMES: &[(&str, &str, &str)] = &[
    ("RU", "Russland", "Russia"),
    ("UK", "Vereinigtes Königreich", "United Kingdom"),
    ("US", "Vereinigte Staaten", "United States"),
    ("DE", "Deutschland", "Germany"),
    ("FR", "Frankreich", "France"),
    ("NL", "Niederlande", "Netherlands"),
    ("PL", "Polen", "Poland"),
    ("ES", "Spanien", "Spain"),
    ("SE", "Schweden", "Sweden"),
    ("EE", "Estland", "Estonia"),
    ("LV", "Lettland", "Latvia"),
    ("LT", "Litauen", "Lithuania"),
    ("FI", "Finnland", "Finland"),
    ("IT", "Italien", "Italy"),
    ("PT", "Portugal", "Portugal"),
    ("AT", "Österreich", "Austria"),
    ("CH", "Schweiz", "Switzerland"),
    ("BE", "Belgien", "Belgium"),
    ("CZ", "Tschechien", "Czechia"),
    ("RO", "Rumänien", "Romania"),
    ("UA", "Ukraine", "Ukraine"),
    ("KZ", "Kasachstan", "Kazakhstan"),
    ("IE", "Irland", "Ireland"),
    ("DK", "Dänemark", "Denmark"),
    ("NO", "Norwegen", "Norway"),
    ("CA", "Kanada", "Canada"),
    ("IL", "Israel", "Israel"),
    ("HK", "Hongkong", "Hong Kong"),
    ("ID", "Indonesien", "Indonesia"),
    ("MX", "Mexiko", "Mexico"),
    ("PR", "Puerto Rico", "Puerto Rico"),
    ("AL", "Albanien", "Albania"),
    ("AR", "Argentinien", "Argentina"),
    ("AU", "Australien", "Australia"),
    ("BD", "Bangladesch", "Bangladesh"),
    ("BG", "Bulgarien", "Bulgaria"),
    ("KH", "Kambodscha", "Cambodia"),
    ("HR", "Kroatien", "Croatia"),
    ("CY", "Zypern", "Cyprus"),
    ("EG", "Ägypten", "Egypt"),
    ("GI", "Gibraltar", "Gibraltar"),
    ("GR", "Griechenland", "Greece"),
    ("HU", "Ungarn", "Hungary"),
    ("JP", "Japan", "Japan"),
    ("MT", "Malta", "Malta"),
    ("TZ", "Tansania", "Tanzania"),
    ("MK", "Nordmazedonien", "North Macedonia"),
    ("MY", "Malaysia", "Malaysia"),
    ("MD", "Moldau", "Moldova"),
    ("NZ", "Neuseeland", "New Zealand"),
    ("PY", "Paraguay", "Paraguay"),
    ("PH", "Philippinen", "Philippines"),
    ("RS", "Serbien", "Serbia"),
    ("SK", "Slowakei", "Slovakia"),
    ("SI", "Slowenien", "Slovenia"),
    ("TH", "Thailand", "Thailand"),
    ("TR", "Türkei", "Turkey"),
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
        .map(|(_, de, en)| match lang {
            Lang::De => (*de).to_owned(),
            Lang::En => (*en).to_owned(),
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
