//! A row's rarer actions behind one button, in the menu button pattern: the button opens a
//! `menu` of items and gives the first the focus; ↑/↓, Home and End move between them,
//! Escape closes it and gives the focus back to the button, and so does a choice (before the
//! choice opens its dialog, so the dialog gives the focus back to the button as well) unless
//! the choice gave the focus to an editor of its own.
//!
//! The menu is drawn `position: fixed` beside its button, so a table that scrolls sideways
//! does not clip it; it follows the button when the page scrolls.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which row's menu is open and which of its items has the focus. The page keeps it, so a
/// row drawn anew by a refresh draws its menu open again with the same item focused.
#[derive(Clone, Copy)]
pub struct OpenMenu {
    open: RwSignal<Option<(i64, u32)>>,
    /// Bumped when the page scrolls or resizes: an open menu moves with its button.
    moved: RwSignal<u32>,
}

impl OpenMenu {
    /// No menu open; a press outside the open menu closes it.
    pub fn new() -> OpenMenu {
        let menu = OpenMenu {
            open: RwSignal::new(None),
            moved: RwSignal::new(0),
        };
        let moved = move || {
            if menu.open.with_untracked(Option::is_some) {
                menu.moved.update(|n| *n = n.wrapping_add(1));
            }
        };
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| moved());
        let on_resize = window_event_listener(leptos::ev::resize, move |_| moved());
        let on_press = window_event_listener(leptos::ev::pointerdown, move |ev| {
            let Some((id, _)) = menu.open.get_untracked() else {
                return;
            };
            let inside = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".row-menu").ok().flatten())
                .and_then(|el| el.get_attribute("data-menu-row"))
                .is_some_and(|row| row == id.to_string());
            if !inside {
                menu.open.set(None);
            }
        });
        on_cleanup(move || {
            on_scroll.remove();
            on_resize.remove();
            on_press.remove();
        });
        menu
    }

    fn is_open(self, id: i64) -> bool {
        self.open.with(|o| o.is_some_and(|(row, _)| row == id))
    }
}

impl Default for OpenMenu {
    fn default() -> Self {
        OpenMenu::new()
    }
}

/// The items of an open menu: its buttons with a `menuitem` role.
fn items(menu: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(nodes) = menu.query_selector_all("[role^=menuitem]") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.get(i)?.dyn_into().ok())
        .collect()
}

/// The menu button of rental `id` (named `label`, e.g. "More actions: +7 …") and its menu
/// of `children`: buttons with `role="menuitem"` (or `menuitemcheckbox`) and `tabindex="-1"`;
/// one with `aria-disabled="true"` is read but does nothing.
#[component]
pub fn RowMenu(id: i64, open: OpenMenu, label: String, children: ChildrenFn) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let menu_id = format!("row-menu-{id}");
    // Where the menu stands: its top and its right edge's distance from the window's.
    let place = RwSignal::new((0.0_f64, 0.0_f64));
    let close = move |refocus: bool| {
        open.open.set(None);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    // The focused item takes the focus, also in a menu drawn anew, and the menu stands
    // below its button, or above it where the window ends.
    Effect::new(move |_| {
        open.moved.track();
        let Some((row, at)) = open.open.get() else {
            return;
        };
        let (Some(b), Some(m)) = (button.get(), menu.get()) else {
            return;
        };
        if row != id {
            return;
        }
        let b = b.get_bounding_client_rect();
        let height = m.get_bounding_client_rect().height();
        let window_height = window().inner_height().ok().and_then(|h| h.as_f64());
        let window_width = window().inner_width().ok().and_then(|w| w.as_f64());
        let below = b.bottom() + 4.0;
        let top = match window_height {
            Some(h) if below + height > h && b.top() - height - 4.0 >= 0.0 => {
                b.top() - height - 4.0
            }
            _ => below,
        };
        place.set((top, window_width.map_or(0.0, |w| (w - b.right()).max(4.0))));
        if let Some(item) = items(&m).get(at as usize) {
            let _ = item.focus();
        }
    });
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        let count = items(&m).len() as u32;
        let at = open.open.get_untracked().map_or(0, |(_, at)| at);
        let next = match ev.key().as_str() {
            "ArrowDown" => (at + 1) % count.max(1),
            "ArrowUp" => (at + count.max(1) - 1) % count.max(1),
            "Home" => 0,
            "End" => count.saturating_sub(1),
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                close(true);
                return;
            }
            // Tab leaves the menu from its button, to what follows it.
            "Tab" => {
                close(true);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        open.open.set(Some((id, next)));
    };
    // A choice closes the menu after its own handler ran (it bubbled here).
    let chosen = move |ev: leptos::ev::MouseEvent| {
        let item = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[role^=menuitem]").ok().flatten());
        if item.is_some_and(|i| i.get_attribute("aria-disabled").as_deref() != Some("true")) {
            // An editor the choice opened has the focus by now: it keeps it.
            let still_here = menu.get_untracked().is_some_and(|m| {
                let active = document().active_element();
                m.contains(active.as_ref().map(|a| a.unchecked_ref::<web_sys::Node>()))
            });
            close(still_here);
        }
    };
    let menu_label = label.clone();
    view! {
        <span class="row-menu" data-menu-row=id>
            <button node_ref=button type="button" class="secondary row-menu-button" data-testid="row-menu"
                aria-haspopup="menu" aria-label=label
                aria-controls={
                    // Names the menu only while it is in the page (a reference to a missing
                    // element is invalid ARIA).
                    let menu_id = menu_id.clone();
                    move || open.is_open(id).then(|| menu_id.clone())
                }
                aria-expanded=move || open.is_open(id).to_string()
                on:click=move |_| {
                    if open.is_open(id) {
                        close(false);
                    } else {
                        open.open.set(Some((id, 0)));
                    }
                }>
                <span aria-hidden="true">"⋯"</span>
            </button>
            {move || open.is_open(id).then(|| view! {
                <div node_ref=menu id=menu_id.clone() role="menu" aria-label=menu_label.clone() class="row-menu-items"
                    style:top=move || format!("{}px", place.get().0)
                    style:right=move || format!("{}px", place.get().1)
                    on:keydown=keydown on:click=chosen>
                    {children()}
                </div>
            })}
        </span>
    }
}
