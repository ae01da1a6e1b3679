//! The error codes `restore_user` and `restore_user_precalc` answer with.

/// Why an archived rental cannot be restored, as the API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RestoreErrorCode {
    /// `NOAVAILDAYS`: not enough working days left on the number.
    NoAvailDays,
    /// `NOTOWNER` (also "the user had not this order").
    NotOwner,
    /// `NOREMOTEDATA`: the order is not in the archive.
    NoRemoteData,
    /// `NOORDERCOUNTRY`: the order's country is no longer known.
    NoOrderCountry,
    /// `DATEDIFFINVERT`: the order has not expired.
    DateDiffInvert,
    /// `NOSERVICEDATA` (also "Service not found").
    NoServiceData,
    /// `NOBALANCE` (also "Balance is not enough").
    NoBalance,
}

impl RestoreErrorCode {
    /// Every code, in the seed's order.
    pub const ALL: [RestoreErrorCode; 7] = [
        RestoreErrorCode::NoAvailDays,
        RestoreErrorCode::NotOwner,
        RestoreErrorCode::NoRemoteData,
        RestoreErrorCode::NoOrderCountry,
        RestoreErrorCode::DateDiffInvert,
        RestoreErrorCode::NoServiceData,
        RestoreErrorCode::NoBalance,
    ];

    /// The code as the API sends it.
    pub const fn code(self) -> &'static str {
        match self {
            RestoreErrorCode::NoAvailDays => "NOAVAILDAYS",
            RestoreErrorCode::NotOwner => "NOTOWNER",
            RestoreErrorCode::NoRemoteData => "NOREMOTEDATA",
            RestoreErrorCode::NoOrderCountry => "NOORDERCOUNTRY",
            RestoreErrorCode::DateDiffInvert => "DATEDIFFINVERT",
            RestoreErrorCode::NoServiceData => "NOSERVICEDATA",
            RestoreErrorCode::NoBalance => "NOBALANCE",
        }
    }

    /// The sentence the API sends instead of the code, where the seed lists one.
    pub const fn sentence(self) -> Option<&'static str> {
        match self {
            RestoreErrorCode::NotOwner => Some("the user had not this order"),
            RestoreErrorCode::NoServiceData => Some("Service not found"),
            RestoreErrorCode::NoBalance => Some("Balance is not enough"),
            _ => None,
        }
    }

    /// The seed's explanation.
    pub const fn explanation(self) -> &'static str {
        match self {
            RestoreErrorCode::NoAvailDays => "Phone number is unavailable for automatic restoring. There are not enough working days for the phone number.",
            RestoreErrorCode::NotOwner => "Looks like the order is not yours. Check it and try again.",
            RestoreErrorCode::NoRemoteData => "We could not find information about your order in the archive. Check that your rental order has expired.",
            RestoreErrorCode::NoOrderCountry => "We could not find all info about the order. Please write in the live chat on the website to restore the order.",
            RestoreErrorCode::DateDiffInvert => "Looks like your order has not expired. Check that your rental order has expired.",
            RestoreErrorCode::NoServiceData => "Could not load information about the service. Please write in the live chat on the website to restore the order.",
            RestoreErrorCode::NoBalance => "Your balance is not enough to restore the rental order.",
        }
    }

    /// Whether the seed's advice is to write to support.
    pub const fn advises_support(self) -> bool {
        matches!(
            self,
            RestoreErrorCode::NoOrderCountry | RestoreErrorCode::NoServiceData
        )
    }

    /// Recognizes a `msg` as a restore error: the code (possibly followed by more text,
    /// as in `NOBALANCE: Today need …`) or one of the seed's sentences.
    pub fn from_msg(msg: &str) -> Option<RestoreErrorCode> {
        let msg = msg.trim();
        Self::ALL.into_iter().find(|code| {
            let c = code.code();
            msg.strip_prefix(c).is_some_and(|rest| {
                rest.is_empty() || !rest.starts_with(|ch: char| ch.is_ascii_alphanumeric())
            }) || code.sentence().is_some_and(|s| {
                msg.to_ascii_lowercase()
                    .starts_with(&s.to_ascii_lowercase())
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_recognized() {
        for code in RestoreErrorCode::ALL {
            assert_eq!(RestoreErrorCode::from_msg(code.code()), Some(code));
            if let Some(s) = code.sentence() {
                assert_eq!(RestoreErrorCode::from_msg(s), Some(code));
            }
        }
    }

    #[test]
    fn codes_with_trailing_text_and_unknown_messages() {
        assert_eq!(
            RestoreErrorCode::from_msg("NOBALANCE: Today need 3.40"),
            Some(RestoreErrorCode::NoBalance)
        );
        assert_eq!(RestoreErrorCode::from_msg("NOBALANCEX"), None);
        assert_eq!(RestoreErrorCode::from_msg("Incorrect method"), None);
    }
}
