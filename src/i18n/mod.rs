//! German, English and Russian texts. Every key is a variant of [`Msg`]; each language is one
//! exhaustive `match`, so a key missing in either language does not compile. The app's
//! build (feature `lang-files`) ships German and Russian as files instead (files.rs).

mod countries;
mod dates;
#[cfg(not(feature = "lang-files"))]
mod de;
mod en;
#[cfg(feature = "lang-files")]
mod files;
mod intl;
#[cfg(not(feature = "lang-files"))]
mod ru;

pub use countries::{country_name, flag};
pub use dates::{format_date, DateStyle};
#[cfg(feature = "lang-files")]
pub use files::install_texts;
pub use intl::{count, plural, usd, Noun, Plural};
use rent_api::{Period, PeriodUnit};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Deutsch: the rent page's own texts.
    De,
    /// English.
    En,
    /// Русский: much of SMSPVA's audience reads Russian.
    Ru,
}

impl Lang {
    /// Every language, in the order Settings offers them.
    pub const ALL: [Lang; 3] = [Lang::De, Lang::En, Lang::Ru];

    /// The BCP 47 code, for `<html lang>` and storage.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The locale whose number and date style `Intl` uses.
    pub const fn locale(self) -> &'static str {
        match self {
            Lang::De => "de-DE",
            Lang::En => "en-US",
            Lang::Ru => "ru-RU",
        }
    }

    /// The language's own name, as Settings lists it.
    pub const fn name(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// The position in [`Lang::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The language for a stored or browser code: `de-AT` is German; `ru`, and the
    /// languages whose readers mostly read Russian too (`uk`, `be`, `kk`), are Russian;
    /// English otherwise.
    pub fn from_code(code: &str) -> Lang {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Lang::De,
            "ru" | "uk" | "be" | "kk" => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// Whether this language's texts are here (always, but for a file not yet fetched).
    pub fn has_texts(self) -> bool {
        #[cfg(feature = "lang-files")]
        return files::has_texts(self);
        #[cfg(not(feature = "lang-files"))]
        return true;
    }

    /// The text of `msg` in this language; English while its texts have not arrived.
    pub fn t(self, msg: Msg) -> &'static str {
        match self {
            Lang::En => en::text(msg),
            #[cfg(not(feature = "lang-files"))]
            Lang::De => de::text(msg),
            #[cfg(not(feature = "lang-files"))]
            Lang::Ru => ru::text(msg),
            #[cfg(feature = "lang-files")]
            _ => files::text(self, msg).unwrap_or_else(|| en::text(msg)),
        }
    }
}

/// A period in words: `2 Wochen (14 Tage)`, `1 month (30 days)`, `5 недель (35 дней)`,
/// `5 days`.
pub fn period_text(period: Period, lang: Lang) -> String {
    let n = i64::from(period.count);
    let unit = match period.unit {
        PeriodUnit::Day => return days_text(n, lang),
        PeriodUnit::Week => Noun::Week,
        PeriodUnit::Month => Noun::Month,
    };
    format!(
        "{} ({})",
        count(n, unit, lang),
        days_text(i64::from(period.days()), lang)
    )
}

/// A number of days in words: `1 day`, `5 Tage`, `21 день`.
pub fn days_text(n: i64, lang: Lang) -> String {
    count(n, Noun::Day, lang)
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
    RefreshNow, StaleData, RetryingSoon, PausedHidden, ColActions, FilterText, FilterStatus, FilterCountry, FilterAll, FilterNewSms, SortRentals, SortExpires, SortNewest, SortStatus, SortService, SortCountry, SortNumber, NoRentalMatch, ActivatingExplain, NewSmsBadge, CopyNumber, Copied, CopyFailed, ActionActivate, ActionSms, ActionProlong, ActionAddService, ActionDelete, ActivationQueued, ProlongWhy, ProlongTooEarly, ProlongGuarantee, SmsTitle, SmsNone, SmsFrom, SmsOther, CopyCode, ProlongTitle, ProlongPeriod, ProlongNewExpiry, ProlongMax, ProlongConfirm, Prolonging, Prolonged, PriceLoading, AddServiceTitle, AddServiceDays, AddServiceConfirm, AddingService, ServiceAdded, ChooseService, DeleteTitle, DeleteText, DeleteConfirm, Deleting, Deleted,
    ColBegin, ColClosed, ColAction, ArchiveEmpty, PageN, PagePrev, PageNext, PageSize, ArchiveFilter, ActionRestore, RestoreTitle, RestoreFeasible, RestoreFormula, RestoreOverdue, RestorePrepaid, RestoreTotal, RestoreConfirm, Restoring, RestoreChecking, RestoreWhyCost, RestoreSupport, ErrNoAvailDays, ErrNotOwner, ErrNoRemoteData, ErrNoOrderCountry, ErrDateDiffInvert, ErrNoServiceData, ErrNoBalance, FaqAnchor, FaqQNoSms, FaqANoSms, FaqQProlong, FaqAProlong, FaqQHowLong, FaqAHowLong, FaqQMissed, FaqAMissed, FaqQActivation, FaqAActivation, FaqQRefund, FaqARefund, FaqQRestoreCost, FaqARestoreCost,
    RentalsCountAll, FindInPageHint,
    NewSmsCount,
    ThemeToLight, ThemeToDark,
    PaidLostNotDone, PaidLostUnknown, RentedAnswerLost, ProlongedAnswerLost, ProlongedMeanwhile, ServicesFromLastVisit, PriceChangedSinceVisit, ServiceAddedAnswerLost, RestoredAnswerLost, OneClickTwoRentals,
    NotifySwitch, NotifyBlocked, NotifyUnsupported, NotifyTitle, NotifyCode, WaitingForSms, ColLatestSms,
    SelectRental, SelectAllShown, SelectProlongable, SelectNone, BulkProlongButton, BulkTitle, BulkConfirm, BulkDone, BulkStopped, BulkSkipped, BulkBalanceShort, ExportCsv, ExportIcs, IcsSummary, ExpiringBanner, ExpiringBannerOne, ExpiringShow, ExpiringShowAll,
    ServicesPicked, ServicesPickedHint, RemoveService, ClearServices, FreeForAll, FreeForAllNone, OperatorLegend, OperatorAny, OperatorSoldOut, DiscountFrom, NavWhere, WhereTitle, WhereLink, WhereService, WherePlaceholder, WhereChoose, WhereNone, WhereCountries, ColCountry, ColDayPrice, ColAvailable, ColDiscount, RentHere, ServicesLoadingAll, ProlongDays, DaysRange, AddServiceDaysHint, AddServiceUntil, ProlongByDays, DiscountAll, OperatorUpTo,
    Offline, UpdateReady, UpdateReload, PartLoadFailed,
    StorageUnavailable,
    TypeAlwaysShort, TypeOnRequestShort, TypeAnyShort,
    LabelAdd, LabelEdit, LabelField, LabelHint, NoteButton, NoteField, NoteHint, KeepMark, KeepHelp, FilterKept, SortByLabel, KeptExpiring, KeptExpiringOne, SelectKeptProlongable, SelectMenu, ExportMenu, SelectedCount, FiltersToggle, NotifyLabelCode, RestoreWasFor, SettingsData, SettingsDataHelp, ExportData, ExportWithKey, ExportKeyWarning, ExportDone, ImportData, ImportReading, ImportNumbers, ImportOthers, ImportKeyTaken, ImportKeySkipped, ImportTooLarge, ImportBroken, ImportNotBackup, ImportFuture, ImportInvalid,
    AutoTitle, AutoLogProlonged, AutoLogProlongedLost, AutoLogUnknown, AutoLogLimit, AutoLogBalance, AutoLogWindow, AutoLogGuarantee, AutoLogFailed, AutoAction, AutoBadge, AutoBadgeText, AutoLast, AutoRuleSwitch, AutoPeriod, AutoDaysLeft, AutoOnlyOpen, AutoLimitLabel, AutoLimitRequired, AutoLimitInvalid, AutoSpent, AutoRunning, AutoStopped, AutoLogTitle, AutoLogEmpty, AutoNumbersOn, IcsAuto, AutoSaved,
    NavInbox, InboxTitle, InboxHelp, InboxStorageFailed, InboxSearch, InboxNumber, InboxService, InboxUnreadOnly, InboxEmpty, InboxShown, InboxNoMatch, InboxNew, InboxOpenRental, InboxUnread, InboxKeep, InboxDeleteAll, InboxDeleteSure, InboxDeleted, InboxRentalEnded, ImportMessages,
    TextsMissing,
    DensityLabel, DensityCompact, DensityComfortable, RowMenu, KeptMark, ExpiringSoonMark, RentBarButton, RentBarMore,
    CountLabel, CountHint, TotalTimes, ConfirmCount, ConfirmPriceOne, BatchPattern, BatchPatternHint, BatchNote, BatchShort, BatchBusy, BatchTooMany, BatchStart, BatchRunning, BatchElsewhere, BatchStopping, BatchInterrupted, BatchFinished, BatchStopped, BatchRefused, BatchContinue, BatchStop, BatchCopyAll, BatchCsv, BatchShow, BatchNumbers, BatchFoundLost, BatchFilter, BatchFilterOff, BatchNotKept,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_every_language() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
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
        assert_eq!(period_text(p(PeriodUnit::Day, 1), Lang::En), "1 day");
        assert_eq!(period_text(p(PeriodUnit::Day, 5), Lang::De), "5 Tage");
    }

    #[test]
    fn browser_codes_pick_a_language() {
        assert_eq!(Lang::from_code("de-AT"), Lang::De);
        assert_eq!(Lang::from_code("DE"), Lang::De);
        assert_eq!(Lang::from_code("en-US"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::En);
        assert_eq!(Lang::from_code("ru"), Lang::Ru);
        assert_eq!(Lang::from_code("ru-RU"), Lang::Ru);
        assert_eq!(Lang::from_code("uk-UA"), Lang::Ru);
        assert_eq!(Lang::from_code("rue"), Lang::En);
        assert_eq!(Lang::ALL.map(Lang::index), [0, 1, 2]);
    }
}
