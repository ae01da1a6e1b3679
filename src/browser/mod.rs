//! Plumbing to the browser's own facilities: storage, clipboard, downloads, notifications,
//! locks and broadcast channels between tabs, where the app is hosted.

pub mod base;
pub mod broadcast;
pub mod clipboard;
pub mod download;
pub mod idb;
pub mod locks;
pub mod notify;
pub mod quiet;
pub(crate) mod storage;
pub mod stored_lock;
pub mod texts;
pub mod timing;
