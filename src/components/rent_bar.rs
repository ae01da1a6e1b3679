//! The rent page's total and Rent at the foot of the screen once the ones at the top have
//! scrolled out of view, so a person who picks a service far down the list rents it where
//! they are. It is `position: sticky` at the end of the page's form: it never covers the
//! last service, where it comes to rest below it.

use crate::i18n::{usd, Msg};
use crate::state::settings::use_settings;
use leptos::html::Button;
use leptos::prelude::*;
use rent_api::{Money, ServiceOffer};

/// The bar, shown while `watched` (the Rent button at the top) is out of view.
#[component]
pub fn RentBar(
    watched: NodeRef<Button>,
    #[prop(into)] picked: Signal<Vec<ServiceOffer>>,
    #[prop(into)] total: Signal<Option<Money>>,
    #[prop(into)] can_rent: Signal<bool>,
    on_rent: Callback<()>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let shown = RwSignal::new(false);
    let follow = move || {
        let out = watched.get_untracked().is_some_and(|b| {
            let r = b.get_bounding_client_rect();
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            r.bottom() < 0.0 || r.top() > height
        });
        if shown.get_untracked() != out {
            shown.set(out);
        }
    };
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| follow());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| follow());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    let what = move || {
        picked.with(|p| match p.as_slice() {
            [] => t(Msg::TotalChooseService).to_owned(),
            [one] => one.name.clone(),
            [first, rest @ ..] => t(Msg::RentBarMore)
                .replace("{service}", &first.name)
                .replace("{n}", &rest.len().to_string()),
        })
    };
    let amount = move || total.get().map(|m| usd(m, settings.lang.get()));
    view! {
        {move || shown.get().then(|| view! {
            <div class="rent-bar" data-testid="rent-bar">
                <span class="rent-bar-what">{what}</span>
                <strong class="rent-bar-total">{amount}</strong>
                <button type="button" class="rent-bar-button" disabled=move || !can_rent.get()
                    aria-label=move || t(Msg::RentBarButton)
                        .replace("{service}", &what())
                        .replace("{total}", &amount().unwrap_or_default())
                    on:click=move |_| on_rent.run(())>
                    {t(Msg::RentButton)}
                </button>
            </div>
        })}
    }
}
