//! The services picked for one number, beside the total: each with its price for the
//! period and a way to take it out, and how many numbers can take all of them.

use crate::i18n::{usd, Msg};
use crate::state::settings::use_settings;
use leptos::prelude::*;
use rent_api::{rules, Period, ServiceOffer};

/// The summary of the picked services; nothing while none is picked.
#[component]
pub fn PickedServices(
    /// The picked services as offered now, in the order picked.
    #[prop(into)]
    picked: Signal<Vec<ServiceOffer>>,
    /// The rental period, for each service's price.
    #[prop(into)]
    period: Signal<Period>,
    /// The picked codes, to take one out.
    selected: RwSignal<Vec<String>>,
    /// Numbers free for all picked services (`get_count_multi`), with two or more.
    #[prop(into)]
    multi_count: Signal<Option<i64>>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let remove = move |code: String| selected.update(|s| s.retain(|c| *c != code));
    let item = move |offer: ServiceOffer| {
        let code = offer.service.clone();
        let price = rules::total(offer.price_day, period.get_untracked())
            .map(|m| usd(m, settings.lang.get_untracked()))
            .unwrap_or_default();
        let name = offer.name.clone();
        let data_code = code.clone();
        view! {
            <li data-service=data_code>
                <span class="picked-name">{offer.name.clone()}</span>
                <span class="picked-price">{price}</span>
                <button type="button" class="secondary remove"
                    aria-label=move || format!("{}: {name}", t(Msg::RemoveService))
                    on:click=move |_| remove(code.clone())>
                    <span aria-hidden="true">"×"</span>
                </button>
            </li>
        }
    };
    view! {
        <Show when=move || !picked.with(Vec::is_empty)>
            <section class="picked" aria-labelledby="picked-title" data-testid="picked">
                <h2 id="picked-title" class="picked-title">{settings.text(Msg::ServicesPicked)}</h2>
                <ul>{move || { period.track(); picked.get().into_iter().map(item).collect_view() }}</ul>
                {move || (picked.with(Vec::len) > 1).then(|| view! {
                    <p class="hint">
                        {t(Msg::ServicesPickedHint)} " "
                        <span data-testid="multi-count">{move || multi_count.get().map(|n| t(Msg::FreeForAll).replace("{n}", &n.to_string()))}</span>
                    </p>
                })}
                <button type="button" class="secondary" on:click=move |_| selected.set(Vec::new())>
                    {settings.text(Msg::ClearServices)}
                </button>
            </section>
        </Show>
    }
}
