//! What a person keeps about their own numbers — a label, a note, a "keep" mark — and the
//! backup file that carries it, with everything else the app remembers, to another
//! browser. Keyed by the number itself (dialling code and number, digits), so it survives
//! prolonging, a restore and a new rental id. Pure rules: cleaning, validating a file
//! completely before anything changes, and merging where the later change wins.

use crate::auto_prolong::{valid_plan, AutoPlan, LogEntry, LOG_MAX};
use crate::batch::Batch;
use crate::inbox::{StoredSms, KEEP_MAX};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Characters a label may have: it stands beside the number on one line.
pub const LABEL_MAX: usize = 60;
/// Characters a note may have.
pub const NOTE_MAX: usize = 1000;
/// Numbers remembered at most; beyond it the oldest cleared entries go first.
pub const NUMBERS_MAX: usize = 5000;
/// The backup format this build writes and reads.
pub const BACKUP_VERSION: u64 = 1;
/// What a backup file says it is.
pub const BACKUP_KIND: &str = "rentdesk-backup";
/// A larger file is refused before it is read: the biggest real backup (every number with
/// a full note) stays well under it.
pub const BACKUP_MAX_BYTES: usize = 16 * 1024 * 1024;
/// Favourite services and seen-SMS marks kept at most (as the app caps them).
pub const FAVOURITES_MAX: usize = 200;
/// Seen-SMS marks kept at most.
pub const SEEN_MAX: usize = 500;
/// The remembered choices a backup carries, by their storage names.
pub const CHOICES: [&str; 5] = [
    "rentdesk.rent.type",
    "rentdesk.rent.country",
    "rentdesk.rent.period",
    "rentdesk.lang",
    "rentdesk.theme",
];

/// What the person wrote about one number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberNote {
    /// A short name: what the number is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Anything longer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// "Keep this number": it comes first when numbers expire.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep: bool,
    /// When it last changed (UNIX milliseconds): the later change wins a merge. A cleared
    /// entry stays with its time, so an older backup does not bring the label back.
    #[serde(default)]
    pub changed: i64,
}

impl NumberNote {
    /// Nothing written and not kept: a cleared entry.
    pub fn is_blank(&self) -> bool {
        self.label.is_empty() && self.note.is_empty() && !self.keep
    }

    fn same_content(&self, other: &NumberNote) -> bool {
        self.label == other.label && self.note == other.note && self.keep == other.keep
    }
}

/// Every number's note, by [`number_key`].
pub type Notes = BTreeMap<String, NumberNote>;

pub use crate::number::{number_key, valid_number_key};

/// A label as kept: control characters removed, trimmed, at most [`LABEL_MAX`] characters.
pub fn clean_label(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text.trim()
        .chars()
        .take(LABEL_MAX)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// A note as kept: line breaks stay, other control characters go, trimmed, at most
/// [`NOTE_MAX`] characters.
pub fn clean_note(text: &str) -> String {
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    text.trim()
        .chars()
        .take(NOTE_MAX)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Notes read back from this browser's storage: cleaned, malformed keys dropped, and held
/// to [`NUMBERS_MAX`] (cleared entries go first, oldest first).
pub fn tidy(notes: Notes) -> Notes {
    let mut notes: Notes = notes
        .into_iter()
        .filter(|(key, _)| valid_number_key(key))
        .map(|(key, n)| {
            let n = NumberNote {
                label: clean_label(&n.label),
                note: clean_note(&n.note),
                ..n
            };
            (key, n)
        })
        .collect();
    if notes.len() > NUMBERS_MAX {
        let mut order: Vec<(bool, i64, String)> = notes
            .iter()
            .map(|(k, n)| (!n.is_blank(), n.changed, k.clone()))
            .collect();
        order.sort();
        for (_, _, key) in order.into_iter().take(notes.len() - NUMBERS_MAX) {
            notes.remove(&key);
        }
    }
    notes
}

/// The backup file: one JSON object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`BACKUP_KIND`].
    pub kind: String,
    /// The format's version: [`BACKUP_VERSION`].
    pub version: u64,
    /// When it was written (UNIX milliseconds).
    #[serde(default)]
    pub exported_at: i64,
    /// Labels, notes and keep marks.
    #[serde(default)]
    pub numbers: Notes,
    /// Favourite service codes.
    #[serde(default)]
    pub favourites: Vec<String>,
    /// SMS already seen (so none is notified again).
    #[serde(default)]
    pub seen_sms: Vec<String>,
    /// Remembered choices by storage name (see [`CHOICES`]).
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
    /// The API key, only when the person asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// The API address that goes with that key (none: the app's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base: Option<String>,
    /// Automatic prolonging: the switch, the monthly limit and each number's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_prolong: Option<AutoPlan>,
    /// What automatic prolonging did, newest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auto_log: Vec<LogEntry>,
    /// The inbox's messages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<StoredSms>,
    /// The batches of rentals, each with its steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batches: Vec<Batch>,
}

/// Why a file cannot be imported. Nothing is changed in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Larger than [`BACKUP_MAX_BYTES`].
    TooLarge,
    /// Not JSON, or cut off.
    Broken,
    /// JSON, but not a rentdesk backup.
    NotBackup,
    /// Written by a newer rentdesk: this version.
    FutureVersion(u64),
    /// A rentdesk backup with a value this build does not accept: which part.
    Invalid(&'static str),
}

/// The first look at a file: what it says it is.
#[derive(Deserialize)]
struct Header {
    kind: Option<String>,
    version: Option<u64>,
}

fn short_text(text: &str, max: usize) -> bool {
    text.chars().count() <= max && !text.chars().any(char::is_control)
}

/// Reads and checks a whole backup file; only a file that passes every check is returned.
pub fn read_backup(text: &str) -> Result<Backup, BackupError> {
    if text.len() > BACKUP_MAX_BYTES {
        return Err(BackupError::TooLarge);
    }
    let header: Header = serde_json::from_str(text).map_err(|_| BackupError::Broken)?;
    if header.kind.as_deref() != Some(BACKUP_KIND) {
        return Err(BackupError::NotBackup);
    }
    match header.version {
        Some(v) if v > BACKUP_VERSION => return Err(BackupError::FutureVersion(v)),
        Some(v) if v >= 1 => {}
        _ => return Err(BackupError::NotBackup),
    }
    let mut backup: Backup =
        serde_json::from_str(text).map_err(|_| BackupError::Invalid("structure"))?;
    if backup.numbers.len() > NUMBERS_MAX {
        return Err(BackupError::Invalid("numbers"));
    }
    for (key, n) in &mut backup.numbers {
        if !valid_number_key(key) {
            return Err(BackupError::Invalid("numbers"));
        }
        if n.label.chars().count() > LABEL_MAX {
            return Err(BackupError::Invalid("label"));
        }
        if n.note.chars().count() > NOTE_MAX {
            return Err(BackupError::Invalid("note"));
        }
        n.label = clean_label(&n.label);
        n.note = clean_note(&n.note);
    }
    let code_ok = |c: &String| {
        (1..=64).contains(&c.len())
            && c.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    if backup.favourites.len() > FAVOURITES_MAX || !backup.favourites.iter().all(code_ok) {
        return Err(BackupError::Invalid("favourites"));
    }
    if backup.seen_sms.len() > SEEN_MAX || !backup.seen_sms.iter().all(|s| short_text(s, 300)) {
        return Err(BackupError::Invalid("seen_sms"));
    }
    let choice_ok = |(k, v): (&String, &String)| CHOICES.contains(&k.as_str()) && short_text(v, 40);
    if !backup.choices.iter().all(choice_ok) {
        return Err(BackupError::Invalid("choices"));
    }
    if backup
        .api_key
        .as_deref()
        .is_some_and(|k| !short_text(k, 200))
        || backup
            .api_base
            .as_deref()
            .is_some_and(|b| !short_text(b, 500))
    {
        return Err(BackupError::Invalid("api_key"));
    }
    if backup.auto_prolong.as_ref().is_some_and(|p| !valid_plan(p)) {
        return Err(BackupError::Invalid("auto_prolong"));
    }
    let entry_ok =
        |e: &LogEntry| valid_number_key(&e.number) && e.price.is_none_or(|p| !p.is_negative());
    if backup.auto_log.len() > LOG_MAX || !backup.auto_log.iter().all(entry_ok) {
        return Err(BackupError::Invalid("auto_log"));
    }
    if backup.messages.len() > KEEP_MAX || !backup.messages.iter().all(StoredSms::valid) {
        return Err(BackupError::Invalid("messages"));
    }
    if backup.batches.len() > crate::batch::KEPT || !backup.batches.iter().all(Batch::valid) {
        return Err(BackupError::Invalid("batches"));
    }
    Ok(backup)
}

/// What an import did to the numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Numbers this browser knew nothing about.
    pub added: usize,
    /// Numbers whose entry in the file was changed later than here.
    pub updated: usize,
    /// Numbers kept as they were: the same, or changed later here.
    pub kept: usize,
}

/// Merges `incoming` into `notes`: per number, the entry changed later wins.
pub fn merge_notes(notes: &mut Notes, incoming: Notes) -> MergeReport {
    let mut report = MergeReport::default();
    for (key, theirs) in incoming {
        match notes.get(&key) {
            None if theirs.is_blank() => {}
            None => {
                report.added += 1;
                notes.insert(key, theirs);
            }
            Some(ours) if theirs.changed > ours.changed && !theirs.same_content(ours) => {
                if ours.is_blank() {
                    report.added += 1;
                } else {
                    report.updated += 1;
                }
                notes.insert(key, theirs);
            }
            Some(_) => report.kept += 1,
        }
    }
    report
}

/// `ours` followed by what `theirs` adds, at most `max` (the newest of `theirs` dropped).
pub fn merge_list(ours: &[String], theirs: &[String], max: usize) -> Vec<String> {
    let mut all = ours.to_vec();
    for item in theirs {
        if !all.contains(item) {
            all.push(item.clone());
        }
    }
    all.truncate(max.max(ours.len()));
    all
}

#[cfg(test)]
mod tests;
