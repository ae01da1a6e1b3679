//! `/rentals`: the live table of current rentals and everything done to one.

use crate::api::{Api, ApiFailure};
use crate::browser::base::href;
use crate::browser::notify::{self, NotifySwitch};
use crate::browser::storage;
use crate::browser::timing::timed;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_note::ErrorNote;
use crate::components::key_gate::KeyGate;
use crate::components::number_label::LabelLine;
use crate::components::on_demand::DialogOnDemand;
use crate::components::rental_row::{state_msg, RentalRow, RowActions, EXPIRING_DAYS};
use crate::components::row_menu::OpenMenu;
use crate::components::row_window::RowWindow;
use crate::components::{add_service_dialog, auto_prolong_dialog, bulk_prolong};
use crate::components::{prolong_dialog, sms_dialog};
use crate::i18n::{count, country_name, Msg, Noun};
use crate::state::auto_prolong::use_auto_prolong;
use crate::state::auto_prolong_watch::AutoProlongWatch;
use crate::state::batches::use_batches;
use crate::state::density::{Density, DensityChoice};
use crate::state::live_rentals::LiveRentals;
use crate::state::number_notes::use_number_notes;
use crate::state::paid::PaidAction;
use crate::state::rental_view::RentalView as View;
use crate::state::session::use_session;
use crate::state::settings::use_settings;
use crate::state::sms_watch::SmsWatch;
use crate::state::tabs::use_tabs;
use crate::text::time;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rent_api::desk::{number_key, Notes};
use rent_api::rules::DAY;
use rent_api::{Rental, RentalState};
use std::collections::HashSet;

/// The rentals page.
#[component]
pub fn RentalsPage() -> impl IntoView {
    let settings = use_settings();
    view! {
        <h1>{move || settings.t(Msg::RentalsTitle)}</h1>
        <KeyGate>
            <RentalsView/>
        </KeyGate>
    }
}

#[component]
fn RentalsView() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let t = move |m: Msg| settings.t(m);
    let live = LiveRentals::start();
    let tabs = use_tabs();
    let query = use_query_map();
    let highlight = move || query.with(|q| q.get("new").and_then(|id| id.parse::<i64>().ok()));
    // A number just rented here is asked for at once; otherwise the list may come from the
    // tab that polls for all. Another key or address starts anew.
    let just_rented = untrack(highlight).is_some();
    Effect::new(move |first: Option<()>| {
        settings.api_key.track();
        settings.api_base.track();
        live.forget();
        live.join(first.is_none() && just_rented);
    });
    let sms_for = RwSignal::new(None::<i64>);
    // The drawn window over the rentals (set below, once the order exists): a notification
    // click scrolls its rental into view.
    let rows = StoredValue::new(None::<RowWindow>);
    let notify_switch = NotifySwitch::load();
    let navigate = use_navigate();
    storage::set(storage::keys::LAST_VIEW, Some("rentals"));
    // A hidden leader keeps refreshing while it notifies or prolongs automatically.
    let auto = use_auto_prolong();
    Effect::new(move |_| {
        live.background
            .set(notify_switch.on.get() || auto.plan.with(|p| p.runs()))
    });
    AutoProlongWatch::start(
        auto,
        live,
        tabs,
        (settings, session, use_number_notes()),
        notify_switch,
    );
    let watch = SmsWatch::start(
        live,
        notify_switch,
        untrack(highlight),
        Callback::new(move |id| {
            // The person came from the inbox (in any tab): the SMS opens there, on top.
            if storage::get(storage::keys::LAST_VIEW).as_deref() == Some("inbox") {
                navigate(&href("/inbox"), Default::default());
                return;
            }
            sms_for.set(Some(id));
            rows.with_value(|w| w.map(|w| w.reveal(id)));
        }),
        sms_for.into(),
    );
    Effect::new(move |_| {
        if let Some(id) = sms_for.get() {
            watch.opened(id);
        }
    });
    // The clock the rows count down against moves once a minute (the finest unit they
    // show), not with every refresh: a refresh then reaches only the rows that changed.
    let now = RwSignal::new(time::now());
    if let Ok(tick) = set_interval_with_handle(
        move || now.set(time::now()),
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || tick.clear());
    }

    // The tab title counts rentals with new SMS, so they are seen from another tab.
    // Every derived list reads the rentals in place: 20,000 of them are never copied.
    let new_sms = Memo::new(move |_| {
        watch.unread.with(|unread| {
            live.with_all(|a| {
                a.iter()
                    .filter(|r| r.hasnewsms || unread.contains(&r.id))
                    .count()
            })
        })
    });
    Effect::new(move |_| {
        let n = new_sms.get();
        document().set_title(&if n > 0 {
            format!("({n}) rentdesk")
        } else {
            "rentdesk".into()
        });
        notify::set_favicon_badge(n);
    });
    on_cleanup(|| {
        document().set_title("rentdesk");
        notify::set_favicon_badge(0);
    });

    let notes = use_number_notes();
    let kept_in = |notes: &Notes, r: &Rental| {
        !notes.is_empty()
            && notes
                .get(&number_key(&r.full_number()))
                .is_some_and(|n| n.keep)
    };
    let filter = RwSignal::new(View::default());
    // `?batch=…`: only that batch's numbers (also those it rents meanwhile), until the
    // person asks for all rentals.
    let batches = use_batches();
    let batch = Memo::new(move |_| {
        let id = query.with(|q| q.get("batch"))?;
        batches.get(&id)
    });
    Effect::new(move |_| {
        let numbers = batch.with(|b| {
            b.as_ref()
                .map(|b| b.rented().map(|(_, _, n, _)| number_key(n)).collect())
        });
        if filter.with_untracked(|f| f.numbers != numbers) {
            filter.update(|f| f.numbers = numbers);
        }
    });
    let matching = Memo::new(move |_| {
        notes.with(|n| {
            filter.with(|f| {
                watch.unread.with(|u| {
                    live.with_all(|a| timed("rentdesk rentals arrange", || f.arrange(a, u, n)))
                })
            })
        })
    });
    // Only the rows near the screen are drawn; the rest stand in spacers.
    let window = RowWindow::new(matching.into());
    rows.set_value(Some(window));
    let density = DensityChoice::load();
    let compact =
        Memo::new(move |_| density.for_list(live.with_all(|a| a.len())) == Density::Compact);
    let menu = OpenMenu::new();
    let body = NodeRef::<leptos::html::Tbody>::new();
    window.attach(body, false);
    let countries = Memo::new(move |_| {
        let mut codes: Vec<String> = live.with_all(|a| {
            let names: HashSet<&str> = a.iter().map(|r| r.cname.as_str()).collect();
            names.into_iter().map(str::to_owned).collect()
        });
        rent_api::order::sort_by_key(&mut codes, String::clone);
        codes
    });

    // Rentals expiring within a week: how many, how many of them kept, the first date.
    let expiring = Memo::new(move |_| {
        let soon = now.get() + EXPIRING_DAYS * DAY;
        notes.with(|notes| {
            live.with_all(|a| {
                let soon: Vec<&Rental> = a.iter().filter(|r| r.until < soon).collect();
                let kept = soon.iter().filter(|r| kept_in(notes, r)).count();
                let first = soon.iter().map(|r| r.until).min()?;
                Some((soon.len(), kept, first))
            })
        })
    });
    let selected = RwSignal::new(HashSet::<i64>::new());
    let bulk_open = RwSignal::new(false);
    let select_where = move |which: fn(&Rental, bool) -> bool| {
        let shown: HashSet<i64> = matching.with_untracked(|m| m.iter().copied().collect());
        let notes = notes.all_untracked();
        let ids: HashSet<i64> = live.with_all_untracked(|a| {
            a.iter()
                .filter(|r| shown.contains(&r.id) && which(r, kept_in(&notes, r)))
                .map(|r| r.id)
                .collect()
        });
        selected.set(ids);
    };
    let export_csv = move |_| {
        let text =
            live.with_all_untracked(|a| rent_api::export::rentals_csv(a, &notes.all_untracked()));
        crate::browser::download::save("rentals.csv", "text/csv;charset=utf-8", &text);
    };
    let export_ics = move |_| {
        let text = live.with_all_untracked(|a| {
            rent_api::export::expiry_ics(
                a,
                &notes.all_untracked(),
                &auto.plan.get_untracked(),
                (settings.t(Msg::IcsSummary), settings.t(Msg::IcsAuto)),
                time::now(),
            )
        });
        crate::browser::download::save("rental-expiry.ics", "text/calendar;charset=utf-8", &text);
    };
    let filters_open = RwSignal::new(false);

    // What the last action did.
    let notice: RwSignal<Option<Result<Msg, ApiFailure>>> = RwSignal::new(None);
    // `?open=ID` (the inbox's link): that rental's SMS once the list is here, or word that
    // it has ended.
    let opening = untrack(|| query.with(|q| q.get("open").and_then(|id| id.parse::<i64>().ok())));
    if let Some(id) = opening {
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) || !live.loaded.get() {
                return done.unwrap_or(false);
            }
            if live.row(id).is_some() {
                sms_for.set(Some(id));
                rows.with_value(|w| w.map(|w| w.reveal(id)));
            } else {
                notice.set(Some(Ok(Msg::InboxRentalEnded)));
            }
            true
        });
    }
    let after_paid = move |msg: Msg| {
        notice.set(Some(Ok(msg)));
        session.refresh_balance();
        live.refresh();
    };
    let prolonged = Callback::new(move |_| after_paid(Msg::Prolonged));
    let service_added = Callback::new(move |_| after_paid(Msg::ServiceAdded));
    let bulk_done = Callback::new(move |_| {
        selected.set(HashSet::new());
        live.refresh();
    });
    let activate = Action::new_local(move |id: &i64| {
        let api = use_settings().api();
        let id = *id;
        async move { (id, api.activate(id).await) }
    });
    Effect::new(move |_| match activate.value().get() {
        Some((id, Ok(()))) => {
            tabs.changed();
            live.patch(id, |r| r.state = RentalState::Activating);
            notice.set(Some(Ok(Msg::ActivationQueued)));
        }
        Some((_, Err(e))) => {
            notice.set(Some(Err(e)));
            live.refresh();
        }
        None => {}
    });
    let activating = Signal::derive(move || {
        activate
            .pending()
            .get()
            .then(|| activate.input().get())
            .flatten()
    });

    let prolong_for = RwSignal::new(None::<i64>);
    let auto_for = RwSignal::new(None::<i64>);
    let add_for = RwSignal::new(None::<i64>);
    let delete_for = RwSignal::new(None::<i64>);
    let delete = PaidAction::new(
        move |id: &i64, api: Api| {
            let id = *id;
            async move { api.delete(id).await }
        },
        move |()| {
            delete_for.set(None);
            after_paid(Msg::Deleted);
        },
        || {},
        None,
    );
    let actions = RowActions {
        activate: Callback::new(move |id| {
            if !activate.pending().get_untracked() {
                activate.dispatch(id);
            }
        }),
        sms: Callback::new(move |id| sms_for.set(Some(id))),
        prolong: Callback::new(move |id| prolong_for.set(Some(id))),
        auto_prolong: Callback::new(move |id| auto_for.set(Some(id))),
        add_service: Callback::new(move |id| add_for.set(Some(id))),
        delete: Callback::new(move |id| {
            delete.forget_failure();
            delete_for.set(Some(id));
        }),
        activating,
        select: Callback::new(move |(id, on): (i64, bool)| {
            selected.update(|s| {
                if on {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            });
        }),
    };

    let set = move |apply: fn(&mut View, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| apply(f, value));
        }
    };

    view! {
        // Screen readers hear when new SMS arrive, whichever row they are on.
        <p class="visually-hidden" aria-live="polite" data-testid="sms-announcement">
            {move || (new_sms.get() > 0).then(|| t(Msg::NewSmsCount).replace("{n}", &new_sms.get().to_string()))}
        </p>
        {move || expiring.get().map(|(n, kept, first)| {
            let lang = settings.lang.get();
            let text = if n == 1 { t(Msg::ExpiringBannerOne) } else { t(Msg::ExpiringBanner) }
                .replace("{count}", &count(n as i64, Noun::Number, lang))
                .replace("{date}", &time::short_date(first, lang));
            let kept_text = (kept > 0).then(|| {
                if kept == 1 { t(Msg::KeptExpiringOne) } else { t(Msg::KeptExpiring) }
                    .replace("{count}", &count(kept as i64, Noun::Number, lang))
            });
            view! {
                <div class="note warn expiring-banner" data-testid="expiring-banner">
                    <p>{kept_text.map(|k| view! { <strong data-testid="kept-expiring">{k}</strong> " " })}{text}</p>
                    <button type="button" class="secondary" on:click=move |_| {
                        let until = now.get_untracked() + EXPIRING_DAYS * DAY;
                        filter.update(|f| f.expiring_before = if f.expiring_before.is_some() { None } else { Some(until) });
                    }>{move || t(if filter.with(|f| f.expiring_before.is_some()) { Msg::ExpiringShowAll } else { Msg::ExpiringShow })}</button>
                </div>
            }
        })}
        {move || batch.get().map(|b| {
            let lang = settings.lang.get();
            let text = t(Msg::BatchFilter)
                .replace("{date}", &time::date_time(b.started / 1000, lang))
                .replace("{what}", &format!("{} × {} · {}", b.rented_count(), b.service_names.join(", "), b.country_name));
            let all = href("/rentals");
            view! {
                <p class="note batch-filter" data-testid="batch-filter">
                    <span>{text}</span> " " <a href=all>{t(Msg::BatchFilterOff)}</a>
                </p>
            }
        })}
        // The controls above the table share two lines: the tools and the state of the
        // list on the first, the filters on the second.
        <div class="rentals-tools">
            <Show when=move || live.loaded.get() && !live.is_empty()>
                <div class="row select-tools">
                    <button type="button" class="secondary filters-toggle" aria-controls="rental-filters"
                        aria-expanded=move || filters_open.get().to_string()
                        on:click=move |_| filters_open.update(|o| *o = !*o)>
                        {settings.text(Msg::FiltersToggle)}
                        {move || filter.with(|f| *f != View::default()).then_some(" •")}
                    </button>
                    <Menu label=Msg::SelectMenu testid="select-menu">
                        <button type="button" class="secondary" on:click=move |_| select_where(|_, _| true)>{settings.text(Msg::SelectAllShown)}</button>
                        <button type="button" class="secondary" on:click=move |_| select_where(|r, _| r.canprolong)>{settings.text(Msg::SelectProlongable)}</button>
                        <button type="button" class="secondary" on:click=move |_| select_where(|r, kept| kept && r.canprolong)>{settings.text(Msg::SelectKeptProlongable)}</button>
                    </Menu>
                    <Menu label=Msg::ExportMenu testid="export-menu">
                        <button type="button" class="secondary" on:click=export_csv>{settings.text(Msg::ExportCsv)}</button>
                        <button type="button" class="secondary" on:click=export_ics>{settings.text(Msg::ExportIcs)}</button>
                    </Menu>
                    <DensitySwitch compact density/>
                    // What can be done with a selection shows once something is selected.
                    {move || {
                        let n = selected.with(HashSet::len);
                        (n > 0).then(|| view! {
                            <span class="selection" role="group" aria-label=t(Msg::SelectedCount).replace("{n}", &n.to_string())>
                                <span data-testid="selected-count">{t(Msg::SelectedCount).replace("{n}", &n.to_string())}</span>
                                <button type="button" on:click=move |_| bulk_open.set(true)>
                                    {t(Msg::BulkProlongButton).replace("{n}", &n.to_string())}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| selected.set(HashSet::new())>{t(Msg::SelectNone)}</button>
                            </span>
                        })
                    }}
                </div>
                <div class="row filters" id="rental-filters" class:open=move || filters_open.get()>
                    <input type="search" aria-label=settings.text(Msg::FilterText) placeholder=settings.text(Msg::FilterText)
                        on:input=set(|f, v| f.text = v)/>
                    <label class="inline" for="filter-status">{settings.text(Msg::FilterStatus)}</label>
                    <select id="filter-status" on:change=set(|f, v| f.status = v)>
                        <option value="">{settings.text(Msg::FilterAll)}</option>
                        {[RentalState::NotActive, RentalState::Activating, RentalState::Active, RentalState::NotInSystem]
                            .into_iter()
                            .map(|s| view! { <option value=s.code().to_string()>{move || t(state_msg(s))}</option> })
                            .collect_view()}
                        <option value="sms">{settings.text(Msg::FilterNewSms)}</option>
                        <option value="kept">{settings.text(Msg::FilterKept)}</option>
                    </select>
                    <label class="inline" for="filter-country">{settings.text(Msg::FilterCountry)}</label>
                    <select id="filter-country" on:change=set(|f, v| f.country = v)>
                        <option value="">{settings.text(Msg::FilterAll)}</option>
                        {move || countries.get().into_iter().map(|c| {
                            let name = country_name(&c, "", settings.lang.get());
                            view! { <option value=c>{name}</option> }
                        }).collect_view()}
                    </select>
                    <label class="inline" for="sort-rentals">{settings.text(Msg::SortRentals)}</label>
                    <select id="sort-rentals" on:change=set(|f, v| f.sort = v)>
                        <option value="">{settings.text(Msg::SortExpires)}</option>
                        <option value="newest">{settings.text(Msg::SortNewest)}</option>
                        <option value="status">{settings.text(Msg::SortStatus)}</option>
                        <option value="service">{settings.text(Msg::SortService)}</option>
                        <option value="country">{settings.text(Msg::SortCountry)}</option>
                        <option value="number">{settings.text(Msg::SortNumber)}</option>
                        <option value="label">{settings.text(Msg::SortByLabel)}</option>
                    </select>
                </div>
            </Show>
            <div class="rentals-bar">
                <div class="notify-switch">
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || notify_switch.on.get()
                            on:change=move |ev| notify_switch.set(event_target_checked(&ev))/>
                        " " {settings.text(Msg::NotifySwitch)}
                    </label>
                </div>
                <div class="refresh-bar" aria-live="polite">
                    <span class="refreshed" title=settings.text(Msg::RentalsAutoRefresh)>
                        {move || live.refreshed_at.get().map(|at| format!("{}: {}", t(Msg::LastRefresh), time::clock(at)))}
                        {move || live.refreshing.get().then(|| format!(" · {}", t(Msg::Refreshing)))}
                        {move || live.paused.get().then(|| format!(" · {}", t(Msg::PausedHidden)))}
                    </span>
                    <button type="button" class="secondary" disabled=move || live.refreshing.get()
                        on:click=move |_| live.refresh()>{settings.text(Msg::RefreshNow)}</button>
                </div>
            </div>
            {move || window.windowed().then(|| view! {
                <p class="hint find-hint" data-testid="find-hint">
                    <span data-testid="rental-count">{t(Msg::RentalsCountAll).replace("{n}", &window.len().to_string())}</span>
                    " · " {t(Msg::FindInPageHint)}
                </p>
            })}
        </div>
        {move || notify_switch.blocked.get().map(|m| view! { <p class="note warn" role="alert">{t(m)}</p> })}
        {move || live.failure.get().map(|f| view! {
            <div class="stale" data-testid="stale">
                {move || live.loaded.get().then(|| view! { <p class="note warn">{t(Msg::StaleData)} " " {t(Msg::RetryingSoon)}</p> })}
                <ErrorNote failure=f retry=Callback::new(move |_| live.refresh())/>
            </div>
        })}
        {move || notice.get().map(|n| match n {
            Ok(msg) => view! { <p class="note ok" role="status">{t(msg)}</p> }.into_any(),
            Err(e) => view! { <ErrorNote failure=e/> }.into_any(),
        })}
        <Show when=move || live.loaded.get() fallback=move || {
            (live.failure.get().is_none()).then(|| view! { <p role="status">{t(Msg::Loading)}</p> })
        }>
            <Show when=move || !live.is_empty() fallback=move || view! {
                <div class="empty">
                    <p>{t(Msg::RentalsEmpty)}</p>
                    <a href=href("/")>{t(Msg::RentalsEmptyAction)}</a>
                </div>
            }>
                <div class="table-wrap">
                    <table class="rentals" class:stale=move || live.failure.get().is_some() class:compact=compact
                        aria-rowcount=move || (window.len() + 1).to_string()>
                        <thead>
                            <tr aria-rowindex="1">
                                <th scope="col"><span class="visually-hidden">{settings.text(Msg::SelectRental)}</span></th>
                                <th scope="col">{settings.text(Msg::ColStatus)}</th>
                                <th scope="col">{settings.text(Msg::ColNumber)}</th>
                                <th scope="col">{settings.text(Msg::ColService)}</th>
                                <th scope="col">{settings.text(Msg::ColLatestSms)}</th>
                                <th scope="col">{settings.text(Msg::ColExpires)}</th>
                                <th scope="col">{settings.text(Msg::ColActions)}</th>
                            </tr>
                        </thead>
                        <tbody node_ref=body on:keydown=move |ev| window.keydown(ev)>
                            // Stand-ins for the rows not drawn, only while some are not.
                            {move || window.windowed().then(|| view! {
                                <tr class="window-spacer" aria-hidden="true"><td colspan="7" style:height=move || window.above()></td></tr>
                            })}
                            <For each=move || window.drawn.get() key=|id| *id let:id>
                                {live.row(id).map(|row| view! {
                                    <RentalRow row now=now actions highlight=highlight() == Some(id)
                                        index=Signal::derive(move || window.position(id))
                                        latest=Signal::derive(move || watch.latest.with(|l| l.get(&id).cloned()))
                                        unread=Signal::derive(move || watch.is_unread(id))
                                        waiting=Signal::derive(move || watch.waiting.with(|w| w.get(&id).copied()))
                                        selected=Signal::derive(move || selected.with(|s| s.contains(&id)))
                                        compact menu/>
                                })}
                            </For>
                            {move || window.windowed().then(|| view! {
                                <tr class="window-spacer" aria-hidden="true"><td colspan="7" style:height=move || window.below()></td></tr>
                            })}
                        </tbody>
                    </table>
                </div>
                {move || window.is_empty().then(|| view! { <p class="empty-search">{t(Msg::NoRentalMatch)}</p> })}
            </Show>
        </Show>
        // Only under a list: drawn before it, the list's arrival would push it down the screen.
        {move || live.loaded.get().then(|| view! { <p class="hint rentals-after">{t(Msg::RentalsAutoRefresh)}</p> })}
        // Each dialog is its own wasm part (crate::parts), fetched when first opened.
        <DialogOnDemand opened=move || sms_for.get().is_some() close=Callback::new(move |_| sms_for.set(None))
            load=move || sms_dialog::sms_dialog(sms_for, live)/>
        <DialogOnDemand opened=bulk_open close=Callback::new(move |_| bulk_open.set(false))
            load=move || bulk_prolong::bulk_prolong(bulk_open, selected, matching.into(), live, bulk_done)/>
        <DialogOnDemand opened=move || prolong_for.get().is_some() close=Callback::new(move |_| prolong_for.set(None))
            load=move || prolong_dialog::prolong_dialog(prolong_for, live, prolonged)/>
        <DialogOnDemand opened=move || auto_for.get().is_some() close=Callback::new(move |_| auto_for.set(None))
            load=move || auto_prolong_dialog::auto_prolong_dialog(auto_for, live)/>
        <DialogOnDemand opened=move || add_for.get().is_some() close=Callback::new(move |_| add_for.set(None))
            load=move || add_service_dialog::add_service_dialog(add_for, live, service_added)/>
        <ConfirmDialog
            open=Signal::derive(move || delete_for.get().is_some())
            on_close=Callback::new(move |_| delete_for.set(None))
            title=Signal::derive(move || t(Msg::DeleteTitle).to_owned())
            confirm_label=Signal::derive(move || t(Msg::DeleteConfirm).to_owned())
            busy=delete.busy()
            busy_label=Signal::derive(move || t(Msg::Deleting).to_owned())
            on_confirm=Callback::new(move |_| {
                if let Some(id) = delete_for.get_untracked() {
                    delete.start(id);
                }
            })
        >
            <p class="dialog-subject">{move || delete_for.get().and_then(|id| live.row(id)).map(|r| r.with(|r| crate::text::phone::format_phone(&r.ccode, &r.pnumber)))}
                " " <LabelLine number=Signal::derive(move || delete_for.get().and_then(|id| live.row(id)).map(|r| r.with(Rental::full_number)).unwrap_or_default())/></p>
            <p>{settings.text(Msg::DeleteText)}</p>
            <p><a href=href("/faq#refunds")>{settings.text(Msg::NavFaq)}</a></p>
            {move || delete.failure().get().map(|e| view! { <ErrorNote failure=e/> })}
        </ConfirmDialog>
    }
}

/// Compact or comfortable rows, as two radio buttons: the choice is remembered.
#[component]
fn DensitySwitch(compact: Memo<bool>, density: DensityChoice) -> impl IntoView {
    let settings = use_settings();
    let option = move |d: Density, label: Msg| {
        let on = move || compact.get() == (d == Density::Compact);
        view! {
            <label class="density-option" class:on=on>
                <input type="radio" name="density" value=d.code() prop:checked=on
                    on:change=move |_| density.set(d)/>
                {settings.text(label)}
            </label>
        }
    };
    view! {
        <fieldset class="density" data-testid="density">
            <legend class="visually-hidden">{settings.text(Msg::DensityLabel)}</legend>
            {option(Density::Compact, Msg::DensityCompact)}
            {option(Density::Comfortable, Msg::DensityComfortable)}
        </fieldset>
    }
}

/// A small menu of buttons behind one button (a disclosure): any choice closes it.
#[component]
fn Menu(label: Msg, testid: &'static str, children: Children) -> impl IntoView {
    let settings = use_settings();
    let menu = NodeRef::<leptos::html::Details>::new();
    view! {
        <details class="menu" data-testid=testid node_ref=menu
            on:click=move |ev| {
                let on_button = ev
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .is_some_and(|el| el.tag_name() == "BUTTON");
                if on_button {
                    if let Some(el) = menu.get_untracked() {
                        el.set_open(false);
                    }
                }
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    if let Some(el) = menu.get_untracked() {
                        el.set_open(false);
                    }
                }
            }>
            <summary class="button secondary">{settings.text(label)}</summary>
            <div class="menu-items">{children()}</div>
        </details>
    }
}
