//! The services of a country for a period: find by typing, sort, favourites on top, and
//! pick one or several (one number for all of them). A sold-out service is shown but
//! cannot be picked.

use crate::i18n::{usd, Msg};
use crate::state::favourites::{save_favourites, stored_favourites, FAVOURITES_CAP};
use crate::state::rent_choice::{arrange, SortBy};
use crate::state::settings::use_settings;
use crate::state::where_search::{common_discount, discount_text, discount_words};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::ServiceOffer;

/// How many services a task draws: the page's first frame draws one step (a phone shows
/// about eight), and each later task one more, so no task draws a whole country (154
/// services in RU took one task of about 105 ms at 4× CPU).
const STEP: usize = 30;

/// The service picker.
#[component]
pub fn ServiceList(
    /// The services for the current choice (`None` while the first answer is awaited).
    #[prop(into)]
    offers: Signal<Option<Vec<ServiceOffer>>>,
    /// The picked service codes, in the order picked.
    selected: RwSignal<Vec<String>>,
    /// Whether a newer answer is on its way (the list shown is for the previous choice).
    #[prop(into)]
    refreshing: Signal<bool>,
    /// Whether the list shown is the last visit's, until the fresh answer comes.
    #[prop(into)]
    from_last_visit: Signal<bool>,
    /// Where "write to support" leads; no link when empty.
    support: String,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Popular);
    let favourites = RwSignal::new(stored_favourites());
    let toggle_favourite = move |code: String| {
        favourites.update(|f| {
            if let Some(i) = f.iter().position(|c| *c == code) {
                f.remove(i);
            } else {
                f.push(code);
                f.drain(..f.len().saturating_sub(FAVOURITES_CAP));
            }
            save_favourites(f);
        });
    };
    let shared_discount =
        Memo::new(move |_| offers.with(|o| o.as_deref().and_then(common_discount)));
    // The first frame draws a screenful and more; the rest follow once it is painted, a step
    // per task, so on a slow phone the page is usable before all of a country's services are
    // laid out, and a tap is never kept waiting by them. `drawn`: the steps shown.
    let drawn = RwSignal::new(1usize);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || offers.with(Option::is_none) {
            return done.unwrap_or(false);
        }
        request_animation_frame(move || {
            spawn_local(async move {
                loop {
                    crate::browser::timing::give_way().await;
                    let total = offers.with_untracked(|o| o.as_ref().map_or(0, Vec::len));
                    let Some(steps) = drawn.try_get_untracked() else {
                        return;
                    };
                    if steps.saturating_mul(STEP) >= total {
                        drawn.try_set(usize::MAX);
                        return;
                    }
                    drawn.try_set(steps + 1);
                }
            });
        });
        true
    });
    let shown = move || {
        offers
            .get()
            .map(|list| arrange(&list, &search.get(), sort.get(), &favourites.get()))
    };

    let row = move |offer: ServiceOffer| {
        let code = offer.service.clone();
        let id = format!("service-{code}");
        let sold_out = offer.count <= 0;
        let is_favourite = {
            let code = code.clone();
            move || favourites.get().contains(&code)
        };
        let is_selected = {
            let code = code.clone();
            move || selected.with(|s| s.contains(&code))
        };
        let pick = {
            let code = code.clone();
            move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                selected.update(|s| {
                    s.retain(|c| *c != code);
                    if on {
                        s.push(code.clone());
                    }
                });
            }
        };
        let discount = {
            let d = offer.discount;
            move || {
                shared_discount
                    .get()
                    .is_none()
                    .then(|| discount_text(&d, settings.lang.get()))
                    .flatten()
            }
        };
        let star = {
            let code = code.clone();
            move |_| toggle_favourite(code.clone())
        };
        let selected_class = is_selected.clone();
        let pressed = is_favourite.clone();
        let star_text = is_favourite.clone();
        let star_label = {
            let name = offer.name.clone();
            let is_favourite = is_favourite.clone();
            move || {
                let action = if is_favourite() {
                    Msg::FavouriteRemove
                } else {
                    Msg::FavouriteAdd
                };
                format!("{}: {name}", t(action))
            }
        };
        view! {
            <li class="service" class:sold-out=sold_out class:selected=selected_class data-service=code.clone()>
                <input type="checkbox" name="service" id=id.clone()
                    disabled={
                        let is_selected = is_selected.clone();
                        move || sold_out && !is_selected()
                    }
                    prop:checked=is_selected on:change=pick/>
                <label for=id>
                    <span class="service-name">{offer.name.clone()}</span>
                    <span class="service-price">{move || usd(offer.price_day, settings.lang.get())} " " {settings.text(Msg::PerDay)}</span>
                    <span class="service-count">
                        {move || if sold_out { t(Msg::SoldOut).to_owned() } else { format!("{} {}", offer.count, t(Msg::AvailableCount)) }}
                    </span>
                    {move || discount().map(|d| view! { <span class="service-discount">{d}</span> })}
                </label>
                <button type="button" class="star" aria-pressed=move || pressed().to_string()
                    aria-label=star_label on:click=star>
                    {move || if star_text() { "★" } else { "☆" }}
                </button>
            </li>
        }
    };

    view! {
        <fieldset class="services" aria-busy=move || refreshing.get().to_string()>
            <legend>{settings.text(Msg::ServicesLegend)}</legend>
            <div class="row tools">
                <label class="visually-hidden" for="service-search">{settings.text(Msg::ServiceSearch)}</label>
                <input id="service-search" type="search" autocomplete="off"
                    placeholder=settings.text(Msg::ServiceSearch)
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))/>
                <label for="service-sort" class="inline">{settings.text(Msg::SortLabel)}</label>
                <select id="service-sort" on:change=move |ev| sort.set(SortBy::from_value(&event_target_value(&ev)))>
                    <option value="popular">{settings.text(Msg::SortPopular)}</option>
                    <option value="name">{settings.text(Msg::SortName)}</option>
                    <option value="price">{settings.text(Msg::SortPrice)}</option>
                    <option value="available">{settings.text(Msg::SortAvailable)}</option>
                </select>
            </div>
            {move || shared_discount.get().map(|d| view! {
                <p class="hint" data-testid="discount-note">{t(Msg::DiscountAll)} " " {discount_words(d, settings.lang.get())}</p>
            })}
            <p class="refreshing" role="status">
                {move || match (offers.get().is_none(), from_last_visit.get(), refreshing.get()) {
                    (true, _, _) => t(Msg::ServicesLoading),
                    (false, true, _) => t(Msg::ServicesFromLastVisit),
                    (false, false, true) => t(Msg::ServicesRefreshing),
                    _ => "",
                }}
            </p>
            {move || shown().map(|list| {
                if list.is_empty() {
                    view! { <p class="empty-search">{t(Msg::NoServiceMatch)}</p> }.into_any()
                } else {
                    // Each step its own block: drawing the next one leaves those shown alone.
                    let steps = list.chunks(STEP).map(<[ServiceOffer]>::to_vec).enumerate().map(|(k, step)| {
                        let visible = Memo::new(move |_| drawn.get() > k);
                        move || visible.get().then(|| step.clone().into_iter().map(row).collect_view().into_any())
                    }).collect_view();
                    view! { <ul class="service-list" class:stale=move || refreshing.get() || from_last_visit.get()>{steps}</ul> }.into_any()
                }
            })}
            <p class="support">
                {settings.text(Msg::SupportLine)}
                {(!support.is_empty()).then(|| view! { " " <a href=support.clone()>{settings.text(Msg::SupportLink)}</a> })}
            </p>
        </fieldset>
    }
}
