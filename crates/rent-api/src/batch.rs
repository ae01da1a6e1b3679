//! A batch: many numbers of one choice rented with one confirmation, one `create` (or
//! `create_multi`) per number, since the API has no batch call. The plan and each step's
//! outcome are kept (by the app, in storage) before and after each call, so a reload, a
//! crash or a lost answer never rents a number twice and never loses count.
//!
//! Each number's paid call carries a request id made of the batch and its position: a
//! resent GET is answered by the replay, never done again. A step sent whose answer never
//! came is settled from `orders` — a new rental of the batch's service that was not there
//! when the batch started and that no earlier step rented — before anything else is sent.

use crate::{Money, NumberType, Period, Rental};
use serde::{Deserialize, Serialize};

/// The most numbers one batch rents: a guard against a slip of the keyboard (a batch of
/// 1,000 at 4.5 s a number would run for more than an hour).
pub const MAX_BATCH: u32 = 100;

/// What the batch rents, and how far it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// Unique in this browser; part of every step's request id.
    pub id: String,
    /// When it was confirmed (ms since the epoch).
    pub started: i64,
    /// Numbers wanted.
    pub count: u32,
    /// Country code.
    pub country: String,
    /// The country's name as confirmed, for the summary.
    #[serde(default)]
    pub country_name: String,
    /// Service codes: each number gets all of them (`create_multi` for several).
    pub services: Vec<String>,
    /// Their names as confirmed.
    #[serde(default)]
    pub service_names: Vec<String>,
    /// Rental period of each number.
    pub period: Period,
    /// Number type.
    pub rent_type: NumberType,
    /// Operator asked for; `None`: any.
    #[serde(default)]
    pub provider: Option<String>,
    /// The price of one number as confirmed.
    pub price: Money,
    /// Label pattern (`Shop {n}`); empty: no labels.
    #[serde(default)]
    pub pattern: String,
    /// The `{n}` of the first number.
    #[serde(default = "one")]
    pub first: u32,
    /// Note given to every number; may be empty.
    #[serde(default)]
    pub note: String,
    /// Rentals of the first service open before the first call (`None` until read): what
    /// a lost answer's rental is told apart from.
    #[serde(default)]
    pub before: Option<Vec<i64>>,
    /// One entry per paid call, in order.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Where it stands.
    pub state: BatchState,
    /// Its summary was closed: shown no more (it stays for My rentals and the backup).
    #[serde(default)]
    pub closed: bool,
}

fn one() -> u32 {
    1
}

/// Where a batch stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum BatchState {
    /// Renting (or interrupted: running with no tab at it).
    Running,
    /// Stop was asked: the call on its way is settled, nothing more is sent.
    Stopping,
    /// Over.
    Ended { end: End },
}

/// How a batch ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum End {
    /// Every number rented.
    Finished,
    /// Stopped by the person.
    Stopped,
    /// The API refused a number (no stock, no money, …), with its message.
    Refused { msg: String },
}

/// One paid call of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// 0-based position in the batch: the request id's end.
    pub position: u32,
    /// What came of it.
    #[serde(flatten)]
    pub outcome: StepOutcome,
}

/// What came of one paid call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum StepOutcome {
    /// Written before the call; stays so while its answer is unknown.
    Sent {
        /// When (ms).
        at: i64,
    },
    /// A number was rented.
    Rented {
        /// Rental id.
        id: i64,
        /// Dialling code and number, digits.
        number: String,
        /// Expiry (UNIX seconds).
        until: i64,
        /// Its answer was lost and `orders` showed it.
        #[serde(default)]
        found: bool,
    },
    /// The API said no; nothing was charged for it.
    Refused {
        /// The API's message.
        msg: String,
    },
}

/// The most batches a browser keeps (and a backup carries): enough to find last month's
/// in My rentals.
pub const KEPT: usize = 30;

/// What a batch's runner does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Read `orders` first, to know the rentals the batch must not take for its own.
    Baseline,
    /// The step at this position was sent and its answer is unknown: settle it from
    /// `orders` before anything else.
    Settle(u32),
    /// Rent the number at this position.
    Rent(u32),
    /// End the batch so.
    End(End),
    /// Nothing: it has ended.
    Nothing,
}

impl Batch {
    /// The steps that rented a number, in order.
    pub fn rented(&self) -> impl Iterator<Item = (u32, i64, &str, i64)> + '_ {
        self.steps.iter().filter_map(|s| match &s.outcome {
            StepOutcome::Rented {
                id, number, until, ..
            } => Some((s.position, *id, number.as_str(), *until)),
            _ => None,
        })
    }

    /// How many numbers it rented.
    pub fn rented_count(&self) -> u32 {
        self.rented().count() as u32
    }

    /// What it charged: the confirmed price of each number rented.
    pub fn charged(&self) -> Money {
        self.rented().fold(Money::ZERO, |sum, _| sum + self.price)
    }

    /// What it would charge in all.
    pub fn total(&self) -> Money {
        (0..self.count).fold(Money::ZERO, |sum, _| sum + self.price)
    }

    /// Whether it is over.
    pub fn ended(&self) -> bool {
        matches!(self.state, BatchState::Ended { .. })
    }

    /// The step sent whose answer is not known yet, if any.
    pub fn unsettled(&self) -> Option<u32> {
        self.steps.iter().find_map(|s| match s.outcome {
            StepOutcome::Sent { .. } => Some(s.position),
            _ => None,
        })
    }

    /// What its runner does next: an unknown outcome is settled before anything else,
    /// a stop or a refusal ends it, and a number is rented only while fewer than `count`
    /// are.
    pub fn next(&self) -> Next {
        if self.ended() {
            return Next::Nothing;
        }
        if let Some(position) = self.unsettled() {
            return Next::Settle(position);
        }
        if let Some(msg) = self.steps.iter().find_map(|s| match &s.outcome {
            StepOutcome::Refused { msg } => Some(msg.clone()),
            _ => None,
        }) {
            return Next::End(End::Refused { msg });
        }
        let done = self.rented_count();
        if done >= self.count {
            return Next::End(End::Finished);
        }
        if self.state == BatchState::Stopping {
            return Next::End(End::Stopped);
        }
        if self.before.is_none() {
            return Next::Baseline;
        }
        Next::Rent(done)
    }

    /// The request id of the number at `position`: the same for every resend of it.
    pub fn request_id(&self, position: u32) -> String {
        format!("batch-{}-{position}", self.id)
    }

    /// Marks `position` as sent (before its call).
    pub fn mark_sent(&mut self, position: u32, at: i64) {
        self.set(position, StepOutcome::Sent { at });
    }

    /// Records what came of `position`.
    pub fn set(&mut self, position: u32, outcome: StepOutcome) {
        self.steps.retain(|s| s.position != position);
        self.steps.push(Step { position, outcome });
        self.steps.sort_by_key(|s| s.position);
    }

    /// Forgets a sent step that `orders` showed was not done, so it is sent again (with
    /// the same request id).
    pub fn not_done(&mut self, position: u32) {
        self.steps.retain(|s| s.position != position);
    }

    /// The label of the number at `position`, if the batch gives labels.
    pub fn label(&self, position: u32) -> Option<String> {
        label_of(&self.pattern, self.first + position)
    }

    /// The rental that the lost call at `position` made, if `orders` (`after`) shows one:
    /// of the batch's first service, not open when the batch started, not rented by an
    /// earlier step. `None` until the batch knows what was open before it.
    pub fn find_lost<'a>(&self, after: &'a [Rental]) -> Option<&'a Rental> {
        let before = self.before.as_ref()?;
        let first = self.services.first()?;
        after.iter().find(|r| {
            r.scode.split(',').any(|s| s == first)
                && !before.contains(&r.id)
                && self.rented().all(|(_, id, ..)| id != r.id)
        })
    }

    /// The rentals of the first service open now: what `before` records.
    pub fn baseline(&self, now: &[Rental]) -> Vec<i64> {
        let first = self.services.first().map(String::as_str).unwrap_or("");
        now.iter()
            .filter(|r| r.scode.split(',').any(|s| s == first))
            .map(|r| r.id)
            .collect()
    }

    /// The numbers rented, as CSV (RFC 4180, CRLF): position, number, label, services,
    /// country, rental id, expiry (ISO 8601 UTC).
    pub fn csv(&self) -> String {
        let mut out = String::from("n,number,label,services,country,id,expires_utc\r\n");
        for (position, id, number, until) in self.rented() {
            let fields = [
                (position + 1).to_string(),
                number.to_owned(),
                self.label(position).unwrap_or_default(),
                self.services.join(" "),
                self.country.clone(),
                id.to_string(),
                crate::export::iso_utc(until),
            ];
            let line: Vec<String> = fields.iter().map(|f| crate::export::csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

impl Batch {
    /// Whether a batch read from a file is of a sane size and shape.
    pub fn valid(&self) -> bool {
        let short = |t: &str, n: usize| t.chars().count() <= n;
        (1..=64).contains(&self.id.len())
            && (1..=MAX_BATCH).contains(&self.count)
            && self.steps.len() <= MAX_BATCH as usize
            && self.services.len() <= crate::MAX_MULTI_SERVICES
            && short(&self.pattern, 40)
            && short(&self.note, 200)
            && short(&self.country_name, 100)
            && !self.price.is_negative()
    }
}

/// Adds the batches of a backup that this browser does not have; whether each had been
/// finished or not, they come as records, ended and closed: another browser's batch is
/// never continued here (it could rent what that one did). Keeps the newest [`KEPT`];
/// how many were added.
pub fn merge(ours: &mut Vec<Batch>, theirs: Vec<Batch>) -> usize {
    let mut added = 0;
    for mut batch in theirs {
        if ours.iter().any(|b| b.id == batch.id) {
            continue;
        }
        if !batch.ended() {
            batch.state = BatchState::Ended { end: End::Stopped };
        }
        batch.closed = true;
        ours.push(batch);
        added += 1;
    }
    ours.sort_by_key(|b| b.started);
    while ours.len() > KEPT {
        let Some(old) = ours.iter().position(Batch::ended) else {
            break;
        };
        ours.remove(old);
    }
    added
}

/// `Shop {n}` with `n` → `Shop 7`; a pattern without `{n}` gets the number after a space,
/// so the labels of a batch stay apart. Empty: no label.
pub fn label_of(pattern: &str, n: u32) -> Option<String> {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        return None;
    }
    Some(if pattern.contains("{n}") {
        pattern.replace("{n}", &n.to_string())
    } else {
        format!("{pattern} {n}")
    })
}

/// Where numbering goes on for `pattern`: one past the highest `n` any label in `labels`
/// has under it (`Shop 20` → 21), else 1.
pub fn next_first<'a>(pattern: &str, labels: impl IntoIterator<Item = &'a str>) -> u32 {
    let pattern = pattern.trim();
    let shape = if pattern.contains("{n}") {
        pattern.to_owned()
    } else {
        format!("{pattern} {{n}}")
    };
    let Some((head, tail)) = shape.split_once("{n}") else {
        return 1;
    };
    labels
        .into_iter()
        .filter_map(|label| {
            let digits = label.strip_prefix(head)?.strip_suffix(tail)?;
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<u32>().ok())
                .flatten()
        })
        .max()
        .map_or(1, |n| n.saturating_add(1))
}

#[cfg(test)]
mod tests;
