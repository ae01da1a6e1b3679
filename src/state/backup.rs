//! "Export my data" and "Import": everything this browser remembers for rentdesk in one
//! versioned JSON file (labels, notes, keep marks, favourites, seen SMS, choices, batches; the API
//! key only when asked), and reading such a file back. A file is checked completely
//! before anything changes; then it is merged, the later change winning.

use crate::browser::storage::{self, keys};
use crate::i18n::{Lang, Msg};
use crate::state::auto_prolong::AutoProlong;
use crate::state::batches::Batches;
use crate::state::favourites::{save_favourites, stored_favourites};
use crate::state::number_notes::NumberNotes;
use crate::state::settings::{stored_base, stored_key, Settings, Theme};
use crate::state::sms_watch::{save_seen, stored_seen};
use leptos::prelude::*;
use rent_api::desk::{self, Backup, BackupError, MergeReport};
use rent_api::inbox::StoredSms;

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Labels, notes and keep marks.
    pub numbers: MergeReport,
    /// Favourite services added.
    pub favourites: usize,
    /// Choices taken (only where this browser had none).
    pub choices: usize,
    /// The file's API key: `Some(true)` taken, `Some(false)` not (this browser has another).
    pub key: Option<bool>,
    /// Automatic prolonging rules and settings taken.
    pub auto: usize,
    /// Inbox messages added.
    pub messages: usize,
    /// Batches of rentals added (as records).
    pub batches: usize,
}

/// The backup file's text; the key and its address only with `with_key`.
/// `messages`: the inbox's (read before, as IndexedDB answers later).
pub fn export(
    settings: Settings,
    notes: NumberNotes,
    auto: AutoProlong,
    messages: Vec<StoredSms>,
    with_key: bool,
) -> String {
    let choices = desk::CHOICES
        .iter()
        .filter_map(|k| storage::get(k).map(|v| ((*k).to_owned(), v)))
        .filter(|(_, v)| v.chars().count() <= 40)
        .collect();
    let backup = Backup {
        kind: desk::BACKUP_KIND.into(),
        version: desk::BACKUP_VERSION,
        exported_at: js_sys::Date::now() as i64,
        numbers: notes.all_untracked(),
        favourites: stored_favourites(),
        seen_sms: stored_seen(),
        choices,
        api_key: with_key.then(|| settings.api_key.get_untracked()).flatten(),
        api_base: with_key
            .then(|| settings.api_base.get_untracked())
            .flatten(),
        auto_prolong: Some(auto.plan.get_untracked()),
        auto_log: auto.log.get_untracked(),
        messages,
        batches: crate::state::batches::stored(),
    };
    serde_json::to_string(&backup).unwrap_or_default()
}

/// Reads `text` as a backup and merges it in; nothing changes when it is refused. The
/// inbox's messages are handed back, for the inbox to add (asynchronously).
pub fn import(
    settings: Settings,
    (notes, auto, batches): (NumberNotes, AutoProlong, Batches),
    text: &str,
) -> Result<(ImportReport, Vec<StoredSms>), BackupError> {
    let mut backup = desk::read_backup(text)?;
    let messages = std::mem::take(&mut backup.messages);
    let mut all = notes.all_untracked();
    let mut report = ImportReport {
        numbers: desk::merge_notes(&mut all, backup.numbers),
        ..ImportReport::default()
    };
    notes.replace(all);
    report.auto = auto.merge(backup.auto_prolong, backup.auto_log);
    report.batches = batches.merge(std::mem::take(&mut backup.batches));

    let ours = stored_favourites();
    let merged = desk::merge_list(&ours, &backup.favourites, desk::FAVOURITES_MAX);
    report.favourites = merged.len() - ours.len();
    if report.favourites > 0 {
        save_favourites(&merged);
    }
    let ours = stored_seen();
    let merged = desk::merge_list(&ours, &backup.seen_sms, desk::SEEN_MAX);
    if merged.len() > ours.len() {
        save_seen(merged);
    }

    // A choice made in this browser stays; the file fills only what is unset here.
    for (key, value) in backup.choices {
        if storage::get(&key).is_some() {
            continue;
        }
        report.choices += 1;
        match key.as_str() {
            keys::LANG => settings.set_lang(Lang::from_code(&value)),
            keys::THEME => settings.set_theme(Theme::from_stored(Some(&value))),
            _ => {
                storage::set(&key, Some(&value));
            }
        }
    }

    // A key comes only with its own address (never an address alone: a file must not
    // send this browser's key somewhere else), and never over a key already here.
    if let Some(key) = stored_key(backup.api_key) {
        let ours = settings.api_key.get_untracked();
        report.key = Some(ours.is_none() || ours.as_deref() == Some(key.as_str()));
        if ours.is_none() {
            settings.set_api_base(stored_base(backup.api_base));
            settings.set_key(Some(key));
        }
    }
    Ok((report, messages))
}

/// Why a file was refused, in words.
pub fn refusal(error: &BackupError) -> Msg {
    match error {
        BackupError::TooLarge => Msg::ImportTooLarge,
        BackupError::Broken => Msg::ImportBroken,
        BackupError::NotBackup => Msg::ImportNotBackup,
        BackupError::FutureVersion(_) => Msg::ImportFuture,
        BackupError::Invalid(_) => Msg::ImportInvalid,
    }
}
