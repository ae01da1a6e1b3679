//! The app: context providers, the layout, and the routes.

use crate::components::app_notices::AppNotices;
use crate::components::header::Header;
use crate::i18n::Msg;
use crate::pages::where_to_rent::WherePage;
use crate::pages::{archive, faq, not_found, rent, rentals, settings as settings_page};
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

    view! {
        <Router base=crate::browser::base::base_path()>
            <a class="skip-link" href="#main">{settings.text(Msg::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <NoticeBar/>
                <AppNotices/>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=rent::RentPage/>
                    <Route path=path!("/rentals") view=rentals::RentalsPage/>
                    <Route path=path!("/archive") view=archive::ArchivePage/>
                    <Route path=path!("/faq") view=faq::FaqPage/>
                    <Route path=path!("/settings") view=settings_page::SettingsPage/>
                    <Route path=path!("/where") view=WherePage/>
                </Routes>
            </main>
        </Router>
    }
}
