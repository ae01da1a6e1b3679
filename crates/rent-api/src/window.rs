//! Which rows of a long list to draw (windowing), and how to change the drawn rows without
//! moving the ones that stay: the rules behind the app's row window, free of the browser.

use std::collections::HashMap;

/// Lists this long or shorter are drawn whole (the browser's find-in-page then sees all).
pub const DRAW_ALL_UP_TO: usize = 100;

/// The ids of `from` that stay in `to`, keeping as many as possible in place: the longest
/// run in `from`'s order that is also in `to`'s order (the others are drawn anew).
pub fn kept_in_order(from: &[i64], to: &[i64]) -> Vec<i64> {
    let at: HashMap<i64, usize> = to.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let stays: Vec<(i64, usize)> = from
        .iter()
        .filter_map(|id| Some((*id, *at.get(id)?)))
        .collect();
    longest_increasing(&stays)
}

/// The longest subsequence of `items` whose positions rise (patience sorting, n log n).
fn longest_increasing(items: &[(i64, usize)]) -> Vec<i64> {
    let mut tails: Vec<usize> = Vec::new(); // index into items of each length's smallest tail
    let mut before: Vec<Option<usize>> = vec![None; items.len()];
    for (i, (_, pos)) in items.iter().enumerate() {
        let len = tails.partition_point(|&t| items[t].1 < *pos);
        before[i] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(i);
        } else {
            tails[len] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut next = tails.last().copied();
    while let Some(i) = next {
        out.push(items[i].0);
        next = before[i];
    }
    out.reverse();
    out
}

/// The rows to draw for the part `top..bottom` of a list with these offsets: that part and
/// half a screen above and below it, at least a screen's worth.
pub fn span(offsets: &[f64], top: f64, bottom: f64, screen: f64) -> (usize, usize) {
    let n = offsets.len().saturating_sub(1);
    if n <= DRAW_ALL_UP_TO {
        return (0, n);
    }
    let extra = screen / 2.0;
    let start = offsets[1..].partition_point(|&o| o <= top - extra).min(n);
    let end = offsets.partition_point(|&o| o < bottom + extra).min(n);
    let per_row = offsets[n] / n as f64;
    let least = (screen / per_row.max(1.0)).ceil() as usize + 2;
    (start, end.max(start + least).min(n))
}

/// The height that stands in for the rows never drawn: the `previous` guess while the measured
/// `average` stays within a pixel of it, else the average. Rows differ by half a pixel
/// (39.4 and 39.9 px at 20,000 rentals); a guess following every such wobble moved the whole
/// list by 20,000 × its change (500 px), so a scroll to the end (End, a fling) aimed at a
/// bottom that had moved and stopped short of the last row.
pub fn steady_guess(previous: Option<f64>, average: f64) -> f64 {
    match previous {
        Some(guess) if (guess - average).abs() <= GUESS_TOLERANCE_PX => guess,
        _ => average,
    }
}

/// How far the measured average may move before the guess follows: beyond sub-pixel
/// rounding, below what a change of density, font or width makes (tens of pixels).
const GUESS_TOLERANCE_PX: f64 = 1.0;

/// How tall a list's rows are drawn: one line each with the rare actions in a menu, or
/// today's rows with every action as a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Density {
    /// One line a row: a person looking over many numbers.
    Compact,
    /// Every action in sight: a person with a few numbers.
    Comfortable,
}

/// From this many rentals on, the rows are compact unless the person chose otherwise: at
/// 20, comfortable rows (about 130 px) take three screens at 1280 × 900, compact ones
/// (about 45 px) one; below it every action in sight costs little scrolling.
pub const COMPACT_FROM: usize = 20;

impl Density {
    /// The density a list of `rentals` is drawn in: the person's choice, else by its length.
    pub fn for_list(chosen: Option<Density>, rentals: usize) -> Density {
        chosen.unwrap_or(if rentals >= COMPACT_FROM {
            Density::Compact
        } else {
            Density::Comfortable
        })
    }

    /// The stored word for it.
    pub fn code(self) -> &'static str {
        match self {
            Density::Compact => "compact",
            Density::Comfortable => "comfortable",
        }
    }

    /// The density a stored word names; `None` for anything else (no choice made).
    pub fn from_code(code: &str) -> Option<Density> {
        match code {
            "compact" => Some(Density::Compact),
            "comfortable" => Some(Density::Comfortable),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_rows_that_stay_in_order() {
        // Ten flagged rentals come to the top: the ones drawn before stay, in order.
        assert_eq!(
            kept_in_order(&[1, 2, 3, 4], &[9, 8, 1, 2, 3]),
            vec![1, 2, 3]
        );
        // A row that moves up past others is drawn anew; the rest stay.
        assert_eq!(kept_in_order(&[1, 2, 3, 4], &[3, 1, 2, 4]), vec![1, 2, 4]);
        assert!(kept_in_order(&[1, 2], &[5, 6]).is_empty());
    }

    #[test]
    fn draws_the_screen_and_half_a_screen_around_it() {
        let offsets: Vec<f64> = (0..=1000).map(|i| i as f64 * 50.0).collect();
        // At the top: 0 .. (800 + 400) / 50 rows.
        assert_eq!(span(&offsets, 0.0, 800.0, 800.0), (0, 24));
        // Far down: 400 px (8 rows) above and below.
        assert_eq!(span(&offsets, 10_000.0, 10_800.0, 800.0), (192, 224));
        // At the end.
        assert_eq!(span(&offsets, 49_200.0, 50_000.0, 800.0), (976, 1000));
        // A short list is drawn whole.
        let short: Vec<f64> = (0..=20).map(|i| i as f64 * 50.0).collect();
        assert_eq!(span(&short, 0.0, 100.0, 800.0), (0, 20));
    }

    #[test]
    fn the_guess_holds_through_sub_pixel_wobble_and_follows_a_real_change() {
        assert_eq!(steady_guess(None, 39.6), 39.6);
        // Rows of 39.41 and 39.91 px measured in another part of the list: the guess holds.
        assert_eq!(steady_guess(Some(39.6), 39.41), 39.6);
        assert_eq!(steady_guess(Some(39.6), 39.91), 39.6);
        // Comfortable rows (about 130 px) after compact ones: the guess follows.
        assert_eq!(steady_guess(Some(39.6), 128.0), 128.0);
        assert_eq!(steady_guess(Some(39.6), 41.0), 41.0);
    }

    #[test]
    fn compact_from_twenty_rentals_unless_chosen() {
        assert_eq!(Density::for_list(None, 0), Density::Comfortable);
        assert_eq!(
            Density::for_list(None, COMPACT_FROM - 1),
            Density::Comfortable
        );
        assert_eq!(Density::for_list(None, COMPACT_FROM), Density::Compact);
        let chosen = Some(Density::Comfortable);
        assert_eq!(Density::for_list(chosen, 20_000), Density::Comfortable);
        assert_eq!(
            Density::for_list(Some(Density::Compact), 1),
            Density::Compact
        );
        for d in [Density::Compact, Density::Comfortable] {
            assert_eq!(Density::from_code(d.code()), Some(d));
        }
        assert_eq!(Density::from_code("dense"), None);
    }
}
