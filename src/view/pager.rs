//! Numbered pages of an aggregate page (`matrix/`, `matrix/2/`, …): how
//! many there are, what each shows, and the pager that links them (their
//! paths are [`Route`]s).

use serde::Serialize;

use crate::routes::Route;

/// Links between the pages of one aggregate page.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Pager {
    /// This page's number, from 1.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and last pages and those near this one, in order, with a
    /// gap (no `number`, no `href`) where pages are skipped.
    pub items: Vec<PagerItem>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct PagerItem {
    pub number: Option<usize>,
    pub href: Option<String>,
    pub current: bool,
}

/// Pages on each side of the current one that the pager names.
const NEAR: usize = 2;

/// How many pages `items` things take at `per_page` a page: at least one,
/// so an empty dossier still has the page that says so.
pub(crate) fn count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The range of items on page `n`.
pub(crate) fn range(items: usize, per_page: usize, n: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * per_page).min(items);
    start..(start + per_page).min(items)
}

impl Pager {
    /// The pager of page `current` of `total`, each page's route `page(n)`,
    /// seen from a page whose root is `root`.
    pub(crate) fn new(root: &str, page: fn(usize) -> Route<'static>, current: usize, total: usize) -> Pager {
        let link = |n: usize| page(n).href(root);
        let mut items = Vec::new();
        let mut last_shown = 0;
        for n in 1..=total {
            if n == 1 || n == total || n.abs_diff(current) <= NEAR {
                if n > last_shown + 1 {
                    items.push(PagerItem { number: None, href: None, current: false });
                }
                items.push(PagerItem { number: Some(n), href: Some(link(n)), current: n == current });
                last_shown = n;
            }
        }
        Pager {
            current,
            total,
            prev: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
            items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pager) -> Vec<Option<usize>> {
        p.items.iter().map(|i| i.number).collect()
    }

    #[test]
    fn the_pager_names_the_ends_and_the_neighbours() {
        let from = |n| Route::Matrix(n).root(None);
        let p = Pager::new(&from(6), Route::Matrix, 6, 20);
        assert_eq!(numbers(&p), [Some(1), None, Some(4), Some(5), Some(6), Some(7), Some(8), None, Some(20)]);
        assert_eq!(p.prev, Some(Route::Matrix(5).href(&from(6))));
        assert_eq!(p.next, Some(Route::Matrix(7).href(&from(6))));
        assert!(p.items.iter().filter(|i| i.current).all(|i| i.number == Some(6)));
        let first = Pager::new(&from(1), Route::Matrix, 1, 3);
        assert_eq!(numbers(&first), [Some(1), Some(2), Some(3)]);
        assert_eq!(first.prev, None);
        assert_eq!(first.items[0].href, Some(Route::Matrix(1).href(&from(1))));
        assert_eq!(Pager::new(&from(1), Route::Matrix, 1, 1).items.len(), 1);
    }

    #[test]
    fn pages_split_items_without_gaps_or_overlap() {
        assert_eq!(count(0, 25), 1);
        assert_eq!(count(25, 25), 1);
        assert_eq!(count(26, 25), 2);
        assert_eq!(range(60, 25, 1), 0..25);
        assert_eq!(range(60, 25, 3), 50..60);
        assert_eq!(range(0, 25, 1), 0..0);
    }
}
