//! The window's keyboard: the arrow keys move through the rows, drawn or not yet.

use super::RowWindow;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

impl RowWindow {
    /// Up and down arrows move the focus to the same control of the row above or below;
    /// the page scrolls to it and the window follows. When that row is not drawn yet, the
    /// focus goes to it as soon as it is. Text fields keep their arrows.
    pub fn keydown(self, ev: leptos::ev::KeyboardEvent) {
        let down = match ev.key().as_str() {
            "ArrowDown" => true,
            "ArrowUp" => false,
            _ => return,
        };
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let tag = target.tag_name();
        let typing = matches!(tag.as_str(), "TEXTAREA" | "SELECT")
            || (tag == "INPUT" && target.get_attribute("type").as_deref() != Some("checkbox"));
        let Some(row) = target.closest("[data-row]").ok().flatten() else {
            return;
        };
        let Some(id) = row
            .get_attribute("data-row")
            .and_then(|id| id.parse::<i64>().ok())
        else {
            return;
        };
        if typing {
            return;
        }
        // Keys pressed faster than rows are drawn go on from the row still to be focused.
        let waiting = self.focus_wanted.get_value();
        let from = waiting.map_or(id, |(id, _)| id);
        let next = self.order.with_untracked(|ids| {
            let at = ids.iter().position(|x| *x == from)?;
            let next = if down {
                at.checked_add(1)
            } else {
                at.checked_sub(1)
            }?;
            ids.get(next).copied()
        });
        let Some(next) = next else { return };
        ev.prevent_default();
        let control = match waiting {
            Some((_, control)) => control,
            None => controls(&row)
                .and_then(|all| {
                    (0..all.length())
                        .find(|i| all.item(*i).is_some_and(|n| n.is_same_node(Some(&target))))
                })
                .unwrap_or(0),
        };
        self.focus_wanted.set_value(Some((next, control)));
        if !self.focus_waiting() {
            // Not drawn yet: bring it on screen; the focus follows once it is drawn.
            self.bring_on_screen(next);
        }
    }

    /// Scrolls just enough for row `id` to be on screen (by its place in the offsets).
    fn bring_on_screen(self, id: i64) {
        let Some(at) = self
            .order
            .with_untracked(|ids| ids.iter().position(|x| *x == id))
        else {
            return;
        };
        let Some((top, bottom)) = self
            .offsets
            .with_untracked(|o| Some((*o.get(at)?, *o.get(at + 1)?)))
        else {
            return;
        };
        let Some((seen_top, seen_bottom)) = self.seen() else {
            return;
        };
        let by = if bottom > seen_bottom {
            bottom - seen_bottom
        } else if top < seen_top {
            top - seen_top
        } else {
            return;
        };
        match self.list.get_value() {
            Some(list) if self.scrolls_itself.get_value() => list.scroll_by_with_x_and_y(0.0, by),
            _ => window().scroll_by_with_x_and_y(0.0, by),
        }
        self.sync_soon();
    }

    /// Focuses the control a key asked for, once its row is drawn; `true` when done.
    pub(super) fn focus_waiting(self) -> bool {
        let Some(Some((id, control))) = self.focus_wanted.try_get_value() else {
            return false;
        };
        let Some(row) = self.list.get_value().and_then(|list| {
            list.query_selector(&format!("[data-row=\"{id}\"]"))
                .ok()
                .flatten()
        }) else {
            return false;
        };
        let goal = controls(&row)
            .and_then(|all| all.item(control.min(all.length().saturating_sub(1))))
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
        self.focus_wanted.set_value(None);
        if let Some(goal) = goal {
            let _ = goal.focus();
        }
        true
    }
}

/// A row's controls, in the order Tab reaches them.
fn controls(row: &web_sys::Element) -> Option<web_sys::NodeList> {
    row.query_selector_all("input, button:not([disabled]), a[href]")
        .ok()
}
