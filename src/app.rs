//! The app: context providers, the layout, and the routes.

use crate::components::app_notices::AppNotices;
use crate::components::header::Header;
use crate::components::on_demand::OnDemand;
use crate::i18n::Msg;
use crate::pages::{not_found, rent};
use crate::parts;
use crate::state::auto_prolong::AppRoot;
use crate::state::batches::Batches;
use crate::state::inbox_count::InboxCount;
use crate::state::notice::{NoticeBar, Notices};
use crate::state::number_notes::NumberNotes;
use crate::state::session::Session;
use crate::state::settings::Settings;
use crate::state::tabs::Tabs;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let settings = Settings::load();
    provide_context(settings);
    let session = Session::new();
    provide_context(session);
    provide_context(Tabs::start(settings, session));
    provide_context(Notices::new());
    provide_context(NumberNotes::load());
    provide_context(InboxCount::load());
    let batches = Batches::load();
    provide_context(batches);
    let any_batch = Memo::new(move |_| batches.heads.with(|all| all.iter().any(|b| !b.closed)));
    if let Some(root) = Owner::current() {
        provide_context(AppRoot(root));
    }
    // Once the first page is usable: the service worker, then the other pages and the
    // dialogs fetched in the background (unless the browser is saving data).
    leptos::task::spawn_local(async {
        let cached = crate::browser::quiet::after_first_page().await;
        if !crate::browser::quiet::saves_data() {
            parts::prefetch(cached).await;
        }
    });

    view! {
        <Router base=crate::browser::base::base_path()>
            <a class="skip-link" href="#main">{settings.text(Msg::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <NoticeBar/>
                <AppNotices/>
                // A batch's banner and runner: their own part, fetched only when there is one.
                {move || any_batch.get().then(|| view! {
                    <OnDemand load=crate::components::batch_panel::batch_panel/>
                })}
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=rent::RentPage/>
                    // Every other page is its own wasm part (crate::parts).
                    <Route path=path!("/rentals") view=|| view! { <OnDemand load=parts::rentals_page/> }/>
                    <Route path=path!("/inbox") view=|| view! { <OnDemand load=parts::inbox_page/> }/>
                    <Route path=path!("/archive") view=|| view! { <OnDemand load=parts::archive_page/> }/>
                    <Route path=path!("/faq") view=|| view! { <OnDemand load=parts::faq_page/> }/>
                    <Route path=path!("/settings") view=|| view! { <OnDemand load=parts::settings_page/> }/>
                    <Route path=path!("/where") view=|| view! { <OnDemand load=parts::where_page/> }/>
                </Routes>
            </main>
        </Router>
    }
}
