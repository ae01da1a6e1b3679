//! What arrives on demand: each function here is cut into its own wasm part by the build
//! (scripts/build/split.mjs, crates/wasm-split), so the rent page downloads none of it.
//! Each is `fallible`: a part that cannot be fetched is an `Err` that `OnDemand` shows with
//! a retry (Leptos's `#[lazy]` would panic). `prefetch` fetches them all once the first
//! page is usable, so a click does not wait for the network.

use crate::components::add_service_dialog::AddServiceDialog;
use crate::components::auto_prolong_dialog::AutoProlongDialog;
use crate::components::bulk_prolong::BulkProlong;
use crate::components::key_form::KeyForm;
use crate::components::on_demand::PartMissing;
use crate::components::prolong_dialog::ProlongDialog;
use crate::components::rent_confirm::{RentConfirm, RentDraft};
use crate::components::restore_dialog::RestoreDialog;
use crate::components::sms_dialog::SmsDialog;
use crate::pages::{archive, faq, inbox, rentals, settings, where_to_rent};
use crate::state::live_rentals::LiveRentals;
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;
use rent_api::ArchivedRental;
use std::collections::HashSet;

type Part = Result<AnyView, PartMissing>;

/// Each part: with the `split` feature (the app's build, see index.html) a `fallible`
/// `wasm_split` function and its preload; without it (the component tests, whose runner
/// cannot serve the split's loader) an ordinary async function, and a preload that has
/// nothing to do.
macro_rules! parts {
    ($($(#[doc = $doc:literal])* $name:ident / $preload:ident ($($arg:ident: $ty:ty),*) => $view:expr;)*) => {$(
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        pub fn $name($($arg: $ty),*) -> Part {
            Ok($view.into_any())
        }

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Part {
            Ok($view.into_any())
        }

        #[cfg(not(feature = "split"))]
        #[allow(dead_code)] // the key prompt's is never prefetched
        async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    )*};
}

parts! {
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
    /// The rent page → Rent: the confirmation and the paid call.
    rent_confirm / preload_rent_confirm (draft: RentDraft) => view! { <RentConfirm draft/> };
    /// The key prompt, shown only while no key is saved.
    key_form / preload_key_form (offer_demo: bool) => view! { <KeyForm offer_demo/> };
    /// My rentals → SMS.
    sms_dialog / preload_sms_dialog (open: RwSignal<Option<i64>>, live: LiveRentals) => view! { <SmsDialog open live/> };
    /// My rentals → Prolong.
    prolong_dialog / preload_prolong_dialog (open: RwSignal<Option<i64>>, live: LiveRentals, done: Callback<()>) => view! { <ProlongDialog open live done/> };
    /// My rentals → Add a service.
    add_service_dialog / preload_add_service_dialog (open: RwSignal<Option<i64>>, live: LiveRentals, done: Callback<()>) => view! { <AddServiceDialog open live done/> };
    /// My rentals → Prolong selected.
    bulk_prolong / preload_bulk_prolong (open: RwSignal<bool>, selected: RwSignal<HashSet<i64>>, order: Signal<Vec<i64>>, live: LiveRentals, done: Callback<()>) => view! { <BulkProlong open selected order live done/> };
    /// My rentals → Auto-prolong.
    auto_prolong_dialog / preload_auto_prolong_dialog (open: RwSignal<Option<i64>>, live: LiveRentals) => view! { <AutoProlongDialog open live/> };
    /// Archive → Restore.
    restore_dialog / preload_restore_dialog (open: RwSignal<Option<ArchivedRental>>) => view! { <RestoreDialog open/> };
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
    let _: [Result<(), SplitLoaderError>; 9] = [
        preload_inbox_page().await,
        preload_auto_prolong_dialog().await,
        preload_archive_page().await,
        preload_settings_page().await,
        preload_where_page().await,
        preload_faq_page().await,
        preload_add_service_dialog().await,
        preload_bulk_prolong().await,
        preload_restore_dialog().await,
    ];
}
