//! The watcher the leading tab runs: after every fresh `orders` list it prolongs each kept
//! number whose rule is due, one at a time, exactly as far as the person allowed.
//!
//! Money never moves twice for one rental expiry: the attempt is remembered in storage
//! (with the rental's `until`) before anything is asked, so no reload, new leader or second
//! window tries it again; and the paid call's request id is derived from the rental as it
//! is now, so even two leaders at once (a lock handed over mid-call) are answered once.
//! Before the call the price (`getdata`), the balance, the monthly limit, the prolong
//! window and the guarantee are checked; whichever fails, nothing is charged and the log
//! says why. A lost answer is settled from `orders`, never guessed.

use crate::api::{Api, ApiFailure};
use crate::browser::notify::{self, NotifySwitch};
use crate::i18n::Msg;
use crate::state::auto_prolong::{self, log_message, log_text, may_try, Attempt, AutoProlong};
use crate::state::live_rentals::LiveRentals;
use crate::state::notice::{Notice, Notices};
use crate::state::number_notes::NumberNotes;
use crate::state::paid::prolong_request_id;
use crate::state::prolong_price::price_for;
use crate::state::session::Session;
use crate::state::settings::Settings;
use crate::state::tabs::Tabs;
use crate::text::time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::auto_prolong::{
    attempt_key, due, money_check, window_check, AutoRule, LogEntry, Outcome, Refusal,
};
use rent_api::{Period, PeriodUnit, Rental};

/// What the watcher needs from the page that runs it.
#[derive(Clone, Copy)]
pub struct AutoProlongWatch {
    auto: AutoProlong,
    live: LiveRentals,
    tabs: Tabs,
    settings: Settings,
    session: Session,
    notes: NumberNotes,
    notify: NotifySwitch,
    notices: Option<Notices>,
    /// A round is under way; another is asked for when it ends.
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl AutoProlongWatch {
    /// Watches `live` while the calling view lives: a round after every fresh list, a
    /// change of the plan, and on becoming the leader.
    pub fn start(
        auto: AutoProlong,
        live: LiveRentals,
        tabs: Tabs,
        (settings, session, notes): (Settings, Session, NumberNotes),
        notify: NotifySwitch,
    ) {
        let watch = AutoProlongWatch {
            auto,
            live,
            tabs,
            settings,
            session,
            notes,
            notify,
            notices: use_context::<Notices>(),
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
        };
        Effect::new(move |_| {
            live.generation.track();
            auto.plan.track();
            if tabs.leader.get() && live.loaded.get_untracked() {
                watch.round();
            }
        });
    }

    /// Prolongs what is due now, one rental after another.
    fn round(self) {
        if self.busy.get_value() {
            self.again.set_value(true);
            return;
        }
        self.settle_unknown();
        let due_now = self.due_now();
        if due_now.is_empty() {
            return;
        }
        self.busy.set_value(true);
        spawn_local(async move {
            for (rental, rule) in due_now {
                // A tab that stopped leading (or a view that closed) leaves the rest.
                if self.tabs.leader.try_get_untracked() != Some(true) {
                    break;
                }
                self.prolong(rental, rule).await;
            }
            if self.busy.try_set_value(false).is_some() {
                return;
            }
            if self.again.get_value() {
                self.again.set_value(false);
                self.round();
            }
        });
    }

    /// The rentals due under an active rule and not tried yet for their expiry.
    fn due_now(self) -> Vec<(Rental, AutoRule)> {
        let now = time::now();
        let now_ms = js_sys::Date::now() as i64;
        let tried = auto_prolong::attempts();
        self.auto.plan.with_untracked(|plan| {
            if !plan.runs() {
                return Vec::new();
            }
            self.live.with_all_untracked(|all| {
                all.iter()
                    .filter_map(|r| {
                        let rule = plan.active_rule(&r.full_number())?;
                        let attempt = tried.get(&attempt_key(r.id, r.until));
                        (due(&rule, r, now) && may_try(attempt, plan, &rule, now_ms))
                            .then(|| (r.clone(), rule))
                    })
                    .collect()
            })
        })
    }

    /// A lost answer whose rental now expires later was done after all.
    fn settle_unknown(self) {
        let open: Vec<(i64, i64)> = self.auto.log.with_untracked(|log| {
            log.iter()
                .filter(|e| e.outcome == Outcome::Unknown)
                .map(|e| (e.rental, e.until))
                .collect()
        });
        for (id, until) in open {
            let later = self
                .live
                .with_all_untracked(|all| all.iter().any(|r| r.id == id && r.until > until));
            if later {
                self.auto.settle(id, until, Outcome::ProlongedAnswerLost);
            }
        }
    }

    /// One rental: remember the attempt, check, pay, tell. The log gets its line ("outcome
    /// unknown") before the paid call, so a tab closed mid-call still leaves it, and the
    /// next list settles it.
    async fn prolong(self, rental: Rental, rule: AutoRule) {
        let key = attempt_key(rental.id, rental.until);
        let now_ms = js_sys::Date::now() as i64;
        let mark = |refused| Attempt {
            at: now_ms,
            refused,
        };
        if !auto_prolong::remember_attempt(key.clone(), mark(false)) {
            return; // storage refuses: a reload could not know this was tried
        }
        let api = self.settings.api();
        let mut entry = LogEntry {
            at: now_ms,
            rental: rental.id,
            number: rental.full_number(),
            until: rental.until,
            period: rule.period,
            price: None,
            outcome: Outcome::Unknown,
        };
        let outcome = match self.check(&api, &rental, &mut entry).await {
            Err(why) => {
                entry.outcome = Outcome::Refused(why);
                self.auto.record(entry.clone());
                Outcome::Refused(why)
            }
            Ok(()) => {
                self.auto.record(entry.clone());
                let outcome = self.pay(&api, &rental, rule.period).await;
                self.auto.settle(rental.id, rental.until, outcome);
                outcome
            }
        };
        if let Outcome::Refused(_) = outcome {
            auto_prolong::remember_attempt(key, mark(true));
        }
        entry.outcome = outcome;
        self.tell(&entry);
        if outcome.counts() {
            self.tabs.changed();
            self.session.refresh_balance();
            // The page may have closed meanwhile: its list is gone with it.
            if self.live.loaded.try_get_untracked().is_some() {
                self.live.refresh();
            }
        }
    }

    /// Everything that must hold before money moves: the window and the guarantee, the
    /// price (noted in `entry`), the monthly limit, the balance.
    async fn check(self, api: &Api, rental: &Rental, entry: &mut LogEntry) -> Result<(), Refusal> {
        window_check(rental, entry.period, time::now())?;
        let price = price_for(api, rental, entry.period)
            .await
            .map_err(|_| Refusal::Failed)?;
        entry.price = Some(price);
        let balance = api.balance().await.map_err(|_| Refusal::Failed)?;
        let spent = untrack(|| self.auto.spent_this_month());
        let limit = self
            .auto
            .plan
            .with_untracked(|p| p.limit)
            .ok_or(Refusal::Limit {
                spent,
                limit: rent_api::Money::ZERO,
            })?;
        money_check(price, limit, spent, balance)
    }

    /// The paid call with the request id of the rental as it is now; a lost answer is
    /// looked up in `orders`.
    async fn pay(self, api: &Api, rental: &Rental, period: Period) -> Outcome {
        let paid =
            api.clone()
                .with_request_id(&prolong_request_id(rental.id, rental.until, period));
        let sent = if period.unit == PeriodUnit::Day {
            paid.prolong_days(rental.id, period.count).await
        } else {
            paid.prolong(rental.id, period).await
        };
        match sent {
            Ok(()) => Outcome::Prolonged,
            Err(lost @ (ApiFailure::Network | ApiFailure::Timeout)) => match api.orders().await {
                Ok(after) => {
                    let later = after
                        .iter()
                        .any(|r| r.id == rental.id && r.until > rental.until);
                    match (later, lost) {
                        (true, _) => Outcome::ProlongedAnswerLost,
                        // A timed-out call may still be under way on the server.
                        (false, ApiFailure::Timeout) => Outcome::Unknown,
                        (false, _) => Outcome::Refused(Refusal::Failed),
                    }
                }
                Err(_) => Outcome::Unknown,
            },
            Err(_) => Outcome::Refused(Refusal::Failed),
        }
    }

    /// A note on the page, and a notification where the person allowed them.
    fn tell(self, entry: &LogEntry) {
        let lang = self.settings.lang.get_untracked();
        let label = self.notes.label_untracked(&entry.number);
        let (msg, args) = log_message(entry, label.clone(), lang);
        if let Some(notices) = self.notices {
            notices.show(Notice {
                msg,
                args,
                warn: !entry.outcome.is_done(),
            });
        }
        if self.notify.on.try_get_untracked() != Some(true) {
            return;
        }
        notify::show(
            lang.t(Msg::AutoTitle),
            &log_text(entry, label, lang),
            &format!("auto-prolong-{}-{}", entry.rental, entry.until),
            || {},
        );
    }
}
