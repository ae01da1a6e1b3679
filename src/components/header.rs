//! The top bar: the sections and the balance.

use crate::browser::base::href;
use crate::components::theme_toggle::ThemeToggle;
use crate::i18n::{usd, Msg};
use crate::state::inbox_count::InboxCount;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos_router::components::A;

/// Navigation between the sections, and the balance of the saved key.
#[component]
pub fn Header() -> impl IntoView {
    let settings = use_settings();
    view! {
        <header class="top">
            <A href=href("/") exact=true attr:class="brand">
                <img src=href("/favicon.svg") alt="" width="24" height="24"/>
                <span>"rentdesk"</span>
            </A>
            <nav aria-label=settings.text(Msg::NavMain)>
                <A href=href("/") exact=true>{settings.text(Msg::NavRent)}</A>
                <A href=href("/where")>{settings.text(Msg::NavWhere)}</A>
                <A href=href("/rentals")>{settings.text(Msg::NavRentals)}</A>
                <A href=href("/inbox")>{settings.text(Msg::NavInbox)} <InboxBadge/></A>
                <A href=href("/archive")>{settings.text(Msg::NavArchive)}</A>
                <A href=href("/faq")>{settings.text(Msg::NavFaq)}</A>
                <A href=href("/settings")>{settings.text(Msg::NavSettings)}</A>
            </nav>
            <BalanceBadge/>
            <ThemeToggle/>
        </header>
    }
}

/// How many inbox messages are not opened yet, when there are any.
#[component]
fn InboxBadge() -> impl IntoView {
    let settings = use_settings();
    let count = expect_context::<InboxCount>();
    move || {
        let n = count.0.get();
        (n > 0).then(|| {
            let words = settings.t(Msg::InboxUnread).replace("{n}", &n.to_string());
            view! {
                <span class="badge sms" data-testid="inbox-unread" aria-hidden="true">{n}</span>
                <span class="visually-hidden">{format!(" ({words})")}</span>
            }
        })
    }
}

/// The balance in USD, or why it is not known.
#[component]
fn BalanceBadge() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let text = move || {
        if settings.api_key.get().is_none() {
            return t(Msg::NoKeyShort).to_owned();
        }
        match session.balance.get() {
            None => t(Msg::Loading).to_owned(),
            Some(Ok(amount)) => format!("{} {}", t(Msg::Balance), usd(amount, settings.lang.get())),
            Some(Err(_)) => t(Msg::BalanceUnknown).to_owned(),
        }
    };
    let title = move || match session.balance.get() {
        Some(Err(e)) => e.message(settings.lang.get()),
        _ => String::new(),
    };
    view! {
        <p class="balance" data-testid="balance" title=title aria-live="polite">{text}</p>
    }
}
