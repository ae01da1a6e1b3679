//! Why a call to the API failed, in terms a person can act on.

use crate::i18n::{Lang, Msg};
use rent_api::{ApiError, RestoreErrorCode};

/// One failed call. `Clone` so views can keep and show it; serializable so a tab can tell
/// the others why the rentals it shares are stale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ApiFailure {
    /// No API key is saved.
    NoKey,
    /// The request never got an answer (offline, refused, CORS, dropped).
    Network,
    /// No answer within the time limit.
    Timeout,
    /// An HTTP error status without a usable answer.
    Http(u16),
    /// The body was not JSON: an HTML error page, empty or truncated.
    NotJson,
    /// JSON of an unexpected shape.
    Malformed,
    /// The key was rejected.
    BadKey,
    /// `status: 0` with the API's `msg` (shown as it came, as text).
    Refused(String),
    /// A restore error code, with the API's own `msg`.
    Restore(RestoreErrorCode, String),
    /// A paid call's answer was lost, and `orders` show it was not done.
    LostNotDone,
    /// A paid call's answer was lost, and whether it was done could not be checked.
    LostUnknown,
}

/// What the API answers for an unknown key: rent.php's `msg`, getBalance's text.
const BAD_KEY_ANSWERS: &[&str] = &[
    "Invalid API key",
    "BAD_KEY",
    "Wrong API key",
    "API key not found",
];

impl From<ApiError> for ApiFailure {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::NotJson { .. } => ApiFailure::NotJson,
            ApiError::Malformed(_) => ApiFailure::Malformed,
            ApiError::Refused { msg } => {
                if BAD_KEY_ANSWERS
                    .iter()
                    .any(|b| msg.trim().eq_ignore_ascii_case(b))
                {
                    ApiFailure::BadKey
                } else if let Some(code) = rent_api::RestoreErrorCode::from_msg(&msg) {
                    ApiFailure::Restore(code, msg)
                } else {
                    ApiFailure::Refused(msg)
                }
            }
        }
    }
}

/// The translated explanation of a restore error code.
fn restore_msg(code: RestoreErrorCode) -> Msg {
    match code {
        RestoreErrorCode::NoAvailDays => Msg::ErrNoAvailDays,
        RestoreErrorCode::NotOwner => Msg::ErrNotOwner,
        RestoreErrorCode::NoRemoteData => Msg::ErrNoRemoteData,
        RestoreErrorCode::NoOrderCountry => Msg::ErrNoOrderCountry,
        RestoreErrorCode::DateDiffInvert => Msg::ErrDateDiffInvert,
        RestoreErrorCode::NoServiceData => Msg::ErrNoServiceData,
        RestoreErrorCode::NoBalance => Msg::ErrNoBalance,
    }
}

impl ApiFailure {
    /// The message for the person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiFailure::NoKey => lang.t(Msg::ErrNoKey).to_owned(),
            ApiFailure::Network => lang.t(Msg::ErrNetwork).to_owned(),
            ApiFailure::Timeout => lang.t(Msg::ErrTimeout).to_owned(),
            ApiFailure::Http(429) => lang.t(Msg::ErrRateLimited).to_owned(),
            ApiFailure::Http(status) => format!("{} (HTTP {status}).", lang.t(Msg::ErrHttp)),
            ApiFailure::NotJson => lang.t(Msg::ErrNotJson).to_owned(),
            ApiFailure::Malformed => lang.t(Msg::ErrMalformed).to_owned(),
            ApiFailure::BadKey => lang.t(Msg::ErrBadKey).to_owned(),
            ApiFailure::Refused(msg) if msg.trim().is_empty() => {
                format!("{}.", lang.t(Msg::ErrRefused))
            }
            ApiFailure::Refused(msg) => format!("{}: {msg}", lang.t(Msg::ErrRefused)),
            ApiFailure::LostNotDone => lang.t(Msg::PaidLostNotDone).to_owned(),
            ApiFailure::LostUnknown => lang.t(Msg::PaidLostUnknown).to_owned(),
            ApiFailure::Restore(code, _) => {
                let text = lang.t(restore_msg(*code));
                if code.advises_support() {
                    format!("{text} {}", lang.t(Msg::RestoreSupport))
                } else {
                    text.to_owned()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_classified() {
        let refused = |msg: &str| ApiFailure::from(ApiError::Refused { msg: msg.into() });
        assert_eq!(refused("Invalid API key"), ApiFailure::BadKey);
        assert_eq!(refused("BAD_KEY"), ApiFailure::BadKey);
        assert_eq!(
            refused("NOBALANCE"),
            ApiFailure::Restore(RestoreErrorCode::NoBalance, "NOBALANCE".into())
        );
        assert_eq!(
            refused("Order not found"),
            ApiFailure::Refused("Order not found".into())
        );
    }

    #[test]
    fn every_failure_has_a_message_in_both_languages() {
        let all = [
            ApiFailure::NoKey,
            ApiFailure::Network,
            ApiFailure::Timeout,
            ApiFailure::Http(502),
            ApiFailure::Http(429),
            ApiFailure::NotJson,
            ApiFailure::Malformed,
            ApiFailure::BadKey,
            ApiFailure::Refused(String::new()),
            ApiFailure::Refused("<b>x</b>".into()),
            ApiFailure::LostNotDone,
            ApiFailure::LostUnknown,
        ];
        for failure in all {
            let de = failure.message(Lang::De);
            let en = failure.message(Lang::En);
            assert!(!de.is_empty() && !en.is_empty(), "{failure:?}");
        }
        assert!(ApiFailure::Refused("<b>x</b>".into())
            .message(Lang::En)
            .ends_with("<b>x</b>"));
    }
}
