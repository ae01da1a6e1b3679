//! The router's parts: every page but the rent page is cut into its own wasm part by the
//! build (scripts/build/split.mjs, crates/wasm-split), so the rent page downloads none of
//! it; each dialog's part is declared beside its component. Each is `fallible`: a part
//! that cannot be fetched is an `Err` that `OnDemand` shows with a retry (Leptos's `#[lazy]`
//! would panic). `prefetch` fetches them all once the first page is usable, so a click does
//! not wait for the network.

use crate::components::{add_service_dialog, auto_prolong_dialog, batch_panel, bulk_prolong};
use crate::components::{prolong_dialog, rent_confirm, restore_dialog, sms_dialog};
use crate::pages::{archive, faq, inbox, rentals, settings, where_to_rent};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

crate::components::on_demand::on_demand_parts! {
    /// `/rentals`.
    rentals_page / preload_rentals_page () => view! { <rentals::RentalsPage/> };
    /// `/inbox`.
    inbox_page / preload_inbox_page () => view! { <inbox::InboxPage/> };
    /// `/archive`.
    archive_page / preload_archive_page () => view! { <archive::ArchivePage/> };
    /// `/where`.
    where_page / preload_where_page () => view! { <where_to_rent::WherePage/> };
    /// `/faq`.
    faq_page / preload_faq_page () => view! { <faq::FaqPage/> };
    /// `/settings`.
    settings_page / preload_settings_page () => view! { <settings::SettingsPage/> };
}

/// Starts the parts a click from the rent page is most likely to need (the confirmation, My
/// rentals, SMS, prolong), so they open without a wait. With the service worker active its
/// install has already copied every part, so the rest open from its cache without the
/// network; without one every part is fetched here. A failure is left for the next use
/// to retry.
pub async fn prefetch(cached: bool) {
    let _: [Result<(), SplitLoaderError>; 4] = [
        rent_confirm::preload_rent_confirm().await,
        preload_rentals_page().await,
        sms_dialog::preload_sms_dialog().await,
        prolong_dialog::preload_prolong_dialog().await,
    ];
    if cached {
        return;
    }
    let _: [Result<(), SplitLoaderError>; 10] = [
        preload_inbox_page().await,
        auto_prolong_dialog::preload_auto_prolong_dialog().await,
        preload_archive_page().await,
        preload_settings_page().await,
        preload_where_page().await,
        preload_faq_page().await,
        add_service_dialog::preload_add_service_dialog().await,
        bulk_prolong::preload_bulk_prolong().await,
        restore_dialog::preload_restore_dialog().await,
        batch_panel::preload_batch_panel().await,
    ];
}
