//! What a number is for, beside the number: its label (edited in place), its note behind
//! a small button, and the "keep" mark. All of it is the person's own text: shown as text,
//! never as markup.

use crate::i18n::Msg;
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use leptos::html::{Button, Input, Textarea};
use leptos::prelude::*;
use rent_api::desk::{LABEL_MAX, NOTE_MAX};

/// What is being edited, and the text typed so far. A table row that is redrawn (its
/// rental changed with a refresh) hands it to its new editors, so nothing typed is lost.
#[derive(Clone, Copy)]
pub struct LabelEditing {
    editing: RwSignal<bool>,
    note_open: RwSignal<bool>,
    label_draft: RwSignal<String>,
    note_draft: RwSignal<String>,
}

impl LabelEditing {
    /// Nothing open.
    pub fn new() -> LabelEditing {
        LabelEditing {
            editing: RwSignal::new(false),
            note_open: RwSignal::new(false),
            label_draft: RwSignal::new(String::new()),
            note_draft: RwSignal::new(String::new()),
        }
    }
}

impl Default for LabelEditing {
    fn default() -> Self {
        LabelEditing::new()
    }
}

/// The label of `number` (dialling code and number) with its editors; `keep` offers the
/// keep mark too (current rentals); `show_note` shows the note's text without a click
/// (the archive).
#[component]
pub fn NumberLabel(
    number: String,
    #[prop(optional)] keep: bool,
    #[prop(optional)] show_note: bool,
    #[prop(optional)] state: Option<LabelEditing>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let notes = use_number_notes();
    let hint_id = format!("note-hint-{number}");
    let number = StoredValue::new(number);
    let entry = Memo::new(move |_| notes.of(&number.read_value()));
    let LabelEditing {
        editing,
        note_open,
        label_draft,
        note_draft,
    } = state.unwrap_or_default();
    // Enter or Esc in an editor gives the focus back to the button that opened it (drawn
    // anew by then), so a keyboard user goes on from where they were.
    let edit_button = NodeRef::<Button>::new();
    let note_button_ref = NodeRef::<Button>::new();
    let refocus = move |button: NodeRef<Button>| {
        request_animation_frame(move || {
            if let Some(el) = button.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    let save_label = move || {
        if editing.get_untracked() {
            notes.set_label(&number.read_value(), &label_draft.get_untracked());
            editing.set(false);
        }
    };
    let save_note = move || {
        if note_open.get_untracked() {
            notes.set_note(&number.read_value(), &note_draft.get_untracked());
            note_open.set(false);
        }
    };
    let label_view = move || {
        let label = entry.with(|e| e.label.clone());
        if editing.get() {
            // Focus comes with the field (only the row being edited pays for it).
            let input = NodeRef::<Input>::new();
            input.on_load(move |el| {
                let _ = el.focus();
                if label_draft.get_untracked() == entry.get_untracked().label {
                    el.select();
                }
            });
            return view! {
                <input node_ref=input type="text" class="label-input" maxlength=LABEL_MAX.to_string()
                    aria-label=t(Msg::LabelField) placeholder=t(Msg::LabelField) title=t(Msg::LabelHint)
                    prop:value=label_draft.get_untracked()
                    on:input=move |ev| label_draft.set(event_target_value(&ev))
                    on:keydown=move |ev| match ev.key().as_str() {
                        "Enter" => { ev.prevent_default(); save_label(); refocus(edit_button); }
                        "Escape" => { ev.prevent_default(); ev.stop_propagation(); editing.set(false); refocus(edit_button); }
                        _ => {}
                    }
                    on:blur=move |_| save_label()/>
            }
            .into_any();
        }
        let has = !label.is_empty();
        view! {
            {has.then(|| view! { <bdi class="number-label" data-testid="label">{label}</bdi> })}
            <button type="button" class="tiny" data-testid="label-edit" node_ref=edit_button
                aria-label=move || t(if has { Msg::LabelEdit } else { Msg::LabelAdd })
                on:click=move |_| {
                    label_draft.set(entry.with_untracked(|e| e.label.clone()));
                    editing.set(true);
                }>
                {if has { "✎" } else { "+ " }}
                {(!has).then(|| t(Msg::LabelAdd))}
            </button>
        }
        .into_any()
    };
    let note_button = move || {
        let note = entry.with(|e| e.note.clone());
        let has = !note.is_empty();
        view! {
            <button type="button" class="tiny" class:has-note=has data-testid="note-toggle" node_ref=note_button_ref
                aria-expanded=move || note_open.get().to_string() title=note
                on:click=move |_| {
                    note_draft.set(entry.with_untracked(|e| e.note.clone()));
                    note_open.update(|o| *o = !*o);
                }>
                {settings.text(Msg::NoteButton)}{has.then_some(" •")}
            </button>
        }
    };
    let keep_button = move || {
        keep.then(|| {
            let on = entry.with(|e| e.keep);
            view! {
                <button type="button" class="tiny keep" class:on=on data-testid="keep"
                    aria-pressed=on.to_string() title=t(Msg::KeepHelp)
                    on:click=move |_| notes.set_keep(&number.read_value(), !on)>
                    {if on { "● " } else { "○ " }}{t(Msg::KeepMark)}
                </button>
            }
        })
    };
    view! {
        <span class="number-notes">
            {label_view}
            {note_button}
            {keep_button}
        </span>
        {move || note_open.get().then(|| {
            let area = NodeRef::<Textarea>::new();
            area.on_load(|el| {
                let _ = el.focus();
            });
            view! {
            <div class="note-editor">
                <textarea node_ref=area rows="3" maxlength=NOTE_MAX.to_string() data-testid="note-input"
                    aria-label=t(Msg::NoteField) aria-describedby=hint_id.clone()
                    prop:value=note_draft.get_untracked()
                    on:input=move |ev| note_draft.set(event_target_value(&ev))
                    on:keydown=move |ev| match ev.key().as_str() {
                        "Enter" if !ev.shift_key() => { ev.prevent_default(); save_note(); refocus(note_button_ref); }
                        "Escape" => { ev.prevent_default(); ev.stop_propagation(); note_open.set(false); refocus(note_button_ref); }
                        _ => {}
                    }/>
                <p class="help" id=hint_id.clone()>{t(Msg::NoteHint)}</p>
                <div class="row">
                    <button type="button" on:click=move |_| save_note()>{t(Msg::Save)}</button>
                    <button type="button" class="secondary" on:click=move |_| note_open.set(false)>{t(Msg::Cancel)}</button>
                </div>
            </div>
            }
        })}
        {move || (show_note && !note_open.get()).then(|| entry.with(|e| e.note.clone())).filter(|n| !n.is_empty()).map(|n| view! {
            <p class="number-note" data-testid="note">{n}</p>
        })}
    }
}

/// The label of `number` as a plain line for dialogs ("what this number is for").
#[component]
pub fn LabelLine(#[prop(into)] number: Signal<String>) -> impl IntoView {
    let notes = use_number_notes();
    move || {
        notes
            .label(&number.get())
            .map(|l| view! { <bdi class="number-label" data-testid="dialog-label">{l}</bdi> })
    }
}
