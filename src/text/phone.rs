//! Phone numbers as people read them: `+7 909 603 7108`.

/// The number with its dialling code, grouped in threes with a four at the end.
pub fn format_phone(ccode: &str, national: &str) -> String {
    let digits: String = national.chars().filter(char::is_ascii_digit).collect();
    let mut groups = Vec::new();
    let mut rest = digits.as_str();
    while rest.len() > 4 {
        let take = match rest.len() {
            5 => 2,
            8 => 4,
            _ => 3,
        };
        groups.push(&rest[..take]);
        rest = &rest[take..];
    }
    if !rest.is_empty() {
        groups.push(rest);
    }
    let code = ccode.trim();
    let code = if code.is_empty() || code.starts_with('+') {
        code.to_owned()
    } else {
        format!("+{code}")
    };
    let number = groups.join(" ");
    if code.is_empty() {
        number
    } else {
        format!("{code} {number}")
    }
}

/// Dialling codes by the API's country code, for numbers that come as one run of digits
/// (the archive). `UK` and `EN` are both the United Kingdom.
#[rustfmt::skip]
const DIALLING_CODES: &[(&str, &str)] = &[
    ("RU", "7"), ("KZ", "7"), ("UK", "44"), ("EN", "44"), ("US", "1"), ("CA", "1"),
    ("DE", "49"), ("FR", "33"), ("NL", "31"), ("PL", "48"), ("ES", "34"), ("SE", "46"),
    ("EE", "372"), ("LV", "371"), ("LT", "370"), ("FI", "358"), ("IT", "39"), ("PT", "351"),
    ("AT", "43"), ("CH", "41"), ("BE", "32"), ("CZ", "420"), ("RO", "40"), ("UA", "380"),
    ("IE", "353"), ("DK", "45"), ("NO", "47"), ("IL", "972"), ("HK", "852"), ("ID", "62"),
    ("MX", "52"),
];

/// A number given with its dialling code in one run of digits, grouped like the rentals
/// table when the country's code is known, else as `+` and the digits.
pub fn format_international(country: &str, number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let code = DIALLING_CODES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country.trim()))
        .map(|(_, code)| *code);
    match code {
        Some(code) if digits.len() > code.len() + 4 && digits.starts_with(code) => {
            format_phone(code, &digits[code.len()..])
        }
        _ => format!("+{digits}"),
    }
}

/// The digits to copy: dialling code and number, with `+`, no spaces.
pub fn dialable(ccode: &str, national: &str) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    format!("+{}{}", digits(ccode), digits(national))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(format_phone("+7", "9096037108"), "+7 909 603 7108");
        assert_eq!(format_phone("44", "712345678"), "+44 712 345 678");
        assert_eq!(format_phone("+372", "51234567"), "+372 5123 4567");
        assert_eq!(format_phone("+33", "6123456"), "+33 612 3456");
        assert_eq!(format_phone("+1", "2025550123"), "+1 202 555 0123");
        assert_eq!(format_phone("", "1234"), "1234");
        assert_eq!(dialable("+7", "909 603 7108"), "+79096037108");
    }

    #[test]
    fn archived_numbers_are_split_at_their_country_code() {
        assert_eq!(format_international("RU", "79096037108"), "+7 909 603 7108");
        assert_eq!(format_international("en", "44712345678"), "+44 712 345 678");
        assert_eq!(format_international("EE", "37251234567"), "+372 5123 4567");
        // An unknown country, or digits that do not start with its code: as they came.
        assert_eq!(format_international("XX", "99912345678"), "+99912345678");
        assert_eq!(format_international("DE", "79096037108"), "+79096037108");
    }
}
