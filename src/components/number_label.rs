//! What a number is for, beside the number: its label (edited in place), its note behind
//! a small button, and the "keep" mark. All of it is the person's own text: shown as text,
//! never as markup. Every row of a long table has one, so it is one reactive view per row.

use crate::i18n::Msg;
use crate::state::number_notes::use_number_notes;
use crate::state::settings::use_settings;
use leptos::html::{Input, Textarea};
use leptos::prelude::*;
use rent_api::desk::{LABEL_MAX, NOTE_MAX};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What is open, and the text typed so far.
#[derive(Clone, Default)]
struct EditState {
    editing: bool,
    note_open: bool,
    label_draft: String,
    note_draft: String,
}

/// The editing state of one number's editors. A table row that is redrawn (its rental
/// changed with a refresh) hands it to its new editors, so nothing typed is lost. Typing
/// updates the drafts without redrawing.
#[derive(Clone, Copy)]
pub struct LabelEditing(RwSignal<EditState>);

impl LabelEditing {
    /// Nothing open.
    pub fn new() -> LabelEditing {
        LabelEditing(RwSignal::new(EditState::default()))
    }
}

impl LabelEditing {
    /// Opens the label's editor on the label `current` (a compact row's menu).
    pub fn edit_label(self, current: String) {
        self.0.update(|s| {
            s.editing = true;
            s.label_draft = current;
        });
    }

    /// Opens the note's editor on the note `current`.
    pub fn edit_note(self, current: String) {
        self.0.update(|s| {
            s.note_open = true;
            s.note_draft = current;
        });
    }
}

impl Default for LabelEditing {
    fn default() -> Self {
        LabelEditing::new()
    }
}

/// After Enter or Esc in an editor, the button that opened it (`testid`, drawn anew by
/// then) takes the focus, so a keyboard user goes on from where they were; in a compact
/// row, which has no such button, its menu button.
fn refocus(ev: &web_sys::KeyboardEvent, testid: &'static str) {
    let block = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".number-notes-block").ok().flatten());
    if let Some(block) = block {
        let row = block.closest("[data-row]").ok().flatten();
        request_animation_frame(move || {
            let find = |within: &web_sys::Element, testid: &str| {
                within
                    .query_selector(&format!("[data-testid={testid}]"))
                    .ok()
                    .flatten()
            };
            let button = find(&block, testid)
                .or_else(|| row.and_then(|row| find(&row, "row-menu")))
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(button) = button {
                let _ = button.focus();
            }
        });
    }
}

/// An editor's keys: Enter saves (in a note Shift+Enter stays a new line), Esc cancels;
/// either way the focus goes back to the button that opened it (`opener`).
fn editor_key(
    ev: &web_sys::KeyboardEvent,
    lines: bool,
    save: impl FnOnce(),
    cancel: impl FnOnce(),
    opener: &'static str,
) {
    match ev.key().as_str() {
        "Enter" if !(lines && ev.shift_key()) => save(),
        "Escape" => {
            ev.stop_propagation();
            cancel();
        }
        _ => return,
    }
    ev.prevent_default();
    refocus(ev, opener);
}

/// The label of `number` (dialling code and number) with its editors; `keep` offers the
/// keep mark too (current rentals); `show_note` shows the note's text without a click
/// (the archive); `compact` shows the label alone, its editors opened from the row's menu.
#[component]
pub fn NumberLabel(
    number: String,
    #[prop(optional)] keep: bool,
    #[prop(optional)] show_note: bool,
    #[prop(optional)] compact: bool,
    #[prop(optional)] state: Option<LabelEditing>,
) -> impl IntoView {
    let settings = use_settings();
    let notes = use_number_notes();
    let number: Arc<str> = number.into();
    let entry = Memo::new({
        let number = number.clone();
        move |_| notes.of(&number)
    });
    let edit = state.unwrap_or_default().0;
    let save_label = {
        let number = number.clone();
        move || {
            if edit.with_untracked(|s| s.editing) {
                notes.set_label(&number, &edit.with_untracked(|s| s.label_draft.clone()));
                edit.update(|s| s.editing = false);
            }
        }
    };
    let save_note = {
        let number = number.clone();
        move || {
            if edit.with_untracked(|s| s.note_open) {
                notes.set_note(&number, &edit.with_untracked(|s| s.note_draft.clone()));
                edit.update(|s| s.note_open = false);
            }
        }
    };
    let view = move || {
        let t = move |m: Msg| settings.t(m);
        let e = entry.get();
        let (editing, note_open) = edit.with(|s| (s.editing, s.note_open));
        let label_part = if editing {
            // Focus comes with the field (only the row being edited pays for it).
            let input = NodeRef::<Input>::new();
            let fresh = edit.with_untracked(|s| s.label_draft == e.label);
            input.on_load(move |el| {
                let _ = el.focus();
                if fresh {
                    el.select();
                }
            });
            let save = save_label.clone();
            let save_on_blur = save_label.clone();
            view! {
                <input node_ref=input type="text" class="label-input" maxlength=LABEL_MAX.to_string()
                    aria-label=t(Msg::LabelField) placeholder=t(Msg::LabelField) title=t(Msg::LabelHint)
                    prop:value=edit.with_untracked(|s| s.label_draft.clone())
                    on:input=move |ev| edit.update_untracked(|s| s.label_draft = event_target_value(&ev))
                    on:keydown=move |ev| editor_key(&ev, false, &save, || edit.update(|s| s.editing = false), "label-edit")
                    // Leaving the field saves it; a field removed because its row is
                    // drawn anew (a refresh) also blurs, and must not end the edit.
                    on:blur=move |ev| {
                        let field = event_target::<web_sys::HtmlInputElement>(&ev);
                        let save = save_on_blur.clone();
                        request_animation_frame(move || {
                            if field.is_connected() {
                                save();
                            }
                        });
                    }/>
            }
            .into_any()
        } else if compact {
            let label = (!e.label.is_empty()).then(|| e.label.clone());
            label
                .map(|l| view! { <bdi class="number-label" data-testid="label">{l}</bdi> })
                .into_any()
        } else {
            let has = !e.label.is_empty();
            let label = e.label.clone();
            view! {
                {has.then(|| view! { <bdi class="number-label" data-testid="label">{label.clone()}</bdi> })}
                <button type="button" class="tiny" data-testid="label-edit"
                    aria-label=t(if has { Msg::LabelEdit } else { Msg::LabelAdd })
                    on:click=move |_| edit.update(|s| {
                        s.editing = true;
                        s.label_draft = label.clone();
                    })>
                    {if has { "✎" } else { "+ " }}
                    {(!has).then(|| t(Msg::LabelAdd))}
                </button>
            }
            .into_any()
        };
        let has_note = !e.note.is_empty();
        let note = e.note.clone();
        let note_button = view! {
            <button type="button" class="tiny" class:has-note=has_note data-testid="note-toggle"
                aria-expanded=note_open.to_string() title=note.clone()
                on:click=move |_| edit.update(|s| {
                    s.note_draft = note.clone();
                    s.note_open = !s.note_open;
                })>
                {t(Msg::NoteButton)}{has_note.then_some(" •")}
            </button>
        };
        let keep_button = keep.then(|| {
            let on = e.keep;
            let number = number.clone();
            view! {
                <button type="button" class="tiny keep" class:on=on data-testid="keep"
                    aria-pressed=on.to_string() title=t(Msg::KeepHelp)
                    on:click=move |_| notes.set_keep(&number, !on)>
                    {if on { "● " } else { "○ " }}{t(Msg::KeepMark)}
                </button>
            }
        });
        let below = if note_open {
            let area = NodeRef::<Textarea>::new();
            area.on_load(|el| {
                let _ = el.focus();
            });
            let hint_id = format!("note-hint-{number}");
            let save = save_note.clone();
            Some(view! {
                <div class="note-editor">
                    <textarea node_ref=area rows="3" maxlength=NOTE_MAX.to_string() data-testid="note-input"
                        aria-label=t(Msg::NoteField) aria-describedby=hint_id.clone()
                        prop:value=edit.with_untracked(|s| s.note_draft.clone())
                        on:input=move |ev| edit.update_untracked(|s| s.note_draft = event_target_value(&ev))
                        on:keydown=move |ev| editor_key(&ev, true, &save, || edit.update(|s| s.note_open = false), "note-toggle")/>
                    <p class="help" id=hint_id>{t(Msg::NoteHint)}</p>
                    <div class="row">
                        <button type="button" on:click={
                            let save = save_note.clone();
                            move |_| save()
                        }>{t(Msg::Save)}</button>
                        <button type="button" class="secondary" on:click=move |_| edit.update(|s| s.note_open = false)>{t(Msg::Cancel)}</button>
                    </div>
                </div>
            }
            .into_any())
        } else if show_note && has_note {
            Some(
                view! { <p class="number-note" data-testid="note">{e.note.clone()}</p> }.into_any(),
            )
        } else {
            None
        };
        if compact {
            return view! { <span class="number-notes">{label_part}</span>{below} }.into_any();
        }
        view! {
            <span class="number-notes">{label_part}{note_button}{keep_button}</span>
            {below}
        }
        .into_any()
    };
    view! { <div class="number-notes-block">{view}</div> }
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
