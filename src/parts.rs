//! What arrives on demand: each function here is cut into its own wasm part by the build
//! (scripts/build/split.mjs, crates/wasm-split), so the rent page downloads none of it.
//! Each is `fallible`: a part that cannot be fetched is an `Err` that `OnDemand` shows with
//! a retry (Leptos's `#[lazy]` would panic). `prefetch` fetches them all once the first
//! page is usable, so a click does not wait for the network.

use crate::components::add_service_dialog::AddServiceDialog;
use crate::components::bulk_prolong::BulkProlong;
use crate::components::key_form::KeyForm;
use crate::components::on_demand::PartMissing;
use crate::components::prolong_dialog::ProlongDialog;
use crate::components::rent_confirm::{RentConfirm, RentDraft};
use crate::components::restore_dialog::RestoreDialog;
use crate::components::sms_dialog::SmsDialog;
use crate::pages::{archive, faq, rentals, settings, where_to_rent};
use crate::state::live_rentals::LiveRentals;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use rent_api::ArchivedRental;
use std::collections::HashSet;

type Part = Result<AnyView, PartMissing>;

/// `/rentals`.
#[wasm_split(rentals_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_rentals_page))]
pub fn rentals_page() -> Part {
    Ok(view! { <rentals::RentalsPage/> }.into_any())
}

/// `/archive`.
#[wasm_split(archive_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_archive_page))]
pub fn archive_page() -> Part {
    Ok(view! { <archive::ArchivePage/> }.into_any())
}

/// `/where`.
#[wasm_split(where_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_where_page))]
pub fn where_page() -> Part {
    Ok(view! { <where_to_rent::WherePage/> }.into_any())
}

/// `/faq`.
#[wasm_split(faq_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_faq_page))]
pub fn faq_page() -> Part {
    Ok(view! { <faq::FaqPage/> }.into_any())
}

/// `/settings`.
#[wasm_split(settings_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_settings_page))]
pub fn settings_page() -> Part {
    Ok(view! { <settings::SettingsPage/> }.into_any())
}

/// The rent page → Rent: the confirmation and the paid call.
#[wasm_split(rent_confirm, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_rent_confirm))]
pub fn rent_confirm(draft: RentDraft) -> Part {
    Ok(view! { <RentConfirm draft/> }.into_any())
}

/// The key prompt, shown only while no key is saved.
#[wasm_split(key_form, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_key_form))]
pub fn key_form(offer_demo: bool) -> Part {
    Ok(view! { <KeyForm offer_demo/> }.into_any())
}

/// My rentals → SMS.
#[wasm_split(sms_dialog, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_sms_dialog))]
pub fn sms_dialog(open: RwSignal<Option<i64>>, live: LiveRentals) -> Part {
    Ok(view! { <SmsDialog open live/> }.into_any())
}

/// My rentals → Prolong.
#[wasm_split(prolong_dialog, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_prolong_dialog))]
pub fn prolong_dialog(open: RwSignal<Option<i64>>, live: LiveRentals, done: Callback<()>) -> Part {
    Ok(view! { <ProlongDialog open live done/> }.into_any())
}

/// My rentals → Add a service.
#[wasm_split(add_service_dialog, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_add_service_dialog))]
pub fn add_service_dialog(
    open: RwSignal<Option<i64>>,
    live: LiveRentals,
    done: Callback<()>,
) -> Part {
    Ok(view! { <AddServiceDialog open live done/> }.into_any())
}

/// My rentals → Prolong selected.
#[wasm_split(bulk_prolong, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_bulk_prolong))]
pub fn bulk_prolong(
    open: RwSignal<bool>,
    selected: RwSignal<HashSet<i64>>,
    order: Signal<Vec<i64>>,
    live: LiveRentals,
    done: Callback<()>,
) -> Part {
    Ok(view! { <BulkProlong open selected order live done/> }.into_any())
}

/// Archive → Restore.
#[wasm_split(restore_dialog, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_restore_dialog))]
pub fn restore_dialog(open: RwSignal<Option<ArchivedRental>>) -> Part {
    Ok(view! { <RestoreDialog open/> }.into_any())
}

/// Starts the parts a click from the rent page is most likely to need (the confirmation, My
/// rentals, SMS, prolong), so they open without a wait. With the service worker active its
/// install has already copied every part, so the rest open from its cache without the
/// network; without one every part is fetched here. A failure is left for the next use
/// to retry.
pub async fn prefetch(cached: bool) {
    let _: [Result<(), SplitLoaderError>; 4] = [
        preload_rent_confirm().await,
        preload_rentals_page().await,
        preload_sms_dialog().await,
        preload_prolong_dialog().await,
    ];
    if cached {
        return;
    }
    let _: [Result<(), SplitLoaderError>; 7] = [
        preload_archive_page().await,
        preload_settings_page().await,
        preload_where_page().await,
        preload_faq_page().await,
        preload_add_service_dialog().await,
        preload_bulk_prolong().await,
        preload_restore_dialog().await,
    ];
}
