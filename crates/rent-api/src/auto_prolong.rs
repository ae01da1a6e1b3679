//! Automatic prolonging of kept numbers: what the person allowed (per number, and a monthly
//! limit for all), when a rental is due, what stops a prolong before any money moves, and
//! the log of what was done. Pure rules; the app runs them in the leading tab.

use crate::number::{number_key, valid_number_key};
use crate::rules::{ProlongBlock, DAY, PROLONG_WINDOW_DAYS};
use crate::{Money, Period, Rental};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default "when N days are left".
pub const DEFAULT_DAYS_LEFT: u32 = 2;
/// The most days left a rule may wait for: prolonging opens with fewer than 7.
pub const MAX_DAYS_LEFT: u32 = (PROLONG_WINDOW_DAYS - 1) as u32;
/// Log lines kept, newest first.
pub const LOG_MAX: usize = 200;
/// Numbers with a rule, at most (as many as labels).
pub const RULES_MAX: usize = 5000;
/// A refused prolong is tried again after this long (the balance may be topped up).
pub const RETRY_REFUSED_MS: i64 = 6 * 3600 * 1000;

/// One number's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRule {
    /// Prolonging automatically is on for this number (off keeps the time it was turned
    /// off, so an older backup cannot turn it on again).
    pub on: bool,
    /// By how much: weeks or months (`prolong`), or days (`prolong_max`).
    pub period: Period,
    /// Prolong once this many days (or fewer) are left.
    pub days_left: u32,
    /// When it was last changed (UNIX milliseconds).
    pub changed: i64,
}

/// Everything the person allowed, for every number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoPlan {
    /// The one switch that stops all automatic prolonging.
    #[serde(default)]
    pub stopped: bool,
    /// At most this much a calendar month; none set: nothing is prolonged.
    #[serde(default)]
    pub limit: Option<Money>,
    /// When the switch or the limit last changed (UNIX milliseconds).
    #[serde(default)]
    pub changed: i64,
    /// Rules by number (see [`number_key`]).
    #[serde(default)]
    pub rules: BTreeMap<String, AutoRule>,
}

impl AutoPlan {
    /// The rule that is on for `number` while automatic prolonging runs at all.
    pub fn active_rule(&self, number: &str) -> Option<AutoRule> {
        if self.stopped || self.limit.is_none() {
            return None;
        }
        self.rule(number)
    }

    /// The rule that is on for `number`, whether or not the switch lets it run.
    pub fn rule(&self, number: &str) -> Option<AutoRule> {
        self.rules
            .get(&number_key(number))
            .copied()
            .filter(|r| r.on)
    }

    /// Whether any number would be prolonged (so the leader keeps polling when hidden).
    pub fn runs(&self) -> bool {
        !self.stopped && self.limit.is_some() && self.rules.values().any(|r| r.on)
    }
}

/// Why a due rental was not prolonged; nothing was charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Refusal {
    /// The monthly limit would be passed: what was spent this month already.
    Limit {
        /// Spent this month by automatic prolonging.
        spent: Money,
        /// The limit.
        limit: Money,
    },
    /// The balance does not cover the price.
    Balance {
        /// The balance asked just before.
        balance: Money,
    },
    /// The API's window is not open (7 days or more left, or expired).
    Window,
    /// The 90-day guarantee leaves no room for the period.
    Guarantee,
    /// The price or the balance could not be asked, or the API refused the prolong.
    Failed,
}

/// What came of one automatic prolong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Answered: prolonged.
    Prolonged,
    /// The answer was lost; `orders` show it was done.
    ProlongedAnswerLost,
    /// The answer was lost and `orders` could not tell yet; settled by a later refresh.
    Unknown,
    /// Not made, nothing charged.
    Refused(Refusal),
}

impl Outcome {
    /// Whether the rental was prolonged, as far as the desk knows.
    pub fn is_done(self) -> bool {
        matches!(self, Outcome::Prolonged | Outcome::ProlongedAnswerLost)
    }

    /// Whether money was (or may have been) spent, for the monthly limit.
    pub fn counts(self) -> bool {
        !matches!(self, Outcome::Refused(_))
    }
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When (UNIX milliseconds).
    pub at: i64,
    /// The rental.
    pub rental: i64,
    /// Its number, dialling code and digits.
    pub number: String,
    /// Its expiry before the prolong.
    pub until: i64,
    /// The period.
    pub period: Period,
    /// The price from `getdata` (absent when it could not be asked).
    pub price: Option<Money>,
    /// What came of it.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Whether `rental` is due under `rule` at `now` (UNIX seconds): few enough days left, and
/// not expired.
pub fn due(rule: &AutoRule, rental: &Rental, now: i64) -> bool {
    let left = rental.until - now;
    rule.on && left > 0 && left <= i64::from(rule.days_left) * DAY
}

/// The storage key of one attempt: a rental as it is now (its expiry), prolonged once.
pub fn attempt_key(rental: i64, until: i64) -> String {
    format!("{rental}:{until}")
}

/// Whether the API lets `rental` be prolonged by `period` at `now`, or why not.
pub fn window_check(rental: &Rental, period: Period, now: i64) -> Result<(), Refusal> {
    let checked = rental.prolong_limits().check_period(now, period);
    checked.map_err(|block| match block {
        ProlongBlock::GuaranteeReached => Refusal::Guarantee,
        ProlongBlock::TooEarly { .. } | ProlongBlock::Expired => Refusal::Window,
    })
}

/// Whether `price` may be spent: within the month's limit and the balance.
pub fn money_check(
    price: Money,
    limit: Money,
    spent: Money,
    balance: Money,
) -> Result<(), Refusal> {
    if spent + price > limit {
        return Err(Refusal::Limit { spent, limit });
    }
    if balance < price {
        return Err(Refusal::Balance { balance });
    }
    Ok(())
}

/// What automatic prolonging spent since `since` (UNIX milliseconds: the month's start).
pub fn spent_since(log: &[LogEntry], since: i64) -> Money {
    log.iter()
        .filter(|e| e.at >= since && e.outcome.counts())
        .filter_map(|e| e.price)
        .fold(Money::ZERO, |sum, p| sum + p)
}

/// Adds `entry` on top of the log, keeping the newest [`LOG_MAX`].
pub fn log_push(log: &mut Vec<LogEntry>, entry: LogEntry) {
    log.insert(0, entry);
    log.truncate(LOG_MAX);
}

/// Merges a backup's plan into ours: per number, and for the switch and limit, the later
/// change wins.
pub fn merge_plan(ours: &mut AutoPlan, theirs: AutoPlan) -> usize {
    let mut taken = 0;
    if theirs.changed > ours.changed {
        ours.stopped = theirs.stopped;
        ours.limit = theirs.limit;
        ours.changed = theirs.changed;
        taken += 1;
    }
    for (key, rule) in theirs.rules {
        let newer = ours
            .rules
            .get(&key)
            .is_none_or(|r| rule.changed > r.changed);
        if newer && ours.rules.get(&key) != Some(&rule) {
            ours.rules.insert(key, rule);
            taken += 1;
        }
    }
    taken
}

/// Merges a backup's log into ours: every line once, newest first, at most [`LOG_MAX`].
pub fn merge_log(ours: &mut Vec<LogEntry>, theirs: Vec<LogEntry>) {
    for entry in theirs {
        if !ours.contains(&entry) {
            ours.push(entry);
        }
    }
    ours.sort_by_key(|e| std::cmp::Reverse(e.at));
    ours.truncate(LOG_MAX);
}

/// Checks a plan from a file: sane periods and thresholds, valid number keys.
pub fn valid_plan(plan: &AutoPlan) -> bool {
    plan.rules.len() <= RULES_MAX
        && plan.limit.is_none_or(|l| !l.is_negative())
        && plan.rules.iter().all(|(key, r)| {
            valid_number_key(key)
                && (1..=MAX_DAYS_LEFT).contains(&r.days_left)
                && Period::new(r.period.unit, r.period.count).is_ok()
        })
}

#[cfg(test)]
mod tests;
