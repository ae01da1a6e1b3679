//! What the rent page shows for the current choice, loaded as the choice changes:
//! `getdata`'s services, the country's operators (`getdataWithProviders`) and, for several
//! services, `get_count_multi`'s count. Each request has a ticket; an answer whose ticket
//! is no longer the latest is dropped, so a slow old answer never overwrites a newer choice.

use crate::api::{Api, ApiFailure};
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
    /// Whether the services shown are for an older choice.
    pub refreshing: Signal<bool>,
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
        let latest = StoredValue::new(0u64);
        Effect::new(move |_| {
            reload.track();
            let Some(key) = wanted.get() else { return };
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            failure.set(None);
            let api = Api::current();
            let for_operators = key.clone();
            spawn_local(async move {
                let (c, p, k) = key.clone();
                let result = api.offers(c, p, k).await;
                if latest.try_get_value() != Some(ticket) {
                    return;
                }
                match result {
                    Ok(list) => {
                        offers.try_set(Some(list.services));
                        offers_for.try_set(Some(key));
                    }
                    Err(e) => {
                        failure.try_set(Some(e));
                    }
                }
            });
            let api = Api::current();
            spawn_local(async move {
                let (c, p, k) = for_operators;
                // Operators are a refinement: without them the number comes from any.
                let result = api.operators(c, p, k).await.ok();
                if latest.try_get_value() == Some(ticket) {
                    operators.try_set(result);
                }
            });
        });
        let refreshing = Signal::derive(move || {
            failure.get().is_none() && wanted.get().is_some() && offers_for.get() != wanted.get()
        });
        ChoiceOffers {
            offers,
            failure,
            operators,
            refreshing,
            reload,
        }
    }

    /// Asks again, e.g. after a refusal that may mean the stock changed.
    pub fn reload(&self) {
        self.reload.update(|n| *n += 1);
    }

    /// `get_count_multi` for `wanted` (two or more services), reloaded with the offers.
    pub fn multi_count(&self, wanted: Memo<Option<MultiKey>>) -> MultiCount {
        let reload = self.reload;
        let answer: RwSignal<Option<(MultiKey, i64)>> = RwSignal::new(None);
        let failure = RwSignal::new(None);
        let latest = StoredValue::new(0u64);
        Effect::new(move |_| {
            reload.track();
            let Some(key) = wanted.get() else { return };
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            failure.set(None);
            let api = Api::current();
            spawn_local(async move {
                let (c, s, p, k) = key.clone();
                let result = api.count_multi(c, s, p, k).await;
                if latest.try_get_value() != Some(ticket) {
                    return;
                }
                match result {
                    Ok(n) => {
                        answer.try_set(Some((key, n)));
                    }
                    Err(e) => {
                        failure.try_set(Some(e));
                    }
                }
            });
        });
        let count = Signal::derive(move || {
            let wanted = wanted.get()?;
            answer.get().filter(|(k, _)| *k == wanted).map(|(_, n)| n)
        });
        MultiCount { count, failure }
    }
}

/// Numbers free for all picked services at once.
#[derive(Clone, Copy)]
pub struct MultiCount {
    /// The count for the current choice; `None` while unknown or with fewer than two.
    pub count: Signal<Option<i64>>,
    /// Why the latest `get_count_multi` failed.
    pub failure: RwSignal<Option<ApiFailure>>,
}
