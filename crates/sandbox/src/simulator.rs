//! Demo SMS: now and then a message arrives at an active number, so a person trying the
//! sandbox sees the table flag new SMS without any tooling.

use crate::store::{SmsDelivery, Store};
use std::sync::Arc;
use std::time::Duration;

const SENDERS: &[(&str, &str)] = &[
    ("Instagram", "Instagram code: {code}. Don't share it."),
    ("WhatsApp", "Your WhatsApp code: {code}"),
    (
        "Telegram",
        "Telegram code: {code}. Do not give this code to anyone.",
    ),
    ("Google", "G-{code} is your Google verification code."),
    ("FACEBOOK", "Code Instagram: {split}."),
    ("Airbnb", "Your Airbnb verification code is: {code}."),
];

/// Starts the demo SMS task: every `every` seconds, one active rental may get a message.
pub fn spawn(store: Arc<Store>, every: u64) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(every.max(1)));
        tick.tick().await;
        loop {
            tick.tick().await;
            let store = store.clone();
            let _ = tokio::task::spawn_blocking(move || deliver_one(&store)).await;
        }
    });
}

fn deliver_one(store: &Store) {
    let Ok(active) = store.active_rentals() else {
        return;
    };
    if active.is_empty() {
        return;
    }
    let id = active[fastrand::usize(..active.len())];
    let (sender, template) = SENDERS[fastrand::usize(..SENDERS.len())];
    let code = fastrand::u32(100_000..1_000_000).to_string();
    let text = template
        .replace("{code}", &code)
        .replace("{split}", &format!("{} {}", &code[..3], &code[3..]));
    let _ = store.deliver_sms(&SmsDelivery {
        id,
        sender: sender.to_owned(),
        text,
    });
}
