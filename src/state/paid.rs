//! A paid request started from a confirmation (rent, prolong, add service, delete,
//! restore). One place keeps the promises about money:
//! - a double click never charges twice: a start while the request runs is ignored;
//! - every click sends its own request id, so a GET the browser resends is answered, not
//!   done again (see the sandbox's `replay`);
//! - an answer lost on the way is "outcome unknown": `orders` (and the balance) are asked at
//!   once, and the person is told what happened, never that nothing was charged unchecked;
//!   a retry while the outcome stays unknown reuses the click's id;
//! - `orders` before and after a rent show whether one click made more than one rental;
//! - what is done is announced to the other tabs, whose balance and rentals follow at once;
//! - an action whose id is derived from what it does (prolonging a rental as it is now)
//!   is done once even when two tabs click at the same moment.

use crate::api::{Api, ApiFailure};
use crate::i18n::Msg;
use crate::state::notice::{Notice, Notices};
use crate::state::session::Session;
use crate::state::settings::use_settings;
use crate::state::tabs::Tabs;
use crate::text::phone::format_phone;
use leptos::prelude::*;
use rent_api::{Period, Rental};
use std::future::Future;

/// How to tell from `orders` whether a paid call was done when its answer is lost.
pub struct Check<I, O> {
    /// What the person is told when it was done.
    pub done: Msg,
    /// The call's result, found in `orders` before and after it; `None`: not done.
    pub find: fn(&I, &[Rental], &[Rental]) -> Option<O>,
    /// The call rents one number: more new rentals after it are said out loud.
    pub rents: bool,
}

/// What came of a click.
#[derive(Clone)]
enum Outcome<O> {
    /// Answered.
    Answered(O, Vec<Rental>),
    /// The answer was lost; `orders` show it was done.
    Found(O),
}

/// A paid request and its last failure.
pub struct PaidAction<I: 'static, O: 'static> {
    action: Action<(I, String), Result<Outcome<O>, ApiFailure>>,
    failure: RwSignal<Option<ApiFailure>>,
    /// The input and id of the click in flight or with an unknown outcome.
    unsettled: StoredValue<Option<(I, String)>>,
    /// The request id of an input, where it is derived rather than new per click.
    derived: Option<fn(&I) -> String>,
    /// Refusals so far: a click after one gets an id of its own (the API's answer to the
    /// derived id is kept for ten minutes, and the refusal may be over: money topped up).
    refusals: StoredValue<u32>,
}

impl<I: 'static, O: 'static> Clone for PaidAction<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for PaidAction<I, O> {}

/// A new request id: time and chance, unique enough for one key's clicks in ten minutes.
fn new_request_id() -> String {
    let time = js_sys::Date::now() as u64;
    let chance = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{time:x}{chance:08x}")
}

/// Rentals in `after` that are not in `before`.
fn new_rentals(before: &[Rental], after: &[Rental]) -> Vec<Rental> {
    after
        .iter()
        .filter(|a| before.iter().all(|b| b.id != a.id))
        .cloned()
        .collect()
}

impl<I, O> PaidAction<I, O>
where
    I: Clone + PartialEq + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    /// `run` sends the request with the client it is given (which carries the click's id);
    /// `on_ok` gets its answer; `on_failed` runs after a failure has been recorded (e.g. to
    /// refresh the balance, which a refusal may have changed). With a `check`, a lost answer
    /// is looked up in `orders`.
    pub fn new<Fut>(
        run: impl Fn(&I, Api) -> Fut + 'static,
        on_ok: impl Fn(O) + 'static,
        on_failed: impl Fn() + 'static,
        check: Option<Check<I, O>>,
    ) -> Self
    where
        Fut: Future<Output = Result<O, ApiFailure>> + 'static,
    {
        let notices = use_context::<Notices>();
        let session = use_context::<Session>();
        let tabs = use_context::<Tabs>();
        let refusals = StoredValue::new(0u32);
        let done_msg = check.as_ref().map(|c| c.done);
        let check = check.map(|c| (c.find, c.rents));
        let action = Action::new_local(move |(input, id): &(I, String)| {
            let api = use_settings().api();
            let sent = run(input, api.clone().with_request_id(id));
            let input = input.clone();
            async move {
                let Some((find, rents)) = check else {
                    return sent.await.map(|o| Outcome::Answered(o, Vec::new()));
                };
                // Without the rentals as they were, a lost answer could never be checked:
                // nothing is sent then.
                let before = api.orders().await?;
                match sent.await {
                    Ok(o) => {
                        let mut extra = Vec::new();
                        if rents {
                            if let Ok(after) = api.orders().await {
                                extra = new_rentals(&before, &after);
                            }
                        }
                        Ok(Outcome::Answered(o, extra))
                    }
                    Err(lost @ (ApiFailure::Network | ApiFailure::Timeout)) => {
                        match api.orders().await {
                            Ok(after) => match find(&input, &before, &after) {
                                Some(o) => Ok(Outcome::Found(o)),
                                // A timed-out call may still be under way on the server.
                                None if lost == ApiFailure::Timeout => Err(ApiFailure::LostUnknown),
                                None => Err(ApiFailure::LostNotDone),
                            },
                            Err(_) => Err(ApiFailure::LostUnknown),
                        }
                    }
                    Err(e) => Err(e),
                }
            }
        });
        let failure = RwSignal::new(None);
        let unsettled = StoredValue::new(None);
        Effect::new(move |_| {
            let Some(result) = action.value().get() else {
                return;
            };
            if !matches!(result, Err(ApiFailure::LostUnknown)) {
                unsettled.set_value(None);
            }
            match result {
                Ok(Outcome::Answered(answer, made)) => {
                    if let (true, Some(notices)) = (made.len() > 1, notices) {
                        let numbers: Vec<String> = made
                            .iter()
                            .map(|r| format_phone(&r.ccode, &r.pnumber))
                            .collect();
                        notices.show(Notice {
                            msg: Msg::OneClickTwoRentals,
                            args: vec![
                                ("n", made.len().to_string()),
                                ("numbers", numbers.join(", ")),
                            ],
                            warn: true,
                        });
                    }
                    if let Some(tabs) = tabs {
                        tabs.changed();
                    }
                    on_ok(answer);
                }
                Ok(Outcome::Found(answer)) => {
                    if let (Some(notices), Some(msg)) = (notices, done_msg) {
                        notices.show(Notice {
                            msg,
                            args: Vec::new(),
                            warn: false,
                        });
                    }
                    if let Some(session) = session {
                        session.refresh_balance();
                    }
                    if let Some(tabs) = tabs {
                        tabs.changed();
                    }
                    on_ok(answer);
                }
                Err(e) => {
                    if matches!(e, ApiFailure::LostNotDone | ApiFailure::LostUnknown) {
                        if let Some(session) = session {
                            session.refresh_balance();
                        }
                    } else {
                        refusals.update_value(|n| *n += 1);
                    }
                    failure.set(Some(e));
                    on_failed();
                }
            }
        });
        Self {
            action,
            failure,
            unsettled,
            derived: None,
            refusals,
        }
    }

    /// Derives each click's request id from its input, so the same action clicked in two
    /// tabs at once (or twice) is done once.
    pub fn with_derived_ids(mut self, derive: fn(&I) -> String) -> Self {
        self.derived = Some(derive);
        self
    }

    /// Sends the request unless one is on its way. A new click gets a new id; the same
    /// input again after an unknown outcome keeps the id it had.
    pub fn start(&self, input: I) {
        if self.action.pending().get_untracked() {
            return;
        }
        let id = match (self.unsettled.get_value(), self.derived) {
            (Some((same, id)), _) if same == input => id,
            (_, Some(derive)) => match self.refusals.get_value() {
                0 => derive(&input),
                n => format!("{}-{n}", derive(&input)),
            },
            _ => new_request_id(),
        };
        self.unsettled.set_value(Some((input.clone(), id.clone())));
        self.failure.set(None);
        self.action.dispatch((input, id));
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

/// The request id of prolonging rental `id`, expiring at `until`, by `period`: the same in
/// every tab and for the single and the bulk prolongation, so the rental as it is now is
/// prolonged once by that period, whoever clicks.
pub fn prolong_request_id(id: i64, until: i64, period: Period) -> String {
    format!(
        "prolong-{id}-{until}-{}{}",
        period.unit.as_str(),
        period.count
    )
}

/// The rental one rent click made: the new one of that service.
pub fn find_rented(service: &str, before: &[Rental], after: &[Rental]) -> Option<Rental> {
    new_rentals(before, after)
        .into_iter()
        .find(|r| r.scode.split(',').any(|s| s == service))
}

/// Whether `id` expires later after than before: it was prolonged.
pub fn find_prolonged(id: i64, before: &[Rental], after: &[Rental]) -> Option<()> {
    let until = |list: &[Rental]| list.iter().find(|r| r.id == id).map(|r| r.until);
    (until(after)? > until(before)?).then_some(())
}

/// Whether `service` is on rental `id` now and was not before.
pub fn find_service_added(
    id: i64,
    service: &str,
    before: &[Rental],
    after: &[Rental],
) -> Option<()> {
    let has = |list: &[Rental]| {
        list.iter()
            .find(|r| r.id == id)
            .is_some_and(|r| r.scode.split(',').any(|s| s == service))
    };
    (has(after) && !has(before)).then_some(())
}

/// The restored rental: `id` open now and not before, else a rental that was not open
/// before (an API may give the restored rental a new id).
pub fn find_restored(id: i64, before: &[Rental], after: &[Rental]) -> Option<i64> {
    let open = |list: &[Rental]| list.iter().any(|r| r.id == id);
    if open(after) && !open(before) {
        return Some(id);
    }
    new_rentals(before, after).first().map(|r| r.id)
}
