//! One stable sort for the whole app. Each `sort_by` with its own closure compiles its own
//! copy of the standard library's sort (about 4 KB of wasm each, 68 sort functions in the
//! app's wasm); these sort positions through one comparator behind `dyn`, so the sort is
//! compiled once and only the small reordering is generic.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` stably by `key`, computing each key once.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    reorder(items, order);
}

#[inline(never)]
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

fn reorder<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_key_and_by_comparator() {
        let mut words = vec!["pear", "Fig", "apple", "fig", "Apple"];
        sort_by_key(&mut words, |w| w.to_lowercase());
        assert_eq!(words, ["apple", "Apple", "Fig", "fig", "pear"]);
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["apple", "Apple", "pear", "Fig", "fig"]);
        let mut none: Vec<u8> = Vec::new();
        sort_by(&mut none, u8::cmp);
        assert!(none.is_empty());
    }
}
