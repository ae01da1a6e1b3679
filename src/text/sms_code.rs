//! Finding the code in an SMS: a run of 4–8 digits, also when split by a space or a
//! hyphen (`671 094`, `G-123-456`), never part of a longer number such as a phone number.

/// The first code in `text`, digits only.
pub fn find_code(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Collect digit groups joined by one space or hyphen.
        let mut digits = String::new();
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].is_ascii_digit() {
                digits.push(chars[j]);
                j += 1;
            }
            let joined = j + 1 < chars.len()
                && matches!(chars[j], ' ' | '-' | '\u{a0}')
                && chars[j + 1].is_ascii_digit()
                && digits.len() < 8;
            if !joined {
                break;
            }
            j += 1;
        }
        // `ab1234` is an identifier, not a code.
        let glued_to_letter = i > 0 && chars[i - 1].is_alphabetic();
        if (4..=8).contains(&digits.len()) && !glued_to_letter {
            return Some(digits);
        }
        i = j.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_whole_split_or_prefixed() {
        assert_eq!(
            find_code("Code Instagram: 671 094.").as_deref(),
            Some("671094")
        );
        assert_eq!(
            find_code("Your WhatsApp code: 123-456").as_deref(),
            Some("123456")
        );
        assert_eq!(
            find_code("G-482913 is your Google verification code.").as_deref(),
            Some("482913")
        );
        assert_eq!(find_code("Telegram code: 55231").as_deref(), Some("55231"));
        assert_eq!(find_code("PIN 1234").as_deref(), Some("1234"));
    }

    #[test]
    fn no_code_in_short_numbers_long_numbers_or_markup() {
        assert_eq!(find_code("Call +7 909 603 7108 now"), None);
        assert_eq!(find_code("Order 123 shipped"), None);
        assert_eq!(find_code("123456789012"), None);
        assert_eq!(find_code("<img src=x onerror=alert(1)>"), None);
        assert_eq!(find_code("ref ab1234"), None);
        assert_eq!(find_code(""), None);
    }
}
