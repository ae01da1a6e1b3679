//! A paid request started from a confirmation (rent, prolong, add service, delete,
//! restore). One place keeps the promise that a double click never charges twice: a start
//! while the request runs is ignored.

use crate::api::ApiFailure;
use leptos::prelude::*;
use std::future::Future;

/// A paid request and its last failure.
pub struct PaidAction<I: 'static, O: 'static> {
    action: Action<I, Result<O, ApiFailure>>,
    failure: RwSignal<Option<ApiFailure>>,
}

impl<I: 'static, O: 'static> Clone for PaidAction<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for PaidAction<I, O> {}

impl<I: Send + Sync + 'static, O: Clone + Send + Sync + 'static> PaidAction<I, O> {
    /// `run` sends the request; `on_ok` gets its answer; `on_failed` runs after a failure
    /// has been recorded (e.g. to refresh the balance, which a refusal may have changed).
    pub fn new<Fut>(
        run: impl Fn(&I) -> Fut + 'static,
        on_ok: impl Fn(O) + 'static,
        on_failed: impl Fn() + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<O, ApiFailure>> + 'static,
    {
        let action = Action::new_local(run);
        let failure = RwSignal::new(None);
        Effect::new(move |_| match action.value().get() {
            Some(Ok(answer)) => on_ok(answer),
            Some(Err(e)) => {
                failure.set(Some(e));
                on_failed();
            }
            None => {}
        });
        Self { action, failure }
    }

    /// Sends the request unless one is on its way.
    pub fn start(&self, input: I) {
        if !self.action.pending().get_untracked() {
            self.failure.set(None);
            self.action.dispatch(input);
        }
    }

    /// Whether the request is on its way.
    pub fn busy(&self) -> Signal<bool> {
        let action = self.action;
        Signal::derive(move || action.pending().get())
    }

    /// The last failure, cleared by the next start or by [`PaidAction::forget_failure`].
    pub fn failure(&self) -> ReadSignal<Option<ApiFailure>> {
        self.failure.read_only()
    }

    /// Clears the failure shown, e.g. when its dialog opens for another rental.
    pub fn forget_failure(&self) {
        self.failure.set(None);
    }
}
