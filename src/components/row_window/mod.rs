//! Draws only the rows (children with `data-row`: their id) of a long list that are near the screen (windowing), so a desk of
//! 20,000 rentals costs what the screen shows. The rows above and below the window are
//! stood in for by two spacers whose heights add up what those rows measured when they
//! were drawn (a guess that holds steady for rows never drawn), so the real scrollbar
//! spans the whole list, scrolling moves through all of it, and the list's end stays where
//! a scroll to it aimed.
//!
//! The window changes the drawn list in steps that Leptos's keyed `For` applies without
//! moving a row that stays: first the rows that go, then each new row alone at its place
//! (its diff moves every row after a block of two or more inserted before them). So a
//! refresh that brings ten rentals to the top adds ten rows and removes ten, and a focused
//! row, an open editor or a text selection in a row that stays is never detached.
//!
//! ## Usage
//! ```ignore
//! let window = RowWindow::new(order, None);
//! view! { <tbody node_ref=window.list>
//!     <tr class="window-spacer"><td style:height=window.above()/></tr>
//!     <For each=move || window.drawn.get() key=|id| *id let:id>…</For>
//!     <tr class="window-spacer"><td style:height=window.below()/></tr>
//! </tbody> }
//! ```

use leptos::html::ElementType;
use leptos::prelude::*;
use leptos::task::{spawn_local, tick};
use std::collections::{HashMap, HashSet};
use wasm_bindgen::JsCast;

mod keys;

/// A row's height before any row was measured, in CSS pixels.
const FIRST_GUESS_PX: f64 = 64.0;

/// The window over one list of ids, and what is drawn of it.
#[derive(Clone, Copy)]
pub struct RowWindow {
    /// Every id of the list, in order.
    order: Signal<Vec<i64>>,
    /// The ids drawn now, in order: what the list's `For` iterates.
    pub drawn: RwSignal<Vec<i64>>,
    /// Where the window starts and ends in `order`.
    range: Memo<(usize, usize)>,
    /// Each list position's distance from the list's top (one more than the ids).
    offsets: Memo<Vec<f64>>,
    /// The part of the list on screen, in pixels from its top.
    view: RwSignal<(f64, f64)>,
    heights: StoredValue<HashMap<i64, f64>>,
    /// The height of a row never drawn (see [`rent_api::window::steady_guess`]).
    guess: StoredValue<f64>,
    measured: RwSignal<u64>,
    /// The element the rows are children of (`tbody`, `ol`).
    list: StoredValue<Option<web_sys::Element>>,
    /// The list scrolls itself (a dialog's list); else the page scrolls it.
    scrolls_itself: StoredValue<bool>,
    /// A sync is asked for the next frame.
    pending: StoredValue<bool>,
    /// The scroll position at the last sync, to tell a scroll in motion.
    scrolled: StoredValue<f64>,
    /// Bumped by every change of the target, so an older stepping stops.
    generation: StoredValue<u64>,
    /// A row (id) and which of its controls should take the focus once it is drawn.
    focus_wanted: StoredValue<Option<(i64, u32)>>,
}

impl RowWindow {
    /// A window over `order`; it follows the page's scrolling (and resizing) until the
    /// calling view goes away.
    pub fn new(order: Signal<Vec<i64>>) -> RowWindow {
        let heights = StoredValue::new(HashMap::<i64, f64>::new());
        let guess = StoredValue::new(FIRST_GUESS_PX);
        let measured = RwSignal::new(0u64);
        let view = RwSignal::new((0.0, window_height()));
        let offsets = Memo::new(move |_| {
            measured.track();
            let guess = guess.get_value();
            heights.with_value(|h| {
                order.with(|ids| {
                    let mut at = Vec::with_capacity(ids.len() + 1);
                    let mut y = 0.0;
                    at.push(y);
                    for id in ids {
                        y += h.get(id).copied().unwrap_or(guess);
                        at.push(y);
                    }
                    at
                })
            })
        });
        let drawn = RwSignal::new(Vec::new());
        let range = Memo::new(move |_| {
            let (top, bottom) = view.get();
            let (start, end) =
                offsets.with(|o| rent_api::window::span(o, top, bottom, window_height()));
            (start, order.with(|ids| sticky_end(drawn, ids, end)))
        });
        let rows = RowWindow {
            order,
            drawn,
            range,
            offsets,
            view,
            heights,
            guess,
            measured,
            list: StoredValue::new(None),
            scrolls_itself: StoredValue::new(false),
            pending: StoredValue::new(false),
            scrolled: StoredValue::new(0.0),
            generation: StoredValue::new(0),
            focus_wanted: StoredValue::new(None),
        };
        let target = Memo::new(move |_| {
            let (start, end) = range.get();
            order.with(|ids| ids.get(start..end).map(<[i64]>::to_vec).unwrap_or_default())
        });
        Effect::new(move |_| {
            let to = target.get();
            let mine = rows.generation.get_value() + 1;
            rows.generation.set_value(mine);
            spawn_local(async move { rows.step_to(to, mine).await });
        });
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| rows.sync_soon());
        let on_resize = window_event_listener(leptos::ev::resize, move |_| rows.sync_soon());
        on_cleanup(move || {
            on_scroll.remove();
            on_resize.remove();
        });
        rows
    }

    /// Follows the list element once it is mounted; `scrolls_itself`: the list has its own
    /// scrollbar (a dialog's list), else the page scrolls it.
    pub fn attach<E>(self, list: NodeRef<E>, scrolls_itself: bool)
    where
        E: ElementType,
        E::Output: JsCast + Clone + 'static,
    {
        Effect::new(move |_| {
            let Some(el) = list.get() else { return };
            let el: web_sys::Element = el.unchecked_into();
            if scrolls_itself {
                let on_scroll = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                    self.sync_soon();
                });
                let _ = el
                    .add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
                on_scroll.forget();
                self.scrolls_itself.set_value(true);
            }
            self.list.set_value(Some(el));
            self.sync_soon();
        });
    }

    /// How far the window starts from the list's top: the upper spacer's height.
    pub fn above(self) -> String {
        let (start, _) = self.range.get();
        px(self.offsets.with(|o| o.get(start).copied().unwrap_or(0.0)))
    }

    /// The rest of the list below the window: the lower spacer's height.
    pub fn below(self) -> String {
        let (_, end) = self.range.get();
        px(self.offsets.with(|o| {
            let last = o.last().copied().unwrap_or(0.0);
            last - o.get(end).copied().unwrap_or(last)
        }))
    }

    /// The position of `id` in the whole list (0 is the first), for `aria-rowindex`.
    pub fn position(self, id: i64) -> Option<usize> {
        let (start, end) = self.range.get();
        self.order
            .with(|ids| ids.get(start..end)?.iter().position(|x| *x == id))
            .map(|at| start + at)
    }

    /// How many ids the list has (tracked).
    pub fn len(self) -> usize {
        self.order.with(Vec::len)
    }

    /// Whether the list is long enough that only part of it is drawn (tracked).
    pub fn windowed(self) -> bool {
        self.len() > rent_api::window::DRAW_ALL_UP_TO
    }

    /// Whether the list has no ids (tracked).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Scrolls so `id` is in the window and on screen; `true` if it is in the list.
    pub fn reveal(self, id: i64) -> bool {
        let Some(at) = self
            .order
            .with_untracked(|ids| ids.iter().position(|x| *x == id))
        else {
            return false;
        };
        let y = self
            .offsets
            .with_untracked(|o| o.get(at).copied().unwrap_or(0.0));
        let Some(list) = self.list.get_value() else {
            return true;
        };
        // A little of the row before stays in sight, so the row reads in its context.
        let margin = 96.0;
        if self.scrolls_itself.get_value() {
            list.set_scroll_top((y - margin).max(0.0) as i32);
        } else {
            let top = list.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0);
            window().scroll_to_with_x_and_y(0.0, (top + y - margin).max(0.0));
        }
        self.sync_soon();
        true
    }

    /// Measures the drawn rows and reads the part on screen in the next frame (once, however
    /// often it is asked within a frame).
    fn sync_soon(self) {
        if self.pending.try_get_value() != Some(false) {
            return;
        }
        self.pending.set_value(true);
        request_animation_frame(move || {
            if self.pending.try_set_value(false).is_some() {
                return; // the view is gone
            }
            // The first row on screen stays where it is while the heights above it change
            // from estimates to measurements (what the browser's scroll anchoring does, and
            // WebKit does not): else the page would jump by the difference. Not while the
            // page moves since the last sync: a scroll by script would stop a smooth scroll
            // (End, a wheel) halfway, and a shift of a few pixels in motion goes unseen.
            let at = self.scroll_position();
            let moving = (at - self.scrolled.get_value()).abs() > 0.5;
            self.scrolled.set_value(at);
            let anchor = self.first_on_screen().filter(|_| !moving);
            if !self.measure() {
                self.read_view();
                return;
            }
            spawn_local(async move {
                // The spacers take the new heights in the next ticks, before the next paint.
                tick().await;
                tick().await;
                if let Some((row, was)) = anchor {
                    let moved = row.get_bounding_client_rect().top() - was;
                    if moved.abs() > 0.5 && row.is_connected() {
                        match self.list.try_get_value().flatten() {
                            Some(list) if self.scrolls_itself.get_value() => {
                                list.scroll_by_with_x_and_y(0.0, moved)
                            }
                            _ => window().scroll_by_with_x_and_y(0.0, moved),
                        }
                        self.scrolled.try_set_value(self.scroll_position());
                    }
                }
                if self.list.try_get_value().is_some() {
                    self.read_view();
                }
            });
        });
    }

    /// How far the list's scroller (the page, or the list itself) is scrolled.
    fn scroll_position(self) -> f64 {
        match self.list.try_get_value().flatten() {
            Some(list) if self.scrolls_itself.get_value() => f64::from(list.scroll_top()),
            _ => window().scroll_y().unwrap_or(0.0),
        }
    }

    /// Takes the part of the list now on screen.
    fn read_view(self) {
        if let Some(seen) = self.seen() {
            if self
                .view
                .with_untracked(|v| (v.0 - seen.0).abs() > 0.5 || (v.1 - seen.1).abs() > 0.5)
            {
                self.view.set(seen);
            }
        }
    }

    /// The first drawn row whose bottom is on screen, and its top.
    fn first_on_screen(self) -> Option<(web_sys::Element, f64)> {
        let list = self.list.get_value()?;
        let clip = if self.scrolls_itself.get_value() {
            list.get_bounding_client_rect().top()
        } else {
            0.0
        };
        let children = list.children();
        (0..children.length())
            .filter_map(|i| children.item(i))
            .filter(|row| row.has_attribute("data-row"))
            .map(|row| {
                let rect = row.get_bounding_client_rect();
                (row, rect.top(), rect.bottom())
            })
            .find(|(_, _, bottom)| *bottom > clip)
            .map(|(row, top, _)| (row, top))
    }

    /// Notes each drawn row's height: from its top to the next row's (or spacer's) top, so
    /// margins and borders count. `true` when a height changed.
    fn measure(self) -> bool {
        let Some(list) = self.list.get_value() else {
            return false;
        };
        let children = list.children();
        let mut changed = false;
        let mut previous: Option<(i64, f64)> = None;
        self.heights.update_value(|heights| {
            for i in 0..children.length() {
                let Some(child) = children.item(i) else {
                    continue;
                };
                let top = child.get_bounding_client_rect().top();
                if let Some((id, was_top)) = previous.take() {
                    let height = top - was_top;
                    if height > 0.0 && heights.get(&id).is_none_or(|h| (h - height).abs() > 0.5) {
                        heights.insert(id, height);
                        changed = true;
                    }
                }
                previous = child
                    .get_attribute("data-row")
                    .and_then(|id| id.parse().ok())
                    .map(|id| (id, top));
            }
        });
        if changed {
            let average = self.heights.with_value(average);
            self.guess
                .update_value(|g| *g = rent_api::window::steady_guess(Some(*g), average));
            self.measured.update(|m| *m += 1);
        }
        changed
    }

    /// The part of the list on screen, in pixels from its top; `None` before it is mounted.
    fn seen(self) -> Option<(f64, f64)> {
        let list = self.list.get_value()?;
        if self.scrolls_itself.get_value() {
            let top = f64::from(list.scroll_top());
            return Some((top, top + f64::from(list.client_height())));
        }
        let top = list.get_bounding_client_rect().top();
        Some((-top, window_height() - top))
    }

    /// Moves the drawn list to `to` in steps the keyed `For` applies without moving a row
    /// that stays (see the module's comment). An older stepping stops when a newer begins.
    async fn step_to(self, to: Vec<i64>, mine: u64) {
        let current = || self.generation.try_get_value() == Some(mine);
        let Some(from) = self.drawn.try_get_untracked() else {
            return;
        };
        let mut list = rent_api::window::kept_in_order(&from, &to);
        if list != from {
            self.drawn.set(list.clone());
            tick().await;
        }
        let kept: HashSet<i64> = list.iter().copied().collect();
        let mut at = 0;
        while at < to.len() {
            if !current() {
                return;
            }
            if kept.contains(&to[at]) {
                at += 1;
                continue;
            }
            // New rows up to the next kept one; after the last kept row, all of them at once
            // (appending moves nothing), before it one at a time.
            let block = if to[at..].iter().any(|id| kept.contains(id)) {
                1
            } else {
                to.len() - at
            };
            for (i, id) in to[at..at + block].iter().enumerate() {
                list.insert(at + i, *id);
            }
            self.drawn.set(list.clone());
            at += block;
            tick().await;
        }
        if current() {
            self.focus_waiting();
            self.sync_soon();
        }
    }
}

/// Where the window ends: as far as the drawn rows reach already, up to [`SLACK_ROWS`]
/// past `end`. Rows a refresh puts on top are drawn before they are measured; without
/// this the window would take rows away at its end (or add some) for their estimated
/// height, and undo that a frame later once they are measured. The spacer below starts
/// here too, so a row kept this way is never counted twice.
fn sticky_end(drawn: RwSignal<Vec<i64>>, ids: &[i64], end: usize) -> usize {
    let Some(last) = drawn.with_untracked(|d| d.last().copied()) else {
        return end;
    };
    match ids.iter().position(|id| *id == last) {
        Some(at) if at >= end => (at + 1).min(end + SLACK_ROWS).min(ids.len()),
        _ => end,
    }
}

/// How many rows past the needed end the window may keep (see [`sticky_end`]).
const SLACK_ROWS: usize = 12;

fn average(heights: &HashMap<i64, f64>) -> f64 {
    if heights.is_empty() {
        FIRST_GUESS_PX
    } else {
        heights.values().sum::<f64>() / heights.len() as f64
    }
}

fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

fn px(value: f64) -> String {
    format!("{:.0}px", value.max(0.0))
}
