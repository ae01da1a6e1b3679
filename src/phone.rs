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
}
