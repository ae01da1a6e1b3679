//! The inbox's store: every SMS the desk reads, kept in IndexedDB the moment it is read, so
//! it stays after its rental expires, is deleted or restored. When IndexedDB is blocked or
//! full, what this visit read is kept in memory and the inbox says so.

use crate::browser::idb::{self, Db};
use crate::browser::storage::{self, keys};
use crate::state::inbox_count::InboxCount;
use crate::state::tabs::{Message, Tabs};
use rent_api::inbox::{over_cap, StoredSms, KEEP_DEFAULT, KEEP_MAX, KEEP_MIN};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};

thread_local! {
    /// What this visit read, for when IndexedDB fails.
    static VISIT: RefCell<Vec<StoredSms>> = const { RefCell::new(Vec::new()) };
}

/// How many messages the inbox keeps (the person's choice, or the default).
pub fn keep_limit() -> usize {
    storage::get(keys::INBOX_KEEP)
        .and_then(|n| n.parse().ok())
        .unwrap_or(KEEP_DEFAULT)
        .clamp(KEEP_MIN, KEEP_MAX)
}

/// Sets how many messages are kept; the oldest beyond it go at the next write.
pub fn set_keep_limit(n: usize) {
    storage::set(
        keys::INBOX_KEEP,
        Some(&n.clamp(KEEP_MIN, KEEP_MAX).to_string()),
    );
}

fn remember_visit(items: &[StoredSms]) {
    VISIT.with(|v| {
        let mut v = v.borrow_mut();
        for m in items {
            match v.iter_mut().find(|x| x.key == m.key) {
                Some(x) => x.read |= m.read,
                None => v.push(m.clone()),
            }
        }
    });
}

fn decode(texts: Vec<String>) -> Vec<StoredSms> {
    texts
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect()
}

fn encode(items: &[StoredSms]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|m| Some((m.key.clone(), serde_json::to_string(m).ok()?)))
        .collect()
}

/// Keeps `items`: new ones added, read marks taken (a message once read stays read), the
/// oldest beyond the limit removed, the header's count updated.
pub async fn keep(items: Vec<StoredSms>) {
    remember_visit(&items);
    let _ = write(items).await;
}

async fn write(items: Vec<StoredSms>) -> Result<(), ()> {
    let db = idb::open().await?;
    let known: HashSet<String> = db.keys().await?.into_iter().collect();
    let changed: Vec<StoredSms> = items
        .into_iter()
        .filter(|m| m.read || !known.contains(&m.key))
        .collect();
    if changed.is_empty() {
        return Ok(()); // read again, nothing new: no recount of every message
    }
    db.put(&encode(&changed)).await?;
    settle(&db).await
}

/// Trims to the limit and counts what is unread.
async fn settle(db: &Db) -> Result<(), ()> {
    let all = decode(db.all().await?);
    db.delete(&over_cap(&all, keep_limit())).await?;
    let unread = all.iter().filter(|m| !m.read).count();
    InboxCount::set(u32::try_from(unread).unwrap_or(u32::MAX));
    Ok(())
}

/// Every message kept; `Err` with what this visit read when IndexedDB fails.
pub async fn load() -> Result<Vec<StoredSms>, Vec<StoredSms>> {
    let visit = || VISIT.with(|v| v.borrow().clone());
    let Ok(db) = idb::open().await else {
        return Err(visit());
    };
    db.all().await.map(decode).map_err(|()| visit())
}

/// Marks every message read (the person opened the inbox).
pub async fn mark_all_read(items: &[StoredSms]) {
    let unread: Vec<StoredSms> = items
        .iter()
        .filter(|m| !m.read)
        .map(|m| StoredSms {
            read: true,
            ..m.clone()
        })
        .collect();
    remember_visit(&unread);
    if let Ok(db) = idb::open().await {
        if db.put(&encode(&unread)).await.is_ok() {
            InboxCount::set(0);
        }
    }
}

/// Deletes every stored message ("Delete all stored messages").
pub async fn delete_all() -> bool {
    VISIT.with(|v| v.borrow_mut().clear());
    let Ok(db) = idb::open().await else {
        return false;
    };
    let done = db.clear().await.is_ok();
    if done {
        InboxCount::set(0);
    }
    done
}

/// Adds a backup's messages; how many were new.
pub async fn import(items: Vec<StoredSms>) -> usize {
    let Ok(db) = idb::open().await else {
        return 0;
    };
    let Ok(keys) = db.keys().await else { return 0 };
    let known: HashSet<String> = keys.into_iter().collect();
    let new: Vec<StoredSms> = items
        .into_iter()
        .filter(|m| !known.contains(&m.key))
        .collect();
    if db.put(&encode(&new)).await.is_err() {
        return 0;
    }
    let _ = settle(&db).await;
    new.len()
}

/// Rentals whose SMS were opened in the inbox: no longer "new" on My rentals (its title
/// and favicon count), in this browser's memory and in every open tab.
pub fn opened_rentals(ids: &BTreeSet<i64>, tabs: Option<Tabs>) {
    if ids.is_empty() {
        return;
    }
    let stored: Vec<i64> = storage::get(keys::SMS_UNREAD)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let left: Vec<i64> = stored.into_iter().filter(|id| !ids.contains(id)).collect();
    if let Ok(text) = serde_json::to_string(&left) {
        storage::set(keys::SMS_UNREAD, Some(&text));
    }
    if let Some(tabs) = tabs {
        for id in ids {
            tabs.post(Message::Opened { id: *id });
        }
    }
}
