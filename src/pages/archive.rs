//! `/archive`: past rentals, a page at a time (the page is in the URL), and restoring one.

use crate::components::error_note::ErrorNote;
use crate::components::key_gate::KeyGate;
use crate::components::number_label::NumberLabel;
use crate::components::on_demand::DialogOnDemand;
use crate::components::restore_dialog;
use crate::i18n::Msg;
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use crate::text::phone::format_international;
use crate::text::time;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rent_api::{ArchivedRental, NumberType, Period};
use std::collections::HashMap;

/// Page sizes offered.
const SIZES: [u32; 3] = [10, 20, 50];

/// The archive page.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{move || settings.t(Msg::ArchiveTitle)}</h1>
        <KeyGate>
            <ArchiveView/>
        </KeyGate>
    }
}

#[component]
fn ArchiveView() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1)
        })
    });
    let size = Memo::new(move |_| {
        query.with(|q| {
            q.get("size")
                .and_then(|s| s.parse::<u32>().ok())
                .filter(|s| SIZES.contains(s))
                .unwrap_or(20)
        })
    });
    let navigate = use_navigate();
    let go = move |page: u32, size: u32| {
        navigate(
            &format!("/archive?page={page}&size={size}"),
            Default::default(),
        )
    };

    // One row more than shown tells whether there is a next page.
    let rows = LocalResource::new(move || {
        let (page, size) = (page.get(), size.get());
        let api = use_settings().api();
        async move { api.history((page - 1) * size, size + 1).await }
    });
    // Service names by code, from the first country's catalogue (codes are global).
    let names = LocalResource::new(move || {
        let api = use_settings().api();
        async move {
            let first = api.countries().await.ok()?.into_iter().next()?;
            let offers = api
                .services(first.code, Period::one_week(), NumberType::Any)
                .await
                .ok()?;
            Some(
                offers
                    .into_iter()
                    .map(|o| (o.service, o.name))
                    .collect::<HashMap<_, _>>(),
            )
        }
    });
    let service_name = move |code: &str| {
        names
            .get()
            .flatten()
            .and_then(|n| n.get(code).cloned())
            .unwrap_or_else(|| code.to_owned())
    };
    let filter = RwSignal::new(String::new());
    let notes = use_number_notes();
    let restore_for: RwSignal<Option<ArchivedRental>> = RwSignal::new(None);

    let table = move |list: Vec<ArchivedRental>| {
        let lang = settings.lang.get();
        let needle = crate::text::lower(filter.get().trim());
        let shown: Vec<ArchivedRental> = list
            .into_iter()
            .take(size.get_untracked() as usize)
            .filter(|r| {
                let note = notes.of(&r.number);
                needle.is_empty()
                    || r.number.contains(needle.trim_start_matches('+'))
                    || crate::text::lower(&note.label).contains(&needle)
                    || crate::text::lower(&note.note).contains(&needle)
                    || crate::text::lower(&r.resource_code).contains(&needle)
                    || crate::text::lower(&service_name(&r.resource_code)).contains(&needle)
            })
            .collect();
        if shown.is_empty() {
            return view! { <p class="empty">{t(Msg::ArchiveEmpty)}</p> }.into_any();
        }
        view! {
            <div class="table-wrap">
                <table class="archive">
                    <thead><tr>
                        <th scope="col">{t(Msg::ColBegin)}</th>
                        <th scope="col">{t(Msg::ColClosed)}</th>
                        <th scope="col">{t(Msg::ColService)}</th>
                        <th scope="col">{t(Msg::ColNumber)}</th>
                        <th scope="col">{t(Msg::ColAction)}</th>
                    </tr></thead>
                    <tbody>
                        {shown.into_iter().map(|r| {
                            let id = r.order_id;
                            let name = service_name(&r.resource_code);
                            let rental = r.clone();
                            view! {
                                <tr data-order=id>
                                    <td data-label=t(Msg::ColBegin)>{time::date_time(r.begin, lang)}</td>
                                    <td data-label=t(Msg::ColClosed)>{time::date_time(r.closed, lang)}</td>
                                    <td data-label=t(Msg::ColService)>{name}</td>
                                    <td data-label=t(Msg::ColNumber) class="number">
                                        <span class="phone">{format_international(&r.country, &r.number)}</span>
                                        <NumberLabel number=r.number.clone() show_note=true/>
                                    </td>
                                    <td>
                                        // Clickable even when the API says it cannot be
                                        // restored: the dialog then says why.
                                        <button type="button" class="secondary"
                                            on:click=move |_| restore_for.set(Some(rental.clone()))>
                                            {t(Msg::ActionRestore)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let has_next = move || {
        rows.get()
            .and_then(|r| r.ok())
            .is_some_and(|l| l.len() as u32 > size.get())
    };

    view! {
        <div class="row filters">
            <input type="search" aria-label=settings.text(Msg::ArchiveFilter) placeholder=settings.text(Msg::ArchiveFilter)
                prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            <label class="inline" for="page-size">{settings.text(Msg::PageSize)}</label>
            <select id="page-size" on:change={
                let go = go.clone();
                move |ev| go(1, event_target_value(&ev).parse().unwrap_or(20))
            }>
                {SIZES.iter().map(|s| {
                    let s = *s;
                    view! { <option value=s.to_string() selected=move || size.get() == s>{s}</option> }
                }).collect_view()}
            </select>
        </div>
        {move || match rows.get() {
            None => view! { <p role="status">{t(Msg::Loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <ErrorNote failure=e retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
            Some(Ok(list)) => table(list),
        }}
        <nav class="pager" aria-label=settings.text(Msg::PageN)>
            <button type="button" class="secondary" disabled=move || page.get() <= 1 on:click={
                let go = go.clone();
                move |_| go(page.get_untracked() - 1, size.get_untracked())
            }>{settings.text(Msg::PagePrev)}</button>
            <span aria-current="page" data-testid="page">{move || format!("{} {}", t(Msg::PageN), page.get())}</span>
            <button type="button" class="secondary" disabled=move || !has_next() on:click={
                let go = go.clone();
                move |_| go(page.get_untracked() + 1, size.get_untracked())
            }>{settings.text(Msg::PageNext)}</button>
        </nav>
        // Its own wasm part (crate::parts), fetched when first opened.
        <DialogOnDemand opened=move || restore_for.with(Option::is_some) close=Callback::new(move |_| restore_for.set(None))
            load=move || restore_dialog::restore_dialog(restore_for)/>
    }
}
