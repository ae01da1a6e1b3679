//! Settings → "Your data": export everything this browser remembers as one file, and
//! import such a file (checked completely first, then merged), saying what it did.

use crate::i18n::Msg;
use crate::state::auto_prolong::use_auto_prolong;
use crate::state::backup::{self, ImportReport};
use crate::state::inbox;
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rent_api::desk::BACKUP_MAX_BYTES;
use wasm_bindgen::JsCast;

/// What the last export or import did.
#[derive(Clone)]
enum Outcome {
    Exported(String),
    Reading,
    Imported(ImportReport),
    Refused(Msg),
}

/// The file name: `rentdesk-backup-2026-11-28.json`.
fn file_name() -> String {
    let day = rent_api::export::iso_utc(crate::text::time::now());
    format!("rentdesk-backup-{}.json", &day[..10])
}

/// The file picked in `input`, read as text; `Err` says why not.
async fn read_picked(input: web_sys::HtmlInputElement) -> Result<String, Msg> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or(Msg::ImportBroken)?;
    // A huge file is refused before it is read into memory.
    if file.size() > BACKUP_MAX_BYTES as f64 {
        return Err(Msg::ImportTooLarge);
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| Msg::ImportBroken)?;
    text.as_string().ok_or(Msg::ImportBroken)
}

/// The export and import controls.
#[component]
pub fn BackupPanel() -> impl IntoView {
    let settings = use_settings();
    let notes = use_number_notes();
    let auto = use_auto_prolong();
    let batches = crate::state::batches::use_batches();
    let t = move |m: Msg| settings.t(m);
    let with_key = RwSignal::new(false);
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let export = move |_| {
        let with_key = with_key.get_untracked();
        spawn_local(async move {
            // The inbox's messages, or what this visit read when IndexedDB fails.
            let messages = inbox::load().await.unwrap_or_else(|visit| visit);
            let name = file_name();
            let text = backup::export(settings, notes, auto, messages, with_key);
            crate::browser::download::save(&name, "application/json", &text);
            outcome.try_set(Some(Outcome::Exported(name)));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        outcome.set(Some(Outcome::Reading));
        spawn_local(async move {
            let result = match read_picked(input.clone()).await {
                Ok(text) => backup::import(settings, (notes, auto, batches), &text)
                    .map_err(|e| backup::refusal(&e)),
                Err(msg) => Err(msg),
            };
            let result = match result {
                Ok((mut report, messages)) => {
                    report.messages = inbox::import(messages).await;
                    Ok(report)
                }
                Err(msg) => Err(msg),
            };
            // The same file can be picked again (after a fix, or twice on purpose).
            input.set_value("");
            outcome.try_set(Some(match result {
                Ok(report) => Outcome::Imported(report),
                Err(msg) => Outcome::Refused(msg),
            }));
        });
    };
    let report = move |r: ImportReport| {
        let n = r.numbers;
        let numbers = t(Msg::ImportNumbers)
            .replace("{added}", &n.added.to_string())
            .replace("{updated}", &n.updated.to_string())
            .replace("{kept}", &n.kept.to_string());
        let others = t(Msg::ImportOthers)
            .replace("{favourites}", &r.favourites.to_string())
            .replace("{choices}", &r.choices.to_string());
        let messages = t(Msg::ImportMessages).replace("{n}", &r.messages.to_string());
        let key = r.key.map(|taken| {
            t(if taken {
                Msg::ImportKeyTaken
            } else {
                Msg::ImportKeySkipped
            })
        });
        view! {
            <div class="note ok" role="status" data-testid="import-report">
                <p>{numbers}</p>
                <p>{others}</p>
                <p>{messages}</p>
                {key.map(|k| view! { <p>{k}</p> })}
            </div>
        }
    };
    view! {
        <p class="help">{settings.text(Msg::SettingsDataHelp)}</p>
        <label class="inline choice">
            <input type="checkbox" data-testid="export-with-key" prop:checked=move || with_key.get()
                on:change=move |ev| with_key.set(event_target_checked(&ev))/>
            " " {settings.text(Msg::ExportWithKey)}
        </label>
        {move || with_key.get().then(|| view! { <p class="note warn" role="alert">{t(Msg::ExportKeyWarning)}</p> })}
        <div class="row">
            <button type="button" data-testid="export-data" on:click=export>{settings.text(Msg::ExportData)}</button>
            <label class="button secondary file-pick">
                {settings.text(Msg::ImportData)}
                <input type="file" accept="application/json,.json" data-testid="import-data" on:change=import/>
            </label>
        </div>
        {move || outcome.get().map(|o| match o {
            Outcome::Exported(name) => view! {
                <p class="note ok" role="status">{t(Msg::ExportDone).replace("{file}", &name)}</p>
            }.into_any(),
            Outcome::Reading => view! { <p role="status">{t(Msg::ImportReading)}</p> }.into_any(),
            Outcome::Imported(r) => report(r).into_any(),
            Outcome::Refused(msg) => view! {
                <p class="note error" role="alert" data-testid="import-refused">{t(msg)}</p>
            }.into_any(),
        })}
    }
}
