//! What the rent page shows for the current choice, loaded as the choice changes:
//! `getdata`'s services, the country's operators (`getdataWithProviders`) and, for several
//! services, `get_count_multi`'s count. Each request has a ticket; an answer whose ticket
//! is no longer the latest is dropped, so a slow old answer never overwrites a newer choice.

use crate::api::{Api, ApiFailure, ApiResult};
use crate::state::last_catalogue;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::{NumberType, OperatorList, Period, ServiceOffer};

/// Country, period and number type: what `getdata` is asked for.
pub type OffersKey = (String, Period, NumberType);
/// The same with the picked service codes: what `get_count_multi` is asked for.
pub type MultiKey = (String, Vec<String>, Period, NumberType);

/// The services and operators of the current choice.
#[derive(Clone, Copy)]
pub struct ChoiceOffers {
    /// The services (`None` until the first answer).
    pub offers: RwSignal<Option<Vec<ServiceOffer>>>,
    /// Why the latest `getdata` failed.
    pub failure: RwSignal<Option<ApiFailure>>,
    /// The country's operators; `None` when unknown (then any operator).
    pub operators: RwSignal<Option<OperatorList>>,
    /// Whether the services shown are for an older choice, or from the last visit.
    pub refreshing: Signal<bool>,
    /// Whether the services shown are the last visit's, kept until the fresh answer.
    pub from_last_visit: Signal<bool>,
    /// The last visit's services for a choice, once the fresh answer replaced them: what
    /// a changed price is told against.
    pub last_visit: RwSignal<Option<(OffersKey, Vec<ServiceOffer>)>>,
    reload: RwSignal<u32>,
}

impl ChoiceOffers {
    /// Loads the offers for `wanted`, again whenever it changes.
    pub fn load(wanted: Memo<Option<OffersKey>>) -> Self {
        let offers = RwSignal::new(None);
        let offers_for: RwSignal<Option<OffersKey>> = RwSignal::new(None);
        let failure = RwSignal::new(None);
        let operators = RwSignal::new(None);
        let reload = RwSignal::new(0u32);
        // A repeat visit: the last catalogue at once, if it was for this choice.
        let shown_kept: RwSignal<Option<OffersKey>> = RwSignal::new(None);
        let last_visit = RwSignal::new(None);
        if let Some((c, p, k)) = wanted.get_untracked() {
            let url = use_settings().api().offers_url(c.clone(), p, k);
            if let Some(list) = last_catalogue::load(&url) {
                offers.set(Some(list.services));
                shown_kept.set(Some((c, p, k)));
            }
        }
        ask_latest(
            wanted,
            reload,
            Some(failure),
            |api, (c, p, k)| async move {
                let url = api.offers_url(c.clone(), p, k);
                api.offers_answer(c, p, k)
                    .await
                    .map(|(list, answer)| (list, answer, url))
            },
            move |key, (list, answer, url)| {
                last_catalogue::keep(&url, &answer);
                if let Some(kept) = shown_kept.try_update(Option::take).flatten() {
                    let old = offers.try_get_untracked().flatten().unwrap_or_default();
                    last_visit.try_set(Some((kept, old)));
                }
                // The same services as shown (the last visit's, usually): nothing to redraw.
                if offers.try_with_untracked(|o| o.as_ref() != Some(&list.services)) == Some(true) {
                    offers.try_set(Some(list.services));
                }
                offers_for.try_set(Some(key));
            },
        );
        // Operators are a refinement: without them (or on failure) the number comes from any.
        ask_latest(
            wanted,
            reload,
            None,
            |api, (c, p, k)| async move { Ok(api.operators(c, p, k).await.ok()) },
            move |_, list| {
                operators.try_set(list);
            },
        );
        let refreshing = Signal::derive(move || {
            failure.get().is_none() && wanted.get().is_some() && offers_for.get() != wanted.get()
        });
        ChoiceOffers {
            offers,
            failure,
            operators,
            refreshing,
            from_last_visit: Signal::derive(move || shown_kept.with(Option::is_some)),
            last_visit,
            reload,
        }
    }

    /// Asks again, e.g. after a refusal that may mean the stock changed.
    pub fn reload(&self) {
        self.reload.update(|n| *n += 1);
    }

    /// `get_count_multi` for `wanted` (two or more services), reloaded with the offers.
    pub fn multi_count(&self, wanted: Memo<Option<MultiKey>>) -> MultiCount {
        let answer: RwSignal<Option<(MultiKey, i64)>> = RwSignal::new(None);
        let failure = RwSignal::new(None);
        ask_latest(
            wanted,
            self.reload,
            Some(failure),
            |api, (c, s, p, k)| async move { api.count_multi(c, s, p, k).await },
            move |key, n| {
                answer.try_set(Some((key, n)));
            },
        );
        let count = Signal::derive(move || {
            let wanted = wanted.get()?;
            answer.get().filter(|(k, _)| *k == wanted).map(|(_, n)| n)
        });
        MultiCount { count, failure }
    }
}

/// Asks `ask` for the `wanted` key, again whenever it changes or `reload` ticks, and hands
/// the answer to `done` only while its request is still the latest: each request takes a
/// ticket, and an answer whose ticket is no longer the latest is dropped. A failure goes to
/// `failure`, which is cleared when a new request goes out.
fn ask_latest<K, T, Fut>(
    wanted: Memo<Option<K>>,
    reload: RwSignal<u32>,
    failure: Option<RwSignal<Option<ApiFailure>>>,
    ask: impl Fn(Api, K) -> Fut + Copy + 'static,
    done: impl Fn(K, T) + Copy + 'static,
) where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: 'static,
    Fut: std::future::Future<Output = ApiResult<T>> + 'static,
{
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        reload.track();
        let Some(key) = wanted.get() else { return };
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        if let Some(failure) = failure {
            failure.set(None);
        }
        let api = use_settings().api();
        spawn_local(async move {
            let result = ask(api, key.clone()).await;
            if latest.try_get_value() != Some(ticket) {
                return;
            }
            match (result, failure) {
                (Ok(answer), _) => done(key, answer),
                (Err(e), Some(failure)) => {
                    failure.try_set(Some(e));
                }
                (Err(_), None) => {}
            }
        });
    });
}

/// Numbers free for all picked services at once.
#[derive(Clone, Copy)]
pub struct MultiCount {
    /// The count for the current choice; `None` while unknown or with fewer than two.
    pub count: Signal<Option<i64>>,
    /// Why the latest `get_count_multi` failed.
    pub failure: RwSignal<Option<ApiFailure>>,
}
