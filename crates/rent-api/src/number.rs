//! A phone number as the desk keys what it keeps about it (labels, rules): its digits.

/// The key of a number: its digits with the dialling code (`+7 909 123-45-67` →
/// `79091234567`), as a rental's `ccode` + `pnumber` and the archive's `number` give it.
pub fn number_key(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// Whether `key` can be a number's key (digits, as phone numbers are long).
pub fn valid_number_key(key: &str) -> bool {
    (5..=20).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_digit())
}
