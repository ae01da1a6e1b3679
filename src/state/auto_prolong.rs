//! Automatic prolonging as this browser keeps it: the plan (the switch, the monthly limit,
//! each number's rule), the log, and the attempts, in localStorage and followed across
//! tabs. The rules are `rent_api::auto_prolong`; the leading tab acts on them
//! ([`crate::state::auto_prolong_watch`]).

use crate::browser::storage::{self, keys};
use crate::i18n::{period_text, usd, Lang, Msg};
use crate::text::time;
use leptos::prelude::*;
use rent_api::auto_prolong::{
    self as rules, AutoPlan, AutoRule, LogEntry, Outcome, Refusal, RETRY_REFUSED_MS,
};
use rent_api::desk::number_key;
use rent_api::{Money, Period};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Attempts remembered (the oldest go first).
const ATTEMPTS_MAX: usize = 2000;

/// One rental expiry tried: when, and whether it was refused (then it may be tried again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// When (UNIX milliseconds).
    pub at: i64,
    /// Refused before any charge.
    pub refused: bool,
}

/// The app's root owner, so state that is made on first use (by a part that arrives on
/// demand) lives as long as the app, not as the page that made it.
#[derive(Clone)]
pub struct AppRoot(pub Owner);

/// The automatic prolonging context, read from storage the first time a page needs it (the
/// rent page never does: its code stays out of the first download).
pub fn use_auto_prolong() -> AutoProlong {
    if let Some(auto) = use_context::<AutoProlong>() {
        return auto;
    }
    let make = || {
        let auto = AutoProlong::load();
        provide_context(auto);
        auto
    };
    match use_context::<AppRoot>() {
        Some(AppRoot(root)) => root.with(make),
        None => make(), // a component test's own tree
    }
}

/// The automatic prolonging context.
#[derive(Clone, Copy)]
pub struct AutoProlong {
    /// What the person allowed.
    pub plan: RwSignal<AutoPlan>,
    /// What was done, newest first.
    pub log: RwSignal<Vec<LogEntry>>,
}

fn load<T: serde::de::DeserializeOwned + Default>(key: &str) -> T {
    storage::get(key)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save<T: Serialize>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        storage::set(key, Some(&text));
    }
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The first moment of this calendar month in the browser's time zone (UNIX milliseconds).
pub fn month_start_ms() -> i64 {
    let date = js_sys::Date::new_0();
    date.set_date(1);
    date.set_hours(0);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    date.get_time() as i64
}

impl AutoProlong {
    /// Reads what this browser keeps, and follows what another tab saves.
    pub fn load() -> AutoProlong {
        let auto = AutoProlong {
            plan: RwSignal::new(load(keys::AUTO_PROLONG)),
            log: RwSignal::new(load(keys::AUTO_LOG)),
        };
        // The app lives as long as the page: the listener is never removed.
        let _ = storage::on_change(move |key, _| match key.as_deref() {
            Some(keys::AUTO_PROLONG) => auto.plan.set(load(keys::AUTO_PROLONG)),
            Some(keys::AUTO_LOG) => auto.log.set(load(keys::AUTO_LOG)),
            None => {
                auto.plan.set(AutoPlan::default());
                auto.log.set(Vec::new());
            }
            _ => {}
        });
        auto
    }

    /// Turns automatic prolonging on for `number` with `period` at `days_left`, or off.
    pub fn set_rule(self, number: &str, rule: Option<(Period, u32)>) {
        let key = number_key(number);
        self.plan.update(|plan| {
            let was = plan.rules.get(&key).copied();
            let changed = now_ms();
            let next = match (rule, was) {
                (Some((period, days_left)), _) => AutoRule {
                    on: true,
                    period,
                    days_left: days_left.clamp(1, rules::MAX_DAYS_LEFT),
                    changed,
                },
                (None, Some(was)) => AutoRule {
                    on: false,
                    changed,
                    ..was
                },
                (None, None) => return,
            };
            plan.rules.insert(key, next);
        });
        self.save_plan();
    }

    /// Sets the monthly limit (none: nothing is prolonged).
    pub fn set_limit(self, limit: Option<Money>) {
        self.plan.update(|p| {
            p.limit = limit;
            p.changed = now_ms();
        });
        self.save_plan();
    }

    /// The one switch: `false` stops all automatic prolonging.
    pub fn set_running(self, running: bool) {
        self.plan.update(|p| {
            p.stopped = !running;
            p.changed = now_ms();
        });
        self.save_plan();
    }

    /// What automatic prolonging spent this calendar month (tracked).
    pub fn spent_this_month(self) -> Money {
        let since = month_start_ms();
        self.log.with(|log| rules::spent_since(log, since))
    }

    /// Adds a line to the log, for every tab.
    pub fn record(self, entry: LogEntry) {
        self.log.update(|log| rules::log_push(log, entry));
        self.log.with_untracked(|log| save(keys::AUTO_LOG, log));
    }

    /// Replaces the open outcome of the log line for `rental` at `until` (the paid call
    /// answered, or a lost answer settled); an unknown outcome leaves it open.
    pub fn settle(self, rental: i64, until: i64, outcome: Outcome) {
        if outcome == Outcome::Unknown {
            return;
        }
        self.log.update(|log| {
            for e in log.iter_mut() {
                if e.rental == rental && e.until == until && e.outcome == Outcome::Unknown {
                    e.outcome = outcome;
                }
            }
        });
        self.log.with_untracked(|log| save(keys::AUTO_LOG, log));
    }

    /// Merges a backup's plan and log (the later change wins); how many rules or settings
    /// were taken.
    pub fn merge(self, plan: Option<AutoPlan>, log: Vec<LogEntry>) -> usize {
        let mut taken = 0;
        if let Some(theirs) = plan {
            self.plan
                .update(|ours| taken = rules::merge_plan(ours, theirs));
            self.save_plan();
        }
        if !log.is_empty() {
            self.log.update(|ours| rules::merge_log(ours, log));
            self.log.with_untracked(|log| save(keys::AUTO_LOG, log));
        }
        taken
    }

    fn save_plan(self) {
        self.plan.with_untracked(|p| save(keys::AUTO_PROLONG, p));
    }
}

/// The attempts remembered, read fresh (another tab may have written since).
pub fn attempts() -> BTreeMap<String, Attempt> {
    load(keys::AUTO_ATTEMPTS)
}

/// Remembers an attempt before any money can move; `false` when storage refuses (then
/// nothing is tried: without the mark a reload could try again).
pub fn remember_attempt(key: String, attempt: Attempt) -> bool {
    let mut all = attempts();
    all.insert(key, attempt);
    if all.len() > ATTEMPTS_MAX {
        let mut by_age: Vec<(i64, String)> = all.iter().map(|(k, a)| (a.at, k.clone())).collect();
        by_age.sort();
        for (_, k) in by_age.into_iter().take(all.len() - ATTEMPTS_MAX) {
            all.remove(&k);
        }
    }
    serde_json::to_string(&all).is_ok_and(|text| storage::set(keys::AUTO_ATTEMPTS, Some(&text)))
}

/// Whether a rental expiry may be tried now: never tried, or refused long enough ago (or
/// before the person changed the plan or the rule).
pub fn may_try(attempt: Option<&Attempt>, plan: &AutoPlan, rule: &AutoRule, now: i64) -> bool {
    match attempt {
        None => true,
        Some(a) => {
            a.refused
                && (now - a.at >= RETRY_REFUSED_MS || plan.changed > a.at || rule.changed > a.at)
        }
    }
}

/// A log line's text and the values of its placeholders.
pub fn log_message(
    entry: &LogEntry,
    label: Option<String>,
    lang: Lang,
) -> (Msg, Vec<(&'static str, String)>) {
    let number = format!("+{}", entry.number);
    let who = match label {
        Some(label) => format!("{label} {number}"),
        None => number,
    };
    let mut args = vec![
        ("who", who),
        ("period", period_text(entry.period, lang)),
        (
            "price",
            entry.price.map(|p| usd(p, lang)).unwrap_or_default(),
        ),
    ];
    let msg = match entry.outcome {
        Outcome::Prolonged => Msg::AutoLogProlonged,
        Outcome::ProlongedAnswerLost => Msg::AutoLogProlongedLost,
        Outcome::Unknown => Msg::AutoLogUnknown,
        Outcome::Refused(Refusal::Limit { spent, limit }) => {
            args.push(("spent", usd(spent, lang)));
            args.push(("limit", usd(limit, lang)));
            Msg::AutoLogLimit
        }
        Outcome::Refused(Refusal::Balance { balance }) => {
            args.push(("balance", usd(balance, lang)));
            Msg::AutoLogBalance
        }
        Outcome::Refused(Refusal::Window) => Msg::AutoLogWindow,
        Outcome::Refused(Refusal::Guarantee) => Msg::AutoLogGuarantee,
        Outcome::Refused(Refusal::Failed) => Msg::AutoLogFailed,
    };
    (msg, args)
}

/// A log line in words, with its time: what happened to which number, for how much.
pub fn log_text(entry: &LogEntry, label: Option<String>, lang: Lang) -> String {
    let (msg, args) = log_message(entry, label, lang);
    let text = args
        .iter()
        .fold(lang.t(msg).to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        });
    format!("{text} · {}", time::date_time(entry.at / 1000, lang))
}
