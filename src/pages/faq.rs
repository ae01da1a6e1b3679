//! `/faq`: the rent page's questions and answers, as an accordion of native
//! `<details>`; each question has an anchor, and the one in the address opens on load.

use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// (anchor, question, answer), in the seed's order. Other views link to these anchors.
const ENTRIES: &[(&str, Msg, Msg)] = &[
    ("no-sms", Msg::FaqQNoSms, Msg::FaqANoSms),
    ("prolong-disabled", Msg::FaqQProlong, Msg::FaqAProlong),
    ("how-long", Msg::FaqQHowLong, Msg::FaqAHowLong),
    ("missed-prolongation", Msg::FaqQMissed, Msg::FaqAMissed),
    ("slow-activation", Msg::FaqQActivation, Msg::FaqAActivation),
    ("refunds", Msg::FaqQRefund, Msg::FaqARefund),
    ("restore-cost", Msg::FaqQRestoreCost, Msg::FaqARestoreCost),
];

/// The FAQ page.
#[component]
pub fn FaqPage() -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let hash = use_location().hash;
    view! {
        <h1>{settings.text(Msg::FaqTitle)}</h1>
        <div class="faq">
            {ENTRIES.iter().map(|(anchor, question, answer)| {
                let (anchor, question, answer) = (*anchor, *question, *answer);
                let open = move || hash.get().trim_start_matches('#') == anchor;
                view! {
                    <details id=anchor class="faq-item" prop:open=open>
                        <summary>
                            <span class="faq-q">{move || t(question)}</span>
                        </summary>
                        <p>{move || t(answer)}</p>
                        <p class="faq-link">
                            <a href=format!("#{anchor}") aria-label=move || format!("{}: {}", t(Msg::FaqAnchor), t(question))>"#"</a>
                        </p>
                    </details>
                }
            }).collect_view()}
        </div>
    }
}
