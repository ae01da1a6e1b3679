//! German and English texts. Every key is a variant of [`Msg`]; each language is one
//! exhaustive `match`, so a key missing in either language does not compile.

mod countries;
mod de;
mod en;

pub use countries::{country_name, flag};
use rent_api::{Period, PeriodUnit};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Deutsch: the rent page's own texts.
    De,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and storage.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language for a stored or browser code (`de-AT` is German); English otherwise.
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("de") {
            Lang::De
        } else {
            Lang::En
        }
    }

    /// The text of `msg` in this language.
    pub fn t(self, msg: Msg) -> &'static str {
        match self {
            Lang::De => de::text(msg),
            Lang::En => en::text(msg),
        }
    }
}

/// A period in words: `2 Wochen (14 Tage)`, `1 month (30 days)`.
pub fn period_text(period: Period, lang: Lang) -> String {
    let n = period.count;
    let unit = match (lang, period.unit, n == 1) {
        (Lang::De, PeriodUnit::Week, true) => "Woche",
        (Lang::De, PeriodUnit::Week, false) => "Wochen",
        (Lang::De, PeriodUnit::Month, true) => "Monat",
        (Lang::De, PeriodUnit::Month, false) => "Monate",
        (Lang::En, PeriodUnit::Week, true) => "week",
        (Lang::En, PeriodUnit::Week, false) => "weeks",
        (Lang::En, PeriodUnit::Month, true) => "month",
        (Lang::En, PeriodUnit::Month, false) => "months",
    };
    let days = match lang {
        Lang::De => "Tage",
        Lang::En => "days",
    };
    format!("{n} {unit} ({} {days})", period.days())
}

macro_rules! messages {
    ($($name:ident),* $(,)?) => {
        /// Every text of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $(#[allow(missing_docs)] $name),* }

        impl Msg {
            /// Every key, for the completeness test.
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];
        }
    };
}

messages! {
    AppName, SkipToContent,
    NavRent, NavRentals, NavArchive, NavFaq, NavSettings, NavMain,
    Balance, BalanceUnknown, NoKeyShort,
    Loading, Retry, Refreshing, Save, Cancel, Close,
    KeyPromptTitle, KeyPromptText, KeyPromptDemo, KeyPromptDemoText, KeyPromptSettings,
    SettingsTitle, SettingsKey, SettingsKeyHelp, SettingsKeySaved, SettingsKeyChecking,
    SettingsKeyForget, SettingsKeyForgotten, SettingsKeyShow, SettingsKeyHide, SettingsKeyCurrent,
    SettingsKeyNone, SettingsApi, SettingsApiHelp, SettingsApiSaved, SettingsApiInvalid,
    SettingsApiReset, SettingsLanguage, SettingsTheme, ThemeSystem, ThemeLight, ThemeDark,
    SettingsKeyEmpty,
    ErrNetwork, ErrTimeout, ErrHttp, ErrNotJson, ErrMalformed, ErrRefused, ErrBadKey,
    ErrNoKey, ErrRateLimited,
    RentTitle, RentalsTitle, RentalsAutoRefresh, RentalsEmpty, RentalsEmptyAction,
    ColStatus, ColNumber, ColService, ColExpires,
    StateNotActive, StateActive, StateActivating, StateNotInSystem, StateUnknown,
    ArchiveTitle, FaqTitle, NotFoundTitle, NotFoundText, NotFoundHome,
    LastRefresh,
    TypeLegend, TypeAlways, TypeAlwaysHint, TypeOnRequest, TypeOnRequestHint, TypeAny, TypeAnyHint, CountryLabel, PeriodLabel, PeriodUnitLabel, PeriodCountLabel, UnitWeeks, UnitMonths, ServicesLegend, ServiceSearch, SortLabel, SortPopular, SortName, SortPrice, SortAvailable, FavouriteAdd, FavouriteRemove, PerDay, AvailableCount, SoldOut, NoServiceMatch, SupportLine, SupportLink, TotalLabel, TotalChooseService, BalanceAfter, NotEnoughBalance, RentButton, ConfirmTitle, ConfirmText, ConfirmRent, Renting, ServicesLoading, ServicesRefreshing, CountriesLoading, RentedHighlight, ServiceUnavailableNow,
    RefreshNow, StaleData, RetryingSoon, PausedHidden, ColActions, FilterText, FilterStatus, FilterCountry, FilterAll, FilterNewSms, SortRentals, SortExpires, SortNewest, SortStatus, SortService, SortCountry, SortNumber, NoRentalMatch, ActivatingExplain, NewSmsBadge, CopyNumber, Copied, CopyFailed, ActionActivate, ActionSms, ActionProlong, ActionAddService, ActionDelete, ActivationQueued, ProlongWhy, ProlongTooEarly, ProlongGuarantee, SmsTitle, SmsNone, SmsFrom, SmsOther, CopyCode, ProlongTitle, ProlongPeriod, ProlongNewExpiry, ProlongMax, ProlongConfirm, Prolonging, Prolonged, PriceLoading, AddServiceTitle, AddServiceDays, AddServiceConfirm, AddingService, ServiceAdded, ChooseService, DeleteTitle, DeleteText, DeleteConfirm, Deleting, Deleted, DaysUnit,
    ColBegin, ColClosed, ColAction, ArchiveEmpty, PageN, PagePrev, PageNext, PageSize, ArchiveFilter, ActionRestore, RestoreTitle, RestoreFeasible, RestoreFormula, RestoreOverdue, RestorePrepaid, RestoreTotal, RestoreConfirm, Restoring, RestoreChecking, RestoreWhyCost, RestoreSupport, ErrNoAvailDays, ErrNotOwner, ErrNoRemoteData, ErrNoOrderCountry, ErrDateDiffInvert, ErrNoServiceData, ErrNoBalance, FaqAnchor, FaqQNoSms, FaqANoSms, FaqQProlong, FaqAProlong, FaqQHowLong, FaqAHowLong, FaqQMissed, FaqAMissed, FaqQActivation, FaqAActivation, FaqQRefund, FaqARefund, FaqQRestoreCost, FaqARestoreCost,
    ShowingOf, ShowMore,
    NewSmsCount,
    Offline, UpdateReady, UpdateReload,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for msg in Msg::ALL {
            for lang in [Lang::De, Lang::En] {
                assert!(
                    !lang.t(*msg).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn periods_in_words() {
        let p = |unit, count| Period::new(unit, count).unwrap();
        assert_eq!(
            period_text(p(PeriodUnit::Week, 2), Lang::De),
            "2 Wochen (14 Tage)"
        );
        assert_eq!(
            period_text(p(PeriodUnit::Month, 1), Lang::En),
            "1 month (30 days)"
        );
    }

    #[test]
    fn browser_codes_pick_a_language() {
        assert_eq!(Lang::from_code("de-AT"), Lang::De);
        assert_eq!(Lang::from_code("DE"), Lang::De);
        assert_eq!(Lang::from_code("en-US"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::En);
    }
}
