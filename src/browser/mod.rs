//! Plumbing to the browser's own facilities: storage, clipboard, downloads, notifications, where the app is hosted.

pub mod base;
pub mod clipboard;
pub mod download;
pub mod notify;
pub(crate) mod storage;
