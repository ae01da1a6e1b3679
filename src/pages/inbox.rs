//! `/inbox`: every SMS the desk has read, from every rental, newest first, kept after the
//! rental ends. One search over code, text, sender, number and label; filters by number,
//! by service, and "only unread". Only the messages near the screen are drawn.

use crate::browser::base::href;
use crate::browser::storage;
use crate::components::copy_code::CopyCode;
use crate::components::row_window::RowWindow;
use crate::i18n::Msg;
use crate::state::inbox;
use crate::state::inbox_count::InboxCount;
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use crate::state::tabs::Tabs;
use crate::text::phone::format_phone;
use crate::text::sms_code::find_code;
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::inbox::{newest_first, InboxFilter, StoredSms};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// The inbox page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let notes = use_number_notes();
    // A notification's click opens the inbox while this is where the person reads SMS.
    storage::set(storage::keys::LAST_VIEW, Some("inbox"));
    // Every message, newest first; `None` while loading.
    let all: RwSignal<Option<Arc<Vec<StoredSms>>>> = RwSignal::new(None);
    let failed = RwSignal::new(false);
    // Unread when the page opened: they stand out during this visit.
    let fresh: StoredValue<HashSet<String>> = StoredValue::new(HashSet::new());
    let tabs = use_context::<Tabs>();
    let load = move || {
        spawn_local(async move {
            let (mut list, broken) = match inbox::load().await {
                Ok(list) => (list, false),
                Err(visit) => (visit, true),
            };
            newest_first(&mut list);
            fresh.try_update_value(|f| {
                f.extend(list.iter().filter(|m| !m.read).map(|m| m.key.clone()))
            });
            failed.try_set(broken);
            all.try_set(Some(Arc::new(list.clone())));
            let opened: BTreeSet<i64> = list.iter().filter(|m| !m.read).map(|m| m.rental).collect();
            inbox::opened_rentals(&opened, tabs);
            inbox::mark_all_read(&list).await;
        });
    };
    load();
    // A message read by My rentals in another tab while this one is open: shown at once.
    let count = expect_context::<InboxCount>();
    Effect::new(move |first: Option<()>| {
        if count.0.get() > 0 && first.is_some() {
            load();
        }
    });

    let filter = RwSignal::new(InboxFilter::default());
    let shown = Memo::new(move |_| {
        let Some(list) = all.get() else {
            return Vec::new();
        };
        notes.with(|n| {
            filter.with(|f| {
                list.iter()
                    .enumerate()
                    .filter(|(_, m)| {
                        let label = n.get(&m.number).map_or("", |x| x.label.as_str());
                        f.shows(m, label, crate::text::lower)
                    })
                    .map(|(i, _)| i as i64)
                    .collect::<Vec<i64>>()
            })
        })
    });
    let window = RowWindow::new(shown.into());
    let list_ref = NodeRef::<leptos::html::Ol>::new();
    window.attach(list_ref, false);

    // The filters' choices: each number (with its label) and each service seen.
    let numbers = Memo::new(move |_| {
        all.get().map_or_else(BTreeMap::new, |list| {
            list.iter()
                .map(|m| (m.number.clone(), format_phone(&m.ccode, m.national())))
                .collect::<BTreeMap<String, String>>()
        })
    });
    let services = Memo::new(move |_| {
        all.get().map_or_else(BTreeSet::new, |list| {
            list.iter()
                .map(|m| m.service.clone())
                .collect::<BTreeSet<String>>()
        })
    });
    let set = move |edit: fn(&mut InboxFilter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| edit(f, value));
        }
    };

    view! {
        <h1>{settings.text(Msg::InboxTitle)}</h1>
        <p class="help">{settings.text(Msg::InboxHelp)}</p>
        {move || failed.get().then(|| view! { <p class="note warn" role="alert" data-testid="inbox-storage">{t(Msg::InboxStorageFailed)}</p> })}
        <div class="row inbox-filters">
            <input type="search" class="grow" aria-label=settings.text(Msg::InboxSearch) placeholder=settings.text(Msg::InboxSearch)
                on:input=set(|f, v| f.needle = crate::text::lower(v.trim()))/>
            <label class="inline" for="inbox-number">{settings.text(Msg::InboxNumber)}</label>
            <select id="inbox-number" on:change=set(|f, v| f.number = v)>
                <option value="">{settings.text(Msg::FilterAll)}</option>
                {move || numbers.get().into_iter().map(|(key, shown)| {
                    let label = notes.label(&key).map(|l| format!("{l} · ")).unwrap_or_default();
                    view! { <option value=key>{format!("{label}{shown}")}</option> }
                }).collect_view()}
            </select>
            <label class="inline" for="inbox-service">{settings.text(Msg::InboxService)}</label>
            <select id="inbox-service" on:change=set(|f, v| f.service = v)>
                <option value="">{settings.text(Msg::FilterAll)}</option>
                {move || services.get().into_iter().map(|s| { let value = s.clone(); view! { <option value=value>{s}</option> } }).collect_view()}
            </select>
            <label class="inline choice">
                <input type="checkbox" on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    filter.update(|f| f.unread_only = on);
                }/>
                " " {settings.text(Msg::InboxUnreadOnly)}
            </label>
        </div>
        {move || match all.get() {
            None => view! { <p role="status">{t(Msg::Loading)}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p class="empty" data-testid="inbox-empty">{t(Msg::InboxEmpty)}</p> }.into_any(),
            Some(list) => view! {
                <p class="hint" data-testid="inbox-count">
                    {move || t(Msg::InboxShown).replace("{n}", &window.len().to_string()).replace("{total}", &list.len().to_string())}
                </p>
            }.into_any(),
        }}
        <ol class="inbox-list" node_ref=list_ref aria-label=settings.text(Msg::InboxTitle) on:keydown=move |ev| window.keydown(ev)>
            {move || window.windowed().then(|| view! { <li class="window-spacer" aria-hidden="true" style:height=move || window.above()></li> })}
            <For each=move || window.drawn.get() key=|i| *i let:i>
                {move || all.get().and_then(|list| list.get(i as usize).cloned()).map(|m| {
                    let unread = fresh.with_value(|f| f.contains(&m.key));
                    view! { <Message sms=m index=i unread/> }
                })}
            </For>
            {move || window.windowed().then(|| view! { <li class="window-spacer" aria-hidden="true" style:height=move || window.below()></li> })}
        </ol>
        {move || (all.get().is_some_and(|l| !l.is_empty()) && window.is_empty()).then(|| view! { <p class="empty-search">{t(Msg::InboxNoMatch)}</p> })}
    }
}

/// One message as a card: when, from whom, to which number, the code to copy, the text,
/// and a link to its rental.
#[component]
fn Message(sms: StoredSms, index: i64, unread: bool) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let notes = use_number_notes();
    let number = format_phone(&sms.ccode, sms.national());
    let key = sms.number.clone();
    let code = find_code(&sms.text);
    view! {
        <li class="message" class:unread=unread data-row=index data-testid="message">
            <p class="message-meta">
                <time>{move || time::date_time(sms.date, settings.lang.get())}</time>
                " · " <bdi class="sms-sender">{sms.sender.clone()}</bdi>
                {unread.then(|| view! { <span class="badge sms">{move || t(Msg::InboxNew)}</span> })}
            </p>
            {code.map(|code| view! { <CopyCode code testid="inbox-code"/> })}
            <p class="message-text"><bdi>{sms.text.clone()}</bdi></p>
            <p class="message-number">
                {move || notes.label(&key).map(|l| view! { <bdi class="label">{l}</bdi> " · " })}
                <span class="number">{number}</span> " · " <span>{sms.service.clone()}</span> " · "
                <a href=href(&format!("/rentals?open={}", sms.rental))>{move || t(Msg::InboxOpenRental)}</a>
            </p>
        </li>
    }
}
